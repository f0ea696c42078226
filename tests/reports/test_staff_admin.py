"""The admin shows cases, their record and the access log read-only, and never a sealed column."""
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from zhengwu.reports import access
from zhengwu.reports.models import AccessLog, CaseEvent, Report

from .conftest import DESCRIPTION, NAME, PHONE, PLACE, walk_to

pytestmark = pytest.mark.django_db


def test_admin_is_read_only_and_shows_nothing_sealed(client, file, world):
    report = walk_to(file().report, "notice_sent", world)
    access.reveal_identity(world.a_officer, report, "联系举报人")
    client.force_login(User.objects.create_superuser("admin"))
    pages = [reverse("admin:reports_report_changelist"), reverse("admin:reports_report_change", args=[report.pk]),
             reverse("admin:reports_caseevent_changelist"),
             reverse("admin:reports_caseevent_change", args=[CaseEvent.objects.filter(report=report).first().pk]),
             reverse("admin:reports_casemessage_changelist"), reverse("admin:reports_accesslog_changelist"),
             reverse("admin:reports_accesslog_change", args=[AccessLog.objects.first().pk])]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in (NAME, PHONE, DESCRIPTION, PLACE, "15000.00", report.receipt_hash[:30]):
            assert secret not in body, (url, secret)
    change = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert report.reference in change and 'name="_save"' not in change  # view only
    assert client.get(reverse("admin:reports_report_add")).status_code == 403
    assert client.post(reverse("admin:reports_report_delete", args=[report.pk]), {"post": "yes"}).status_code == 403
    assert Report.objects.filter(pk=report.pk).exists()
