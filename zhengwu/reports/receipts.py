"""Receipt codes (回执码): how a reporter — anonymous or not — follows up and claims without an account.

A receipt code is the report's reference and a secret, `JB2021-000123-7KQ4M2X9P3`: 10 characters from a
32-letter alphabet without 0/O/1/I (50 bits from `secrets`). Only the Argon2id hash of the secret is
stored (the reference finds the row, so hashing it too would add nothing, and the hash can be made before
the reference is drawn, outside the transaction).
`check_receipt(code)` always runs exactly one Argon2 verification — against a dummy hash when the
reference is unknown or locked — so the time taken does not tell whether a reference exists. After
5 wrong codes in a row a reference is locked for 15 minutes (`RECEIPT_LOCKOUT`, core.lockout); the count is kept in the
database (never an IP address) and a right code resets it.

Follow-up with a code: `case_status` (state and the notices sent to the reporter, nothing identifying),
`reply` (answer a staff question), `request_claim` (how the reporter wants the reward paid).
"""
import datetime as dt
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zhengwu.core.errors import DomainError
from zhengwu.core.lockout import Lockout

from . import conversation, crypto
from .models import CaseEvent, CaseMessage, Report
from .validation import clean_bank_account
from .vocab import ClaimMethod, State

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 letters: no 0/O, 1/I
SECRET_LENGTH = 10  # 10 × 5 bits = 50 bits
RECEIPT_LOCKOUT = Lockout("receipt_failed_attempts", "receipt_locked_until")  # 5 wrong in a row: 15 minutes
MAX_FAILURES = RECEIPT_LOCKOUT.max_failures
CODE_RE = re.compile(r"^(JB\d{4}-\d{6})-([" + ALPHABET + r"]{" + str(SECRET_LENGTH) + r"})$")

# Argon2id sized for what it protects: a random 50-bit secret, not a password people choose. argon2-cffi's
# defaults (the RFC 9106 profile for passwords, 64 MiB × 3) cost ≈ 240 ms of CPU a report here and would cap
# public intake at a few reports a second; with these ≈ 1 ms, trying all 2^50 secrets of one code offline
# still takes ≈ 40,000 CPU-years, and online guessing stops after MAX_FAILURES (docs/reports.md).
HASHER = PasswordHasher(time_cost=2, memory_cost=1024, parallelism=1)
_dummy: dict[int, str] = {}

WRONG = "回执码不正确。请核对举报编号和回执码（区分字母，不含数字0、1和字母O、I）。"


def new_secret() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))


def hash_secret(secret: str) -> str:
    return HASHER.hash(secret)


def receipt_code(reference: str, secret: str) -> str:
    return f"{reference}-{secret}"


def normalize_code(code: str) -> str:
    """What people type → the canonical code: half-width, upper case, no spaces, any dash as '-'."""
    text = unicodedata.normalize("NFKC", code or "").upper()
    text = re.sub(r"\s+", "", text)
    return re.sub(r"[‐‑‒–—―－_]", "-", text)


def _dummy_hash() -> str:
    # One per hasher, so the dummy costs what a real verify costs even when tests swap in a cheap hasher.
    key = id(HASHER)
    if key not in _dummy:
        _dummy[key] = HASHER.hash(secrets.token_urlsafe(16))
    return _dummy[key]


def _verify(hashed: str, code: str) -> bool:
    try:
        return HASHER.verify(hashed, code)
    except (VerificationError, InvalidHashError):
        return False


def check_receipt(code: str) -> Report:
    """The report whose receipt code this is; a DomainError (field "code") otherwise.

    Codes: "wrong_code" (unknown reference or wrong secret — the same message for both), "locked" (too
    many wrong codes; try again later). Call it outside any open transaction, so a failure is counted
    even though the caller's work is rolled back.
    """
    text = normalize_code(code)
    match = CODE_RE.match(text)
    report = Report.objects.filter(reference=match[1]).first() if match else None
    secret = match[2] if match else text
    now = timezone.now()
    minutes = RECEIPT_LOCKOUT.minutes_left(report, now) if report is not None else None
    if report is None or minutes:
        _verify(_dummy_hash(), secret)  # the same cost as a real check, so timing reveals nothing
        if report is None:
            raise DomainError(WRONG, field="code", code="wrong_code")
        raise DomainError(f"回执码错误次数过多，已暂时锁定，请{minutes}分钟后再试。", field="code", code="locked")
    if not _verify(report.receipt_hash, secret):
        if RECEIPT_LOCKOUT.record_failure(report, now):
            raise DomainError(f"回执码连续{MAX_FAILURES}次不正确，已锁定{RECEIPT_LOCKOUT.minutes}分钟。",
                              field="code", code="locked")
        raise DomainError(WRONG, field="code", code="wrong_code")
    changes = RECEIPT_LOCKOUT.cleared(report)
    if HASHER.check_needs_rehash(report.receipt_hash):
        changes["receipt_hash"] = HASHER.hash(secret)
    if changes:
        Report.objects.filter(pk=report.pk).update(**changes)
        report.refresh_from_db()
    return report


