"""One official document (公文): header, number, title, addressees, body, signature, and what follows.

Layout per GB/T 9704-2012: 发文机关标志 / 发文字号 / 标题 / 主送机关 / 正文 / 附件说明 / 发文机关署名 /
成文日期 / 附注（此件公开发布）/ 附件 / 抄送机关 / 印发机关和印发日期. A notice that 印发s a 方案/办法/政策
carries that text after its own signature; it is kept as a part of its own.
"""
import re

from zhengwu.core.chinese import CJK, DATE_RE, parse_chinese_date
from zhengwu.core.docnumber import find_numbers, number_form_problems, parse_number

from .body import build_tree, heading_of, join_paragraphs
from .result import Attachment, Citation, Document, Line, Part, Problem, Repair

DATE_ONLY_RE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$")
PRINTED_RE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日)\s*印发$")
PUBLIC_NOTE_RE = re.compile(r"^（(此件(?:不予?)?公开发布|此件依申请公开)）$")
ATTACHMENT_NOTE_RE = re.compile(r"^附件[：:]\s*(.+)$")
ATTACHMENT_ITEM_RE = re.compile(r"^(\d{1,2})[.．、]\s*(.+)$")
ATTACHMENT_HEAD_RE = re.compile(r"^附\s*件\s*(\d{0,2})$")
CC_RE = re.compile(r"^抄\s*送[：:]\s*(.*)$")
OMITTED_RE = re.compile(r"（略）$")
CITATION_RE = re.compile(r"《([^《》]{2,80})》\s*（\s*([^（）]{4,30}?)\s*）")
CITED_TITLE_RE = re.compile(r"《([^《》]{2,80})》")
DOC_TYPES = ("实施方案", "方案", "办法", "政策", "规则", "规定", "细则", "通知", "决定", "意见", "通报", "报告",
             "请示", "批复", "函", "纪要", "公告", "通告", "命令", "议案", "决议", "公报", "令")
# An issuing body's name ends like one: 人民政府, 办公室, 管理局, 委员会, 财政局 … (not 转发市政府…)
ORG_RE = re.compile(r"(政府|办公室|办公厅|局|委员会|委|厅|部|院|办|中心|室|会|社|队|公司|集团|组)$")
SPLIT_LIST_RE = re.compile(r"[，、,]")


def doc_type_of(title: str) -> str:
    """The kind of document (文种) named at the end of its title: 通知, 决定, 方案, …"""
    compact = title.replace(" ", "")
    for name in DOC_TYPES:
        if compact.endswith(name):
            return "方案" if name == "实施方案" else name
    return ""


def split_list(text: str) -> list[str]:
    """'各街道办事处、各镇人民政府，区政府各部门：' → ['各街道办事处', '各镇人民政府', '区政府各部门']."""
    text = text.rstrip("：:。.")
    return [t.strip() for t in SPLIT_LIST_RE.split(text) if t.strip()]


def is_addressee_line(text: str) -> bool:
    return text.endswith("：") and len(text) <= 150 and heading_of(text) is None and not text.startswith("附件")


def is_document_start(lines: list[Line], i: int) -> bool:
    """A document begins at its number line, or at the 发文机关标志 (…文件) just above it."""
    if parse_number(lines[i].text):
        return True
    return lines[i].text.endswith("文件") and i + 1 < len(lines) and parse_number(lines[i + 1].text) is not None


def clean_title(lines: list[Line], repairs: list[Repair]) -> tuple[str, list[str]]:
    """Title without stray spaces, except the one between joint issuers; also the issuers it names."""
    raw = " ".join(line.text for line in lines)
    prefix, sep, rest = raw.partition("关于")
    issuers: list[str] = []
    if sep and prefix.strip() and len(prefix) <= 80 and not prefix.startswith(("转发", "印发", "批转")) \
            and all(ORG_RE.search(t) for t in prefix.split()):
        issuers = prefix.split()
        title = " ".join(issuers) + "关于" + re.sub(r"\s+", "", rest)
    else:
        title = re.sub(r"\s+", "", raw)
    if title != raw:
        repairs.append(Repair("space_in_title", lines[0].no, raw, title))
    return title, issuers


