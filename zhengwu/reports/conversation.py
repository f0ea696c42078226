"""Messages between handling staff and the reporter (与举报人往来), text sealed.

Staff ask questions and tell the reporter of an extension or the reward notice; the reporter reads them
and answers with the receipt code (receipts.case_status / receipts.reply). Messages carry no staff names
to the reporter: the reporter sees only "办理人员".
"""
from django.db import transaction

from zhengwu.core.errors import DomainError

from . import crypto
from .models import CaseMessage, Report

MAX_LENGTH = 5000


def _clean(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError("请填写内容。", field="text", code="required")
    if len(text) > MAX_LENGTH:
        raise DomainError(f"内容过长（{len(text)}字，最多{MAX_LENGTH}字）。", field="text", code="too_long")
    return text


def to_reporter(report: Report, text: str, *, user, kind: str = CaseMessage.Kind.OTHER) -> CaseMessage:
    """A staff message to the reporter. Callers check access (ask_reporter does); workflow calls it inside
    its own transaction."""
    with transaction.atomic():
        return CaseMessage.objects.create(report=report, sender=CaseMessage.Sender.STAFF, kind=kind,
                                          author=user, text_sealed=crypto.seal({"text": _clean(text)}))


def from_reporter(report: Report, text: str, *, kind: str = CaseMessage.Kind.ANSWER) -> CaseMessage:
    """A message from the reporter (who has shown the receipt code)."""
    with transaction.atomic():
        return CaseMessage.objects.create(report=report, sender=CaseMessage.Sender.REPORTER, kind=kind,
                                          text_sealed=crypto.seal({"text": _clean(text)}))


def ask_reporter(user, report: Report, text: str) -> CaseMessage:
    """Handling staff ask the reporter a question (补充材料、核实情况); only those who may see the case."""
    from .access import check_can_handle

    check_can_handle(user, report)
    return to_reporter(report, text, user=user, kind=CaseMessage.Kind.QUESTION)


def thread(report: Report) -> list[tuple[CaseMessage, str]]:
    """Every message of the case in order, with its text decrypted."""
    return [(m, crypto.unseal(m.text_sealed)["text"]) for m in report.messages.order_by("at", "pk")]
