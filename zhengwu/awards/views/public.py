"""Public pages (/awards/): the current public notice (公示) with the lists and how to object, and the
winners of past editions. Only editions in notice or later are shown; reserve and removed candidates never."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ..models import Edition
from ..queries import current_notices, listed, public_editions
from ..vocab import Tier


def _lists(edition: Edition) -> list[dict]:
    rows = listed(edition)
    return [{"tier": tier.label, "rows": [c for c in rows if c.tier == tier]} for tier in (Tier.WINNER, Tier.NOMINEE)]


def home(request: HttpRequest) -> HttpResponse:
    notices = [{"edition": e, "lists": _lists(e)} for e in current_notices()]
    past = [e for e in public_editions() if e.state != "notice"]
    return render(request, "awards/home.html", {"notices": notices, "past": past, "applying": open_edition()})


def edition(request: HttpRequest, number: int) -> HttpResponse:
    found = public_editions().filter(number=number).first()
    if found is None:
        raise Http404("没有公开的这一届")
    return render(request, "awards/edition.html", {"edition": found, "lists": _lists(found)})


def open_edition() -> Edition | None:
    return Edition.objects.filter(state="applying").order_by("-number").first()


def apply(request: HttpRequest) -> HttpResponse:
    """学生申报: a student (or a parent) applies during the application step; the school then decides
    whether to recommend. Nothing is kept when any part is refused."""
    from zhengwu.core.errors import DomainError

    from .. import applications, grades
    from ..models import School
    from .common import FIELD_LABELS, today

    edition = open_edition()
    context: dict = {"edition": edition, "schools": School.objects.all(), "grades": grades.ALL_GRADES,
                     "values": {}, "error": None, "done": None}
    if request.method == "POST" and edition is not None:
        post = request.POST
        context["values"] = post
        try:
            school = School.objects.filter(pk=post.get("school") or 0).first()
            if school is None:
                raise DomainError("请选择学校。", field="school")
            context["done"] = applications.apply_with_files(
                edition, school, files=request.FILES.getlist("files"), name=post.get("name", ""),
                grade=post.get("grade", ""), class_no=post.get("class_no"), project=post.get("project", ""),
                description=post.get("description", ""), on=today())
        except DomainError as exc:
            label = FIELD_LABELS.get(exc.field or "", "")
            context["error"] = {"field": exc.field, "message": f"{label}：{exc.message}" if label else exc.message}
    status = 400 if context["error"] else 200
    return render(request, "awards/apply.html", context, status=status)


def object_to(request: HttpRequest, number: int) -> HttpResponse:
    """网上提出异议: during the notice anyone may object to a listed student; real names are asked for but
    not required. The bureau decides it like any other objection."""
    from django.utils import timezone

    from zhengwu.core.errors import DomainError

    from .. import notice
    from ..models import Candidate

    found = current_notices().filter(number=number).first()
    if found is None:
        raise Http404("这一届不在公示期")
    context: dict = {"edition": found, "listed": listed(found), "values": {}, "error": None, "done": None}
    if request.method == "POST":
        post = request.POST
        context["values"] = post
        try:
            candidate = Candidate.objects.filter(pk=post.get("candidate") if (post.get("candidate") or "").isdigit()
                                                 else 0, edition=found).first()
            if candidate is None:
                raise DomainError("请选择异议对象。", field="candidate")
            context["done"] = notice.record_objection(
                candidate, received_on=timezone.localdate(), text=post.get("text", ""),
                objector=post.get("objector", ""), contact=post.get("contact", ""), online=True)
        except DomainError as exc:
            context["error"] = exc.message
    return render(request, "awards/object.html", context, status=400 if context["error"] else 200)
