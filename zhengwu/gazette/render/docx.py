"""Word (DOCX) of one document (公文) laid out per GB/T 9704-2012 (党政机关公文格式), for staff to edit
and print in WPS or Word.

Page (标准 5.2): A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, a grid of 22 lines × 28 characters of
三号仿宋. Elements in the standard's order (标准 7): 发文机关标志 in red, 发文字号 over the red 分隔线,
标题, 主送机关, 正文 with its 结构层次 fonts, 附件说明, 署名 and 成文日期 (the layout without a seal, as
the gazette prints none), 附注, then each transmitted text and each 附件 on a page of its own, and the
版记 last. Page numbers “— N —” in the footer, on the outer side.
"""
import math
import re
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph

from zhengwu.core.docnumber import parse_number
from zhengwu.core.errors import DomainError

from .. import queries
from ..models import Attachment, Document, Node, Part
from . import docx_ooxml as ox

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # 天头, 地脚, 订口, 翻口
LINES, CHARS = 22, 28
# Word puts the footer's last line this far above the page edge; the dashes then sit about 7 mm under the
# text area, where 标准 7.5 wants them.
FOOTER_MM = 25
MASTHEAD_TOP_MM = 34  # 标准 7.2.1: masthead 35 mm under the text area's top; the line box adds about 1 mm

FANGSONG, KAITI, HEITI, XIAOBIAOSONG, SONGTI = "仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"
BODY_PT, TITLE_PT, MASTHEAD_PT, SMALL_PT = 16, 22, 36, 14  # 三号, 二号, 小初, 四号
RED, BLACK = RGBColor(0xFF, 0x00, 0x00), "000000"
# 结构层次 (标准 7.3.3): 一、 黑体, （一） 楷体, 1. and （1） 仿宋 — 1. bold, as offices set it.
HEADING_FONTS = {1: (HEITI, False), 2: (KAITI, False), 3: (FANGSONG, True), 4: (FANGSONG, False)}
CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY  # 两端对齐: body lines end flush right, as printed documents do
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Characters XML 1.0 cannot hold; an editor may paste one into the admin, and python-docx would refuse it.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def document_docx(document: Document) -> bytes:
    """The document as a .docx file (GB/T 9704-2012 layout), with title, number and issuer as properties."""
    writer = _Writer()
    detail = queries.document_detail(document)
    writer.masthead(document)
    writer.title(document.title)
    if document.addressees:
        writer.text(writer.paragraph(), "，".join(document.addressees) + "：")
    for entry in detail["parts"]:
        if entry["part"].kind == Part.Kind.MAIN:
            writer.nodes(entry["roots"])
    writer.attachment_note(detail["attachments"])
    writer.signature(document.signers, document.signed_on)
    if document.public_note:
        writer.text(writer.paragraph(first=2), document.public_note)
    for entry in detail["parts"]:
        if entry["part"].kind != Part.Kind.MAIN:
            writer.title(entry["part"].title, new_page=True)
            writer.nodes(entry["roots"])
    for attachment in detail["attachments"]:
        writer.attachment(attachment)
    writer.imprint(document.cc, document.printed_by, document.printed_on)
    _set_properties(writer.docx, document)
    buffer = BytesIO()
    writer.docx.save(buffer)
    return buffer.getvalue()


def write_document_docx(number: str, output: str | None = None) -> tuple[Path, Document]:
    """Write the DOCX of the document numbered `number` (any printed form, published or not, for staff) to
    `output`, by default its file name in the current folder."""
    document = find_for_export(number)
    path = Path(output) if output else Path(docx_filename(document))
    try:
        path.write_bytes(document_docx(document))
    except OSError as exc:
        reason = {FileNotFoundError: "所在文件夹不存在", PermissionError: "没有写入权限",
                  IsADirectoryError: "这是一个文件夹"}.get(type(exc), exc.strerror or str(exc))
        raise DomainError(f"无法写入文件 {path}：{reason}。", field="输出文件", code="write_error") from exc
    return path, document


def find_for_export(text: str) -> Document:
    """The document numbered `text` in any printed form; a DomainError naming the canonical form otherwise."""
    parsed = parse_number(text.strip())
    if parsed is None:
        raise DomainError(f"“{text}”不像发文字号。发文字号的格式是“机关代字〔年份〕序号号”，如 綦江府发〔2021〕10号。",
                          field="文号", code="not_a_number")
    document = queries.find_document(str(parsed))
    if document is None:
        same = list(Document.objects.filter(agency_code=parsed.code, year=parsed.year)
                    .order_by("serial").values_list("number", flat=True)[:10])
        written = f"（“{text.strip()}”的规范写法）" if text.strip() != str(parsed) else ""
        hint = f"同一机关代字和年份的公文有：{'、'.join(same)}。" if same else "请核对机关代字、年份和序号。"
        raise DomainError(f"没有找到文号为“{parsed}”{written}的公文。{hint}", field="文号", code="not_found")
    return document


def docx_filename(document: Document) -> str:
    """綦江府发〔2021〕10号.docx; a document without a number is named by its title."""
    name = document.number or document.title[:50]
    return "".join("_" if c in '\\/:*?"<>|' else c for c in name) + ".docx"


