"""Statistics (counts and sums, never identities or content), their CSV/Excel exports, and the office's
access log page."""
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from zhengwu.core.private_pages import REFERRER_POLICY
from zhengwu.reports import access, stats

from .conftest import CONTENT, DESCRIPTION, ID_NUMBER, NAME, PHONE, PLACE, UNIT, step, walk_to

pytestmark = pytest.mark.django_db

OTHER = {"name": "欧阳明月", "phone": "13611112222", "id_number": "110105198001011238"}


@pytest.fixture
def cases(file, world):
    """Five cases: claimed (15,000), verified false, routed, an anonymous one, and a sample."""
    claimed = walk_to(file().report, "claimed", world)
    false = walk_to(file(identity=dict(OTHER)).report, "verifying", world)
    false = step(false, "verified_false", world.a_staff, reason="现场无此情况", verified_on=dt.date(2021, 9, 30))
    routed = step(file(channel="letter", received_at=dt.datetime(2021, 10, 8, 9, tzinfo=dt.UTC)).report,
                  "routed", world.clerk, unit=world.dept_b)
    anonymous = file(identity={"phone": "13700001111"}, anonymous=True).report
    sample = file(is_sample=True).report
    return {"claimed": claimed, "false": false, "routed": routed, "anonymous": anonymous, "sample": sample}


def test_statistics_counts(cases):
    found = stats.statistics()
    assert found.total == 4  # the sample is left out
    assert dict(found.by_state) == {"已受理": 1, "已分办": 1, "查证不实": 1, "已领奖": 1}
    assert dict(found.by_channel) == {"12350 举报电话": 3, "信函": 1}
    assert dict(found.by_month) == {"2021-09": 3, "2021-10": 1}
    assert dict(found.by_unit) == {"区住房城乡建委": 2, "区交通局": 1, "（尚未分办）": 1}
    assert (found.concluded, found.verified_true, found.verified_true_rate) == (2, 1, Decimal("50.0"))
    assert found.rewards_total == Decimal("15000.00") and found.rewards_paid_total == Decimal("15000.00")
    assert stats.statistics(samples=True).total == 5
    assert stats.statistics(year=2022).total == 0 and stats.statistics(year=2022).verified_true_rate is None


def _secrets() -> list[str]:
    return [NAME, PHONE, ID_NUMBER, OTHER["name"], OTHER["phone"], OTHER["id_number"], "13700001111", DESCRIPTION,
            PLACE, UNIT, CONTENT["credit_code"]]


def test_statistics_page_and_exports_hold_no_identity_or_content(client, cases, world):
    client.force_login(world.clerk)
    page = client.get(reverse("reports_staff:stats"))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="total">4<' in body and "50.0%" in body and "15000.00" in body
    assert "no-store" in page["Cache-Control"] and page["Referrer-Policy"] == REFERRER_POLICY
    exported = client.get(reverse("reports_staff:stats_csv"))
    assert exported["Content-Disposition"].startswith("attachment")
    csv_text = exported.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[0] == ["类别", "项目", "数值"] and ["总体", "举报件数", "4"] in rows
    assert ["按承办单位", "区住房城乡建委", "2"] in rows
    xlsx = client.get(reverse("reports_staff:stats_xlsx"))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert ["总体", "举报件数", 4] in cells
    xlsx_text = "\n".join(str(c) for row in cells for c in row)
    for secret in _secrets():
        assert secret not in body, secret
        assert secret not in csv_text, secret
        assert secret not in xlsx_text, secret
    for report in cases.values():
        assert report.reference not in body and report.reference not in csv_text  # no case is singled out


def test_statistics_filters_and_access(client, cases, world):
    client.force_login(world.clerk)
    body = client.get(reverse("reports_staff:stats"), {"year": "2021", "samples": "on"}).content.decode()
    assert 'id="total">5<' in body
    assert client.get(reverse("reports_staff:stats"), {"year": "abc"}).status_code == 400
    client.force_login(world.a_staff)
    assert client.get(reverse("reports_staff:stats")).status_code == 403
    assert client.get(reverse("reports_staff:stats_csv")).status_code == 403
    client.force_login(User.objects.create_superuser("chief"))  # supervisors: reports.view_statistics
    assert client.get(reverse("reports_staff:stats")).status_code == 200


def test_access_log_page_for_the_office(client, cases, world):
    report = cases["routed"]
    access.read_content(world.b_staff, report, "核查")
    client.force_login(world.clerk)
    response = client.get(reverse("reports_staff:access_log"), {"reference": report.reference})
    body = response.content.decode()
    assert response.status_code == 200
    assert "b_staff" in body and "举报内容" in body and "核查" in body and report.reference in body
    table = body[body.index('<table class="cases" id="access-log">'):body.index("</table>")]
    assert "IP" not in table and "地址" not in table  # no column for where a reader sat (the CSRF token may hold "IP")
    assert "no-store" in response["Cache-Control"]
    client.force_login(world.b_staff)
    assert client.get(reverse("reports_staff:access_log")).status_code == 403
