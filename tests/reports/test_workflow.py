"""The state machine (第四条–第七条): legal paths, refused moves, stale and concurrent moves, the record."""
import datetime as dt
import threading

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengwu.core.errors import DomainError
from zhengwu.reports import crypto
from zhengwu.reports.models import CaseEvent, CaseMessage, Report
from zhengwu.reports.vocab import State
from zhengwu.reports.workflow import TRANSITIONS, transition

from .conftest import FACTS, step, walk_to

D = dt.date


def events(report) -> list[tuple[str, str, str]]:
    return [(e.action, e.from_state, e.to_state) for e in CaseEvent.objects.filter(report=report).order_by("pk")]


def test_main_path_to_claimed_records_every_step(file, world):
    report = walk_to(file().report, "claimed", world)
    assert [(f, t) for _, f, t in events(report)] == [
        ("", "accepted"), ("accepted", "routed"), ("routed", "verifying"), ("verifying", "verified_true"),
        ("verified_true", "reward_decided"), ("reward_decided", "notice_sent"), ("notice_sent", "claimed")]
    assert report.version == 7
    assert all(e.who == world.clerk for e in CaseEvent.objects.filter(report=report).exclude(action="filed"))
    routed = CaseEvent.objects.get(report=report, to_state="routed")
    assert routed.details["unit"] == "区住房城乡建委" and routed.details["office_itself"] is False
    reward = crypto.unseal(report.reward_sealed)
    assert reward["amount"] == "15000.00" and reward["claim"] == {"method": "in_person", "claimed_on": "2021-10-08"}
    assert reward["payee"]["kind"] == "reporter" and reward["payee"]["name"] == "张三丰"


def test_routing_to_the_office_itself(file, world):
    report = step(file().report, "routed", world.clerk, unit=world.office)
    assert report.handling_unit == world.office
    assert CaseEvent.objects.get(report=report, to_state="routed").details["office_itself"] is True


def test_routing_by_unit_name(file, world):
    report = step(file().report, "routed", world.clerk, unit="区交通局")
    assert report.handling_unit == world.dept_b


def test_transfer_to_another_department_needs_a_reason(file, world):
    report = step(file().report, "routed", world.clerk, unit=world.dept_a)
    with pytest.raises(DomainError, match="转办.*须说明理由"):
        step(report, "routed", world.clerk, unit=world.dept_b)
    with pytest.raises(DomainError, match="转办须选择其他单位"):
        step(report, "routed", world.clerk, reason="不属本部门职责", unit=world.dept_a)
    report = step(report, "routed", world.clerk, reason="属交通运输领域，非住建职责", unit=world.dept_b)
    assert report.handling_unit == world.dept_b
    transfer = CaseEvent.objects.filter(report=report, to_state="routed").last()
    assert (transfer.from_state, transfer.reason, transfer.details["transfer"]) == (
        "routed", "属交通运输领域，非住建职责", True)
    assert transfer.details["from_unit_id"] == world.dept_a.pk


def test_verified_false_needs_a_reason(file, world):
    report = walk_to(file().report, "verifying", world)
    with pytest.raises(DomainError, match="须说明理由"):
        step(report, "verified_false", world.a_staff, verified_on=D(2021, 9, 30))
    report = step(report, "verified_false", world.a_staff, reason="现场核查未发现所述情形", verified_on=D(2021, 9, 30))
    assert report.state == "verified_false" and TRANSITIONS[report.state] == ()


def test_unverifiable_is_reported_to_the_district_government(file, world):
    report = walk_to(file().report, "verifying", world)
    report = step(report, "unverifiable", world.a_staff, reason="涉及夜间作业，无法取证", referred_on=D(2021, 10, 20))
    event = CaseEvent.objects.get(report=report, to_state="unverifiable")
    assert event.details["referred_to"] == "区政府" and event.details["referred_on"] == "2021-10-20"
    assert "第四条" in event.details["basis"]


