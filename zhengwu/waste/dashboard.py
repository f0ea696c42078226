"""The office's dashboard (区生活垃圾分类办): each unit's share over time against its target lines, units at
risk, and the communities holding a unit back.

**Decision** (at risk): for the next target not yet due, a unit needs `needed` more communities in the
weeks left (days to the due date / 7, at least one); it is at risk when that rate is above the pace it kept
over the last four weeks (communities done in the 28 days up to the day / 4). A unit whose due date has
passed without meeting its target is listed as missed. The history is computed from today's register
(each community's done date), so adding a community later changes earlier shares too: the register is the
truth the assessment uses.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction

from .progress import Target, UnitProgress, progress, registered, work_queue
from .vocab import BuildingType

START = dt.date(2021, 6, 1)  # 第一阶段 (2021年6月) starts the rollout


@dataclass
class Risk:
    progress: UnitProgress
    target: Target
    needed: int
    weeks: Fraction
    per_week: Fraction
    pace: Fraction
    missed: bool

    @property
    def share_per_week(self) -> Fraction:
        """The share the unit must gain each remaining week (撤桶并点率每周需提高)."""
        return self.per_week / self.progress.communities

    @property
    def share_per_week_text(self) -> str:
        return f"{float(self.share_per_week) * 100:.1f}"

    @property
    def per_week_text(self) -> str:
        return f"{float(self.per_week):.1f}"

    @property
    def pace_text(self) -> str:
        return f"{float(self.pace):.1f}"


def done_dates(unit: str, *, samples: bool = True) -> list[dt.date | None]:
    rows = registered(samples=samples).filter(unit__name=unit).values_list("building", "removed_on", "handover_on")
    return [(handover or removed) if building == BuildingType.NEW_BUILD else removed
            for building, removed, handover in rows]


def history(unit: str, until: dt.date, *, samples: bool = True) -> list[tuple[dt.date, Fraction]]:
    """The unit's share every week from START to `until` (and on `until` itself)."""
    dates = done_dates(unit, samples=samples)
    if not dates:
        return []
    days, day = [], START
    while day < until:
        days.append(day)
        day += dt.timedelta(days=7)
    days.append(until)
    return [(d, Fraction(sum(1 for x in dates if x is not None and x <= d), len(dates))) for d in days]


def risks(on: dt.date, units: list[UnitProgress] | None = None) -> list[Risk]:
    found = []
    for unit in units if units is not None else progress(on):
        if not unit.communities:
            continue
        target = unit.next_target()
        if target is None:  # after the last due date: listed only when the last target was missed
            last = unit.targets[-1] if unit.targets else None
            target = last if last is not None and last.met(unit.share, on) is False else None
        if target is None:
            continue
        needed = unit.needed(target)
        if needed == 0:
            continue
        days_left = (target.due - on).days
        weeks = max(Fraction(days_left, 7), Fraction(1))
        recent = sum(1 for x in done_dates(unit.unit, samples=unit.samples) if x is not None and on - dt.timedelta(days=28) < x <= on)
        pace = Fraction(recent, 4)
        per_week = Fraction(needed) / weeks
        is_missed = on > target.due
        if is_missed or per_week > pace:
            found.append(Risk(unit, target, needed, weeks, per_week, pace, is_missed))
    found.sort(key=lambda r: (not r.missed, -r.per_week))
    return found


def holding_back(unit: UnitProgress, target: Target) -> list:
    """The communities that would meet the target soonest: the first `needed` of the work queue."""
    return work_queue(unit.unit, unit.on, samples=unit.samples)[: max(unit.needed(target), 0)]


def chart_end(on: dt.date) -> dt.date:
    return max(on, dt.date(2021, 11, 30))


def weeks_text(weeks: Fraction) -> str:
    return str(math.ceil(weeks))
