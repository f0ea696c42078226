"""Intake (受理): a report is filed, checked and accepted on receipt, in one transaction (第三条, 第四条).

`file_report(...)` checks what the report says (validation.py), the evidence files (evidence.py) and
the signatories of a joint report, then in one transaction draws the next reference of the year, seals
identity and content, stores the evidence encrypted, sets the verification deadline (60 days after
acceptance, 第四条) and records the "filed" event. It returns the report and its receipt code in clear —
the only time the code exists outside the reporter's hands.

Nothing about the sender's connection (IP address, user agent) is taken or stored.
"""
import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, ProgrammingError, connection, transaction
from django.utils import timezone

from zhengwu.core import uploads
from zhengwu.core.errors import DomainError

from . import crypto, receipts
from .access import check_can_route
from .deadlines import VERIFICATION_DAYS, compute_due
from .evidence import check_files, store
from .models import CaseEvent, IntakeClient, Matter, ReferenceCounter, Report, Signatory
from .validation import CONTACT_KEYS, clean_content, clean_identity
from .vocab import Channel, State

CLOCK_SKEW = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class FiledReport:
    """A report just accepted (已受理) and its receipt code (回执码), to be shown to the reporter once."""

    report: Report
    receipt_code: str

    def as_json(self) -> dict:
        r = self.report
        return {"reference": r.reference, "receipt_code": self.receipt_code, "state": r.state,
                "accepted_on": r.accepted_on.isoformat(),
                "verification_due": r.verification_due.isoformat() if r.verification_due else None,
                "verification_due_basis": r.deadline_basis.get("verification_due", [])}


def _clean_signatories(signatories, *, anonymous: bool) -> list[tuple[dict, bool]]:
    """Joint report (联名举报, 第六条第二款): at least two named signatories, in order; at most one holds a
    written authorisation from the first (never the first itself)."""
    rows = list(signatories or ())
    if not rows:
        return []
    if anonymous:
        raise DomainError("联名举报须实名署名，不能匿名。", field="signatories", code="joint_anonymous")
    if len(rows) < 2:
        raise DomainError("联名举报至少需要两名署名人；一人举报请填写举报人信息。", field="signatories",
                          code="joint_too_few")
    cleaned = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise DomainError(f"第{index}署名人的信息格式不对。", field=f"signatories[{index}]", code="bad_type")
        row = dict(row)
        authorised = bool(row.pop("authorised", False))
        identity = clean_identity(row, anonymous=False, field=f"signatories[{index}]", need_contact=False)
        if authorised and index == 1:
            raise DomainError("第一署名人本人即可领奖，无需书面委托；书面委托应登记在受托的其他署名人上。",
                              field="signatories[1].authorised", code="first_authorised")
        cleaned.append((identity, authorised))
    if sum(1 for _, a in cleaned if a) > 1:
        raise DomainError("只能有一名署名人持第一署名人的书面委托领奖。", field="signatories", code="many_authorised")
    if not any(k in identity for identity, _ in cleaned for k in CONTACT_KEYS):
        raise DomainError("请至少为一名署名人留下有效联系方式：电话、电子邮箱或地址（第三条）。",
                          field="signatories[1].phone", code="contact_required")
    return cleaned


def _received(received_at: dt.datetime | None) -> dt.datetime:
    now = timezone.now()
    if received_at is None:
        return now
    if not isinstance(received_at, dt.datetime) or timezone.is_naive(received_at):
        raise DomainError("收到时间应为带时区的日期时间。", field="received_at", code="bad_datetime")
    if received_at > now + CLOCK_SKEW:
        raise DomainError("收到时间不能晚于现在。", field="received_at", code="future")
    return received_at


def reference_sequence(year: int) -> str:
    """The name of `year`'s reference sequence on PostgreSQL (受理编号序列)."""
    return f"reports_reference_{int(year)}"


def prepare_reference(year: int) -> None:
    """On PostgreSQL, make sure `year`'s sequence exists (before the intake's transaction opens): created on
    the year's first report, starting after the highest serial already given that year."""
    if connection.vendor != "postgresql":
        return
    name = reference_sequence(year)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
        if cursor.fetchone()[0]:
            return
        try:
            with transaction.atomic():
                # Two first reports of a year: the advisory lock makes the second wait for the first's
                # sequence, and its CREATE then fails (its catalog view predates the first's commit).
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])
                cursor.execute(f"SELECT GREATEST(COALESCE(MAX(serial), 0), COALESCE((SELECT last FROM "
                               f"{ReferenceCounter._meta.db_table} WHERE year = %s), 0)) "
                               f"FROM {Report._meta.db_table} WHERE year = %s", [year, year])
                cursor.execute(f"CREATE SEQUENCE {name} START WITH {cursor.fetchone()[0] + 1}")
        except (ProgrammingError, IntegrityError):
            pass  # made meanwhile by another intake