def test_lapse(file, world):
    report = walk_to(file().report, "notice_sent", world)
    assert report.claim_due == D(2021, 11, 23)  # 60 days after 2021-09-24
    with pytest.raises(DomainError) as caught:
        step(report, "lapsed", world.clerk, on=D(2021, 11, 23))
    assert caught.value.code == "claim_running"
    report = step(report, "lapsed", world.clerk, on=D(2021, 11, 24))
    assert report.state == "lapsed"


def test_claim_after_the_claim_period_refused(file, world):
    report = walk_to(file().report, "notice_sent", world)
    with pytest.raises(DomainError) as caught:
        step(report, "claimed", world.clerk, method="in_person", claimed_on=D(2021, 11, 24))
    assert caught.value.code == "claim_late" and "2021-11-23" in caught.value.message


def test_claim_by_bank_transfer_keeps_the_account_sealed(file, world):
    report = walk_to(file().report, "notice_sent", world)
    report = step(report, "claimed", world.clerk, method="bank_transfer", bank_account="6222 0212 3456 7890 123",
                  claimed_on=D(2021, 10, 1))
    assert crypto.unseal(report.reward_sealed)["claim"]["bank_account"] == "6222021234567890123"
    assert "6222" not in str(CaseEvent.objects.get(report=report, to_state="claimed").details)


def test_notice_goes_to_the_reporter(file, world):
    report = walk_to(file().report, "notice_sent", world)
    notice = CaseMessage.objects.get(report=report, kind="notice")
    text = crypto.unseal(notice.text_sealed)["text"]
    assert notice.sender == "staff" and "15000.00" in text and "2021-11-23" in text


STATES = list(State.values)
ILLEGAL = [(a, b) for a in STATES for b in STATES if b not in TRANSITIONS[a]]
PATH_TO = {"accepted": "accepted", "routed": "routed", "verifying": "verifying", "verified_true": "verified_true",
           "reward_decided": "reward_decided", "notice_sent": "notice_sent", "claimed": "claimed"}


@pytest.mark.parametrize("source", [s for s in STATES if s in PATH_TO] + ["verified_false", "unverifiable", "lapsed"])
def test_illegal_transitions_refused_naming_both_states(file, world, source):
    report = file().report
    if source in PATH_TO:
        report = walk_to(report, source, world)
    else:
        report = walk_to(report, "notice_sent" if source == "lapsed" else "verifying", world)
        data = {"verified_false": {"verified_on": D(2021, 9, 30)}, "unverifiable": {"referred_on": D(2021, 9, 30)},
                "lapsed": {"on": D(2022, 1, 1)}}[source]
        report = step(report, source, world.clerk, reason="测试", **data)
    for a, target in ILLEGAL:
        if a != source:
            continue
        with pytest.raises(DomainError) as caught:
            step(report, target, world.clerk, reason="测试")
        assert caught.value.code == "illegal_transition"
        assert State(source).label in caught.value.message and State(target).label in caught.value.message
    assert Report.objects.get(pk=report.pk).state == source


def test_stale_version_refused(file, world):
    report = file().report
    stale = Report.objects.get(pk=report.pk)
    step(report, "routed", world.clerk, unit=world.dept_a)
    with pytest.raises(DomainError) as caught:
        transition(stale, "routed", user=world.clerk, reason="改派", expected_version=stale.version, unit=world.dept_b)
    assert caught.value.code == "conflict" and "已被他人办理" in caught.value.message
    assert Report.objects.get(pk=report.pk).handling_unit == world.dept_a


def test_unknown_state_and_unknown_data_refused(file, world):
    report = file().report
    with pytest.raises(DomainError, match="没有“closed”这个状态"):
        step(report, "closed", world.clerk)
    with pytest.raises(DomainError) as caught:
        step(report, "routed", world.clerk, unit=world.dept_a, colour="red")
    assert caught.value.field == "colour"


def test_only_the_office_routes_and_only_handlers_verify(file, world):
    report = file().report
    with pytest.raises(DomainError) as caught:
        step(report, "routed", world.a_staff, unit=world.dept_a)
    assert caught.value.code == "forbidden"
    report = step(report, "routed", world.clerk, unit=world.dept_a)
    with pytest.raises(DomainError) as caught:
        step(report, "verifying", world.b_staff)
    assert caught.value.code == "forbidden"
    assert step(report, "verifying", world.a_staff).state == "verifying"


