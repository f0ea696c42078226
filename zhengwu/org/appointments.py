"""Transitions of memberships: appoint (任), remove (免), and the succession an appointment causes.

Dates: `on` of `appoint` is the first day in post; `on` of `remove` is the first day *out* of post, so the
membership's `end_date` (its last day) is the day before. An appointment to an occupied single-holder post
ends the previous holder's membership the day before, with end reason “succession” (他人接任).
Each call is one transaction and writes an audit entry per membership it changes.
"""
import datetime as dt

from django.db import transaction

from zhengwu.core.dates import period_end
from zhengwu.core.errors import DomainError

from .audit import record
from .holders import capacity
from .models import Decision, Membership, Person, Post
from .vocab import EndReason, StartBasis

ONE_DAY = dt.timedelta(days=1)


def _fmt(day: dt.date | None) -> str:
    return day.isoformat() if day else "不详"


def _check_post(post: Post, on: dt.date, verb: str) -> None:
    if post.filled_by_id:
        base = post.base
        raise DomainError(f"{post.label}由{base.label}担任，不能直接{verb}；请{verb}{base.label}。",
                          field="post", code="post_filled_by")
    org = post.organization
    if not org.exists_on(on):
        when = (f"已于{org.dissolution_date.isoformat()}撤销" if org.dissolution_date and on >= org.dissolution_date
                else f"{_fmt(org.founding_date)}才成立")
        raise DomainError(f"{org.label}{when}，{on.isoformat()}不能{verb}其职务。", field="on", code="no_such_unit")


@transaction.atomic
def appoint(person: Person, post: Post, on: dt.date, *, decision: Decision | None = None, document=None,
            keep_previous: bool = False, probation_months: int | None = None, note: str = "",
            by: str, reason: str = "") -> Membership:
    """Appoint `person` to `post` from `on` (任职). Returns the new membership.

    - the same person in the same post at overlapping dates is refused;
    - a single-holder post held by someone else: their membership ends on `on` − 1 day (他人接任), unless
      `keep_previous`, which lets both hold it;
    - a post whose limit (`max_holders`) is reached is refused unless `keep_previous`;
    - someone already appointed to a single-holder post from a later date is refused (resolve that first);
    - `probation_months` (试用期) gives `probation_end` = `core.dates.period_end(on, months)`.
    """
    _check_post(post, on, "任命")
    if probation_months is not None and not (1 <= probation_months <= 120):
        raise DomainError(f"试用期应为1到120个月，而不是{probation_months}。", field="probation_months",
                          code="bad_probation")
    mine = Membership.objects.select_for_update().filter(person=person, post=post)
    for m in mine:
        if m.end_date is None or m.end_date >= on:
            since = f"自{_fmt(m.start_date)}起" if m.start_date else ""
            until = f"至{m.end_date.isoformat()}" if m.end_date else "（仍在任）"
            raise DomainError(f"{person.name}{since}担任{post.label}{until}，与{on.isoformat()}起的任职重叠，"
                              "不能重复任职。", field="on", code="overlapping_membership")
    others = list(Membership.objects.select_for_update().filter(post=post).exclude(person=person)
                  .select_related("person"))
    current = [m for m in others if m.active_on(on)]
    later = [m for m in others if m.start_date and m.start_date > on]
    limit = capacity(post)
    if limit == 1 and later and not keep_previous:
        m = later[0]
        raise DomainError(f"{m.person.name}已定于{m.start_date.isoformat()}起担任{post.label}；"
                          "请先处理该任职。", field="on", code="later_appointment")
    if limit is not None and len(current) >= limit and not keep_previous:
        if limit != 1:
            names = "、".join(m.person.name for m in current)
            raise DomainError(f"{post.label}职数为{limit}，{on.isoformat()}已由{names}担任；请先免去一人，"
                              "或明确保留原任（keep_previous）。", field="post", code="post_full")
        for m in current:
            if m.start_date and m.start_date >= on:
                raise DomainError(f"{m.person.name}自{m.start_date.isoformat()}起担任{post.label}，"
                                  f"不能在{on.isoformat()}由他人接任。", field="on", code="end_before_start")
            _end(m, on, EndReason.SUCCESSION, end_decision=decision, by=by,
                 reason=reason or f"{person.name}接任")
    membership = Membership.objects.create(
        person=person, post=post, start_date=on,
        start_basis=StartBasis.DECISION if decision else StartBasis.ENTERED,
        probation_months=probation_months,
        probation_end=period_end(on, probation_months) if probation_months else None,
        note=note, decision=decision, document=document or (decision.document if decision else None))
    record("appoint", membership, f"任命 {person.name} 为 {post.label}（{on.isoformat()}起）", by=by, reason=reason,
           details={"person": person.pk, "post": post.pk, "on": on.isoformat(),
                    "decision": decision.pk if decision else None, "keep_previous": keep_previous,
                    "probation_end": membership.probation_end.isoformat() if membership.probation_end else None})
    return membership


