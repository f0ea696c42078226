"""免申即享 pages: upload the firm register, the firms and what each appears to qualify for, one firm's
explanation, and the invitation (drafts + a magic link shown once to the member of staff)."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.core.errors import DomainError

from .. import engine, matching, workflow
from ..forms_staff import RegisterForm
from ..models import RegisterMatch, RegisterUpload
from ..questions import target_of
from .results import answers
from .staff import T, forbidden, staff_page

PAGE_SIZE = 100


def _refused(request: HttpRequest) -> HttpResponse:
    return forbidden(request, "免申即享（导入企业名录、邀请申报）需要“审核科技政策兑现申请”权限。")


def _error_text(exc: DomainError) -> str:
    """The engine names the row (line) and column (field); both go into the message."""
    where = []
    if exc.line:
        where.append(f"第{exc.line}行")
    if exc.field and exc.field not in ("register", "file"):
        where.append(f"“{exc.field}”列")
    prefix = "".join(where)
    return f"{prefix}：{exc.message}" if prefix and not exc.message.startswith(f"第{exc.line}行") else exc.message


@staff_page
def registers(request: HttpRequest) -> HttpResponse:
    """企业名录: the uploads (newest first) and the upload form."""
    if not workflow.can_review(request.user):
        return _refused(request)
    form = RegisterForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["register"]
            try:
                done = matching.import_register(filename=upload.name, data=upload.read(),
                                                on=form.cleaned_data["on"] or timezone.localdate(), user=request.user)
            except DomainError as exc:
                form.add_error("on" if exc.field == "on" else "register", _error_text(exc))
            else:
                return redirect("subsidies_staff:matches", upload=done.pk)
        status = 400
    uploads = RegisterUpload.objects.select_related("uploaded_by")[:50]
    return render(request, T + "registers.html", {"form": form, "uploads": uploads}, status=status)


@staff_page
def matches(request: HttpRequest, upload: int) -> HttpResponse:
    """The firms of one register, with the most money first."""
    if not workflow.can_review(request.user):
        return _refused(request)
    found = get_object_or_404(RegisterUpload, pk=upload)
    rows = found.matches.order_by("-total", "row")
    if request.GET.get("all") != "1":
        rows = rows.filter(total__gt=0) | found.matches.exclude(items="")
    page = Paginator(rows.distinct().order_by("-total", "row"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, T + "matches.html", {"upload": found, "page": page, "all": request.GET.get("all") == "1"})


def _match(upload: int, row: int) -> RegisterMatch:
    return get_object_or_404(RegisterMatch.objects.select_related("upload"), upload_id=upload, row=row)


def _explained(match: RegisterMatch) -> list[dict]:
    rows = []
    for claim, line in matching.lines_of(match):
        t = target_of(claim["item"], claim)
        rows.append({"label": t.label if t else engine.claim_label(claim["item"], claim), "line": line,
                     "answers": answers(claim["item"], claim)})
    return rows


@staff_page
def match(request: HttpRequest, upload: int, row: int) -> HttpResponse:
    """One firm's explanation: each claim derived from its register row, its amount and basis."""
    if not workflow.can_review(request.user):
        return _refused(request)
    return _match_page(request, _match(upload, row))


def _match_page(request: HttpRequest, found: RegisterMatch, *, started=None, error: str = "",
                status: int = 200) -> HttpResponse:
    taken = matching.standing(found)
    context = {"match": found, "rows": _explained(found), "taken": taken.values(), "error": error,
               "started": started, "link": None}
    if started is not None:
        context["link"] = request.build_absolute_uri(reverse("subsidies_public:open", args=[started.secret]))
    return render(request, T + "match.html", context, status=status)


@staff_page
@require_POST
def invite(request: HttpRequest, upload: int, row: int) -> HttpResponse:
    """邀请申报: drafts for the firm and its magic link, shown in this response only."""
    if not workflow.can_review(request.user):
        return _refused(request)
    found = _match(upload, row)
    try:
        started = matching.invite(found, user=request.user)
    except DomainError as exc:
        return _match_page(request, found, error=exc.message, status=400)
    # The link is in this response only (staff_page marks it private: never cached).
    return _match_page(request, found, started=started, status=201)
