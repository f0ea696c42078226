"""The dispatch sheet, bulletin and evaluation pages, with Excel and DOCX downloads (?format=xlsx|docx)."""
from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from zhengwu.core.errors import DomainError

from ..models import Programme
from ..rhythm import build_sheet, parse_period
from ..rhythm.docx import DOCX_CONTENT_TYPE, sheet_docx
from ..rhythm.xlsx import XLSX_CONTENT_TYPE, sheet_xlsx
from .common import T, office_only, staff_page


@staff_page
def sheet(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if (denied := office_only(request)) is not None:
        return denied
    found = get_object_or_404(Programme.objects.select_related("document"), pk=pk)
    try:
        period = parse_period(kind, request.GET.get("period", ""))
    except DomainError as exc:
        return render(request, T + "sheet.html", {"programme": found, "kind": kind, "error": str(exc),
                                                  "value": request.GET.get("period", "")}, status=400)
    data = build_sheet(found, period)
    fmt = request.GET.get("format", "")
    if fmt in ("xlsx", "docx"):
        body, content_type = (sheet_xlsx(data), XLSX_CONTENT_TYPE) if fmt == "xlsx" else (sheet_docx(data), DOCX_CONTENT_TYPE)
        response = HttpResponse(body, content_type=content_type)
        name = f"{found.number}-{period.key}-{period.sheet_name}.{fmt}"
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response
    return render(request, T + "sheet.html", {"programme": found, "kind": kind, "sheet": data, "value": period.key})
