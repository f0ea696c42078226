"""The office's pages: the dashboard, a programme with its tasks, a task with its units."""
from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from zhengwu.core.errors import DomainError

from .. import importer, progress, status, units, workflow
from ..extract import split_units
from ..forms import SettingsForm, TargetForm, TaskForm, UnitForm
from ..models import Assignment, Programme, ProgressEntry, Reminder, Task
from ..rhythm.periods import quarter
from .common import T, day_asked, office_only, staff_page

PAGE_SIZE = 50


def light_counts(on, yellow_days: int) -> dict:
    """Count() arguments for red / yellow / open / done over assignments (one SQL query)."""
    open_ = ~Q(state__in=status.DONE)
    end = status.yellow_end(on, yellow_days) if yellow_days > 0 else None
    yellow = open_ & Q(due__gte=on, due__lte=end) if end else Q(pk__in=[])
    return {"total": Count("pk"), "done": Count("pk", filter=Q(state__in=status.DONE)),
            "closed": Count("pk", filter=Q(state="closed")),
            "red": Count("pk", filter=open_ & Q(due__lt=on)), "yellow": Count("pk", filter=yellow)}


def task_counts(on, yellow_days: int) -> dict:
    """The same counts over a task's assignments, for annotating tasks."""
    prefix = "assignments__"
    open_ = ~Q(assignments__state__in=status.DONE) & Q(assignments__is_group=False)
    end = status.yellow_end(on, yellow_days) if yellow_days > 0 else None
    yellow = open_ & Q(assignments__due__gte=on, assignments__due__lte=end) if end else Q(pk__in=[])
    return {"n_total": Count(prefix + "pk", filter=Q(assignments__is_group=False)),
            "n_done": Count(prefix + "pk", filter=Q(assignments__state__in=status.DONE)),
            "n_red": Count(prefix + "pk", filter=open_ & Q(assignments__due__lt=on)),
            "n_yellow": Count(prefix + "pk", filter=yellow),
            "n_groups": Count(prefix + "pk", filter=Q(assignments__is_group=True))}


@staff_page
def dashboard(request: HttpRequest) -> HttpResponse:
    """督查督办: every programme with its red / yellow counts (the office), and a unit's own tasks."""
    on, bad_day = day_asked(request)
    rows = []
    office = request.user.has_perm(workflow.MANAGE) or request.user.has_perm(workflow.VIEW)
    if office:
        for programme in Programme.objects.select_related("document").order_by("pk"):
            days = status.yellow_days_for(programme, on)
            counts = Assignment.objects.filter(task__programme=programme, is_group=False).aggregate(
                **light_counts(on, days))
            rows.append({"programme": programme, "counts": counts, "targets": programme.targets.count(),
                         "sample": programme.tasks.filter(is_sample=True).exists()
                         or ProgressEntry.objects.filter(target__programme=programme, is_sample=True).exists()
                         or programme.fund_projects.filter(is_sample=True).exists()})
    mine = []
    units = workflow.unit_ids(request.user)
    if units:
        found = (Assignment.objects.filter(organization_id__in=units, is_group=False)
                 .select_related("task__programme__document", "organization").order_by("due", "task__order")[:200])
        mine = [(a, status.light_of(a, on)) for a in found]
    reminders = Reminder.objects.filter(assignment__organization_id__in=units).select_related(
        "assignment__task")[:20] if units else []
    parties = workflow.parties_of(request.user)
    with_targets = list(Programme.objects.filter(targets__isnull=False).distinct().order_by("pk")) if parties else []
    return render(request, T + "dashboard.html", {"rows": rows, "mine": mine, "on": on, "bad_day": bad_day,
                                                  "office": office, "reminders": reminders, "parties": parties,
                                                  "with_targets": with_targets})


