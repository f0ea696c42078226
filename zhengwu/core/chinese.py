"""Chinese text helpers: numerals, dates written in Chinese (read and written), full-width punctuation."""
import datetime as dt
import re

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
CJK_RE = re.compile(f"[{CJK}]")

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_numeral(text: str) -> int:
    """'二十三' → 23, '十' → 10, '一百零五' → 105. Raises ValueError for anything else."""
    if not text:
        raise ValueError("empty numeral")
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


def to_chinese_numeral(n: int) -> str:
    """13 → '十三', 21 → '二十一', 105 → '一百零五' (for headings and article numbers)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = "零" + digits[rest]
    else:
        tail = ("一" if rest < 20 else "") + to_chinese_numeral(rest)
    return digits[n // 100] + "百" + tail


DATE_RE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")


# The pre-2012 style still seen in older documents: 二〇二一年五月二十四日.
CN_DATE_RE = re.compile(r"(?P<y>[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月\s*"
                        r"(?P<d>[一二三四五六七八九十]{1,3})\s*日")


def parse_chinese_date(text: str, *, line: int | None = None) -> dt.date:
    """'2021年6月27日' (spaces allowed, or 二〇二一年六月二十七日) → date; ValueError names a bad date."""
    m = DATE_RE.search(text)
    if m:
        year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    elif (m := CN_DATE_RE.search(text)):
        year = int("".join(str(_DIGITS[c]) for c in m["y"]))
        month, day = chinese_numeral(m["m"]), chinese_numeral(m["d"])
    else:
        raise ValueError(f"没有日期: {text!r}")
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"日期不存在: {m.group(0)}") from exc


def chinese_date(day: dt.date) -> str:
    """2021年6月27日: Arabic numerals, no leading zeros (GB/T 9704-2012 7.3.5.1), as every document and page
    of the project writes a date in Chinese."""
    return f"{day.year}年{day.month}月{day.day}日"


# Half-width punctuation that Chinese typesetting prints full width (GB/T 15834).
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK_OR_FULLPUNCT = f"[{CJK}，。：；！？、“”‘’《》〈〉（）〔〕…—]"
_PUNCT_BETWEEN = re.compile(rf"(?<={_CJK_OR_FULLPUNCT})([,:;?!])|([,:;?!])(?={_CJK_OR_FULLPUNCT})")
_PARENS = re.compile(rf"\(([^()]*{_CJK_OR_FULLPUNCT}[^()]*)\)")


def fullwidth_punctuation(text: str) -> str:
    """Make punctuation next to Chinese full width; leave URLs, e-mails and numbers alone."""
    # Parentheses first: a pair whose content holds Chinese becomes （…）.
    previous = None
    while previous != text:
        previous = text
        text = _PARENS.sub(r"（\1）", text)
    return _PUNCT_BETWEEN.sub(lambda m: HALF_TO_FULL[m.group(1) or m.group(2)], text)
