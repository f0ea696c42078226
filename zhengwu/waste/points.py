"""Adjusting a drop-off point after the bins are removed (动态优化调整集中投放点的位置, 五（四）): the point is
changed and an Adjustment saying what changed (before → after) is recorded in the same transaction."""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from zhengwu.core.errors import DomainError

from .models import Adjustment, DropPoint

LABELS = {"name": "位置", "morning_from": "早上开始", "morning_to": "早上结束", "evening_from": "晚上开始",
          "evening_to": "晚上结束", "cleaning": "清洗和消杀频次", "active": "在用"}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return str(value or "—")


@transaction.atomic
def adjust_point(point: DropPoint, changes: dict[str, Any], *, on: dt.date, by: str, reason: str) -> Adjustment | None:
    """Apply `changes` (field → new value) to the point; None when nothing changed."""
    if not reason.strip():
        raise DomainError("请写明调整原因（如居民意见、收运路线变化）。", field="reason")
    said = []
    for name, value in changes.items():
        if name not in LABELS:
            raise DomainError(f"投放点没有“{name}”这一项。", field=name)
        if getattr(point, name) != value:
            said.append(f"{LABELS[name]} {_text(getattr(point, name))} → {_text(value)}")
            setattr(point, name, value)
    if not said:
        return None
    if point.morning_from >= point.morning_to or point.evening_from >= point.evening_to:
        raise DomainError("结束时间应晚于开始时间。", field="morning_to" if point.morning_from >= point.morning_to
                          else "evening_to")
    point.save()
    return Adjustment.objects.create(community=point.community, on=on, by=by,
                                     what=f"投放点 {point.code}：{'；'.join(said)}（{reason.strip()}）"[:300])
