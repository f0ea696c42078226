"""Step helpers for case workflows (办理步骤) shared by every staff desk.

- `Step` / `Steps`: the table of named steps, each step → (states it starts from, state it leads to, label,
  whether a reason is required), with `allowed_next(state)` and the refusals of an unknown or illegal step;
- `need_reason`, `only`: a reason required, data a step does not take — each a DomainError naming the field;
- `step_day`: the day a step happened, the LOCAL day in Chongqing (core.dates), never in the future and
  never before the step it follows;
- `take`: the step itself — lock the case, check the version seen, run the step's checks, save with
  compare-and-swap and record the event, in one transaction; `move` is `take` for a state move.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from zhengwu.core import dates
from zhengwu.core.errors import DomainError


@dataclass(frozen=True)
class Step:
    """One named step of a workflow: from `starts` to `to`, shown as `label`; `reason` says a reason is due."""

    name: str
    starts: tuple[str, ...]
    to: str
    label: str
    reason: bool = False


class Steps:
    """A workflow's table of named steps; `label_of(state)` names a state in Chinese for the messages."""

    def __init__(self, steps: Iterable[Step], *, label_of: Callable[[str], str], states: Iterable[str] = ()) -> None:
        self.steps: dict[str, Step] = {}
        for one in steps:
            if one.name in self.steps:
                raise ValueError(f"step {one.name} is defined twice")
            self.steps[one.name] = one
        self.label_of = label_of
        known = list(states) or [s for one in self.steps.values() for s in (*one.starts, one.to)]
        self.states: tuple[str, ...] = tuple(dict.fromkeys(known))

    def __getitem__(self, name: str) -> Step:
        return self.steps[name]

    def __contains__(self, name: object) -> bool:
        return name in self.steps

    def allowed_next(self, state: str) -> tuple[str, ...]:
        """The names of the steps a case in `state` may take, in the table's order."""
        return tuple(name for name, one in self.steps.items() if state in one.starts)

    def as_mapping(self) -> dict[str, tuple[str, ...]]:
        """state → the steps it allows, for every state (those that allow none are terminal)."""
        return {state: self.allowed_next(state) for state in self.states}

    @property
    def terminal(self) -> tuple[str, ...]:
        """The states no step leaves."""
        return tuple(state for state in self.states if not self.allowed_next(state))

    def known(self, name: str, *, field: str = "state", what: str = "状态") -> str:
        """`name`, if it names a step or a state of this workflow (a state no step leads to is refused later,
        as an illegal move); else a DomainError (code unknown_state) naming `field`."""
        if name not in self.steps and name not in self.states:
            raise DomainError(f"没有“{name}”这个{what}。", field=field, code="unknown_state")
        return name

    def check(self, name: str, state: str, *, noun: str, reference: str) -> Step:
        """The step, if a case in `state` may take it; else a DomainError (code illegal_transition)."""
        self.known(name)
        one = self.steps.get(name)
        if one is None or state not in one.starts:
            target = one.to if one is not None else name
            raise DomainError(f"{noun} {reference} 当前为“{self.label_of(state)}”，不能转为“{self.label_of(target)}”。",
                              field="state", code="illegal_transition")
        return one


def need_reason(reason: str | None, what: str, *, field: str = "reason", wording: str = "说明理由",
                code: str = "reason_required") -> str:
    """The reason, stripped; a DomainError naming `field` when it is empty (“{what}须说明理由。”)."""
    text = (reason or "").strip()
    if not text:
        raise DomainError(f"{what}须{wording}。", field=field, code=code)
    return text


def only(data: dict, allowed: tuple[str, ...], *, what: str, list_allowed: bool = False) -> dict:
    """`data`, when it holds nothing but `allowed` keys; else a DomainError naming the first unknown one.

    `what` is the step in words (转为“已批准”); `list_allowed` adds what may be given."""
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        hint = f"（可填：{'、'.join(allowed) if allowed else '无'}）" if list_allowed else ""
        raise DomainError(f"{what}时没有“{unknown[0]}”这一项{hint}。", field=unknown[0], code="unknown_field")
    return data


def local_day(moment: dt.datetime) -> dt.date:
    """The day `moment` fell on in Chongqing; a naive datetime is taken as already local."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.date()
    return moment.astimezone(dates.DISTRICT_ZONE).date()


def step_day(value: Any, *, field: str, what: str = "日期", after: dt.date | None = None,
             after_what: str = "") -> dt.date:
    """The day a step happened (default: today in Chongqing), from a date, a datetime or YYYY-MM-DD text.

    Never in the future — a step records what was done (code future); never before `after`, the day of
    the step it follows, named `after_what` (code bad_date): “{what} 2021-06-01 早于{after_what} 2021-06-02。”
    """
    today = dates.today()
    if value is None or value == "":
        day = today
    elif isinstance(value, dt.datetime):
        day = local_day(value)
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        day = dates.parse_date(value, field=field)
    else:
        raise DomainError(f"{field} 应为日期（YYYY-MM-DD）。", field=field, code="bad_date")
    if day > today:
        raise DomainError(f"日期 {day} 晚于今天，办理记录只能登记已经发生的事。", field=field, code="future")
    if after is not None and day < after:
        raise DomainError(f"{what} {day} 早于{after_what} {after}。", field=field, code="bad_date")
    return day


@dataclass
class Done:
    """What a step's checks decided: the case's `changes`, the event's `details`, and `then`, which runs after
    the save in the same transaction (e.g. telling the reporter) and returns more details."""

    changes: dict = field(default_factory=dict)
    details: dict = field(default_factory=dict)
    then: Callable[[Any], dict] | None = None


def take(case: Any, *, expected_version: int, user: Any, action: str, run: Callable[[Any], Done],
         reason: str = "", to_state: str | None = None, rows: Any = None) -> Any:
    """Take one step on `case` (a VersionedCase whose events are `case.events`) in one transaction.

    Lock the row if it is still at `expected_version`; `run(locked)` checks the step (raising to refuse)
    and says what changes; save with compare-and-swap (and `to_state`, when the step moves the case);
    record a `action` event with who, from and to state, the reason, the details and the new version.
    Returns `case`, refreshed.
    """
    with transaction.atomic():
        locked = type(case).lock_seen(case.pk, expected_version, rows=rows)
        done = run(locked)
        changes = {**({"state": to_state} if to_state is not None else {}), **done.changes}
        version = locked.save_seen(expected_version, changes)
        details = dict(done.details)
        if done.then is not None:
            details |= done.then(locked)
        locked.events.create(action=action, who=user, from_state=locked.state, to_state=to_state or locked.state,
                             reason=(reason or "").strip(), details=details, version=version)
    case.refresh_from_db()
    return case


def move(case: Any, to_state: str, *, steps: Steps, expected_version: int, user: Any, action: str,
         run: Callable[[Any], Done], reason: str = "", check_user: Callable[[Any], None] | None = None,
         rows: Any = None) -> Any:
    """`take` for a state move: the step named `to_state` of `steps`, refused unless the locked case may take
    it; then `check_user(locked)`, the reason when the step requires one (“{label}须说明理由。”), and
    `run(locked)`, the step's own checks. An unknown step is refused before anything is locked."""
    steps.known(to_state)

    def checked(locked: Any) -> Done:
        one = steps.check(to_state, locked.state, noun=locked.case_noun, reference=locked.reference)
        if check_user is not None:
            check_user(locked)
        if one.reason:
            need_reason(reason, one.label)
        return run(locked)

    return take(case, expected_version=expected_version, user=user, action=action, run=checked, reason=reason,
                to_state=steps[to_state].to if to_state in steps else to_state, rows=rows)
