"""Public notice (社会公示), objections during it (异议), and the standing meeting's approval (常务会审定)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from zhengwu.core.errors import DomainError

from . import rules
from .editions import last_step_day, locked, log, not_before, require_state
from .models import Candidate, Edition, Objection
from .ranking import apply_tiers
from .vocab import State


@transaction.atomic
def publish_notice(edition: Edition, start: dt.date, *, contact: str, by: Any = None) -> Edition:
    """Publish the notice of the ranked lists from `start`; it ends `notice_days` days later (core.days)."""
    edition = locked(edition)
    require_state(edition, State.RANKED, action="发布公示")
    not_before(start, last_step_day(edition), "确定排名的日期", field="start")
    contact = " ".join((contact or "").split())
    if not contact:
        raise DomainError("请写明受理异议的方式（单位、电话或地址）。", field="contact")
    end = rules.notice_end(start, edition.notice_days)
    edition.state, edition.notice_start, edition.notice_end = State.NOTICE, start, end.due
    edition.notice_basis, edition.notice_contact = end.basis, contact[:300]
    edition.version += 1
    edition.save()
    log(edition, State.NOTICE, start, f"发布公示，公示期至{end.due.isoformat()}（{edition.notice_days}日）", by=by,
        basis=end.basis)
    return edition


@transaction.atomic
def record_objection(candidate: Candidate, *, received_on: dt.date, text: str, objector: str = "",
                     contact: str = "", online: bool = False, by: Any = None) -> Objection:
    """An objection received during the notice period against a listed candidate."""
    edition = locked(candidate.edition)
    require_state(edition, State.NOTICE, action="登记异议")
    if not (edition.notice_start <= received_on <= edition.notice_end):
        raise DomainError(f"异议收到日期 {received_on.isoformat()} 不在公示期内（{edition.notice_start.isoformat()}"
                          f"至{edition.notice_end.isoformat()}）。", field="received_on", code="outside_notice")
    if candidate.removed or candidate.tier not in ("winner", "nominee"):
        raise DomainError(f"{candidate.name}不在公示名单上。", field="candidate", code="not_listed")
    body = (text or "").strip()
    if not body:
        raise DomainError("请填写异议内容。", field="text")
    objection = Objection.objects.create(candidate=candidate, received_on=received_on, text=body,
                                         objector=(objector or "").strip()[:100], contact=(contact or "").strip()[:100],
                                         online=online,
                                         recorded_by=by if getattr(by, "is_authenticated", False) else None)
    how = "（网上提交）" if online else ""
    log(edition, "objection", received_on, f"收到对{candidate.name}的异议{how}", by=by, objection=objection.pk)
    return objection


@transaction.atomic
def decide_objection(objection: Objection, *, upheld: bool, on: dt.date, reason: str, by: Any = None) -> list[str]:
    """Uphold (the candidate drops out, the next ranked moves up) or dismiss an objection; returns the moves."""
    objection = Objection.objects.select_for_update().select_related("candidate").get(pk=objection.pk)
    candidate = objection.candidate
    edition = locked(candidate.edition)
    require_state(edition, State.NOTICE, action="处理异议")
    if objection.outcome != Objection.Outcome.OPEN:
        raise DomainError("该异议已处理。", field="objection", code="decided")
    not_before(on, objection.received_on, "收到异议的日期")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写处理意见。", field="reason")
    objection.outcome = Objection.Outcome.UPHELD if upheld else Objection.Outcome.DISMISSED
    objection.decided_on, objection.reason = on, reason
    objection.save()
    moves: list[str] = []
    if upheld:
        was = candidate.get_tier_display()
        candidate.removed, candidate.removed_reason = True, reason[:300]
        candidate.save(update_fields=["removed", "removed_reason"])
        log(edition, "removed", on, f"对{candidate.name}的异议成立，取消其{was}资格：{reason}", by=by,
            candidate=candidate.pk, objection=objection.pk)
        moves = apply_tiers(edition, on, by=by)
    else:
        log(edition, "dismissed", on, f"对{candidate.name}的异议不成立：{reason}", by=by, objection=objection.pk)
    edition.version += 1
    edition.save(update_fields=["version"])
    return moves


@transaction.atomic
def approve(edition: Edition, *, meeting: str, on: dt.date, by: Any = None) -> Edition:
    """The standing meeting approves the lists — only after the notice has ended and every objection is
    handled."""
    edition = locked(edition)
    require_state(edition, State.NOTICE, action="登记常务会审定")
    if on <= edition.notice_end:
        raise DomainError(f"公示期至{edition.notice_end.isoformat()}届满，审定日期 {on.isoformat()} 应在其后。",
                          field="on", code="notice_not_ended")
    open_count = Objection.objects.filter(candidate__edition=edition, outcome=Objection.Outcome.OPEN).count()
    if open_count:
        raise DomainError(f"还有{open_count}件异议未处理。", field="objections", code="open_objections")
    meeting = " ".join((meeting or "").split())
    if not meeting:
        raise DomainError("请填写审定的会议，如“第二届区政府第108次常务会”。", field="meeting")
    edition.state, edition.approved_on, edition.meeting = State.APPROVED, on, meeting[:100]
    edition.version += 1
    edition.save()
    log(edition, State.APPROVED, on, f"经{meeting}审定", by=by)
    return edition
