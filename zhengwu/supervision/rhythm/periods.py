"""Periods of the rhythm: a month (2021-07), a quarter (2021Q3) or a year (2021)."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from zhengwu.core.errors import DomainError

QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}
KINDS = {"month": "月度调度表", "quarter": "督查通报", "year": "年度评估报告"}


@dataclass(frozen=True)
class Period:
    kind: str  # month | quarter | year
    year: int
    index: int  # month 1–12, quarter 1–4, 1 for a year
    start: dt.date
    end: dt.date

    @property
    def key(self) -> str:
        return {"month": f"{self.year}-{self.index:02d}", "quarter": f"{self.year}Q{self.index}",
                "year": str(self.year)}[self.kind]

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.year}年{self.index}月"
        if self.kind == "quarter":
            return f"{self.year}年第{QUARTER_NAMES[self.index]}季度"
        return f"{self.year}年度"

    @property
    def sheet_name(self) -> str:
        return KINDS[self.kind]


def month(year: int, number: int) -> Period:
    return Period("month", year, number, dt.date(year, number, 1),
                  dt.date(year, number, calendar.monthrange(year, number)[1]))


def quarter(year: int, number: int) -> Period:
    first = 3 * number - 2
    return Period("quarter", year, number, dt.date(year, first, 1),
                  dt.date(year, first + 2, calendar.monthrange(year, first + 2)[1]))


def year_period(year: int) -> Period:
    return Period("year", year, 1, dt.date(year, 1, 1), dt.date(year, 12, 31))


def parse_period(kind: str, text: str) -> Period:
    """“2021-07” (month), “2021Q3” / “2021-Q3” / “2021-3” (quarter), “2021” (year); a DomainError naming
    the field otherwise."""
    value = (text or "").strip().upper()
    if kind == "month":
        found = re.fullmatch(r"(\d{4})-?(\d{1,2})", value)
        if found and 1 <= int(found[2]) <= 12:
            return month(int(found[1]), int(found[2]))
        raise DomainError(f"月份应写成 2021-07，而不是“{text}”。", field="period")
    if kind == "quarter":
        found = re.fullmatch(r"(\d{4})-?Q?([1-4])", value)
        if found:
            return quarter(int(found[1]), int(found[2]))
        raise DomainError(f"季度应写成 2021Q3，而不是“{text}”。", field="period")
    if kind == "year":
        if re.fullmatch(r"\d{4}", value):
            return year_period(int(value))
        raise DomainError(f"年度应写成 2021，而不是“{text}”。", field="period")
    raise DomainError(f"没有“{kind}”这种报表（month、quarter、year）。", field="kind")
