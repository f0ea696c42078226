"""Public pages (/subsidy/): the self-check, starting applications, and the firm's own pages behind its
magic link. No page needs JavaScript: each step is a plain form.

- `/subsidy/` 政策自查: GET without items → choose items; GET with items → only those items' questions;
  POST → what each item would pay and why (basis lines with citations), ineligible items with the reason,
  and the form to apply. Nothing is stored.
- `/subsidy/apply/` (POST) starts the applications and shows the magic link once.
- `/subsidy/k/<key>/` opens the link: the key's id goes into the session, then on to `/subsidy/my/`.
- `/subsidy/my/…` the firm's applications: edit a draft, attach files, submit, follow the status.
Pages with a firm's data are never cached (private_page).
"""
from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengwu.core.errors import DomainError
from zhengwu.core.private_pages import private_page

from .. import applicants, applications, engine, evidence, workflow
from ..forms_public import (
    ApplyForm,
    ChooseForm,
    DraftForm,
    VersionForm,
    error_field,
    error_list,
    pack,
    unpack,
)
from ..models import ApplicantKey, Application
from ..questions import ClaimForm, target, target_of
from ..vocab import State
from .results import answers, explain, firm_events

T = "subsidies/public/"
DOC = engine.DOC


# ---- self-check -----------------------------------------------------------------------------------------

def _chosen(form: ChooseForm) -> list:
    return [t for t in (target(i) for i in form.cleaned_data["items"]) if t is not None]


def _claim_forms(chosen: list, data=None) -> list[ClaimForm]:
    return [ClaimForm(t, data) for t in chosen]


def _map_error(exc: DomainError, forms_: list[ClaimForm]) -> bool:
    """Put an engine error on the form of the claim it names ("claims[1].rd_spend"); False if none fits."""
    field = exc.field or ""
    index = 0
    if field.startswith("claims["):
        head, _, rest = field.partition("]")
        index = int(head[7:]) if head[7:].isdigit() else 0
        field = rest.lstrip(".")
    if 0 <= index < len(forms_):
        forms_[index].attach(field, exc.message)
        return True
    return False


@private_page  # the answers are a firm's figures (revenue, R&D spend): kept out of caches
@require_http_methods(["GET", "POST"])
def self_check(request: HttpRequest) -> HttpResponse:
    """政策自查."""
    if request.method == "GET":
        # Bound once the first page was sent (it always sends kind): ticking no item is then an error.
        choose = ChooseForm(request.GET if ("kind" in request.GET or "items" in request.GET) else None)
        if not choose.is_bound:
            return _choose(request, choose)
        if not choose.is_valid():
            return _choose(request, choose, status=400)
        return _questions(request, choose, _claim_forms(_chosen(choose)))
    choose = ChooseForm(request.POST)
    if not choose.is_valid():
        return _choose(request, choose, status=400)
    forms_ = _claim_forms(_chosen(choose), request.POST)
    if not all(f.is_valid() for f in forms_):
        return _questions(request, choose, forms_, status=400)
    claims = [f.claim() for f in forms_]
    kind, on = choose.cleaned_data["kind"], choose.cleaned_data["on"]
    try:
        total, lines = engine.quote_all({"name": "自查", "kind": kind}, on, claims)
    except DomainError as exc:
        if not _map_error(exc, forms_):
            forms_[0].add_error(None, exc.message)
        return _questions(request, choose, forms_, status=400)
    answers = pack(kind, on, {f.target.id: c for f, c in zip(forms_, claims, strict=True)})
    return _results(request, [f.target for f in forms_], lines, total, kind, on, answers)


def _choose(request, choose: ChooseForm, *, status: int = 200) -> HttpResponse:
    return render(request, T + "choose.html", {"choose": choose, "catalogue": engine.items(), "doc": DOC,
                                               "errors": error_list(choose)}, status=status)


def _questions(request, choose: ChooseForm, forms_: list[ClaimForm], *, status: int = 200) -> HttpResponse:
    return render(request, T + "questions.html", {"choose": choose, "forms": forms_, "doc": DOC,
                                                  "on": choose.cleaned_data["on"], "errors": error_list(*forms_)},
                  status=status)


