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


def money(value: Any, *, field: str, label: str, limit: Decimal = MONEY_LIMIT, grouped: bool = False) -> Decimal:
    """An amount in yuan (金额): a number or numeric text, finite, not negative, to the fen at most, below `limit`.

    `label` (行政处罚金额, 批准金额) names the amount in every message and `field` is where it was typed. A rule
    that knows what is plausible passes a lower `limit` (a subsidy far above any cap is a typo of extra
    zeros); `grouped` takes text typed with thousands separators (80,000 or 80，000) from a form. Codes:
    bad_amount, negative, too_large.
    """
    # bool is an int in Python; true/false is never an amount.
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise DomainError(f"{label}应为数字（元），而不是 {value!r}。", field=field, code="bad_amount")
    text = value.strip() if isinstance(value, str) else str(value)
    if grouped:
        text = text.replace(",", "").replace("，", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise DomainError(f"{label}不是数字：“{value}”。", field=field, code="bad_amount") from None
    if not amount.is_finite():
        raise DomainError(f"{label}应为有限的数字，而不是 {value}。", field=field, code="bad_amount")
    if amount < 0:
        raise DomainError(f"{label}不能为负数：{value}。", field=field, code="negative")
    if amount >= limit:
        raise DomainError(f"{label} {value} 元不合理（应少于{in_words(limit)}），请检查单位。", field=field,
                          code="too_large")
    if amount != amount.quantize(FEN):
        raise DomainError(f"{label}最多精确到分（两位小数），而不是 {value}。", field=field, code="bad_amount")
    return amount


def in_words(limit: Decimal) -> str:
    """A round limit as the messages say it: 10¹² → 一万亿元, 10⁸ → 1亿元, 20000 → 2万元."""
    if limit == MONEY_LIMIT:
        return "一万亿元"
    for unit, name in ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if limit >= unit and limit % unit == 0:
            return f"{limit / unit:f}{name}元"
    return f"{limit:f}元"


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
