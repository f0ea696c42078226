"""Dispatch sheet, bulletin and evaluation: met at exactly the threshold, not met one below; ranking;
Excel and DOCX read back."""
import datetime as dt
import io
from decimal import Decimal

import docx
import openpyxl
import pytest

from zhengwu.core.errors import DomainError
from zhengwu.supervision import progress, rules, workflow
from zhengwu.supervision.models import Target
from zhengwu.supervision.rhythm import build_sheet, parse_period
from zhengwu.supervision.rhythm.docx import sheet_docx
from zhengwu.supervision.rhythm.xlsx import sheet_xlsx

from .conftest import PNG, assignment, make_user


def target(plan, code, party, year=2021):
    return Target.objects.get(programme=plan, code=code, party=party, year=year)


def test_evaluation_at_exactly_the_threshold_is_met_and_one_below_is_not(plan):
    jobs_q, jobs_n = target(plan, "jobs_offered", "綦江区"), target(plan, "jobs_offered", "南岸区")
    progress.record(jobs_q, 60, dt.date(2021, 3, 1))
    progress.record(jobs_q, 40, dt.date(2021, 11, 1))  # 100 个: 100个以上 includes 100
    progress.record(jobs_n, 99, dt.date(2021, 12, 31))
    money = target(plan, "investment_in_place", "南岸区、綦江区")
    progress.record(money, "49999999.99", dt.date(2021, 12, 1))
    sheet = build_sheet(plan, parse_period("year", "2021"))
    rows = {(t["party"], t["indicator"]): t for t in sheet["targets"]}
    assert rows[("綦江区", "为石柱县提供就业岗位")]["met"] is True
    assert rows[("綦江区", "为石柱县提供就业岗位")]["total"] == Decimal("100")
    assert rows[("南岸区", "为石柱县提供就业岗位")]["met"] is False
    assert rows[("南岸区", "为石柱县提供就业岗位")]["gap"] == Decimal("1")
    assert rows[("南岸区、綦江区", "协作引资实际到位资金")]["met"] is False
    assert rules.is_met(Decimal("50000000"), money.threshold)


def test_entries_outside_the_year_do_not_count_and_the_dates_are_checked(plan):
    sales = target(plan, "product_sales", "南岸区")
    with pytest.raises(DomainError, match="不在该年度内"):
        progress.record(sales, 1, dt.date(2022, 1, 1))
    with pytest.raises(DomainError, match="不小于0"):
        progress.record(sales, -5, dt.date(2021, 5, 1))
    with pytest.raises(DomainError, match="不是数字"):
        progress.record(sales, "十万", dt.date(2021, 5, 1))


def test_the_quarterly_bulletin_lights_targets_by_pace(plan):
    teachers = target(plan, "teacher_exchange", "綦江区")  # 5 名 a year: 3.75 due by the end of September
    progress.record(teachers, 4, dt.date(2021, 9, 1))
    cadres = target(plan, "cadre_training", "綦江区")  # 25: 18.75 due; 16 is within 20% behind
    progress.record(cadres, 16, dt.date(2021, 9, 30))
    sheet = build_sheet(plan, parse_period("quarter", "2021Q3"))
    rows = {(t["party"], t["indicator"]): t for t in sheet["targets"]}
    assert rows[("綦江区", "与石柱县互派教师或教学管理人员")]["light"] == "green"
    assert rows[("綦江区", "与石柱县互派教师或教学管理人员")]["expected"] == Decimal("3.75")
    assert rows[("綦江区", "培训石柱县干部人才")]["light"] == "yellow"
    assert rows[("南岸区", "培训石柱县干部人才")]["light"] == "red"
    assert [p["party"] for p in sheet["parties"]][0] == "綦江区"  # more targets on pace ranks first


def test_the_monthly_sheet_lists_what_each_party_did_that_month(plan):
    progress.record(target(plan, "jobs_offered", "南岸区"), 30, dt.date(2021, 7, 8), note="招聘会")
    progress.record(target(plan, "jobs_offered", "南岸区"), 30, dt.date(2021, 8, 8), note="八月")
    sheet = build_sheet(plan, parse_period("month", "2021-07"))
    assert [(e["party"], e["value"], e["note"]) for e in sheet["entries"]] == [("南岸区", Decimal("30.00"), "招聘会")]


