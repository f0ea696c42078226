"""core.days: "within N days" (N日内) — start day not counted, the end moved past rest days and holidays."""
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests import cli
from zhengwu.core.days import DueDate, calendar_years, due_after, is_working_day
from zhengwu.core.errors import DomainError

D = dt.date
ONE_DAY = dt.timedelta(days=1)
FIRST_YEAR, LAST_YEAR = calendar_years()
COVERED = f"只覆盖{FIRST_YEAR}年至{LAST_YEAR}年"
ZHENGWU = Path(sys.executable).parent / "zhengwu"  # the console script next to the venv's python
ROOT = Path(__file__).resolve().parents[2]


def workday(day: dt.date) -> bool:
    """The oracle: the package's own answer, not the code under test."""
    return chinese_calendar.is_workday(day)


# ---------------------------------------------------------------- National Day 2021 (10-01..10-07)

def test_a_period_ending_on_national_day_moves_to_the_first_working_day_after_it():
    result = due_after(D(2021, 8, 2), 60)
    assert result == DueDate(D(2021, 10, 8), [
        "自2021年8月2日起算，次日为第1日（民法典第二百零一条）",
        "第60日为2021年10月1日，是国庆节假日（国务院办公厅放假安排）",
        "期限届满日顺延至假日后的第一个工作日：2021年10月8日（民法典第二百零三条）",
    ])
    assert result.as_json() == {"due": "2021-10-08", "basis": result.basis}


@pytest.mark.parametrize("last", [D(2021, 10, d) for d in range(1, 8)])
def test_every_day_of_national_day_2021_moves_to_october_8(last):
    start = last - dt.timedelta(days=10)
    assert due_after(start, 10).due == D(2021, 10, 8)


def test_a_period_ending_on_the_make_up_saturday_stays():
    result = due_after(D(2021, 8, 10), 60)  # day 60 is Saturday 2021-10-09, worked for National Day
    assert result.due == D(2021, 10, 9)
    assert result.basis == [
        "自2021年8月10日起算，次日为第1日（民法典第二百零一条）",
        "第60日为2021年10月9日，是星期六，但为国庆节调休上班日（国务院办公厅放假安排），是工作日，期限于该日届满",
    ]


def test_a_period_ending_on_the_make_up_sunday_before_national_day_stays():
    result = due_after(D(2021, 9, 19), 7)
    assert result.due == D(2021, 9, 26)
    assert "星期日，但为国庆节调休上班日" in result.basis[-1]


def test_the_start_day_is_not_counted():
    # 1 day after Thursday 2021-09-30 is Friday 10-01, a holiday; counted from 09-30 itself it would be 09-30.
    assert due_after(D(2021, 9, 29), 1).due == D(2021, 9, 30)
    assert due_after(D(2021, 9, 30), 1).due == D(2021, 10, 8)


# ---------------------------------------------------------------- Spring Festival 2021 and 2022

@pytest.mark.parametrize(("start", "days", "due"), [
    (D(2021, 2, 1), 10, D(2021, 2, 18)),   # 02-11, first day of the holiday
    (D(2021, 2, 1), 16, D(2021, 2, 18)),   # 02-17, last day of the holiday
    (D(2021, 2, 1), 17, D(2021, 2, 18)),   # 02-18, Thursday, a working day
    (D(2021, 2, 5), 2, D(2021, 2, 7)),     # Sunday 02-07, but a make-up workday: it stays
    (D(2021, 2, 5), 1, D(2021, 2, 7)),     # Saturday 02-06, a rest day → the make-up Sunday after it
    (D(2021, 2, 5), 15, D(2021, 2, 20)),   # Saturday 02-20, make-up workday: stays
    (D(2021, 2, 5), 16, D(2021, 2, 22)),   # Sunday 02-21, an ordinary rest day → Monday
    (D(2022, 1, 20), 11, D(2022, 2, 7)),   # 2022-01-31, first day of Spring Festival 2022
    (D(2022, 1, 20), 17, D(2022, 2, 7)),   # 2022-02-06, a Sunday inside the holiday
    (D(2022, 1, 20), 9, D(2022, 1, 29)),   # Saturday 2022-01-29, make-up workday
    (D(2022, 1, 20), 10, D(2022, 1, 30)),  # Sunday 2022-01-30, make-up workday
    (D(2022, 9, 30), 1, D(2022, 10, 8)),   # National Day 2022 → Saturday 10-08, a make-up workday
])
def test_spring_festival_and_national_day(start, days, due):
    assert due_after(start, days).due == due


def test_the_basis_names_spring_festival():
    result = due_after(D(2021, 2, 1), 10)
    assert result.basis[1] == "第10日为2021年2月11日，是春节假日（国务院办公厅放假安排）"
    assert result.basis[2] == "期限届满日顺延至假日后的第一个工作日：2021年2月18日（民法典第二百零三条）"
    assert "春节调休上班日" in due_after(D(2021, 2, 5), 15).basis[-1]


