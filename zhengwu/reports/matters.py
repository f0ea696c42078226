"""Same matter (同一事项, 第六条): finding reports of one matter and linking them; the first one is rewarded.

`likely_same_matter(report)` scores other reports by the same credit code and unit name (blind indexes,
no decryption needed to find them), similar description and place (decrypted here, compared with
rapidfuzz, never returned) and closeness in time (±90 days). It is a tool for the office, which decides:
`link_same_matter(report, other, user=…, reason=…)` puts both matters' reports into one.
Which report of a matter is first is derived each time (`first_report`), by when it was received.
"""
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from rapidfuzz import fuzz

from zhengwu.core.errors import DomainError

from . import crypto
from .access import check_can_route
from .models import CaseEvent, Matter, Report

WINDOW = dt.timedelta(days=90)
TEXT_THRESHOLD = 60  # rapidfuzz score (0–100) from which two descriptions count as similar
PLACE_THRESHOLD = 85
WEIGHTS = {"credit_code": 0.45, "unit_name": 0.3, "text": 0.35, "place": 0.15, "time": 0.05}


@dataclass(frozen=True)
class Candidate:
    """A report that may be about the same matter, how likely (0–1) and why (reasons in Chinese)."""

    report: Report
    score: float
    reasons: list[str]

    def as_json(self) -> dict:
        return {"reference": self.report.reference, "score": round(self.score, 3), "reasons": list(self.reasons)}


def first_report(matter: Matter) -> Report:
    """The first accepted report of a matter (最先受理): earliest received, then lowest id."""
    return matter.reports.order_by("received_at", "pk").first()


def is_first(report: Report) -> bool:
    return first_report(report.matter).pk == report.pk


def _plain(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", unicodedata.normalize("NFKC", text or "")).casefold()


def likely_same_matter(report: Report, *, limit: int = 20) -> list[Candidate]:
    """Other reports probably about the same matter as `report`, best first (for the office to judge).

    Reports already in the same matter are left out; demo samples match only demo samples.
    """
    mine = crypto.unseal(report.content_sealed)
    near = Q(received_at__gte=report.received_at - WINDOW, received_at__lte=report.received_at + WINDOW)
    same_index = Q()
    if report.credit_code_index:
        same_index |= Q(credit_code_index=report.credit_code_index)
    if report.unit_name_index:
        same_index |= Q(unit_name_index=report.unit_name_index)
    pool = (Report.objects.filter(near | same_index if same_index else near, is_sample=report.is_sample)
            .exclude(matter_id=report.matter_id).order_by("pk"))
    found = []
    for other in pool:
        score, reasons = 0.0, []
        if report.credit_code_index and other.credit_code_index == report.credit_code_index:
            score += WEIGHTS["credit_code"]
            reasons.append("被举报单位统一社会信用代码相同")
        if report.unit_name_index and other.unit_name_index == report.unit_name_index:
            score += WEIGHTS["unit_name"]
            reasons.append("被举报单位名称相同")
        theirs = crypto.unseal(other.content_sealed)
        text = fuzz.WRatio(_plain(mine["description"]), _plain(theirs["description"]))
        if text >= TEXT_THRESHOLD:
            score += WEIGHTS["text"] * text / 100
            reasons.append(f"举报情形相似（{text:.0f}%）")
        place = fuzz.ratio(_plain(mine["place"]), _plain(theirs["place"]))
        if place >= PLACE_THRESHOLD:
            score += WEIGHTS["place"]
            reasons.append("地点相同" if place == 100 else f"地点相近（{place:.0f}%）")
        if not reasons:
            continue  # closeness in time alone says nothing
        days = abs((other.received_at - report.received_at).days)
        if days <= WINDOW.days:
            score += WEIGHTS["time"]
            reasons.append(f"受理时间相差{days}天")
        found.append(Candidate(other, min(score, 1.0), reasons))
    found.sort(key=lambda c: (-c.score, c.report.received_at, c.report.pk))
    return found[:limit]


def link_same_matter(report: Report, other: Report, *, user, reason: str) -> Matter:
    """Record that `report` and `other` are about the same matter (认定同一事项): every report of both
    matters ends up in one matter (the older matter is kept). Office staff only; a reason is required.

    Every report of both matters gets a CaseEvent and a new version, so a reward decision prepared on
    the old grouping is refused as stale.
    """
    if user is not None:
        check_can_route(user)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("认定同一事项须说明理由。", field="reason", code="reason_required")
    if report.pk == other.pk:
        raise DomainError("不能把一件举报与它自己并为同一事项。", field="other", code="same_report")
    if report.is_sample != other.is_sample:
        raise DomainError("演示数据不能与真实举报并为同一事项。", field="other", code="sample_mix")
    with transaction.atomic():
        pair = {r.pk: r for r in Report.objects.select_for_update().filter(pk__in=[report.pk, other.pk])}
        a, b = pair[report.pk], pair[other.pk]
        if a.matter_id == b.matter_id:
            raise DomainError(f"{a.reference} 与 {b.reference} 已属同一事项。", field="other", code="already_linked")
        keep, drop = sorted([a.matter_id, b.matter_id])
        # Every report of both matters may gain or lose "first": all get a new version and an event.
        involved = list(Report.objects.select_for_update().filter(matter_id__in=[keep, drop]).order_by("pk"))
        Report.objects.filter(matter_id__in=[keep, drop]).update(matter_id=keep, version=F("version") + 1)
        Matter.objects.filter(pk=drop).delete()
        matter = Matter.objects.get(pk=keep)
        ordered = list(matter.reports.order_by("received_at", "pk"))
        details = {"linked": [a.reference, b.reference], "matter": keep, "first": ordered[0].reference,
                   "reports": [r.reference for r in ordered]}
        CaseEvent.objects.bulk_create([
            CaseEvent(report=r, action=CaseEvent.Action.LINK_MATTER, who=user, from_state=r.state, to_state=r.state,
                      reason=reason, details=details, version=r.version + 1)
            for r in involved])
    for r in (report, other):
        r.refresh_from_db()
    return matter