def chinese_date(day: date) -> str:
    """2021年6月27日: Arabic numerals, no leading zeros (标准 7.3.5.1)."""
    return f"{day.year}年{day.month}月{day.day}日"


def xml_safe(text: str) -> str:
    return NOT_XML.sub("", text)


def text_width(text: str) -> float:
    """Width in characters (字): a half-width character is half of one."""
    return sum(0.5 if c.isascii() else 1 for c in text)


@dataclass(frozen=True)
class Grid:
    """版心 and its grid, in twips as Word stores them."""

    width: int
    height: int
    line_pitch: int  # 22 lines fit the height
    char_space: int  # w:charSpace: 4096ths of a point added to the 三号 character so 28 fit the width

    @classmethod
    def of(cls, width: int, height: int) -> "Grid":
        pitch_pt = width / 20 / CHARS
        return cls(width, height, height // LINES, math.floor((pitch_pt - BODY_PT) * 4096))


class _Writer:
    """Appends paragraphs to a new A4 Word document, always formatting them directly (Word and WPS agree)."""

    def __init__(self) -> None:
        self.docx = docx.Document()
        self.grid = _set_up_page(self.docx)

    def paragraph(self, *, align: WD_ALIGN_PARAGRAPH = JUSTIFY, first: float = 0, left: float = 0,
                  right: float = 0, hanging: float = 0, new_page: bool = False, keep: bool = False,
                  snap: bool = True) -> Paragraph:
        """A body paragraph: fixed line spacing at the grid pitch, indents in 三号 characters."""
        paragraph = self.docx.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = align
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Twips(self.grid.line_pitch)
        fmt.space_before = fmt.space_after = Pt(0)
        if new_page:
            fmt.page_break_before = True
        if keep:
            fmt.keep_with_next = True
        ox.set_indent(paragraph, BODY_PT * 20, first=first, left=left, right=right, hanging=hanging)
        if not snap:
            ox.set_snap_to_grid(paragraph, False)
        return paragraph

    def text(self, paragraph: Paragraph, text: str, font: str = FANGSONG, size: float = BODY_PT, *,
             bold: bool = False, color: RGBColor | None = None, scale: int = 100) -> None:
        text = xml_safe(text)
        if not text:
            return
        ox.set_run_font(paragraph.add_run(text), font, size, bold=bold, color=color, scale=scale)

    def blank(self, lines: int = 1) -> None:
        for _ in range(lines):
            self.paragraph()

    def masthead(self, document: Document) -> None:
        """发文机关标志 in red, then 发文字号 centred over the red 分隔线 (标准 7.2)."""
        if document.header:
            p = self.paragraph(align=CENTER, snap=False)
            p.paragraph_format.line_spacing = Pt(MASTHEAD_PT * 1.2)
            p.paragraph_format.space_before = Mm(MASTHEAD_TOP_MM)
            # A long name keeps its height and is narrowed to the text width, as printers do.
            width_pt = self.grid.width / 20
            scale = min(100, math.floor(width_pt / (text_width(document.header) * MASTHEAD_PT) * 100))
            self.text(p, document.header, XIAOBIAOSONG, MASTHEAD_PT, color=RED, scale=scale)
            self.blank(2)
        if document.header or document.number:
            p = self.paragraph(align=CENTER)
            self.text(p, document.number or "")
            ox.set_border(p, "bottom", color=str(RED), eighths=12, space_pt=11)  # 4 mm under the number
            self.blank(2)

    def title(self, title: str, *, new_page: bool = False) -> None:
        """标题 in 二号小标宋, centred, one blank line under it (标准 7.3.1)."""
        p = self.paragraph(align=CENTER, new_page=new_page, keep=True, snap=False)
        ox.set_outline_level(p, 0)
        self.text(p, title, XIAOBIAOSONG, TITLE_PT)
        self.blank()

    def nodes(self, nodes: list[Node]) -> None:
        for node in nodes:
            self.node(node)
            self.nodes(getattr(node, "kids", []))

    def node(self, node: Node) -> None:
        """A paragraph, an article (第N条 in 黑体) or a numbered heading in its level's font."""
        p = self.paragraph(first=2, keep=node.kind == "heading" and bool(node.title) and not node.text)
        if node.kind == "article":
            self.text(p, node.number + "　" + node.title, HEITI)
            self.text(p, node.text)
        elif node.kind == "heading" and node.title:
            font, bold = HEADING_FONTS.get(node.level, (FANGSONG, False))
            ox.set_outline_level(p, min(node.level, 8))
            # A run-in heading printed its title with a full stop, which the parser took off.
            stop = "。" if node.text and node.title[-1] not in "。！？；：" else ""
            self.text(p, node.number + node.title + stop, font, bold=bold)
            self.text(p, node.text)
        else:
            self.text(p, node.number + node.text)  # a numbered item without a title reads as body text

    def attachment_note(self, attachments: list[Attachment]) -> None:
        """附件说明: 附件：1.… under the body, left 2 characters; wrapped names align with the first."""
        listed = [a for a in attachments if a.listed]
        if not listed:
            return
        self.blank()
        for i, attachment in enumerate(listed):
            label = f"{attachment.number}." if attachment.number else ""
            lead = "附件：" if i == 0 else ""
            indent = 2 + 3 + text_width(label)
            p = self.paragraph(left=indent, hanging=text_width(lead + label))
            self.text(p, lead + label + attachment.title + ("（略）" if attachment.omitted else ""))

    def signature(self, signers: list[str], signed_on: date | None) -> None:
        """署名 right, 2 characters in; the date starts 2 characters right of it (标准 7.3.5.2, no seal)."""
        if not signers and not signed_on:
            return
        self.blank()
        dated = chinese_date(signed_on) if signed_on else ""
        longest = max((text_width(s) for s in signers), default=0)
        date_w = text_width(dated)
        # When the date is longer than the signer, the date keeps 2 characters and the signer moves.
        start = 28 - 2 - longest if 2 + date_w <= longest else 28 - 2 - date_w - 2
        for signer in signers:
            self.text(self.paragraph(align=RIGHT, right=28 - start - text_width(signer)), signer)
        if dated:
            self.text(self.paragraph(align=RIGHT, right=28 - (start + 2) - date_w), dated)

    def attachment(self, attachment: Attachment) -> None:
        """附件 on a page of its own: 附件N in 黑体 top left, its title centred on the second line."""
        p = self.paragraph(new_page=True, keep=True)
        self.text(p, f"附件{attachment.number or ''}", HEITI)
        self.title(attachment.title)
        for text in attachment.paragraphs or (["（略）"] if attachment.omitted else []):
            self.text(self.paragraph(first=2), text)

    def imprint(self, cc: list[str], printed_by: str, printed_on: date | None) -> None:
        """版记 (标准 7.4): 抄送 and 印发机关/印发日期 in 四号仿宋 between black rules, thick outside."""
        if not cc and not printed_by:
            return
        self.blank()
        self.rule(8)
        char = SMALL_PT * 20
        if cc:
            p = self.paragraph(align=LEFT, snap=False)
            # 左右各空一字; a wrapped line aligns with the first name after 抄送：.
            ox.set_indent(p, char, left=4, right=1, hanging=3, char_units=False)
            self.text(p, "抄送：" + "，".join(cc) + "。", size=SMALL_PT)
            self.rule(6 if printed_by else 8)
        if printed_by:
            p = self.paragraph(align=LEFT, snap=False)
            ox.add_right_tab(p, self.grid.width - char)  # 印发日期 右空一字
            when = f"\t{chinese_date(printed_on)}印发" if printed_on else ""
            self.text(p, f"　{printed_by}{when}", size=SMALL_PT)
            self.rule(8)

    def rule(self, eighths: int) -> None:
        """A rule as wide as the text area: the bottom border of an empty, one-point paragraph."""
        p = self.paragraph(align=LEFT, snap=False)
        p.paragraph_format.line_spacing = Pt(1)
        ox.set_border(p, "bottom", color=BLACK, eighths=eighths, space_pt=0)


def _set_up_page(document: DocxDocument) -> Grid:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance, section.gutter = Mm(15), Mm(FOOTER_MM), Mm(0)
    grid = Grid.of(section.page_width.twips - section.left_margin.twips - section.right_margin.twips,
                   section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips)
    ox.set_doc_grid(document, grid.line_pitch, grid.char_space)
    # Normal is what staff type into: 三号仿宋 on the grid; its size is also what charSpace adds to.
    normal = document.styles["Normal"]
    ox.set_style_font(normal.element.get_or_add_rPr(), FANGSONG, BODY_PT)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Twips(grid.line_pitch)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.widow_control = False  # full pages of 22 lines, as the standard counts them
    ox.set_style_font(document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))[0],
                      FANGSONG, BODY_PT)
    ox.set_chinese_language(document)
    ox.add_font_table_entries(document)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], RIGHT)  # odd pages: right, 1 character in
    _page_number(section.even_page_footer.paragraphs[0], LEFT)  # even pages: left
    return grid


def _page_number(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    """页码 (标准 7.5): 四号宋体 “— N —”, on the outer side, one character in."""
    paragraph.paragraph_format.alignment = align
    ox.set_snap_to_grid(paragraph, False)
    side = {"right": 1} if align == RIGHT else {"left": 1}
    ox.set_indent(paragraph, SMALL_PT * 20, **side, char_units=False)
    runs = [paragraph.add_run("— "), *ox.add_page_field(paragraph), paragraph.add_run(" —")]
    for run in runs:
        ox.set_run_font(run, SONGTI, SMALL_PT)


def _set_properties(document: DocxDocument, source: Document) -> None:
    props = document.core_properties
    props.title = xml_safe(source.title)
    props.subject = source.number or ""
    props.author = xml_safe("、".join(source.issuers))
    props.keywords = xml_safe(source.doc_type)
    props.category = "公文"
    issue = source.issue
    props.comments = f"录自《{issue.gazette}》{issue.label}" if issue else ""
    props.language = "zh-CN"
    props.last_modified_by = ""
    props.revision = 1
    props.created = props.modified = source.updated_at
