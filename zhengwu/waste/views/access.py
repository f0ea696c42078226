"""Who may see the staff pages: a login and the model permissions of the waste app.

- view_community: the dashboard, communities, notices, exports, guidance list (区生活垃圾分类办, streets);
- change_community: editing a community, its points, publicity and adjustments, importing the register;
- add_inspection / add_guidancevisit: inspectors (巡检员) and guidance visitors.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhengwu.core.private_pages import private_page

T = "waste/"


def staff_page(permission: str = "waste.view_community") -> Callable:
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.has_perm(permission):
                message = f"您的账号没有查看或办理此页面所需的生活垃圾分类权限（{permission}）。请联系区生活垃圾分类办开通。"
                return render(request, T + "forbidden.html", {"message": message}, status=403)
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied as exc:  # a street's staff changing another unit's community (scope)
                return forbidden_unit(request, str(exc))

        return private_page(login_required(checked))

    return decorate


def forbidden_unit(request: HttpRequest, unit: str) -> HttpResponse:
    message = f"您的账号只能办理本辖区小区，不能修改{unit}的小区。"
    return render(request, T + "forbidden.html", {"message": message}, status=403)
