"""Official documents (公文) as Word files laid out per GB/T 9704-2012, for every system that writes one.

- `layout.py` — the page, its grid (`Grid`), fonts, sizes and alignments; `xml_safe`, `text_width`;
- `writer.py` — `OfficialWriter`: page set-up, masthead, title, body, signature, 版记, properties, bytes;
- `ooxml.py` — the WordprocessingML pieces python-docx has no API for;
- `fonts.py` — the Chinese fonts on this machine (`require_cjk_font`) for a PDF.

The gazette converts its documents with it (gazette/render/docx.py); the programmes write their notices,
sheets and decisions with `OfficialWriter`. Nothing here knows any system's models.
"""
from .layout import (
    BODY_PT,
    CENTER,
    DOCX_CONTENT_TYPE,
    FANGSONG,
    HEITI,
    JUSTIFY,
    KAITI,
    LEFT,
    MASTHEAD_PT,
    RIGHT,
    SMALL_PT,
    SONGTI,
    TITLE_PT,
    XIAOBIAOSONG,
    Grid,
    text_width,
    xml_safe,
)
from .writer import OfficialWriter

__all__ = [
    "BODY_PT", "CENTER", "DOCX_CONTENT_TYPE", "FANGSONG", "HEITI", "JUSTIFY", "KAITI", "LEFT", "MASTHEAD_PT",
    "RIGHT", "SMALL_PT", "SONGTI", "TITLE_PT", "XIAOBIAOSONG", "Grid", "OfficialWriter", "text_width",
    "xml_safe",
]
