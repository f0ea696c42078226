"""The guidance-visit list (上门指导名单): households with repeated poor sorting, traced (溯源) from
drop-offs judged not correctly sorted and from inspections that traced a poor bag to the card.

**Decision**: a poor record is a drop-off event with `correct` false or an inspection of quality "poor"
traced to the card. A household is listed when it has at least `guidance.threshold` (3) poor records in the
`guidance.days` (30) days ending on the day asked, counting only records after its last guidance visit —
a visit closes the case, and a household that goes on sorting badly comes back on the list.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from zhengwu.core.dates import DISTRICT_ZONE
from zhengwu.core.errors import DomainError

from .models import Card, DropEvent, GuidanceVisit, Inspection
from .rules import default_rules
from .units import UNITS
from .vocab import Quality


@dataclass
class GuidanceEntry:
    card: Card
    poor: int
    last: dt.datetime
    last_visit: dt.date | None


@dataclass(frozen=True)
class Threshold:
    times: int
    days: int
    cite: str
    text: str


def threshold(on: dt.date) -> Threshold:
    """Cites 区生活垃圾分类办本地规则（綦江府办发〔2021〕23号五（一）3“加强居民分类投放情况的数据统计和溯源,有针对性地开展上门指导”）、区生活垃圾分类办本地规则."""
    rules = default_rules()
    day = max(on, rules.document.effective)
    times, days = rules.version("guidance.threshold", day), rules.version("guidance.days", day)
    return Threshold(int(times.value or 0), int(days.value or 0), times.cite, times.text)


def guidance_list(on: dt.date, *, community_id: int | None = None) -> list[GuidanceEntry]:
    rule = threshold(on)
    end = dt.datetime.combine(on + dt.timedelta(days=1), dt.time(), tzinfo=DISTRICT_ZONE)
    start = end - dt.timedelta(days=rule.days)
    events = DropEvent.objects.filter(correct=False, at__gte=start, at__lt=end)
    checks = Inspection.objects.filter(quality=Quality.POOR, card__isnull=False, at__gte=start, at__lt=end)
    if community_id is not None:
        events = events.filter(card__community_id=community_id)
        checks = checks.filter(card__community_id=community_id)
    moments: dict[int, list[dt.datetime]] = defaultdict(list)
    for card_id, at in [*events.values_list("card_id", "at"), *checks.values_list("card_id", "at")]:
        moments[card_id].append(at)
    visits: dict[int, dt.date] = {}
    for card_id, day in GuidanceVisit.objects.filter(card_id__in=moments, on__lte=on).values_list("card_id", "on"):
        visits[card_id] = max(day, visits.get(card_id, day))
    found = []
    cards = Card.objects.select_related("community__unit").in_bulk(list(moments))
    for card_id, times in moments.items():
        visit = visits.get(card_id)
        if visit is not None:
            after = dt.datetime.combine(visit + dt.timedelta(days=1), dt.time(), tzinfo=DISTRICT_ZONE)
            times = [t for t in times if t >= after]
        if len(times) >= rule.times:  # 达3次: reaching the threshold lists the household
            found.append(GuidanceEntry(cards[card_id], len(times), max(times), visit))
    found.sort(key=lambda e: (_unit_order(e.card.community.unit.name), e.card.community.name, -e.poor, e.card.number))
    return found


def _unit_order(name: str) -> int:
    return UNITS.index(name) if name in UNITS else len(UNITS)


@transaction.atomic
def record_visit(card: Card, on: dt.date, visitor: str, note: str = "") -> GuidanceVisit:
    if not visitor.strip():
        raise DomainError("请填写指导人。", field="visitor")
    return GuidanceVisit.objects.create(card=card, on=on, visitor=visitor.strip(), note=note.strip())


@transaction.atomic
def record_inspection(point_code: str, at: dt.datetime, inspector: str, quality: str, *, card_number: str = "",
                      note: str = "") -> Inspection:
    """An inspector's record at a point; `card_number` traces the bag to its household (溯源)."""
    from .models import DropPoint

    point = DropPoint.objects.filter(code=point_code.strip()).first()
    if point is None:
        raise DomainError(f"没有编号为“{point_code}”的投放点。", field="point")
    if quality not in Quality.values:
        raise DomainError("分类质量应为 good、fair 或 poor。", field="quality")
    if not inspector.strip():
        raise DomainError("请填写巡检员。", field="inspector")
    card = None
    if card_number.strip():
        card = Card.objects.filter(number=card_number.strip()).first()
        if card is None:
            raise DomainError(f"没有卡号为“{card_number}”的积分卡。", field="card")
    return Inspection.objects.create(point=point, at=at, inspector=inspector.strip(), quality=quality, card=card,
                                     note=note.strip())
