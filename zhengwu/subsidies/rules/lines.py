"""A quote's lines (测算明细) and the steps every formula shares: cap, rounding to the fen, minimum payable.

Each line is one claim's amount with its basis: the items cited with their text quoted, and lines cited as
计算 or 取舍（Decision） saying how the number came about. At a boundary (a cap, a threshold, a minimum) the
basis says which convention decided it (SPEC "Boundaries": 以上/以下/以内/达/不超过 include the number).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from zhengwu.core.amounts import FEN
from zhengwu.core.citations import canonical_cite
from zhengwu.core.parameters import Rulebook, Version

from .facts import Claim

CALCULATION = "计算"
DECISION = "取舍（Decision）"
BOUNDARY = canonical_cite("边界约定（SPEC：立法技术规范（试行）（一））")  # written through core.citations
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Context:
    """What every formula needs besides the claim: the day, the applicant's kind, the parameters."""

    on: dt.date
    kind: str
    rules: Rulebook

    def version(self, name: str) -> Version:
        return self.rules.version(name, self.on)

    def amount(self, name: str) -> Decimal:
        value = self.rules.version(name, self.on).value
        return value if value is not None else ZERO


@dataclass
class Line:
    """One claim's result (测算明细): amount in yuan to the fen, its basis, and why when nothing is paid.

    `up_to` is set for case-by-case items (the cap, or None for no cap); `pending` when the amount is still
    to be decided by review.
    """

    item: str
    rule: str
    claim: int
    amount: Decimal
    basis: list[dict[str, str]] = field(default_factory=list)
    reason: str | None = None
    case_by_case: bool = False
    up_to: Decimal | None = None
    pending: bool = False

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"item": self.item, "rule": self.rule, "claim": self.claim,
                                 "amount": f"{self.amount:.2f}", "basis": [dict(b) for b in unique(self.basis)]}
        if self.reason:
            found["reason"] = self.reason
        if self.case_by_case:
            found["up_to"] = None if self.up_to is None else f"{self.up_to:.2f}"
            found["pending"] = self.pending
        return found


def yuan(amount: Decimal) -> str:
    """An amount as the basis writes it: 80000 or 1234.5 (no trailing zeros, no exponent)."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(rate: Decimal) -> str:
    return f"{yuan(rate * 100)}%"


def refuse(claim: Claim, reason: str, basis: list[dict[str, str]]) -> Line:
    """An ineligible claim: 0.00 and the reason, the basis quoting the rule it fails."""
    return Line(claim.item, claim.rule, claim.index, ZERO,
                [*basis, {"cite": CALCULATION, "text": f"{reason}：0.00 元。"}], reason=reason)


def settle(claim: Claim, raw: Decimal, said: str, basis: list[dict[str, str]], *,
           cap: Version | None = None, minimum: Version | None = None) -> Line:
    """Apply the cap (不超过: the cap itself is paid), round to the fen half up, then the minimum payable
    (…以下不予补助: an amount equal to the minimum is not paid); say what each step changed."""
    amount = raw
    notes = []
    if cap is not None and cap.value is not None:
        if amount > cap.value:
            said += f"，超过最高 {yuan(cap.value)} 元，按 {yuan(cap.value)} 元"
            amount = cap.value
        elif amount == cap.value:
            said += f"，恰为最高 {yuan(cap.value)} 元，照付"
            notes.append(f"恰为最高额 {yuan(cap.value)} 元：“最高不超过”包括本数（“超过”才不包括本数）。")
        else:
            said += f"，未超过最高 {yuan(cap.value)} 元"
    basis = [*basis, {"cite": CALCULATION, "text": said + "。"}]
    rounded = amount.quantize(FEN, rounding=ROUND_HALF_UP)
    if rounded != amount:
        basis.append({"cite": DECISION,
                      "text": f"金额精确到分，按四舍五入（ROUND_HALF_UP）：{yuan(amount)} 元 → {rounded:f} 元。"})
    basis += [{"cite": BOUNDARY, "text": note} for note in notes]
    if minimum is not None and minimum.value is not None and rounded <= minimum.value:
        basis.append(minimum.basis)
        if rounded == minimum.value:
            basis.append({"cite": BOUNDARY, "text": f"补助金额恰为 {yuan(minimum.value)} 元：“以下”包括本数，不予补助。"})
        reason = f"补助金额 {rounded:f} 元，在 {yuan(minimum.value)} 元以下（含本数），不予补助"
        basis.append({"cite": CALCULATION, "text": f"{reason}：0.00 元。"})
        return Line(claim.item, claim.rule, claim.index, ZERO, basis, reason=reason)
    return Line(claim.item, claim.rule, claim.index, rounded, basis)


def unique(basis: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each basis line once: the rate and the cap of one item quote the same text."""
    seen, kept = set(), []
    for line in basis:
        key = (line["cite"], line["text"])
        if key not in seen:
            seen.add(key)
            kept.append(line)
    return kept
