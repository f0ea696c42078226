"""Excel export of an edition (评选名单): every candidate with school, grade, class, score, rank, award and
status — what the bureau files and sends to the standing meeting."""
from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from .models import Edition

HEADERS = ("排名", "奖项", "姓名", "学校", "年级", "班级", "项目名称", "得分", "学校推荐", "状态", "数据质量提示")


def edition_workbook(edition: Edition) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"第{edition.ordinal}届"
    sheet.append([f"{edition.title}（{edition.get_state_display()}）{'【示例】' if edition.is_sample else ''}"])
    sheet.append(list(HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for c in edition.candidates.select_related("school").order_by("rank", "list_order", "school__name", "pk"):
        status = f"已取消：{c.removed_reason}" if c.removed else ("示例" if c.is_sample else "")
        sheet.append([c.rank, c.get_tier_display() if c.tier else "", c.name, c.school.name, c.grade, c.class_label,
                      c.project, float(c.score) if c.score is not None else None, "是" if c.recommended else "",
                      status, "；".join(c.flags)])
    for column, width in zip("ABCDEFGHIJK", (6, 12, 10, 28, 10, 6, 30, 8, 8, 24, 20), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
