"""Staff pages of the reports system (举报办理) under /reports/: thin shells over workflow, access, intake,
deadlines, matters and conversation.

- Every page needs a login; what a user may see is access.py's decision (the office sees every case, a
  department only the cases routed to it); anything else is a 403 page in Chinese.
- Every response carries Cache-Control: no-store and Referrer-Policy: same-origin (core.private_pages).
- Each action is one POST of a small form carrying `expected_version`; a DomainError re-shows the case
  page with the message next to the field it names (409 for a stale version), success redirects back.
- Content is read through access.read_content and the reward through access.read_reward (both logged);
  the identity only through the reveal form (reason, permission and a verified second factor).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.core.errors import DomainError
from zhengwu.core.private_pages import private_page
from zhengwu.core.versions import check_seen

from .. import access, conversation, documents, forms_staff, intake, matters, workflow
from ..deadlines import ARTICLES, VERIFYING_STATES, current_deadline, deadline_status, overdue
from ..models import CaseEvent, Evidence, Report
from ..rules import compute_reward
from ..vocab import State

DEADLINE_FIELDS = ("verification_due", "extended_due", "notice_due", "claim_due", "claim_extended_due")
DEADLINE_LABELS = {"verification_due": "核查期限", "extended_due": "延长后核查期限", "notice_due": "领奖通知期限",
                   "claim_due": "领奖期限", "claim_extended_due": "延长后领奖期限"}
COLOUR_LABELS = forms_staff.COLOURS
PAGE_SIZE = 50
IDENTITY_DOCUMENTS = ("reward_notice",)  # notices that name the reporter (documents.py reads the identity)


def staff_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login required; the private headers on every response, the login redirect included."""
    return private_page(login_required(view))


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "reports/staff/forbidden.html", {"message": message}, status=403)


def _can_see(request: HttpRequest, report: Report) -> bool:
    return access.can_see_content(request.user, report)


def _case(reference: str) -> Report:
    return get_object_or_404(Report.objects.select_related("handling_unit"), reference=reference)


def _not_yours(request: HttpRequest, report: Report) -> HttpResponse:
    return forbidden(request, f"您无权查看举报 {report.reference}：只有区安委会办公室和承办单位的工作人员可以查看和办理"
                              f"（綦应急发〔2021〕41号 第十条）。")


# ---- dashboard -------------------------------------------------------------------------------------------

@dataclass
class Row:
    report: Report
    deadline_field: str | None
    due: dt.date | None
    colour: str | None

    @property
    def colour_label(self) -> str:
        return COLOUR_LABELS.get(self.colour or "", "无期限")

    @property
    def deadline_label(self) -> str:
        return DEADLINE_LABELS.get(self.deadline_field or "", "")


def _row(report: Report, today: dt.date) -> Row:
    current = current_deadline(report)
    return Row(report, current[0] if current else None, current[1] if current else None,
               deadline_status(report, today))


@staff_page
def dashboard(request: HttpRequest) -> HttpResponse:
    """办理台: the cases this user may see, with state, unit, the running deadline and its colour."""
    today = timezone.localdate()
    filters = forms_staff.FilterForm(request.GET or None)
    state = colour = ""
    if filters.is_valid():
        state, colour = filters.cleaned_data["state"], filters.cleaned_data["colour"]
    found = access.visible_reports(request.user).select_related("handling_unit").order_by("-received_at", "-pk")
    if state:
        found = found.filter(state=state)
    rows = [_row(r, today) for r in found]
    if colour:
        rows = [r for r in rows if r.colour == colour]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    office = access.is_office(request.user)
    late = [_row(r, today) for r in overdue(today).select_related("handling_unit")] if office else []
    context = {"filters": filters, "page": page, "office": office, "overdue": late, "today": today,
               "units": access.unit_ids(request.user), "query": _query_without_page(request)}
    return render(request, "reports/staff/dashboard.html", context)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# ---- staff entry of a report -----------------------------------------------------------------------------

def _field_of(exc: DomainError, form: forms.Form) -> str | None:
    """The form field a DomainError names ("content.place" → "place", "facts.fine" → "fine"), or None."""
    if not exc.field:
        return None
    name = exc.field.split(".")[-1].split("[")[0]
    return name if name in form.fields else None


def _attach(form: forms.Form, exc: DomainError) -> None:
    form.add_error(_field_of(exc, form), exc.message)


