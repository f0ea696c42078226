"""The staff pages of the reports system in a real browser: log in, open a case filed through intake,
route it, verify it, calculate and decide the reward, send the notice — and the reporter sees the notice
on the public follow-up page."""
import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import NoReverseMatch, reverse

from tests.reports.isolation import isolated_reports

from .test_browser import assert_clean

pytestmark = pytest.mark.e2e

PASSWORD = "Qijiang-anquan-2021!"
CQ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def staff_site(live_server, transactional_db, tmp_path, settings, monkeypatch):
    """The live site with the office, a department, an office clerk with a password, and one report filed
    through intake (received 2021-09-01). Returns (base URL, report reference, receipt code)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with isolated_reports(tmp_path, settings, monkeypatch):
        yield _staff_site(live_server)


def _staff_site(live_server) -> tuple[str, str, str]:
    from django.contrib.auth.models import Permission, User

    from zhengwu.org.models import Organization, StaffUnit
    from zhengwu.reports.intake import file_report

    office = Organization.objects.create(name="重庆市綦江区应急管理局", short_name="区应急局")
    Organization.objects.create(name="重庆市綦江区住房和城乡建设委员会", short_name="区住房城乡建委")
    clerk = User.objects.create_user("office_clerk", password=PASSWORD)
    clerk.user_permissions.add(Permission.objects.get(content_type__app_label="reports", codename="route_report"))
    StaffUnit.objects.create(user=clerk, organization=office)
    filed = file_report(channel="phone_12350", anonymous=False, received_at=dt.datetime(2021, 9, 1, 10, tzinfo=CQ),
                        content={"occurred_at": "2021年8月下旬夜间", "place": "綦江区古南街道工业园区8号厂房",
                                 "description": "粉磨车间除尘设施长期停用，违规使用未经检验的叉车",
                                 "unit_name": "重庆綦江某某建材有限公司"},
                        identity={"name": "张三丰", "phone": "13812345678"})
    return live_server.url, filed.report.reference, filed.receipt_code


def test_staff_take_a_report_to_the_reward_notice(staff_site, page, browser_log):
    base, reference, code = staff_site
    page.goto(f"{base}/reports/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.get_by_label("用户名").fill("office_clerk")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/reports/")

    page.get_by_role("link", name=reference).first.click()
    page.wait_for_url(re.compile(rf"/reports/{reference}/$"))
    assert page.locator("#state").inner_text() == "已受理"
    assert "粉磨车间除尘设施" in page.locator("#content + p + dl, dl[aria-labelledby=content]").first.inner_text()

    route = page.locator("#act-route")
    route.get_by_label("承办单位").select_option(label="重庆市綦江区住房和城乡建设委员会（区住房城乡建委）")
    route.get_by_role("button", name="分办").click()
    assert page.locator("#state").inner_text() == "已分办"
    assert "已分办至区住房城乡建委" in page.get_by_role("status").first.inner_text()

    page.locator("#act-start").get_by_role("button", name="开始核查").click()
    assert page.locator("#state").inner_text() == "核查中"

    verified = page.locator("#act-true")
    verified.get_by_label("核查完成日期").fill("2021-09-20")
    verified.get_by_role("button", name="查证属实").click()
    assert page.locator("#state").inner_text() == "查证属实"

    reward = page.locator("#act-reward")
    reward.get_by_label("举报安全生产违法行为").check()
    reward.get_by_label("行政处罚金额（元）").fill("100000")
    reward.get_by_label("决定日期").fill("2021-09-22")
    reward.get_by_role("button", name="计算奖励").click()
    preview = page.locator("#reward-preview")
    assert "15000.00 元" in preview.inner_text() and "第五条（一）" in preview.inner_text()
    assert page.locator("#state").inner_text() == "查证属实"  # calculating decides nothing
    page.locator("#act-reward").get_by_role("button", name="确认决定奖励").click()
    assert page.locator("#state").inner_text() == "已决定奖励"
    assert page.locator("#reward-amount").inner_text() == "15000.00 元"

    notice = page.locator("#act-notice")
    notice.get_by_label("通知日期").fill("2021-09-24")
    notice.get_by_role("button", name="发出领奖通知").click()
    assert page.locator("#state").inner_text() == "已发领奖通知"
    assert_clean(browser_log)

    try:
        follow_up = reverse("reports_public:follow_up")
    except NoReverseMatch:
        follow_up = None
    if follow_up is None:
        # The public follow-up page is not there yet: read what the reporter would see directly.
        from zhengwu.reports.receipts import case_status

        status = case_status(code)
        assert any("奖励 15000.00 元" in m.text for m in status.messages)
        return
    reporter = page.context.browser.new_context(locale="zh-CN").new_page()
    reporter.goto(f"{base}{follow_up}")
    reporter.get_by_label("回执码").fill(code)
    with reporter.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(follow_up)) as posted:
        reporter.get_by_role("button", name="查询").click()
    # A refusal here is most likely CSRF: under Referrer-Policy no-referrer a browser posts "Origin: null".
    assert posted.value.status == 200, f"the follow-up page refused the receipt code ({posted.value.status})"
    body = reporter.locator("main").inner_text()
    assert f"您的举报 {reference} 经核查属实，奖励 15000.00 元" in body
    assert "区住房城乡建委" not in body and "office_clerk" not in body  # no unit, no staff name
    reporter.context.close()
