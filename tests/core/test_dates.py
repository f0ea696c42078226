"""core.dates: periods in months, dates typed by people."""
import datetime as dt

import pytest

from zhengwu.core.dates import add_months, days_between, parse_date, period_end
from zhengwu.core.errors import DomainError

D = dt.date


@pytest.mark.parametrize(("start", "months", "end"), [
    (D(2021, 6, 27), 12, D(2022, 6, 26)),  # 试用期1年 of 綦江府人〔2021〕3号
    (D(2021, 9, 1), 6, D(2022, 2, 28)),
    (D(2021, 1, 31), 1, D(2021, 2, 28)),  # no 31 February: the month's last day
    (D(2020, 1, 30), 1, D(2020, 2, 29)),
    (D(2021, 2, 28), 1, D(2021, 3, 27)),
    (D(2021, 12, 1), 1, D(2021, 12, 31)),
    (D(2021, 3, 31), 11, D(2022, 2, 28)),
])
def test_a_period_of_months_ends_the_day_before_the_corresponding_day(start, months, end):
    assert period_end(start, months) == end


def test_a_period_needs_a_month():
    with pytest.raises(ValueError):
        period_end(D(2021, 1, 1), 0)


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(D(2021, 1, 31), 1) == D(2021, 2, 28)
    assert add_months(D(2021, 11, 15), 3) == D(2022, 2, 15)
    assert add_months(D(2021, 3, 15), -3) == D(2020, 12, 15)


@pytest.mark.parametrize(("text", "message"), [
    ("2021-02-30", "日期不存在：2021-02-30。"),
    ("2021-13-01", "日期不存在：2021-13-01。"),
    ("2021/06/27", "日期应写作 YYYY-MM-DD（如 2021-06-27），而不是“2021/06/27”。"),
    ("", "日期应写作 YYYY-MM-DD（如 2021-06-27），而不是“”。"),
])
def test_a_bad_date_is_a_domain_error_naming_the_field(text, message):
    with pytest.raises(DomainError) as caught:
        parse_date(text, field="on")
    assert (caught.value.field, caught.value.message, str(caught.value)) == ("on", message, f"on: {message}")


def test_dates_and_days():
    assert parse_date(" 2021-6-27 ", field="on") == D(2021, 6, 27)
    assert days_between(D(2022, 5, 1), D(2022, 6, 26)) == 56


def test_today_is_the_districts_day_not_the_servers():
    """16:30 UTC on 31 December is already 1 January in Chongqing: a quote or a reward asked for then uses the
    new year's rules, as the site's own pages (settings.TIME_ZONE) do."""
    from unittest import mock

    from django.utils import timezone

    from zhengwu.core import dates

    late = dt.datetime(2021, 12, 31, 16, 30, tzinfo=dt.UTC)

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return late.astimezone(tz) if tz else late.replace(tzinfo=None)

    with mock.patch.object(dates.dt, "datetime", Clock), mock.patch.object(timezone, "now", lambda: late):
        assert dates.today() == dt.date(2022, 1, 1)
        assert timezone.localdate() == dates.today()