# ---- what the reporter sees ----------------------------------------------------------------------------

PUBLIC_STATE = {  # state → what the reporter is told (no unit, no staff names)
    State.ACCEPTED: "已受理，等待分办核查",
    State.ROUTED: "已交有关部门核查",
    State.VERIFYING: "核查中",
    State.VERIFIED_TRUE: "经核查属实",
    State.VERIFIED_FALSE: "经核查，举报事项不存在",
    State.UNVERIFIABLE: "经核查无法查清，已报区政府",
    State.REWARD_DECIDED: "经核查属实，奖励已决定，领奖通知将发出",
    State.NOTICE_SENT: "已发出领奖通知，请在领奖期限内领取",
    State.CLAIMED: "奖金已领取",
    State.LAPSED: "逾期未领取奖金，视为放弃",
}


@dataclass(frozen=True)
class Notice:
    at: dt.datetime
    sender: str  # "staff" or "reporter"
    kind: str
    text: str


@dataclass(frozen=True)
class CaseStatus:
    """What a reporter sees with the receipt code (办理情况): nothing that identifies anyone."""

    reference: str
    accepted_on: dt.date
    state: str
    state_label: str
    verification_due: dt.date | None
    reward_amount: Decimal | None
    claim_due: dt.date | None
    messages: list[Notice] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"reference": self.reference, "accepted_on": self.accepted_on.isoformat(), "state": self.state,
                "state_label": self.state_label,
                "verification_due": self.verification_due.isoformat() if self.verification_due else None,
                "reward_amount": str(self.reward_amount) if self.reward_amount is not None else None,
                "claim_due": self.claim_due.isoformat() if self.claim_due else None,
                "messages": [{"at": m.at.isoformat(), "sender": m.sender, "kind": m.kind, "text": m.text}
                             for m in self.messages]}


def case_status(code: str) -> CaseStatus:
    """The state of the case and the messages exchanged with the reporter, for the holder of `code`."""
    report = check_receipt(code)
    amount = None
    if report.state in (State.NOTICE_SENT, State.CLAIMED, State.LAPSED) and report.reward_sealed is not None:
        amount = Decimal(crypto.unseal(report.reward_sealed)["amount"])  # their own reward, from the notice
    return CaseStatus(
        reference=report.reference, accepted_on=report.accepted_on, state=report.state,
        state_label=PUBLIC_STATE[report.state],
        verification_due=report.extended_due or report.verification_due,
        reward_amount=amount, claim_due=report.claim_extended_due or report.claim_due,
        messages=[Notice(m.at, m.sender, m.kind, text) for m, text in conversation.thread(report)])


def reply(code: str, text: str) -> CaseMessage:
    """The reporter answers (or writes to) the handling staff."""
    report = check_receipt(code)
    return conversation.from_reporter(report, text, kind=CaseMessage.Kind.ANSWER)


CLAIM_METHODS = dict(ClaimMethod.choices)  # the same vocabulary as the staff's record of the claim


def request_claim(code: str, *, method: str, bank_account: str = "", account_name: str = "") -> CaseMessage:
    """The reporter says how to receive the reward (第七条（三）): in person with ID, or by bank transfer.

    Kept sealed with the reward decision; the staff record the payment with the "claimed" transition.
    """
    report = check_receipt(code)
    if method not in CLAIM_METHODS:
        raise DomainError("领奖方式应为现场领取（in_person）或银行转账（bank_transfer）。", field="method",
                          code="bad_method")
    if report.state != State.NOTICE_SENT:
        raise DomainError(f"当前状态为“{PUBLIC_STATE[report.state]}”，不能申请领奖。", field="method",
                          code="not_claimable")
    request = {"method": method, "requested_at": timezone.now().isoformat()}
    if method == "bank_transfer":
        request["bank_account"] = clean_bank_account(bank_account)
        request["account_name"] = (account_name or "").strip()[:50]
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        reward = crypto.unseal(locked.reward_sealed) or {}
        reward["claim_request"] = request
        Report.objects.filter(pk=report.pk).update(reward_sealed=crypto.seal(reward), version=F("version") + 1)
        CaseEvent.objects.create(report=report, action=CaseEvent.Action.CLAIM_REQUEST, from_state=locked.state,
                                 to_state=locked.state, details={"method": method}, version=locked.version + 1)
        return conversation.from_reporter(report, f"申请领奖，方式：{CLAIM_METHODS[method]}。",
                                          kind=CaseMessage.Kind.CLAIM)
