"""Staff pages (/reports/): who sees which case, the dashboard's lights, the whole path through the forms,
refused and stale steps, staff entry of a report, headers."""
import datetime as dt
import re

import pytest
from django.urls import reverse

from zhengwu.core.private_pages import REFERRER_POLICY
from zhengwu.reports.models import AccessLog, CaseMessage, Report

from .conftest import DESCRIPTION, ID_NUMBER, NAME, PHONE, step, walk_to

pytestmark = pytest.mark.django_db


def client_for(client, user):
    client.force_login(user)
    return client


def case_url(report) -> str:
    return reverse("reports_staff:case", args=[report.reference])


def act_url(report, action: str) -> str:
    return reverse("reports_staff:act", args=[report.reference, action])


def post_action(client, report, action: str, version: int | None = None, **fields):
    """POST one action form as the page would (fields prefixed with the action's name)."""
    data = {f"{action}-expected_version": report.version if version is None else version}
    data.update({f"{action}-{k}": v for k, v in fields.items() if k != "op"})
    if "op" in fields:
        data["op"] = fields["op"]
    return client.post(act_url(report, action), data)


def text(response) -> str:
    return response.content.decode()


# ---- access ----------------------------------------------------------------------------------------------

def test_pages_need_a_login(client, file):
    report = file().report
    for url in (reverse("reports_staff:dashboard"), case_url(report), reverse("reports_staff:stats")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
        assert "no-store" in response["Cache-Control"]


def test_department_a_cannot_open_department_b_case(client, file, world):
    mine = step(file().report, "routed", world.clerk, unit=world.dept_a)
    theirs = step(file().report, "routed", world.clerk, unit=world.dept_b)
    client_for(client, world.a_staff)
    response = client.get(case_url(theirs))
    assert response.status_code == 403
    assert "无权查看举报" in text(response) and theirs.reference in text(response)
    assert DESCRIPTION not in text(response)
    assert response["Cache-Control"].count("no-store") == 1 and response["Referrer-Policy"] == REFERRER_POLICY
    # nor act on it, nor read its evidence or reveal its reporter
    assert post_action(client, theirs, "start").status_code == 403
    assert client.post(reverse("reports_staff:identity", args=[theirs.reference]), {"reveal-reason": "x"}).status_code == 403
    assert Report.objects.get(pk=theirs.pk).state == "routed"
    dashboard = text(client.get(reverse("reports_staff:dashboard")))
    assert mine.reference in dashboard and theirs.reference not in dashboard
    assert client.get(case_url(mine)).status_code == 200
    assert not AccessLog.objects.filter(report=theirs).exists()


def test_unknown_case_is_404(client, world):
    client_for(client, world.clerk)
    response = client.get(reverse("reports_staff:case", args=["JB2099-000001"]))
    assert response.status_code == 404 and "no-store" in response["Cache-Control"]


def test_case_page_headers_and_content_read_is_logged(client, file, world):
    report = file().report
    client_for(client, world.clerk)
    response = client.get(case_url(report))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # same-origin: no address goes to another site, and form POSTs keep the Origin that CSRF checks
    # (no-referrer makes browsers send "Origin: null", which Django rejects; see core.private_pages)
    assert response["Referrer-Policy"] == REFERRER_POLICY == "same-origin"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    body = text(response)
    assert DESCRIPTION in body
    # the identity is not on the case page
    assert NAME not in body and PHONE not in body and ID_NUMBER not in body
    assert AccessLog.objects.filter(report=report, user=world.clerk, what="content").count() == 1
    for url in (reverse("reports_staff:dashboard"), reverse("reports_staff:new")):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == REFERRER_POLICY


# ---- dashboard -------------------------------------------------------------------------------------------

def test_dashboard_lights_filters_samples_and_overdue(client, file, world):
    late = file().report  # received 2021-09-01, verification due 2021-11-01: long overdue
    sample = file(is_sample=True).report
    closed = walk_to(file().report, "claimed", world)
    client_for(client, world.clerk)
    body = text(client.get(reverse("reports_staff:dashboard")))
    assert "已逾期" in body and "light-red" in body  # colour and its words
    assert "示例" in body
    assert "逾期未办" in body
    overdue_part = body.split('id="overdue"')[1].split('id="cases"')[0]
    assert late.reference in overdue_part and closed.reference not in overdue_part
    red = text(client.get(reverse("reports_staff:dashboard"), {"colour": "red"}))
    assert late.reference in red and sample.reference in red
    assert closed.reference not in red.split('id="cases"')[1]
    claimed = text(client.get(reverse("reports_staff:dashboard"), {"state": "claimed"})).split('id="cases"')[1]
    assert closed.reference in claimed and late.reference not in claimed


def test_department_dashboard_has_no_overdue_list(client, file, world):
    step(file().report, "routed", world.clerk, unit=world.dept_a)
    client_for(client, world.a_staff)
    body = text(client.get(reverse("reports_staff:dashboard")))
    assert "逾期未办" not in body and "本单位承办的举报" in body


# ---- the whole path --------------------------------------------------------------------------------------

def test_route_verify_reward_notice_claim_through_the_pages(client, file, world):
    report = file().report
    client_for(client, world.clerk)
    page = text(client.get(case_url(report)))
    assert 'id="act-route"' in page and 'id="act-true"' not in page

    response = post_action(client, report, "route", unit=world.dept_a.pk)
    assert response.status_code == 302 and response["Location"] == case_url(report)
    report.refresh_from_db()
    assert report.state == "routed" and report.handling_unit == world.dept_a

    a = client_for(client, world.a_staff)
    page = text(a.get(case_url(report)))
    assert 'id="act-start"' in page and 'id="act-transfer"' not in page  # transfer is the office's
    assert post_action(a, report, "start").status_code == 302
    report.refresh_from_db()
    assert post_action(a, report, "true", verified_on="2021-09-20").status_code == 302
    report.refresh_from_db()
    assert report.state == "verified_true" and report.notice_due == dt.date(2021, 10, 11)

    calc = post_action(a, report, "reward", op="calculate", kind="violation", fine="100000",
                       decided_on="2021-09-22")
    assert calc.status_code == 200
    body = text(calc)
    assert "15000.00 元" in body and "第五条（一）" in body and "确认决定奖励" in body
    report.refresh_from_db()
    assert report.state == "verified_true" and report.reward_sealed is None  # nothing stored by calculating

    assert post_action(a, report, "reward", op="decide", kind="violation", fine="100000",
                       decided_on="2021-09-22").status_code == 302
    report.refresh_from_db()
    assert report.state == "reward_decided"
    page = text(a.get(case_url(report)))
    assert "15000.00 元" in page and "第五条（一）" in page and NAME not in page  # payee by rule, not by name

    assert post_action(a, report, "notice", sent_on="2021-09-24", method="direct").status_code == 302
    report.refresh_from_db()
    assert report.state == "notice_sent" and report.claim_due == dt.date(2021, 11, 23)
    assert report.messages.filter(kind=CaseMessage.Kind.NOTICE).exists()

    assert post_action(a, report, "claim", method="in_person", claimed_on="2021-10-08").status_code == 302
    report.refresh_from_db()
    assert report.state == "claimed"
    history = text(a.get(case_url(report))).split('id="events"')[1]
    for words in ("已分办", "核查中", "查证属实", "已决定奖励", "已发领奖通知", "已领奖", "office_clerk", "a_staff",
                  "区住房城乡建委"):
        assert words in history
    assert AccessLog.objects.filter(report=report, what="reward").exists()


def test_reward_facts_errors_are_shown_by_field(client, file, world):
    report = walk_to(file().report, "verified_true", world)
    client_for(client, world.a_staff)
    response = post_action(client, report, "reward", op="calculate", kind="violation", fine="-5")
    assert response.status_code == 400
    assert re.search(r'id="reward-fine-error"[^>]*>[^<]*不能为负数', text(response))
    response = post_action(client, report, "reward", op="calculate", kind="concealed_accident",
                           concealed_deaths="2", grade="较大", exclusions=["media_exposed"])
    assert response.status_code == 200 and "0.00 元" in text(response) and "第八条（五）" in text(response)


def test_accident_reward_by_grade(client, file, world):
    report = walk_to(file().report, "verified_true", world)
    client_for(client, world.a_staff)
    response = post_action(client, report, "reward", op="calculate", kind="concealed_accident",
                           concealed_deaths="2", grade="较大")
    assert response.status_code == 200 and "80000.00 元" in text(response)


def test_illegal_transition_and_stale_version_change_nothing(client, file, world):
    report = step(file().report, "routed", world.clerk, unit=world.dept_a)
    client_for(client, world.a_staff)
    version = report.version
    response = post_action(client, report, "true", verified_on="2021-09-20")  # not verifying yet
    assert response.status_code == 400
    assert "不能转为“查证属实”" in text(response)
    report.refresh_from_db()
    assert report.state == "routed" and report.version == version

    stale = version
    step(report, "verifying", world.a_staff)  # someone else moves on
    report.refresh_from_db()
    response = post_action(client, report, "true", version=stale, verified_on="2021-09-20")
    assert response.status_code == 409
    assert "已被他人办理" in text(response)
    report.refresh_from_db()
    assert report.state == "verifying" and report.version == stale + 1
    # the re-shown page offers the current version
    assert f'name="true-expected_version" value="{report.version}"' in text(response)


def test_transfer_needs_a_reason_and_only_the_office_may(client, file, world):
    report = step(file().report, "routed", world.clerk, unit=world.dept_a)
    client_for(client, world.a_staff)
    assert post_action(client, report, "transfer", unit=world.dept_b.pk, reason="无权限").status_code == 403
    client_for(client, world.clerk)
    response = post_action(client, report, "transfer", unit=world.dept_b.pk, reason="")
    assert response.status_code == 400 and "请说明理由" in text(response)
    assert post_action(client, report, "transfer", unit=world.dept_b.pk, reason="不属住建职责").status_code == 302
    report.refresh_from_db()
    assert report.handling_unit == world.dept_b


def test_extend_verification_tells_the_reporter(client, file, world, monkeypatch):
    report = step(file().report, "routed", world.clerk, unit=world.dept_a)
    client_for(client, world.a_staff)
    response = post_action(client, report, "extend", days="31", approved_by="市应急局", approver="李四",
                           on="2021-10-20", reason="涉及多个企业")
    assert response.status_code == 400 and "不得超过30日" in text(response)
    response = post_action(client, report, "extend", days="20", approved_by="市应急局", approver="李四",
                           on="2021-10-20", reason="涉及多个企业")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.extended_due is not None
    assert report.messages.filter(kind=CaseMessage.Kind.EXTENSION).exists()
    page = text(client.get(case_url(report)))
    assert 'id="act-extend"' not in page and "延长后核查期限" in page and "第四条" in page


def test_false_and_unverifiable_need_reasons(client, file, world):
    report = walk_to(file().report, "verifying", world)
    client_for(client, world.a_staff)
    assert post_action(client, report, "false", reason="").status_code == 400
    response = post_action(client, report, "unverifiable", referred_on="2021-10-01", reason="无法进入现场")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "unverifiable"


def test_lapse_and_extend_claim(client, file, world):
    report = walk_to(file().report, "notice_sent", world)
    client_for(client, world.a_staff)
    response = post_action(client, report, "lapse", on="2021-10-01")
    assert response.status_code == 400 and "期满后才能认定" in text(response)
    assert post_action(client, report, "extend_claim", days="10", reason="住院").status_code == 302
    report.refresh_from_db()
    assert report.claim_extended_due is not None
    assert post_action(client, report, "lapse", on="2022-01-10").status_code == 302
    report.refresh_from_db()
    assert report.state == "lapsed"


def test_ask_the_reporter(client, file, world):
    report = step(file().report, "routed", world.clerk, unit=world.dept_a)
    client_for(client, world.a_staff)
    assert client.post(act_url(report, "ask"), {"ask-text": ""}).status_code == 400
    assert client.post(act_url(report, "ask"), {"ask-text": "请补充现场照片"}).status_code == 302
    assert "请补充现场照片" in text(client.get(case_url(report)))


def test_same_matter_candidates_for_the_office_only(client, file, world):
    first = file().report
    second = file(received_at=dt.datetime(2021, 9, 5, 9, 0, tzinfo=dt.UTC)).report
    step(second, "routed", world.clerk, unit=world.dept_a)
    client_for(client, world.a_staff)
    page = text(client.get(case_url(second)))
    assert 'id="act-link"' not in page and first.reference not in page
    client_for(client, world.clerk)
    page = text(client.get(case_url(second)))
    assert "可能是同一事项" in page and first.reference in page and "信用代码相同" in page
    second.refresh_from_db()
    assert post_action(client, second, "link", other=first.reference, reason="同一企业同一隐患").status_code == 302
    second.refresh_from_db()
    assert second.matter_id == first.matter_id
    assert "（最先受理）" in text(client.get(case_url(second)))


def test_evidence_download_is_logged(client, file, world):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    report = file(evidence=[("现场.png", png)]).report
    client_for(client, world.clerk)
    page = text(client.get(case_url(report)))
    item = report.evidence.get()
    url = reverse("reports_staff:evidence", args=[report.reference, item.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == png
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"].count("no-store") == 1
    assert AccessLog.objects.filter(report=report, what="evidence", reason="下载证据材料").exists()


def test_documents_download(client, file, world):
    pytest.importorskip("zhengwu.reports.documents")
    report = file().report
    client_for(client, world.clerk)
    response = client.get(reverse("reports_staff:document", args=[report.reference, "receipt"]))
    assert response.status_code == 200, text(response)
    data = b"".join(response.streaming_content)
    assert data[:2] == b"PK" and response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    # a notice that does not fit the stage: back to the case page with the reason
    response = client.get(reverse("reports_staff:document", args=[report.reference, "lapse"]))
    assert response.status_code == 302


# ---- staff entry -----------------------------------------------------------------------------------------

def test_office_enters_a_phone_report_and_sees_the_receipt_code_once(client, world):
    client_for(client, world.clerk)
    form = {"channel": "phone_61271258", "received_at": "2021-09-03T09:30", "occurred_at": "2021年9月2日",
            "place": "綦江区通惠街道", "unit_name": "某某煤矿", "description": "井下瓦斯超限仍组织生产",
            "name": "李四", "phone": "13900001111"}
    response = client.post(reverse("reports_staff:new"), form)
    assert response.status_code == 201
    body = text(response)
    code = re.search(r'id="receipt-code">([^<]+)<', body)[1]
    report = Report.objects.get()
    assert code.startswith(report.reference + "-") and report.channel == "phone_61271258"
    assert report.events.get().who == world.clerk
    assert report.accepted_on == dt.date(2021, 9, 3)
    assert "no-store" in response["Cache-Control"]
    assert code not in text(client.get(case_url(report)))  # shown once only


def test_staff_entry_errors_by_field_and_department_refused(client, world):
    client_for(client, world.clerk)
    response = client.post(reverse("reports_staff:new"), {"channel": "letter", "place": "某地", "unit_name": "某厂",
                                                          "description": "隐患", "anonymous": "on"})
    assert response.status_code == 400
    assert 'id="occurred_at-error"' in text(response)
    assert Report.objects.count() == 0
    response = client.post(reverse("reports_staff:new"), {"channel": "web"})
    assert response.status_code == 400  # web reports come through the public form
    client_for(client, world.a_staff)
    assert client.get(reverse("reports_staff:new")).status_code == 403


def test_reward_notice_document_needs_the_identity_right_and_a_second_factor(client, file, world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.desk.helpers import token_for

    report = walk_to(file().report, "notice_sent", world)
    url = reverse("reports_staff:document", args=[report.reference, "reward_notice"])
    client_for(client, world.a_staff)  # handles the case, may not see who reported
    assert client.get(url).status_code == 403
    client_for(client, world.a_officer)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("desk:2fa_setup"))
    device = TOTPDevice.objects.create(user=world.a_officer, name="phone", confirmed=True)
    assert client.post(reverse("desk:2fa_verify"), {"token": token_for(device)}).status_code == 302
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"
    assert AccessLog.objects.filter(report=report, user=world.a_officer, what="identity").exists()
