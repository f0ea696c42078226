"""Rollout progress (撤桶并点进度) of each unit against its targets (綦江府办发〔2021〕23号 四、推进时序).

A unit's share on a day = communities done by that day / communities of the unit, as an exact fraction.
"至少50%" includes 50% (SPEC Boundaries: 以上/至少 include the number), so a share equal to the target meets
it. A target's `met` is None until its due date: before then it is not yet judged.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import QuerySet

from .models import Community
from .rules import default_rules
from .units import PHASES, STREETS, UNITS, group
from .vocab import BuildingType, Management

TWO = Decimal("0.01")


@dataclass(frozen=True)
class Target:
    """One target (阶段目标) of a unit: the share required by `due`, and its basis."""

    due: dt.date
    required: Decimal
    cite: str
    text: str

    def met(self, share: Fraction | None, on: dt.date) -> bool | None:
        if on < self.due or share is None:
            return None
        return share >= Fraction(self.required)  # exact: 9/20 is below 0.50 however it is rounded


def targets(unit: str, on: dt.date) -> list[Target]:
    """The unit's targets as the parameters in force on `on` state them (or on the plan's day, if earlier).

    Cites 綦江府办发〔2021〕23号四（二） (phase 2) and 綦江府办发〔2021〕23号四（三） (phase 3).
    """
    rules = default_rules()
    day = max(on, rules.document.effective)
    found = []
    for phase, due in PHASES:
        # A unit's own target (target.东溪镇.phase3), when a document sets one, wins over its group's.
        own = f"target.{unit}.{phase}"
        in_force = own in rules.versions and rules.versions[own][0].effective <= day
        version = rules.version(own if in_force else f"target.{group(unit)}.{phase}", day)
        found.append(Target(due=due, required=version.value or Decimal(0), cite=version.cite, text=version.text))
    return found


def share_text(share: Fraction | None) -> str | None:
    """Two decimals for display only (0.55); comparisons use the exact fraction."""
    if share is None:
        return None
    return str((Decimal(share.numerator) / Decimal(share.denominator)).quantize(TWO, ROUND_HALF_UP))


def registered(*, samples: bool = True) -> QuerySet[Community]:
    """The communities counted: all, or without the generated samples (示例)."""
    found = Community.objects.all()
    return found if samples else found.filter(is_sample=False)


@dataclass
class UnitProgress:
    unit: str
    communities: int
    done: int
    on: dt.date
    targets: list[Target] = field(default_factory=list)
    samples: bool = True  # whether sample communities were counted

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.done, self.communities) if self.communities else None

    def next_target(self) -> Target | None:
        """The first target not yet due, or None after the last."""
        return next((t for t in self.targets if self.on <= t.due), None)

    def needed(self, target: Target) -> int:
        """Communities still to finish to meet `target`: the least n with n / N ≥ required."""
        required = Fraction(target.required)
        return max(0, math.ceil(required * self.communities) - self.done)

    def as_json(self) -> dict:
        return {"unit": self.unit, "communities": self.communities, "done": self.done,
                "share": share_text(self.share),
                "targets": [{"due": t.due.isoformat(), "required": f"{t.required:.2f}",
                             "met": t.met(self.share, self.on)} for t in self.targets]}


def progress(on: dt.date, *, units: list[str] | None = None, samples: bool = True) -> list[UnitProgress]:
    """Every unit's progress on `on`: the five streets always, then each town that has communities."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows = registered(samples=samples).values_list("unit__name", "building", "removed_on", "handover_on")
    for unit, building, removed, handover in rows:
        done = (handover or removed) if building == BuildingType.NEW_BUILD else removed
        counts[unit][0] += 1
        counts[unit][1] += 1 if done is not None and done <= on else 0
    chosen = [u for u in UNITS if u in STREETS or u in counts]
    if units:
        chosen = [u for u in chosen if u in units]
    return [UnitProgress(unit=u, communities=counts[u][0], done=counts[u][1], on=on, targets=targets(u, on),
                         samples=samples) for u in chosen]


def work_priority(community: Community) -> tuple[int, str]:
    """The suggested order of work (四（二） 先易后难): non-managed and single-stair first, then mid-rises and
    villas, other managed communities, high-rises (as pilots) last; new builds need no removal."""
    if community.management in (Management.UNMANAGED, Management.SINGLE_STAIR):
        rank = 1
    elif community.building in (BuildingType.MID_RISE, BuildingType.VILLA):
        rank = 2
    elif community.building == BuildingType.HIGH_RISE:
        rank = 3
    else:
        rank = 4
    return rank, community.name


PRIORITY_LABELS = {1: "先行（无物业、单梯）", 2: "先行（小高层、洋房）", 3: "试点（高层）", 4: "新建楼盘（交付即计为完成）"}


def work_queue(unit: str, on: dt.date, *, samples: bool = True) -> list[tuple[Community, str]]:
    """A unit's communities not done on `on`, in the suggested order, each with its label."""
    found = [c for c in registered(samples=samples).filter(unit__name=unit).select_related("unit")
             if not c.is_done(on)]
    found.sort(key=work_priority)
    return [(c, PRIORITY_LABELS[work_priority(c)[0]]) for c in found]
