"""Staff login, logout, password change and two-factor pages (工作人员登录与双因素认证).

Login and logout are Django's own views with Chinese templates; django-axes (settings) locks a user name
for 30 minutes after 5 wrong passwords. The two-factor pages are thin shells over reports.accounts.
"""
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme

from zhengwu.core.private_pages import private_page

from .. import accounts

WRONG_CODE = "验证码不正确，请核对手机上的6位数字后重试（验证码每30秒更新）。"


@method_decorator(private_page, name="dispatch")
class StaffLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@method_decorator(private_page, name="dispatch")
class StaffLogoutView(auth_views.LogoutView):
    pass  # POST only (Django 5): a link or an image cannot log anyone out


@method_decorator(private_page, name="dispatch")
class StaffPasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"


@method_decorator(private_page, name="dispatch")
class StaffPasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


def _next(request: HttpRequest) -> str:
    """Where to go after the second factor: `next` if it is a page of this site, else the dashboard."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return target
    return reverse("reports_staff:dashboard")


@private_page
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: a QR code of the otpauth URI and the key as text, then the first code.

    Replacing a confirmed device needs a verified session, so a stolen password alone cannot swap in the
    thief's phone.
    """
    has_device = accounts.confirmed_device(request.user) is not None
    if has_device and not accounts.is_verified(request.user):
        messages.info(request, "您已设置身份验证器。更换前请先用现有验证器输入验证码。")
        return redirect(f"{reverse('reports_staff:2fa_verify')}?next={reverse('reports_staff:2fa_setup')}")
    device = accounts.pending_device(request.user)
    error, status = "", 200
    if request.method == "POST":
        slowed = accounts.throttle_message(request.user)  # wrong codes before this one: wait first
        if not slowed and accounts.confirm_device(request, device, request.POST.get("token", "")):
            messages.success(request, "身份验证器已设置，本次登录已完成双因素验证。")
            return redirect(_next(request))
        error, status = slowed or WRONG_CODE, 400
    uri = accounts.otpauth_uri(device)
    context = {"qr": accounts.qr_svg(uri), "secret": accounts.secret_text(device), "error": error,
               "replacing": has_device, "next": _next(request), "needs": accounts.needs_two_factor(request.user)}
    return render(request, "reports/staff/2fa_setup.html", context, status=status)


@private_page
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Verify this session with a current code (required before revealing a reporter's identity)."""
    if accounts.confirmed_device(request.user) is None:
        return redirect(f"{reverse('reports_staff:2fa_setup')}?next={_next(request)}")
    error, status = "", 200
    if request.method == "POST":
        slowed = accounts.throttle_message(request.user)
        if not slowed and accounts.verify_session(request, request.POST.get("token", "")):
            messages.success(request, "双因素验证已完成。")
            return redirect(_next(request))
        error, status = slowed or WRONG_CODE, 400
    return render(request, "reports/staff/2fa_verify.html",
                  {"error": error, "next": _next(request), "verified": accounts.is_verified(request.user)},
                  status=status)
