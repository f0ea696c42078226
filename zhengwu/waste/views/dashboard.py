"""The dashboard (撤桶并点进度): progress table, each unit's chart against its targets, units at risk with the
communities holding them back, and the Excel export for the assessment."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .. import dashboard as board
from ..chart import share_chart
from ..export import XLSX, progress_workbook
from ..forms import DashboardForm
from ..models import Community
from ..progress import progress, share_text, work_queue
from ..units import STREETS
from .access import T, staff_page


def _chosen(request: HttpRequest) -> tuple[DashboardForm, dict]:
    form = DashboardForm(request.GET or None)
    chosen = {"on": timezone.localdate(), "unit": ""}
    if form.is_valid():
        chosen = {"on": form.cleaned_data["on"] or chosen["on"], "unit": form.cleaned_data["unit"]}
    return form, chosen


@staff_page()
def dashboard(request: HttpRequest) -> HttpResponse:
    form, chosen = _chosen(request)
    on, unit = chosen["on"], chosen["unit"]
    units = progress(on)
    shown = [u for u in units if u.unit == unit] if unit else units
    risks = board.risks(on, units)
    rows = []
    for u in shown:
        targets = [{"t": t, "met": t.met(u.share, on), "needed": u.needed(t)} for t in u.targets]
        rows.append({"p": u, "share": share_text(u.share), "targets": targets})
    charted = [u for u in shown if u.communities and (unit or u.unit in STREETS)]
    charts = [{"unit": u.unit, "svg": share_chart(u.unit, board.history(u.unit, on), u.targets, board.chart_end(on)),
               "points": [(d, share_text(s)) for d, s in board.history(u.unit, on)]} for u in charted]
    at_risk = [{"r": r, "back": board.holding_back(r.progress, r.target)} for r in risks
               if not unit or r.progress.unit == unit]
    bases = list(dict.fromkeys((t.cite, t.text) for u in shown for t in u.targets))
    context = {"form": form, "on": on, "unit": unit, "rows": rows, "bases": bases, "charts": charts, "risks": at_risk,
               "queue": work_queue(unit, on) if unit else None,
               "samples": Community.objects.filter(is_sample=True).exists(), "query": request.GET.urlencode()}
    return render(request, T + "dashboard.html", context, status=400 if form.is_bound and not form.is_valid() else 200)


@staff_page()
def export_xlsx(request: HttpRequest) -> HttpResponse:
    _form, chosen = _chosen(request)
    response = HttpResponse(progress_workbook(chosen["on"]), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="waste-progress-{chosen["on"].isoformat()}.xlsx"'
    return response
