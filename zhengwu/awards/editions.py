"""Setting up an edition (届) and the dated step log shared by every workflow function."""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from zhengwu.core.errors import DomainError
from zhengwu.org.resolve import lookup_organization

from . import rules
from .models import Edition, EditionEvent
from .vocab import State

ORGANIZER = "区科技局"


def actor_name(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return user.get_full_name() or user.get_username()


def log(edition: Edition, kind: str, on: dt.date, text: str, *, by: Any = None, **data: Any) -> EditionEvent:
    """One line of the edition's history (评选记录)."""
    user = by if getattr(by, "is_authenticated", False) else None
    return EditionEvent.objects.create(edition=edition, kind=kind, on=on, text=text, by=user,
                                       by_name=actor_name(by), data=data)


def create_edition(number: int, year: int, *, on: dt.date, by: Any = None, is_sample: bool = False,
                   **overrides: int) -> Edition:
    """A new edition with the parameters in force on `on` (quotas, notice days …); `overrides` set this
    edition's own values (e.g. winner_quota=1), each ≥ 1.
    Cites 取舍（Decision）."""
    if number < 1:
        raise DomainError("届次应为正整数。", field="edition_number")
    if Edition.objects.filter(number=number).exists():
        raise DomainError(f"第{number}届已经存在。", field="edition_number", code="exists")
    values = {
        "winner_quota": rules.whole("quota.winner", on),
        "nominee_quota": rules.whole("quota.nominee", on),
        "school_quota": rules.whole("school.quota", on),
        "experts_per_candidate": rules.whole("review.experts_per_candidate", on),
        "notice_days": rules.whole("notice.days", on),
    }
    for key, value in overrides.items():
        if key not in values:
            raise DomainError(f"不能设置 {key}。", field=key)
        if value is None:
            continue
        if int(value) < 1:
            raise DomainError("名额、人数和天数至少为1。", field=key)
        values[key] = int(value)
    with transaction.atomic():
        edition = Edition.objects.create(number=number, year=year, organizer=lookup_organization(ORGANIZER),
                                         is_sample=is_sample, **values)
        log(edition, "created", on, f"设立{edition}（区长奖{values['winner_quota']}名、区长提名奖"
                                    f"{values['nominee_quota']}名，每校推荐不超过{values['school_quota']}名，"
                                    f"公示{values['notice_days']}日）", by=by, **values)
    return edition


def get_edition(number: int, *, field: str = "edition") -> Edition:
    edition = Edition.objects.filter(number=number).first()
    if edition is None:
        raise DomainError(f"没有第{number}届。", field=field, code="not_found")
    return edition


def locked(edition: Edition) -> Edition:
    """The edition's row locked for this transaction (two clerks clicking at once do one step, not two)."""
    return Edition.objects.select_for_update().get(pk=edition.pk)


def require_state(edition: Edition, *states: State, action: str) -> None:
    if edition.state not in states:
        allowed = "、".join(s.label for s in states)
        raise DomainError(f"{edition}当前处于“{edition.get_state_display()}”环节，不能{action}（需在“{allowed}”环节）。",
                          field="state", code="wrong_state")


def not_before(day: dt.date, earlier: dt.date | None, what: str, field: str = "on") -> None:
    if earlier is not None and day < earlier:
        raise DomainError(f"日期 {day.isoformat()} 早于{what}（{earlier.isoformat()}）。", field=field, code="date_order")


def last_step_day(edition: Edition) -> dt.date | None:
    days = [edition.applications_opened_on, edition.recommendation_on, edition.review_on, edition.ranked_on,
            edition.notice_start, edition.approved_on, edition.decided_on]
    known = [d for d in days if d]
    return max(known) if known else None


@transaction.atomic
def advance(edition: Edition, to: State, on: dt.date, *, by: Any = None) -> Edition:
    """Move to the next simple step (open applications, start recommendation): one step forward only."""
    edition = locked(edition)
    steps = {State.APPLYING: (State.DRAFT, "applications_opened_on", "开始学生申报"),
             State.RECOMMENDING: (State.APPLYING, "recommendation_on", "截止申报，开始学校推荐")}
    if to not in steps:
        raise DomainError(f"“{State(to).label}”不是可以直接进入的环节。", field="state")
    source, field, text = steps[to]
    require_state(edition, source, action=text)
    not_before(on, last_step_day(edition), "上一环节的日期")
    setattr(edition, field, on)
    edition.state = to
    edition.version += 1
    edition.save()
    log(edition, to, on, text, by=by)
    return edition

