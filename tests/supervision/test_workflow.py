"""The unit-and-office workflow of a task, including the refused steps, extensions and files."""
import datetime as dt

import pytest

from zhengwu.core.errors import DomainError
from zhengwu.supervision import workflow
from zhengwu.supervision.models import Extension, TaskFile
from zhengwu.supervision.vocab import State

from .conftest import PNG, assignment, make_user

D = dt.date


def test_the_whole_way_from_assignment_to_closing(campaign, sfj, office):
    a = assignment(campaign, "1", "区司法局")
    assert a.state == State.ASSIGNED and a.due == D(2021, 7, 20)
    assert workflow.allowed_steps(a, sfj) == ["acknowledge"]
    workflow.run_step(a, "acknowledge", user=sfj, on=D(2021, 6, 10))
    workflow.run_step(a, "progress", user=sfj, on=D(2021, 6, 30), note="举办专题讲座2场", uploads=[("讲座.png", PNG)])
    workflow.run_step(a, "report", user=sfj, on=D(2021, 7, 19), note="已完成全部宣讲")
    assert a.state == State.REPORTED and a.reported_on == D(2021, 7, 19)
    workflow.run_step(a, "review", user=office, on=D(2021, 7, 21), note="材料齐全")
    workflow.run_step(a, "close", user=office, on=D(2021, 7, 22))
    a.refresh_from_db()
    assert a.state == State.CLOSED and a.closed_on == D(2021, 7, 22) and a.version == 6
    kinds = list(a.events.values_list("kind", "from_state", "to_state"))
    assert kinds[:2] == [("acknowledge", "assigned", "acknowledged"), ("progress", "acknowledged", "in_progress")]
    assert [k[0] for k in kinds] == ["acknowledge", "progress", "report", "review", "close"]
    files = TaskFile.objects.filter(event__assignment=a)
    assert [(f.name, f.content_type) for f in files] == [("讲座.png", "image/png")]


def test_closing_an_unreported_task_is_refused(campaign, sfj, office):
    a = assignment(campaign, "1", "区司法局")
    with pytest.raises(DomainError, match="尚未报结并经审核.*不能销号") as caught:
        workflow.run_step(a, "close", user=office)
    assert caught.value.code == "refused"
    workflow.run_step(a, "acknowledge", user=sfj)
    workflow.run_step(a, "report", user=sfj, note="完成")
    with pytest.raises(DomainError, match="请先审核再销号"):
        workflow.run_step(a, "close", user=office)
    a.refresh_from_db()
    assert a.state == State.REPORTED and a.closed_on is None


def test_sending_back_needs_reasons_and_the_unit_reports_again(campaign, sfj, office):
    a = assignment(campaign, "2", "区司法局")
    workflow.run_step(a, "acknowledge", user=sfj)
    workflow.run_step(a, "report", user=sfj, on=D(2021, 7, 1), note="完成")
    with pytest.raises(DomainError, match="退回须写明理由"):
        workflow.run_step(a, "return", user=office, note="  ")
    workflow.run_step(a, "return", user=office, note="缺少活动照片")
    assert a.state == State.RETURNED and a.reported_on is None
    workflow.run_step(a, "report", user=sfj, on=D(2021, 7, 5), note="补充照片", uploads=[("照片.png", PNG)])
    assert a.state == State.REPORTED and a.reported_on == D(2021, 7, 5)


def test_who_may_do_what(campaign, sfj, office):
    mine, other = assignment(campaign, "1", "区司法局"), assignment(campaign, "1", "区委组织部")
    with pytest.raises(DomainError, match="只有承办单位“区委组织部”的填报账号可以签收") as caught:
        workflow.run_step(other, "acknowledge", user=sfj)
    assert caught.value.code == "forbidden"
    with pytest.raises(DomainError, match="只有督查室可以审核"):
        workflow.run_step(mine, "review", user=sfj)
    with pytest.raises(DomainError, match="只有承办单位"):
        workflow.run_step(mine, "acknowledge", user=office)  # the office does not sign for a unit
    group = assignment(campaign, "1", "各街镇")
    with pytest.raises(DomainError, match="是统称"):
        workflow.run_step(group, "acknowledge", user=office)


