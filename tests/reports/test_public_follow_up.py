"""Following a report up with the receipt code (/report/follow-up/): status, wrong codes and the lock,
answering staff, asking for the reward; the code only ever in POST bodies. And the announcements page."""
import datetime as dt
import re

import pytest
from django.test import Client

from zhengwu.reports.conversation import ask_reporter
from zhengwu.reports.models import CaseEvent, CaseMessage, Report
from zhengwu.reports.receipts import MAX_FAILURES

from .conftest import DESCRIPTION, NAME, PHONE, UNIT, step, walk_to
from .test_public_form import UA, page_of

URL = "/report/follow-up/"


@pytest.fixture
def client() -> Client:
    return Client(HTTP_USER_AGENT=UA)


def wrong(code: str) -> str:
    return code[:-1] + ("A" if code[-1] != "A" else "B")


def look_up(client: Client, code: str, **more):
    return client.post(URL, {"code": code, **more})


def test_the_code_form_is_a_post_form_with_a_label(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    page = page_of(response)
    form = [a for t, a in page.elements if t == "form" and a.get("action") == URL][0]
    assert form["method"] == "post"
    assert "code" in page.label_for and page.by_id("code")["autocomplete"] == "off"


def test_right_code_shows_the_state_and_deadline_and_nothing_identifying(client, file, world):
    filed = file()
    ask_reporter(world.clerk, filed.report, "请问隐患具体在哪个车间？")
    response = look_up(client, " " + filed.receipt_code.lower() + " ")  # as people type it
    assert response.status_code == 200
    page = page_of(response)
    assert page.text.count("已受理，等待分办核查") == 1
    assert "2021年11月1日前" in page.text  # verification due (第四条)
    assert "请问隐患具体在哪个车间？" in page.text and "办理人员" in page.text
    for secret in (NAME, PHONE, UNIT, DESCRIPTION, world.clerk.username):
        assert secret not in page.text
    # the code rides on in hidden fields of the reply form, never in a link or an action
    hidden = page.find("input", type="hidden", name="code")
    assert hidden and {h["value"] for h in hidden} == {filed.receipt_code}
    assert not any(filed.receipt_code in url for url in page.urls())
    assert not page.find("input", name="method")  # no claim form before a reward notice


def test_a_code_in_the_query_string_is_ignored(client, file):
    filed = file()
    response = client.get(URL, {"code": filed.receipt_code})
    assert response.status_code == 200
    assert "已受理" not in page_of(response).text
    assert filed.receipt_code not in response.content.decode()


def test_wrong_codes_get_a_clear_message_then_the_lock(client, file):
    filed = file()
    for attempt in range(1, MAX_FAILURES):
        response = look_up(client, wrong(filed.receipt_code))
        assert response.status_code == 400, attempt
        page = page_of(response)
        assert "回执码不正确" in page.text and page.find("a", href="#code")
        assert page.by_id("code")["aria-invalid"] == "true"
    response = look_up(client, wrong(filed.receipt_code))
    assert response.status_code == 429
    assert f"回执码连续{MAX_FAILURES}次不正确，已锁定15分钟" in page_of(response).text
    response = look_up(client, filed.receipt_code)  # even the right code waits now
    assert response.status_code == 429
    assert re.search(r"已暂时锁定，请\d+分钟后再试", page_of(response).text)
    assert "已受理" not in page_of(response).text


def test_unknown_reference_and_garbage_are_400(client, db):
    for code in ("JB2021-000001-ABCDEFGHJK", "不是回执码", ""):
        response = look_up(client, code)
        assert response.status_code == 400
        assert "回执码不正确" in page_of(response).text


def test_reply_reaches_the_staff(client, file, world):
    filed = file()
    ask_reporter(world.clerk, filed.report, "请补充发生的具体日期。")
    response = look_up(client, filed.receipt_code, action="reply", text="是11月20日晚上十点左右。")
    assert response.status_code == 200
    page = page_of(response)
    assert "您的答复已发送给办理人员" in page.text
    assert "是11月20日晚上十点左右。" in page.text and "您（举报人）" in page.text
    message = CaseMessage.objects.get(report=filed.report, sender="reporter")
    assert message.kind == "answer"


def test_empty_reply_is_refused_next_to_the_field_and_the_code_kept(client, file):
    filed = file()
    response = look_up(client, filed.receipt_code, action="reply", text="  ")
    assert response.status_code == 400
    page = page_of(response)
    assert "请填写内容" in page.text and page.find("a", href="#text")
    assert page.by_id("text")["aria-invalid"] == "true"
    assert {h["value"] for h in page.find("input", type="hidden", name="code")} == {filed.receipt_code}
    assert not CaseMessage.objects.filter(sender="reporter").exists()


def test_reply_with_a_wrong_code_writes_nothing(client, file):
    filed = file()
    response = look_up(client, wrong(filed.receipt_code), action="reply", text="你好")
    assert response.status_code == 400
    assert "回执码不正确" in page_of(response).text
    assert not CaseMessage.objects.exists()


@pytest.fixture
def noticed(file, world):
    """A report whose reward notice was sent (15,000 yuan, claim due 2021-11-23), and its code."""
    filed = file()
    walk_to(filed.report, "notice_sent", world)
    return filed


def test_claim_form_appears_with_the_notice_and_a_bank_transfer_is_requested(client, noticed):
    response = look_up(client, noticed.receipt_code)
    page = page_of(response)
    assert "已发出领奖通知" in page.text and "15000.00 元" in page.text and "2021年11月23日前" in page.text
    assert {a["value"] for a in page.find("input", name="method")} == {"in_person", "bank_transfer"}
    assert {"method-in_person", "method-bank_transfer", "bank_account", "account_name"} <= page.label_for
    response = look_up(client, noticed.receipt_code, action="claim", method="bank_transfer",
                       bank_account="6222 0210 0112 3456 789", account_name="张三丰")
    assert response.status_code == 200
    assert "领奖申请已提交" in page_of(response).text
    event = CaseEvent.objects.get(report=noticed.report, action="claim_request")
    assert event.details == {"method": "bank_transfer"}
    assert CaseMessage.objects.filter(report=noticed.report, kind="claim").count() == 1


def test_a_bad_bank_account_is_shown_by_its_field(client, noticed):
    response = look_up(client, noticed.receipt_code, action="claim", method="bank_transfer", bank_account="12ab")
    assert response.status_code == 400
    page = page_of(response)
    assert "银行账号应为12至30位数字" in page.text and page.find("a", href="#bank_account")
    assert page.by_id("bank_account")["value"] == "12ab"
    assert "checked" in page.by_id("method-bank_transfer")
    assert not CaseEvent.objects.filter(action="claim_request").exists()


def test_no_method_chosen(client, noticed):
    response = look_up(client, noticed.receipt_code, action="claim")
    assert response.status_code == 400
    assert "领奖方式应为" in page_of(response).text
    assert page_of(response).find("a", href="#method-in_person")


def test_claim_before_any_notice_is_refused(client, file):
    filed = file()
    response = look_up(client, filed.receipt_code, action="claim", method="in_person")
    assert response.status_code == 400
    assert "不能申请领奖" in page_of(response).text
    assert not CaseEvent.objects.filter(action="claim_request").exists()


# ---- announcements (第七条（三）) -----------------------------------------------------------------------

def test_announcements_list_reference_and_claim_deadline_only(client, file, world):
    announced = file()
    report = walk_to(announced.report, "reward_decided", world)
    step(report, "notice_sent", world.clerk, reason="电话无人接听", sent_on=dt.date(2021, 9, 24), method="announcement")
    told = walk_to(file().report, "notice_sent", world)  # told directly: not announced
    claimed = file().report
    claimed = walk_to(claimed, "reward_decided", world)
    claimed = step(claimed, "notice_sent", world.clerk, sent_on=dt.date(2021, 9, 24), method="announcement")
    walk_to(claimed, "claimed", world)  # announced, but collected since

    response = client.get("/report/announcements/")
    assert response.status_code == 200
    page = page_of(response)
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", response.content.decode())
    assert rows == [(announced.report.reference, "2021年11月23日前")]
    assert told.reference not in page.text
    for secret in (NAME, PHONE, UNIT, DESCRIPTION, "15000", "15,000", "电话无人接听"):
        assert secret not in page.text, secret
    assert "第七条（三）" in page.text and "第十条" in page.text


def test_no_announcements(client, db):
    response = client.get("/report/announcements/")
    assert "目前没有领奖公告" in page_of(response).text
    assert Report.objects.count() == 0
