"""Public pages of the reports system (/report/): file a report, follow it up, read the announcements.

Thin shells over intake.file_report, receipts.case_status / reply / request_claim and
announcements.announced (綦应急发〔2021〕41号 第三条–第十条). What these pages never do (第十条):
- put a receipt code in a URL, a redirect, a cookie or the session — the code travels only in POST
  bodies and in the pages answering them;
- let a response be cached or send a Referer elsewhere (headers.confidential on every view);
- read or keep the reporter's address or browser (reports/logging.py strips them from log records).
"""
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from zhengwu.core.errors import DomainError

from .. import receipts
from ..announcements import announced
from ..deadlines import DOC, VERIFYING_STATES
from ..forms_public import MAX_REQUEST_BYTES, MAX_UPLOAD_BYTES, EvidenceUploadHandler, ReportForm
from ..headers import confidential, csrf_protect_no_referrer
from ..intake import file_report
from ..models import CaseMessage
from ..vocab import Channel, State

TEMPLATES = "reports/public/"

# 第三条: the other ways to report (shown on the form).
OTHER_WAYS = [
    ("举报电话", "12350、61271258"),
    ("传真", "61271200"),
    ("电子邮箱", "372935518@qq.com、yjglj@qj.cq"),
    ("来信或来访地址", "重庆市綦江区通惠大道56号附5号（邮政编码 401420）"),
]


def _form_page(request: HttpRequest, form: ReportForm, *, status: int = 200, notice: str = "") -> HttpResponse:
    return render(request, TEMPLATES + "form.html",
                  {"form": form, "other_ways": OTHER_WAYS, "doc": DOC, "notice": notice}, status=status)


@confidential
@csrf_exempt  # CSRF is checked in _report_form, once the upload handlers are set (Django's way)
@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest) -> HttpResponse:
    """举报: the form (GET) and filing it (POST) — the receipt page on success, the form again (400) if not."""
    if request.method == "POST":
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_REQUEST_BYTES:
            # Refused unread: the typed text is lost too, so say so.
            return _form_page(request, ReportForm(), status=413, notice=(
                f"提交的内容过大：证据文件合计不能超过 {MAX_UPLOAD_BYTES // 2**20} MB。填写的内容未能保存，"
                "请重新填写，并减少或压缩证据文件后再提交；较大的视频也可以在受理后按办理人员的要求另行提供。"))
        # Before anything reads request.POST (the CSRF check does): evidence stays in memory, never on disk.
        request.upload_handlers = [EvidenceUploadHandler(request)]
    return _report_form(request)


@csrf_protect_no_referrer  # the form page is no-referrer: the browser posts it with Origin: null
def _report_form(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _form_page(request, ReportForm())
    handler = request.upload_handlers[0]
    form = ReportForm(request.POST, request.FILES.getlist("evidence"),
                      skipped=getattr(handler, "skipped", ()))
    if form.check():
        try:
            filed = file_report(channel=Channel.WEB, **form.arguments())
        except DomainError as exc:
            form.add_error(exc, rows=form.filled_row_numbers())
        else:
            # Rendered in the POST's own response — a redirect would need the code in a URL or the session.
            return render(request, TEMPLATES + "receipt.html",
                          {"filed": filed, "report": filed.report, "doc": DOC,
                           "basis": filed.report.deadline_basis.get("verification_due", [])})
    return _form_page(request, form, status=400)


# ---- follow-up with the receipt code ------------------------------------------------------------------

SENDERS = {CaseMessage.Sender.STAFF: "办理人员", CaseMessage.Sender.REPORTER: "您（举报人）"}


def _code_page(request: HttpRequest, code: str = "", error: DomainError | None = None) -> HttpResponse:
    status = 200 if error is None else (429 if error.code == "locked" else 400)
    return render(request, TEMPLATES + "follow_up.html", {"code": code, "error": error}, status=status)


def _status_page(request: HttpRequest, code: str, *, done: str = "", errors: dict | None = None,
                 values: dict | None = None) -> HttpResponse:
    try:
        status = receipts.case_status(code)
    except DomainError as exc:
        return _code_page(request, code, exc)
    thread = [{"at": m.at, "sender": SENDERS.get(m.sender, m.sender),
                 "kind": CaseMessage.Kind(m.kind).label if m.kind in CaseMessage.Kind.values else m.kind,
                 "text": m.text, "from_staff": m.sender == CaseMessage.Sender.STAFF} for m in status.messages]
    context = {"status": status, "code": receipts.normalize_code(code), "thread": thread, "done": done,
               "errors": errors or {}, "values": values or {}, "verifying": status.state in VERIFYING_STATES,
               "claimable": status.state == State.NOTICE_SENT, "claim_methods": receipts.CLAIM_METHODS.items(),
               "doc": DOC}
    return render(request, TEMPLATES + "status.html", context, status=400 if errors else 200)


@confidential
@csrf_exempt  # checked just below, inside `confidential` (a CSRF 403 gets the headers too)
@csrf_protect_no_referrer  # the pages posting here are no-referrer: Origin: null
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest) -> HttpResponse:
    """查询办理情况: the code is POSTed (never a query string) and carried on in hidden fields of the
    reply and claim forms; wrong code 400, locked reference 429 (receipts.check_receipt)."""
    if request.method == "GET":
        return _code_page(request)
    code = request.POST.get("code", "")
    action = request.POST.get("action", "status")
    if action == "reply":
        text = request.POST.get("text", "")
        try:
            receipts.reply(code, text)
        except DomainError as exc:
            if exc.field == "code":
                return _code_page(request, code, exc)
            return _status_page(request, code, errors={"text": exc.message}, values={"text": text})
        return _status_page(request, code, done="您的答复已发送给办理人员。")
    if action == "claim":
        values = {key: request.POST.get(key, "").strip() for key in ("method", "bank_account", "account_name")}
        try:
            receipts.request_claim(code, method=values["method"], bank_account=values["bank_account"],
                                   account_name=values["account_name"])
        except DomainError as exc:
            if exc.field == "code":
                return _code_page(request, code, exc)
            field = exc.field if exc.field in ("method", "bank_account") else "method"
            return _status_page(request, code, errors={field: exc.message}, values=values)
        return _status_page(request, code, done="领奖申请已提交，办理人员将按您选择的方式办理。"
                                                "领取时请持本人有效证件（第七条（三））。")
    return _status_page(request, code)


# ---- announcements (第七条（三）) -------------------------------------------------------------------------

@confidential
@require_GET
def announcements(request: HttpRequest) -> HttpResponse:
    """领奖公告: references and claim deadlines only — no identity, content or amount (第十条)."""
    return render(request, TEMPLATES + "announcements.html", {"items": announced(), "doc": DOC})
