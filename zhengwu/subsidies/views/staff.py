"""The bureau's application pages (/subsidies/): the list, one application with its quote, evidence,
history and the steps it allows — thin shells over workflow.

- Every page needs a login and one of the subsidy rights (workflow.can_see); anything else is a 403 page
  in Chinese. Responses are never cached and send no Referer elsewhere (private_page).
- Each step is one POST of a small form carrying `expected_version`; a DomainError re-shows the page with
  the message next to the field it names (409 for a stale version); success redirects back.
- **Decision**: steps that decide or move money (approve, change the amount, record a payment) need a
  session verified with the second factor (the staff desk's TOTP, /desk/2fa/), as revealing a reporter's
  identity does: a stolen password alone must not pay anyone.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.core.errors import DomainError
from zhengwu.core.private_pages import staff_gate
from zhengwu.desk import accounts

from .. import engine, evidence, forms_staff, workflow
from ..models import Application
from ..questions import ClaimForm, target_of
from ..vocab import State
from .results import answers

T = "subsidies/staff/"
PAGE_SIZE = 50


staff_page = staff_gate(workflow.can_see, "您无权查看科技政策兑现办理页面：需要区科技局审核、拨付或预算查看权限。",
                        T + "forbidden.html")  # login, then a subsidy right


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, T + "forbidden.html", {"message": message}, status=403)


def money_gate(user) -> str | None:
    """What the user still lacks for money steps: "setup" (no authenticator), "verify", or None."""
    return accounts.second_factor_gate(user)


# ---- the list ----------------------------------------------------------------------------------------------

@staff_page
def dashboard(request: HttpRequest) -> HttpResponse:
    """申请列表: newest first; filter by state, item and year. Drafts are the firms' own and not listed
    unless asked for by state (an invited draft is followed from the register page)."""
    filters = forms_staff.FilterForm(request.GET or None)
    found = Application.objects.select_related("firm").order_by("-pk")
    chosen = {"state": "", "item": "", "year": None}
    if filters.is_valid():
        chosen = {k: filters.cleaned_data[k] for k in chosen}
    found = found.filter(state=chosen["state"]) if chosen["state"] else found.exclude(state=State.DRAFT)
    if chosen["item"]:
        found = found.filter(item=chosen["item"])
    if chosen["year"]:
        found = found.filter(year=chosen["year"])
    counts = {s: Application.objects.filter(state=s).count() for s in State.values}
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, T + "dashboard.html",
                  {"filters": filters, "page": page, "counts": [(State(s).label, s, n) for s, n in counts.items()],
                   "query": query.urlencode()}, status=400 if filters.is_bound and not filters.is_valid() else 200)


# ---- one application -------------------------------------------------------------------------------------

@dataclass
class Action:
    """One step the page offers: title, form, what it does, and whether it moves money (second factor)."""

    title: str
    form: type[forms.Form]
    run: Callable[[HttpRequest, Application, forms.Form], str]
    money: bool = False


def _move(to_state: str, *names: str, message: str) -> Callable[[HttpRequest, Application, forms.Form], str]:
    def run(request: HttpRequest, app: Application, form: forms.Form) -> str:
        data = {n: form.cleaned_data[n] for n in names if form.cleaned_data.get(n) not in (None, "")}
        done = workflow.transition(app, to_state, user=request.user, reason=form.cleaned_data.get("reason", ""),
                                   expected_version=form.cleaned_data["expected_version"], **data)
        return message.format(app=done)
    return run


def _amount(request: HttpRequest, app: Application, form: forms.Form) -> str:
    d = form.cleaned_data
    done = workflow.change_amount(app, user=request.user, amount=d["amount"], reason=d["reason"],
                                  expected_version=d["expected_version"])
    return f"批准金额已调整为 {done.approved_amount} 元，调整记录已保存。"


ACTIONS: dict[str, Action] = {
    "review": Action("开始审核", forms_staff.PlainStepForm,
                     _move(State.UNDER_REVIEW, message="申请 {app.reference} 已进入审核。")),
    "approve": Action("批准", forms_staff.ApproveForm,
                      _move(State.APPROVED, "amount", "decided_on", message="已批准，金额 {app.approved_amount} 元。"),
                      money=True),
    "reject": Action("不予批准", forms_staff.RejectForm,
                     _move(State.REJECTED, "decided_on", message="已决定不予批准，理由将告知申报单位。")),
    "pay": Action("登记拨付", forms_staff.PayForm,
                  _move(State.PAID, "paid_on", "payment_reference", message="已登记拨付 {app.approved_amount} 元。"),
                  money=True),
    "amount": Action("调整批准金额", forms_staff.AmountForm, _amount, money=True),
}


def available_actions(user, app: Application) -> list[str]:
    """The steps offered now: the state machine's next states and the user's rights."""
    nexts = workflow.allowed_next(app.state)
    found = []
    if workflow.can_review(user):
        if State.UNDER_REVIEW in nexts:
            found.append("review")
        if State.APPROVED in nexts:
            found += ["approve", "reject"]
        if app.state == State.APPROVED:
            found.append("amount")
    if workflow.can_pay(user) and State.PAID in nexts:
        found.append("pay")
    return found


def _app(reference: str) -> Application:
    return get_object_or_404(Application.objects.select_related("firm", "created_by"), reference=reference)


def _initial_forms(app: Application, names: list[str]) -> dict[str, forms.Form]:
    today = timezone.localdate()
    built = {}
    for name in names:
        initial = {"expected_version": app.version, "decided_on": today, "paid_on": today}
        if name == "approve":
            initial["amount"] = f"{app.quoted_amount or 0:.2f}"
        if name == "amount":
            initial["amount"] = f"{app.approved_amount or 0:.2f}"
        built[name] = ACTIONS[name].form(prefix=name, initial=initial)
    return built


def _correct_forms(app: Application, data=None) -> tuple[ClaimForm, forms_staff.CorrectForm] | None:
    t = target_of(app.item, app.claim)
    if t is None or app.state != State.UNDER_REVIEW:
        return None
    return (ClaimForm(t, data, claim=app.claim),
            forms_staff.CorrectForm(data, prefix="correct", initial={"expected_version": app.version}))


def _related(app: Application) -> list[Application]:
    """Other applications of the same firm for the same thing (any state), earliest first."""
    keys = list(app.matter_keys.values_list("key", flat=True))
    return list(Application.objects.filter(firm=app.firm, matter_keys__key__in=keys).exclude(pk=app.pk)
                .distinct().order_by("pk"))


def _case_page(request: HttpRequest, app: Application, *, bound: dict[str, forms.Form] | None = None,
               correct: tuple | None = None, status: int = 200, error: str = "") -> HttpResponse:
    user = request.user
    names = available_actions(user, app)
    action_forms = _initial_forms(app, names)
    action_forms.update(bound or {})
    gate = money_gate(user)
    line = engine.Line.from_json(app.quote) if app.quote else None
    events = app.events.select_related("who").order_by("at", "pk")
    related = _related(app)
    granted = [a for a in related if a.state in workflow.GRANTED]
    context = {
        "app": app, "line": line, "label": engine.claim_label(app.item, app.claim), "answers": answers(app.item, app.claim),
        "evidence": app.evidence.all(), "events": events, "related": related, "granted": granted,
        "actions": [(n, ACTIONS[n].title, action_forms[n], ACTIONS[n].money) for n in names], "gate": gate,
        "correct": correct or (_correct_forms(app) if workflow.can_review(user) else None), "error": error,
        "up_to": engine.up_to(app.quote), "case_by_case": engine.is_case_by_case(app.item),
        "next": reverse("subsidies_staff:application", args=[app.reference]),
    }
    return render(request, T + "application.html", context, status=status)


@staff_page
def application(request: HttpRequest, reference: str) -> HttpResponse:
    return _case_page(request, _app(reference))


def _field_of(exc: DomainError, form: forms.Form) -> str | None:
    if not exc.field:
        return None
    name = exc.field.split(".")[-1].split("[")[0]
    return name if name in form.fields else None


def _refusal(request, reference: str, exc: DomainError, form: forms.Form, key: str) -> HttpResponse:
    """The page again with the refusal: next to the field, or at the top (409 when stale)."""
    if exc.code == "forbidden":
        return forbidden(request, exc.message)
    status, error = 400, ""
    if exc.code == "conflict":
        status, error = 409, exc.message
    elif _field_of(exc, form) and exc.field not in ("state", "user", "expected_version"):
        form.add_error(_field_of(exc, form), exc.message)
    else:
        error = exc.message
    return _case_page(request, _app(reference), bound={key: form} if key in ACTIONS else None, status=status,
                      error=error)


@staff_page
@require_POST
def act(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    """One step on the application."""
    app = _app(reference)
    spec = ACTIONS.get(action)
    if spec is None:
        return render(request, T + "forbidden.html", {"message": f"没有“{action}”这项办理操作。"}, status=404)
    if action not in available_actions(request.user, app) and not _stale(request, app, action):
        return forbidden(request, f"您不能对申请 {app.reference} 办理“{spec.title}”（当前状态：{app.get_state_display()}）。")
    if spec.money and money_gate(request.user):
        gate = money_gate(request.user)
        target = "desk:2fa_setup" if gate == "setup" else "desk:2fa_verify"
        messages.info(request, "批准、调整金额和登记拨付前须完成双因素验证。")
        return redirect(f"{reverse(target)}?next={reverse('subsidies_staff:application', args=[app.reference])}")
    form = spec.form(request.POST, prefix=action)
    if not form.is_valid():
        return _case_page(request, app, bound={action: form}, status=400)
    try:
        done = spec.run(request, app, form)
    except DomainError as exc:
        return _refusal(request, reference, exc, form, action)
    messages.success(request, done)
    return redirect("subsidies_staff:application", reference=app.reference)


def _stale(request: HttpRequest, app: Application, action: str) -> bool:
    """A step the user may take in general, posted from a page that is out of date: the workflow refuses
    it with a clear message (conflict or illegal move) rather than a bare 403."""
    if action == "pay":
        return workflow.can_pay(request.user)
    return workflow.can_review(request.user)


@staff_page
@require_POST
def correct(request: HttpRequest, reference: str) -> HttpResponse:
    """核定申报事实: the reviewer's corrected answers, quoted again."""
    app = _app(reference)
    if not workflow.can_review(request.user):
        return forbidden(request, "您无权核定申报事实：需要“审核科技政策兑现申请”权限。")
    pair = _correct_forms(app, request.POST)
    if pair is None:
        return _case_page(request, app, status=409,
                          error=f"申请当前为“{app.get_state_display()}”：审核中的申请才能核定申报事实。")
    claim_form, reason_form = pair
    if claim_form.is_valid() and reason_form.is_valid():
        try:
            done = workflow.correct_claim(app, user=request.user, claim=claim_form.claim(),
                                          reason=reason_form.cleaned_data["reason"],
                                          expected_version=reason_form.cleaned_data["expected_version"])
        except DomainError as exc:
            if exc.code in ("conflict", "illegal_transition", "forbidden"):
                return _refusal(request, reference, exc, reason_form, "correct")
            claim_form.attach(exc.field, exc.message)
        else:
            messages.success(request, f"申报事实已核定，重新测算金额为 {done.quoted_amount} 元。")
            return redirect("subsidies_staff:application", reference=app.reference)
    return _case_page(request, app, correct=(claim_form, reason_form), status=400)


@staff_page
def evidence_file(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """One evidence file, always as a download (never shown inline: it came from outside)."""
    app = _app(reference)
    item = get_object_or_404(app.evidence, pk=pk)
    return FileResponse(io.BytesIO(evidence.read(item)), as_attachment=True, filename=item.name,
                        content_type="application/octet-stream")


