"""Drop-off event batches: idempotent by event id (retries never double-count), unknown cards or points
refused per event while the rest is kept, events outside the point's windows accepted and flagged, and
balances always equal to the events' points."""
from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengwu.waste.ingest import BatchError, ingest
from zhengwu.waste.models import Card, DropEvent

from .helpers import event, make_card, make_community, make_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    community = make_community()
    make_point(community, "P1")  # 07:00—09:00 and 19:00—21:00
    make_card(community, "C0001")
    make_card(community, "C0002", "1栋1单元102")
    return community


def balance(number: str) -> int:
    return Card.objects.get(number=number).balance


def test_a_batch_is_stored_and_points_counted(setup):
    result = ingest([event("e1"), event("e2", card="C0002"), event("e3", correct=False)])
    assert (len(result.stored), result.duplicates, result.refused, result.points) == (3, [], [], 2)
    assert balance("C0001") == 1 and balance("C0002") == 1
    assert DropEvent.objects.get(event_id="e3").points == 0


def test_sending_the_same_batch_again_counts_nothing(setup):
    batch = [event("e1"), event("e2"), event("e3", card="C0002")]
    ingest(batch)
    again = ingest(batch)
    assert again.stored == [] and sorted(again.duplicates) == ["e1", "e2", "e3"] and again.points == 0
    assert DropEvent.objects.count() == 3
    assert balance("C0001") == 2 and balance("C0002") == 1


def test_an_overlapping_retry_stores_only_the_new_events(setup):
    ingest([event("e1"), event("e2")])
    result = ingest([event("e2"), event("e3"), event("e3")])
    assert result.stored == ["e3"] and sorted(result.duplicates) == ["e2", "e3"]
    assert balance("C0001") == 3


def test_unknown_card_or_point_is_refused_and_the_rest_kept(setup):
    result = ingest([event("e1"), event("e2", card="NOPE"), event("e3", point="P9"), event("e4", card="C0002"),
                     event("e5", at="yesterday"), event("e6", category="food"), {"id": "e7", "card": "C0001"},
                     {"card": "C0001"}, "junk", event("e10", category=["kitchen"]), event("e11", card=["C0001"]),
                     event("e12", at=12)])
    assert sorted(result.stored) == ["e1", "e4"]
    refused = {(r.index, r.field) for r in result.refused}
    assert refused == {(1, "card"), (2, "point"), (4, "at"), (5, "category"), (6, "point"), (7, "id"), (8, "event"),
                       (9, "category"), (10, "card"), (11, "at")}
    reasons = {r.id: r.reason for r in result.refused}
    assert "NOPE" in reasons["e2"] and "P9" in reasons["e3"]
    assert DropEvent.objects.count() == 2


def test_events_outside_the_window_are_accepted_and_flagged(setup):
    result = ingest([event("early", at="2021-09-01T06:59:00+08:00"), event("start", at="2021-09-01T07:00:00+08:00"),
                     event("end", at="2021-09-01T09:00:00+08:00"), event("noon", at="2021-09-01T12:00:00+08:00"),
                     event("utc", at="2021-09-01T11:30:00Z"),  # 19:30 Beijing time
                     event("naive", at="2021-09-01T20:59:00")])  # no zone: Beijing time
    assert sorted(result.stored) == ["early", "end", "naive", "noon", "start", "utc"]
    assert sorted(result.outside_window) == ["early", "noon"]
    flags = dict(DropEvent.objects.values_list("event_id", "in_window"))
    assert flags == {"early": False, "start": True, "end": True, "noon": False, "utc": True, "naive": True}
    assert balance("C0001") == 4  # 1 point each inside the windows, none outside (local rule)


def test_chinese_category_names_are_accepted(setup):
    ingest([event("e1", category="厨余垃圾")])
    assert DropEvent.objects.get().category == "kitchen"


