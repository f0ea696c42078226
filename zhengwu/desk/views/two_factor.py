"""The second-factor pages under /desk/2fa/ (双因素认证): set up an authenticator, verify a session, replace
the authenticator — thin shells over desk.accounts.

After set-up or verification the user goes to `next` when it is a page of this site, else the desk home.
Replacing needs a verified session and the password again, so neither a stolen password nor an unattended
signed-in browser alone can swap in another phone.
"""
from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from zhengwu.core.private_pages import private_page

from .. import accounts

WRONG_CODE = "验证码不正确，请核对手机上的6位数字后重试（验证码每30秒更新）。"
WRONG_PASSWORD = "密码不正确，请输入您登录时使用的密码。"
T = "desk/"


def _next(request: HttpRequest) -> str:
    """Where to go after the second factor: `next` if it is a page of this site, else the desk home."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return target
    return reverse("desk:home")


def _to(name: str, next_url: str) -> str:
    """The address of page `name` carrying `next_url` as its (encoded) `next`."""
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _code_page(request: HttpRequest, template: str, device, *, error: str = "", status: int = 200,
               **extra) -> HttpResponse:
    uri = accounts.otpauth_uri(device)
    context = {"qr": accounts.qr_svg(uri), "secret": accounts.secret_text(device), "error": error,
               "next": _next(request), "reasons": accounts.second_factor_reasons(request.user), **extra}
    return render(request, T + template, context, status=status)


@private_page
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: a QR code of the otpauth URI and the key as text, then the first code.
    A user who has one already is sent to the replacement page."""
    if accounts.confirmed_device(request.user) is not None:
        return redirect(_to("desk:2fa_replace", _next(request)))
    device = accounts.pending_device(request.user)
    if request.method == "POST":
        slowed = accounts.throttle_message(request.user, device)  # wrong codes before this one: wait first
        if not slowed and accounts.confirm_device(request, device, request.POST.get("token", "")):
            messages.success(request, "身份验证器已设置，本次登录已完成双因素验证。")
            return redirect(_next(request))
        return _code_page(request, "2fa_setup.html", device, error=slowed or WRONG_CODE, status=400)
    return _code_page(request, "2fa_setup.html", device)


@private_page
@login_required
def two_factor_replace(request: HttpRequest) -> HttpResponse:
    """Replace the authenticator (a new or lost phone): from a verified session, with the password again and
    the first code of the new one; the old one stops working at once (deleted in the same transaction)."""
    if accounts.confirmed_device(request.user) is None:
        return redirect(_to("desk:2fa_setup", _next(request)))
    if not accounts.is_verified(request.user):
        messages.info(request, "您已设置身份验证器。更换前请先用现有验证器输入验证码。")
        return redirect(_to("desk:2fa_verify", _to("desk:2fa_replace", _next(request))))
    device = accounts.pending_device(request.user)
    if request.method == "POST":
        slowed = accounts.throttle_message(request.user, device)
        if slowed:
            return _code_page(request, "2fa_replace.html", device, error=slowed, status=400)
        if not accounts.password_ok(request, request.POST.get("password", "")):
            return _code_page(request, "2fa_replace.html", device, password_error=WRONG_PASSWORD, status=400)
        if accounts.confirm_device(request, device, request.POST.get("token", "")):
            messages.success(request, "身份验证器已更换，原来的验证器已停用。")
            return redirect(_next(request))
        return _code_page(request, "2fa_replace.html", device, error=WRONG_CODE, status=400)
    return _code_page(request, "2fa_replace.html", device)


@private_page
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Verify this session with a current code (before revealing a reporter's identity, paying a subsidy…)."""
    if accounts.confirmed_device(request.user) is None:
        return redirect(_to("desk:2fa_setup", _next(request)))
    error, status = "", 200
    if request.method == "POST":
        slowed = accounts.throttle_message(request.user)
        if not slowed and accounts.verify_session(request, request.POST.get("token", "")):
            messages.success(request, "双因素验证已完成。")
            return redirect(_next(request))
        error, status = slowed or WRONG_CODE, 400
    return render(request, T + "2fa_verify.html",
                  {"error": error, "next": _next(request), "verified": accounts.is_verified(request.user)},
                  status=status)
