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
    """The day, the unit and whether samples count. **Decision**: samples count by default only while the
    register holds nothing else (a fresh demo); once real communities exist they are left out unless asked."""
    only_samples = not Community.objects.filter(is_sample=False).exists()
    data = request.GET.copy() if request.GET else None
    if data is not None and not data.get("samples"):  # a link without the choice gets the default
        data["samples"] = "on" if only_samples else "off"
    form = DashboardForm(data, initial={"samples": "on" if only_samples else "off"})
    chosen = {"on": timezone.localdate(), "unit": "", "samples": only_samples}
    if form.is_valid():
        chosen = {"on": form.cleaned_data["on"] or chosen["on"], "unit": form.cleaned_data["unit"],
                  "samples": form.cleaned_data["samples"] == "on"}
    return form, chosen


@staff_page()
def dashboard(request: HttpRequest) -> HttpResponse:
    form, chosen = _chosen(request)
    on, unit, samples = chosen["on"], chosen["unit"], chosen["samples"]
    units = progress(on, samples=samples)
    shown = [u for u in units if u.unit == unit] if unit else units
    risks = board.risks(on, units)
    rows = []
    for u in shown:
        targets = [{"t": t, "met": t.met(u.share, on), "needed": u.needed(t)} for t in u.targets]
        rows.append({"p": u, "share": share_text(u.share), "targets": targets})
    charted = [u for u in shown if u.communities and (unit or u.unit in STREETS)]
    charts = []
    for u in charted:
        points = board.history(u.unit, on, samples=samples)
        charts.append({"unit": u.unit, "svg": share_chart(u.unit, points, u.targets, board.chart_end(on)),
                       "points": [(d, share_text(s)) for d, s in points]})
    at_risk = [{"r": r, "back": board.holding_back(r.progress, r.target)} for r in risks
               if not unit or r.progress.unit == unit]
    bases = list(dict.fromkeys((t.cite, t.text) for u in shown for t in u.targets))
    context = {"form": form, "on": on, "unit": unit, "rows": rows, "bases": bases, "charts": charts, "risks": at_risk,
               "queue": work_queue(unit, on, samples=samples) if unit else None, "samples": samples,
               "samples_left_out": not samples and Community.objects.filter(is_sample=True).exists(),
               "query": request.GET.urlencode(), "keep": f"&samples={'on' if samples else 'off'}"}
    return render(request, T + "dashboard.html", context, status=400 if form.is_bound and not form.is_valid() else 200)


@staff_page()
def export_xlsx(request: HttpRequest) -> HttpResponse:
    _form, chosen = _chosen(request)
    response = HttpResponse(progress_workbook(chosen["on"], samples=chosen["samples"]), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="waste-progress-{chosen["on"].isoformat()}.xlsx"'
    return response
