"""The GB/T 9704-2012 writer (公文格式): builds one official document as Word (DOCX), paragraph by paragraph.

`OfficialWriter` sets up the page (A4, 37/35/28/26 mm margins, the 22 × 28 grid, “— N —” page numbers on
the outer side) and writes the elements in the standard's order (标准 7): 发文机关标志 in red and 发文字号
over the red 分隔线 (`masthead`, `masthead_of`), 标题 (`title`), body paragraphs (`paragraph`, `text`,
`body`), 署名 and 成文日期 without a seal (`signature`), the 版记 (`imprint`); then core properties from
plain text and the file as bytes. Always formatting directly, so Word and WPS agree. The gazette builds its
documents on it (gazette/render/docx.py), as do the notices, sheets and decisions of the programmes.
"""
import datetime as dt
import math
from io import BytesIO
from typing import Protocol

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph

from zhengwu.core.chinese import chinese_date

from . import ooxml as ox
from .layout import (
    BLACK,
    BODY_PT,
    CENTER,
    FANGSONG,
    FOOTER_MM,
    HEITI,
    JUSTIFY,
    LEFT,
    MARGINS_MM,
    MASTHEAD_PT,
    MASTHEAD_TOP_MM,
    PAGE_MM,
    RED,
    RIGHT,
    SMALL_PT,
    SONGTI,
    TITLE_PT,
    XIAOBIAOSONG,
    Grid,
    text_width,
    xml_safe,
)


class Head(Protocol):
    """What a masthead reads: the 发文机关标志 (header) and the 发文字号 (number); a gazette Document is one."""

    header: str
    number: str


class _PlainHead:
    def __init__(self, header: str, number: str) -> None:
        self.header, self.number = header, number


class OfficialWriter:
    """Appends paragraphs to a new A4 Word document laid out per GB/T 9704-2012."""

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

    def masthead(self, head: Head) -> None:
        """发文机关标志 in red, then 发文字号 centred over the red 分隔线 (标准 7.2)."""
        if head.header:
            p = self.paragraph(align=CENTER, snap=False)
            p.paragraph_format.line_spacing = Pt(MASTHEAD_PT * 1.2)
            p.paragraph_format.space_before = Mm(MASTHEAD_TOP_MM)
            # A long name keeps its height and is narrowed to the text width, as printers do.
            width_pt = self.grid.width / 20
            scale = min(100, math.floor(width_pt / (text_width(head.header) * MASTHEAD_PT) * 100))
            self.text(p, head.header, XIAOBIAOSONG, MASTHEAD_PT, color=RED, scale=scale)
            self.blank(2)
        if head.header or head.number:
            p = self.paragraph(align=CENTER)
            self.text(p, head.number or "")
            ox.set_border(p, "bottom", color=str(RED), eighths=12, space_pt=11)  # 4 mm under the number
            self.blank(2)

    def masthead_of(self, issuer: str, number: str = "") -> None:
        """发文机关标志 `issuer` in red, then `number` centred over the red 分隔线 (标准 7.2)."""
        self.masthead(_PlainHead(issuer, number))

    def title(self, title: str, *, new_page: bool = False) -> None:
        """标题 in 二号小标宋, centred, one blank line under it (标准 7.3.1)."""
        p = self.paragraph(align=CENTER, new_page=new_page, keep=True, snap=False)
        ox.set_outline_level(p, 0)
        self.text(p, title, XIAOBIAOSONG, TITLE_PT)
        self.blank()

    def body(self, text: str, *, lead: str = "", lead_font: str = HEITI) -> Paragraph:
        """A body paragraph, first line indented 2 characters; `lead` (e.g. a heading “一、…。”) runs in
        before the text in `lead_font`."""
        paragraph = self.paragraph(first=2)
        self.text(paragraph, lead, lead_font)
        self.text(paragraph, text)
        return paragraph

    def signature(self, signers: list[str], signed_on: dt.date | None) -> None:
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

    def imprint(self, cc: list[str], printed_by: str, printed_on: dt.date | None) -> None:
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

    def set_properties(self, *, title: str, author: str, subject: str = "", keywords: str = "",
                       category: str = "", when: dt.datetime | None = None) -> None:
        """Core properties from plain text; everything the template carried (author “python-docx”, dates)
        is replaced, so the file says nothing the caller did not choose."""
        props = self.docx.core_properties
        props.title = xml_safe(title)
        props.author = xml_safe(author)
        props.subject = xml_safe(subject)
        props.keywords = xml_safe(keywords)
        props.category = xml_safe(category)
        props.comments = ""
        props.language = "zh-CN"
        props.last_modified_by = ""
        props.revision = 1
        if when is not None:
            props.created = props.modified = when

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.docx.save(buffer)
        return buffer.getvalue()


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
