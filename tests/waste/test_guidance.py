"""The guidance-visit list: households with at least 3 poor-sorting records in 30 days (parameters),
traced from drop-offs and inspections; a visit closes the case."""
from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.core.dates import DISTRICT_ZONE
from zhengwu.waste.guidance import guidance_list, record_inspection, record_visit, threshold
from zhengwu.waste.ingest import ingest

from .helpers import event, make_card, make_community, make_point

pytestmark = pytest.mark.django_db

ON = dt.date(2021, 9, 30)


@pytest.fixture
def card():
    community = make_community()
    make_point(community, "P1")
    make_card(community, "C0002", "2栋")
    return make_card(community, "C0001")


def poor(n: int, day: int, card: str = "C0001") -> dict:
    return event(f"{card}-{n}", card=card, correct=False, at=f"2021-09-{day:02d}T07:30:00+08:00")


def numbers(on: dt.date = ON) -> list[str]:
    return [e.card.number for e in guidance_list(on)]


def test_threshold_is_a_parameter():
    rule = threshold(ON)
    assert (rule.times, rule.days) == (3, 30)


def test_two_poor_drops_are_not_enough_three_are(card):
    ingest([poor(1, 10), poor(2, 12)])
    assert numbers() == []
    ingest([poor(3, 20)])
    entries = guidance_list(ON)
    assert [(e.card.number, e.poor) for e in entries] == [("C0001", 3)]


def test_only_the_last_30_days_count(card):
    ingest([poor(1, 1), poor(2, 12), poor(3, 20)])
    assert numbers() == ["C0001"]  # 9-01 … 9-30: the 30 days ending on the day asked, both ends included
    assert numbers(dt.date(2021, 10, 1)) == []  # 9-01 has left the window


def test_inspections_traced_to_the_household_count(card):
    ingest([poor(1, 10), poor(2, 12)])
    record_inspection("P1", dt.datetime(2021, 9, 15, 19, 30, tzinfo=DISTRICT_ZONE), "巡检员甲", "poor", card_number="C0001")
    record_inspection("P1", dt.datetime(2021, 9, 16, 19, 30, tzinfo=DISTRICT_ZONE), "巡检员甲", "poor")  # not traced
    record_inspection("P1", dt.datetime(2021, 9, 17, 19, 30, tzinfo=DISTRICT_ZONE), "巡检员甲", "good", card_number="C0002")
    assert numbers() == ["C0001"]


def test_a_visit_closes_the_case_until_it_happens_again(card):
    ingest([poor(1, 10), poor(2, 12), poor(3, 13)])
    record_visit(card, dt.date(2021, 9, 14), "社区指导员")
    assert numbers() == []
    ingest([poor(4, 20), poor(5, 21), poor(6, 22)])
    entries = guidance_list(ON)
    assert entries[0].poor == 3 and entries[0].last_visit == dt.date(2021, 9, 14)


def test_inspection_errors_name_the_field(card):
    from zhengwu.core.errors import DomainError

    with pytest.raises(DomainError) as caught:
        record_inspection("P9", dt.datetime(2021, 9, 1, tzinfo=DISTRICT_ZONE), "甲", "poor")
    assert caught.value.field == "point"
    with pytest.raises(DomainError) as caught:
        record_inspection("P1", dt.datetime(2021, 9, 1, tzinfo=DISTRICT_ZONE), "甲", "poor", card_number="Z")
    assert caught.value.field == "card"
