"""Low-level WordprocessingML (OOXML) pieces python-docx has no API for: East Asian fonts, indents in
character units, borders, the document grid, fields, character scaling and the font table.

The GB/T 9704 writer (`writer.py`) and the documents built on it use these; they know nothing of any document.
"""
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# Fonts a machine may lack, and what Word/WPS should look for instead (w:altName in the font table):
# Windows since Vista ships 仿宋/楷体 instead of the GB2312-named fonts of older Windows and WPS.
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}

# Schema order of the children of w:rPr and w:pPr (ECMA-376 17.3.2.28, 17.3.1.26); Word refuses a file
# whose elements are out of order.
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)


def _set(parent: BaseOxmlElement, tag: str, order: tuple[str, ...], **attrs: str) -> BaseOxmlElement:
    """Replace child `tag` with one carrying `attrs`, at its schema position (Word rejects misordered XML)."""
    old = parent.find(qn(tag))
    if old is not None:
        parent.remove(old)
    element = OxmlElement(tag, attrs={qn(f"w:{k}"): v for k, v in attrs.items()})
    parent.insert_element_before(element, *order[order.index(tag) + 1:])
    return element


def set_run_font(run: Run, font: str, size: float, *, bold: bool = False, color: RGBColor | None = None,
                 scale: int = 100) -> None:
    """Set every script's font: Word picks ascii/hAnsi for digits and Latin, eastAsia for Chinese."""
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), font)
    # “ ” — … are shared by both scripts; the hint makes Word use the Chinese font for them too.
    fonts.set(qn("w:hint"), "eastAsia")
    run.font.size = Pt(size)
    if bold:
        run.font.bold = True
    if color is not None:
        run.font.color.rgb = color
    if scale != 100:
        _set(rpr, "w:w", RPR_ORDER, val=str(scale))


def set_style_font(rpr: BaseOxmlElement, font: str, size: float) -> None:
    """The same font settings on a style's or the defaults' run properties."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _set(rpr, "w:rFonts", RPR_ORDER)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)  # a theme font would win over the named one
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), font)
    half_points = str(round(size * 2))
    _set(rpr, "w:sz", RPR_ORDER, val=half_points)
    _set(rpr, "w:szCs", RPR_ORDER, val=half_points)
    _set(rpr, "w:lang", RPR_ORDER, val="en-US", eastAsia="zh-CN", bidi="ar-SA")


def set_indent(paragraph: Paragraph, char_twips: int, *, first: float = 0, left: float = 0,
               right: float = 0, hanging: float = 0, char_units: bool = True) -> None:
    """Indents in characters (字): w:…Chars for Word/WPS, twips as the fallback other programs read.

    Without `char_units` only twips are written: Word measures …Chars in the body's characters, which is
    wrong for text of another size.
    """
    attrs: dict[str, str] = {}
    for name, chars in (("left", left), ("right", right), ("firstLine", first), ("hanging", hanging)):
        if chars:
            attrs[name] = str(round(chars * char_twips))
            if char_units:
                attrs[f"{name}Chars"] = str(round(chars * 100))
    if attrs:
        _set(paragraph._p.get_or_add_pPr(), "w:ind", PPR_ORDER, **attrs)


def set_border(paragraph: Paragraph, side: str, *, color: str, eighths: int, space_pt: int = 1) -> None:
    """A rule under (or over) a paragraph: w:pBdr/w:bottom, width in eighths of a point."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = _set(ppr, "w:pBdr", PPR_ORDER)
    borders.append(OxmlElement(f"w:{side}", attrs={qn("w:val"): "single", qn("w:sz"): str(eighths),
                                                     qn("w:space"): str(space_pt), qn("w:color"): color}))


def set_snap_to_grid(paragraph: Paragraph, snap: bool) -> None:
    """Off for text in other sizes than the body: the character grid would spread it over whole cells."""
    _set(paragraph._p.get_or_add_pPr(), "w:snapToGrid", PPR_ORDER, val="1" if snap else "0")


def set_outline_level(paragraph: Paragraph, level: int) -> None:
    """Shows titles and headings in Word's navigation pane without a heading style's own look."""
    _set(paragraph._p.get_or_add_pPr(), "w:outlineLvl", PPR_ORDER, val=str(level))


def add_right_tab(paragraph: Paragraph, position_twips: int) -> None:
    tabs = _set(paragraph._p.get_or_add_pPr(), "w:tabs", PPR_ORDER)
    tabs.append(OxmlElement("w:tab", attrs={qn("w:val"): "right", qn("w:pos"): str(position_twips)}))


def add_page_field(paragraph: Paragraph) -> list[Run]:
    """A PAGE field (页码) as begin/instruction/separate/result/end runs, so Word and WPS update it."""
    runs = []
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            run._r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind}))
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText", attrs={qn("xml:space"): "preserve"})
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
        runs.append(run)
    return runs


def set_doc_grid(docx: DocxDocument, line_pitch: int, char_space: int) -> None:
    """版心网格: lines and characters per page (w:docGrid type linesAndChars)."""
    sect_pr = docx.sections[0]._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(line_pitch))
    grid.set(qn("w:charSpace"), str(char_space))


def set_chinese_language(docx: DocxDocument) -> None:
    """Chinese, not the template's Japanese, for East Asian text: line breaking and glyph forms follow it."""
    settings = docx.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def add_font_table_entries(docx: DocxDocument) -> None:
    """Name the Chinese fonts in word/fontTable.xml with GB2312 charset and an alternative name."""
    part = next(rel.target_part for rel in docx.part.rels.values() if rel.reltype.endswith("/fontTable"))
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        for name, alt in ALT_NAMES.items())
    xml = part.blob.decode("utf-8")
    # The font table is an opaque part in python-docx; its blob is the only way to change it.
    part._blob = xml.replace("</w:fonts>", f"{entries}</w:fonts>").encode("utf-8")
