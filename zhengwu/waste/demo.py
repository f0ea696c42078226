"""Demo of the waste system (演示数据), run by `zhengwu demo` after the seed gazette and the org registry.

From the seed: the units of 綦江府办发〔2021〕23号 (the five urban streets and the towns the seed names) are
registered in the org registry if missing; the targets come with the rulebook. Generated samples, every
name ending in （示例） and `is_sample` set: communities of the five streets and two towns with the four steps
at different stages (removal dates from July to November 2021, some not yet), drop-off points with their
windows, contacts for the notice, ten points cards per community, a week of drop-offs in September 2021
(sent through the same ingestion as card readers), and inspections tracing poor sorting to two households
so the guidance list (as of 2021-09-30) is not empty. Accounts: demo_fenlei (区生活垃圾分类办: everything)
and demo_xunjian (巡检员: view, inspections, visits); a password is made only when an account is created and
printed once to standard error.

Re-running changes nothing: units and accounts are found first, and samples are made only when there are none.
"""
from __future__ import annotations

import datetime as dt
import random
import secrets
import sys
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from zhengwu.core.dates import DISTRICT_ZONE

from .cards import issue_card
from .guidance import record_inspection
from .ingest import ingest
from .models import Community, DropPoint
from .units import UNITS, resolve_unit
from .vocab import BuildingType, Management

MARK = "（示例）"
SAMPLES = {"古南街道": 12, "文龙街道": 10, "三江街道": 10, "新盛街道": 8, "通惠街道": 10, "东溪镇": 6, "安稳镇": 5}
NAMES = ("翠湖", "滨江", "东门", "南州", "桂花园", "金科", "老街", "文化村", "新城", "沙溪", "通惠苑", "书香")
ACCOUNTS = (("demo_fenlei", "区生活垃圾分类办：进度、台账、告知书、巡检、上门指导",
             ("view_community", "change_community", "add_inspection", "add_guidancevisit")),
            ("demo_xunjian", "巡检员：查看、巡检记录、上门指导", ("view_community", "add_inspection", "add_guidancevisit")))
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def build_demo(*, stream: TextIO | None = None) -> None:
    """Set the waste system up from the seed; safe to run again."""
    out = stream or sys.stderr
    with transaction.atomic():
        for unit in UNITS:
            resolve_unit(unit)
        for username, role, perms in ACCOUNTS:
            password = _account(username, perms)
            if password:
                out.write(f"生活垃圾分类演示账号 {username}（{role}）的密码（只显示这一次）：{password}\n")
        if not Community.objects.filter(is_sample=True).exists():
            _samples()


def _account(username: str, perms: tuple[str, ...]) -> str | None:
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": "演示"})
    password = None
    if created:
        password = "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(4))
        user.set_password(password)
        user.save(update_fields=["password"])
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="waste", codename__in=perms))
    return password


def _samples() -> None:
    rng = random.Random(20210521)  # the plan's date: the same samples on every machine
    for unit_name, count in SAMPLES.items():
        unit = resolve_unit(unit_name)
        for i in range(count):
            management = rng.choice((Management.MANAGED, Management.MANAGED, Management.UNMANAGED, Management.SINGLE_STAIR))
            building = rng.choice((BuildingType.HIGH_RISE, BuildingType.MID_RISE, BuildingType.VILLA, BuildingType.HIGH_RISE,
                                   BuildingType.NEW_BUILD if i == count - 1 else BuildingType.MID_RISE))
            removed = None
            if rng.random() < 0.7:
                removed = dt.date(2021, 7, 1) + dt.timedelta(days=rng.randrange(150))
            community = Community.objects.create(
                unit=unit, name=f"{NAMES[i % len(NAMES)]}{'小区' if i < len(NAMES) else '二期'}{MARK}",
                management=management, building=building, households=rng.randrange(40, 600),
                floor_bins=0 if building == BuildingType.NEW_BUILD else rng.randrange(4, 60), cleaners=rng.randrange(1, 8),
                property_company="示例物业服务有限公司" if management == Management.MANAGED else "",
                lead_on=dt.date(2021, 6, rng.randrange(1, 29)), lead_person="社区党委示例党员",
                survey_on=dt.date(2021, 6, 28) if removed else None,
                plan="设两处集中投放点，早晚定时投放，保洁人员二次分拣。" if removed else "",
                publicity_on=removed - dt.timedelta(days=10) if removed else None,
                removed_on=removed if building != BuildingType.NEW_BUILD else None,
                handover_on=removed if building == BuildingType.NEW_BUILD else None,
                notice_start=removed, contact="示例联系人", phone="023-4860000" + str(i % 10),
                notice_date=removed - dt.timedelta(days=7) if removed else None, is_sample=True)
            code = f"{UNITS.index(unit_name) + 1:02d}-{i + 1:02d}"
            DropPoint.objects.create(community=community, code=f"D{code}-1", name="1栋东侧集中投放点",
                                     cleaning="每日清洗消杀一次")
            if rng.random() < 0.5:
                DropPoint.objects.create(community=community, code=f"D{code}-2", name="南门集中投放点",
                                         morning_from=dt.time(6, 30), morning_to=dt.time(8, 30))
            for n in range(10):
                issue_card(community, f"S{code}-{n + 1:03d}", f"{n // 4 + 1}栋{n % 4 + 1}01{MARK}",
                           check_code=f"{n + 1:06d}", sample=True)
    _events(rng)


def _events(rng: random.Random) -> None:
    """A week of drop-offs (2021-09-20 … 26) and inspections, through the product's own functions."""
    events = []
    for community in Community.objects.filter(is_sample=True).order_by("pk"):
        points = list(community.points.order_by("code").values_list("code", flat=True))
        for card in community.cards.order_by("number").values_list("number", flat=True):
            for day in range(20, 27):
                hour = rng.choice((7, 8, 19, 20, 12))
                events.append({"id": f"demo-{card}-{day}", "card": card, "point": rng.choice(points),
                               "category": rng.choice(("kitchen", "recyclable", "other")),
                               "at": f"2021-09-{day}T{hour:02d}:{rng.randrange(60):02d}:00+08:00",
                               "correct": rng.random() < 0.96})
    for start in range(0, len(events), 500):
        ingest(events[start:start + 500])
    first = Community.objects.filter(is_sample=True).order_by("unit__name", "name").first()
    point = first.points.order_by("code").first()
    for card in first.cards.order_by("number")[:2]:
        for day in (22, 25, 28):
            record_inspection(point.code, dt.datetime(2021, 9, day, 19, 40, tzinfo=DISTRICT_ZONE), "示例巡检员", "poor",
                              card_number=card.number, note="厨余垃圾中混有塑料袋（示例）")
