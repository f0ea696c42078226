"""Staff accounts of every system: login and lockout (django-axes, by user name, no address or browser
kept), strong passwords, TOTP set-up and verification."""
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhengwu.core.private_pages import REFERRER_POLICY
from zhengwu.desk import accounts

from .helpers import PASSWORD, login, token_for, unthrottle, user_with

pytestmark = pytest.mark.django_db

IDENTITY = "reports.view_reporter_identity"  # the reports system registers it as needing a second factor


@pytest.fixture
def officer(db):
    """A department officer who may reveal reporters' identities, so must use a second factor."""
    return user_with("a_officer", IDENTITY)


# ---- login and lockout -----------------------------------------------------------------------------------

def test_login_page_is_chinese_and_private(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "工作人员登录" in body and "用户名" in body and "密码" in body
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == REFERRER_POLICY


def test_login_lands_on_the_desk_and_logout_is_by_post(client, db):
    User.objects.create_user("clerk", password=PASSWORD)
    response = login(client, "clerk", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/desk/"
    assert client.get("/desk/").status_code == 200
    assert client.get("/reports/").status_code == 200
    assert client.get(reverse("logout")).status_code == 405  # a link cannot log anyone out
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.get("/desk/").status_code == 302
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

def test_setup_shows_an_inline_svg_qr_and_confirms_with_a_code(client, officer):
    client.force_login(officer)
    response = client.get(reverse("desk:2fa_setup"))
    assert response.status_code == 200
    body = response.content.decode()
    svg = re.search(r"<svg .*?</svg>", body, re.S)[0]
    assert 'role="img"' in svg and "style=" not in svg and "<script" not in body.lower()
    assert " style=" not in body and "http://" not in svg and "https://" not in svg
    assert "no-store" in response["Cache-Control"]
    assert "查看举报人身份" in body and "第十条" in body  # why this account needs it
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed
    assert "otpauth://totp/" in accounts.otpauth_uri(device)
    assert client.post(reverse("desk:2fa_setup"), {"token": "000000"}).status_code == 400
    unthrottle(device)  # the wrong code above slowed the device down; start afresh
    response = client.post(reverse("desk:2fa_setup"), {"token": token_for(device)})
    assert response.status_code == 302 and response["Location"] == "/desk/"  # no next: the desk home
    device.refresh_from_db()
    assert device.confirmed
    assert accounts.second_factor_gate(User.objects.get(pk=officer.pk)) == "verify"  # a fresh request
    # with a confirmed device, set-up becomes replacement (password again) — this session is verified now
    response = client.get(reverse("desk:2fa_setup"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("desk:2fa_replace"))
    assert client.get(response["Location"]).status_code == 200


def test_replacing_a_device_needs_a_verified_session(client, officer):
    TOTPDevice.objects.create(user=officer, name="old", confirmed=True)
    client.force_login(officer)
    response = client.get(reverse("desk:2fa_setup"))
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith(reverse("desk:2fa_verify"))


def test_verify_accepts_a_current_code_only(client, officer):
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    client.force_login(officer)
    response = client.post(reverse("desk:2fa_verify"), {"token": "12345"})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    unthrottle(device)
    response = client.post(reverse("desk:2fa_verify"), {"token": token_for(device),
                                                        "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/desk/"  # no open redirect
    assert "本次登录已完成双因素验证" in client.get(reverse("desk:2fa_verify")).content.decode()


