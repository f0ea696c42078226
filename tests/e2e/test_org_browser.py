"""The registry's pages in a real browser: a person's seats, and a roster changing with the date."""
import re

import pytest

from .test_browser import assert_clean

pytestmark = pytest.mark.e2e

BY = "测试"


@pytest.fixture
def org_site(site) -> str:
    """The live site with the seed issue read into the registry and a new 区应急局局长 from 2021-08-01."""
    import datetime as dt

    from zhengwu.gazette.models import Issue
    from zhengwu.org.appointments import appoint
    from zhengwu.org.from_gazette import import_issue
    from zhengwu.org.registry import add_person
    from zhengwu.org.resolve import find_post

    import_issue(Issue.objects.get(year=2021, number=6), by=BY)
    appoint(add_person("周新", by=BY), find_post("区应急局局长"), dt.date(2021, 8, 1), by=BY, reason="测试")
    return site


def test_person_page_shows_their_seats(org_site, page, browser_log):
    page.goto(f"{org_site}/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="机构与人员").click()
    page.get_by_role("link", name="查人员").click()
    page.get_by_label("姓名").fill("孙 荣康")
    page.get_by_label("姓名").press("Enter")
    page.wait_for_url(re.compile(r"/org/people/\d+/$"))
    assert page.locator("h1").inner_text() == "孙荣康"
    page.get_by_label("查询日期").fill("2021-07-15")
    page.get_by_role("button", name="查看").click()
    page.wait_for_url(re.compile(r"on=2021-07-15"))
    seats = page.locator("#seats + table tbody tr")
    assert seats.count() == 7
    assert page.locator("#seats + table").get_by_role("link", name="区安委会", exact=True).count() == 1
    assert_clean(browser_log)


def test_roster_changes_with_the_date(org_site, page, browser_log):
    page.goto(f"{org_site}/org/?on=2021-07-31")
    page.get_by_role("link", name="区安委会", exact=True).click()
    roster = page.locator("table.roster")
    assert "区安委会 2021年7月31日的组成人员" in roster.locator("caption").inner_text()
    assert roster.get_by_role("link", name="江宗华").count() >= 1
    assert roster.get_by_role("link", name="周新").count() == 0
    date = page.get_by_label("查询日期")
    date.fill("2021-08-02")
    date.press("Enter")
    page.wait_for_url(re.compile(r"on=2021-08-02"))
    assert "2021年8月2日" in roster.locator("caption").inner_text()
    assert roster.get_by_role("link", name="周新").count() >= 1
    assert roster.get_by_role("link", name="江宗华").count() == 0
    roster.get_by_role("link", name="周新").first.click()
    assert page.locator("h1").inner_text() == "周新"
    seats = page.locator("#seats + table")
    assert seats.get_by_role("link", name="区安委会", exact=True).count() == 2  # 副主任 and 成员, as 江宗华 had
    assert seats.get_by_role("link", name="区安委会办公室", exact=True).count() == 1
    assert_clean(browser_log)


def test_bad_date_and_phone_layout(org_site, phone_page, browser_log):
    phone_page.goto(f"{org_site}/org/?on=2021-07-15")
    phone_page.get_by_role("link", name="区安委会", exact=True).click()
    phone_page.wait_for_url(re.compile(r"/org/bodies/\d+/"))  # the click starts a navigation: measure the new page
    assert phone_page.locator("h1").inner_text().startswith("区安委会")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375 + 1, width
    phone_page.goto(f"{org_site}/org/?on=2021-02-30")
    assert "日期不存在：2021-02-30" in phone_page.get_by_role("alert").inner_text()
    assert [r for r in browser_log.bad_responses if "on=2021-02-30" not in r] == []
    assert not browser_log.csp_violations() and not browser_log.page_errors
