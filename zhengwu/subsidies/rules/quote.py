"""`quote(facts)` — what an applicant gets under 綦江府办发〔2021〕26号, claim by claim, and why (政策测算).

Each claim becomes one line: its item's formula (items.py) on the parameters in force on the facts' day,
then the highest-applies rule （二十二） when another policy already paid the same matter.

Decisions: amounts are rounded to the fen half up (ROUND_HALF_UP), said in the basis when that changed the
amount; highest applies (就高原则) — this policy pays the difference up to its own amount (0 when the other
policies paid as much or more), so the applicant receives the highest, never the sum; the payments of
several other policies for one matter are added up, since the applicant already holds them all.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zhengwu.core.parameters import Rulebook

from .facts import Claim, check_facts
from .items import ITEMS
from .items_other import no_money
from .lines import CALCULATION, ZERO, Context, Line, refuse, yuan
from .parameters import cite, default_rules


@dataclass(frozen=True)
class Quote:
    """A quote (测算结果): the total in yuan and one line per claim, in the claims' order."""

    total: Decimal
    lines: tuple[Line, ...]
    on: dt.date | None = None  # the day whose parameters applied (not in the JSON, whose shape is fixed)

    def as_json(self) -> dict[str, Any]:
        return {"total": f"{self.total:.2f}", "lines": [line.as_json() for line in self.lines]}


def quote(facts: Any, *, rules: Rulebook | None = None) -> Quote:
    """The amounts due for `facts` ({"applicant": {"name", "kind"}, "on": "YYYY-MM-DD", "claims": [...]}).

    `rules` defaults to the shipped parameters; a DomainError names the claim and field at fault.
    """
    rules = rules or default_rules()
    checked = check_facts(facts, rules)
    ctx = Context(on=checked.on, kind=checked.kind, rules=rules)
    lines = tuple(claim_line(claim, ctx) for claim in checked.claims)
    return Quote(total=sum((line.amount for line in lines), ZERO), lines=lines, on=checked.on)


def claim_line(claim: Claim, ctx: Context) -> Line:
    """One claim's line: who may claim, the item's formula, then highest applies."""
    item = ITEMS[claim.item]
    if not item.formulas:
        return no_money(claim, ctx)
    if item.firms_only and ctx.kind != "firm":
        line = refuse(claim, f"（{item.number}）只补助企业，申请人不是企业",
                      [ctx.rules.clause(f"item.{item.number}").basis])
    else:
        line = item.formulas[claim.rule](claim, ctx)
    return highest_applies(line, claim, ctx) if claim.also_paid and line.amount > 0 else line


def highest_applies(line: Line, claim: Claim, ctx: Context) -> Line:
    """（二十二）就高原则: pay the difference between this policy's amount and what other policies paid."""
    paid = sum((amount for _, amount in claim.also_paid), Decimal(0))
    others = "、".join(f"{policy} {yuan(amount)} 元" for policy, amount in claim.also_paid)
    due = max(line.amount - paid, ZERO)
    said = (f"本政策 {cite(claim.item)} 应补助 {line.amount:.2f} 元；同一事项已获 {others}（合计 {paid:.2f} 元）；"
            f"按就高原则只补足差额：{due:.2f} 元")
    line.basis += [ctx.rules.clause("highest_applies").basis, {"cite": CALCULATION, "text": said + "。"}]
    if due == 0:
        line.reason = f"同一事项已获 {others}，不低于本政策的 {line.amount:.2f} 元，按就高原则本政策不再补助"
    line.amount = due
    return line
