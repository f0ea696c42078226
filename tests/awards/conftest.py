"""Fixtures of the awards tests: the 9th edition read from the imported seed, and a live edition with
schools, experts and candidates made through the workflow functions."""
import datetime as dt

import pytest

D = dt.date
CODES = ("innovation", "science", "practice", "presentation")  # the four marks an expert gives


@pytest.fixture
def ninth(imported_seed):
    from zhengwu.awards.seed import import_document

    return import_document("綦江府发[2021]10号")


@pytest.fixture
def schools(db):
    from zhengwu.awards.applications import school_named

    return {"kdc": school_named("綦江区康德城第一小学"), "zsl": school_named("綦江区中山路小学"),
            "sy": school_named("綦江区实验中学")}


@pytest.fixture
def experts(schools):
    from zhengwu.awards.models import Expert

    return [Expert.objects.create(name="专家甲", school=schools["kdc"]),
            Expert.objects.create(name="专家乙", school=schools["zsl"]),
            Expert.objects.create(name="专家丙"),
            Expert.objects.create(name="专家丁", school=schools["sy"])]


@pytest.fixture
def edition(db):
    from zhengwu.awards.editions import create_edition

    return create_edition(10, 2022, on=D(2022, 3, 1), winner_quota=2, nominee_quota=2)


def make_candidates(edition, schools, names):
    """Applications opened 2022-03-01, each (school key, name, grade, class), then recommendation opened."""
    from zhengwu.awards.applications import apply
    from zhengwu.awards.editions import advance
    from zhengwu.awards.vocab import State

    advance(edition, State.APPLYING, D(2022, 3, 1))
    made = [apply(edition, schools[key], name=name, grade=grade, class_no=cls, project=f"{name}的项目",
                  on=D(2022, 3, 5)) for key, name, grade, cls in names]
    advance(edition, State.RECOMMENDING, D(2022, 3, 20))
    return made


def reviewed(edition, schools, marks):
    """Candidates (school key, name, grade, class, mark) recommended, reviewed and marked the same by every expert."""
    from zhengwu.awards import applications, review
    from zhengwu.awards.models import Assignment

    people = make_candidates(edition, schools, [(k, n, gr, c) for k, n, gr, c, _m in marks])
    for person in people:
        applications.recommend(person, school=person.school, on=D(2022, 3, 21))
    review.start_review(edition, D(2022, 4, 1))
    by_name = {n: m for _k, n, _g, _c, m in marks}
    for a in Assignment.objects.filter(candidate__edition=edition).select_related("candidate", "expert"):
        review.submit_scores(a, {k: str(by_name[a.candidate.name]) for k in CODES}, expert=a.expert, on=D(2022, 4, 2))
    return people