def parse_document(lines: list[Line], problems: list[Problem], repairs: list[Repair]) -> Document:
    """Read one document's lines (from its header to just before the next item)."""
    i = 0
    header = None
    if parse_number(lines[0].text) is None:
        header, i = lines[0].text, 1
    number_line = lines[i]
    number = parse_number(number_line.text)
    printed_number = number_line.raw.lstrip("-•* ").strip()
    if number:
        for code, message in number_form_problems(printed_number):
            problems.append(Problem(code, number_line.no, message))
    i += 1
    if i >= len(lines):
        problems.append(Problem("title_missing", number_line.no, f"发文字号“{printed_number}”之后没有标题。", "error"))
        return _empty(number, printed_number, header, number_line)

    title_lines, addressees, body_start = [lines[i]], [], i + 1
    for j in range(i, min(i + 4, len(lines))):
        if is_addressee_line(lines[j].text):
            title_lines = lines[i:j] or [lines[i]]
            addressees = split_list(lines[j].text)
            body_start = j + 1
            break
    title, issuers = clean_title(title_lines, repairs)

    sig = _find_signature(lines, body_start)
    body_end = sig if sig is not None else len(lines)
    attachments: list[Attachment] = []
    main_body = _body_lines(lines[body_start:body_end], attachments, problems)
    main = Part("main", title, doc_type_of(title), "", title_lines[0].no)
    parts = [main]
    doc = Document(
        number=str(number) if number else None, number_as_printed=printed_number, header=header,
        issuers=issuers, title=title, doc_type=doc_type_of(title), addressees=addressees, signers=[],
        signed_on=None, public=False, public_note=None, cc=[], printed_by=None, printed_on=None,
        line=lines[0].no, end_line=lines[-1].no, parts=parts, attachments=attachments,
    )
    bodies = [(main, main_body)]
    if sig is None:
        problems.append(Problem("signature_missing", lines[-1].no,
                                f"《{title}》没有找到发文机关署名和成文日期（署名一行、日期一行）。"))
    else:
        doc.signers = lines[sig].text.split()
        doc.signed_on = _date(lines[sig + 1], problems)
        if not doc.issuers:
            doc.issuers = list(doc.signers)
        _tail(lines, sig + 2, doc, bodies, problems)
    for part, body_lines in bodies:
        joined = join_paragraphs(body_lines, repairs)
        prefix = "" if part.kind == "main" else f"{part.anchor}-"
        part.body = build_tree(joined, problems, anchor_prefix=prefix)
        doc.citations.extend(c for c in find_citations(joined) if c.number != doc.number)
    for attachment in attachments:
        attachment.paragraphs = [p.text for p in join_paragraphs(attachment.source_lines, repairs)]
    _check_attachments(doc, problems)
    return doc


def _empty(number, printed, header, line: Line) -> Document:
    return Document(str(number) if number else None, printed, header, [], "", "", [], [], None, False, None,
                    [], None, None, line.no, line.no)


def _find_signature(lines: list[Line], start: int) -> int | None:
    for k in range(start, len(lines) - 1):
        if DATE_ONLY_RE.match(lines[k + 1].text) and _looks_like_signer(lines[k].text):
            return k
    return None


def _looks_like_signer(text: str) -> bool:
    return len(text) <= 60 and text[-1] not in "。；：，" and heading_of(text) is None \
        and re.fullmatch(rf"[{CJK}（）() ]+", text) is not None


def _date(line: Line, problems: list[Problem]):
    try:
        return parse_chinese_date(line.text)
    except ValueError as exc:
        problems.append(Problem("bad_date", line.no, f"{exc}。", "error"))
        return None


def _new_attachment_list(note: str, line: Line) -> list[Attachment]:
    m = ATTACHMENT_ITEM_RE.match(note)
    if m:
        return [_attachment(int(m.group(1)), m.group(2), line)]
    return [_attachment(None, note, line)]


def _attachment(number: int | None, title: str, line: Line, listed: bool = True) -> Attachment:
    omitted = bool(OMITTED_RE.search(title))
    return Attachment(number, OMITTED_RE.sub("", title).strip(), omitted, line.no, listed)


def _body_lines(lines: list[Line], attachments: list[Attachment], problems: list[Problem]) -> list[Line]:
    """Body lines with the attachment note (附件：1.… 2.…) taken out into `attachments`."""
    body: list[Line] = []
    in_note = False
    for line in lines:
        m = ATTACHMENT_NOTE_RE.match(line.text)
        if m:
            attachments.extend(_new_attachment_list(m.group(1), line))
            in_note = True
            continue
        item = ATTACHMENT_ITEM_RE.match(line.text) if in_note else None
        if item and attachments and attachments[-1].number is not None \
                and int(item.group(1)) == attachments[-1].number + 1 and not heading_of(line.text[len(item.group(1)) + 1:]):
            attachments.append(_attachment(int(item.group(1)), item.group(2), line))
            continue
        in_note = False
        body.append(line)
    return body


