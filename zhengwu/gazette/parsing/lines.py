"""From bytes to clean lines: decoding, then the character-level PDF repairs, each one reported.

Repairs here touch one line at a time (bullets, bold marks, the pinyin running header, widths,
spaces inside dates and labels). Joining words split across a page break needs to know the
structure, so `body.join_paragraphs` does it.
"""
import re

from zhengwu.core.chinese import CJK, fullwidth_punctuation

from .errors import ParseError
from .result import Line, Repair

# The running header a PDF extractor leaves: ChongQingShiQiJiangQuRenMinZhengFuBuMenWenJian.
PINYIN_HEADER_RE = re.compile(r"^(?:[A-Z][a-z]{1,5}){4,}$")  # syllables, so APEC or GB is not one
NEWLINE_RE = re.compile(r"\r\n|\r|\n")
BULLET_RE = re.compile(r"^[-•·*]\s+")
BOLD_RE = re.compile(r"\*\*")
SPACED_DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# A spaced-out label before a colon: 组 长：  副 指 挥 长:  主 任(总指挥长):  — or alone: 目 录
SPACED_LABEL_RE = re.compile(rf"^((?:[{CJK}] +){{1,5}}[{CJK}])(?=\s*[:：(（]|\s*$)")
_LEFT = rf"[{CJK}，。：；、“”《》（）〔〕]"
# Spaces the PDF put around digits and Latin acronyms inside Chinese text: 〔2020〕4 号, 推进 5G 基站.
SPACED_LATIN_RE = re.compile(rf"(?<={_LEFT})[ \u3000]+([0-9A-Z][0-9A-Za-z.%]*)[ \u3000]*(?={_LEFT})")
SPACED_LATIN_END_RE = re.compile(rf"(?<={_LEFT})([0-9A-Z][0-9A-Za-z.%]*)[ \u3000]+(?={_LEFT})")


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → text and the encoding used. UTF-8 first, then GB18030 (a superset of GBK/GB2312)."""
    if not data.strip():
        raise ParseError("文件是空的，没有可导入的内容。", line=1, code="empty")
    if b"\x00" in data[:8192]:
        raise ParseError("这是二进制文件（含 NUL 字节），不是文本；请导出为 UTF-8 或 GBK 文本后再导入。",
                         line=1, code="binary")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise ParseError("文本既不是 UTF-8 也不是 GBK/GB18030 编码，无法读取。", line=line,
                         code="encoding") from None
    return text, "gb18030"


def _control_ratio(text: str) -> float:
    sample = text[:4096]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t") or 0xFFF0 <= ord(ch) <= 0xFFFF)
    return bad / max(len(sample), 1)


def clean_lines(text: str) -> tuple[list[Line], list[Repair]]:
    """Split into non-blank lines, repairing each; return the lines and every repair made."""
    if _control_ratio(text) > 0.05:
        raise ParseError("文件含大量控制字符，看起来是二进制文件而不是文本。", line=1, code="binary")
    lines: list[Line] = []
    repairs: list[Repair] = []
    gap = 0
    # Only line feeds count as lines (as in WPS/Word); a form feed from pdftotext is just a page break.
    for no, raw in enumerate(NEWLINE_RE.split(text), start=1):
        current = raw.replace("\u00a0", " ").replace("\ufeff", "").strip(" \t\u3000\f\v")
        if not current:
            gap += 1
            continue
        if PINYIN_HEADER_RE.match(current):
            repairs.append(Repair("running_header", no, raw, ""))
            gap += 3  # a running header sits at a page break
            continue
        current = _repair(current, no, repairs).strip(" \t\u3000")
        if not current:  # a line of nothing but bold marks or a bullet is a blank line
            gap += 1
            continue
        lines.append(Line(no=no, text=current, gap=gap, raw=raw.strip()))
        gap = 0
    return lines, repairs


def _repair(text: str, no: int, repairs: list[Repair]) -> str:
    steps = (
        ("bullet", lambda t: BULLET_RE.sub("", t)),
        ("bold_mark", lambda t: BOLD_RE.sub("", t)),
        ("space_in_date", lambda t: SPACED_DATE_RE.sub(r"\1年\2月\3日", t)),
        ("space_in_label", lambda t: SPACED_LABEL_RE.sub(lambda m: m.group(1).replace(" ", ""), t)),
        ("space_around_latin", lambda t: SPACED_LATIN_END_RE.sub(r"\1", SPACED_LATIN_RE.sub(r"\1", t))),
        ("punctuation_width", fullwidth_punctuation),
    )
    for kind, step in steps:
        after = step(text)
        if after != text:
            repairs.append(Repair(kind, no, text, after))
            text = after
    return text
