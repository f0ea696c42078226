"""Payments and budget by item and year (兑现资金与预算): what is with the bureau, decided, and paid.

Year is the application year (申报年度: the year of the day the claim is quoted on), so one year's round
of applications is one column of the budget whatever month it is paid in; the payments list carries the
payment dates. Per (year, item):
- 在审 (pending): submitted or under review — count and quoted amount (an estimate: review may change it);
- 已批准未拨付 (approved): count and approved amount;
- 已拨付 (paid): count and approved amount;
- 批准合计 (committed) = approved + paid.
Sums are Decimal in Python (SQLite keeps decimals as floating point, so its SUM could lose a fen).
Demo samples count only when asked for.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from . import engine
from .models import Application
from .vocab import State

ZERO = Decimal("0.00")
COUNTED = (State.SUBMITTED, State.UNDER_REVIEW, State.APPROVED, State.PAID)


@dataclass
class Cell:
    count: int = 0
    amount: Decimal = ZERO

    def add(self, amount: Decimal | None) -> None:
        self.count += 1
        self.amount += amount or ZERO


@dataclass
class Row:
    """One item in one year."""

    year: int
    item: str
    title: str
    pending: Cell = field(default_factory=Cell)
    approved: Cell = field(default_factory=Cell)
    paid: Cell = field(default_factory=Cell)

    @property
    def committed(self) -> Decimal:
        return self.approved.amount + self.paid.amount

    def add(self, other: Row) -> None:
        for name in ("pending", "approved", "paid"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.count += theirs.count
            mine.amount += theirs.amount


@dataclass
class Budget:
    rows: list[Row]  # by year, then item in the policy's order
    years: list[Row]  # one total per year (item "")
    total: Row
    year: int | None
    samples: bool

    HEADER = ("申报年度", "政策条目", "条目名称", "在审件数", "在审测算金额（元）", "已批准未拨付件数", "已批准未拨付金额（元）",
              "已拨付件数", "已拨付金额（元）", "批准合计（元）")

    def table(self) -> list[tuple]:
        """The export's lines: each row, then each year's total, then the overall total."""
        lines = [_line(r) for r in self.rows]
        lines += [_line(r) for r in self.years]
        lines.append(_line(self.total))
        return lines


def _line(r: Row) -> tuple:
    return (r.year or "合计", r.item or "合计", r.title, r.pending.count, r.pending.amount, r.approved.count,
            r.approved.amount, r.paid.count, r.paid.amount, r.committed)


def selection(*, year: int | None = None, samples: bool = False) -> QuerySet[Application]:
    found = Application.objects.filter(state__in=COUNTED)
    if year is not None:
        found = found.filter(year=year)
    if not samples:
        found = found.filter(is_sample=False)
    return found


def _order() -> dict[str, int]:
    return {it.code: n for n, it in enumerate(engine.items())}


def _title(code: str) -> str:
    try:
        return engine.item(code).title
    except Exception:  # an item no longer in the catalogue keeps its row, untitled
        return ""


def budget(*, year: int | None = None, samples: bool = False) -> Budget:
    """The budget of `year` (all years when None)."""
    rows: dict[tuple[int, str], Row] = {}
    found = selection(year=year, samples=samples).values_list("year", "item", "state", "quoted_amount",
                                                              "approved_amount")
    for app_year, code, state, quoted, approved in found:
        row = rows.get((app_year, code))
        if row is None:
            row = rows[(app_year, code)] = Row(app_year, code, _title(code))
        if state in (State.SUBMITTED, State.UNDER_REVIEW):
            row.pending.add(quoted)
        elif state == State.APPROVED:
            row.approved.add(approved)
        else:
            row.paid.add(approved)
    order = _order()
    ordered = sorted(rows.values(), key=lambda r: (r.year, order.get(r.item, 99), r.item))
    by_year: dict[int, Row] = defaultdict(lambda: Row(0, "", "年度合计"))
    total = Row(0, "", "总计")
    for row in ordered:
        by_year[row.year].year = row.year
        by_year[row.year].add(row)
        total.add(row)
    return Budget(ordered, [by_year[y] for y in sorted(by_year)], total, year, samples)


PAYMENT_HEADER = ("申请编号", "申报年度", "政策条目", "申报单位", "统一社会信用代码", "批准金额（元）", "批准日期", "拨付日期",
                  "拨付凭证号", "状态")


def payments(*, year: int | None = None, samples: bool = False) -> list[tuple]:
    """Approved and paid applications, one line each (拨付明细), by application year and reference."""
    found = (selection(year=year, samples=samples).filter(state__in=(State.APPROVED, State.PAID))
             .select_related("firm").order_by("year", "serial"))
    return [(a.reference, a.year, a.item, a.firm.name + ("（示例）" if a.is_sample else ""), a.firm.credit_code,
             a.approved_amount, a.decided_on, a.paid_on, a.payment_reference, a.get_state_display())
            for a in found]
