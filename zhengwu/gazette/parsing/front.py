"""The front of an issue: editorial (卷首语), masthead (刊头/版权页), table of contents (目录); and the news.

The masthead and the TOC are interleaved in the printed layout, so both are read in one pass.
"""
import re

from zhengwu.core.chinese import DATE_RE, parse_chinese_date

from .result import BoardMember, Editorial, Issue, Line, NewsBrief, Problem, TocEntry

GAZETTE_TITLE_RE = re.compile(r"^(\S{2,30}公报)$")
ISSUE_NO_RE = re.compile(r"^(\d{4})年第(\d{1,3})期(?:（总第(\d{1,5})期）)?$")
PUBLISHED_RE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日)出版$")
TOC_TITLE = "目录"
TOC_ENTRY_RE = re.compile(r"^(\d{1,3})\s*(\S.*)$")
SECTION_NAMES = ("卷首语", "政务要闻")
MASTHEAD_LABELS = {
    "主管单位": "supervisor", "主办单位": "sponsor", "编辑出版": "publisher", "地址": "address",
    "邮编": "postcode", "联系电话": "phone", "电话": "phone", "传真": "fax", "内准印字号": "print_permit",
    "准印证号": "print_permit", "电子邮箱": "email",
}
LABEL_RE = re.compile(r"^([^：:]{2,20})[：:]\s*(.+)$")
URL_RE = re.compile(r"<?(https?://[^\s>]+)>?")
BOARD_TITLE = "编辑委员会"
BOARD_ROLES = ("顾问", "主任", "副主任", "主编", "副主编", "责任编辑", "编辑", "委员")
BOARD_ROLE_RE = re.compile(rf"^({'|'.join(sorted(BOARD_ROLES, key=len, reverse=True))})\s+(.+)$")
NAMES_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}(?: +[\u4e00-\u9fff]{2,4})*$")
SOURCE_RE = re.compile(r"^《([^》]+)》\s*（(.+?)）$")
SOURCE_PAGE_RE = re.compile(r"(第\s*\S{1,4}\s*版)")


def is_section_name(text: str) -> bool:
    return text in SECTION_NAMES or (text.endswith("文件") and 4 <= len(text) <= 24)


def find_masthead(lines: list[Line]) -> int | None:
    """Index of the gazette title line (…公报) that an issue line (2021年第6期) follows."""
    for i, line in enumerate(lines[:-1]):
        if GAZETTE_TITLE_RE.match(line.text) and any(ISSUE_NO_RE.match(n.text) for n in lines[i + 1:i + 4]):
            return i
    return None


def parse_front(lines: list[Line], start: int, problems: list[Problem]) -> Issue:
    """Read from the gazette title to the first document: issue number, date, masthead, TOC."""
    title_line = lines[start]
    issue = Issue(gazette=title_line.text, year=0, number=0, cumulative_number=None, published_on=None,
                  line=title_line.no)
    section: str | None = None
    board_role: str | None = None
    in_toc = False
    for line in lines[start + 1:]:
        text = line.text
        if (m := ISSUE_NO_RE.match(text)) and not issue.year:
            issue.year, issue.number = int(m.group(1)), int(m.group(2))
            issue.cumulative_number = int(m.group(3)) if m.group(3) else None
            continue
        if (m := PUBLISHED_RE.match(text)) and issue.published_on is None:
            try:
                issue.published_on = parse_chinese_date(m.group(1))
            except ValueError as exc:
                problems.append(Problem("bad_date", line.no, f"出版日期有误：{exc}", "error"))
            continue
        if text == TOC_TITLE:
            in_toc = True
            continue
        if text == BOARD_TITLE:
            board_role = ""
            continue
        if is_section_name(text):
            section, board_role = text, None
            if text not in issue.sections:
                issue.sections.append(text)
            continue
        if in_toc and (m := TOC_ENTRY_RE.match(text)) and not text[len(m.group(1)):].lstrip().startswith(("：", ":")):
            issue.toc.append(TocEntry(m.group(2).strip(), int(m.group(1)), section, line.no))
            board_role = None
            continue
        if board_role is not None:
            if (m := BOARD_ROLE_RE.match(text)):
                board_role = m.group(1)
                issue.board.extend(BoardMember(board_role, n) for n in m.group(2).split())
                continue
            if board_role and NAMES_RE.match(text):
                issue.board.extend(BoardMember(board_role, n) for n in text.split())
                continue
            board_role = None
        if (m := LABEL_RE.match(text)):
            label, value = m.group(1).strip(), m.group(2).strip()
            if (url := URL_RE.fullmatch(value)):
                issue.masthead["website_name"] = label
                issue.masthead["website"] = url.group(1)
            else:
                issue.masthead[MASTHEAD_LABELS.get(label, label)] = value
            continue
        if re.fullmatch(r"[\u4e00-\u9fff]{4} [\u4e00-\u9fff]{4}", text):
            issue.slogans.append(text)
            continue
        problems.append(Problem("unrecognised_line", line.no, f"刊头或目录中无法识别的一行：“{text[:30]}”。"))
    if not issue.year:
        problems.append(Problem("issue_number_missing", title_line.no,
                                f"“{title_line.text}”下面没有期号（如 2021年第6期（总第112期））。", "error"))
    if not issue.toc:
        problems.append(Problem("toc_missing", title_line.no, "没有找到目录。"))
    return issue


def parse_editorial(lines: list[Line], problems: list[Problem]) -> Editorial | None:
    """The editorial printed before the masthead: title, source line, paragraphs."""
    if not lines:
        return None
    title = lines[0]
    source = source_date = source_page = None
    rest = lines[1:]
    if rest and (m := SOURCE_RE.match(rest[0].text)):
        source = m.group(1)
        if DATE_RE.search(m.group(2)):
            try:
                source_date = parse_chinese_date(m.group(2))
            except ValueError as exc:
                problems.append(Problem("bad_date", rest[0].no, f"卷首语出处日期有误：{exc}"))
        if (pm := SOURCE_PAGE_RE.search(m.group(2))):
            source_page = pm.group(1).replace(" ", "")
        rest = rest[1:]
    return Editorial(title.text, source, source_date, source_page, [line.text for line in rest], title.no)


def parse_news(lines: list[Line], problems: list[Problem]) -> list[NewsBrief]:
    """News briefs: each starts with △ and runs to the next."""
    news: list[NewsBrief] = []
    for line in lines:
        if line.text.startswith("△"):
            news.append(NewsBrief(line.text.lstrip("△ ").strip(), [], line.no))
        elif news:
            news[-1].paragraphs.append(line.text)
        else:
            problems.append(Problem("unrecognised_line", line.no, f"政务要闻中第一条“△标题”之前的文字：“{line.text[:30]}”。"))
    for brief in news:
        if not brief.paragraphs:
            problems.append(Problem("news_body_missing", brief.line, f"要闻“{brief.title}”只有标题没有正文（原文可能缺页）。"))
    return news
