"""Builders shared by the waste tests: registers as CSV bytes, communities, points and cards."""
from __future__ import annotations

import datetime as dt

HEADER = "街镇,小区,管理类型,楼型,户数,楼层桶数,保洁人数,物业公司,撤桶日期"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def unit_rows(unit: str, total: int, done: int, *, removed: str = "2021-08-01", building: str = "高层") -> list[str]:
    """`total` communities of `unit`, the first `done` of them with floor bins removed on `removed`."""
    return [f"{unit},{unit}小区{i:02d},物业,{building},100,10,2,某物业公司,{removed if i < done else ''}"
            for i in range(total)]


def make_community(unit: str = "古南街道", name: str = "翠湖小区", **fields):
    from zhengwu.waste.models import Community
    from zhengwu.waste.units import resolve_unit

    defaults = {"management": "managed", "building": "high_rise", "households": 300, "floor_bins": 30, "cleaners": 3,
                "property_company": "重庆翠湖物业管理有限公司"}
    return Community.objects.create(unit=resolve_unit(unit), name=name, **(defaults | fields))


def make_point(community, code: str = "P1", name: str = "1栋东侧", **fields):
    from zhengwu.waste.models import DropPoint

    return DropPoint.objects.create(community=community, code=code, name=name, **fields)


def make_card(community, number: str = "C0001", household: str = "1栋1单元101", code: str = "123456"):
    from zhengwu.waste.cards import issue_card

    return issue_card(community, number, household, check_code=code).card


def event(event_id: str, *, card: str = "C0001", point: str = "P1", at: str = "2021-09-01T07:30:00+08:00",
          category: str = "kitchen", correct: bool = True) -> dict:
    return {"id": event_id, "card": card, "point": point, "at": at, "category": category, "correct": correct}


DAY = dt.date(2021, 9, 1)
