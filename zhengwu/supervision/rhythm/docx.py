"""DOCX of a sheet in the gazette's document style: the page, fonts and title of GB/T 9704-2012 from
core.officialdoc (OfficialWriter), with the tables set in 仿宋 for editing in WPS or Word."""
from __future__ import annotations

from zhengwu.core.chinese import chinese_date
from zhengwu.core.officialdoc import CENTER, FANGSONG, HEITI, RIGHT, SMALL_PT, OfficialWriter, xml_safe
from zhengwu.core.officialdoc import ooxml as ox

from .tables import sections

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TABLE_PT = 10.5  # 五号: a table of nine columns does not fit 三号 on the 156 mm text width
OVERDUE_ROWS = 100  # a printed bulletin names the longest overdue; the Excel lists every one


def sheet_docx(sheet: dict) -> bytes:
    writer = OfficialWriter()
    writer.title(sheet["title"])
    p = writer.paragraph(align=CENTER)
    writer.text(p, f"{sheet['programme']['number']}《{sheet['programme']['title']}》")
    if sheet["sample"]:
        p = writer.paragraph(align=CENTER)
        writer.text(p, "（含示例数据，仅供演示）", HEITI)
    p = writer.paragraph(first=2)
    period = sheet["period"]
    writer.text(p, f"依据{sheet['programme']['number']}，现将{period['label']}（{chinese_date(period['start'])}至"
                   f"{chinese_date(period['end'])}）督查督办情况{_verb(sheet['kind'])}如下。")
    p = writer.paragraph(first=2)
    writer.text(p, sheet["boundary"])
    for heading, header, rows in sections(sheet, overdue_limit=OVERDUE_ROWS):
        p = writer.paragraph(first=2, keep=True)
        writer.text(p, heading, HEITI)
        table = writer.docx.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            _cell(cell, str(text), bold=True)
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                _cell(cell, str(value))
    p = writer.paragraph(align=RIGHT, right=4)
    writer.text(p, "督查室")
    writer.set_properties(title=sheet["title"], author="督查室", subject=sheet["programme"]["number"],
                          category="督查通报")
    return writer.to_bytes()


def _verb(kind: str) -> str:
    return {"month": "调度", "quarter": "通报", "year": "评估"}[kind]


def _cell(cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    ox.set_snap_to_grid(paragraph, False)
    ox.set_run_font(paragraph.add_run(xml_safe(text)), FANGSONG, TABLE_PT, bold=bold)


__all__ = ["DOCX_CONTENT_TYPE", "SMALL_PT", "sheet_docx"]
