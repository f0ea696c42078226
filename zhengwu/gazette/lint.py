"""The checker (公文检查): GB/T 9704-2012 and consistency rules over a gazette text, before it is printed.

Every finding has a stable code, the source line, the document it belongs to and a Chinese message.
The parser already finds the structural problems (heading numbers, attachments, TOC, duplicate
numbers, number form); the rules here add what needs the printed text itself: dates, stray foreign
words, and malformed cited numbers.

Codes: number_brackets number_ordinal number_leading_zero number_spacing number_width number_malformed
date_format stray_foreign_word cited_number_malformed heading_repeated heading_skipped attachment_missing
attachment_not_listed attachment_title_mismatch toc_item_missing item_not_in_toc toc_order toc_page_order
duplicate_number signature_missing bad_date … (see docs/gazette.md for the whole list).
"""
import re
from dataclasses import dataclass
from pathlib import Path

from zhengwu.core.chinese import CJK
from zhengwu.core.docnumber import NUMBER_RE, number_form_problems

from .parsing import ParseResult, parse_bytes, parse_file
from .parsing.lines import NEWLINE_RE

# Codes the checker reports from the parser's own findings (the rest of its problems are import notes).
PARSER_CODES = {
    "number_brackets", "number_ordinal", "number_leading_zero", "number_spacing", "number_width",
    "heading_repeated", "heading_skipped", "attachment_missing", "attachment_not_listed",
    "attachment_title_mismatch", "toc_item_missing", "item_not_in_toc", "toc_order", "toc_page_order",
    "duplicate_number", "signature_missing", "bad_date", "title_missing", "issue_number_missing", "toc_missing",
    "news_body_missing",
}
# 成文日期 and any date in a document: Arabic numerals, no leading zero, no spaces (GB/T 9704 7.3.5.1).
ANY_DATE_RE = re.compile(r"(\d{4}|[〇一二三四五六七八九零]{4})\s*年\s*([\d〇一二三四五六七八九十]{1,3})\s*月\s*"
                         r"([\d〇一二三四五六七八九十]{1,3})\s*日")
GOOD_DATE_RE = re.compile(r"^\d{4}年[1-9]\d?月[1-9]\d?日$")
# A Latin word of small letters standing between Chinese: 优势 and 石柱县 (e-mail, URLs, xx placeholders aside).
_AROUND = rf"[{CJK}，。、；：“”（）]"
STRAY_WORD_RE = re.compile(rf"(?<={_AROUND})\s*([a-z]{{2,}})\s*(?={_AROUND})")


@dataclass(frozen=True)
class Finding:
    """One thing the checker found (检查结果)."""

    code: str
    line: int
    document: str | None
    message: str
    severity: str = "warning"

    def as_json(self) -> dict:
        return {"code": self.code, "line": self.line, "document": self.document, "message": self.message,
                "severity": self.severity}


def lint_file(path: str | Path) -> list[Finding]:
    """Check a file; raises ParseError (a DomainError) when it is not a gazette at all."""
    path = Path(path)
    result = parse_file(path)
    return lint_result(result, _text_of(path.read_bytes(), result))


def lint_bytes(data: bytes) -> list[Finding]:
    result = parse_bytes(data)
    return lint_result(result, _text_of(data, result))


def _text_of(data: bytes, result: ParseResult) -> str:
    return data.decode("utf-8-sig" if result.encoding == "utf-8" else result.encoding, errors="replace")


def lint_result(result: ParseResult, text: str, *, every_problem: bool = False) -> list[Finding]:
    """All findings, in line order: the parser's structural ones plus the printed-text rules.

    With every_problem, the parser's import notes (unrecognised lines, encoding …) come too: the
    importer keeps them all, each tied to its document."""
    raw_lines = NEWLINE_RE.split(text)
    spans = [(d.line, d.end_line, d.number) for d in result.documents]

    def document_at(line: int) -> str | None:
        for start, end, number in spans:
            if start <= line <= end:
                return number
        return None

    findings = [Finding(p.code, p.line, document_at(p.line), p.message, p.severity)
                for p in result.problems if every_problem or p.code in PARSER_CODES]
    for start, end, number in spans:
        for no in range(start, min(end, len(raw_lines)) + 1):
            line = raw_lines[no - 1]
            findings.extend(Finding(code, no, number, message) for code, message in _line_rules(line))
    findings.sort(key=lambda f: (f.line, f.code))
    return findings


def _line_rules(line: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for m in ANY_DATE_RE.finditer(line):
        if not GOOD_DATE_RE.match(m.group(0)):
            good = _good_date(m)
            hint = f"，应写作“{good}”" if good else ""
            found.append(("date_format", f"日期“{m.group(0)}”不合规范：用阿拉伯数字、月日不编虚位、不加空格{hint}。"))
    for m in STRAY_WORD_RE.finditer(line):
        word = m.group(1)
        if set(word) != {"x"}:  # xx is a fill-in placeholder in model texts (告知书)
            found.append(("stray_foreign_word", f"中文句子中夹有外文单词“{word}”（“{_context(line, m)}”），可能是转换残留，请核对。"))
    for m in NUMBER_RE.finditer(line):
        printed = m.group(0)
        start = m.start()
        if start > 0 and line[start - 1] not in "（(《，、；： “":
            continue  # only numbers cited in brackets or lists; a title line is checked as the document's number
        problems = [msg for code, msg in number_form_problems(printed) if code != "number_malformed"]
        if problems and not line.strip().startswith(printed):
            found.append(("cited_number_malformed", f"引用的文号“{printed}”不规范：{problems[0]}"))
    return found


def _good_date(m: re.Match) -> str | None:
    if all(part.isdigit() for part in m.groups()):
        return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"
    return None


def _context(line: str, m: re.Match) -> str:
    return line[max(0, m.start() - 6): m.end() + 6].strip()
