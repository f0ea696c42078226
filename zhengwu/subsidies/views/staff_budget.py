"""Payments and budget by item and year (兑现资金与预算): the page and its CSV and Excel exports."""
from __future__ import annotations

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import budget as budgets
from ..forms_staff import BudgetForm
from .staff import T, staff_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _selection(request: HttpRequest) -> tuple[BudgetForm, dict]:
    form = BudgetForm(request.GET or None)
    chosen = {"year": None, "samples": False}
    if form.is_valid():
        chosen = {"year": form.cleaned_data["year"], "samples": form.cleaned_data["samples"]}
    return form, chosen


def _filename(chosen: dict, ext: str) -> str:
    return f"subsidies-budget-{chosen['year'] or 'all'}.{ext}"


@staff_page
def budget(request: HttpRequest) -> HttpResponse:
    form, chosen = _selection(request)
    found = budgets.budget(**chosen)
    samples_left_out = not chosen["samples"] and budgets.selection(year=chosen["year"], samples=True).filter(
        is_sample=True).exists()
    context = {"form": form, "budget": found, "query": request.GET.urlencode(), "samples_left_out": samples_left_out,
               "payments": budgets.payments(**chosen)}
    return render(request, T + "budget.html", context, status=400 if form.is_bound and not form.is_valid() else 200)


def _text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@staff_page
def budget_csv(request: HttpRequest) -> HttpResponse:
    _form, chosen = _selection(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(budgets.Budget.HEADER)
    writer.writerows([[_text(v) for v in row] for row in budgets.budget(**chosen).table()])
    # UTF-8 with a BOM: Excel on Windows opens Chinese text correctly only then.
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(chosen, "csv")}"'
    return response


@staff_page
def budget_xlsx(request: HttpRequest) -> HttpResponse:
    """Two sheets: 按条目和年度 (the budget table, totals last) and 拨付明细 (one line per approved or paid
    application). Amounts are numbers with two decimals, so they can be summed in Excel."""
    from openpyxl import Workbook

    _form, chosen = _selection(request)
    book = Workbook()
    sheet = book.active
    sheet.title = "按条目和年度"
    sheet.append(budgets.Budget.HEADER)
    for row in budgets.budget(**chosen).table():
        sheet.append(list(row))
    _money_format(sheet, (5, 7, 9, 10))
    sheet.column_dimensions["C"].width = 32
    detail = book.create_sheet("拨付明细")
    detail.append(budgets.PAYMENT_HEADER)
    for row in budgets.payments(**chosen):
        detail.append(list(row))
    _money_format(detail, (6,))
    detail.column_dimensions["D"].width = 36
    detail.column_dimensions["E"].width = 22
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(chosen, "xlsx")}"'
    return response


def _money_format(sheet, columns: tuple[int, ...]) -> None:
    for column in columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "#,##0.00"
