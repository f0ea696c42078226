"""A member of the public reports anonymously in a real browser, with a photo, and follows the report up
with the receipt code — no JavaScript needed, nothing complained about by the browser."""
import re

import pytest

from tests.reports.isolation import isolated_reports
from tests.reports.test_public_form import CODE_RE, png_bytes

from .test_browser import assert_clean

pytestmark = pytest.mark.e2e


@pytest.fixture
def report_site(live_server, transactional_db, tmp_path, settings, monkeypatch) -> str:
    """The live site with its own key file and media folder (never the developer's var/)."""
    with isolated_reports(tmp_path, settings, monkeypatch):
        yield live_server.url


def test_anonymous_report_with_a_photo_then_follow_up(report_site, page, browser_log, tmp_path):
    from zhengwu.reports.models import Evidence, Report

    photo = tmp_path / "现场照片.png"
    photo.write_bytes(png_bytes(8, 6))
    page.goto(f"{report_site}/report/")
    assert page.locator("h1").inner_text() == "安全生产举报"
    page.get_by_label("发生时间").fill("2026年11月20日夜间")
    page.get_by_label("地点").first.fill("綦江区古南街道工业园区8号厂房")
    page.get_by_label("情形（举报内容）").fill("粉磨车间除尘设施长期停用，夜间违规使用未经检验的叉车。")
    page.get_by_label("被举报单位名称").fill("重庆綦江某某建材有限公司")
    page.get_by_label("证据文件").set_input_files(str(photo))
    page.get_by_label("匿名举报").check()
    page.get_by_role("button", name="提交举报").click()

    page.get_by_role("heading", name="举报已受理").wait_for()
    code = page.locator("#receipt-code").inner_text().strip()
    assert CODE_RE.fullmatch(code)
    assert code not in page.url and page.url == f"{report_site}/report/"
    report = Report.objects.get()
    assert report.anonymous and report.channel == "web" and Evidence.objects.filter(report=report).count() == 1

    page.get_by_role("link", name="用回执码查询办理情况").click()
    page.wait_for_url(f"{report_site}/report/follow-up/")
    page.get_by_label("回执码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.get_by_role("heading", name="办理情况").wait_for()
    assert "已受理" in page.locator("#case-state").inner_text()
    assert report.reference in page.locator("main").inner_text()
    assert code not in page.url
    assert_clean(browser_log)


def test_a_missing_field_is_summarised_and_linked(report_site, page, browser_log):
    page.goto(f"{report_site}/report/")
    page.get_by_label("匿名举报").check()
    page.get_by_label("发生时间").fill("昨天")
    page.get_by_role("button", name="提交举报").click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "请填写地点" in summary.inner_text()
    summary.get_by_role("link", name=re.compile("请填写地点")).click()
    assert page.evaluate("location.hash") == "#place"
    assert page.get_by_label("发生时间").input_value() == "昨天"
    # the refusal is HTTP 400 on purpose (seen as a response and a console line); anything else must be clean
    browser_log.bad_responses = [r for r in browser_log.bad_responses
                                 if not (r.startswith("400 POST") and r.endswith("/report/"))]
    browser_log.console = [m for m in browser_log.console if "status of 400 (Bad Request)" not in m]
    assert_clean(browser_log)
