"""A public face of the GB/T 9704-2012 writer in `docx.py`, for documents that are not gazette documents
(e.g. the reports system's notices to a reporter, 告知书).

`OfficialWriter` is docx.py's writer — the same page set-up (A4, 37/35/28/26 mm margins, 22 × 28 grid,
“— N —” page numbers), fonts and elements — plus what a caller without a gazette `Document` needs: a
masthead from plain text, core properties set from plain text, and the file as bytes. docx.py stays the
one place where the layout is defined.
"""
import datetime as dt
from dataclasses import dataclass
from io import BytesIO

from docx.text.paragraph import Paragraph

from .docx import FANGSONG, HEITI, KAITI, XIAOBIAOSONG, _Writer, chinese_date, xml_safe

__all__ = ["FANGSONG", "HEITI", "KAITI", "XIAOBIAOSONG", "OfficialWriter", "chinese_date"]


@dataclass(frozen=True)
class _Head:
    """What docx.py's masthead reads of a gazette Document: its header (发文机关标志) and number (发文字号)."""

    header: str
    number: str


class OfficialWriter(_Writer):
    """Builds one GB/T 9704-2012 document paragraph by paragraph (paragraph, text, blank, title, signature
    are docx.py's)."""

    def masthead_of(self, issuer: str, number: str = "") -> None:
        """发文机关标志 `issuer` in red, then `number` centred over the red 分隔线 (标准 7.2)."""
        self.masthead(_Head(issuer, number))

    def body(self, text: str, *, lead: str = "", lead_font: str = HEITI) -> Paragraph:
        """A body paragraph, first line indented 2 characters; `lead` (e.g. a heading “一、…。”) runs in
        before the text in `lead_font`."""
        paragraph = self.paragraph(first=2)
        self.text(paragraph, lead, lead_font)
        self.text(paragraph, text)
        return paragraph

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
