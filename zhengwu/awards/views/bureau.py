"""The science bureau's pages (/awards/staff/editions/…): editions, one edition with its steps, ranking,
notice, objections, approval and the decision; each step is one POST, a refusal comes back as a message."""
from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from zhengwu.core.errors import DomainError

from .. import decision, editions, excel, notice, ranking, review, roles
from ..models import Candidate, Edition, Expert, Objection
from ..vocab import State, Tier
from .common import T, form_date, show_error, staff_page

bureau_page = staff_page(roles.is_bureau, "您无权办理区长奖评选：需要区科技局的评选办理权限。")


@staff_page(roles.any_role, "您无权使用区长奖评选的办理页面：需要区科技局、学校或评审专家账号。")
def dashboard(request: HttpRequest) -> HttpResponse:
    """Where each role works; a user with one role goes straight there."""
    places = []
    if roles.is_bureau(request.user):
        places.append(("staff_editions", "评选办理（区科技局）"))
    if roles.school_of(request.user) is not None:
        places.append(("staff_school", f"学校申报与推荐（{roles.school_of(request.user)}）"))
    if roles.expert_of(request.user) is not None:
        places.append(("staff_review", "专家评审"))
    if len(places) == 1:
        return redirect("awards:" + places[0][0])
    return render(request, T + "dashboard.html", {"places": places})


@bureau_page
def editions_list(request: HttpRequest) -> HttpResponse:
    return render(request, T + "editions.html", {"editions": Edition.objects.all()})


@bureau_page
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    try:
        number = _int(request.POST.get("number"), "edition_number")
        year = _int(request.POST.get("year"), "year")
        overrides = {k: _int(request.POST.get(k), k) for k in ("winner_quota", "nominee_quota", "school_quota",
                                                                 "notice_days") if request.POST.get(k)}
        found = editions.create_edition(number, year, on=form_date(request), by=request.user, **overrides)
    except DomainError as exc:
        show_error(request, exc)
        return redirect("awards:staff_editions")
    return redirect("awards:staff_edition", found.number)


def _int(value: str | None, field: str) -> int:
    text = (value or "").strip()
    if not text.isdigit():
        raise DomainError(f"“{text}”应为正整数。", field=field)
    return int(text)


@bureau_page
def edition(request: HttpRequest, number: int) -> HttpResponse:
    found = get_object_or_404(Edition, number=number)
    computed = ranking.compute(found) if found.state == State.REVIEWING else None
    candidates = list(found.candidates.select_related("school").prefetch_related("assignments__expert", "files")
                      .order_by("rank", "list_order", "school__name", "pk"))
    context = {
        "edition": found, "candidates": candidates, "computed": computed,
        "listed": [c for c in candidates if c.tier in (Tier.WINNER, Tier.NOMINEE) and not c.removed],
        "objections": Objection.objects.filter(candidate__edition=found).select_related("candidate"),
        "events": found.events.order_by("-pk")[:200], "experts": Expert.objects.filter(active=True),
        "State": State, "by_school": _by_school(candidates),
    }
    return render(request, T + "edition.html", context)


def _by_school(candidates: list[Candidate]) -> list[dict]:
    """Applied and recommended per school, for the recommendation step (quota per school)."""
    rows: dict[str, dict] = {}
    for c in candidates:
        row = rows.setdefault(c.school.name, {"school": c.school.name, "applied": 0, "recommended": 0})
        row["applied"] += 1
        row["recommended"] += int(c.recommended)
    return sorted(rows.values(), key=lambda r: r["school"])


