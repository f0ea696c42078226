"""Drafts (草稿): a firm starts applications from its self-check, edits them, attaches evidence; the bureau
invites a firm from the register (免申即享). Each function is one transaction; bad input is a DomainError
naming the field, and nothing is half-written (files written before a failure are deleted).

Submitting and everything after it is workflow.transition.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection, transaction

from zhengwu.core import uploads
from zhengwu.core.errors import DomainError
from zhengwu.desk.steps import Done, take

from . import applicants, duplicates, engine, evidence
from .models import ApplicantKey, Application, ApplicationEvent, EvidenceFile, Firm, ReferenceCounter
from .vocab import State
from .workflow import GRANTED, case_rows, label, record


@dataclass
class Started:
    """Drafts just made and the magic link's key — shown once, never stored."""

    key: ApplicantKey
    secret: str
    applications: list[Application] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why some items were not made into drafts


def allocate_reference(year: int) -> tuple[int, str]:
    """The next serial of `year` and its reference (KB2021-000001), in the caller's transaction.

    One upsert statement on both SQLite and PostgreSQL: concurrent applications get distinct serials.
    """
    table = ReferenceCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (year, last) VALUES (%s, 1) "
                       f"ON CONFLICT (year) DO UPDATE SET last = {table}.last + 1 RETURNING last", [year])
        last = cursor.fetchone()[0]
    return last, f"KB{year}-{last:06d}"


def _claim_field(exc: DomainError, index: int | None) -> DomainError:
    """An engine error about claim n, as a field of the form ("claims[0].rd_spend" → "rd_spend")."""
    name = (exc.field or "").split(".")[-1] if exc.field else None
    where = f"第{index + 1}项：" if index is not None else ""
    return DomainError(where + exc.message if index is not None and not exc.message.startswith("第") else exc.message,
                       field=name or "item", code=exc.code)


def make_draft(firm: Firm, key: ApplicantKey, claim: dict, on: dt.date, line: engine.Line, *, contact: tuple[str, str],
           origin: str, user=None, is_sample: bool = False) -> Application:
    serial, reference = allocate_reference(on.year)
    application = Application.objects.create(
        reference=reference, year=on.year, serial=serial, firm=firm, key=key, origin=origin, item=claim["item"],
        on=on, claim=claim, contact_name=contact[0], contact_phone=contact[1], quote=line.as_json(),
        quoted_amount=line.amount, created_by=user, is_sample=is_sample)
    duplicates.store_keys(application)
    action = ApplicationEvent.Action.INVITED if origin == Application.Origin.INVITED else ApplicationEvent.Action.CREATED
    record(application, user, action, version=1, to_state=State.DRAFT,
           details={"quoted": f"{line.amount:.2f}", "item": application.item})
    return application


def start(*, name: str, credit_code: str, kind: str, contact_name: str, contact_phone: str, on: dt.date,
          claims: list[dict], is_sample: bool = False) -> Started:
    """Start applications (one draft per claim) for a firm, with a new magic link.

    Every claim is quoted first; a claim the engine refuses is a DomainError naming its field. A claim
    whose thing the firm already got paid for is refused here already (首次认定), naming that application.
    """
    name = applicants.clean_name(name)
    code = applicants.clean_credit_code(credit_code)
    contact = applicants.clean_contact(contact_name, contact_phone)
    if not claims:
        raise DomainError("请至少选择一个申报条目。", field="items", code="required")
    firm_view = Firm(name=name, credit_code=code, kind=kind)
    lines = []
    for index, claim in enumerate(claims):
        try:
            lines.append(engine.quote_claim(firm_view, on, claim))
        except DomainError as exc:
            raise _claim_field(exc, index if len(claims) > 1 else None) from None
    with transaction.atomic():
        firm = applicants.firm_for(code, name, kind, is_sample=is_sample)
        for claim in claims:
            keys = duplicates.keys_for(claim["item"], claim, on.year)
            other = duplicates.earlier(firm.pk, keys, states=GRANTED)
            if other is not None:
                raise DomainError(f"{firm.name}的“{engine.claim_label(claim['item'], claim)}”已在申请 "
                                  f"{duplicates.describe(other)}中兑现：只有首次认定给予补助，不能重复申报。",
                                  field="items", code="duplicate")
        key, secret = applicants.new_key(firm)
        started = Started(key, secret)
        for claim, line in zip(claims, lines, strict=True):
            started.applications.append(make_draft(firm, key, claim, on, line, contact=contact,
                                               origin=Application.Origin.PUBLIC, is_sample=is_sample))
    return started


def _check_draft(locked: Application) -> None:
    if locked.state != State.DRAFT:
        raise DomainError(f"申请 {locked.reference} 当前为“{label(locked.state)}”，提交后不能再修改。", field="state",
                          code="illegal_transition")


def edit_draft(application: Application, *, claim: dict, on: dt.date, contact_name: str, contact_phone: str,
               expected_version: int) -> Application:
    """Change a draft's answers (the claim of its item), its date and contact; quoted again."""
    contact = applicants.clean_contact(contact_name, contact_phone)
    claim = {**claim, "item": application.item}

    def run(locked: Application) -> Done:
        _check_draft(locked)
        if on.year != locked.year:
            raise DomainError(f"测算日期应在申报年度 {locked.year} 年内；其他年度请另行申报。", field="on", code="bad_year")
        try:
            line = engine.quote_claim(locked.firm, on, claim)
        except DomainError as exc:
            raise _claim_field(exc, None) from None

        def keys(locked: Application) -> dict:
            duplicates.store_keys(locked, claim)  # the duplicate rule's keys follow the new answers
            return {}

        return Done(changes={"claim": claim, "on": on, "contact_name": contact[0], "contact_phone": contact[1],
                             "quote": line.as_json(), "quoted_amount": line.amount},
                    details={"quoted_before": f"{locked.quoted_amount or 0:.2f}", "quoted_after": f"{line.amount:.2f}"},
                    then=keys)

    return take(application, expected_version=expected_version, user=None, action=ApplicationEvent.Action.EDITED,
                run=run, rows=case_rows())


def add_evidence(application: Application, files: list[tuple[str, bytes]], *, expected_version: int) -> Application:
    """Attach files to a draft; all or none (a refused file keeps the others out too)."""
    if not files:
        raise DomainError("请选择要上传的文件。", field="evidence", code="required")
    written: list[str] = []

    def run(locked: Application) -> Done:
        _check_draft(locked)
        stored = [evidence.store(locked, name, data, written) for name, data in files]
        return Done(details={"files": [f"{s.name}（{s.size}字节）" for s in stored]})

    try:
        return take(application, expected_version=expected_version, user=None,
                    action=ApplicationEvent.Action.EVIDENCE, run=run, rows=case_rows())
    except BaseException:
        uploads.discard(written)
        raise


def remove_evidence(application: Application, pk: int, *, expected_version: int) -> Application:
    """Remove one file from a draft; the file goes once the transaction has committed."""

    def run(locked: Application) -> Done:
        _check_draft(locked)
        item = EvidenceFile.objects.filter(application=locked, pk=pk).first()
        if item is None:
            raise DomainError("没有这个文件。", field="evidence", code="unknown_file")
        stored, shown = item.stored_name, item.name
        item.delete()
        transaction.on_commit(lambda: uploads.discard([stored]))
        return Done(details={"file": shown})

    return take(application, expected_version=expected_version, user=None,
                action=ApplicationEvent.Action.EVIDENCE_REMOVED, run=run, rows=case_rows())