# ---------------------------------------------------------------- ordinary weeks

def test_an_ordinary_weekend_moves_to_monday():
    result = due_after(D(2021, 11, 5), 1)  # Saturday 2021-11-06
    assert result == DueDate(D(2021, 11, 8), [
        "自2021年11月5日起算，次日为第1日（民法典第二百零一条）",
        "第1日为2021年11月6日，是星期六（休息日）",
        "期限届满日顺延至休息日后的第一个工作日：2021年11月8日（民法典第二百零三条）",
    ])
    assert due_after(D(2021, 11, 5), 2).due == D(2021, 11, 8)  # Sunday too


def test_a_weekend_followed_by_a_holiday_moves_past_both():
    result = due_after(D(2024, 6, 1), 7)  # Saturday 06-08, Sunday 06-09, Dragon Boat Monday 06-10
    assert result.due == D(2024, 6, 11)
    assert result.basis[1] == "第7日为2024年6月8日，是星期六（休息日）"
    assert result.basis[2] == "期限届满日顺延至休息日和假日后的第一个工作日：2024年6月11日（民法典第二百零三条）"


def test_a_working_day_is_the_due_date_and_the_basis_says_so():
    result = due_after(D(2021, 8, 30), 30)
    assert result.as_json() == {"due": "2021-09-29", "basis": [
        "自2021年8月30日起算，次日为第1日（民法典第二百零一条）",
        "第30日为2021年9月29日，是工作日，期限于该日届满",
    ]}


@pytest.mark.parametrize(("day", "working"), [
    (D(2021, 9, 26), True),    # Sunday, make-up workday
    (D(2021, 10, 9), True),    # Saturday, make-up workday
    (D(2021, 10, 1), False),   # National Day
    (D(2021, 10, 4), False),   # Monday inside the holiday
    (D(2021, 11, 6), False),   # ordinary Saturday
    (D(2021, 11, 8), True),    # ordinary Monday
    (D(2021, 2, 17), False),   # Wednesday, Spring Festival
])
def test_is_working_day(day, working):
    assert is_working_day(day) is working


# ---------------------------------------------------------------- bad input and the calendar's years

@pytest.mark.parametrize("days", [0, -5, True, 2.5])
def test_days_must_be_a_whole_number_of_at_least_one(days):
    with pytest.raises(DomainError) as caught:
        due_after(D(2021, 8, 2), days)
    assert caught.value.field == "days"
    assert "期限天数应为不小于1的整数" in str(caught.value)


def test_the_calendar_years_come_from_the_package():
    assert FIRST_YEAR == 2004  # the package's first year of State Council arrangements
    assert LAST_YEAR >= 2025
    # the package answers for every covered year and refuses the years around them
    for year in (FIRST_YEAR, LAST_YEAR):
        chinese_calendar.is_workday(D(year, 1, 1))
        chinese_calendar.is_workday(D(year, 12, 31))
    for day in (D(FIRST_YEAR - 1, 12, 31), D(LAST_YEAR + 1, 1, 1)):
        with pytest.raises(NotImplementedError):
            chinese_calendar.is_workday(day)


@pytest.mark.parametrize("start", [D(FIRST_YEAR - 1, 12, 31), D(LAST_YEAR + 1, 1, 1), D(1990, 6, 1)])
def test_a_start_outside_the_calendar_is_refused_naming_the_years(start):
    with pytest.raises(DomainError) as caught:
        due_after(start, 10)
    error = caught.value
    assert (error.field, error.code) == ("start", "outside_calendar")
    assert COVERED in error.message
    assert f"起算日{start.year}年{start.month}月{start.day}日不在日历范围内" in error.message
    assert str(error).startswith("start: ")


def test_a_period_ending_after_the_calendar_is_refused_on_days():
    with pytest.raises(DomainError) as caught:
        due_after(D(LAST_YEAR, 12, 1), 31)
    error = caught.value
    assert (error.field, error.code) == ("days", "outside_calendar")
    assert COVERED in error.message
    assert f"期间延伸到{LAST_YEAR + 1}年1月1日" in error.message
    with pytest.raises(DomainError) as huge:
        due_after(D(2021, 1, 1), 10**9)  # beyond year 9999: still a clear refusal, not OverflowError
    assert huge.value.field == "days"


def test_moving_past_the_calendar_end_is_refused_on_days(monkeypatch):
    # No covered year ends on a rest day today, so pretend the last one does.
    real = chinese_calendar.is_workday
    monkeypatch.setattr(chinese_calendar, "is_workday", lambda day: day != D(LAST_YEAR, 12, 31) and real(day))
    with pytest.raises(DomainError) as caught:
        due_after(D(LAST_YEAR, 12, 30), 1)
    assert (caught.value.field, caught.value.code) == ("days", "outside_calendar")


