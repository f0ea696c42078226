"""Excel of a sheet (openpyxl, write-only: a year's bulletin may list tens of thousands of overdue items):
one worksheet, the title, the period, then each table with its header; lights filled in their colour."""
from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from .tables import sections

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILLS = {name: PatternFill("solid", fgColor=colour)
         for name, colour in {"红灯": "F4CCCC", "黄灯": "FFF2CC", "绿灯": "D9EAD3"}.items()}
BOLD = Font(bold=True)
WIDTHS = (8, 28, 12, 10, 12, 10, 10, 10, 30)


def sheet_xlsx(sheet: dict) -> bytes:
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet["name"])
    for column, width in zip("ABCDEFGHI", WIDTHS, strict=True):
        ws.column_dimensions[column].width = width
    ws.append([_bold(ws, sheet["title"] + ("（含示例数据）" if sheet["sample"] else ""))])
    ws.append([f"依据：{sheet['programme']['number']}《{sheet['programme']['title']}》；"
               f"统计期：{sheet['period']['start']} 至 {sheet['period']['end']}"])
    ws.append([sheet["boundary"]])
    for heading, header, rows in sections(sheet):
        ws.append([])
        ws.append([_bold(ws, heading)])
        ws.append([_bold(ws, text) for text in header])
        for row in rows:
            ws.append([_lit(ws, value) if isinstance(value, str) and value in FILLS else value for value in row])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _bold(ws, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = BOLD
    return cell


def _lit(ws, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.fill = FILLS[value]
    return cell