@staff_page
def new_report(request: HttpRequest) -> HttpResponse:
    """录入举报: a report received by phone, fax, letter, e-mail or in person, typed in by the office.

    On success the receipt code is shown once, in this response only (it is stored nowhere in clear).
    """
    if not access.is_office(request.user):
        return forbidden(request, "只有区安委会办公室（区应急局）受理人员可以录入举报（綦应急发〔2021〕41号 第三条）。")
    form = forms_staff.NewReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            anonymous = form.cleaned_data["anonymous"]
            evidence = [(f.name, f.read()) for f in request.FILES.getlist("evidence")]
            try:
                filed = intake.file_report(channel=form.cleaned_data["channel"], content=form.content(),
                                           identity=form.identity() or None, anonymous=anonymous,
                                           evidence=evidence, received_at=form.received(),
                                           entered_by=request.user)
            except DomainError as exc:
                if exc.code == "forbidden":
                    return forbidden(request, exc.message)
                _attach(form, exc)
            else:
                return render(request, "reports/staff/filed.html",
                              {"report": filed.report, "receipt_code": filed.receipt_code,
                               "channel": filed.report.get_channel_display()}, status=201)
        status = 400
    _mark_errors(form)
    return render(request, "reports/staff/new.html", {"form": form}, status=status)


# ---- the case page ---------------------------------------------------------------------------------------

@dataclass
class Action:
    """One step a clerk can take from the case page: its form, who may, and what it does."""

    title: str
    form: type[forms.Form]
    run: Callable[[HttpRequest, Report, forms.Form], str]
    office_only: bool = False


def _data(form: forms.Form, *names: str) -> dict:
    return {n: form.cleaned_data[n] for n in names if form.cleaned_data.get(n) not in (None, "")}


def _move(to_state: str, *names: str, message: str) -> Callable[[HttpRequest, Report, forms.Form], str]:
    def run(request: HttpRequest, report: Report, form: forms.Form) -> str:
        data = _data(form, *names)
        done = workflow.transition(report, to_state, user=request.user, reason=form.cleaned_data.get("reason", ""),
                                   expected_version=form.cleaned_data["expected_version"], **data)
        return message.format(report=done, state=workflow.label(done.state),
                              unit=done.handling_unit.label if done.handling_unit else "")
    return run


def _extend_verification(request: HttpRequest, report: Report, form: forms.Form) -> str:
    d = form.cleaned_data
    done = workflow.extend_verification(report, user=request.user, days=d["days"], reason=d["reason"],
                                        approved_by=d["approved_by"], approver=d["approver"],
                                        expected_version=d["expected_version"], on=d.get("on"))
    return f"核查期限已延长至 {done.extended_due}，延期理由已告知举报人。"


def _extend_claim(request: HttpRequest, report: Report, form: forms.Form) -> str:
    d = form.cleaned_data
    done = workflow.extend_claim(report, user=request.user, days=d["days"], reason=d["reason"],
                                 expected_version=d["expected_version"])
    return f"领奖期限已延长至 {done.claim_extended_due}，已告知举报人。"


def _reward(request: HttpRequest, report: Report, form: forms.Form) -> str:
    d = form.cleaned_data
    data = {"facts": form.facts()}
    if d.get("decided_on"):
        data["decided_on"] = d["decided_on"]
    workflow.transition(report, State.REWARD_DECIDED, user=request.user, expected_version=d["expected_version"],
                        **data)
    return "已决定奖励。"


def _ask(request: HttpRequest, report: Report, form: forms.Form) -> str:
    conversation.ask_reporter(request.user, report, form.cleaned_data["text"])
    return "问题已发给举报人，举报人凭回执码查看并答复。"


def _link(request: HttpRequest, report: Report, form: forms.Form) -> str:
    d = form.cleaned_data
    check_seen(report, d["expected_version"], noun="举报")
    other = Report.objects.filter(reference=d["other"].strip().upper()).first()
    if other is None:
        raise DomainError(f"找不到举报“{d['other']}”。", field="other", code="unknown_report")
    matter = matters.link_same_matter(report, other, user=request.user, reason=d["reason"])
    first = matters.first_report(matter)
    return f"已认定 {report.reference} 与 {other.reference} 为同一事项；最先受理的是 {first.reference}。"


