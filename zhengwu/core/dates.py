"""Day counting shared by every system: periods in months, ISO dates typed by people, days between dates.

Dates are `datetime.date` everywhere; text becomes a date only here (or in `chinese.parse_chinese_date`),
and a date that does not exist (2021-02-30) is a `DomainError` naming the field.
"""
import calendar
import datetime as dt
import re
from zoneinfo import ZoneInfo

from .errors import DomainError

DISTRICT_ZONE = ZoneInfo("Asia/Shanghai")  # settings.TIME_ZONE too: the district's calendar day decides
ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; when that month is shorter, its last day (2021-01-31 + 1 → 2021-02-28)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def period_end(start: dt.date, months: int) -> dt.date:
    """Last day of a period of `months` months whose first day is `start` (e.g. a probation, 试用期).

    The start day is the first day of the period (an appointee serves from the day the appointment takes
    effect), so the period ends the day before the corresponding day `months` later: 试用期1年 from
    2021-06-27 ends on 2022-06-26. When the corresponding day does not exist (from 2021-01-31, one month:
    there is no 2021-02-31) the period ends on the last day of that month (2021-02-28), as 民法典 第二百零二条
    does for periods counted in months.
    """
    if months < 1:
        raise ValueError(f"a period needs at least one month, not {months}")
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if start.day > calendar.monthrange(year, month)[1]:
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


def parse_date(text: str, *, field: str) -> dt.date:
    """A date typed as YYYY-MM-DD → date; anything else, or a day that does not exist, is a DomainError."""
    m = ISO_RE.match(text or "")
    if not m:
        raise DomainError(f"日期应写作 YYYY-MM-DD（如 2021-06-27），而不是“{text}”。", field=field, code="bad_date")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise DomainError(f"日期不存在：{text.strip()}。", field=field, code="bad_date") from None


def days_between(earlier: dt.date, later: dt.date) -> int:
    """Whole days from `earlier` to `later` (0 on the same day, negative when `later` is before)."""
    return (later - earlier).days


def today() -> dt.date:
    """Today in Chongqing (今日): the server may run on UTC, and after 16:00 UTC it is already tomorrow there.
    The same day as django.utils.timezone.localdate(), without needing settings (rulebooks load without them)."""
    return dt.datetime.now(DISTRICT_ZONE).date()
