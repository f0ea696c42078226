"""Inspectors' and guidance pages: record an inspection traced to a household (溯源), the guidance-visit
list (上门指导名单) per community, and recording a visit."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.core.dates import parse_date
from zhengwu.core.errors import DomainError

from ..export import XLSX, guidance_workbook
from ..forms import InspectionForm, VisitForm
from ..guidance import guidance_list, record_inspection, record_visit, threshold
from ..models import Card, Community, Inspection
from .access import T, staff_page


@staff_page("waste.add_inspection")
def inspection(request: HttpRequest) -> HttpResponse:
    form = InspectionForm(request.POST or None, initial={"point": request.GET.get("point", "")})
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_inspection(data["point"], data["at"], request.user.get_username(), data["quality"],
                              card_number=data["card"], note=data["note"])
        except DomainError as exc:
            error = exc
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已记录巡检。")
            return redirect("waste:inspection")
    recent = Inspection.objects.select_related("point__community", "card").order_by("-at")[:20]
    return render(request, T + "inspection.html", {"form": form, "recent": recent},
                  status=400 if request.method == "POST" and (error or not form.is_valid()) else 200)


def _guidance(request: HttpRequest) -> tuple[dt.date, Community | None, list]:
    try:
        on = parse_date(request.GET["on"], field="on") if request.GET.get("on") else timezone.localdate()
    except DomainError:
        on = timezone.localdate()
    community = request.GET.get("community") or None
    chosen = Community.objects.filter(pk=community).first() if community and community.isdigit() else None
    return on, chosen, guidance_list(on, community_id=chosen.pk if chosen else None)


@staff_page()
def guidance(request: HttpRequest) -> HttpResponse:
    on, chosen, entries = _guidance(request)
    return render(request, T + "guidance.html", {"entries": entries, "rule": threshold(on), "on": on,
                                                 "community": chosen, "visit_form": VisitForm(initial={"on": on}),
                                                 "query": request.GET.urlencode()})


@staff_page()
def guidance_xlsx(request: HttpRequest) -> HttpResponse:
    on, chosen, entries = _guidance(request)
    response = HttpResponse(guidance_workbook(entries, on), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="waste-guidance-{on.isoformat()}.xlsx"'
    return response


@require_POST
@staff_page("waste.add_guidancevisit")
def visit(request: HttpRequest) -> HttpResponse:
    form = VisitForm(request.POST)
    card = Card.objects.filter(number=request.POST.get("card", "")).first()
    if not form.is_valid() or card is None:
        messages.error(request, "请填写指导日期和指导人。" if card else "没有这张积分卡。")
        return redirect("waste:guidance")
    record_visit(card, form.cleaned_data["on"], form.cleaned_data["visitor"], form.cleaned_data["note"])
    messages.success(request, f"已记录对 {card.household} 的上门指导。")
    return redirect("waste:guidance")
