"""Revealing a reporter's identity (举报人身份) behind permission + second factor + reason, and logged."""
import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.desk.helpers import token_for
from zhengwu.core.private_pages import REFERRER_POLICY
from zhengwu.reports.models import AccessLog

from .conftest import ID_NUMBER, NAME, PHONE, step

pytestmark = pytest.mark.django_db


# ---- revealing the identity ------------------------------------------------------------------------------

def reveal(client, report, reason="联系举报人核实情况"):
    return client.post(reverse("reports_staff:identity", args=[report.reference]), {"reveal-reason": reason})


def verified_client(client, user):
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    assert client.post(reverse("desk:2fa_verify"), {"token": token_for(device)}).status_code == 302
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
    assert response.status_code == 302 and response["Location"].startswith(reverse("desk:2fa_setup"))
    TOTPDevice.objects.create(user=world.a_officer, name="phone", confirmed=True)
    response = reveal(client, report)  # a device, but this session is not verified with it
    assert response.status_code == 302 and response["Location"].startswith(reverse("desk:2fa_verify"))
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
