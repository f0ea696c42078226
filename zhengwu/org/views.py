"""Pages of the organisation registry under /org/: thin shells over the registry's functions.

Every page that depends on a day has a GET form `?on=YYYY-MM-DD` (default: today); a bad date re-shows
the page with the message next to the date field (status 400). The staff pages (appoint/remove, Excel
upload) need a staff login; each write is one call of `appointments.appoint` / `remove` (or the Excel
import), which records who (the login name), when and why. A DomainError re-shows the form with its
message next to the field it names.
"""
import datetime as dt

from django.contrib.auth.decorators import user_passes_test
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from zhengwu.core.dates import parse_date
from zhengwu.core.errors import DomainError

from . import appointments, excel, permissions
from .changes import changes
from .directory import bodies
from .holders import capacity, person_history, post_history
from .models import Decision, Organization, Person, Post
from .probations import probations_ending
from .resolve import find_person, find_post
from .roster import roster, seats_of, seats_of_post
from .vocab import Classification, EndReason

staff_required = user_passes_test(lambda u: u.is_active and u.is_staff, login_url="admin:login")


class DateInput:
    """A date field of a GET form: its text, the date it means, and the error to show next to it."""

    def __init__(self, request: HttpRequest, field: str = "on", default: dt.date | None = None) -> None:
        self.field = field
        self.text = request.GET.get(field, "").strip()
        self.error = ""
        self.value = default or timezone.localdate()
        if self.text:
            try:
                self.value = parse_date(self.text, field=field)
            except DomainError as exc:
                self.error = exc.message
                self.value = None
        else:
            self.text = self.value.isoformat()


def _page(request: HttpRequest, template: str, context: dict, dates: list[DateInput]) -> HttpResponse:
    status = 400 if any(d.error for d in dates) else 200
    return render(request, template, context, status=status)


def body_list(request: HttpRequest) -> HttpResponse:
    on = DateInput(request)
    lines = bodies(on.value) if on.value else []
    return _page(request, "org/body_list.html", {"on": on, "lines": lines}, [on])


def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(Organization.objects.select_related(
        "parent", "hosted_in", "successor", "founding_document", "dissolution_document"), pk=pk)
    on = DateInput(request)
    lines, absent = [], ""
    if on.value:
        try:
            lines = roster(body, on.value)
        except DomainError as exc:
            absent = exc.message
    children = [c for c in body.children.select_related("hosted_in").order_by("pk")
                if on.value is None or c.exists_on(on.value)]
    offices = [c for c in children if c.classification == Classification.OFFICE]
    documents = list(dict.fromkeys(line.seat.document for line in lines if line.seat.document_id))
    context = {"body": body, "on": on, "lines": lines, "absent": absent, "children": children,
               "documents": documents,
               "offices": offices, "predecessors": body.predecessors.order_by("pk"),
               "posts": body.posts.select_related("filled_by__organization").order_by("pk")}
    return _page(request, "org/body_detail.html", context, [on])


def body_changes(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(Organization, pk=pk)
    today = timezone.localdate()
    date_from = DateInput(request, "from", today - dt.timedelta(days=365))
    date_to = DateInput(request, "to", today)
    found = []
    if date_from.value and date_to.value:
        try:
            found = changes(body, date_from.value, date_to.value)
        except DomainError as exc:
            date_to.error = exc.message
    context = {"body": body, "date_from": date_from, "date_to": date_to, "changes": found}
    return _page(request, "org/body_changes.html", context, [date_from, date_to])


def person_lookup(request: HttpRequest) -> HttpResponse:
    name = request.GET.get("name", "").strip()
    error = ""
    if name:
        try:
            return redirect("org:person", find_person(name, field="name").pk)
        except DomainError as exc:
            error = exc.message
    return render(request, "org/person_lookup.html", {"name": name, "error": error}, status=404 if error else 200)


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    on = DateInput(request)
    seats = seats_of(person, on.value) if on.value else []
    history = person_history(person)
    current = [h for h in history if on.value and (h.start_date is None or h.start_date <= on.value)
               and (h.end_date is None or on.value <= h.end_date)]
    context = {"person": person, "on": on, "seats": seats, "history": history, "current": current,
               "end_reasons": dict(EndReason.choices)}
    return _page(request, "org/person_detail.html", context, [on])


def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.select_related("organization", "filled_by__organization"), pk=pk)
    context = {"post": post, "history": post_history(post), "seats": seats_of_post(post),
               "capacity": capacity(post), "end_reasons": dict(EndReason.choices),
               "fills": post.fills.select_related("organization")}
    return render(request, "org/post_detail.html", context)