ACTIONS: dict[str, Action] = {
    "route": Action("分办", forms_staff.RouteForm, _move(State.ROUTED, "unit", message="已分办至{unit}。"),
                    office_only=True),
    "transfer": Action("转办", forms_staff.TransferForm, _move(State.ROUTED, "unit", message="已转办至{unit}。"),
                       office_only=True),
    "start": Action("开始核查", forms_staff.PlainStepForm, _move(State.VERIFYING, message="已开始核查。")),
    "extend": Action("延长核查期限", forms_staff.ExtendVerificationForm, _extend_verification),
    "true": Action("查证属实", forms_staff.VerifiedTrueForm,
                   _move(State.VERIFIED_TRUE, "verified_on", message="已登记查证属实，领奖通知期限为 {report.notice_due}。")),
    "false": Action("查证不实", forms_staff.VerifiedFalseForm,
                    _move(State.VERIFIED_FALSE, "verified_on", message="已登记查证不实。")),
    "unverifiable": Action("无法查清（报区政府）", forms_staff.UnverifiableForm,
                           _move(State.UNVERIFIABLE, "referred_on", message="已登记无法查清并报区政府。")),
    "reward": Action("决定奖励", forms_staff.RewardForm, _reward),
    "notice": Action("发出领奖通知", forms_staff.NoticeForm,
                     _move(State.NOTICE_SENT, "sent_on", "method",
                           message="领奖通知已发出，领奖期限至 {report.claim_due}。")),
    "claim": Action("登记领奖", forms_staff.ClaimForm,
                    _move(State.CLAIMED, "method", "claimed_on", "bank_account", message="已登记领奖。")),
    "lapse": Action("认定逾期未领", forms_staff.LapseForm, _move(State.LAPSED, "on", message="已认定逾期未领取。")),
    "extend_claim": Action("延长领奖期限", forms_staff.ExtendClaimForm, _extend_claim),
    "ask": Action("向举报人提问", forms_staff.AskForm, _ask),
    "link": Action("认定同一事项", forms_staff.LinkForm, _link, office_only=True),
}


def available_actions(user, report: Report) -> list[str]:
    """The actions offered on the page now (allowed_next, the deadlines' rules and the user's role)."""
    office = access.is_office(user)
    nexts = workflow.allowed_next(report.state)
    found = []
    if State.ROUTED in nexts:
        found.append("transfer" if report.state == State.ROUTED else "route")
    if State.VERIFYING in nexts:
        found.append("start")
    if report.state in VERIFYING_STATES and not report.extended_due:
        found.append("extend")
    for state, name in ((State.VERIFIED_TRUE, "true"), (State.VERIFIED_FALSE, "false"),
                        (State.UNVERIFIABLE, "unverifiable")):
        if state in nexts:
            found.append(name)
    if State.REWARD_DECIDED in nexts and matters.is_first(report):
        found.append("reward")
    if State.NOTICE_SENT in nexts:
        found.append("notice")
    if State.CLAIMED in nexts:
        found += ["claim", "lapse", "extend_claim"]
    found.append("ask")
    if office:
        found.append("link")
    return [name for name in found if office or not ACTIONS[name].office_only]


def _mark_errors(form: forms.Form) -> None:
    """aria-invalid and aria-describedby on the widgets of fields with errors (the message's id)."""
    if not form.is_bound:
        return
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{form.add_prefix(name)}-error"})


def _event_text(event: CaseEvent) -> str:
    """What an event's details say, in a line (unit, days, approval, dates) — nothing identifying."""
    d = event.details or {}
    parts = []
    if d.get("unit"):
        parts.append(f"承办单位：{d['unit']}" + ("（转办）" if d.get("transfer") else ""))
    if d.get("channel"):
        from ..vocab import Channel

        parts.append(f"举报方式：{Channel(d['channel']).label}" if d["channel"] in Channel.values else "")
    for key, label in (("days", "天数"), ("approved_by", "批准部门"), ("approver", "批准人"),
                       ("approved_on", "批准日期"), ("extended_due", "延长至"), ("verified_on", "核查完成日期"),
                       ("notice_due", "领奖通知期限"), ("referred_to", "报告"), ("referred_on", "报告日期"),
                       ("decided_on", "决定日期"), ("sent_on", "通知日期"), ("claim_due", "领奖期限"),
                       ("claimed_on", "领取日期"), ("claim_extended_due", "延长至"), ("on", "日期"),
                       ("first", "同一事项中最先受理"), ("order", "受托署名人")):
        if d.get(key) not in (None, ""):
            parts.append(f"{label}：{d[key]}")
    if d.get("method") in workflow.CLAIM_METHODS and event.to_state == State.CLAIMED:
        parts.append(workflow.CLAIM_METHODS[d["method"]])
    elif d.get("method") in workflow.NOTICE_METHODS:
        parts.append(workflow.NOTICE_METHODS[d["method"]])
    if d.get("zero"):
        parts.append("奖励金额为零")
    if d.get("late"):
        parts.append("晚于领奖通知期限")
    return "；".join(p for p in parts if p)


