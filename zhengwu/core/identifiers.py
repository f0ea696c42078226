"""Identifiers people type: unified social credit codes (统一社会信用代码, GB 32100-2015) and citizen ID
numbers (公民身份号码, GB 11643-1999).

For each: `…_ok` (is it valid), `…_problem` (the Chinese message saying what is wrong, or None) and a
generator for demos and tests that only ever produces valid values (`make_credit_code`, `make_id_number`).
The checks take the value already compacted (`compact`: full-width folded, spaces and dashes dropped,
upper case), as every form cleans it before checking. Pure functions: no Django, no database.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata

# GB 32100-2015 4.3: the 31 characters a code uses — digits and capitals without I, O, S, V, Z.
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Weights of the 17 body characters (3^(i) mod 31), GB 32100-2015 附录B.
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_LENGTH = 18
CREDIT_STANDARD = "GB 32100-2015"

# GB 11643-1999: ISO 7064 MOD 11-2 weights of the 17 digits, and the check character of each remainder.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECKS = "10X98765432"
ID_STANDARD = "GB 11643-1999"
# The first two digits: the province (GB/T 2260), so a number starting 00 or 99 is not a real one.
PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
    "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
})
EARLIEST_BIRTH = dt.date(1850, 1, 1)  # the standard's own example was born in 1880

_ID_RE = re.compile(r"\d{17}[\dX]")
_COMPACT_RE = re.compile(r"[\s\-－—]")


def compact(value: str) -> str:
    """A typed identifier as it is checked and stored: full-width folded (NFKC), no spaces or dashes, upper case."""
    return _COMPACT_RE.sub("", unicodedata.normalize("NFKC", value or "")).upper()


# -- unified social credit codes (统一社会信用代码) ------------------------------------------------------------

def credit_check_char(body: str) -> str:
    """The check character (校验码, the 18th) of the 17 characters `body`; ValueError outside the charset."""
    if len(body) != CREDIT_LENGTH - 1 or any(c not in CREDIT_CHARS for c in body):
        raise ValueError(f"not the 17-character body of a unified social credit code: {body!r}")
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARS[(31 - total % 31) % 31]


def credit_code_ok(code: str) -> bool:
    """Whether `code` (compacted) is 18 characters of the GB 32100-2015 charset with the right check character."""
    return credit_code_problem(code) is None


def credit_code_problem(code: str) -> str | None:
    """What is wrong with `code` (compacted), in Chinese, naming the code; None when it is valid."""
    if len(code) != CREDIT_LENGTH:
        return f"统一社会信用代码应为18位，“{code}”是{len(code)}位。"
    wrong = [c for c in code if c not in CREDIT_CHARS]
    if wrong:
        return (f"统一社会信用代码“{code}”含有不会出现的字符“{wrong[0]}”（只用数字和除 I、O、S、V、Z 以外的大写字母，"
                f"{CREDIT_STANDARD}）。")
    if credit_check_char(code[:17]) != code[17]:
        return f"统一社会信用代码“{code}”的校验码不对（{CREDIT_STANDARD}），请核对营业执照或登记证书。"
    return None


def complete_credit_code(body: str) -> str:
    """`body` (17 characters) with its check character: a valid code, for deterministic sample data."""
    return body + credit_check_char(body)


def make_credit_code(rng: random.Random, *, region: str = "500222") -> str:
    """A random valid code for demos and tests: 9 (市场监管) 1 (企业), the 6-digit region (綦江区 by default),
    a 9-character organisation code, the check character."""
    organisation = "".join(rng.choice(CREDIT_CHARS) for _ in range(9))
    return complete_credit_code(f"91{region}{organisation}")


# -- citizen ID numbers (公民身份号码) ---------------------------------------------------------------------------

def id_check_char(body: str) -> str:
    """The check character (校验码) of the 17 digits `body`, ISO 7064 MOD 11-2 (X for 10)."""
    if len(body) != 17 or not body.isdigit() or not body.isascii():
        raise ValueError(f"not the 17-digit body of an ID number: {body!r}")
    return ID_CHECKS[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def id_number_ok(number: str) -> bool:
    """Whether `number` (compacted) is an 18-character ID number with a real province, birth date and check digit."""
    return id_number_problem(number) is None


def id_number_problem(number: str, *, today: dt.date | None = None) -> str | None:
    """What is wrong with `number` (compacted), in Chinese; None when it is valid. It does not repeat the
    number (an ID number is personal data and messages end up in logs)."""
    if not _ID_RE.fullmatch(number):
        return f"身份证号码不对：应为18位（17位数字加1位数字或X的校验码），这里是{len(number)}位（{ID_STANDARD}）。"
    if number[:2] not in PROVINCES:
        return f"身份证号码不对：前两位“{number[:2]}”不是省级行政区划代码（{ID_STANDARD}）。"
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return f"身份证号码不对：第7至14位的出生日期“{number[6:14]}”不是真实的日期（{ID_STANDARD}）。"
    if not EARLIEST_BIRTH <= birth <= (today or dt.date.today()):
        return f"身份证号码不对：第7至14位的出生日期“{number[6:14]}”不可能（{ID_STANDARD}）。"
    if id_check_char(number[:17]) != number[17]:
        return f"身份证号码不对：校验码不对，请核对（{ID_STANDARD}）。"
    return None


def make_id_number(rng: random.Random, *, birth: dt.date | None = None, region: str = "500222") -> str:
    """A random valid ID number for demos and tests, born on `birth` (a random day 1950–2005 otherwise),
    registered in `region` (綦江区 by default)."""
    if birth is None:
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55))
    body = f"{region}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return body + id_check_char(body)