def _results(request, chosen: list, lines: list, total, kind: str, on, answers: str, *,
             form: ApplyForm | None = None, status: int = 200) -> HttpResponse:
    rows = explain(chosen, lines)
    eligible = [(r.target.id, r.target.label) for r in rows if r.can_apply]
    form = form or ApplyForm(initial={"answers": answers}, eligible=eligible)
    context = {"rows": rows, "total": total, "kind": kind, "on": on, "form": form, "eligible": eligible, "doc": DOC,
               "errors": error_list(form)}
    return render(request, T + "results.html", context, status=status)


@private_page
@require_POST
def apply(request: HttpRequest) -> HttpResponse:
    """申报: make the drafts and show the magic link once (in this response only)."""
    answers = request.POST.get("answers", "")
    try:
        data = unpack(answers)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("subsidies_public:check")
    chosen = [t for t in (target(i) for i in data["claims"]) if t is not None]
    claims = [data["claims"][t.id] for t in chosen]
    try:
        total, lines = engine.quote_all({"name": "自查", "kind": data["kind"]}, data["on"], claims)
    except DomainError:
        messages.error(request, "自查结果已不能测算（政策参数可能已调整），请重新自查。")
        return redirect("subsidies_public:check")
    rows = explain(chosen, lines)
    eligible = [(r.target.id, r.target.label) for r in rows if r.can_apply]
    form = ApplyForm(request.POST, eligible=eligible)
    if form.is_valid():
        d = form.cleaned_data
        picked = [data["claims"][i] for i in d["apply_for"]]
        try:
            started = applications.start(name=d["name"], credit_code=d["credit_code"], kind=data["kind"],
                                         contact_name=d["contact_name"], contact_phone=d["contact_phone"],
                                         on=data["on"], claims=picked)
        except DomainError as exc:
            form.add_error(error_field(exc, form) or ("apply_for" if exc.field in ("items", "item") else None),
                           exc.message)
        else:
            request.session[applicants.SESSION_KEY] = started.key.pk
            link = request.build_absolute_uri(reverse("subsidies_public:open", args=[started.secret]))
            # Rendered in the POST's own response: the key is in no address, cookie or log.
            return render(request, T + "started.html", {"started": started, "link": link, "doc": DOC}, status=201)
    return _results(request, chosen, lines, total, data["kind"], data["on"], answers, form=form, status=400)


# ---- the firm's own pages ----------------------------------------------------------------------------------

def _key(request: HttpRequest) -> ApplicantKey | None:
    pk = request.session.get(applicants.SESSION_KEY)
    if not pk:
        return None
    return ApplicantKey.objects.select_related("firm").filter(pk=pk, active=True).first()


def _mine(request: HttpRequest, reference: str) -> Application:
    """The application if this session's link made it; 404 otherwise (no hint that it exists)."""
    key = _key(request)
    if key is None:
        raise Http404("没有这份申请")
    return get_object_or_404(Application.objects.select_related("firm"), reference=reference, key=key)


@private_page
@require_GET
def open_link(request: HttpRequest, key: str) -> HttpResponse:
    try:
        row = applicants.open_key(key)
    except DomainError as exc:
        return render(request, T + "bad_link.html", {"message": exc.message}, status=404)
    request.session.cycle_key()
    request.session[applicants.SESSION_KEY] = row.pk
    return redirect("subsidies_public:mine")


@private_page
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """我的申报: the applications of this session's link."""
    key = _key(request)
    if key is None:
        return render(request, T + "no_link.html", {"doc": DOC}, status=200)
    found = key.applications.order_by("-pk")
    return render(request, T + "mine.html", {"key": key, "applications": found, "doc": DOC})


@private_page
@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(applicants.SESSION_KEY, None)
    messages.info(request, "已在本浏览器退出。再次查看请打开申报链接。")
    return redirect("subsidies_public:check")


