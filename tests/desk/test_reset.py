"""Password reset by mail (找回密码): the mail goes through the configured backend (locmem here), names the
site, and its link sets a new password once; the page says the same for an unknown address."""
import re

import pytest
from django.core import mail
from django.urls import reverse

from .helpers import PASSWORD, login, user_with

pytestmark = pytest.mark.django_db

NEW = "Xinmima-anquan-2026!"


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_reset_mail_link_sets_a_new_password(client):
    user = user_with("clerk", password=PASSWORD)
    user.email = "clerk@qj.example.cn"
    user.save()
    page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in page and "忘记密码" in page
    response = client.get(reverse("password_reset"))
    assert response.status_code == 200 and "找回密码" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    response = client.post(reverse("password_reset"), {"email": "clerk@qj.example.cn"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert "重设链接已发送" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["clerk@qj.example.cn"] and "重庆市綦江区人民政府" in sent.subject
    assert "重设密码" in sent.subject and "clerk" in sent.body
    link = re.search(r"https?://testserver(/accounts/password/reset/\S+/)", sent.body)[1]
    response = client.get(link)  # Django swaps the token for a session key, off the address bar
    assert response.status_code == 302
    form_url = response["Location"]
    page = client.get(form_url)
    assert page.status_code == 200 and "设置新密码" in page.content.decode()
    weak = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200 and 'id="new_password2-error"' in weak.content.decode()
    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_complete")
    assert "密码已重设" in client.get(response["Location"]).content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW)
    # the link is good once
    again = client.get(link, follow=True).content.decode()
    assert "链接无效" in again
    client.logout()
    assert login(client, "clerk", NEW)["Location"] == "/desk/"


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@qj.example.cn"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_malformed_address_is_named(client):
    response = client.post(reverse("password_reset"), {"email": "not-an-address"})
    assert response.status_code == 200 and 'id="email-error"' in response.content.decode()
