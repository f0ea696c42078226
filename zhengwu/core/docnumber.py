"""Document numbers (发文字号): 机关代字〔年份〕序号号, per GB/T 9704-2012 7.2.4.

Printed numbers come with [ ], ［］, 【】, (), full-width digits, spaces, a 第 or leading zeros;
the canonical form uses 〔〕 and plain digits: 綦江府发〔2021〕10号.
"""
import re
from dataclasses import dataclass

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
OPEN_BRACKETS = "〔[［【(（﹝〖"
CLOSE_BRACKETS = "〕]］】)）﹞〗"

NUMBER_RE = re.compile(
    r"(?P<code>[\u4e00-\u9fffA-Za-z]{1,20}?)\s*"
    rf"[{re.escape(OPEN_BRACKETS)}]\s*(?P<year>\d{{4}})\s*[{re.escape(CLOSE_BRACKETS)}]\s*"
    r"第?\s*(?P<serial>\d{1,5})\s*号"
)
WHOLE_NUMBER_RE = re.compile(rf"^\s*{NUMBER_RE.pattern}\s*$")


@dataclass(frozen=True)
class DocNumber:
    """A parsed document number (发文字号): agency code (机关代字), year, serial."""

    code: str
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.code}〔{self.year}〕{self.serial}号"


def parse_number(text: str) -> DocNumber | None:
    """Read a whole string as a document number in any printed form; None if it is not one."""
    m = WHOLE_NUMBER_RE.match(text.translate(FULLWIDTH_DIGITS).replace("\u3000", " "))
    if not m:
        return None
    return DocNumber(m["code"], int(m["year"]), int(m["serial"]))


def normalize_number(text: str) -> str | None:
    """Canonical form of a printed number: '綦江府发[2021] 10 号' → '綦江府发〔2021〕10号'."""
    number = parse_number(text)
    return str(number) if number else None


# Words that run into a number in prose (根据綦江府办发〔2019〕24号, 和綦江府人〔2021〕3号) but are no part
# of the agency code; longest first.
LEADING_WORDS = sorted(("根据", "按照", "依据", "依照", "参照", "结合", "落实", "贯彻", "执行", "印发", "转发",
                        "详见", "和", "与", "及", "见", "按", "据", "经", "以", "由", "将", "对", "在", "为", "于",
                        "是", "的", "即", "同"), key=len, reverse=True)


def find_numbers(text: str) -> list[tuple[str, str, int, int]]:
    """Every document number inside a text: (canonical, as printed, start, end)."""
    found = []
    for m in NUMBER_RE.finditer(text.translate(FULLWIDTH_DIGITS)):
        code, start = m["code"], m.start()
        stripped = True
        while stripped:
            stripped = False
            for word in LEADING_WORDS:
                if code.startswith(word) and len(code) - len(word) >= 2:
                    code, start, stripped = code[len(word):], start + len(word), True
                    break
        canonical = f"{code}〔{int(m['year'])}〕{int(m['serial'])}号"
        found.append((canonical, text[start:m.end()], start, m.end()))
    return found


def number_form_problems(printed: str) -> list[tuple[str, str]]:
    """How a printed number departs from GB/T 9704-2012 7.2.4 (代字〔YYYY〕N号): (code, message) pairs.

    Codes: number_brackets (年份不用〔〕), number_ordinal (序号前加“第”), number_leading_zero (序号有前导零),
    number_spacing (中间有空格), number_width (全角数字). An unreadable number gives number_malformed.
    """
    parsed = parse_number(printed)
    if parsed is None:
        return [("number_malformed", f"“{printed}”不是“机关代字〔年份〕序号号”格式的发文字号。")]
    found: list[tuple[str, str]] = []
    if not re.search(r"〔\s*[\d０-９]{4}\s*〕", printed):
        found.append(("number_brackets", f"发文字号“{printed}”的年份应使用六角括号〔〕，规范写法是“{parsed}”。"))
    if re.search(r"[〕\]］】)）﹞]\s*第", printed):
        found.append(("number_ordinal", f"发文字号“{printed}”的序号前不加“第”，规范写法是“{parsed}”。"))
    if re.search(r"[〕\]］】)）﹞]\s*第?\s*0\d", printed.translate(FULLWIDTH_DIGITS)):
        found.append(("number_leading_zero", f"发文字号“{printed}”的序号不编虚位（不加前导零），规范写法是“{parsed}”。"))
    if re.search(r"\s", printed.strip()):
        found.append(("number_spacing", f"发文字号“{printed}”中间不应有空格，规范写法是“{parsed}”。"))
    if re.search(r"[０-９]", printed):
        found.append(("number_width", f"发文字号“{printed}”应使用半角阿拉伯数字，规范写法是“{parsed}”。"))
    return found
