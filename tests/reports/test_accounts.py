"""Staff accounts: login and lockout (django-axes, by user name, no address or browser kept), strong
passwords, TOTP setup and verification, and revealing a reporter's identity behind permission + second
factor + reason."""
import re
import time

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhengwu.core.private_pages import REFERRER_POLICY
from zhengwu.reports import accounts
from zhengwu.reports.models import AccessLog

from .conftest import ID_NUMBER, NAME, PHONE, step

pytestmark = pytest.mark.django_db

PASSWORD = "Qijiang-anquan-2021!"


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # the lockout test checks passwords many times; the algorithm is not what is tested here
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def token_for(device: TOTPDevice, *, ahead: int = 0) -> str:
    """The device's code now (or `ahead` steps later: a code is good once, so a second check needs the next)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def login(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


# ---- login and lockout -----------------------------------------------------------------------------------

def test_login_page_is_chinese_and_private(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "工作人员登录" in body and "用户名" in body and "密码" in body
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == REFERRER_POLICY


def test_login_then_dashboard_and_logout_by_post(client, db):
    User.objects.create_user("clerk", password=PASSWORD)
    response = login(client, "clerk", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/reports/"
    assert client.get("/reports/").status_code == 200
    assert client.get(reverse("logout")).status_code == 405  # a link cannot log anyone out
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.get("/reports/").status_code == 302


def test_five_wrong_passwords_lock_the_account_for_30_minutes(client, db, settings):
    from axes.models import AccessAttempt

    User.objects.create_user("clerk", password=PASSWORD)
    for _ in range(4):
        response = login(client, "clerk", "wrong-password")
        assert response.status_code == 200 and "正确的用户名和密码" in response.content.decode().replace(" ", "")
    response = login(client, "clerk", "wrong-password")  # the fifth
    assert response.status_code == 429 and "锁定30分钟" in response.content.decode()
    # now even the right password is refused
    response = login(client, "clerk", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    # by user name only, keeping no address and no browser string
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "clerk" and attempt.ip_address is None and attempt.user_agent == ""
    assert attempt.http_accept == "" and "wrong-password" not in attempt.post_data
    # another account is not affected
    User.objects.create_user("other", password=PASSWORD)
    assert login(client, "other", PASSWORD).status_code == 302


def test_a_right_password_before_the_limit_resets_the_count(client, db):
    from axes.models import AccessAttempt

    User.objects.create_user("clerk", password=PASSWORD)
    for _ in range(4):
        login(client, "clerk", "wrong")
    assert login(client, "clerk", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()


# ---- passwords -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("weak", ["short1A!", "123456789012345", "password1234", "qwertyuiop123"])
def test_weak_passwords_are_refused(weak, db):
    user = User(username="wangwu", first_name="五", last_name="王")
    assert accounts.password_problems(weak, user)
    assert accounts.password_problems(PASSWORD, user) == []


def test_password_similar_to_the_user_name_is_refused(db):
    user = User(username="zhangsanfeng", email="zhangsanfeng@example.cn")
    problems = accounts.password_problems("zhangsanfeng1", user)
    assert problems and any("相似" in p for p in problems)


def test_password_change_page_applies_the_validators(client, db):
    user = User.objects.create_user("clerk", password=PASSWORD)
    client.force_login(user)
    response = client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "12345678",
                                                         "new_password2": "12345678"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "至少" in body and "12" in body and 'id="new_password2-error"' in body
    response = client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "Anquan-jubao-2026",
                                                         "new_password2": "Anquan-jubao-2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Anquan-jubao-2026")


# ---- two-factor ------------------------------------------------------------------------------------------

def test_setup_shows_an_inline_svg_qr_and_confirms_with_a_code(client, world):
    client.force_login(world.a_officer)
    response = client.get(reverse("reports_staff:2fa_setup"))
    assert response.status_code == 200
    body = response.content.decode()
    svg = re.search(r"<svg .*?</svg>", body, re.S)[0]
    assert 'role="img"' in svg and "style=" not in svg and "<script" not in body.lower()
    assert " style=" not in body and "http://" not in svg and "https://" not in svg
    assert "no-store" in response["Cache-Control"]
    device = TOTPDevice.objects.get(user=world.a_officer)
    assert not device.confirmed
    assert "otpauth://totp/" in accounts.otpauth_uri(device)
    assert client.post(reverse("reports_staff:2fa_setup"), {"token": "000000"}).status_code == 400
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above slowed the device down; start afresh
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(reverse("reports_staff:2fa_setup"), {"token": token_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert accounts.identity_gate(User.objects.get(pk=world.a_officer.pk)) == "verify"  # a fresh request
    # a confirmed device is replaced only from a verified session — this one is verified now
    assert client.get(reverse("reports_staff:2fa_setup")).status_code == 200


def test_replacing_a_device_needs_a_verified_session(client, world):
    TOTPDevice.objects.create(user=world.a_officer, name="old", confirmed=True)
    client.force_login(world.a_officer)
    response = client.get(reverse("reports_staff:2fa_setup"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("reports_staff:2fa_verify"))


def test_verify_accepts_a_current_code_only(client, world):
    device = TOTPDevice.objects.create(user=world.a_officer, name="phone", confirmed=True)
    client.force_login(world.a_officer)
    response = client.post(reverse("reports_staff:2fa_verify"), {"token": "12345"})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(reverse("reports_staff:2fa_verify"), {"token": token_for(device),
                                                                 "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/reports/"  # no open redirect
    assert "本次登录已完成双因素验证" in client.get(reverse("reports_staff:2fa_verify")).content.decode()


# ---- revealing the identity ------------------------------------------------------------------------------

def reveal(client, report, reason="联系举报人核实情况"):
    return client.post(reverse("reports_staff:identity", args=[report.reference]), {"reveal-reason": reason})


def verified_client(client, user):
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    assert client.post(reverse("reports_staff:2fa_verify"), {"token": token_for(device)}).status_code == 302
    return client


def test_identity_needs_the_permission(client, file, world):
    report = step(file().report, "routed", world.clerk, unit=world.dept_a)
    verified_client(client, world.a_staff)  # verified, but without the permission
    response = reveal(client, report)
    assert response.status_code == 403 and "无权查看举报人身份" in response.content.decode()
    assert NAME not in response.content.decode()
    assert not AccessLog.objects.filter(what="identity").exists()


def test_identity_needs_a_second_factor(client, file, world):
    report = step(file().report, "routed", world.clerk, unit=world.dept_a)
    client.force_login(world.a_officer)
    page = client.get(reverse("reports_staff:case", args=[report.reference])).content.decode()
    assert "设置身份验证器" in page
    response = reveal(client, report)
    assert response.status_code == 302 and response["Location"].startswith(reverse("reports_staff:2fa_setup"))
    TOTPDevice.objects.create(user=world.a_officer, name="phone", confirmed=True)
    response = reveal(client, report)  # a device, but this session is not verified with it
    assert response.status_code == 302 and response["Location"].startswith(reverse("reports_staff:2fa_verify"))
    assert not AccessLog.objects.filter(what="identity").exists()


def test_identity_needs_a_reason_and_is_logged(client, file, world):
    report = step(file().report, "routed", world.clerk, unit=world.dept_a)
    verified_client(client, world.a_officer)
    response = reveal(client, report, reason="  ")
    assert response.status_code == 400 and 'id="reveal-reason-error"' in response.content.decode()
    assert not AccessLog.objects.filter(what="identity").exists()
    response = reveal(client, report)
    body = response.content.decode()
    assert response.status_code == 200
    assert NAME in body and PHONE in body and ID_NUMBER in body
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == REFERRER_POLICY
    log = AccessLog.objects.get(what="identity")
    assert log.user == world.a_officer and log.report == report and log.reason == "联系举报人核实情况"


def test_identity_holder_of_another_department_is_refused(client, file, world):
    report = step(file().report, "routed", world.clerk, unit=world.dept_b)
    verified_client(client, world.a_officer)
    assert reveal(client, report).status_code == 403
    assert not AccessLog.objects.exists()