def test_a_stale_page_cannot_overwrite_a_step(campaign, sfj):
    a = assignment(campaign, "1", "区司法局")
    stale = a.version
    workflow.run_step(a, "acknowledge", user=sfj, expected_version=stale)
    with pytest.raises(DomainError) as caught:
        workflow.run_step(a, "report", user=sfj, note="完成", expected_version=stale)
    assert caught.value.code == "conflict"


def test_a_file_is_judged_by_its_bytes_and_a_refused_file_leaves_nothing(campaign, sfj, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = assignment(campaign, "1", "区司法局")
    workflow.run_step(a, "acknowledge", user=sfj)
    with pytest.raises(DomainError, match="不是可接收的类型"):
        workflow.run_step(a, "progress", user=sfj, note="进展", uploads=[("好.png", PNG), ("坏.pdf", b"MZ\x90\x00exe")])
    a.refresh_from_db()
    assert a.state == State.ACKNOWLEDGED and not a.events.filter(kind="progress").exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))  # the good file written first was deleted again
    with pytest.raises(DomainError, match="扩展名是 .pdf，但内容是PNG"):
        workflow.run_step(a, "progress", user=sfj, note="进展", uploads=[("照片.pdf", PNG)])


def test_an_extension_asked_before_the_deadline_and_approved_moves_it(campaign, sfj, office):
    a = assignment(campaign, "1", "区司法局")
    request = workflow.request_extension(a, D(2021, 8, 10), "汛期宣讲推迟", user=sfj, on=D(2021, 7, 20))
    with pytest.raises(DomainError, match="已有一份待批准"):
        workflow.request_extension(a, D(2021, 8, 20), "再延", user=sfj, on=D(2021, 7, 20))
    with pytest.raises(DomainError, match="只有督查室"):
        workflow.decide_extension(request, True, user=sfj)
    workflow.decide_extension(request, True, user=office, on=D(2021, 7, 21))
    a.refresh_from_db()
    assert a.due == D(2021, 8, 10)
    assert Extension.objects.get(pk=request.pk).decision == "approved"


def test_an_extension_asked_after_the_deadline_is_refused(campaign, sfj):
    a = assignment(campaign, "1", "区司法局")
    with pytest.raises(DomainError, match="已逾期，不能再申请延期") as caught:
        workflow.request_extension(a, D(2021, 8, 10), "来不及", user=sfj, on=D(2021, 7, 21))
    assert caught.value.code == "too_late"
    with pytest.raises(DomainError, match="应晚于原截止日期"):
        workflow.request_extension(a, D(2021, 7, 20), "同一天", user=sfj, on=D(2021, 7, 1))
    assert not a.extensions.exists()


def test_a_refused_extension_keeps_the_deadline_and_needs_a_reason(campaign, sfj, office):
    a = assignment(campaign, "1", "区司法局")
    request = workflow.request_extension(a, D(2021, 8, 10), "人手不足", user=sfj, on=D(2021, 7, 15))
    with pytest.raises(DomainError, match="不予批准须写明理由"):
        workflow.decide_extension(request, False, user=office)
    workflow.decide_extension(request, False, user=office, note="按期完成")
    a.refresh_from_db()
    assert a.due == D(2021, 7, 20)


def test_a_unit_account_of_another_unit_sees_no_steps(campaign):
    other = make_user("jw", unit="区教委")
    assert workflow.allowed_steps(assignment(campaign, "1", "区司法局"), other) == []
    assert workflow.allowed_steps(assignment(campaign, "2", "区教委"), other) == ["acknowledge"]
