"""One unit's task (承办): history with files, the steps the user may take, extensions, reminders."""
from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from zhengwu.core import uploads
from zhengwu.core.errors import DomainError

from .. import status, workflow
from ..forms import DecisionForm, ExtensionForm, StepForm
from ..models import Assignment, Extension, TaskFile
from .common import T, day_asked, forbidden, staff_page


def _may_see(request: HttpRequest, assignment: Assignment) -> bool:
    user = request.user
    return (user.has_perm(workflow.MANAGE) or user.has_perm(workflow.VIEW)
            or (assignment.organization_id is not None and assignment.organization_id in workflow.unit_ids(user)))


def _get(request: HttpRequest, pk: int) -> Assignment:
    return get_object_or_404(Assignment.objects.select_related("task__programme__document", "organization"), pk=pk)


@staff_page
def assignment(request: HttpRequest, pk: int) -> HttpResponse:
    found = _get(request, pk)
    if not _may_see(request, found):
        return forbidden(request, "您只能查看本单位承办的事项。")
    on, bad_day = day_asked(request)
    # one form per step, prefixed by its name: the ids (and so the labels) stay unique on the page
    steps = [(name, workflow.STEPS[name].label, StepForm(prefix=name, initial={"expected_version": found.version}))
             for name in workflow.allowed_steps(found, request.user)]
    unit = found.organization_id in workflow.unit_ids(request.user) if found.organization_id else False
    pending = found.extensions.filter(decision=Extension.Decision.PENDING).first()
    context = {"a": found, "light": status.light_of(found, on), "on": on, "bad_day": bad_day, "steps": steps,
               "events": found.events.select_related("by").prefetch_related("files"),
               "extensions": found.extensions.all(), "pending": pending,
               "can_ask": unit and found.state not in status.DONE and found.due is not None and pending is None,
               "extension_form": ExtensionForm(), "decision_form": DecisionForm(),
               "office": request.user.has_perm(workflow.MANAGE), "reminders": found.reminders.all()[:10]}
    return render(request, T + "assignment.html", context)


@require_POST
@staff_page
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step (POST). The files come with progress and done reports; an error is shown on the page."""
    found = _get(request, pk)
    if not _may_see(request, found):
        return forbidden(request, "您只能办理本单位承办的事项。")
    form = StepForm(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        messages.error(request, "日期应为 YYYY-MM-DD；页面可能已过期，请刷新。")
        return redirect(found)
    data = form.cleaned_data
    uploads = [(f.name, f.read()) for f in request.FILES.getlist(f"{action}-files")] if action in ("progress", "report") else []
    try:
        workflow.run_step(found, action, user=request.user, on=data["on"], note=data["note"], uploads=uploads,
                          expected_version=data["expected_version"])
        messages.success(request, f"已{workflow.STEPS[action].label}：{found.label}。")
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(found)


@require_POST
@staff_page
def extension(request: HttpRequest, pk: int) -> HttpResponse:
    found = _get(request, pk)
    if not _may_see(request, found):
        return forbidden(request, "您只能为本单位承办的事项申请延期。")
    form = ExtensionForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("请填写申请延至的日期（YYYY-MM-DD）和理由。", field="new_due")
        data = form.cleaned_data
        workflow.request_extension(found, data["new_due"], data["reason"], user=request.user, on=data["on"])
        messages.success(request, "已提交延期申请，待督查室批复。")
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(found)


@require_POST
@staff_page
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Extension.objects.select_related("assignment"), pk=pk)
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("请选择批准或不予批准。", field="approve")
        workflow.decide_extension(found, form.cleaned_data["approve"], user=request.user,
                                  note=form.cleaned_data["note"])
        messages.success(request, "已批复延期申请。")
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(found.assignment)


@staff_page
def download(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(TaskFile.objects.select_related("event__assignment"), pk=pk)
    if not _may_see(request, item.event.assignment):
        return forbidden(request, "您无权下载该文件。")
    try:
        data = uploads.read(item.stored_name)
    except FileNotFoundError:
        raise Http404("文件已不在存储中。") from None
    return FileResponse(BytesIO(data), as_attachment=True, filename=item.name, content_type=item.content_type)
