"""Who may see what of a case (第十条, least privilege), and the log of every look at sealed data.

- the office (区安委会办公室/区应急局 intake staff, permission `reports.route_report`) sees every case;
- a department's staff (org.StaffUnit) see the cases routed to their unit, and no other — department A
  cannot open department B's case;
- the reporter's identity needs permission `reports.view_reporter_identity`, access to the case and a
  stated reason, every time;
- the reward decision is also open to finance (permission `reports.view_reward`);
- revealing the identity also needs a second factor (desk.accounts; `identity_gate` says what is missing).

`read_content`, `reveal_identity`, `list_evidence`, `read_evidence` and `read_reward` each write an
AccessLog (who, case, what, why, when) before returning anything. Refusals are DomainError code
"forbidden".
"""
from django.db import transaction
from django.db.models import QuerySet

from zhengwu.core.errors import DomainError
from zhengwu.desk.accounts import second_factor_gate
from zhengwu.org.models import StaffUnit

from . import crypto
from .evidence import EvidenceFile, describe, open_evidence
from .models import AccessLog, Evidence, Report

OFFICE_PERM = "reports.route_report"
IDENTITY_PERM = "reports.view_reporter_identity"
REWARD_PERM = "reports.view_reward"


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def is_office(user) -> bool:
    """Whether `user` is office intake staff (区安委会办公室/区应急局): may accept, route and see every case."""
    return _active(user) and user.has_perm(OFFICE_PERM)


def unit_ids(user) -> set[int]:
    """The org units `user` works in (org.StaffUnit)."""
    if not _active(user):
        return set()
    return set(StaffUnit.objects.filter(user=user).values_list("organization_id", flat=True))


def can_see_content(user, report: Report) -> bool:
    """Whether `user` may read the case: the office, or staff of the unit handling it."""
    if not _active(user):
        return False
    if is_office(user):
        return True
    return report.handling_unit_id is not None and report.handling_unit_id in unit_ids(user)


def visible_reports(user) -> QuerySet[Report]:
    """The cases `user` may open: all for the office, those routed to their units for department staff."""
    if is_office(user):
        return Report.objects.all()
    return Report.objects.filter(handling_unit_id__in=unit_ids(user))


def identity_gate(user) -> str | None:
    """What `user` still lacks to reveal identities: "permission", "setup", "verify", or None (ready)."""
    if not (_active(user) and user.has_perm(IDENTITY_PERM)):
        return "permission"
    return second_factor_gate(user)


def check_can_handle(user, report: Report) -> None:
    """A DomainError unless `user` may work on `report` (see can_see_content)."""
    if not can_see_content(user, report):
        raise DomainError(f"您无权办理举报 {report.reference}：只有区安委会办公室和承办单位的工作人员可以查看和办理。",
                          field="report", code="forbidden")


def check_can_route(user) -> None:
    """A DomainError unless `user` is office staff (受理、分办、并案)."""
    if not is_office(user):
        raise DomainError("只有区安委会办公室（区应急局）受理人员可以分办、转办举报和认定同一事项。", field="user",
                          code="forbidden")


def _log(user, report: Report, what: str, reason: str) -> None:
    with transaction.atomic():
        AccessLog.objects.create(user=user, report=report, what=what, reason=(reason or "").strip())


def read_content(user, report: Report, reason: str = "") -> dict:
    """What was reported (举报内容: occurred_at, place, description, unit_name, credit_code); logged."""
    check_can_handle(user, report)
    _log(user, report, AccessLog.What.CONTENT, reason)
    return crypto.unseal(report.content_sealed)


def reveal_identity(user, report: Report, reason: str) -> dict:
    """Who reported (举报人身份), for a named role with a reason; logged every time.

    Returns {"anonymous": bool, "identity": {...}, "signatories": [{"order", "authorised", **identity}]}.
    """
    if not _active(user) or not user.has_perm(IDENTITY_PERM):
        raise DomainError("您无权查看举报人身份：需要“查看举报人身份”权限（第十条）。", field="user", code="forbidden")
    check_can_handle(user, report)
    if not (reason or "").strip():
        raise DomainError("查看举报人身份须说明理由，理由将被记录。", field="reason", code="reason_required")
    _log(user, report, AccessLog.What.IDENTITY, reason)
    return {
        "anonymous": report.anonymous,
        "identity": crypto.unseal(report.identity_sealed) or {},
        "signatories": [{"order": s.order, "authorised": s.authorised, **crypto.unseal(s.identity_sealed)}
                        for s in report.signatories.order_by("order")],
    }


def list_evidence(user, report: Report, reason: str = "") -> list[dict]:
    """Names, types and sizes of the evidence files (their names are content too); logged."""
    check_can_handle(user, report)
    _log(user, report, AccessLog.What.EVIDENCE, reason)
    return [describe(e) for e in report.evidence.order_by("pk")]


def read_evidence(user, evidence: Evidence, reason: str = "") -> EvidenceFile:
    """One evidence file, decrypted; logged."""
    check_can_handle(user, evidence.report)
    _log(user, evidence.report, AccessLog.What.EVIDENCE, reason)
    return open_evidence(evidence)


def read_reward(user, report: Report, reason: str = "") -> dict | None:
    """The reward decision (amount, basis, payee, claim); for the case's handlers and finance; logged."""
    if not (_active(user) and user.has_perm(REWARD_PERM)):
        check_can_handle(user, report)
    _log(user, report, AccessLog.What.REWARD, reason)
    return crypto.unseal(report.reward_sealed)