@staff_page
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    """One programme: its tasks with counts (paginated), links to its targets and sheets, forms to add."""
    if (denied := office_only(request)) is not None:
        return denied
    found = get_object_or_404(Programme.objects.select_related("document"), pk=pk)
    on, bad_day = day_asked(request)
    days = status.yellow_days_for(found, on)
    tasks = found.tasks.annotate(**task_counts(on, days)).order_by("order", "pk")
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    last_quarter = quarter(on.year, (on.month - 1) // 3 + 1)
    context = {"programme": found, "page": page, "on": on, "bad_day": bad_day, "yellow_days": days,
               "manage": request.user.has_perm(workflow.MANAGE),
               "task_form": TaskForm(), "target_form": TargetForm(),
               "settings_form": SettingsForm(initial={"yellow_days": found.yellow_days, "published": found.published}),
               "period": {"month": f"{on.year}-{on.month:02d}", "quarter": last_quarter.key, "year": str(on.year)},
               "n_targets": found.targets.count()}
    return render(request, T + "programme.html", context)


def _manager(request: HttpRequest) -> bool:
    if request.user.has_perm(workflow.MANAGE):
        return True
    messages.error(request, "只有督查室可以修改督办项目。")
    return False


@require_POST
@staff_page
def programme_edit(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """The office's changes to a programme: settings, import again, a task or a target by hand."""
    found = get_object_or_404(Programme, pk=pk)
    if not _manager(request):
        return redirect(found)
    try:
        if what == "settings":
            form = SettingsForm(request.POST)
            if not form.is_valid():
                raise DomainError("黄灯提前天数应为 0–60 的整数。", field="yellow_days")
            found.yellow_days = form.cleaned_data["yellow_days"]
            found.published = form.cleaned_data["published"]
            found.save(update_fields=["yellow_days", "published"])
            messages.success(request, "已保存设置。")
        elif what == "import":
            report = importer.import_document(found.number)
            messages.success(request, f"已重新导入：事项 {report.tasks_created + report.tasks_updated} 项，"
                                      f"目标 {report.targets_created + report.targets_updated} 个；未关联单位 "
                                      f"{len(report.unresolved)} 个。")
        elif what == "task":
            form = TaskForm(request.POST)
            if not form.is_valid():
                raise DomainError("请完整填写序号、事项和责任单位（日期为 YYYY-MM-DD）。", field="task")
            data = form.cleaned_data
            task = progress.create_task(found, ref=data["ref"], title=data["title"], due=data["due"], cite=data["cite"],
                                        lead=list(split_units(data["lead"])),
                                        cooperating=list(split_units(data["cooperating"])))
            messages.success(request, f"已添加事项 {task.ref}. {task.title}。")
            return redirect(task)
        elif what == "target":
            form = TargetForm(request.POST)
            if not form.is_valid():
                raise DomainError("请完整填写目标的指标、责任方、目标值、单位和年度。", field="target")
            data = form.cleaned_data
            progress.create_target(found, indicator=data["indicator"], party=data["party"], threshold=data["threshold"],
                                   unit=data["unit"], year=data["year"], cite=data["cite"], joint=data["joint"])
            messages.success(request, "已添加目标。")
            return redirect("supervision:targets", pk=found.pk)
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(found)


@staff_page
def task(request: HttpRequest, pk: int) -> HttpResponse:
    """One task: its paragraph, its units with state, deadline and light; groups with their expansion."""
    if (denied := office_only(request)) is not None:
        return denied
    found = get_object_or_404(Task.objects.select_related("programme__document"), pk=pk)
    on, bad_day = day_asked(request)
    days = status.yellow_days_for(found.programme, on)
    rows = [(a, status.light_of(a, on, days)) for a in found.assignments.select_related("organization")]
    unlinked = [a.unit_name for a, _light in rows if not a.is_group and a.organization_id is None]
    return render(request, T + "task.html", {"task": found, "rows": rows, "on": on, "bad_day": bad_day,
                                             "unlinked": unlinked,
                                             "manage": request.user.has_perm(workflow.MANAGE), "unit_form": UnitForm()})


@staff_page
def choose_members(request: HttpRequest, pk: int, group: int) -> HttpResponse:
    """Choose which members of a collective phrase get the task (区级有关部门 names 75 units; 有关 means the
    relevant ones): every member listed with a checkbox, those already on the task left out."""
    if (denied := office_only(request)) is not None:
        return denied
    found = get_object_or_404(Task.objects.select_related("programme__document"), pk=pk)
    row = get_object_or_404(Assignment, pk=group, task=found, is_group=True)
    taken = set(found.assignments.exclude(organization=None).values_list("organization_id", flat=True))
    members = [org for org in units.members(row.unit_name, workflow.today()) if org.pk not in taken]
    return render(request, T + "choose.html", {"task": found, "group": row, "members": members})


@require_POST
@staff_page
def task_edit(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    found = get_object_or_404(Task, pk=pk)
    if not _manager(request):
        return redirect(found)
    try:
        if what == "unit":
            form = UnitForm(request.POST)
            if not form.is_valid():
                raise DomainError("请填写单位和角色。", field="unit")
            workflow.add_unit(found, form.cleaned_data["unit"], form.cleaned_data["role"])
            messages.success(request, "已添加承办单位。")
        elif what == "expand":
            group = get_object_or_404(Assignment, pk=request.POST.get("assignment"), task=found)
            chosen = [int(pk) for pk in request.POST.getlist("member") if pk.isdigit()]
            if "member" in request.POST or request.POST.get("choose"):
                if not chosen:
                    raise DomainError("请至少选择一个单位。", field="member")
                made = workflow.expand_group(group, user=request.user, only=chosen)
            else:
                made = workflow.expand_group(group, user=request.user)
            messages.success(request, f"已将“{group.unit_name}”展开为 {len(made)} 个单位。")
        elif what == "link":
            linked = workflow.link_unit(found.programme, request.POST.get("unit_name", ""),
                                        request.POST.get("organization", ""), user=request.user)
            messages.success(request, f"已关联 {linked} 处“{request.POST.get('unit_name', '')}”。")
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(found)
