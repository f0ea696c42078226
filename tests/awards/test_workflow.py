"""Every step of an edition, in order, with the refusals of SPEC S3 and issue 9: a student applying twice,
a grade the school does not have, a score out of range, steps out of order, an approval before the notice
ends; conflict-of-interest assignment; objection replacement; nothing half-saved on a refusal."""
import datetime as dt

import pytest

from zhengwu.awards import applications, notice, ranking, review
from zhengwu.awards.editions import advance, create_edition
from zhengwu.awards.models import Assignment, Candidate, EditionEvent, Objection
from zhengwu.awards.vocab import State, Tier
from zhengwu.core.errors import DomainError

from .conftest import make_candidates

D = dt.date
FULL = {"innovation": "90", "science": "80", "practice": "70", "presentation": "60"}


def scores(total: int) -> dict:
    """Equal criteria: the weighted total is `total`."""
    return {k: str(total) for k in FULL}


def run_review(edition, experts, marks: dict[str, int]):
    review.start_review(edition, D(2022, 4, 1))
    for assignment in Assignment.objects.filter(candidate__edition=edition).select_related("candidate", "expert"):
        review.submit_scores(assignment, scores(marks[assignment.candidate.name]), expert=assignment.expert,
                             on=D(2022, 4, 5))


@pytest.fixture
def five(edition, schools, experts):
    people = make_candidates(edition, schools, [("kdc", "王一", "六年级", 2), ("kdc", "李二", "五年级", 1),
                                                ("zsl", "张三", "四年级", 3), ("sy", "赵四", "高二年级", 7),
                                                ("sy", "孙五", "七年级", 1)])
    for person in people:
        applications.recommend(person, school=person.school, on=D(2022, 3, 21))
    return people


def test_applying_twice_is_refused_and_nothing_saved(edition, schools):
    make_candidates(edition, schools, [("kdc", "王一", "六年级", 2)])
    edition.refresh_from_db()
    assert edition.state == State.RECOMMENDING
    edition.state = State.APPLYING
    edition.save()
    with pytest.raises(DomainError) as info:
        applications.apply(edition, schools["kdc"], name="王 一", grade="五年级", class_no=1, project="另一个",
                           on=D(2022, 3, 6))
    assert info.value.code == "duplicate" and "每届只能申报一次" in info.value.message
    assert Candidate.objects.filter(edition=edition).count() == 1


def test_grade_not_at_the_school(edition, schools):
    advance(edition, State.APPLYING, D(2022, 3, 1))
    with pytest.raises(DomainError) as info:
        applications.apply(edition, schools["kdc"], name="周七", grade="七年级", class_no=1, project="x",
                           on=D(2022, 3, 2))
    assert info.value.field == "grade" and "没有七年级" in info.value.message
    with pytest.raises(DomainError, match="不是年级"):
        applications.apply(edition, schools["kdc"], name="周七", grade="十年级", class_no=1, project="x",
                           on=D(2022, 3, 2))
    with pytest.raises(DomainError) as info:
        applications.apply(edition, schools["kdc"], name="周七", grade="六年级", class_no="0", project="x",
                           on=D(2022, 3, 2))
    assert info.value.field == "class_no"
    assert not Candidate.objects.exists()
    assert not EditionEvent.objects.filter(kind="applied").exists()


def test_apply_outside_the_step_and_dates_in_order(edition, schools):
    with pytest.raises(DomainError) as info:
        applications.apply(edition, schools["kdc"], name="周七", grade="六年级", class_no=1, project="x",
                           on=D(2022, 3, 2))
    assert info.value.code == "wrong_state"
    advance(edition, State.APPLYING, D(2022, 3, 1))
    with pytest.raises(DomainError) as info:
        advance(edition, State.RECOMMENDING, D(2022, 2, 1))
    assert info.value.code == "date_order"


def test_school_quota_and_only_own_students(edition, schools):
    edition.school_quota = 1
    edition.save()
    a, b, c = make_candidates(edition, schools, [("kdc", "王一", "六年级", 2), ("kdc", "李二", "五年级", 1),
                                                  ("zsl", "张三", "四年级", 3)])
    applications.recommend(a, school=schools["kdc"], on=D(2022, 3, 21))
    with pytest.raises(DomainError) as info:
        applications.recommend(b, school=schools["kdc"], on=D(2022, 3, 21))
    assert info.value.code == "school_quota"
    with pytest.raises(DomainError) as info:
        applications.recommend(c, school=schools["kdc"], on=D(2022, 3, 21))
    assert info.value.code == "other_school"
    applications.recommend(a, school=schools["kdc"], on=D(2022, 3, 22), withdraw=True)
    applications.recommend(b, school=schools["kdc"], on=D(2022, 3, 22))
    assert list(Candidate.objects.filter(recommended=True).values_list("name", flat=True)) == ["李二"]


