"""Community pages: the register by unit, one community with its four steps, points, publicity and
adjustments, editing, and the register import."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.core.errors import DomainError

from ..cards import issue_card
from ..forms import (
    AdjustmentForm,
    CardForm,
    CommunityForm,
    DashboardForm,
    ImportForm,
    NewCommunityForm,
    PointAdjustForm,
    PointForm,
    PublicityForm,
)
from ..guidance import guidance_list
from ..models import Adjustment, Community, DropPoint
from ..points import adjust_point
from ..progress import PRIORITY_LABELS, work_priority
from ..register import CANONICAL, ImportRefused, import_communities
from ..scope import can_edit, editable_units
from ..units import resolve_unit
from .access import T, staff_page


@staff_page()
def communities(request: HttpRequest) -> HttpResponse:
    form = DashboardForm(request.GET or None)
    unit = form.cleaned_data["unit"] if form.is_valid() else ""
    today = timezone.localdate()
    found = Community.objects.select_related("unit").order_by("unit__name", "name")
    if unit:
        found = found.filter(unit__name=unit)
    rows = [{"c": c, "done": c.is_done(today), "order": PRIORITY_LABELS[work_priority(c)[0]]} for c in found]
    return render(request, T + "communities.html", {"form": form, "rows": rows, "unit": unit})


def _community(pk: int) -> Community:
    return get_object_or_404(Community.objects.select_related("unit"), pk=pk)


def _editable(request: HttpRequest, pk: int) -> Community:
    """The community, when this account may change its unit's communities (scope); else PermissionDenied."""
    community = _community(pk)
    if not can_edit(request.user, community.unit.name):
        raise PermissionDenied(community.unit.name)
    return community


def _detail(request: HttpRequest, community: Community, status: int = 200, **forms) -> HttpResponse:
    today = timezone.localdate()
    context = {"c": community, "done": community.is_done(today), "can_edit": can_edit(request.user, community.unit.name), "points": community.points.all(),
               "publicity": community.publicity.all(), "adjustments": community.adjustments.all(),
               "cards": community.cards.count(), "guidance": guidance_list(today, community_id=community.pk),
               "order": PRIORITY_LABELS[work_priority(community)[0]],
               "publicity_form": forms.get("publicity_form") or PublicityForm(),
               "adjustment_form": forms.get("adjustment_form") or AdjustmentForm(),
               "point_form": forms.get("point_form") or PointForm(),
               "card_form": forms.get("card_form") or CardForm(), "issued": forms.get("issued")}
    return render(request, T + "community.html", context, status=status)


@staff_page()
def community(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _community(pk))


@staff_page("waste.change_community")
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    community = _editable(request, pk)
    form = CommunityForm(request.POST or None, instance=community)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "已保存。")
        return redirect("waste:community", pk=community.pk)
    return render(request, T + "edit.html", {"c": community, "form": form},
                  status=400 if request.method == "POST" else 200)


@require_POST
@staff_page("waste.change_community")
def add_publicity(request: HttpRequest, pk: int) -> HttpResponse:
    community = _editable(request, pk)
    form = PublicityForm(request.POST)
    if not form.is_valid():
        return _detail(request, community, 400, publicity_form=form)
    with transaction.atomic():
        action = form.save(commit=False)
        action.community = community
        action.save()
        if community.publicity_on is None or community.publicity_on < action.on:
            community.publicity_on = action.on  # 三宣传: the latest publicity action dates the step
            community.save(update_fields=["publicity_on", "updated_at"])
    messages.success(request, "已记录宣传。")
    return redirect("waste:community", pk=pk)


@require_POST
@staff_page("waste.change_community")
def add_adjustment(request: HttpRequest, pk: int) -> HttpResponse:
    community = _editable(request, pk)
    form = AdjustmentForm(request.POST)
    if not form.is_valid():
        return _detail(request, community, 400, adjustment_form=form)
    Adjustment.objects.create(community=community, on=form.cleaned_data["on"], what=form.cleaned_data["what"],
                              by=request.user.get_username())
    messages.success(request, "已记录调整。")
    return redirect("waste:community", pk=pk)


@require_POST
@staff_page("waste.change_community")
def add_point(request: HttpRequest, pk: int) -> HttpResponse:
    community = _editable(request, pk)
    form = PointForm(request.POST)
    if not form.is_valid():
        return _detail(request, community, 400, point_form=form)
    point = form.save(commit=False)
    point.community = community
    point.save()
    messages.success(request, f"已添加投放点 {point.code}。")
    return redirect("waste:community", pk=pk)


@staff_page("waste.change_community")
def import_view(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems, error = [], None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = import_communities(data=form.cleaned_data["file"].read(),
                                         allowed=editable_units(request.user))
        except ImportRefused as exc:
            problems = exc.problems
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, f"已导入 {outcome.created + outcome.updated} 个小区（新增 {outcome.created}，"
                                      f"更新 {outcome.updated}）。")
            return redirect("waste:communities")
    status = 400 if problems or error or (request.method == "POST" and not form.is_valid()) else 200
    return render(request, T + "import.html", {"form": form, "problems": problems, "error": error,
                                               "canonical": CANONICAL}, status=status)


@require_POST
@staff_page("waste.change_community")
def add_card(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a points card; its check code is shown on this response only (to print on the card)."""
    community = _editable(request, pk)
    form = CardForm(request.POST)
    if not form.is_valid():
        return _detail(request, community, 400, card_form=form)
    try:
        issued = issue_card(community, form.cleaned_data["number"], form.cleaned_data["household"])
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _detail(request, community, 400, card_form=form)
    return _detail(request, community, issued=issued)


@staff_page("waste.change_community")
def point(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Adjust a point (位置、时间、消杀、停用); the change is recorded as an adjustment of the community."""
    community = _editable(request, pk)
    found = get_object_or_404(DropPoint, community=community, code=code)
    form = PointAdjustForm(request.POST or None, instance=found, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = PointAdjustForm.Meta.fields
        original = DropPoint.objects.get(pk=found.pk)  # the form wrote its values onto `found` already
        try:
            adjust_point(original, {f: data[f] for f in fields}, on=data["on"], by=request.user.get_username(),
                         reason=data["reason"])
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已调整投放点 {found.code}。")
            return redirect("waste:community", pk=pk)
    return render(request, T + "point.html", {"c": community, "point": found, "form": form},
                  status=400 if request.method == "POST" else 200)


@staff_page("waste.change_community")
def new(request: HttpRequest) -> HttpResponse:
    """Register one community by hand (the file import does many)."""
    form = NewCommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit_name, name = form.cleaned_data["unit_name"], "".join(form.cleaned_data["community_name"].split())
        if not can_edit(request.user, unit_name):
            form.add_error("unit_name", f"您只能登记{'、'.join(sorted(editable_units(request.user) or []))}的小区。")
        elif Community.objects.filter(unit__name=unit_name, name=name).exists():
            form.add_error("community_name", f"{unit_name}已有“{name}”。")
        else:
            community = form.save(commit=False)
            community.unit, community.name = resolve_unit(unit_name), name
            community.save()
            messages.success(request, f"已登记 {unit_name} {name}。")
            return redirect("waste:community", pk=community.pk)
    return render(request, T + "new.html", {"form": form}, status=400 if request.method == "POST" else 200)