def test_not_a_batch():
    with pytest.raises(BatchError):
        ingest({"id": "e1"})
    with pytest.raises(BatchError):
        ingest([event(str(i)) for i in range(5001)])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(st.lists(st.tuples(st.integers(0, 30), st.sampled_from(["C0001", "C0002", "X"]),
                                           st.booleans(), st.integers(5, 22)), max_size=12), min_size=1, max_size=6))
def test_balances_always_equal_the_stored_events(setup, batches):
    DropEvent.objects.all().delete()
    Card.objects.update(balance=0)
    expected: dict[str, tuple[str, bool, int]] = {}
    for batch in batches:
        events = [event(f"e{n}-{card}", card=card, correct=ok, at=f"2021-09-01T{hour:02d}:30:00+08:00")
                  for n, card, ok, hour in batch]
        ingest(events)
        ingest(events)  # every batch sent twice
        for n, card, ok, hour in batch:
            if card != "X":
                expected.setdefault(f"e{n}-{card}", (card, ok, hour))
    assert DropEvent.objects.count() == len(expected)
    for number in ("C0001", "C0002"):
        points = sum(1 for card, ok, hour in expected.values() if card == number and ok and hour in (7, 8, 19, 20))
        assert balance(number) == points
        assert (DropEvent.objects.filter(card__number=number).aggregate(s=Sum("points"))["s"] or 0) == points


def test_points_rule_comes_from_the_rulebook(setup):
    from zhengwu.waste.rules import default_rules

    version = default_rules().version("points.correct_in_window", dt.date(2021, 9, 1))
    assert version.value == 1 and "本地规则" in version.cite


def test_cards_for_a_household_list_are_all_or_nothing(setup):
    from zhengwu.waste.cards import find_card, issue_cards
    from zhengwu.waste.register import ImportRefused

    with pytest.raises(ImportRefused) as caught:
        issue_cards(setup, [["卡号", "住户"], ["C0001", "1栋"], ["C0100", ""], ["C0101", "2栋"], ["C0101", "3栋"]])
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "卡号"), (3, "住户"), (5, "卡号")]
    assert Card.objects.count() == 2
    issued = issue_cards(setup, [["number", "household"], ["C0100", "1栋101"], ["", ""], ["C0101", "1栋102"]])
    assert [i.card.number for i in issued] == ["C0100", "C0101"]
    assert find_card("C0101", issued[1].check_code).household == "1栋102"


def test_wrong_check_codes_lock_the_card_for_a_while(setup):
    from zhengwu.core.errors import DomainError
    from zhengwu.waste.cards import find_card

    start = dt.datetime(2021, 9, 1, 8, tzinfo=dt.UTC)
    for _ in range(5):
        with pytest.raises(DomainError, match="卡号或校验码不正确"):
            find_card("C0001", "000000", now=start)
    with pytest.raises(DomainError, match="^code: 校验码错误次数过多，请15分钟后再试。$"):
        find_card("C0001", "123456", now=start)  # even the right code, for now
    with pytest.raises(DomainError, match="^code: 校验码错误次数过多，请1分钟后再试。$"):
        find_card("C0001", "123456", now=start + dt.timedelta(minutes=14, seconds=30))  # the minutes left
    assert find_card("C0001", "123456", now=start + dt.timedelta(minutes=16)).number == "C0001"
    with pytest.raises(DomainError, match="卡号或校验码不正确"):
        find_card("NOPE", "123456", now=start)  # an unknown number: the same message as a wrong code


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=8)
FIELD = st.sampled_from(["id", "card", "point", "at", "category", "correct"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(st.one_of(JSON, st.builds(lambda base, key, value: base | {key: value},
                                                st.just(event("fz")), FIELD, JSON)), max_size=6))
def test_any_json_batch_is_answered_event_by_event_never_crashed(setup, batch):
    result = ingest(batch)
    answered = len(result.stored) + len(result.duplicates) + len(result.refused)
    assert answered == len(batch)
    assert all(r.reason for r in result.refused)
