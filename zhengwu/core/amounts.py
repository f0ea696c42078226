"""Amounts typed by people (金额、人数) in the facts a rule runs on: yuan to the fen, whole counts.

Every system's rules take money and counts from JSON, a form or a file; each mistake is a DomainError with a
Chinese message naming the field, so the command line, the API and the page can all say where and what.
"""
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import DomainError

FEN = Decimal("0.01")  # 分: the smallest amount paid
# An amount of a trillion yuan or more is a typing mistake, not a fine or a subsidy; refusing it also keeps
# the arithmetic far inside Decimal's precision and a 64-bit count of fen.
MONEY_LIMIT = Decimal(10) ** 12
DIGITS_RE = re.compile(r"^\s*\d+\s*$")


def money(value: Any, *, field: str, label: str) -> Decimal:
    """An amount in yuan (金额): a number or numeric text, finite, not negative, to the fen at most."""
    # bool is an int in Python; true/false is never an amount.
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise DomainError(f"{label}应为数字（元），而不是 {value!r}。", field=field)
    try:
        amount = Decimal(value.strip()) if isinstance(value, str) else Decimal(str(value))
    except InvalidOperation:
        raise DomainError(f"{label}不是数字：“{value}”。", field=field) from None
    if not amount.is_finite():
        raise DomainError(f"{label}应为有限的数字，而不是 {value}。", field=field)
    if amount < 0:
        raise DomainError(f"{label}不能为负数：{value}。", field=field)
    if amount >= MONEY_LIMIT:
        raise DomainError(f"{label} {value} 元不合理（应少于一万亿元），请检查单位。", field=field)
    if amount != amount.quantize(FEN):
        raise DomainError(f"{label}最多精确到分（两位小数），而不是 {value}。", field=field)
    return amount


def count(value: Any, *, field: str, label: str, unit: str = "", limit: int | None = None) -> int:
    """A count (人数、项数): a whole number or its digits as text, not negative, below `limit` when given.

    `unit` (人) goes into the message; `limit` catches a typing mistake where the rule knows what is plausible.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and DIGITS_RE.match(value):
        number = int(value)
    else:
        raise DomainError(f"{label}应为整数{f'（{unit}）' if unit else ''}，而不是 {value!r}。", field=field)
    if number < 0:
        raise DomainError(f"{label}不能为负数：{number}。", field=field)
    if limit is not None and number >= limit:
        raise DomainError(f"{label} {number} 不合理，请检查。", field=field)
    return number
