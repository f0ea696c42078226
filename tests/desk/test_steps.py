"""desk.steps: the step table, the reason and data checks, the step day (Chongqing's, never in the future, never
before the step it follows) and `take`, which locks, checks the version, saves and records in one transaction."""
import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from zhengwu.core import dates
from zhengwu.core.errors import DomainError
from zhengwu.desk.steps import Done, Step, Steps, local_day, move, need_reason, only, step_day, take
from zhengwu.subsidies.models import Application, ApplicationEvent
from zhengwu.subsidies.vocab import State

from ..subsidies import web

LABELS = {"open": "待办", "doing": "办理中", "done": "办结", "dropped": "撤回"}
STEPS = Steps([
    Step("doing", ("open",), "doing", "开始办理"),
    Step("done", ("doing",), "done", "办结"),
    Step("dropped", ("open", "doing"), "dropped", "撤回", reason=True),
], label_of=LABELS.get, states=list(LABELS))

LATE = dt.datetime(2021, 12, 31, 16, 30, tzinfo=dt.UTC)  # already 1 January 2022 in Chongqing


def test_the_table_says_what_each_state_allows_and_which_states_are_terminal():
    assert STEPS.allowed_next("open") == ("doing", "dropped")
    assert STEPS.allowed_next("doing") == ("done", "dropped")
    assert STEPS.allowed_next("nowhere") == ()
    assert STEPS.terminal == ("done", "dropped")
    assert STEPS.as_mapping() == {"open": ("doing", "dropped"), "doing": ("done", "dropped"), "done": (),
                                  "dropped": ()}


def test_a_step_defined_twice_is_a_programming_error():
    with pytest.raises(ValueError, match="twice"):
        Steps([Step("a", ("x",), "a", "甲"), Step("a", ("y",), "a", "甲")], label_of=str)


def test_an_unknown_step_and_an_illegal_move_are_refused_in_chinese():
    with pytest.raises(DomainError) as unknown:
        STEPS.known("flying")
    assert (unknown.value.field, unknown.value.code, unknown.value.message) == (
        "state", "unknown_state", "没有“flying”这个状态。")
    with pytest.raises(DomainError) as illegal:
        STEPS.check("done", "open", noun="申请", reference="KB2021-000001")
    assert (illegal.value.field, illegal.value.code) == ("state", "illegal_transition")
    assert illegal.value.message == "申请 KB2021-000001 当前为“待办”，不能转为“办结”。"
    # a state no step leads to is known, and moving to it is illegal rather than unknown
    assert STEPS.known("open") == "open"
    with pytest.raises(DomainError) as back:
        STEPS.check("open", "doing", noun="举报", reference="JB2021-000002")
    assert back.value.code == "illegal_transition" and "不能转为“待办”" in back.value.message
    assert STEPS.check("dropped", "doing", noun="举报", reference="JB2021-000002").reason is True


@pytest.mark.parametrize("reason", [None, "", "  \n"])
def test_a_missing_reason_names_the_field(reason):
    with pytest.raises(DomainError) as refused:
        need_reason(reason, "不予批准")
    assert (refused.value.field, refused.value.code, refused.value.message) == (
        "reason", "reason_required", "不予批准须说明理由。")
    with pytest.raises(DomainError) as note:
        need_reason(reason, "退回", field="note", wording="写明理由")
    assert (note.value.field, note.value.message) == ("note", "退回须写明理由。")
    assert need_reason("  核减  ", "调整金额") == "核减"


def test_data_a_step_does_not_take_is_refused_naming_it():
    assert only({"a": 1}, ("a", "b"), what="转为“办结”") == {"a": 1}
    with pytest.raises(DomainError) as refused:
        only({"b": 1, "z": 2}, ("a",), what="转为“办结”", list_allowed=True)
    assert (refused.value.field, refused.value.code) == ("b", "unknown_field")
    assert refused.value.message == "转为“办结”时没有“b”这一项（可填：a）。"
    with pytest.raises(DomainError, match="^z: 转为“办结”时没有“z”这一项。$"):
        only({"z": 2}, (), what="转为“办结”")


def test_the_step_day_of_a_moment_is_the_day_in_chongqing_not_utc():
    """16:30 UTC on 31 December is 1 January in Chongqing: a payment recorded then is dated 1 January."""
    assert local_day(LATE) == dt.date(2022, 1, 1)
    assert local_day(dt.datetime(2021, 12, 31, 23, 0)) == dt.date(2021, 12, 31)  # naive: already local
    with mock.patch.object(dates, "today", lambda: dt.date(2022, 1, 1)):
        assert step_day(LATE, field="paid_on") == dt.date(2022, 1, 1)