def _deadlines(report: Report, today: dt.date) -> list[dict]:
    current = current_deadline(report)
    basis = report.deadline_basis or {}
    rows = []
    for name in DEADLINE_FIELDS:
        due = getattr(report, name)
        if due is None and name not in basis:
            continue
        rows.append({"label": DEADLINE_LABELS[name], "due": due, "basis": basis.get(name) or [ARTICLES[name]],
                     "current": bool(current and current[0] == name)})
    return rows


def _initial_forms(request: HttpRequest, report: Report, names: list[str]) -> dict[str, forms.Form]:
    today = timezone.localdate().isoformat()
    built = {}
    for name in names:
        form = ACTIONS[name].form(prefix=name, initial={"expected_version": report.version})
        for field in ("verified_on", "referred_on", "sent_on", "claimed_on", "decided_on", "on"):
            if field in form.fields:
                form.initial.setdefault(field, today)
        built[name] = form
    return built


def _case_page(request: HttpRequest, report: Report, *, bound: dict[str, forms.Form] | None = None,
               preview=None, status: int = 200, error: str = "") -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    names = available_actions(user, report)
    action_forms = _initial_forms(request, report, names)
    for name, form in (bound or {}).items():
        _mark_errors(form)
        action_forms[name] = form
    content = access.read_content(user, report, "打开办理页面")
    evidence = access.list_evidence(user, report, "打开办理页面") if report.evidence.exists() else []
    reward = access.read_reward(user, report, "打开办理页面") if report.reward_sealed is not None else None
    office = access.is_office(user)
    matter = list(report.matter.reports.order_by("received_at", "pk"))
    candidates = matters.likely_same_matter(report) if office and "link" in names else []
    events = [(e, _event_text(e)) for e in report.events.select_related("who").order_by("at", "pk")]
    context = {
        "report": report, "row": _row(report, today), "deadlines": _deadlines(report, today), "events": events,
        "content": content, "evidence": evidence, "reward": reward, "thread": conversation.thread(report),
        "actions": [(name, ACTIONS[name].title, action_forms[name]) for name in names],
        "preview": preview, "office": office, "matter": matter, "first": matter[0] if matter else None,
        "candidates": candidates, "gate": access.identity_gate(user),
        "can_identity": user.has_perm(access.IDENTITY_PERM), "reveal_form": (bound or {}).get("reveal")
        or forms_staff.RevealForm(prefix="reveal"), "documents": _document_kinds(report), "error": error,
        "payee": ((reward or {}).get("payee") or {}).get("basis", ""),  # the rule, never the name
    }
    return render(request, "reports/staff/case.html", context, status=status)


def _document_kinds(report: Report) -> list[tuple[str, str]]:
    """The notices that fit the case now (documents.kinds_for), with their titles."""
    return [(kind, documents.KINDS[kind]) for kind in documents.kinds_for(report)]


@staff_page
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    report = _case(reference)
    if not _can_see(request, report):
        return _not_yours(request, report)
    return _case_page(request, report)