def _tail(lines: list[Line], k: int, doc: Document, bodies: list, problems: list[Problem]) -> None:
    """What follows the signature: public note, transmitted text, attachments, cc, printer."""
    current: list[Line] | None = None  # lines being collected (transmitted text or attachment)
    current_attachment: Attachment | None = None
    while k < len(lines):
        line = lines[k]
        text = line.text
        if PUBLIC_NOTE_RE.match(text):
            doc.public_note = text
            doc.public = text == "（此件公开发布）"  # 依申请公开 and 不予公开 are not public
        elif (m := CC_RE.match(text)):
            cc_text = m.group(1)
            while cc_text and cc_text[-1] in "，、," and k + 1 < len(lines):
                k += 1
                cc_text += lines[k].text
            doc.cc = split_list(cc_text)
            current = None
        elif k + 1 < len(lines) and _looks_like_signer(text) and (pm := PRINTED_RE.match(lines[k + 1].text)):
            doc.printed_by = text
            doc.printed_on = _date(Line(lines[k + 1].no, pm.group(1), 0, ""), problems)
            k += 1
            current = None
        elif PRINTED_RE.match(text):
            doc.printed_on = _date(Line(line.no, PRINTED_RE.match(text).group(1), 0, ""), problems)
        elif (m := ATTACHMENT_HEAD_RE.match(text)):
            _take_notes(bodies, doc, problems)
            number = int(m.group(1)) if m.group(1) else None
            title_line = lines[k + 1] if k + 1 < len(lines) else line
            k += 1
            title = title_line.text
            # a title may run on to a second short line such as （参考）
            if k + 1 < len(lines) and re.fullmatch(r"（[^）]{1,8}）", lines[k + 1].text):
                k += 1
                title += lines[k].text
            current_attachment = _match_attachment(doc, number, title, title_line)
            current_attachment.body_line = line.no
            current_attachment.body_title = re.sub(r"\s+", "", title)
            current = current_attachment.source_lines
        elif current is None and current_attachment is None and len(bodies) == len(doc.parts) \
                and not doc.cc and _looks_like_title(text):
            part = Part("transmitted", text, "", f"t{len(doc.parts)}", line.no)
            part.title = re.sub(r"\s+", "", text)
            part.doc_type = doc_type_of(part.title)
            doc.parts.append(part)
            current = []
            bodies.append((part, current))
        elif current is not None:
            current.append(line)
        else:
            problems.append(Problem("unrecognised_line", line.no, f"不知道这一行属于公文的哪一部分：“{text[:30]}”。"))
        k += 1
    _take_notes(bodies, doc, problems)
    _renumber_unlisted(doc)


def _take_notes(bodies: list, doc: Document, problems: list[Problem]) -> None:
    """A transmitted text carries its own attachment note (附件：…): move it out of its body, once."""
    for index, (part, body) in enumerate(bodies):
        if part.kind == "transmitted" and not getattr(part, "_notes_taken", False):
            body[:] = _body_lines(body, doc.attachments, problems)
            part._notes_taken = True  # type: ignore[attr-defined]
        bodies[index] = (part, body)


def _looks_like_title(text: str) -> bool:
    return 4 <= len(text) <= 80 and text[-1] not in "。；：，" and heading_of(text) is None


def _normal(title: str) -> str:
    return re.sub(r"[\s“”\"]|（参考）", "", title).casefold()


def _match_attachment(doc: Document, number: int | None, title: str, line: Line) -> Attachment:
    for att in doc.attachments:
        same = att.number == number or (number in (None, 1) and att.number is None)
        if same and att.body_line is None:
            return att
    att = _attachment(number, re.sub(r"\s+", "", title), line, listed=False)
    doc.attachments.append(att)
    return att


def _renumber_unlisted(doc: Document) -> None:
    doc.attachments.sort(key=lambda a: (a.number is None, a.number or 0, a.line))


def _check_attachments(doc: Document, problems: list[Problem]) -> None:
    for att in doc.attachments:
        label = f"附件{att.number or ''}"
        if not att.listed:
            problems.append(Problem("attachment_not_listed", att.body_line or att.line,
                                    f"{label}“{att.title}”没有写进附件说明。"))
        elif att.body_line is None and not att.omitted:
            problems.append(Problem("attachment_missing", att.line,
                                    f"附件说明列出{label}“{att.title}”，但正文后面没有这个附件（也没有注明“略”）。"))
    for att in doc.attachments:
        if att.listed and att.body_line is not None:
            body_title = att.body_title
            if body_title and _normal(body_title) != _normal(att.title):
                problems.append(Problem("attachment_title_mismatch", att.body_line,
                                        f"附件{att.number or ''}的标题“{body_title}”与附件说明“{att.title}”不一致。"))


def find_citations(lines: list[Line]) -> list[Citation]:
    """Cited documents: 《title》（number） and 《title》 alone; numbers normalised to 〔〕."""
    found: list[Citation] = []
    for line in lines:
        numbered_spans = []
        for m in CITATION_RE.finditer(line.text):
            numbers = find_numbers(m.group(2))
            if numbers:
                canonical, printed, _, _ = numbers[0]
                found.append(Citation(m.group(1), canonical, printed, line.no))
                numbered_spans.append(m.span(1))
        for m in CITED_TITLE_RE.finditer(line.text):
            # 《办法》 is the text's own abbreviation of itself, not a citation
            if m.span(1) not in numbered_spans and len(m.group(1)) > 4 and not DATE_RE.search(m.group(1)):
                found.append(Citation(m.group(1), None, None, line.no))
    # bare numbers too: 根据綦江府办发〔2019〕24号文件… links like a 《title》（number） citation
    for line in lines:
        for canonical, printed, start, _ in find_numbers(line.text):
            if start > 0 and line.text[start - 1] in "（(" and any(c.number == canonical for c in found):
                continue
            if not any(c.number == canonical for c in found):
                found.append(Citation("", canonical, printed, line.no))
    unique: dict[tuple[str, str | None], Citation] = {}
    for citation in found:
        unique.setdefault((citation.title, citation.number), citation)
    return list(unique.values())
