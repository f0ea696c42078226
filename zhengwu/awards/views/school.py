"""A school's page (/awards/staff/school/): apply for its students, upload their files, recommend within
the quota — only for its own students, only in the steps that allow it."""
from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from zhengwu.core.errors import DomainError

from .. import applications, grades, roles
from ..models import Candidate, CandidateFile, Edition
from ..vocab import State
from .common import T, form_date, show_error, staff_page

school_page = staff_page(lambda u: roles.school_of(u) is not None, "您无权使用学校申报页面：需要学校账号。")
OPEN = (State.APPLYING, State.RECOMMENDING)


def current_edition() -> Edition | None:
    return Edition.objects.filter(state__in=OPEN).order_by("-number").first()


@school_page
def school(request: HttpRequest) -> HttpResponse:
    mine = roles.school_of(request.user)
    edition = current_edition()
    candidates = list(edition.candidates.filter(school=mine).prefetch_related("files")) if edition else []
    used = sum(1 for c in candidates if c.recommended)
    return render(request, T + "school.html", {
        "school": mine, "edition": edition, "candidates": candidates, "used": used, "State": State,
        "grades": grades.grades_of(mine.stages)})


@school_page
@require_POST
def apply(request: HttpRequest) -> HttpResponse:
    mine = roles.school_of(request.user)
    edition = current_edition()
    try:
        if edition is None:
            raise DomainError("目前没有正在申报的一届。", field="state")
        post = request.POST
        applications.apply(edition, mine, name=post.get("name", ""), grade=post.get("grade", ""),
                           class_no=post.get("class_no"), project=post.get("project", ""),
                           description=post.get("description", ""), on=form_date(request), by=request.user)
    except DomainError as exc:
        show_error(request, exc)
    return redirect("awards:staff_school")


@school_page
@require_POST
def recommend(request: HttpRequest, pk: int) -> HttpResponse:
    mine = roles.school_of(request.user)
    candidate = get_object_or_404(Candidate, pk=pk)
    try:
        applications.recommend(candidate, school=mine, on=form_date(request), by=request.user,
                               withdraw=request.POST.get("withdraw") == "1")
    except DomainError as exc:
        show_error(request, exc)
    return redirect("awards:staff_school")


@school_page
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    mine = roles.school_of(request.user)
    candidate = get_object_or_404(Candidate, pk=pk, school=mine)
    try:
        upload = request.FILES.get("file")
        if upload is None:
            raise DomainError("请选择文件。", field="file")
        applications.attach_file(candidate, upload)
    except DomainError as exc:
        show_error(request, exc)
    return redirect("awards:staff_school")


def can_read_file(user, stored: CandidateFile) -> bool:
    """The bureau, the student's school, and an expert assigned to the student may open a file."""
    if roles.is_bureau(user):
        return True
    if roles.school_of(user) == stored.candidate.school:
        return True
    expert = roles.expert_of(user)
    return expert is not None and stored.candidate.assignments.filter(expert=expert).exists()


@staff_page(roles.any_role, "您无权查看申报材料。")
def file(request: HttpRequest, pk: int) -> HttpResponse:
    stored = get_object_or_404(CandidateFile.objects.select_related("candidate__school"), pk=pk)
    if not can_read_file(request.user, stored):
        return render(request, T + "forbidden.html", {"message": "您无权查看这份申报材料。"}, status=403)
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name)