def test_the_bulletin_ranks_units_by_reports_and_lists_the_overdue(campaign, sfj):
    jw = make_user("jw", unit="区教委")
    for ref in ("1", "2"):
        a = assignment(campaign, ref, "区司法局")
        workflow.run_step(a, "acknowledge", user=sfj, on=dt.date(2021, 7, 1))
        workflow.run_step(a, "report", user=sfj, on=dt.date(2021, 7, 15), note="完成")
    a = assignment(campaign, "2", "区教委")
    workflow.run_step(a, "acknowledge", user=jw, on=dt.date(2021, 7, 1))
    workflow.run_step(a, "report", user=jw, on=dt.date(2021, 7, 25), note="完成", uploads=[("a.png", PNG)])
    sheet = build_sheet(campaign, parse_period("quarter", "2021Q3"))
    units = {u["unit"]: u for u in sheet["units"]}
    assert units["区司法局"]["rank"] == 1 and units["区司法局"]["rate"] == "100.0%"
    assert units["区教委"]["done"] == 1 and units["区教委"]["late"] == 1
    assert units["区委组织部"]["red"] == 1
    assert {o["unit"] for o in sheet["overdue"]} >= {"区委组织部", "区普法办"}
    assert all(o["unit"] != "区司法局" for o in sheet["overdue"])
    # as of the second quarter's end nobody had reported: 区司法局 is not yet done then
    q2 = {u["unit"]: u for u in build_sheet(campaign, parse_period("quarter", "2021Q2"))["units"]}
    assert q2["区司法局"]["done"] == 0 and q2["区司法局"]["green"] == 2


def test_the_bulletin_downloads_as_excel_and_word_in_document_style(campaign, plan):
    progress.record(target(plan, "jobs_offered", "南岸区"), 100, dt.date(2021, 8, 1))
    sheet = build_sheet(plan, parse_period("quarter", "2021Q3"))
    book = openpyxl.load_workbook(io.BytesIO(sheet_xlsx(sheet)))
    cells = [c.value for row in book.active.iter_rows() for c in row if c.value is not None]
    assert "2021年第三季度督查通报" in cells[0]
    assert "为石柱县提供就业岗位" in cells and "绿灯" in cells and "红灯" in cells
    word = docx.Document(io.BytesIO(sheet_docx(sheet)))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "2021年第三季度督查通报"
    assert any("綦江府办发〔2021〕24号" in t for t in texts)
    table_text = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "为石柱县提供就业岗位" in table_text and "进度灯" in table_text
    section = word.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28  # GB/T 9704 page
    campaign_sheet = build_sheet(campaign, parse_period("quarter", "2021Q3"))
    word = docx.Document(io.BytesIO(sheet_docx(campaign_sheet)))
    assert "区司法局" in [c.text for t in word.tables for row in t.rows for c in row.cells]


def test_periods_are_read_and_bad_ones_named():
    assert parse_period("quarter", "2021-q3").label == "2021年第三季度"
    assert parse_period("month", "2021-7").end == dt.date(2021, 7, 31)
    assert parse_period("year", "2024").end == dt.date(2024, 12, 31)
    for kind, text in (("month", "2021-13"), ("quarter", "2021Q5"), ("year", "21")):
        with pytest.raises(DomainError) as caught:
            parse_period(kind, text)
        assert caught.value.field == "period"


def test_expected_by_spreads_a_year_over_full_months():
    assert rules.expected_by(Decimal(12), 2021, dt.date(2021, 1, 30)) == 0
    assert rules.expected_by(Decimal(12), 2021, dt.date(2021, 1, 31)) == 1
    assert rules.expected_by(Decimal(12), 2021, dt.date(2021, 12, 31)) == 12
    assert rules.expected_by(Decimal(12), 2022, dt.date(2021, 12, 31)) == 0
