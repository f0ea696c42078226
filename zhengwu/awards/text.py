"""Chinese wording shared by pages and the decision: ordinals (第九届) and dates (2021年5月24日)."""
from __future__ import annotations

import datetime as dt

DIGITS = "零一二三四五六七八九"


def chinese_ordinal(number: int) -> str:
    """9 → 九, 10 → 十, 12 → 十二, 21 → 二十一 (editions stay far below a hundred)."""
    if number < 10:
        return DIGITS[number]
    if number < 20:
        return "十" + (DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        return DIGITS[number // 10] + "十" + (DIGITS[number % 10] if number % 10 else "")
    return str(number)


def chinese_date(day: dt.date) -> str:
    """2021年5月24日 (GB/T 9704-2012 7.3.5.1: Arabic numerals, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"