def test_experts_never_review_their_own_school(five, experts):
    edition = five[0].edition
    result = review.start_review(edition, D(2022, 4, 1))
    assert result.assignments == 15 and not result.short
    for assignment in Assignment.objects.select_related("candidate", "expert"):
        assert assignment.expert.school_id != assignment.candidate.school_id
    # the work is spread (fewest assignments first): four experts, fifteen assignments, nobody idle
    loads = sorted(Assignment.objects.filter(expert=e).count() for e in experts)
    assert sum(loads) == 15 and loads[0] >= 3 and loads[-1] <= 5
    with pytest.raises(DomainError) as info:
        review.assign(five[0], experts[0], on=D(2022, 4, 2))  # 专家甲 is at 康德城第一小学, like 王一
    assert info.value.code == "conflict_of_interest"


def test_experts_see_and_score_only_their_assignments(five, experts):
    edition = five[0].edition
    review.start_review(edition, D(2022, 4, 1))
    mine = Assignment.objects.filter(expert=experts[2]).first()
    with pytest.raises(DomainError) as info:
        review.submit_scores(mine, FULL, expert=experts[1], on=D(2022, 4, 2))
    assert info.value.code == "not_assigned"


def test_score_out_of_range_saves_nothing(five, experts):
    review.start_review(five[0].edition, D(2022, 4, 1))
    assignment = Assignment.objects.filter(expert=experts[2]).first()
    for bad, code in (("101", "score_out_of_range"), ("-1", "score_out_of_range"), ("8.25", "bad_score"),
                      ("八十", "bad_score")):
        with pytest.raises(DomainError) as info:
            review.submit_scores(assignment, FULL | {"science": bad}, expert=experts[2], on=D(2022, 4, 2))
        assert info.value.code == code and info.value.field == "science"
    with pytest.raises(DomainError) as info:
        review.submit_scores(assignment, {"innovation": "90"}, expert=experts[2], on=D(2022, 4, 2))
    assert info.value.code == "missing_score"
    assignment.refresh_from_db()
    assert assignment.submitted_on is None and not assignment.scores.exists()
    review.submit_scores(assignment, FULL | {"science": "100"}, expert=experts[2], on=D(2022, 4, 2))
    assignment.refresh_from_db()
    assert str(assignment.total) == "86.000"  # 90×0.4 + 100×0.3 + 70×0.2 + 60×0.1 = 36 + 30 + 14 + 6


def test_ranking_waits_for_every_score(five, experts):
    edition = five[0].edition
    review.start_review(edition, D(2022, 4, 1))
    with pytest.raises(DomainError) as info:
        ranking.fix_ranking(edition, D(2022, 4, 10))
    assert info.value.code == "unfinished"


def test_ties_are_reported_not_broken(five, experts):
    edition = five[0].edition
    run_review(edition, experts, {"王一": 90, "李二": 80, "张三": 80, "赵四": 70, "孙五": 60})
    computed = ranking.compute(edition)
    assert [[r.candidate.name for r in g] for g in computed.ties] == [["李二", "张三"]]
    assert [r.place for r in computed.rows] == [1, 2, 2, 4, 5]
    with pytest.raises(DomainError) as info:
        ranking.fix_ranking(edition, D(2022, 4, 10))
    assert info.value.code == "ties" and "李二、张三" in info.value.message
    assert Candidate.objects.filter(rank__isnull=False).count() == 0
    zhang = Candidate.objects.get(name="张三")
    li = Candidate.objects.get(name="李二")
    ranking.fix_ranking(edition, D(2022, 4, 10), tie_order=[zhang.pk, li.pk])
    ranked = list(Candidate.objects.filter(edition=edition).order_by("rank").values_list("name", "tier"))
    assert ranked == [("王一", Tier.WINNER), ("张三", Tier.WINNER), ("李二", Tier.NOMINEE), ("赵四", Tier.NOMINEE),
                      ("孙五", Tier.RESERVE)]
    assert "并列者由区科技局确定先后：李二、张三" in EditionEvent.objects.get(kind=State.RANKED).text


def ranked_edition(five, experts):
    edition = five[0].edition
    run_review(edition, experts, {"王一": 90, "李二": 85, "张三": 80, "赵四": 70, "孙五": 60})
    ranking.fix_ranking(edition, D(2022, 4, 10))
    edition.refresh_from_db()
    return edition


