"""Receipt codes: the right code opens the case, wrong codes lock the reference after 5 tries for 15 minutes,
an unknown reference still costs one Argon2 verification, the hash is Argon2id; follow-up and claim."""
import contextlib
import datetime as dt
import re

import pytest
from argon2 import PasswordHasher
from django.utils import timezone

from zhengwu.core.errors import DomainError
from zhengwu.reports import receipts
from zhengwu.reports.conversation import ask_reporter
from zhengwu.reports.models import CaseEvent, CaseMessage, Report
from zhengwu.reports.receipts import case_status, check_receipt, reply, request_claim

from .conftest import step, walk_to


class CountingHasher(PasswordHasher):
    """The test hasher, counting verifications (PasswordHasher has __slots__: subclass, don't patch)."""

    def __init__(self):
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.verified: list[str] = []

    def verify(self, hash, password):  # noqa: A002 - argon2's own parameter name
        self.verified.append(hash)
        return super().verify(hash, password)


@pytest.fixture
def hasher(monkeypatch):
    counting = CountingHasher()
    monkeypatch.setattr(receipts, "HASHER", counting)
    return counting


def wrong(code: str) -> str:
    """The same code with its last character changed."""
    return code[:-1] + ("A" if code[-1] != "A" else "B")


def test_code_format_and_argon2id_hash(file, db):
    filed = file()
    assert re.fullmatch(r"JB2021-000001-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}", filed.receipt_code)
    report = Report.objects.get(pk=filed.report.pk)
    assert report.receipt_hash.startswith("$argon2id$")
    assert filed.receipt_code[-10:] not in report.receipt_hash


def test_right_code_opens_the_case_as_people_type_it(file, db):
    filed = file()
    assert check_receipt(filed.receipt_code) == filed.report
    typed = " " + filed.receipt_code.lower().replace("-", "－") + " "  # lower case, full-width dashes, spaces
    assert check_receipt(typed) == filed.report


def test_wrong_code_and_unknown_reference_get_the_same_answer(file, db):
    filed = file()
    with pytest.raises(DomainError) as wrong_secret:
        check_receipt(wrong(filed.receipt_code))
    with pytest.raises(DomainError) as unknown:
        check_receipt("JB2021-999999-" + filed.receipt_code[-10:])
    assert wrong_secret.value.code == unknown.value.code == "wrong_code"
    assert wrong_secret.value.message == unknown.value.message


def test_locked_after_five_wrong_codes_for_fifteen_minutes(file, db, monkeypatch):
    filed = file()
    for _ in range(4):
        with pytest.raises(DomainError) as caught:
            check_receipt(wrong(filed.receipt_code))
        assert caught.value.code == "wrong_code"
    with pytest.raises(DomainError) as caught:
        check_receipt(wrong(filed.receipt_code))
    assert caught.value.code == "locked" and "15分钟" in caught.value.message
    with pytest.raises(DomainError) as caught:
        check_receipt(filed.receipt_code)  # even the right code waits
    assert caught.value.code == "locked"
    later = timezone.now() + dt.timedelta(minutes=15, seconds=1)
    monkeypatch.setattr(receipts.timezone, "now", lambda: later)
    assert check_receipt(filed.receipt_code) == filed.report
    fresh = Report.objects.get(pk=filed.report.pk)
    assert (fresh.receipt_failed_attempts, fresh.receipt_locked_until) == (0, None)


def test_right_code_resets_the_count(file, db):
    filed = file()
    for _ in range(3):
        with pytest.raises(DomainError):
            check_receipt(wrong(filed.receipt_code))
    assert Report.objects.get(pk=filed.report.pk).receipt_failed_attempts == 3
    check_receipt(filed.receipt_code)
    assert Report.objects.get(pk=filed.report.pk).receipt_failed_attempts == 0
    for _ in range(4):
        with pytest.raises(DomainError) as caught:
            check_receipt(wrong(filed.receipt_code))
        assert caught.value.code == "wrong_code"  # 4 more, still not locked