def _next_reference(year: int) -> tuple[int, str]:
    """The next serial of `year`, inside the caller's transaction.

    PostgreSQL: the year's sequence — intakes never wait on each other; a rolled-back intake leaves its
    number unused (Decision: a reference is a handle for the reporter, not an audit register; every report,
    with who entered it, is in the case events). SQLite writes one transaction at a time anyway: the year's
    counter row, incremented in one statement."""
    if connection.vendor == "postgresql":  # the caller ran prepare_reference(year) before its transaction
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s)", [reference_sequence(year)])
            last = cursor.fetchone()[0]
        return last, f"JB{year}-{last:06d}"
    table = ReferenceCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (year, last) VALUES (%s, 1) "
                       f"ON CONFLICT (year) DO UPDATE SET last = {table}.last + 1 RETURNING last", [year])
        last = cursor.fetchone()[0]
    return last, f"JB{year}-{last:06d}"


def file_report(*, channel: str, content: dict, identity: dict | None, anonymous: bool,
                signatories=(), evidence=(), received_at: dt.datetime | None = None, entered_by=None,
                is_sample: bool = False, client: IntakeClient | None = None) -> FiledReport:
    """File and accept one report (举报受理).

    channel: a `Channel` value (phone_12350, phone_61271258, web, fax, letter, email, in_person, api);
        "api" exactly when `client` (the platform that relayed it, e.g. 12345) is given.
    content: occurred_at, place, description, unit_name (all required, 第三条) and credit_code (optional,
        checked against GB 32100-2015).
    identity: name, id_number, phone, email, address, bank_account. Real name: a name and a contact are
        required; anonymous: no name or ID number (a contact may be left). None for a joint report.
    signatories: a joint report's signatories in order, each an identity dict plus "authorised" (holds the
        first signatory's written authorisation to collect the reward, 第六条第二款).
    evidence: (file name, bytes) pairs; images, PDF, Office, audio, video; 20 MB each.
    received_at: when it came in (aware datetime; default now). Accepted on its local date.
    entered_by: the office staff member who typed in a phone, letter or visit report (None: the public).
    Raises DomainError naming the field; nothing is written then.
    """
    if channel not in Channel.values:
        raise DomainError(f"没有“{channel}”这种举报方式。", field="channel", code="bad_channel")
    if (channel == Channel.API) != (client is not None):
        raise DomainError("经接口转来的举报须注明对接平台，其他方式不应有对接平台。", field="channel",
                          code="bad_channel")
    if client is not None and not client.active:
        raise DomainError("对接平台已停用。", field="client", code="inactive_client")
    if entered_by is not None:
        check_can_route(entered_by)
    content = clean_content(content)
    joint_rows = _clean_signatories(signatories, anonymous=anonymous)
    if joint_rows:
        if identity:
            raise DomainError("联名举报的举报人信息请按署名顺序填写在署名人中。", field="identity", code="joint_identity")
        identity_clean = None
    else:
        identity_clean = clean_identity(identity, anonymous=anonymous) or None
    files = check_files(evidence)
    received = _received(received_at)
    accepted_on = timezone.localdate(received)
    verification_due, basis = compute_due("verification_due", accepted_on, VERIFICATION_DAYS)
    secret = receipts.new_secret()
    receipt_hash = receipts.hash_secret(secret)  # slow on purpose: done before the transaction opens

    # Sealed before the transaction, and the year's counter taken as late as it can be: every intake queues
    # on that row from its increment to the commit, so nothing that can be done before waits there.
    sealed = {"identity_sealed": crypto.seal(identity_clean) if identity_clean else None,
              "content_sealed": crypto.seal(content),
              "credit_code_index": crypto.blind_index("credit_code", content["credit_code"]),
              "unit_name_index": crypto.blind_index("unit_name", content["unit_name"])}
    sealed_signatories = [(crypto.seal(person), authorised) for person, authorised in joint_rows]
    prepare_reference(accepted_on.year)
    written: list[str] = []
    try:
        with transaction.atomic():
            matter = Matter.objects.create()
            serial, reference = _next_reference(accepted_on.year)
            report = Report.objects.create(
                reference=reference, year=accepted_on.year, serial=serial, channel=channel, received_at=received,
                accepted_on=accepted_on, anonymous=anonymous, joint=bool(joint_rows), state=State.ACCEPTED,
                matter=matter, intake_client=client, is_sample=is_sample,
                verification_due=verification_due, deadline_basis={"verification_due": basis},
                receipt_hash=receipt_hash, **sealed)
            for order, (person_sealed, authorised) in enumerate(sealed_signatories, start=1):
                Signatory.objects.create(report=report, order=order, identity_sealed=person_sealed,
                                         authorised=authorised)
            for checked in files:
                store(report, checked, written)
            CaseEvent.objects.create(
                report=report, action=CaseEvent.Action.FILED, who=entered_by, from_state="",
                to_state=State.ACCEPTED, version=report.version,
                reason="区安委会办公室（区应急局）统一受理（綦应急发〔2021〕41号 第三条）",
                details={"channel": channel, "anonymous": anonymous, "joint": bool(joint_rows),
                         "signatories": len(joint_rows), "evidence_files": len(files),
                         "client": client.name if client else None})
    except BaseException:
        uploads.discard(written)
        raise
    return FiledReport(report, receipts.receipt_code(reference, secret))
