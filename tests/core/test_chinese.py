"""Dates written in Chinese (core.chinese.chinese_date): the one spelling every document and page uses."""
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from zhengwu.core.chinese import chinese_date, parse_chinese_date


def test_a_date_has_arabic_numerals_and_no_leading_zeros():
    assert chinese_date(dt.date(2021, 6, 27)) == "2021年6月27日"
    assert chinese_date(dt.date(2022, 1, 5)) == "2022年1月5日"


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_what_is_written_reads_back(day):
    assert parse_chinese_date(chinese_date(day)) == day
