"""Excel for the streets' assessment (纳入各街镇检查考核, 五（一）1): progress by unit and every community."""
from __future__ import annotations

import datetime as dt
from io import BytesIO

from zhengwu.core.dates import DISTRICT_ZONE

from .progress import progress, registered, share_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROGRESS_HEADER = ["街镇", "小区数", "已完成", "撤桶并点率", "目标日期", "目标比例", "是否达标", "依据"]
COMMUNITY_HEADER = ["街镇", "小区", "管理类型", "楼型", "户数", "楼层桶数", "保洁人数", "物业公司", "引领", "调研",
                    "宣传", "撤桶日期", "交付日期", "已完成", "示例"]


def progress_workbook(on: dt.date, *, samples: bool = True) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "撤桶并点进度"
    sheet.append([f"撤桶并点进度（截至 {on.isoformat()}，綦江府办发〔2021〕23号）" + ("（含示例数据）" if samples else "")])
    sheet["A1"].font = Font(bold=True)
    sheet.append(PROGRESS_HEADER)
    for unit in progress(on, samples=samples):
        for target in unit.targets:
            met = target.met(unit.share, on)
            sheet.append([unit.unit, unit.communities, unit.done, share_text(unit.share) or "—", target.due,
                          float(target.required), {True: "达标", False: "未达标", None: "未到期"}[met], target.cite])
    for row in sheet.iter_rows(min_row=3, min_col=5, max_col=5):
        row[0].number_format = "yyyy-mm-dd"
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["H"].width = 28
    detail = book.create_sheet("小区明细")
    detail.append(COMMUNITY_HEADER)
    for c in registered(samples=samples).select_related("unit").order_by("unit__name", "name"):
        detail.append([c.unit.name, c.name, c.get_management_display(), c.get_building_display(), c.households, c.floor_bins, c.cleaners,
                       c.property_company, c.lead_on, c.survey_on, c.publicity_on, c.removed_on, c.handover_on,
                       "是" if c.is_done(on) else "否", "示例" if c.is_sample else ""])
    for row in detail.iter_rows(min_row=2, min_col=9, max_col=13):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    detail.column_dimensions["B"].width = 20
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GUIDANCE_HEADER = ["街镇", "小区", "住户", "卡号", "分类不准确次数", "最近一次", "上次上门指导", "本次指导日期", "指导人", "情况"]


def guidance_workbook(entries: list, on: dt.date) -> bytes:
    """The guidance-visit list to take door to door: the last three columns are left for the visitor."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "上门指导名单"
    sheet.append([f"上门指导名单（截至 {on.isoformat()}）"])
    sheet.append(GUIDANCE_HEADER)
    for e in entries:
        sheet.append([e.card.community.unit.name, e.card.community.name, e.card.household, e.card.number, e.poor,
                      e.last.astimezone(DISTRICT_ZONE).strftime("%Y-%m-%d %H:%M"), e.last_visit, None, None, None])
    for row in sheet.iter_rows(min_row=3, min_col=7, max_col=7):
        row[0].number_format = "yyyy-mm-dd"
    sheet.column_dimensions["B"].width = 20
    sheet.column_dimensions["C"].width = 18
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
