"""The tables of a sheet as rows of text, shared by the Excel and the DOCX export (and the same columns
the page shows)."""
from __future__ import annotations

from decimal import Decimal


def number(value: Decimal) -> str:
    """12.00 → 12, 12.50 → 12.5: counts and yuan as people write them."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


UNIT_HEAD = ("名次", "承办单位", "承办事项", "已报结", "其中逾期报结", "红灯", "黄灯", "绿灯", "报结率")
OVERDUE_HEAD = ("序号", "事项", "承办单位", "截止日期", "逾期天数")
TARGET_HEAD = ("责任方", "指标", "目标值", "单位", "累计完成", "应完成", "进度灯", "出处")
EVALUATION_HEAD = ("责任方", "指标", "目标值", "单位", "全年完成", "差额", "评估结果", "出处")
PARTY_HEAD = ("名次", "责任方", "目标数", "绿灯", "黄灯", "红灯", "已完成")
ENTRY_HEAD = ("责任方", "指标", "数值", "单位", "日期", "说明")


def unit_rows(sheet: dict) -> list[tuple]:
    return [(u["rank"], u["unit"], u["assigned"], u["done"], u["late"], u["red"], u["yellow"], u["green"], u["rate"])
            for u in sheet["units"]]


def overdue_rows(sheet: dict, limit: int | None = None) -> list[tuple]:
    found = sheet["overdue"] if limit is None else sheet["overdue"][:limit]
    return [(o["ref"], o["title"], o["unit"], o["due"].isoformat(), o["days"]) for o in found]


def target_rows(sheet: dict) -> list[tuple]:
    return [(t["party"], t["indicator"] + ("（力争）" if t["aspirational"] else ""), number(t["threshold"]), t["unit"],
             number(t["total"]), number(t["expected"]), t["light_label"], t["cite"]) for t in sheet["targets"]]


def evaluation_rows(sheet: dict) -> list[tuple]:
    return [(t["party"], t["indicator"] + ("（力争）" if t["aspirational"] else ""), number(t["threshold"]), t["unit"],
             number(t["total"]), number(t["gap"]), "完成" if t["met"] else "未完成", t["cite"])
            for t in sheet["targets"]]


def party_rows(sheet: dict) -> list[tuple]:
    return [(p["rank"], p["party"], p["targets"], p["green"], p["yellow"], p["red"], p.get("met", 0))
            for p in sheet["parties"]]


def entry_rows(sheet: dict) -> list[tuple]:
    return [(e["party"], e["indicator"], number(e["value"]), e["unit"], e["on"].isoformat(),
             e["note"] + ("（示例）" if e["sample"] else "")) for e in sheet.get("entries", [])]


def sections(sheet: dict, overdue_limit: int | None = None) -> list[tuple[str, tuple, list[tuple]]]:
    """(heading, header, rows) of every non-empty table of the sheet, in reading order. A printed
    bulletin lists only the `overdue_limit` longest overdue items (the units' table counts them all)."""
    found = []
    if sheet["units"]:
        found.append(("一、督办事项办理情况（按报结率排名）", UNIT_HEAD, unit_rows(sheet)))
        if sheet["overdue"]:
            total = len(sheet["overdue"])
            shown = total if overdue_limit is None else min(total, overdue_limit)
            heading = "逾期未报结事项（红灯）" + (f"：共 {total} 项，列出逾期最久的 {shown} 项，完整清单见 Excel"
                                                  if shown < total else "")
            found.append((heading, OVERDUE_HEAD, overdue_rows(sheet, overdue_limit)))
    if sheet["targets"]:
        if sheet["kind"] == "year":
            found.append(("二、量化目标年度评估", EVALUATION_HEAD, evaluation_rows(sheet)))
        else:
            found.append(("二、量化目标进度", TARGET_HEAD, target_rows(sheet)))
        found.append(("各责任方排名", PARTY_HEAD, party_rows(sheet)))
    if sheet.get("entries"):
        found.append(("三、本月各方完成情况", ENTRY_HEAD, entry_rows(sheet)))
    if sheet.get("funds"):
        share = [(s["party"], number(s["total"]), number(s["consolidation"]), f"{s['share'] * 100:.2f}%",
                  f"{s['minimum'] * 100:.0f}%", "符合" if s["ok"] else "不符合") for s in sheet["funds"]["share"]]
        if share:
            found.append(("三、帮扶资金使用（巩固拓展脱贫攻坚成果及乡村振兴占比）",
                          ("出资方", "项目资金（元）", "其中巩固衔接（元）", "占比", "要求", "结论"), share))
        size = [(p["party"], p["name"] + ("（示例）" if p["sample"] else ""), number(p["amount"]), number(p["minimum"]),
                 "符合" if p["ok"] else "低于原则要求，需说明") for p in sheet["funds"]["projects"]]
        if size:
            found.append(("固定资产投资项目规模", ("出资方", "项目", "投资（元）", "原则下限（元）", "结论"), size))
    return found
