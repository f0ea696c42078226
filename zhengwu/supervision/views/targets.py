"""Targets of a programme with cumulative progress; parties record entries; fund projects and their checks."""
from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from zhengwu.core import uploads
from zhengwu.core.errors import DomainError

from .. import funds, progress, rules, workflow
from ..forms import FundForm, ProgressForm
from ..models import Programme, Target
from ..rhythm.sheets import target_light
from ..status import LIGHTS
from .common import T, day_asked, forbidden, staff_page


def _may_record(request: HttpRequest, target: Target) -> bool:
    parties = workflow.parties_of(request.user)
    return request.user.has_perm(workflow.MANAGE) or bool(set(target.party.split("、")) & parties)


@staff_page
def targets(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Programme.objects.select_related("document"), pk=pk)
    office = request.user.has_perm(workflow.MANAGE) or request.user.has_perm(workflow.VIEW)
    parties = workflow.parties_of(request.user)
    if not office and not parties:
        return forbidden(request, "该页面仅督查室和目标责任方可见。")
    on, bad_day = day_asked(request)
    years = sorted(set(found.targets.values_list("year", flat=True)))
    try:
        year = int(request.GET.get("year") or (on.year if on.year in years else (years[0] if years else on.year)))
    except ValueError:
        year = years[0] if years else on.year
    rows = list(found.targets.filter(year=year).order_by("order", "party"))
    if not office:
        rows = [t for t in rows if set(t.party.split("、")) & parties]
    sums = progress.totals(rows, on)
    tolerance = rules.behind_tolerance(on)
    table = []
    for target in rows:
        total = sums.get(target.pk, 0)
        expected = rules.expected_by(target.threshold, target.year, on)
        colour = target_light(total, expected, tolerance)
        table.append({"t": target, "total": total, "expected": expected, "light": colour, "label": LIGHTS[colour],
                      "met": rules.is_met(total, target.threshold), "may_record": _may_record(request, target),
                      "entries": target.entries.filter(on__lte=on).order_by("-on")[:5]})
    return render(request, T + "targets.html", {
        "programme": found, "table": table, "year": year, "years": years, "on": on, "bad_day": bad_day,
        "office": office, "manage": request.user.has_perm(workflow.MANAGE), "funds": funds.fund_checks(found, year),
        "progress_form": ProgressForm(initial={"on": on}), "fund_form": FundForm(initial={"year": year})})


@require_POST
@staff_page
def record(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Programme, pk=pk)
    form = ProgressForm(request.POST, request.FILES)
    target = None
    written: list[str] = []
    try:
        if not form.is_valid():
            raise DomainError("请填写数值和日期（YYYY-MM-DD）。", field="value")
        target = get_object_or_404(Target, pk=form.cleaned_data["target"], programme=found)
        if not _may_record(request, target):
            raise DomainError(f"只有{target.party}的填报账号或督查室可以填报该目标的进展。", field="target",
                              code="forbidden")
        upload = request.FILES.get("file")
        progress.record(target, form.cleaned_data["value"], form.cleaned_data["on"], note=form.cleaned_data["note"],
                        user=request.user, upload=(upload.name, upload.read()) if upload else None, written=written)
        messages.success(request, f"已填报：{target.party} {target.indicator} +{form.cleaned_data['value']}{target.unit}。")
    except DomainError as exc:
        uploads.discard(written)
        messages.error(request, str(exc))
    year = target.year if target else ""
    return redirect(f"{found.get_absolute_url()}targets/?year={year}")


@require_POST
@staff_page
def fund(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Programme, pk=pk)
    form = FundForm(request.POST)
    try:
        if not request.user.has_perm(workflow.MANAGE):
            raise DomainError("只有督查室可以登记帮扶资金项目。", field="fund", code="forbidden")
        if not form.is_valid():
            raise DomainError("请完整填写出资方、年度、项目名称和金额。", field="fund")
        data = form.cleaned_data
        funds.add_project(found, party=data["party"], year=data["year"], name=data["name"], amount=data["amount"],
                          consolidation=data["consolidation"], fixed_asset=data["fixed_asset"])
        messages.success(request, "已登记帮扶资金项目。")
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(f"{found.get_absolute_url()}targets/?year={request.POST.get('year', '')}")