def _end(m: Membership, on: dt.date, end_reason: str, *, end_decision: Decision | None, by: str,
         reason: str) -> Membership:
    m.end_date = on - ONE_DAY
    m.end_reason = end_reason
    if end_decision is not None:
        m.end_decision = end_decision
    m.save(update_fields=["end_date", "end_reason", "end_decision"])
    verb = "接任离任" if end_reason == EndReason.SUCCESSION else "免去"
    record("succession" if end_reason == EndReason.SUCCESSION else "remove", m,
           f"{verb} {m.person.name} 的 {m.post.label}（最后在任 {m.end_date.isoformat()}）", by=by, reason=reason,
           details={"on": on.isoformat(), "end_reason": end_reason})
    return m


@transaction.atomic
def remove(person: Person, post: Post, on: dt.date, *, decision: Decision | None = None,
           end_reason: str = EndReason.REMOVED, unrecorded_start: bool = False, by: str,
           reason: str = "") -> Membership:
    """Remove `person` from `post` (免职) from `on`: the membership's last day becomes `on` − 1 day.

    Refused when the person does not hold the post the day before `on`, or was appointed on or after `on`
    (the end would come before the start). `unrecorded_start`: a decision removes someone the registry
    has no appointment for (免去其…职务); record a membership with an unknown start that ends that day.
    """
    _check_post(post, on - ONE_DAY, "免去")
    if end_reason not in EndReason.values:
        raise DomainError(f"离任原因应为 {'、'.join(EndReason.values)} 之一。", field="end_reason", code="bad_reason")
    mine = list(Membership.objects.select_for_update().filter(person=person, post=post))
    for m in mine:
        if m.start_date and m.start_date >= on and (m.end_date is None or m.end_date >= on):
            raise DomainError(f"{person.name}自{m.start_date.isoformat()}起担任{post.label}，免职日期"
                              f"{on.isoformat()}不能早于或等于任职日期。", field="on", code="end_before_start")
    held = [m for m in mine if m.active_on(on - ONE_DAY) and (m.end_date is None or m.end_date >= on)]
    if held:
        return _end(held[0], on, end_reason, end_decision=decision, by=by, reason=reason)
    if not unrecorded_start:
        raise DomainError(f"{person.name}在{(on - ONE_DAY).isoformat()}不担任{post.label}，无从免职。", field="person",
                          code="not_a_holder")
    m = Membership.objects.create(person=person, post=post, start_date=None, start_basis=StartBasis.ATTESTED,
                                  end_date=on - ONE_DAY, end_reason=end_reason, end_decision=decision,
                                  document=decision.document if decision else None)
    record("remove", m, f"免去 {person.name} 的 {post.label}（任职日期不详，最后在任 {m.end_date.isoformat()}）",
           by=by, reason=reason, details={"on": on.isoformat(), "unrecorded_start": True})
    return m


@transaction.atomic
def record_attested(person: Person, post: Post, on: dt.date, *, document=None, note: str = "", by: str,
                    reason: str = "") -> tuple[Membership, bool]:
    """A document shows `person` in `post` on `on` without appointing them (名单中的职务).

    Returns (membership, created). If they already hold it that day nothing changes; if a membership
    known only from documents starts later, its start moves back to `on`. A single-holder post that the
    registry shows someone else holding that day is a DomainError: the reader reports it, never overwrites.
    """
    post = post.base
    mine = list(Membership.objects.filter(person=person, post=post))
    for m in mine:
        if m.active_on(on):
            return m, False
    for m in mine:
        if m.start_basis == StartBasis.ATTESTED and m.start_date and m.start_date > on and m.end_date is None:
            previous = m.start_date
            m.start_date, m.document = on, document or m.document
            m.save(update_fields=["start_date", "document"])
            record("attest", m, f"{person.name} 担任 {post.label} 的最早记载提前到 {on.isoformat()}", by=by,
                   reason=reason, details={"previous_start": previous.isoformat()})
            return m, False
    if capacity(post) == 1:
        other = Membership.objects.active_on(on).filter(post=post).exclude(person=person).first()
        if other is not None:
            raise DomainError(f"公文写{person.name}任{post.label}，名录中{on.isoformat()}该职务由{other.person.name}"
                              "担任；请先核对任免记录。", field="post", code="conflicting_holder")
    m = Membership.objects.create(person=person, post=post, start_date=on, start_basis=StartBasis.ATTESTED,
                                  note=note, document=document)
    record("attest", m, f"据公文记载 {person.name} 于 {on.isoformat()} 担任 {post.label}", by=by, reason=reason)
    return m, True