def test_notice_objection_moves_the_next_up_and_approval(five, experts):
    edition = ranked_edition(five, experts)
    notice.publish_notice(edition, D(2022, 4, 11), contact="区科技局 023-00000000")
    edition.refresh_from_db()
    assert edition.state == State.NOTICE
    assert edition.notice_end == D(2022, 4, 18)  # 7 days, 4-11 not counted; 4-18 is a Monday
    assert edition.notice_basis
    wang = Candidate.objects.get(name="王一")
    with pytest.raises(DomainError) as info:
        notice.record_objection(wang, received_on=D(2022, 4, 19), text="作品非本人完成")
    assert info.value.code == "outside_notice"
    sun = Candidate.objects.get(name="孙五")
    with pytest.raises(DomainError) as info:
        notice.record_objection(sun, received_on=D(2022, 4, 12), text="x")
    assert info.value.code == "not_listed"
    objection = notice.record_objection(wang, received_on=D(2022, 4, 12), text="作品非本人完成", objector="匿名")
    with pytest.raises(DomainError) as info:
        notice.approve(edition, meeting="第二届区政府第150次常务会", on=D(2022, 4, 25))
    assert info.value.code == "open_objections"
    moves = notice.decide_objection(objection, upheld=True, on=D(2022, 4, 15), reason="经核实，作品由家长代做")
    assert moves == ["张三由区长提名奖递补为区长奖", "孙五由候补递补为区长提名奖"]
    tiers = dict(Candidate.objects.filter(edition=edition).values_list("name", "tier"))
    assert tiers == {"王一": "", "李二": Tier.WINNER, "张三": Tier.WINNER, "赵四": Tier.NOMINEE, "孙五": Tier.NOMINEE}
    assert Objection.objects.get().outcome == Objection.Outcome.UPHELD
    texts = list(EditionEvent.objects.filter(edition=edition).values_list("text", flat=True))
    assert any("取消其区长奖资格" in t for t in texts) and "张三由区长提名奖递补为区长奖" in texts
    # an approval on the last day of the notice is before the notice ends
    with pytest.raises(DomainError) as info:
        notice.approve(edition, meeting="第二届区政府第150次常务会", on=D(2022, 4, 18))
    assert info.value.code == "notice_not_ended"
    edition.refresh_from_db()
    assert edition.state == State.NOTICE and edition.approved_on is None
    notice.approve(edition, meeting="第二届区政府第150次常务会", on=D(2022, 4, 19))
    edition.refresh_from_db()
    assert edition.state == State.APPROVED and edition.meeting == "第二届区政府第150次常务会"


def test_dismissed_objection_changes_no_list(five, experts):
    edition = ranked_edition(five, experts)
    notice.publish_notice(edition, D(2022, 4, 11), contact="区科技局")
    objection = notice.record_objection(Candidate.objects.get(name="王一"), received_on=D(2022, 4, 11), text="质疑")
    assert notice.decide_objection(objection, upheld=False, on=D(2022, 4, 12), reason="经核实不属实") == []
    assert Candidate.objects.get(name="王一").tier == Tier.WINNER
    with pytest.raises(DomainError) as info:
        notice.decide_objection(objection, upheld=True, on=D(2022, 4, 12), reason="再议")
    assert info.value.code == "decided"


def test_quotas_are_parameters_per_edition(db):
    from zhengwu.awards import rules

    edition = create_edition(11, 2023, on=D(2023, 3, 1))
    assert (edition.winner_quota, edition.nominee_quota, edition.notice_days) == (10, 10, 7)
    assert rules.default_rules().version("quota.winner", D(2023, 3, 1)).cite == "綦江府发〔2021〕10号"
    with pytest.raises(DomainError):
        create_edition(11, 2023, on=D(2023, 3, 1))
    with pytest.raises(DomainError):
        create_edition(12, 2023, on=D(2023, 3, 1), winner_quota=0)


def test_files_are_taken_by_their_bytes(edition, schools, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    (student,) = make_candidates(edition, schools, [("kdc", "王一", "六年级", 2)])
    exe = SimpleUploadedFile("报告.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as info:
        applications.attach_file(student, exe)
    assert info.value.code == "file_type" and "报告.pdf" in info.value.message
    png_named_pdf = SimpleUploadedFile("照片.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 32, content_type="application/pdf")
    with pytest.raises(DomainError) as info:
        applications.attach_file(student, png_named_pdf)
    assert info.value.code == "file_mismatch"
    stored = applications.attach_file(student, SimpleUploadedFile("实验报告.pdf", b"%PDF-1.4\n%%EOF\n"))
    assert stored.name == "实验报告.pdf" and stored.file.name.endswith(".pdf") and "实验报告" not in stored.file.name
    assert stored.file.read() == b"%PDF-1.4\n%%EOF\n"


def test_a_refused_file_leaves_no_application_and_no_bytes(edition, schools, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhengwu.awards.models import CandidateFile

    settings.MEDIA_ROOT = tmp_path
    advance(edition, State.APPLYING, D(2022, 3, 1))
    good = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    bad = SimpleUploadedFile("b.pdf", b"not a pdf at all")
    with pytest.raises(DomainError):
        applications.apply_with_files(edition, schools["kdc"], files=[good, bad], name="王一", grade="六年级",
                                      class_no=2, project="x", on=D(2022, 3, 2))
    assert not Candidate.objects.exists() and not CandidateFile.objects.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
