"""The editorial board (编辑委员会) printed in an issue's masthead, as a body with personal seats.

The masthead prints names without posts (顾问 罗成, 副主任 王健 孙荣康 …), so each seat stays with the
person named (`SeatBasis.PERSONAL`); it starts on the issue's publication date and ends when a later
issue's board is imported.
"""
from django.db import transaction

from zhengwu.core.errors import DomainError
from zhengwu.gazette.models import Issue

from ..audit import collected, record
from ..models import Organization, Seat
from ..registry import add_alias, ensure_person
from ..vocab import Classification, SeatBasis
from .report import ImportReport
from .writing import close_earlier_seats

BOARD_SHORT_NAME = "编辑委员会"


def board_body(issue: Issue, *, by: str, reason: str) -> Organization:
    name = f"{issue.gazette}{BOARD_SHORT_NAME}"
    org = Organization.objects.filter(name=name).first()
    if org is None:
        org = Organization.objects.create(name=name, short_name=BOARD_SHORT_NAME,
                                          classification=Classification.EDITORIAL_BOARD)
        add_alias(org, BOARD_SHORT_NAME, note="简称（刊头）")
        record("add_organization", org, f"登记机构 {org.name}", by=by, reason=reason)
    return org


def import_board(issue: Issue, *, by: str) -> ImportReport:
    """Replace this issue's board seats with the names its masthead prints."""
    report = ImportReport(f"刊头 {issue.label}", "masthead")
    members = list(issue.board.all())
    if not members:
        return report
    if issue.published_on is None:
        raise DomainError(f"{issue.label}没有出版日期，无法确定编辑委员会的生效日期。", field="published_on",
                          code="no_date")
    reason = f"据公报{issue.label}刊头"
    with transaction.atomic(), collected():
        body = board_body(issue, by=by, reason=reason)
        Seat.objects.filter(issue=issue, body=body).delete()
        for member in members:
            person = ensure_person(member.name, by=by, reason=reason)
            Seat.objects.create(body=body, role=member.role, order=member.order, basis=SeatBasis.PERSONAL,
                                named_person=person, start_date=issue.published_on, issue=issue)
            report.seats += 1
        close_earlier_seats(body)
        report.bodies = [body.label]
        record("import_board", body, report.summary(), by=by, reason=reason, details=report.as_json())
    return report
