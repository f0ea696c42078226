"""The second factor on the staff desk: the old /reports/2fa/ addresses redirect keeping `next`, replacing an
authenticator needs a verified session and the password, `next` stays on this site, and the authenticator
issuer is the site's name, not one system's."""
import importlib
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhengwu.desk import accounts

from .helpers import PASSWORD, token_for, unthrottle, user_with

pytestmark = pytest.mark.django_db


def verified(client, user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    assert client.post(reverse("desk:2fa_verify"), {"token": token_for(device)}).status_code == 302
    return device


@pytest.mark.parametrize(("old", "new"), [("/reports/2fa/setup/", "/desk/2fa/setup/"),
                                          ("/reports/2fa/verify/", "/desk/2fa/verify/")])
def test_old_addresses_redirect_permanently_keeping_next(client, old, new):
    response = client.get(old + "?next=/reports/KB2021-000001/")
    assert response.status_code == 301
    assert response["Location"] == new + "?next=/reports/KB2021-000001/"
    assert client.get(old)["Location"] == new


def test_the_new_addresses_and_names():
    assert reverse("desk:2fa_setup") == "/desk/2fa/setup/"
    assert reverse("desk:2fa_verify") == "/desk/2fa/verify/"
    assert reverse("desk:2fa_replace") == "/desk/2fa/replace/"


def test_set_up_lands_on_next_when_it_is_this_site(client):
    user = user_with("clerk")
    client.force_login(user)
    client.get(reverse("desk:2fa_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("desk:2fa_setup"), {"token": token_for(device), "next": "/subsidies/"})
    assert response.status_code == 302 and response["Location"] == "/subsidies/"


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/", "http://testserver.evil.example/"])
def test_next_never_leaves_the_site(client, evil):
    user = user_with("clerk")
    client.force_login(user)
    client.get(reverse("desk:2fa_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("desk:2fa_setup"), {"token": token_for(device), "next": evil})
    assert response.status_code == 302 and response["Location"] == "/desk/"


def test_replace_needs_the_password_then_swaps_the_device(client):
    user = user_with("a_officer", "reports.view_reporter_identity", password=PASSWORD)
    old = verified(client, user)
    page = client.get(reverse("desk:2fa_replace"))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "登录密码" in page.content.decode() and "<svg " in page.content.decode()
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    assert new.pk != old.pk
    # a wrong password: refused, nothing changes, and the code is not spent
    response = client.post(reverse("desk:2fa_replace"), {"password": "wrong-password", "token": token_for(new)})
    assert response.status_code == 400 and 'id="password-error"' in response.content.decode()
    assert "密码不正确" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=old.pk, confirmed=True).exists()
    # no password at all: refused too
    assert client.post(reverse("desk:2fa_replace"), {"token": token_for(new)}).status_code == 400
    # a wrong code with the right password: refused
    response = client.post(reverse("desk:2fa_replace"), {"password": PASSWORD, "token": "000000"})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    unthrottle(new)
    response = client.post(reverse("desk:2fa_replace"), {"password": PASSWORD, "token": token_for(new),
                                                         "next": "/reports/"})
    assert response.status_code == 302 and response["Location"] == "/reports/"
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", "confirmed")) == [(new.pk, True)]
    assert accounts.confirmed_device(user).pk == new.pk


def test_replace_a_wrong_password_counts_towards_the_lockout(client):
    from axes.models import AccessAttempt

    user = user_with("clerk", password=PASSWORD)
    verified(client, user)
    client.post(reverse("desk:2fa_replace"), {"password": "wrong-password", "token": "123456"})
    assert AccessAttempt.objects.get(username="clerk").failures_since_start == 1


def test_replace_needs_a_verified_session_and_a_device(client):
    user = user_with("clerk", password=PASSWORD)
    client.force_login(user)
    response = client.get(reverse("desk:2fa_replace") + "?next=/subsidies/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("desk:2fa_setup"))
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == ["/subsidies/"]
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.get(reverse("desk:2fa_replace") + "?next=/subsidies/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("desk:2fa_verify"))
    after = parse_qs(urlsplit(response["Location"]).query)["next"][0]
    assert after == reverse("desk:2fa_replace") + "?next=%2Fsubsidies%2F"


def test_the_issuer_is_the_site_name(settings):
    assert settings.ZHENGWU_SITE_NAME == "重庆市綦江区人民政府"
    assert settings.OTP_TOTP_ISSUER == settings.ZHENGWU_SITE_NAME
    device = TOTPDevice.objects.create(user=user_with("clerk"), name="phone", confirmed=False)
    uri = accounts.otpauth_uri(device)
    assert "issuer=%E9%87%8D%E5%BA%86" in uri and "%E4%B8%BE%E6%8A%A5" not in uri  # 重庆…, no 举报


def test_the_site_name_comes_from_the_environment(monkeypatch):
    import zhengwu.settings as module

    monkeypatch.setenv("ZHENGWU_SITE_NAME", "重庆市某某区人民政府")
    try:
        changed = importlib.reload(module)
        assert changed.ZHENGWU_SITE_NAME == changed.OTP_TOTP_ISSUER == "重庆市某某区人民政府"
        monkeypatch.setenv("ZHENGWU_SITE_NAME", "  ")
        assert importlib.reload(module).ZHENGWU_SITE_NAME == "重庆市綦江区人民政府"
    finally:
        monkeypatch.delenv("ZHENGWU_SITE_NAME")
        importlib.reload(module)


def test_an_account_without_a_right_needing_it_is_given_no_reason(client):
    user = user_with("clerk")
    assert accounts.second_factor_gate(user) == "setup"
    assert not accounts.needs_two_factor(user)  # no right that requires it: the set-up page says no reason
    client.force_login(user)
    assert "查看举报人身份" not in client.get(reverse("desk:2fa_setup")).content.decode()
