"""An expert's page (/awards/staff/review/): only the candidates assigned to them, a score form each."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from zhengwu.core.errors import DomainError

from .. import review, roles, rules
from ..models import Assignment
from ..vocab import State
from .common import T, form_date, show_error, staff_page, today

expert_page = staff_page(lambda u: roles.expert_of(u) is not None, "您无权使用评审页面：需要评审专家账号。")


@expert_page
def assignments(request: HttpRequest) -> HttpResponse:
    expert = roles.expert_of(request.user)
    mine = list(Assignment.objects.filter(expert=expert, candidate__edition__state=State.REVIEWING)
                .select_related("candidate__school", "candidate__edition").prefetch_related("scores", "candidate__files")
                .order_by("candidate__edition", "candidate__pk"))
    for assignment in mine:
        assignment.values = {s.criterion: s.value for s in assignment.scores.all()}
        assignment.total_shown = f"{assignment.total.normalize():f}" if assignment.total is not None else ""
    day = mine[0].candidate.edition.review_on if mine else today()
    return render(request, T + "review.html", {
        "expert": expert, "assignments": mine, "criteria": rules.criteria(day),
        "max_score": rules.whole("review.max_score", day)})


@expert_page
@require_POST
def score(request: HttpRequest, pk: int) -> HttpResponse:
    expert = roles.expert_of(request.user)
    assignment = get_object_or_404(Assignment, pk=pk, expert=expert)  # another expert's assignment is a 404
    values = {code: request.POST.get(code, "") for code in rules.CRITERIA}
    try:
        review.submit_scores(assignment, values, expert=expert, on=form_date(request), by=request.user)
    except DomainError as exc:
        show_error(request, exc)
    return redirect("awards:staff_review")
