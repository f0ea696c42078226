"""Statistics for supervisors (统计, no identities, no content) with CSV and Excel exports, and the
office's access log (查阅记录: who looked at what sealed data of which case, when and why)."""
from __future__ import annotations

import csv
import io

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import access, stats
from ..forms_staff import StatsForm
from ..models import AccessLog
from .staff import forbidden, staff_page

STATS_PERM = "reports.view_statistics"


def can_see_statistics(user) -> bool:
    """The office and supervisors. Supervisors: permission reports.view_statistics where it exists (until
    then superusers, who hold every permission)."""
    return access.is_office(user) or (user.is_active and user.has_perm(STATS_PERM))


def _selection(request: HttpRequest) -> tuple[StatsForm, dict]:
    form = StatsForm(request.GET or None)
    chosen = {"year": None, "samples": False}
    if form.is_valid():
        chosen = {"year": form.cleaned_data["year"], "samples": form.cleaned_data["samples"]}
    return form, chosen


def _refused(request: HttpRequest) -> HttpResponse:
    return forbidden(request, "统计仅供区安委会办公室和主管领导查看。")


@staff_page
def statistics(request: HttpRequest) -> HttpResponse:
    if not can_see_statistics(request.user):
        return _refused(request)
    form, chosen = _selection(request)
    found = stats.statistics(**chosen)
    query = request.GET.urlencode()
    return render(request, "reports/staff/stats.html", {"form": form, "stats": found, "query": query},
                  status=400 if form.is_bound and not form.is_valid() else 200)


def _filename(chosen: dict, ext: str) -> str:
    return f"reports-statistics-{chosen['year'] or 'all'}.{ext}"


HEADER = ("类别", "项目", "数值")


@staff_page
def statistics_csv(request: HttpRequest) -> HttpResponse:
    if not can_see_statistics(request.user):
        return _refused(request)
    _form, chosen = _selection(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(stats.statistics(**chosen).rows())
    # UTF-8 with a BOM: Excel on Windows opens Chinese text correctly only then.
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(chosen, "csv")}"'
    return response


@staff_page
def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    if not can_see_statistics(request.user):
        return _refused(request)
    _form, chosen = _selection(request)
    book = Workbook()
    sheet = book.active
    sheet.title = "举报统计"
    sheet.append(HEADER)
    for section, item, value in stats.statistics(**chosen).rows():
        sheet.append([section, item, _number(value)])
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{_filename(chosen, "xlsx")}"'
    return response


def _number(value: str):
    """Numbers as numbers in Excel (so they can be summed); anything else as text."""
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


@staff_page
def access_log(request: HttpRequest) -> HttpResponse:
    """查阅记录 for the office: every look at sealed data, newest first; filter by case or account."""
    if not access.is_office(request.user):
        return forbidden(request, "查阅记录仅供区安委会办公室查看。")
    reference = request.GET.get("reference", "").strip().upper()
    username = request.GET.get("user", "").strip()
    rows = AccessLog.objects.select_related("user", "report").order_by("-at", "-pk")
    if reference:
        rows = rows.filter(report__reference=reference)
    if username:
        rows = rows.filter(user__username=username)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "reports/staff/access_log.html",
                  {"page": page, "reference": reference, "username": username, "query": query.urlencode()})