# ---- random sequences never reach an illegal state ----------------------------------------------------------

DATA = {
    "routed": lambda w, i: {"unit": [w.dept_a, w.dept_b, w.office][i % 3]},
    "verifying": lambda w, i: {},
    "verified_true": lambda w, i: {"verified_on": D(2021, 9, 20)},
    "verified_false": lambda w, i: {"verified_on": D(2021, 9, 20)},
    "unverifiable": lambda w, i: {"referred_on": D(2021, 9, 20)},
    "reward_decided": lambda w, i: {"facts": dict(FACTS)},
    "notice_sent": lambda w, i: {"sent_on": D(2021, 9, 24)},
    "claimed": lambda w, i: {"method": "in_person", "claimed_on": D(2021, 10, 1)},
    "lapsed": lambda w, i: {"on": D(2022, 1, 1)},
    "accepted": lambda w, i: {},
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(attempts=st.lists(st.tuples(st.sampled_from(STATES), st.booleans()), min_size=1, max_size=14))
def test_random_sequences_stay_on_the_map(file, world, attempts):
    report = file().report
    for index, (target, stale) in enumerate(attempts):
        before = Report.objects.get(pk=report.pk)
        version = before.version - 1 if stale else before.version
        try:
            transition(report, target, user=world.clerk, reason="随机尝试", expected_version=version,
                       **DATA[target](world, index))
            moved = True
        except DomainError as exc:
            assert exc.code in {"illegal_transition", "conflict", "same_unit"}, exc
            moved = False
        after = Report.objects.get(pk=report.pk)
        legal = target in TRANSITIONS[before.state] and not stale
        if moved:
            assert legal and after.state == target and after.version == before.version + 1
        else:
            assert (after.state, after.version) == (before.state, before.version)
            # the only legal moves refused are a transfer to the same unit
            assert not legal or (target == "routed" and before.state == "routed")
    # the record is a walk along TRANSITIONS from "accepted"
    state = "accepted"
    for action, source, target in events(report):
        if action == "filed":
            continue
        assert source == state and target in TRANSITIONS[source]
        state = target
    assert state == Report.objects.get(pk=report.pk).state


# ---- two clerks at once (PostgreSQL: real row locks) ---------------------------------------------------------

@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks and two connections")
@pytest.mark.django_db(transaction=True)
def test_two_threads_racing_one_wins(file, world):
    from django.db import connections

    report = file().report
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def clerk(unit):
        try:
            copy = Report.objects.get(pk=report.pk)
            barrier.wait()
            transition(copy, "routed", user=world.clerk, reason="", expected_version=1, unit=unit)
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=clerk, args=(u,)) for u in (world.dept_a, world.dept_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["conflict", "ok"]
    final = Report.objects.get(pk=report.pk)
    assert final.version == 2 and CaseEvent.objects.filter(report=final, to_state="routed").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL and two connections")
@pytest.mark.django_db(transaction=True)
def test_two_reports_filed_at_once_get_their_own_references(file, world):
    from django.db import connections

    barrier = threading.Barrier(2)
    references: list[str] = []

    def reporter():
        try:
            barrier.wait()
            references.append(file().report.reference)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reporter) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(references) == ["JB2021-000001", "JB2021-000002"]


def test_steps_cannot_be_dated_in_the_future(file, world):
    from django.utils import timezone

    report = walk_to(file().report, "verifying", world)
    with pytest.raises(DomainError) as caught:
        step(report, "verified_true", world.a_staff, verified_on=timezone.localdate() + dt.timedelta(days=1))
    assert caught.value.code == "future" and caught.value.field == "verified_on"
    with pytest.raises(DomainError) as caught:
        step(report, "verified_true", world.a_staff, verified_on="2021-02-30")
    assert caught.value.code == "bad_date" and "不存在" in caught.value.message
    assert step(report, "verified_true", world.a_staff, verified_on="2021-09-20").verified_on == D(2021, 9, 20)
