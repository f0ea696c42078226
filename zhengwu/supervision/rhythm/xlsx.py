"""Excel of a sheet (openpyxl): one worksheet, the title, the period, then each table with its header."""
from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .tables import sections

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILLS = {"红灯": "F4CCCC", "黄灯": "FFF2CC", "绿灯": "D9EAD3"}


def sheet_xlsx(sheet: dict) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet["name"]
    ws.append([sheet["title"] + ("（含示例数据）" if sheet["sample"] else "")])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"依据：{sheet['programme']['number']}《{sheet['programme']['title']}》；统计期：{sheet['period']['start']} 至 {sheet['period']['end']}"])
    ws.append([sheet["boundary"]])
    for heading, header, rows in sections(sheet):
        ws.append([])
        ws.append([heading])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.append(list(header))
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(list(row))
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value in FILLS:
                    cell.fill = PatternFill("solid", fgColor=FILLS[cell.value])
    for column, width in zip("ABCDEFGHI", (8, 28, 12, 10, 12, 10, 10, 10, 30), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = BytesIO()
    book.save(out)
    return out.getvalue()
