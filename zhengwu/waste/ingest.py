"""Drop-off event batches (投放记录批量接收) from card readers and inspectors' phones.

`ingest(events)` takes a batch (a list of dicts: id, card, point, at, category, correct) and answers, per
event, whether it was stored, was already stored (a retry), or was refused and why. The design, for bursts
in the short drop-off windows and for senders that retry:

- events are checked one by one; a bad one is refused with its reason and the rest of the batch is kept;
- cards and points are looked up with one query each for the whole batch;
- the batch is one transaction: one `INSERT … ON CONFLICT (event_id) DO NOTHING RETURNING event_id`
  writes the new events and says which were new, then one `UPDATE … FROM (VALUES …)` adds their points to
  the cards' balances. A retried batch (or a sender killed after the commit but before it saw the answer)
  finds its ids stored, inserts nothing and adds nothing: no event is lost or counted twice;
- cards are updated in id order, so two batches touching the same cards cannot deadlock.

Points follow the rulebook version in force on the event's day (points.*; **Decision** in docs/waste.md).
An event outside its point's windows is accepted and flagged (`in_window` false). A time without a zone
is Beijing time.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from zhengwu.core.dates import DISTRICT_ZONE

from .models import Card, DropEvent, DropPoint
from .rules import default_rules
from .vocab import Category

MAX_BATCH = 5000
CATEGORY_OF = {c.value: c.value for c in Category} | {c.label: c.value for c in Category}
ID_RE = re.compile(r"^[A-Za-z0-9._:\-]{1,64}$")


class BatchError(ValueError):
    """The batch as a whole is not a batch (not a list, too long); nothing is stored."""


@dataclass
class Refusal:
    index: int
    id: str | None
    field: str
    reason: str

    def as_json(self) -> dict:
        return {"index": self.index, "id": self.id, "field": self.field, "reason": self.reason}


@dataclass
class BatchResult:
    """What became of a batch: ids stored now, ids already stored before, refusals, and flagged ids."""

    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    outside_window: list[str] = field(default_factory=list)
    points: int = 0

    def as_json(self) -> dict:
        return {"stored": len(self.stored), "duplicates": len(self.duplicates), "refused": [r.as_json() for r in
                                                                                            self.refused],
                "outside_window": self.outside_window, "points": self.points,
                "stored_ids": self.stored, "duplicate_ids": self.duplicates}


@dataclass
class _Row:
    event_id: str
    card_id: int
    point_id: int
    at: dt.datetime
    category: str
    correct: bool
    in_window: bool
    points: int


def parse_moment(value: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError("时间应为 ISO 8601 文字，如 2021-09-01T07:30:00+08:00")
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"“{value}”不是有效的时间（ISO 8601，如 2021-09-01T07:30:00+08:00）") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=DISTRICT_ZONE)
    return moment


def points_for(correct: bool, in_window: bool, day: dt.date, cache: dict) -> int:
    """The points rule (district's local rule, a versioned parameter) for one drop-off on `day`.

    Cites, for points.correct_in_window, points.correct_outside_window and points.incorrect:
    区生活垃圾分类办本地规则（綦江府办发〔2021〕23号五（三）只要求“带好积分卡”，未规定分值）
    区生活垃圾分类办本地规则（倡导定时投放，綦江府办发〔2021〕23号二、工作目标）
    区生活垃圾分类办本地规则
    """
    key = (correct, in_window, day)
    if key not in cache:
        name = ("points.correct_in_window" if in_window else "points.correct_outside_window") if correct \
            else "points.incorrect"
        cache[key] = int(default_rules().value(name, max(day, default_rules().document.effective)) or 0)
    return cache[key]


def ingest(events: Any, *, now: dt.datetime | None = None, source: str = "") -> BatchResult:
    """Store a batch of drop-off events; see the module's docstring. `source` names the sender (the
    device's name) on every event it stores, so a bad reader's events can be found."""
    if not isinstance(events, list):
        raise BatchError("批量数据应为事件列表（events）。")
    if len(events) > MAX_BATCH:
        raise BatchError(f"一批最多 {MAX_BATCH} 条事件，本批 {len(events)} 条。")
    result = BatchResult()
    candidates: list[tuple[int, dict]] = []
    seen: set[str] = set()
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            result.refused.append(Refusal(index, None, "event", "事件应为对象"))
            continue
        event_id = event.get("id")
        if not isinstance(event_id, str) or not ID_RE.match(event_id):
            result.refused.append(Refusal(index, None, "id", "事件编号应为1至64位字母、数字或 . _ : -"))
            continue
        if event_id in seen:  # the same id twice in one batch: the second is a repeat of the first
            result.duplicates.append(event_id)
            continue
        seen.add(event_id)
        candidates.append((index, event))
    cards = dict(Card.objects.filter(number__in={str(e.get("card")) for _, e in candidates})
                 .values_list("number", "pk"))
    points = {p.code: p for p in DropPoint.objects.filter(code__in={str(e.get("point")) for _, e in candidates})}
    rows: list[_Row] = []
    cache: dict = {}
    for index, event in candidates:
        refusal = _check(index, event, cards, points)
        if refusal:
            result.refused.append(refusal)
            continue
        point = points[str(event["point"])]
        moment = parse_moment(event["at"])
        local = moment.astimezone(DISTRICT_ZONE)
        in_window = point.in_window(local.time().replace(tzinfo=None))
        correct = event["correct"]
        rows.append(_Row(event["id"], cards[str(event["card"])], point.pk, moment, CATEGORY_OF[event["category"]],
                         correct, in_window, points_for(correct, in_window, local.date(), cache)))
    if rows:
        rows.sort(key=lambda r: r.event_id)  # one order for every batch: concurrent inserts never wait in a cycle
        _write(rows, result, now or timezone.now(), source[:100])
    return result


def _check(index: int, event: dict, cards: dict, points: dict) -> Refusal | None:
    event_id = event["id"]
    card = event.get("card")
    if not isinstance(card, str | int) or str(card) not in cards:
        return Refusal(index, event_id, "card", f"没有卡号为“{card}”的积分卡")
    point = points.get(str(event.get("point")))
    if point is None:
        return Refusal(index, event_id, "point", f"没有编号为“{event.get('point')}”的投放点")
    if not point.active:
        return Refusal(index, event_id, "point", f"投放点“{point.code}”已停用")
    try:
        parse_moment(event.get("at"))
    except ValueError as exc:
        return Refusal(index, event_id, "at", str(exc))
    if not isinstance(event.get("category"), str) or event["category"] not in CATEGORY_OF:
        return Refusal(index, event_id, "category", "类别应为 recyclable、kitchen、hazardous、other 之一（或其中文名）")
    if not isinstance(event.get("correct"), bool):
        return Refusal(index, event_id, "correct", "是否分类正确应为 true 或 false")
    return None


def _write(rows: list[_Row], result: BatchResult, now: dt.datetime, source: str) -> None:
    by_id = {r.event_id: r for r in rows}
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            inserted = _insert_arrays(cursor, rows, now, source)
        else:
            inserted = _insert_values(cursor, rows, now, source)
        deltas: dict[int, int] = defaultdict(int)
        for event_id in inserted:
            deltas[by_id[event_id].card_id] += by_id[event_id].points
        changes = sorted((card, delta) for card, delta in deltas.items() if delta)
        if changes:
            _add_points(cursor, changes)
    for r in rows:
        if r.event_id in inserted:
            result.stored.append(r.event_id)
            result.points += r.points
            if not r.in_window:
                result.outside_window.append(r.event_id)
        else:
            result.duplicates.append(r.event_id)


TABLE, CARDS = DropEvent._meta.db_table, Card._meta.db_table
COLUMNS = "(event_id, card_id, point_id, at, category, correct, in_window, points, received_at, source)"


def _insert_arrays(cursor: Any, rows: list[_Row], now: dt.datetime, source: str) -> set[str]:
    """PostgreSQL: the batch as eight arrays unnested — ten parameters instead of 5,000, which the driver
    would otherwise scan one placeholder at a time (a third of the batch's time before this)."""
    cursor.execute(
        f"INSERT INTO {TABLE} {COLUMNS} SELECT e.*, %s::timestamptz, %s::varchar FROM unnest(%s::varchar[], %s::bigint[], "
        f"%s::bigint[], %s::timestamptz[], %s::varchar[], %s::boolean[], %s::boolean[], %s::integer[]) "
        f"AS e ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
        [now, source, [r.event_id for r in rows], [r.card_id for r in rows], [r.point_id for r in rows],
         [r.at for r in rows], [r.category for r in rows], [r.correct for r in rows],
         [r.in_window for r in rows], [r.points for r in rows]])
    return {row[0] for row in cursor.fetchall()}


def _insert_values(cursor: Any, rows: list[_Row], now: dt.datetime, source: str) -> set[str]:
    """SQLite (3.35+ for RETURNING): one multi-row VALUES statement."""
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(rows))
    params: list[Any] = []
    for r in rows:
        params += [r.event_id, r.card_id, r.point_id, r.at, r.category, r.correct, r.in_window, r.points, now, source]
    cursor.execute(f"INSERT INTO {TABLE} {COLUMNS} VALUES {values} "
                   f"ON CONFLICT (event_id) DO NOTHING RETURNING event_id", params)
    return {row[0] for row in cursor.fetchall()}


def _add_points(cursor: Any, changes: list[tuple[int, int]]) -> None:
    """Add each card's new points to its balance in one statement, cards in id order (no deadlock cycle)."""
    if connection.vendor == "postgresql":
        cursor.execute(f"UPDATE {CARDS} SET balance = {CARDS}.balance + d.points "
                       f"FROM unnest(%s::bigint[], %s::integer[]) AS d(card, points) WHERE {CARDS}.id = d.card",
                       [[c for c, _ in changes], [p for _, p in changes]])
        return
    pairs = ", ".join(["(%s, %s)"] * len(changes))
    cursor.execute(f"WITH delta(card, points) AS (VALUES {pairs}) "
                   f"UPDATE {CARDS} SET balance = {CARDS}.balance + delta.points FROM delta "
                   f"WHERE {CARDS}.id = delta.card", [x for pair in changes for x in pair])
