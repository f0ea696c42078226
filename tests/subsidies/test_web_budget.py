"""Payments and budget by item and year: the totals, the page, and the Excel and CSV exports read back."""
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhengwu.subsidies import budget
from zhengwu.subsidies.models import Application

from . import web
from .web import LAB_CLAIM, OTHER_CODE, RD_CLAIM, credit_code, start, step, text, walk_to

isolated, bureau = web.isolated, web.bureau

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated")]


@pytest.fixture
def books(bureau):
    """2021: 六 paid 80,000 and approved 60,000 (lowered), 一 pending 600,000; 2022: 六 approved 80,000;
    a rejected and a draft application that count nowhere; a demo sample approved 600,000."""
    paid = walk_to(start().applications[0], "paid", bureau)
    lowered = walk_to(start(code=OTHER_CODE, name="乙公司").applications[0], "approved", bureau, amount="60000",
                      reason="核减")
    pending = step(start([LAB_CLAIM], code=credit_code(3), name="丙公司").applications[0], "submitted")
    later = walk_to(start(code=credit_code(4), name="丁公司", on=dt.date(2022, 3, 1)).applications[0], "approved",
                    bureau)
    rejected = walk_to(start(code=credit_code(5), name="戊公司").applications[0], "under_review", bureau)
    step(rejected, "rejected", bureau.reviewer, reason="不符合条件")
    start(code=credit_code(6), name="己公司")  # a draft
    sample = walk_to(start([LAB_CLAIM], code=credit_code(7), name="示例公司").applications[0], "approved", bureau)
    Application.objects.filter(pk=sample.pk).update(is_sample=True)
    return {"paid": paid, "lowered": lowered, "pending": pending, "later": later}


def test_totals_by_item_and_year(books):
    found = budget.budget()
    rows = {(r.year, r.item): r for r in found.rows}
    assert set(rows) == {(2021, "一"), (2021, "六"), (2022, "六")}
    six = rows[(2021, "六")]
    assert (six.paid.count, six.paid.amount, six.approved.count, six.approved.amount) == (1, Decimal("80000.00"), 1,
                                                                                            Decimal("60000.00"))
    assert six.committed == Decimal("140000.00") and six.title == "支持企业加大研发投入"
    assert (rows[(2021, "一")].pending.count, rows[(2021, "一")].pending.amount) == (1, Decimal("600000.00"))
    assert [(y.year, y.committed, y.pending.amount) for y in found.years] == [
        (2021, Decimal("140000.00"), Decimal("600000.00")), (2022, Decimal("80000.00"), Decimal("0.00"))]
    assert found.total.committed == Decimal("220000.00") and found.total.paid.amount == Decimal("80000.00")
    only_2022 = budget.budget(year=2022)
    assert [(r.year, r.item) for r in only_2022.rows] == [(2022, "六")]
    with_samples = budget.budget(samples=True)
    assert with_samples.total.approved.amount == Decimal("740000.00")


def test_budget_page_shows_the_totals(client, bureau, books):
    client.force_login(bureau.reader)
    response = client.get(reverse("subsidies_staff:budget"))
    assert response.status_code == 200
    page = text(response)
    assert "2021 （六）支持企业加大研发投入 0 0.00 1 60000.00 1 80000.00 140000.00" in page
    assert "总计 1 600000.00 2 140000.00 1 80000.00 220000.00" in page
    assert "示例数据未计入" in page
    assert books["paid"].reference in page and "KJ-2021-001" in page
    bad = client.get(reverse("subsidies_staff:budget"), {"year": "二〇二一"})
    assert bad.status_code == 400 and "年度应为四位数字" in text(bad)


def test_excel_export_reads_back(client, bureau, books):
    client.force_login(bureau.reader)
    response = client.get(reverse("subsidies_staff:budget_xlsx"))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('subsidies-budget-all.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["按条目和年度", "拨付明细"]
    sheet = book["按条目和年度"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("申报年度", "政策条目", "条目名称", "在审件数", "在审测算金额（元）", "已批准未拨付件数",
                       "已批准未拨付金额（元）", "已拨付件数", "已拨付金额（元）", "批准合计（元）")
    six = next(r for r in rows if r[0] == 2021 and r[1] == "六")
    assert six[3:] == (0, 0, 1, 60000, 1, 80000, 140000)
    assert rows[-1][:2] == ("合计", "合计") and rows[-1][-1] == 220000
    assert sheet.cell(row=2, column=10).number_format == "#,##0.00"
    detail = list(book["拨付明细"].iter_rows(values_only=True))
    assert detail[0][:6] == ("申请编号", "申报年度", "政策条目", "申报单位", "统一社会信用代码", "批准金额（元）")
    paid = next(r for r in detail if r[0] == books["paid"].reference)
    assert paid[3] == "重庆綦江示范科技有限公司" and paid[5] == 80000 and paid[7] == dt.datetime(2021, 10, 20)
    assert paid[9] == "已拨付"


def test_csv_export_has_the_same_table(client, bureau, books):
    client.force_login(bureau.reader)
    response = client.get(reverse("subsidies_staff:budget_csv"), {"year": "2021"})
    assert response.content.startswith("\ufeff".encode())  # Excel on Windows needs the BOM
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "申报年度" and ["2021", "六", "支持企业加大研发投入", "0", "0.00", "1", "60000.00", "1",
                                           "80000.00", "140000.00"] in rows
    assert all(r[0] != "2022" for r in rows)


def test_rd_claim_amount_is_the_engines(books):
    assert books["paid"].quoted_amount == Decimal("80000.00") and RD_CLAIM["rd_spend"] == "8000000"
