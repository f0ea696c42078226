"""Gazette text → structure. `parse_bytes`/`parse_text` read one file: an issue or a lone document.

Raises ParseError only for input that is not a gazette at all (empty, binary, no document);
everything else found wrong is a Problem, and those with severity "error" stop an import.
"""
import re
from pathlib import Path

from zhengwu.core.docnumber import parse_number

from .document import is_document_start, parse_document
from .errors import ParseError
from .front import find_masthead, parse_editorial, parse_front, parse_news
from .lines import clean_lines, decode
from .result import Document, Issue, Line, ParseResult, Problem

__all__ = ["ParseError", "ParseResult", "parse_bytes", "parse_file", "parse_text", "read_error", "title_key"]

NEWS_SECTION = "政务要闻"


def parse_file(path: str | Path) -> ParseResult:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"无法读取文件 {path}：{read_error(exc)}", code="unreadable") from None
    return parse_bytes(data)


def read_error(exc: OSError) -> str:
    """An OS error said in Chinese, for people who do not read English."""
    if isinstance(exc, FileNotFoundError):
        return "文件不存在"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    return exc.strerror or str(exc)


def parse_bytes(data: bytes) -> ParseResult:
    text, encoding = decode(data)
    result = parse_text(text)
    result.encoding = encoding
    if encoding != "utf-8":
        result.problems.insert(0, Problem("encoding", 1, f"文件不是 UTF-8，已按 {encoding.upper()} 解码。"))
    return result


def parse_text(text: str) -> ParseResult:
    lines, repairs = clean_lines(text)
    if not lines:
        raise ParseError("文件是空的，没有可导入的内容。", line=1, code="empty")
    problems: list[Problem] = []
    masthead = find_masthead(lines)
    starts = [i for i in range(len(lines)) if is_document_start(lines, i)
              and not (i > 0 and is_document_start(lines, i - 1) and not parse_number(lines[i - 1].text))]
    if masthead is None and not starts:
        raise ParseError("这不是公报也不是公文：没有找到刊头（“…公报”和“××××年第×期”），"
                         "也没有找到发文字号（如“綦江府发〔2021〕10号”）。", line=lines[0].no, code="not_a_gazette")

    issue: Issue | None = None
    news_at = None
    if masthead is not None:
        starts = [s for s in starts if s > masthead]  # a number quoted in the editorial starts nothing
        if starts:
            front_end = starts[0]
            news_at = next((i for i in range(front_end, len(lines)) if lines[i].text == NEWS_SECTION), None)
        else:
            # no documents: the news heading is the one after the TOC's own 政务要闻 line
            hits = [i for i in range(masthead, len(lines)) if lines[i].text == NEWS_SECTION]
            news_at = hits[-1] if len(hits) > 1 else None
            front_end = news_at if news_at is not None else len(lines)
        issue = parse_front(lines[:front_end], masthead, problems)
        if masthead > 0:
            issue.editorial = parse_editorial(lines[:masthead], problems)
    else:
        news_at = next((i for i in range(starts[0], len(lines)) if lines[i].text == NEWS_SECTION), None)
        if starts[0] > 0:
            problems.append(Problem("unrecognised_line", lines[0].no,
                                    f"发文字号前有 {starts[0]} 行无法归属的文字（从“{lines[0].text[:20]}”开始）。"))

    documents: list[Document] = []
    ends = starts[1:] + [news_at if news_at is not None and news_at > starts[-1] else len(lines)] if starts else []
    if masthead is None and not starts:
        raise ParseError("没有找到发文字号。", line=lines[0].no, code="not_a_gazette")
    for start, end in zip(starts, ends, strict=True):
        documents.append(parse_document(lines[start:end], problems, repairs))
    news = parse_news(lines[news_at + 1:], problems) if news_at is not None else []

    _check_duplicates(documents, problems)
    if issue is not None:
        _match_toc(issue, documents, news, problems, lines)
    repairs.sort(key=lambda r: r.line)
    problems.sort(key=lambda p: p.line)
    return ParseResult(issue, documents, news, repairs, problems)


def title_key(title: str) -> str:
    """Titles compared without spaces, △, or differences of punctuation width."""
    return re.sub(r"[\s△]", "", title).replace("(", "（").replace(")", "）").replace(":", "：").replace(",", "，")


def _check_duplicates(documents: list[Document], problems: list[Problem]) -> None:
    seen: dict[str, Document] = {}
    for doc in documents:
        if doc.number is None:
            continue
        if doc.number in seen:
            problems.append(Problem("duplicate_number", doc.line,
                                    f"发文字号 {doc.number} 在第{seen[doc.number].line}行已经用过。", "error"))
        seen[doc.number] = doc


def _match_toc(issue: Issue, documents: list[Document], news: list, problems: list[Problem],
               lines: list[Line]) -> None:
    """Every TOC entry must be an item in the same order, and every item must be in the TOC."""
    items: list = ([issue.editorial] if issue.editorial else []) + documents + news
    by_key: dict[str, list] = {}
    for item in items:
        by_key.setdefault(title_key(item.title), []).append(item)
    matched: list = []
    last_line = lines[-1].no
    for entry in issue.toc:
        candidates = by_key.get(title_key(entry.title))
        if not candidates:
            truncated = "；文件可能被截断或缺页" if len(items) < len(issue.toc) else ""
            problems.append(Problem("toc_item_missing", entry.line,
                                    f"目录列出“{entry.title}”（第{entry.page}页），正文中找不到这一篇{truncated}（正文到第{last_line}行为止）。",
                                    "error"))
            continue
        item = candidates.pop(0)
        item.page, item.section = entry.page, entry.section
        matched.append((entry, item))
    listed = {id(item) for _, item in matched}
    for item in items:
        if id(item) not in listed:
            problems.append(Problem("item_not_in_toc", item.line, f"“{item.title}”在正文中，但目录里没有。", "error"))
    order = [items.index(item) for _, item in matched]
    for (entry, item), position, previous in zip(matched[1:], order[1:], order[:-1], strict=True):
        if position < previous:
            problems.append(Problem("toc_order", entry.line,
                                    f"目录中“{entry.title}”的顺序与正文不一致（正文第{item.line}行）。", "error"))
    pages = [e.page for e in issue.toc]
    for entry, prev in zip(issue.toc[1:], pages[:-1], strict=True):
        if entry.page < prev:
            problems.append(Problem("toc_page_order", entry.line, f"目录页码 {entry.page} 小于上一条的 {prev}。"))
