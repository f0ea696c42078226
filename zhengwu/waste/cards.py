"""Points cards (积分卡): issuing one to a household, and the resident's balance page lookup.

The card carries its number and a short check code (校验码, 6 digits). Only the code's SHA-256 is stored;
the balance page needs both, so a number read off someone's bin bag alone shows nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from zhengwu.core.errors import DomainError
from zhengwu.core.lockout import Lockout

from .models import Card, Community


def code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


@dataclass(frozen=True)
class IssuedCard:
    card: Card
    check_code: str  # shown once, printed on the card


@transaction.atomic
def issue_card(community: Community, number: str, household: str, *, check_code: str | None = None,
               sample: bool = False) -> IssuedCard:
    number = number.strip()
    if not number or len(number) > 32:
        raise DomainError("卡号应为1至32个字符。", field="number")
    if Card.objects.filter(number=number).exists():
        raise DomainError(f"卡号“{number}”已发放。", field="number", code="duplicate_card")
    if not household.strip():
        raise DomainError("请填写住户（楼栋单元房号）。", field="household")
    code = check_code or f"{secrets.randbelow(10**6):06d}"
    card = Card.objects.create(community=community, number=number, household=household.strip(),
                               check_hash=code_hash(code), is_sample=sample)
    return IssuedCard(card, code)


CHECK_LOCKOUT = Lockout("failed_checks", "locked_until")  # 5 wrong check codes in a row: 15 minutes


def find_card(number: str, check_code: str, *, now: dt.datetime | None = None) -> Card:
    """The card whose number and check code match; one message for both kinds of miss (no probing).

    The check code has only 10⁶ values, so after 5 wrong codes in a row a card's page is locked for 15
    minutes (CHECK_LOCKOUT, kept on the card)."""
    now = now or timezone.now()
    card = Card.objects.select_related("community__unit").filter(number=number.strip()).first()
    if card is not None and (minutes := CHECK_LOCKOUT.minutes_left(card, now)):
        raise DomainError(f"校验码错误次数过多，请{minutes}分钟后再试。", field="code", code="locked")
    if card is None or not hmac.compare_digest(card.check_hash, code_hash(check_code)):
        if card is not None:
            CHECK_LOCKOUT.record_failure(card, now)
        raise DomainError("卡号或校验码不正确。", field="number", code="card_not_found")
    if cleared := CHECK_LOCKOUT.cleared(card):
        Card.objects.filter(pk=card.pk).update(**cleared)
    return card


def issue_cards(community: Community, rows: list[list[str]]) -> list[IssuedCard]:
    """Cards for a list of households (header 卡号,住户 / number,household), all or nothing: every bad row
    (empty, duplicate in the file or already issued) is reported and no card is made."""
    from .register import ImportRefused, Problem

    if not rows:
        raise DomainError("文件是空的；第一行应为表头：卡号,住户。", field="FILE", code="empty")
    header = ["".join(c.split()).lower() for c in rows[0]]
    try:
        number_at = next(i for i, c in enumerate(header) if c in ("卡号", "number", "card"))
        household_at = next(i for i, c in enumerate(header) if c in ("住户", "household", "楼栋单元房号"))
    except StopIteration:
        raise ImportRefused([Problem(1, "卡号/住户", "表头应为：卡号,住户")]) from None
    problems, wanted, seen = [], [], {}
    existing = set(Card.objects.filter(number__in=[r[number_at].strip() for r in rows[1:] if len(r) > number_at])
                   .values_list("number", flat=True))
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank row (they keep their numbers)
        number = row[number_at].strip() if len(row) > number_at else ""
        household = row[household_at].strip() if len(row) > household_at else ""
        if not number or len(number) > 32:
            problems.append(Problem(line, rows[0][number_at], "卡号应为1至32个字符"))
        elif number in seen:
            problems.append(Problem(line, rows[0][number_at], f"卡号“{number}”与第{seen[number]}行重复"))
        elif number in existing:
            problems.append(Problem(line, rows[0][number_at], f"卡号“{number}”已发放"))
        if not household:
            problems.append(Problem(line, rows[0][household_at], "请填写住户（楼栋单元房号）"))
        seen.setdefault(number, line)
        wanted.append((number, household))
    if problems:
        raise ImportRefused(problems)
    with transaction.atomic():
        return [issue_card(community, number, household) for number, household in wanted]
