"""Properties over varied inputs (hypothesis): name-list lines read back what was printed, grades outside
a school's stages are refused, scores out of range never pass, and the ranking's tiers always respect the
quotas, follow the exact scores, and after a removal the next ranked moves up."""
import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengwu.awards import grades, rules
from zhengwu.awards.review import parse_score
from zhengwu.core.errors import DomainError

CJK = st.sampled_from(list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文烁艾琳梓涵圣哲欣妍成城远霖鸿宇裔越"))
SCHOOLS = st.sampled_from(["綦江区康德城第一小学", "綦江区文龙小学校", "綦江区万兴中学", "綦江区实验中学",
                           "綦江区东溪书院街小学"])


@given(name=st.text(CJK, min_size=2, max_size=4), school=SCHOOLS, class_no=st.integers(1, 30),
       data=st.data(), pad=st.booleans(), spaced_class=st.booleans())
def test_list_lines_read_back(name, school, class_no, data, pad, spaced_class):
    grade = data.draw(st.sampled_from(grades.grades_of(grades.stages_of(school))))
    printed_name = " ".join(name) if pad and len(name) == 2 else name
    cls = f" {class_no} 班" if spaced_class else f"{class_no}班"
    entry = grades.parse_list_line(f"{printed_name} {school}{grade}{cls}学生")
    assert (entry.name, entry.school, entry.grade, entry.class_no, entry.flags) == (name, school, grade, class_no, [])


@given(school=SCHOOLS, grade=st.sampled_from(grades.ALL_GRADES))
def test_grade_check_follows_the_stages(school, grade):
    stages = grades.stages_of(school)
    if grade in grades.grades_of(stages):
        grades.check_grade(grade, school, stages)
    else:
        with pytest.raises(DomainError) as info:
            grades.check_grade(grade, school, stages)
        assert info.value.field == "grade"


@given(value=st.decimals(allow_nan=False, allow_infinity=False, places=1, min_value=-1000, max_value=1000))
def test_scores_in_range_only(value):
    if 0 <= value <= 100:
        assert parse_score(str(value), field="science", maximum=100) == value
    else:
        with pytest.raises(DomainError) as info:
            parse_score(str(value), field="science", maximum=100)
        assert info.value.code == "score_out_of_range"


@given(totals=st.lists(st.decimals(min_value=0, max_value=100, places=1), min_size=1, max_size=5))
def test_mean_is_exact(totals):
    assert rules.mean(totals) * len(totals) == sum(Fraction(t) for t in totals)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(marks=st.lists(st.integers(50, 60), min_size=1, max_size=7), winners=st.integers(1, 3),
       nominees=st.integers(1, 3), removed=st.integers(0, 6))
@pytest.mark.django_db
def test_tiers_respect_quotas_and_scores(marks, winners, nominees, removed):
    """Built straight in the database (no review): apply_tiers over any ranked list."""
    from django.db import transaction

    from zhengwu.awards.applications import school_named
    from zhengwu.awards.models import Candidate, Edition
    from zhengwu.awards.ranking import apply_tiers
    from zhengwu.awards.vocab import Tier

    with transaction.atomic():  # each example rolls back, so the next starts empty
        edition = Edition.objects.create(number=99, year=2030, winner_quota=winners, nominee_quota=nominees,
                                         state="ranked")
        school = school_named("綦江区实验中学")
        ordered = sorted(enumerate(marks), key=lambda x: -x[1])
        people = [Candidate.objects.create(edition=edition, school=school, name=f"学生{'甲乙丙丁戊己庚'[i]}",
                                           grade="高一年级", class_no=1, rank=rank, score=Decimal(mark))
                  for rank, (i, mark) in enumerate(ordered, start=1)]
        apply_tiers(edition, dt.date(2030, 1, 1))
        if removed < len(people):
            Candidate.objects.filter(pk=people[removed].pk).update(removed=True)
            apply_tiers(edition, dt.date(2030, 1, 2))
        rows = list(Candidate.objects.filter(edition=edition).order_by("rank"))
        kept = [c for c in rows if not c.removed]
        assert sum(c.tier == Tier.WINNER for c in kept) == min(winners, len(kept))
        assert sum(c.tier == Tier.NOMINEE for c in kept) == min(nominees, max(0, len(kept) - winners))
        order = {Tier.WINNER: 0, Tier.NOMINEE: 1, Tier.RESERVE: 2}
        assert [order[c.tier] for c in kept] == sorted(order[c.tier] for c in kept)  # better rank, better tier
        assert all(c.tier == "" for c in rows if c.removed)
        transaction.set_rollback(True)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(totals=st.lists(st.lists(st.sampled_from([Decimal("70"), Decimal("75.5"), Decimal("80"), Decimal("85.5")]),
                                min_size=1, max_size=3), min_size=2, max_size=8))
@pytest.mark.django_db
def test_compute_orders_by_exact_mean_and_reports_every_tie(totals):
    """Whatever the experts' totals, compute() lists candidates by exact mean, best first; equal means — and
    only those — form tie groups and share a place."""
    from django.db import transaction

    from zhengwu.awards.applications import school_named
    from zhengwu.awards.models import Assignment, Candidate, Edition, Expert
    from zhengwu.awards.ranking import compute

    with transaction.atomic():
        edition = Edition.objects.create(number=98, year=2030, state="reviewing")
        school = school_named("綦江区实验中学")
        experts = [Expert.objects.create(name=f"专家{i}") for i in range(3)]
        means = {}
        for i, marks in enumerate(totals):
            candidate = Candidate.objects.create(edition=edition, school=school, name=f"学生{'甲乙丙丁戊己庚辛'[i]}",
                                                 grade="高一年级", class_no=1, recommended=True)
            for expert, mark in zip(experts, marks, strict=False):
                Assignment.objects.create(candidate=candidate, expert=expert, total=mark, submitted_on=dt.date(2030, 1, 1))
            means[candidate.pk] = sum(Fraction(m) for m in marks) / len(marks)
        ranking = compute(edition)
        scores = [r.score for r in ranking.rows]
        assert scores == sorted(means.values(), reverse=True) and all(means[r.candidate.pk] == r.score for r in ranking.rows)
        expected = {frozenset(pk for pk, m in means.items() if m == value) for value in means.values()}
        assert {frozenset(r.candidate.pk for r in g) for g in ranking.ties} == {g for g in expected if len(g) > 1}
        for row in ranking.rows:
            assert row.place == 1 + sum(1 for m in means.values() if m > row.score)
        transaction.set_rollback(True)
