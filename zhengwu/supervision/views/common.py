"""What every staff page of the supervision system shares: login, rights, the day asked about, errors."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhengwu.core.dates import parse_date
from zhengwu.core.errors import DomainError
from zhengwu.reports.views.staff_headers import private_page

from .. import workflow

T = "supervision/"


def staff_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login, then any supervision right or a unit's reporting account; private headers on every answer."""

    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not workflow.can_view(request.user):
            return forbidden(request, "您无权查看督查督办页面：需要督查室权限或承办单位的填报账号。")
        return view(request, *args, **kwargs)

    checked.__name__ = view.__name__
    checked.__doc__ = view.__doc__
    return private_page(login_required(checked))


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
