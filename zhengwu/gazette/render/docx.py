"""Word (DOCX) of one document (公文) laid out per GB/T 9704-2012 (党政机关公文格式), for staff to edit
and print in WPS or Word.

Page (标准 5.2): A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, a grid of 22 lines × 28 characters of
三号仿宋. Elements in the standard's order (标准 7): 发文机关标志 in red, 发文字号 over the red 分隔线,
标题, 主送机关, 正文 with its 结构层次 fonts, 附件说明, 署名 and 成文日期 (the layout without a seal, as
the gazette prints none), 附注, then each transmitted text and each 附件 on a page of its own, and the
版记 last. Page numbers “— N —” in the footer, on the outer side.

The page, fonts and elements every official document shares are core.officialdoc's (`OfficialWriter`);
this module converts a gazette `Document` — its parts, headings and attachments — onto it.
"""
from io import BytesIO
from pathlib import Path

from docx.document import Document as DocxDocument

from zhengwu.core.docnumber import parse_number
from zhengwu.core.errors import DomainError
from zhengwu.core.officialdoc import FANGSONG, HEITI, OfficialWriter, text_width, xml_safe
from zhengwu.core.officialdoc import ooxml as ox
from zhengwu.core.officialdoc.layout import HEADING_FONTS

from .. import queries
from ..models import Attachment, Document, Node, Part


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


class _Writer(OfficialWriter):
    """core.officialdoc's GB/T 9704 writer plus what a gazette document holds: its tree of parts and
    headings (`nodes`), its 附件说明 and its 附件 each on a page of its own."""

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

    def attachment(self, attachment: Attachment) -> None:
        """附件 on a page of its own: 附件N in 黑体 top left, its title centred on the second line."""
        p = self.paragraph(new_page=True, keep=True)
        self.text(p, f"附件{attachment.number or ''}", HEITI)
        self.title(attachment.title)
        for text in attachment.paragraphs or (["（略）"] if attachment.omitted else []):
            self.text(self.paragraph(first=2), text)


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
