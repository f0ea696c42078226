"""Targets entered by hand and progress entries (进展填报), and each target's cumulative progress.

A target's progress is the sum of its entries dated in its year up to the day asked (累计完成). Entries
are never negative: a mistake is corrected by the office with a correcting entry's note, not by hiding
numbers (Decision, docs/supervision.md) — so a value must be ≥ 0 and dated inside the target's year.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum

from zhengwu.core.errors import DomainError

from . import files as evidence
from .models import ProgressEntry, Target, Task

UNITS = ("个", "人", "人次", "名", "项", "家", "元", "万元")


def decimal_of(value, *, field: str) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise DomainError(f"“{value}”不是数字。", field=field) from None
    if not number.is_finite() or number < 0:
        raise DomainError(f"数值应为不小于0的数，而不是 {value}。", field=field)
    if number > Decimal("1e13"):
        raise DomainError(f"数值 {value} 过大，请检查是否多输了零。", field=field)
    return number


@transaction.atomic
def record(target: Target, value, on: dt.date, *, note: str = "", user=None, upload: tuple[str, bytes] | None = None,
           is_sample: bool = False, written: list[str] | None = None) -> ProgressEntry:
    """Record one entry; the file (optional) is checked by its bytes."""
    amount = decimal_of(value, field="value")
    if on.year != target.year:
        raise DomainError(f"该目标是 {target.year} 年度的，进展日期 {on.isoformat()} 不在该年度内。", field="on")
    file_name = stored = ""
    if upload is not None:
        file_name, _type = evidence.check(upload[0], upload[1], field="file")
        stored = evidence.save(upload[1], written if written is not None else [])
    return ProgressEntry.objects.create(target=target, value=amount, on=on, note=(note or "").strip()[:300],
                                        file_name=file_name, stored_name=stored, by=user, is_sample=is_sample)


def totals(targets, on: dt.date | None = None) -> dict[int, Decimal]:
    """target pk → cumulative value of entries in the target's year up to `on` (one query)."""
    entries = ProgressEntry.objects.filter(target__in=targets)
    if on is not None:
        entries = entries.filter(on__lte=on)
    found: dict[int, Decimal] = defaultdict(Decimal)
    for row in entries.values("target_id", "target__year", "on__year").annotate(total=Sum("value")):
        if row["on__year"] == row["target__year"]:
            found[row["target_id"]] += row["total"]
    return found


@transaction.atomic
def create_target(programme, *, indicator: str, party: str, threshold, unit: str, year: int, cite: str = "",
                  joint: bool = False, code: str = "") -> Target:
    """A target entered by hand for any document (generic): the same checks as imported ones."""
    if not (indicator or "").strip():
        raise DomainError("请填写指标。", field="indicator")
    if not (party or "").strip():
        raise DomainError("请填写责任方。", field="party")
    if unit not in UNITS:
        raise DomainError(f"单位应为 {'、'.join(UNITS)} 之一。", field="unit")
    amount = decimal_of(threshold, field="threshold")
    if unit == "万元":  # thresholds are kept in 元, as the imported ones
        amount, unit = amount * 10000, "元"
    if not 2000 <= int(year) <= 2100:
        raise DomainError(f"年度 {year} 不对。", field="year")
    code = code or f"manual-{programme.targets.count() + 1}"
    if Target.objects.filter(programme=programme, code=code, party=party.strip(), year=year).exists():
        raise DomainError("该目标已存在。", field="indicator", code="duplicate")
    return Target.objects.create(programme=programme, code=code, indicator=indicator.strip(), party=party.strip(),
                                 joint=joint, threshold=amount, unit=unit, year=int(year), cite=cite.strip(),
                                 order=programme.targets.count() + 1)


@transaction.atomic
def create_task(programme, *, ref: str, title: str, due: dt.date | None, cite: str = "", text: str = "",
                lead: list[str] = (), cooperating: list[str] = ()) -> Task:
    """A task entered by hand (generic documents): units resolved as imported ones are."""
    from .workflow import add_unit

    ref = (ref or "").strip()
    if not ref or not (title or "").strip():
        raise DomainError("请填写序号和事项名称。", field="ref" if not ref else "title")
    if Task.objects.filter(programme=programme, ref=ref).exists():
        raise DomainError(f"序号“{ref}”已有事项。", field="ref", code="duplicate")
    task = Task.objects.create(programme=programme, ref=ref, title=title.strip()[:200], text=text, cite=cite,
                               due=due, order=programme.tasks.count() + 1)
    for name in lead:
        add_unit(task, name, "lead")
    for name in cooperating:
        if name not in lead:
            add_unit(task, name, "cooperating")
    return task
