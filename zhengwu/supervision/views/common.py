"""What every staff page of the supervision system shares: login, rights, the day asked about, errors."""
from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhengwu.core.dates import parse_date
from zhengwu.core.errors import DomainError
from zhengwu.core.private_pages import staff_gate

from .. import workflow

T = "supervision/"


staff_page = staff_gate(workflow.can_view, "您无权查看督查督办页面：需要督查室权限或承办单位的填报账号。",
                        T + "forbidden.html")  # login, then any supervision right or a unit's reporting account


def office_only(request: HttpRequest) -> HttpResponse | None:
    """A 403 page unless the user is the office (or may view everything)."""
    user = request.user
    if user.has_perm(workflow.MANAGE) or user.has_perm(workflow.VIEW):
        return None
    return forbidden(request, "该页面仅督查室可见；承办单位请从“我的督办事项”进入。")


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, T + "forbidden.html", {"message": message}, status=403)


def day_asked(request: HttpRequest) -> tuple[dt.date, str | None]:
    """?on=YYYY-MM-DD (看某日的红黄绿灯) or today; a bad date is shown, today used."""
    text = request.GET.get("on", "").strip()
    if not text:
        return workflow.today(), None
    try:
        return parse_date(text, field="on"), None
    except DomainError as exc:
        return workflow.today(), str(exc)