def probation_list(request: HttpRequest) -> HttpResponse:
    on = DateInput(request)
    within_text = request.GET.get("within", "60").strip() or "60"
    within_error, lines = "", []
    try:
        within = int(within_text)
    except ValueError:
        within, within_error = None, f"天数应为整数，而不是“{within_text}”。"
    if on.value and within is not None:
        try:
            lines = probations_ending(within, on.value)
        except DomainError as exc:
            within_error = exc.message
    context = {"on": on, "within": within_text, "within_error": within_error, "lines": lines}
    status = 400 if on.error or within_error else 200
    return render(request, "org/probations.html", context, status=status)


# --- staff pages -----------------------------------------------------------------------------------

APPOINT_FIELDS = ("action", "person", "post", "on", "decision", "probation_months", "keep_previous", "reason")


def _appoint_once(request: HttpRequest, values: dict) -> str:
    """Run the appointment the form describes; return the confirmation. A DomainError names the field."""
    if not values["reason"]:
        raise DomainError("请写明理由（如 会议名称、文号），它记入操作记录。", field="reason", code="missing_reason")
    person = find_person(values["person"])
    post = find_post(values["post"])
    permissions.check_can_edit(request.user, post)
    on = parse_date(values["on"], field="on")
    decision = None
    if values["decision"]:
        decision = Decision.objects.filter(pk=values["decision"]).first() if values["decision"].isdigit() else None
        if decision is None:
            raise DomainError("请从列表中选择任免决定。", field="decision", code="unknown_decision")
    by = request.user.get_username()
    if values["action"] == "remove":
        m = appointments.remove(person, post, on, decision=decision, by=by, reason=values["reason"])
        return f"已免去 {person.name} 的 {post.label}：最后在任 {m.end_date.isoformat()}。"
    months = None
    if values["probation_months"]:
        if not values["probation_months"].isdigit():
            raise DomainError(f"试用期应为月数（如 12），而不是“{values['probation_months']}”。",
                              field="probation_months", code="bad_probation")
        months = int(values["probation_months"])
    appointments.appoint(person, post, on, decision=decision, keep_previous=values["keep_previous"],
                         probation_months=months, by=by, reason=values["reason"])
    return f"已任命 {person.name} 为 {post.label}，{on.isoformat()} 起。"


@staff_required
def appoint_form(request: HttpRequest) -> HttpResponse:
    values = {f: "" for f in APPOINT_FIELDS}
    values.update(action="appoint", keep_previous=False, on=timezone.localdate().isoformat())
    for f in ("person", "post", "on"):
        values[f] = request.GET.get(f, values[f]).strip()
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        for f in APPOINT_FIELDS:
            values[f] = request.POST.get(f, "").strip()
        values["keep_previous"] = request.POST.get("keep_previous") == "on"
        if values["action"] not in ("appoint", "remove"):
            values["action"] = "appoint"
        try:
            done = _appoint_once(request, values)
        except DomainError as exc:
            field = exc.field if exc.field in APPOINT_FIELDS else "form"
            errors[field] = exc.message
            status = 400
        else:
            request.session["org_done"] = done
            return redirect(reverse("org:appoint"))
    context = {"values": values, "errors": errors, "done": request.session.pop("org_done", ""),
               "decisions": Decision.objects.select_related("document").order_by("-effective_date", "pk")[:200],
               "units": permissions.editable_units(request.user)}
    return render(request, "org/appoint.html", context, status=status)


def excel_page(request: HttpRequest) -> HttpResponse:
    """Download the holders on a day as xlsx (anyone), upload one (staff) — see `excel`."""
    on = DateInput(request)
    if request.GET.get("download") and on.value:
        response = HttpResponse(excel.export_holders(on.value), content_type=excel.XLSX)
        response["Content-Disposition"] = f'attachment; filename="holders-{on.value.isoformat()}.xlsx"'
        return response
    return _page(request, "org/excel.html", {"on": on, "report": None, "error": ""}, [on])


@staff_required
def excel_upload(request: HttpRequest) -> HttpResponse:
    on = DateInput(request)
    if request.method != "POST":
        return redirect("org:excel")
    upload = request.FILES.get("file")
    report, error = None, ""
    if upload is None:
        error = "请选择要导入的 xlsx 文件。"
    else:
        try:
            start = request.POST.get("start", "").strip()
            default = parse_date(start, field="start") if start else None
            report = excel.import_holders(upload, by=request.user.get_username(), on=default, user=request.user)
        except DomainError as exc:
            error = exc.message
    status = 400 if error or (report and not report.ok) else 200
    return render(request, "org/excel.html", {"on": on, "report": report, "error": error}, status=status)