def test_other_references_are_not_locked(file, db):
    one, two = file(), file()
    for _ in range(5):
        with pytest.raises(DomainError):
            check_receipt(wrong(one.receipt_code))
    assert check_receipt(two.receipt_code) == two.report


@pytest.mark.parametrize("make", [
    lambda code: code,                                   # right
    lambda code: wrong(code),                            # wrong secret
    lambda code: "JB2021-999999-" + code[-10:],          # unknown reference
    lambda code: "JB2021-999999",                        # no secret at all
    lambda code: "hello",                                # not a code
])
def test_every_check_costs_exactly_one_argon2_verification(file, db, hasher, make):
    filed = file()
    hasher.verified.clear()
    with contextlib.suppress(DomainError):
        check_receipt(make(filed.receipt_code))
    assert len(hasher.verified) == 1


def test_unknown_reference_verifies_against_a_dummy_hash(file, db, hasher):
    filed = file()
    hasher.verified.clear()
    with pytest.raises(DomainError):
        check_receipt("JB2021-999999-" + filed.receipt_code[-10:])
    dummy = hasher.verified[0]
    assert dummy.startswith("$argon2id$") and dummy != Report.objects.get(pk=filed.report.pk).receipt_hash


def test_locked_reference_still_costs_one_verification(file, db, hasher):
    filed = file()
    for _ in range(5):
        with pytest.raises(DomainError):
            check_receipt(wrong(filed.receipt_code))
    hasher.verified.clear()
    with pytest.raises(DomainError):
        check_receipt(filed.receipt_code)
    assert len(hasher.verified) == 1


def test_follow_up_shows_state_and_notices_but_nothing_identifying(file, world):
    filed = file(identity=None, anonymous=True)
    report = step(filed.report, "routed", world.clerk, unit=world.dept_a)
    ask_reporter(world.a_staff, report, "请补充隐患所在车间的具体位置。")
    status = case_status(filed.receipt_code)
    assert (status.reference, status.state_label) == (report.reference, "已交有关部门核查")
    assert [(m.sender, m.kind, m.text) for m in status.messages] == [("staff", "question", "请补充隐患所在车间的具体位置。")]
    shown = str(status.as_json())
    assert "区住房城乡建委" not in shown and "a_staff" not in shown
    reply(filed.receipt_code, "在粉磨车间东侧。")
    assert [m.sender for m in case_status(filed.receipt_code).messages] == ["staff", "reporter"]
    with pytest.raises(DomainError):
        reply(wrong(filed.receipt_code), "冒充")


def test_reporter_requests_a_bank_transfer_then_staff_record_the_claim(file, world):
    from zhengwu.reports import crypto

    filed = file(identity=None, anonymous=True)
    report = walk_to(filed.report, "verified_true", world)
    with pytest.raises(DomainError, match="不能申请领奖"):
        request_claim(filed.receipt_code, method="bank_transfer", bank_account="6222021234567890123")
    report = walk_to(report, "notice_sent", world)
    status = case_status(filed.receipt_code)
    assert str(status.reward_amount) == "15000.00" and status.claim_due == dt.date(2021, 11, 23)
    request_claim(filed.receipt_code, method="bank_transfer", bank_account="6222 0212 3456 7890 123")
    assert CaseEvent.objects.filter(report=report, action="claim_request").exists()
    assert CaseMessage.objects.filter(report=report, sender="reporter", kind="claim").exists()
    report.refresh_from_db()
    report = step(report, "claimed", world.clerk, method="bank_transfer", claimed_on=dt.date(2021, 10, 9))
    reward = crypto.unseal(report.reward_sealed)
    assert reward["claim"]["bank_account"] == "6222021234567890123"
    assert case_status(filed.receipt_code).state_label == "奖金已领取"