@bureau_page
@require_POST
def step(request: HttpRequest, number: int, action: str) -> HttpResponse:
    """One workflow step of the edition, named by `action`."""
    found = get_object_or_404(Edition, number=number)
    post = request.POST
    try:
        if action == "open":
            editions.advance(found, State.APPLYING, form_date(request), by=request.user)
        elif action == "recommend":
            editions.advance(found, State.RECOMMENDING, form_date(request), by=request.user)
        elif action == "review":
            started = review.start_review(found, form_date(request), by=request.user)
            for short in started.short:
                messages.warning(request, short)
        elif action == "assign":
            candidate = get_object_or_404(Candidate, pk=_pk(post, "candidate"), edition=found)
            expert = get_object_or_404(Expert, pk=_pk(post, "expert"))
            review.assign(candidate, expert, on=form_date(request), by=request.user)
        elif action == "rank":
            order = [int(x) for x in post.getlist("tie_order") if x.isdigit()]
            if post.get("tie_positions"):
                order = _tie_order(post)
            ranking.fix_ranking(found, form_date(request), by=request.user, tie_order=order or None)
        elif action == "notice":
            notice.publish_notice(found, form_date(request, "start"), contact=post.get("contact", ""),
                                  by=request.user)
        elif action == "objection":
            candidate = get_object_or_404(Candidate, pk=_pk(post, "candidate"), edition=found)
            notice.record_objection(candidate, received_on=form_date(request, "received_on"),
                                    text=post.get("text", ""), objector=post.get("objector", ""), by=request.user)
        elif action == "decide":
            objection = get_object_or_404(Objection, pk=_pk(post, "objection"), candidate__edition=found)
            outcome = post.get("outcome")
            if outcome not in ("upheld", "dismissed"):
                raise DomainError("请选择异议是否成立。", field="outcome")
            moves = notice.decide_objection(objection, upheld=outcome == "upheld", on=form_date(request),
                                            reason=post.get("reason", ""), by=request.user)
            for move in moves:
                messages.info(request, move)
        elif action == "approve":
            notice.approve(found, meeting=post.get("meeting", ""), on=form_date(request), by=request.user)
        elif action == "decision":
            decision.issue_decision(found, number=post.get("number", ""), signed_on=form_date(request, "signed_on"),
                                    by=request.user)
        else:
            raise DomainError(f"没有“{action}”这一步。", field="action")
    except DomainError as exc:
        show_error(request, exc)
    return redirect("awards:staff_edition", found.number)


def _pk(post, name: str) -> int:
    """A row id from a form's select; anything else is a clear error, not a server error."""
    value = (post.get(name) or "").strip()
    if not value.isdigit():
        raise DomainError("请选择。", field=name)
    return int(value)


def _tie_order(post) -> list[int]:
    """Tie positions typed by the bureau (tie_<id> = 1, 2, …) → candidate ids in that order."""
    pairs = []
    for key, value in post.items():
        if key.startswith("tie_") and key[4:].isdigit():
            if not value.strip().isdigit():
                raise DomainError("并列者的先后请填1、2、3…", field="tie_order")
            pairs.append((int(value), int(key[4:])))
    if len({p for p, _ in pairs}) != len(pairs):
        raise DomainError("并列者的先后不能相同。", field="tie_order")
    return [pk for _, pk in sorted(pairs)]


@bureau_page
def decision_docx(request: HttpRequest, number: int) -> HttpResponse:
    found = get_object_or_404(Edition, number=number)
    try:
        data = decision.decision_docx(found)
    except DomainError as exc:
        show_error(request, exc)
        return redirect("awards:staff_edition", found.number)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = _attachment(decision.docx_name(found))
    return response


def notice_docx(request: HttpRequest, number: int) -> HttpResponse:
    """The notice as Word — public: it is what is posted (only while in notice or later)."""
    from ..notice_docx import notice_docx as render_notice
    from ..queries import public_editions

    found = get_object_or_404(public_editions(), number=number, notice_start__isnull=False)
    data = render_notice(found)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = _attachment(f"第{found.ordinal}届区长奖拟获奖名单公示.docx")
    return response


@bureau_page
def ranking_xlsx(request: HttpRequest, number: int) -> HttpResponse:
    found = get_object_or_404(Edition, number=number)
    response = HttpResponse(excel.edition_workbook(found),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = _attachment(f"第{found.ordinal}届评选名单.xlsx")
    return response


def _attachment(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"awards.{name.rsplit('.', 1)[-1]}\"; filename*=UTF-8''{quote(name)}"