def test_the_default_step_day_at_16_30_utc_is_already_tomorrow():
    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return LATE.astimezone(tz) if tz else LATE.replace(tzinfo=None)

    with mock.patch.object(dates.dt, "datetime", Clock), mock.patch.object(timezone, "now", lambda: LATE):
        assert step_day(None, field="paid_on") == dt.date(2022, 1, 1) == timezone.localdate()
        assert step_day("2022-01-01", field="paid_on") == dt.date(2022, 1, 1)  # not "in the future"
        with pytest.raises(DomainError) as future:
            step_day("2022-01-02", field="paid_on")
    assert (future.value.field, future.value.code) == ("paid_on", "future")


def test_a_step_day_is_never_in_the_future_nor_before_the_step_it_follows():
    today = dates.today()
    assert step_day("", field="on") == today
    assert step_day(today - dt.timedelta(days=3), field="on") == today - dt.timedelta(days=3)
    with pytest.raises(DomainError) as future:
        step_day(today + dt.timedelta(days=1), field="sent_on")
    assert future.value.code == "future" and "晚于今天" in future.value.message
    with pytest.raises(DomainError) as early:
        step_day("2021-10-01", field="paid_on", what="拨付日期", after=dt.date(2021, 10, 8), after_what="批准日期")
    assert (early.value.field, early.value.code, early.value.message) == (
        "paid_on", "bad_date", "拨付日期 2021-10-01 早于批准日期 2021-10-08。")
    assert step_day("2021-10-08", field="paid_on", after=dt.date(2021, 10, 8)) == dt.date(2021, 10, 8)


@pytest.mark.parametrize(("typed", "code"), [("2021-02-30", "bad_date"), ("十月一日", "bad_date"), (20211001, "bad_date")])
def test_a_step_day_that_is_not_a_day_is_refused_naming_the_field(typed, code):
    with pytest.raises(DomainError) as refused:
        step_day(typed, field="decided_on")
    assert (refused.value.field, refused.value.code) == ("decided_on", code)


# ---- take and move, on a real case (a subsidy application) ----------------------------------------------

def _draft() -> Application:
    return web.start().applications[0]


@pytest.mark.django_db
def test_take_saves_the_changes_and_records_one_event_with_the_new_version(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    app = _draft()
    seen = app.version
    done = take(app, expected_version=seen, user=None, action=ApplicationEvent.Action.EDITED, reason="  核对  ",
                run=lambda locked: Done(changes={"contact_name": "王五"}, details={"a": 1},
                                        then=lambda locked: {"b": locked.reference}))
    assert done is app and app.version == seen + 1 and app.contact_name == "王五"
    event = app.events.order_by("pk").last()
    assert (event.action, event.reason, event.details, event.version) == ("edited", "核对", {"a": 1, "b": app.reference},
                                                                          seen + 1)
    assert event.from_state == event.to_state == State.DRAFT and event.case == app
    assert str(event).startswith(f"{app.reference} 修改申报事项")


@pytest.mark.django_db
def test_take_refused_by_its_checks_or_a_stale_version_changes_nothing(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    app = _draft()
    events = app.events.count()

    def refuse(locked):
        raise DomainError("不行。", field="x")

    with pytest.raises(DomainError, match="不行"):
        take(app, expected_version=app.version, user=None, action="edited", run=refuse)
    with pytest.raises(DomainError) as stale:
        take(app, expected_version=app.version + 5, user=None, action="edited", run=lambda locked: Done())
    assert stale.value.code == "conflict"
    fresh = Application.objects.get(pk=app.pk)
    assert fresh.version == app.version and app.events.count() == events


@pytest.mark.django_db
def test_move_checks_the_table_then_the_user_then_the_reason(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    app = _draft()
    steps = Steps([Step(State.SUBMITTED, (State.DRAFT,), State.SUBMITTED, "提交"),
                   Step(State.REJECTED, (State.DRAFT,), State.REJECTED, "不予批准", reason=True)],
                  label_of=lambda s: State(s).label, states=State.values)
    ran = []

    def kw(**more):
        return dict(steps=steps, expected_version=app.version, user=None, action="transition",
                    run=lambda locked: ran.append(locked.state) or Done(), **more)

    with pytest.raises(DomainError) as illegal:
        move(app, State.PAID, **kw())
    assert illegal.value.code == "illegal_transition" and "不能转为“已拨付”" in illegal.value.message
    with pytest.raises(DomainError) as unknown:
        move(app, "flying", **kw())
    assert unknown.value.code == "unknown_state"

    def nobody(locked):
        raise DomainError("无权。", field="user", code="forbidden")

    with pytest.raises(DomainError) as forbidden:
        move(app, State.REJECTED, **kw(check_user=nobody))
    assert forbidden.value.code == "forbidden"
    with pytest.raises(DomainError) as reason:
        move(app, State.REJECTED, **kw())
    assert reason.value.message == "不予批准须说明理由。" and ran == []
    move(app, State.REJECTED, **kw(reason="重复申报"))
    assert app.state == State.REJECTED and ran == [State.DRAFT]
    event = app.events.order_by("pk").last()
    assert (event.from_state, event.to_state, event.reason) == (State.DRAFT, State.REJECTED, "重复申报")