def test_is_working_day_outside_the_calendar_is_refused():
    with pytest.raises(DomainError) as caught:
        is_working_day(D(LAST_YEAR + 1, 3, 2))
    assert caught.value.code == "outside_calendar"
    assert COVERED in caught.value.message


# ---------------------------------------------------------------- properties over the whole calendar

covered_starts = st.dates(min_value=D(FIRST_YEAR, 1, 1), max_value=D(LAST_YEAR, 12, 31))


@given(start=covered_starts, days=st.integers(min_value=1, max_value=400))
@example(start=D(2021, 8, 2), days=60)
@example(start=D(LAST_YEAR, 12, 31), days=1)
def test_due_is_the_first_working_day_from_the_nth_day(start, days):
    nth = start + dt.timedelta(days=days)
    if nth.year > LAST_YEAR:
        with pytest.raises(DomainError) as caught:
            due_after(start, days)
        assert caught.value.field == "days"
        return
    try:
        result = due_after(start, days)
    except DomainError as error:
        # only when every day from the N-th to the calendar's end is a rest day
        assert error.field == "days"
        day = nth
        while day.year <= LAST_YEAR:
            assert not workday(day)
            day += ONE_DAY
        return
    due = result.due
    assert due >= nth
    assert workday(due)
    if workday(nth):
        assert due == nth
    day = nth
    while day < due:
        assert not workday(day)
        day += ONE_DAY
    assert result.basis[0] == f"自{start.year}年{start.month}月{start.day}日起算，次日为第1日（民法典第二百零一条）"
    assert result.basis[-1].endswith("期限于该日届满" if due == nth else "（民法典第二百零三条）")


@given(day=covered_starts)
def test_is_working_day_agrees_with_the_state_council_calendar(day):
    assert is_working_day(day) is workday(day)


# ---------------------------------------------------------------- the command: zhengwu days add

def script(*args: str) -> subprocess.CompletedProcess:
    """The installed console script as a process: its entry point, exit code and streams."""
    return subprocess.run([str(ZHENGWU), "days", "add", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def zhengwu(*args: str) -> cli.Result:
    """The same command in-process (tests/cli.py): the same streams and exit code, no process start-up."""
    return cli.run("days", "add", *args, cwd=ROOT)


def test_cli_json_prints_the_due_date_and_basis_alone():
    run = script("2021-08-02", "60", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"due": "2021-10-08", "basis": [
        "自2021年8月2日起算，次日为第1日（民法典第二百零一条）",
        "第60日为2021年10月1日，是国庆节假日（国务院办公厅放假安排）",
        "期限届满日顺延至假日后的第一个工作日：2021年10月8日（民法典第二百零三条）",
    ]}
    assert run.stderr == ""


def test_cli_for_people_prints_the_date_and_the_reasons():
    run = zhengwu("2021-08-10", "60")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "期限届满日：2021年10月9日（2021-10-09，星期六）",
        "依据：",
        "  1. 自2021年8月10日起算，次日为第1日（民法典第二百零一条）",
        "  2. 第60日为2021年10月9日，是星期六，但为国庆节调休上班日（国务院办公厅放假安排），是工作日，期限于该日届满",
    ]


@pytest.mark.parametrize(("start", "days", "field", "code", "message"), [
    ("2021-02-30", "10", "start", "bad_date", "日期不存在：2021-02-30。"),
    ("abc", "10", "start", "bad_date", "日期应写作 YYYY-MM-DD（如 2021-06-27），而不是“abc”。"),
    ("2021-08-02", "0", "days", "bad_days", "期限天数应为不小于1的整数（如 60），而不是“0”。"),
    ("2021-08-02", "-5", "days", "bad_days", "期限天数应为不小于1的整数（如 60），而不是“-5”。"),
    ("2021-08-02", "abc", "days", "bad_days", "期限天数应为不小于1的整数（如 60），而不是“abc”。"),
    (f"{FIRST_YEAR - 1}-08-02", "10", "start", "outside_calendar", COVERED),
    (f"{LAST_YEAR + 1}-08-02", "10", "start", "outside_calendar", COVERED),
    (f"{LAST_YEAR}-12-01", "400", "days", "outside_calendar", COVERED),
])
def test_cli_refuses_bad_input_naming_the_field(start, days, field, code, message):
    run = zhengwu(start, days)
    assert run.returncode == 1
    assert run.stdout == ""
    assert f"{field}: " in run.stderr and message in run.stderr

    run = zhengwu(start, days, "--json")
    assert run.returncode == 1
    error = json.loads(run.stdout)["error"]
    assert (error["field"], error["code"]) == (field, code)
    assert message in error["message"]
