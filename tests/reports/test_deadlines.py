"""Deadlines (第四条, 第七条): verification 60 days, one extension of at most 30 days with approval and a
reason told to the reporter, notice 20 days, claim 60 days, lapse only after; traffic lights; overdue."""
import datetime as dt

import pytest

from zhengwu.core.errors import DomainError
from zhengwu.reports import crypto
from zhengwu.reports.deadlines import deadline_status, overdue
from zhengwu.reports.matters import link_same_matter
from zhengwu.reports.models import CaseEvent, CaseMessage, Report
from zhengwu.reports.workflow import extend_claim, extend_verification

from .conftest import RECEIVED, step, walk_to

D = dt.date


def extend(report, world, **overrides):
    args = {"user": world.a_staff, "days": 30, "reason": "涉及多家单位交叉作业，需调取三个月监控记录",
            "approved_by": world.higher, "approver": "王某（市应急局执法总队）", "expected_version": report.version,
            "on": D(2021, 10, 20)}
    args.update(overrides)
    return extend_verification(report, **args)


def test_verification_due_sixty_days_after_acceptance(file, db):
    report = file().report
    assert report.verification_due == D(2021, 11, 1)
    # received on 2021-09-10: the 60th day is 2021-11-09, a Tuesday: no shift
    other = file(received_at=RECEIVED.replace(day=10)).report
    assert other.verification_due == D(2021, 11, 9)


def test_one_extension_of_at_most_thirty_days_with_approval_and_reason_told_to_the_reporter(file, world):
    report = walk_to(file().report, "verifying", world)
    report = extend(report, world)
    # due_after(2021-11-01, 30) = 2021-12-01, a Wednesday
    assert report.extended_due == D(2021, 12, 1)
    assert "第四条" in report.deadline_basis["extended_due"][0]
    event = CaseEvent.objects.get(report=report, action="extend_verification")
    assert event.details["approved_by"] == "市应急局" and event.details["approver"].startswith("王某")
    assert event.reason.startswith("涉及多家单位")
    message = CaseMessage.objects.get(pk=event.details["told_reporter"])
    text = crypto.unseal(message.text_sealed)["text"]
    assert (message.sender, message.kind) == ("staff", "extension")
    assert "涉及多家单位交叉作业" in text and "2021-12-01" in text and "市应急局" in text
    with pytest.raises(DomainError) as caught:
        extend(report, world, days=5)
    assert caught.value.code == "already_extended" and "不能再次延长" in caught.value.message


@pytest.mark.parametrize("overrides, field", [
    ({"days": 31}, "days"), ({"days": 0}, "days"), ({"reason": " "}, "reason"),
    ({"approved_by": ""}, "approved_by"), ({"approver": ""}, "approver"),
])
def test_extension_refused_without_its_conditions(file, world, overrides, field):
    report = walk_to(file().report, "verifying", world)
    with pytest.raises(DomainError) as caught:
        extend(report, world, **overrides)
    assert caught.value.field == field
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.extended_due is None and not CaseMessage.objects.filter(report=report).exists()


def test_extension_after_the_deadline_or_after_verification_refused(file, world):
    report = walk_to(file().report, "verifying", world)
    with pytest.raises(DomainError, match="已于 2021-11-01 届满"):
        extend(report, world, on=D(2021, 11, 2))
    done = walk_to(report, "verified_true", world)
    with pytest.raises(DomainError, match="核查已结束"):
        extend(done, world)


def test_extension_by_another_department_refused(file, world):
    report = walk_to(file().report, "verifying", world)
    with pytest.raises(DomainError) as caught:
        extend(report, world, user=world.b_staff)
    assert caught.value.code == "forbidden"


def test_notice_claim_and_lapse_deadlines(file, world):
    report = walk_to(file().report, "verified_true", world)
    assert report.notice_due == D(2021, 10, 11)  # 20 days after 09-20 = Sunday 10-10 → Monday 10-11
    assert "第七条（二）" in report.deadline_basis["notice_due"][0]
    report = walk_to(report, "notice_sent", world)
    assert report.claim_due == D(2021, 11, 23) and "第七条（三）" in report.deadline_basis["claim_due"][0]


def test_notice_due_moves_past_national_day(file, world):
    report = walk_to(file().report, "verifying", world)
    report = step(report, "verified_true", world.a_staff, verified_on=D(2021, 9, 15))
    # 20 days after 09-15 = 10-05, inside the National Day holiday (10-01–10-07): the first working day is 10-08
    assert report.notice_due == D(2021, 10, 8)


def test_claim_extension(file, world):
    report = walk_to(file().report, "notice_sent", world)
    with pytest.raises(DomainError, match="须说明理由"):
        extend_claim(report, user=world.a_staff, days=30, reason="", expected_version=report.version)
    report = extend_claim(report, user=world.a_staff, days=30, reason="举报人住院治疗，提供了住院证明",
                          expected_version=report.version)
    assert report.claim_extended_due == D(2021, 12, 23)
    with pytest.raises(DomainError):
        step(report, "lapsed", world.clerk, on=D(2021, 12, 1))
    report = step(report, "claimed", world.clerk, method="in_person", claimed_on=D(2021, 12, 20))
    assert report.state == "claimed"


def test_traffic_lights(file, world):
    report = file().report  # verification due 2021-11-01
    assert deadline_status(report, D(2021, 10, 1)) == "green"
    assert deadline_status(report, D(2021, 10, 22)) == "yellow"  # 10 days left
    assert deadline_status(report, D(2021, 10, 21)) == "green"  # 11 days left
    assert deadline_status(report, D(2021, 10, 21), warn_days=15) == "yellow"
    assert deadline_status(report, D(2021, 11, 1)) == "yellow"  # the last day itself is not overdue
    assert deadline_status(report, D(2021, 11, 2)) == "red"
    extended = extend(walk_to(report, "verifying", world), world)
    assert deadline_status(extended, D(2021, 11, 2)) == "green"
    closed = walk_to(extended, "claimed", world)
    assert deadline_status(closed, D(2030, 1, 1)) is None


def test_overdue_for_the_office(file, world):
    late_verification = file().report
    on_time = file(received_at=RECEIVED.replace(month=10)).report
    late_notice = walk_to(file().report, "verified_true", world)  # notice due 2021-10-11
    assert set(overdue(D(2021, 11, 1))) == {late_notice}
    assert set(overdue(D(2021, 11, 2))) == {late_verification, late_notice}
    assert on_time not in overdue(D(2021, 11, 2))


def test_later_report_of_a_matter_waits_for_no_notice(file, world):
    first = file().report
    later = walk_to(file(received_at=RECEIVED + dt.timedelta(days=3)).report, "verified_true", world)
    link_same_matter(first, later, user=world.clerk, reason="同一单位同一隐患")
    later.refresh_from_db()
    assert deadline_status(later, D(2022, 1, 1)) is None
    assert later not in overdue(D(2022, 1, 1))
