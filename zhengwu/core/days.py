"""Periods counted in days (N日内) and working days, shared by every system (SPEC S7, "Counting days").

- `due_after(start, days)` → `DueDate(due, basis)`: the last day of a period of `days` days after `start`,
  with the reasons in Chinese, ready to show next to a deadline.
- `is_working_day(day)`: whether people work that day (工作日), make-up workdays (调休上班日) included.
- `calendar_years()`: the first and last year the installed holiday calendar covers.

The rules are the Civil Code's: the start day is not counted, the period starts the next day (民法典
第二百零一条); a period whose last day is a rest day or statutory holiday (法定休假日) ends on the first
working day after it (民法典 第二百零三条). Which days are holidays and which weekend days are worked is
the State Council's yearly arrangement (国务院办公厅放假安排), read from the `chinese_calendar` package.
Outside the years that package covers nothing can be said, so any such date is a `DomainError`.
"""
import datetime as dt
from dataclasses import dataclass
from functools import cache

import chinese_calendar

from .errors import DomainError

SOURCE = "国务院办公厅放假安排"
WEEKDAYS = "一二三四五六日"

# Field names as the user sees them, next to the code's (`start`, `days`).
FIELD_LABELS = {"start": "起算日", "days": "期限天数", "day": "日期"}


@dataclass(frozen=True)
class DueDate:
    """When a period of N days ends (期限届满日), and why (依据), one Chinese sentence per step."""

    due: dt.date
    basis: list[str]

    def as_json(self) -> dict:
        return {"due": self.due.isoformat(), "basis": list(self.basis)}


@cache
def calendar_years() -> tuple[int, int]:
    """First and last year of the installed State Council calendar (from the package's own data)."""
    # The package answers for exactly these years (it checks the same keys), so a newer release of
    # chinese-calendar widens the range without a change here.
    years = {day.year for day in chinese_calendar.holidays} | {day.year for day in chinese_calendar.workdays}
    return min(years), max(years)


def is_working_day(day: dt.date) -> bool:
    """Whether `day` is a working day (工作日): Monday to Friday except holidays, plus make-up workdays."""
    _check_covered(day, field="day")
    return chinese_calendar.is_workday(day)


def due_after(start: dt.date, days: int) -> DueDate:
    """Last day of a period of `days` days after `start` (N日内), moved past rest days and holidays.

    The day of `start` is not counted: its next day is day 1 (民法典 第二百零一条), so the N-th day is
    `start + N`. When that day is not a working day — a weekend that is not a make-up workday (调休上班日), or
    a statutory holiday (法定休假日) — the period ends on the first working day after it (民法典 第二百零三条).
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise DomainError(f"期限天数应为不小于1的整数（如 60），而不是“{days}”。", field="days", code="bad_days")
    _check_covered(start, field="start")
    try:
        last = start + dt.timedelta(days=days)
    except OverflowError:  # beyond year 9999: certainly beyond the calendar
        last = dt.date.max
    _check_covered(last, field="days")
    basis = [f"自{_chinese(start)}起算，次日为第1日（民法典第二百零一条）"]
    if chinese_calendar.is_workday(last):
        basis.append(f"第{days}日为{_chinese(last)}，{_working_day_reason(last)}，期限于该日届满")
        return DueDate(last, basis)

    basis.append(f"第{days}日为{_chinese(last)}，{_rest_day_reason(last)}")
    due, kinds = last, set()
    while not chinese_calendar.is_workday(due):
        kinds.add("假日" if _holiday_name(due) else "休息日")
        due += dt.timedelta(days=1)
        # Walking off the end of the calendar: the period itself reaches too far, so it is the days at fault.
        _check_covered(due, field="days")
    after = "休息日和假日" if len(kinds) > 1 else kinds.pop()
    basis.append(f"期限届满日顺延至{after}后的第一个工作日：{_chinese(due)}（民法典第二百零三条）")
    return DueDate(due, basis)


def _holiday_name(day: dt.date) -> str | None:
    """Chinese name of the holiday `day` belongs to (a day off or its make-up workday), or None."""
    _is_rest, name = chinese_calendar.get_holiday_detail(day)
    if name is None:
        return None
    try:
        return chinese_calendar.Holiday(name).chinese
    except ValueError:  # a name a newer package knows and its enum does not: show it as it is
        return name


def _working_day_reason(day: dt.date) -> str:
    if day.weekday() >= 5:  # a worked Saturday or Sunday is only ever a make-up workday
        name = _holiday_name(day)
        what = f"{name}调休上班日" if name else "调休上班日"
        return f"是星期{WEEKDAYS[day.weekday()]}，但为{what}（{SOURCE}），是工作日"
    return "是工作日"


def _rest_day_reason(day: dt.date) -> str:
    name = _holiday_name(day)
    if name:
        return f"是{name}假日（{SOURCE}）"
    return f"是星期{WEEKDAYS[day.weekday()]}（休息日）"


def _check_covered(day: dt.date, *, field: str) -> None:
    first, last = calendar_years()
    if first <= day.year <= last:
        return
    covered = f"工作日历（{SOURCE}）只覆盖{first}年至{last}年"
    if field == "days":
        # start was inside the calendar: it is the length that carries the period out of it
        message = (f"期限天数过长：期间延伸到{_chinese(day)}，{covered}，无法判断该日是否为工作日；"
                   f"期间最迟须在{last}年12月31日届满。")
    else:
        label = FIELD_LABELS.get(field, field)
        message = f"{label}{_chinese(day)}不在日历范围内：{covered}，请使用{first}年至{last}年内的日期。"
    raise DomainError(message, field=field, code="outside_calendar")


def _chinese(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
