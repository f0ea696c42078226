"""Red / yellow / green (红黄绿灯) of a unit's task by its deadline, counted with zhengwu.core.days.

- green (绿): reported, reviewed or closed; or the deadline is further than the yellow period away;
- yellow (黄): open and the deadline falls within “N日内” from the day (core.days.due_after: the day itself
  not counted, a period ending on a rest day runs to the next working day), N = the programme's
  yellow_days or office.toml's default 3;
- red (红): open and the day is after the deadline (逾期).
A report made after the deadline stays green but is marked late (逾期报结) in lists and bulletins.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from zhengwu.core.days import due_after
from zhengwu.core.errors import DomainError

from . import rules
from .models import Assignment, Programme
from .vocab import State

DONE = (State.REPORTED, State.REVIEWED, State.CLOSED)
LIGHTS = {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}


@dataclass(frozen=True)
class Light:
    colour: str  # green | yellow | red
    reason: str
    late: bool = False

    @property
    def label(self) -> str:
        return LIGHTS[self.colour]


def yellow_days_for(programme: Programme, on: dt.date) -> int:
    return programme.yellow_days if programme.yellow_days is not None else rules.yellow_days(on)


def light(state: str, due: dt.date | None, reported_on: dt.date | None, on: dt.date, yellow_days: int) -> Light:
    """The light of one assignment on day `on` (pure: the bench and the bulletin call it for thousands)."""
    if state in DONE:
        late = bool(due and reported_on and reported_on > due)
        return Light("green", "逾期报结" if late else "已报结", late)
    if due is None:
        return Light("green", "未设时限")
    if on > due:
        return Light("red", f"已逾期 {(on - due).days} 天")
    if yellow_days > 0 and yellow_end(on, yellow_days) >= due:
        return Light("yellow", f"{yellow_days}日内到期")
    return Light("green", "按期办理中")


@lru_cache(maxsize=4096)  # one answer per day and N: a bulletin asks it for every open assignment
def yellow_end(on: dt.date, days: int) -> dt.date:
    """Last day of “N日内” from `on` (core.days); beyond the State Council calendar's last year (no
    holidays published yet) the plain calendar day N, which is what the calendar will say for most days."""
    try:
        return due_after(on, days).due
    except DomainError:
        return on + dt.timedelta(days=days)


def light_of(assignment: Assignment, on: dt.date, yellow_days: int | None = None) -> Light:
    days = yellow_days if yellow_days is not None else yellow_days_for(assignment.task.programme, on)
    return light(assignment.state, assignment.due, assignment.reported_on, on, days)