def _page(request: HttpRequest, app: Application, *, claim_form: ClaimForm | None = None,
          draft_form: DraftForm | None = None, error: str = "", status: int = 200) -> HttpResponse:
    t = target_of(app.item, app.claim)
    draft = app.state == State.DRAFT
    if draft and claim_form is None and t is not None:
        claim_form = ClaimForm(t, claim=app.claim)
    if draft and draft_form is None:
        draft_form = DraftForm(initial={"expected_version": app.version, "on": app.on,
                                        "contact_name": app.contact_name, "contact_phone": app.contact_phone})
    context = {"app": app, "line": engine.Line.from_json(app.quote) if app.quote else None,
               "label": engine.claim_label(app.item, app.claim), "answers": answers(app.item, app.claim),
               "claim_form": claim_form, "draft_form": draft_form, "draft": draft, "error": error,
               "events": firm_events(app), "evidence": app.evidence.all(), "accept": evidence.ACCEPT,
               "evidence_hint": evidence.HINT, "doc": DOC}
    return render(request, T + "application.html", context, status=status)


@private_page
@require_GET
def application(request: HttpRequest, reference: str) -> HttpResponse:
    return _page(request, _mine(request, reference))


def _refused(request, app: Application, exc: DomainError) -> HttpResponse:
    status = 409 if exc.code == "conflict" else 400
    return _page(request, Application.objects.select_related("firm").get(pk=app.pk), error=exc.message, status=status)


@private_page
@require_POST
def edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Save a draft's answers, date and contact (quoted again)."""
    app = _mine(request, reference)
    t = target_of(app.item, app.claim)
    if t is None:
        raise Http404("条目已不在政策中")
    claim_form = ClaimForm(t, request.POST, claim=app.claim)
    draft_form = DraftForm(request.POST)
    if claim_form.is_valid() and draft_form.is_valid():
        d = draft_form.cleaned_data
        try:
            applications.edit_draft(app, claim=claim_form.claim(), on=d["on"], contact_name=d["contact_name"],
                                    contact_phone=d["contact_phone"], expected_version=d["expected_version"])
        except DomainError as exc:
            if exc.code in ("conflict", "illegal_transition"):
                return _refused(request, app, exc)
            if error_field(exc, draft_form):
                draft_form.add_error(error_field(exc, draft_form), exc.message)
            else:
                claim_form.attach(exc.field, exc.message)
        else:
            messages.success(request, "草稿已保存，并已按新的答案重新测算。")
            return redirect("subsidies_public:application", reference=app.reference)
    return _page(request, app, claim_form=claim_form, draft_form=draft_form, status=400)


@private_page
@require_POST
def upload(request: HttpRequest, reference: str) -> HttpResponse:
    app = _mine(request, reference)
    form = VersionForm(request.POST)
    files = [(f.name, f.read()) for f in request.FILES.getlist("evidence")]
    if not form.is_valid():
        return _page(request, app, error="页面缺少版本号，请刷新后重试。", status=400)
    try:
        applications.add_evidence(app, files, expected_version=form.cleaned_data["expected_version"])
    except DomainError as exc:
        return _refused(request, app, exc)
    messages.success(request, f"已上传 {len(files)} 个文件。")
    return redirect("subsidies_public:application", reference=app.reference)


@private_page
@require_POST
def remove(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    app = _mine(request, reference)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _page(request, app, error="页面缺少版本号，请刷新后重试。", status=400)
    try:
        applications.remove_evidence(app, pk, expected_version=form.cleaned_data["expected_version"])
    except DomainError as exc:
        return _refused(request, app, exc)
    messages.success(request, "文件已删除。")
    return redirect("subsidies_public:application", reference=app.reference)


@private_page
@require_GET
def download(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    app = _mine(request, reference)
    item = get_object_or_404(app.evidence, pk=pk)
    return FileResponse(io.BytesIO(evidence.read(item)), as_attachment=True, filename=item.name,
                        content_type="application/octet-stream")


@private_page
@require_POST
def submit(request: HttpRequest, reference: str) -> HttpResponse:
    app = _mine(request, reference)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _page(request, app, error="页面缺少版本号，请刷新后重试。", status=400)
    try:
        done = workflow.transition(app, State.SUBMITTED, user=None,
                                   expected_version=form.cleaned_data["expected_version"])
    except DomainError as exc:
        return _refused(request, app, exc)
    messages.success(request, f"申请 {done.reference} 已提交区科技局审核。可随时打开申报链接查看办理情况。")
    return redirect("subsidies_public:application", reference=app.reference)