@staff_page
@require_POST
def case_action(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    """One step on the case; `op=calculate` on the reward form shows compute_reward's result first."""
    report = _case(reference)
    if not _can_see(request, report):
        return _not_yours(request, report)
    spec = ACTIONS.get(action)
    if spec is None:
        return render(request, "reports/staff/forbidden.html", {"message": f"没有“{action}”这项办理操作。"},
                      status=404)
    if spec.office_only and not access.is_office(request.user):
        return forbidden(request, f"“{spec.title}”只能由区安委会办公室（区应急局）办理。")
    form = spec.form(request.POST, prefix=action)
    status, error, preview = 400, "", None
    if form.is_valid():
        try:
            if action == "reward" and request.POST.get("op") == "calculate":
                preview = _calculate(report, form)
                status = 200
            else:
                done = spec.run(request, report, form)
                messages.success(request, done)
                return redirect("reports_staff:case", reference=report.reference)
        except DomainError as exc:
            if exc.code == "forbidden":
                return forbidden(request, exc.message)
            if exc.code == "conflict":
                status, error = 409, exc.message
            elif exc.field in (None, "state", "report", "user", "expected_version") or _field_of(exc, form) is None:
                error = exc.message
            else:
                _attach(form, exc)
        report = _case(reference)  # as it is now: the step may have been refused because it moved on
    return _case_page(request, report, bound={action: form}, preview=preview, status=status, error=error)


def _calculate(report: Report, form: forms_staff.RewardForm):
    """compute_reward for the facts typed in, on the case's verification day (nothing is stored)."""
    if report.verified_on is None:
        raise DomainError("尚未登记核查完成日期，不能计算奖励。", field="state", code="illegal_transition")
    check_seen(report, form.cleaned_data["expected_version"], noun="举报")
    return compute_reward({**form.facts(), "verified_on": report.verified_on.isoformat()})


@staff_page
@require_POST
def reveal_identity(request: HttpRequest, reference: str) -> HttpResponse:
    """举报人身份: permission, a verified second factor and a reason; logged by access.reveal_identity."""
    report = _case(reference)
    if not _can_see(request, report):
        return _not_yours(request, report)
    gate = access.identity_gate(request.user)
    if gate == "permission":
        return forbidden(request, "您无权查看举报人身份：需要“查看举报人身份”权限（綦应急发〔2021〕41号 第十条）。")
    if gate in ("setup", "verify"):
        target = "desk:2fa_setup" if gate == "setup" else "desk:2fa_verify"
        messages.info(request, "查看举报人身份前须完成双因素验证。" if gate == "verify" else "查看举报人身份前须先设置身份验证器。")
        return redirect(f"{reverse(target)}?next={reverse('reports_staff:case', args=[report.reference])}")
    form = forms_staff.RevealForm(request.POST, prefix="reveal")
    if not form.is_valid():
        return _case_page(request, report, bound={"reveal": form}, status=400)
    try:
        revealed = access.reveal_identity(request.user, report, form.cleaned_data["reason"])
    except DomainError as exc:
        if exc.code == "forbidden":
            return forbidden(request, exc.message)
        _attach(form, exc)
        return _case_page(request, report, bound={"reveal": form}, status=400)
    return render(request, "reports/staff/identity.html", {"report": report, "revealed": revealed,
                                                           "reason": form.cleaned_data["reason"]})


@staff_page
def evidence_file(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """One evidence file, decrypted and logged; always a download, never shown inline."""
    report = _case(reference)
    if not _can_see(request, report):
        return _not_yours(request, report)
    item = get_object_or_404(Evidence, pk=pk, report=report)
    opened = access.read_evidence(request.user, item, "下载证据材料")
    response = FileResponse(BytesIO(opened.data), as_attachment=True, filename=opened.name,
                            content_type="application/octet-stream")
    return response


@staff_page
def document(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    """A notice as DOCX (documents.notice_docx), for the case's handlers."""
    report = _case(reference)
    if not _can_see(request, report):
        return _not_yours(request, report)
    if kind not in documents.KINDS:
        return render(request, "reports/staff/forbidden.html", {"message": f"没有“{kind}”这种文书。"}, status=404)
    if kind in IDENTITY_DOCUMENTS and not report.anonymous:
        # The notice names the payee: the same second factor as revealing the identity on the page.
        gate = access.identity_gate(request.user)
        if gate in ("setup", "verify"):
            target = "desk:2fa_setup" if gate == "setup" else "desk:2fa_verify"
            messages.info(request, "领奖通知书载明领奖人姓名，生成前须完成双因素验证。")
            return redirect(f"{reverse(target)}?next={reverse('reports_staff:case', args=[report.reference])}")
    try:
        name, data = documents.notice_docx(report, kind, user=request.user)
    except DomainError as exc:
        if exc.code == "forbidden":
            return forbidden(request, exc.message)
        messages.error(request, exc.message)
        return redirect("reports_staff:case", reference=report.reference)
    return FileResponse(BytesIO(data), as_attachment=True, filename=name,
                        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
