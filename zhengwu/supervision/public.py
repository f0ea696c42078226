"""The public roll-up (公开进展, as Decidim's accountability results): for each programme the office
publishes, each target with its cumulative progress and its dated milestones (the progress entries).
Unit-level task statuses are internal and never shown here."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zhengwu.core.citations import cite

from . import progress, rules
from .models import Programme
from .rhythm.tables import number


def published() -> list[Programme]:
    return list(Programme.objects.filter(published=True).select_related("document").order_by("pk"))


def rollup(programme: Programme, on: dt.date) -> dict:
    targets = list(programme.targets.prefetch_related("entries").order_by("year", "order", "party"))
    sums = progress.totals(targets, on)
    years: dict[int, list[dict]] = {}
    sample = False
    for target in targets:
        total = sums.get(target.pk, Decimal(0))
        share = min(Decimal(100), total * 100 / target.threshold) if target.threshold else Decimal(100)
        milestones = [{"on": e.on.isoformat(), "value": number(e.value), "note": e.note, "sample": e.is_sample}
                      for e in target.entries.all() if e.on <= on]
        sample = sample or any(m["sample"] for m in milestones)
        years.setdefault(target.year, []).append({
            "indicator": target.indicator, "party": target.party, "threshold": number(target.threshold),
            "unit": target.unit, "total": number(total), "percent": int(share),
            "bar": f"p{int(round(share / 10)) * 10}", "aspirational": target.aspirational,
            "met": rules.is_met(total, target.threshold), "cite": cite(programme.number, target.cite),
            "source": target.source_url(), "milestones": milestones})
    tasks = programme.tasks.count()
    return {"id": programme.pk, "number": programme.number, "title": programme.title,
            "document": programme.document.get_absolute_url(), "tasks": tasks, "sample": sample,
            "years": [{"year": year, "targets": rows} for year, rows in sorted(years.items())]}
