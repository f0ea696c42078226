"""The dashboard's rules: the weekly history, units at risk (needed per remaining week against the recent
pace) and the communities holding a unit back."""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from zhengwu.waste import dashboard
from zhengwu.waste.models import Community
from zhengwu.waste.units import resolve_unit

pytestmark = pytest.mark.django_db


def add(unit: str, name: str, removed: dt.date | None, **fields) -> Community:
    defaults = {"management": "managed", "building": "high_rise", "households": 100}
    return Community.objects.create(unit=resolve_unit(unit), name=name, removed_on=removed, **(defaults | fields))


def test_history_is_weekly_from_june_to_the_day():
    add("古南街道", "甲", dt.date(2021, 6, 10))
    add("古南街道", "乙", None)
    points = dashboard.history("古南街道", dt.date(2021, 6, 20))
    assert points == [(dt.date(2021, 6, 1), Fraction(0)), (dt.date(2021, 6, 8), Fraction(0)),
                      (dt.date(2021, 6, 15), Fraction(1, 2)), (dt.date(2021, 6, 20), Fraction(1, 2))]


def test_a_unit_behind_its_pace_is_at_risk_with_the_communities_to_do_first():
    on = dt.date(2021, 8, 3)  # 4 weeks before 2021-08-31
    for i in range(10):
        add("古南街道", f"高层{i}", None)
    add("古南街道", "无物业院子", None, management="unmanaged")
    add("古南街道", "已撤", dt.date(2021, 7, 30))
    risks = dashboard.risks(on)
    assert [r.progress.unit for r in risks] == ["古南街道"]
    risk = risks[0]
    assert risk.target.due == dt.date(2021, 8, 31) and risk.needed == 5  # 6 of 12 for 50 %
    assert risk.per_week == Fraction(5, 4) and risk.pace == Fraction(1, 4) and not risk.missed
    assert risk.share_per_week == Fraction(5, 48) and risk.share_per_week_text == "10.4"  # points a week
    back = dashboard.holding_back(risk.progress, risk.target)
    assert [c.name for c, _ in back][0] == "无物业院子" and len(back) == 5


def test_a_unit_on_pace_or_done_is_not_at_risk():
    on = dt.date(2021, 8, 3)
    for i in range(4):
        add("文龙街道", f"甲{i}", dt.date(2021, 7, 10 + i))  # 4 done in the last 4 weeks: pace 1 a week
    for i in range(4):
        add("文龙街道", f"乙{i}", None)
    assert dashboard.risks(on) == []  # 4 of 8 already meet 50 %
    add("文龙街道", "丙", None)
    add("文龙街道", "丁", None)
    assert dashboard.risks(on) == []  # needs 1 more in 4 weeks, keeps 1 a week


def test_after_the_last_due_date_a_missed_target_is_listed():
    add("东溪镇", "甲", dt.date(2021, 8, 1))
    add("东溪镇", "乙", None)
    risks = dashboard.risks(dt.date(2021, 12, 15))
    assert [(r.progress.unit, r.missed, r.needed) for r in risks] == [("东溪镇", True, 1)]
