"""Notices (告知书) as DOCX and PDF: one community's, or all communities of a street or town."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from zhengwu.core.errors import DomainError

from ..models import Community
from ..notice import DOCX_TYPE, attachment, notice_for, notices_docx, notices_pdf, street_notices
from ..units import UNITS
from .access import T, staff_page

KINDS = ("docx", "pdf")


def _send(data: bytes, kind: str, ascii_name: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX_TYPE if kind == "docx" else "application/pdf")
    response["Content-Disposition"] = attachment(f"{ascii_name}.{kind}", f"{name}.{kind}")
    return response


@staff_page()
def community_notice(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404("告知书只有 DOCX 和 PDF 两种格式")
    community = get_object_or_404(Community.objects.select_related("unit"), pk=pk)
    try:
        notices = [notice_for(community)]
        data = notices_docx(notices) if kind == "docx" else notices_pdf(notices)
    except DomainError as exc:
        return render(request, T + "notice_error.html", {"c": community, "message": exc.message}, status=409)
    return _send(data, kind, f"notice-{community.pk}", f"告知书-{community.unit.name}-{community.name}")


@staff_page()
def unit_notices(request: HttpRequest, unit: str, kind: str) -> HttpResponse:
    if unit not in UNITS or kind not in KINDS:
        raise Http404("没有这个街镇")
    try:
        notices, _skipped = street_notices(unit)
        data = notices_docx(notices) if kind == "docx" else notices_pdf(notices)
    except DomainError as exc:
        return render(request, T + "notice_error.html", {"c": None, "message": exc.message}, status=409)
    return _send(data, kind, f"notices-{UNITS.index(unit) + 1}", f"告知书-{unit}")
