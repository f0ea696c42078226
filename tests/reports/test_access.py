"""Least privilege (第十条): department A cannot open B's case; identity needs permission and a reason and
is logged; every read of sealed data is logged, without an IP address."""
import pytest

from zhengwu.core.errors import DomainError
from zhengwu.reports.access import (
    can_see_content,
    list_evidence,
    read_content,
    read_evidence,
    read_reward,
    reveal_identity,
    visible_reports,
)
from zhengwu.reports.conversation import ask_reporter
from zhengwu.reports.models import AccessLog, Evidence

from .conftest import DESCRIPTION, NAME, PHONE, step, walk_to

PNG = b"\x89PNG\r\n\x1a\n" + b"\1" * 64


def logs(report) -> list[tuple[str, str, str]]:
    return [(log.user.username, log.what, log.reason) for log in AccessLog.objects.filter(report=report).order_by("pk")]


def test_department_a_cannot_read_department_b_case(file, world):
    case_b = step(file().report, "routed", world.clerk, unit=world.dept_b)
    assert can_see_content(world.b_staff, case_b) and not can_see_content(world.a_staff, case_b)
    with pytest.raises(DomainError) as caught:
        read_content(world.a_staff, case_b)
    assert caught.value.code == "forbidden" and case_b.reference in caught.value.message
    with pytest.raises(DomainError):
        read_evidence(world.a_staff, Evidence(report=case_b))
    with pytest.raises(DomainError):
        ask_reporter(world.a_staff, case_b, "请补充照片")
    assert read_content(world.b_staff, case_b)["description"] == DESCRIPTION
    assert logs(case_b) == [("b_staff", "content", "")]
    assert list(visible_reports(world.a_staff)) == [] and list(visible_reports(world.b_staff)) == [case_b]


def test_unrouted_case_only_for_the_office(file, world):
    report = file().report
    assert can_see_content(world.clerk, report)
    assert not any(can_see_content(u, report) for u in (world.a_staff, world.b_staff, world.nobody, None))


def test_transfer_takes_the_case_away_from_the_first_department(file, world):
    report = step(file().report, "routed", world.clerk, unit=world.dept_a)
    assert can_see_content(world.a_staff, report)
    report = step(report, "routed", world.clerk, reason="非住建职责", unit=world.dept_b)
    assert not can_see_content(world.a_staff, report) and can_see_content(world.b_staff, report)


def test_inactive_account_sees_nothing(file, world):
    report = step(file().report, "routed", world.clerk, unit=world.dept_a)
    world.a_staff.is_active = False
    assert not can_see_content(world.a_staff, report)


def test_identity_needs_permission_and_reason_and_is_logged(file, world):
    report = step(file().report, "routed", world.clerk, unit=world.dept_a)
    with pytest.raises(DomainError) as caught:
        reveal_identity(world.a_staff, report, "核实现场位置")  # sees the case, lacks the permission
    assert caught.value.code == "forbidden" and "权限" in caught.value.message
    with pytest.raises(DomainError) as caught:
        reveal_identity(world.a_officer, report, "  ")
    assert caught.value.code == "reason_required"
    assert logs(report) == []
    shown = reveal_identity(world.a_officer, report, "需电话联系举报人核实具体位置")
    assert shown["identity"]["name"] == NAME and shown["identity"]["phone"] == PHONE
    assert logs(report) == [("a_officer", "identity", "需电话联系举报人核实具体位置")]


def test_identity_permission_does_not_open_another_departments_case(file, world):
    case_b = step(file().report, "routed", world.clerk, unit=world.dept_b)
    with pytest.raises(DomainError) as caught:
        reveal_identity(world.a_officer, case_b, "好奇")
    assert caught.value.code == "forbidden" and logs(case_b) == []


def test_joint_signatories_revealed_in_order(file, world):
    report = file(identity=None, signatories=[{"name": "甲一", "phone": "13800000001"}, {"name": "乙二"}]).report
    report = step(report, "routed", world.clerk, unit=world.dept_a)
    shown = reveal_identity(world.a_officer, report, "联系第一署名人")
    assert [(s["order"], s["name"]) for s in shown["signatories"]] == [(1, "甲一"), (2, "乙二")]


def test_evidence_reads_are_logged(file, world):
    report = step(file(evidence=[("现场.png", PNG)]).report, "routed", world.clerk, unit=world.dept_a)
    listed = list_evidence(world.a_staff, report, "查看证据")
    assert [(e["name"], e["content_type"], e["size"]) for e in listed] == [("现场.png", "image/png", len(PNG))]
    got = read_evidence(world.a_staff, Evidence.objects.get(report=report), "下载证据")
    assert got.data == PNG and got.name == "现场.png"
    assert [w for _, w, _ in logs(report)] == ["evidence", "evidence"]


def test_reward_for_handlers_and_finance_only(file, world):
    report = walk_to(file().report, "reward_decided", world)
    assert read_reward(world.finance, report, "发放奖金")["amount"] == "15000.00"
    assert read_reward(world.a_staff, report)["payee"]["name"] == NAME
    with pytest.raises(DomainError):
        read_reward(world.b_staff, report)
    assert [(u, w) for u, w, _ in logs(report)] == [("finance", "reward"), ("a_staff", "reward")]


def test_permissions_defined_on_the_model():
    from zhengwu.reports.models import Report

    codenames = {code for code, _ in Report._meta.permissions}
    assert {"route_report", "view_reporter_identity", "view_reward"} <= codenames
    assert Report._meta.default_permissions == ()
