"""What the staff-desk tests and other systems' login tests share: a strong password, a login by POST and
the current code of an authenticator."""
import time

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Qijiang-anquan-2021!"


def token_for(device: TOTPDevice, *, ahead: int = 0) -> str:
    """The device's code now (or `ahead` steps later: a code is good once, so a second check needs the next)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def login(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def unthrottle(device: TOTPDevice) -> None:
    """Forget the wrong codes before (django-otp slows a device down after each), to try a right one now."""
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()


def user_with(username: str, *perms: str, password: str | None = None):
    """A user holding `perms` ("app.codename"), fresh from the database (no stale permission cache)."""
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user(username, password=password)
    for perm in perms:
        app, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
    return User.objects.get(pk=user.pk)
