"""Staff accounts of every system (工作人员账号): strong passwords, two-factor login (双因素认证, TOTP) and the
login lockout's data diet.

- Passwords are checked by Django's AUTH_PASSWORD_VALIDATORS (12 characters at least, not common, not all
  digits, not like the account's names); `password_problems` returns their messages in Chinese.
- Whoever holds a right that a system registered with `registry.require_second_factor` (the reports
  system: revealing a reporter's identity, 第十条) needs a confirmed TOTP device and a session verified with
  it; `second_factor_gate(user)` says what is missing ("setup", "verify" or None), for any step a system
  guards this way (the subsidies' money steps too).
  Setting up: `pending_device` → `otpauth_uri` / `qr_svg` (an inline SVG made here, no external service)
  → `confirm_device` with the first code. Later sessions: `verify_session` with a current code.
  Replacing (a lost or new phone): `password_ok` again, then `confirm_device` on a new pending device, which
  deletes the old one in the same transaction.
- django-axes locks an account for 30 minutes after 5 wrong passwords, by user name only. It would also
  keep the client's IP address and browser string; `no_client_ip` and `LeanAxesHandler` make it keep
  neither (the office needs neither, and 第十条's spirit is to keep as little as possible).
"""
from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.html import escape
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .registry import second_factor_rights

DEVICE_NAME = "身份验证器"


# ---- passwords ------------------------------------------------------------------------------------------

def password_problems(password: str, user=None) -> list[str]:
    """What is wrong with `password` for `user` by the configured validators (empty: it is strong enough)."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return [str(m) for m in exc.messages]
    return []


# ---- two-factor (TOTP) ----------------------------------------------------------------------------------

def second_factor_reasons(user) -> list[str]:
    """Why `user` must use a second factor: the reason of each registered right they hold (empty: no need)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [right.why for right in second_factor_rights() if user.has_perm(right.perm)]


def needs_two_factor(user) -> bool:
    """Whether `user` holds a right that requires a second factor (e.g. 查看举报人身份)."""
    return bool(second_factor_reasons(user))


def password_ok(request: HttpRequest, password: str) -> bool:
    """Whether `password` is the signed-in user's, checked as a login is: a wrong one counts towards the
    django-axes lockout, so a borrowed session cannot guess it at leisure."""
    user = request.user
    if not password:
        return False
    found = authenticate(request, username=user.get_username(), password=password)
    return found is not None and found.pk == user.pk


def confirmed_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one per user; made on first call, reused after)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def otpauth_uri(device: TOTPDevice) -> str:
    """The otpauth:// URI that an authenticator app scans (issuer from settings.OTP_TOTP_ISSUER)."""
    return device.config_url


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, grouped by four, for typing it in when a camera is not at hand."""
    from base64 import b32encode

    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def qr_svg(text: str, *, title: str = "身份验证器二维码") -> str:
    """`text` as a QR code in inline SVG: presentation attributes only, no style or script (the CSP allows
    neither inline), with a title for screen readers."""
    import segno

    svg = segno.make(text, error="m").svg_inline(scale=4, border=4, dark="#000", light="#fff")
    # segno's root element has no role; name it so assistive technology announces what it is.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)


def _token(value: str) -> str:
    return "".join(ch for ch in str(value or "") if not ch.isspace())


def confirm_device(request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Confirm a device being set up with its first code; the session counts as verified then. Any other
    device of the user is removed, so a lost phone stops working once a new one is confirmed."""
    if device.user_id != request.user.pk or device.confirmed:
        return False
    with transaction.atomic():
        if not device.verify_is_allowed()[0] or not device.verify_token(_token(token)):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    request.session.cycle_key()  # a new session id for the more trusted session
    otp_login(request, device)
    return True


def verify_session(request: HttpRequest, token: str) -> bool:
    """Mark this session verified by a current code of the user's confirmed device."""
    device = confirmed_device(request.user)
    if device is None:
        return False
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_is_allowed()[0] or not device.verify_token(_token(token)):
            return False
    request.session.cycle_key()
    otp_login(request, device)
    return True


def throttle_message(user, device: TOTPDevice | None = None) -> str:
    """Why codes are refused for a while (django-otp slows down after wrong codes), or ''. `device`: the one
    being set up (by default the user's confirmed one, else any)."""
    device = device or confirmed_device(user) or TOTPDevice.objects.filter(user=user).first()
    if device is None:
        return ""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return ""
    return "验证码错误次数较多，为防止猜测已暂停验证，请稍候再试（错误越多，等待越久）。"


def is_verified(user) -> bool:
    """Whether this session was verified with a second factor (OTPMiddleware sets is_verified)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def second_factor_gate(user) -> str | None:
    """What `user` still lacks for a step that needs a second factor: "setup" (no authenticator yet),
    "verify" (this session not verified with it), or None (ready)."""
    if confirmed_device(user) is None:
        return "setup"
    if not is_verified(user):
        return "verify"
    return None


# ---- login lockout (django-axes) without connection details ---------------------------------------------

def no_client_ip(request: HttpRequest) -> None:
    """AXES_CLIENT_IP_CALLABLE: lockouts go by user name alone, so no address is taken."""
    return None


class LeanAxesHandler(AxesDatabaseHandler):
    """axes' database handler, minus the browser string and Accept header it would store with each
    attempt (AccessAttempt.user_agent is NOT NULL, so it is kept empty rather than absent)."""

    @staticmethod
    def _scrub(request) -> None:
        if request is not None:
            request.axes_ip_address = None
            request.axes_user_agent = ""
            request.axes_http_accept = ""

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        self._scrub(request)
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        self._scrub(request)
        return super().user_logged_in(sender, request, user, **kwargs)

    def user_logged_out(self, sender, request, user, **kwargs):
        self._scrub(request)
        return super().user_logged_out(sender, request, user, **kwargs)
