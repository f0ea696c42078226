"""The search page in a real browser: keyboard only on a desktop, touch on a phone, no JavaScript needed."""
import re
from urllib.parse import unquote

import pytest

from tests.e2e.test_browser import assert_clean

pytestmark = pytest.mark.e2e

DOC10 = "綦江府发〔2021〕10号"
POLICY_TITLE = "重庆市綦江区人民政府办公室关于印发綦江区支持科技创新若干财政金融政策的通知"


def test_keyboard_only_search_from_the_header(site, page, browser_log):
    page.goto(f"{site}/")
    box = page.get_by_role("search").get_by_label("搜索", exact=True)
    box.focus()
    page.keyboard.type("民政")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator(".search-count").inner_text() == "找到 3 条结果，这是第 1–3 条。"
    first = page.locator("li.hit h2 a").first
    # Results come before the facets in reading order, so Tab reaches the first result quickly.
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('li.hit') !== null"):
            break
    else:
        pytest.fail("Tab never reached a result")
    assert page.evaluate("document.activeElement.textContent") == first.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/docs/"))
    assert page.locator("h1").inner_text().endswith("的通知")
    assert_clean(browser_log)


def test_a_number_typed_into_the_search_page_opens_the_document(site, page, browser_log):
    page.goto(f"{site}/search/")
    box = page.get_by_label("搜索词或文号")
    assert page.evaluate("document.activeElement.id") == "search-main"  # autofocus on the empty page
    box.fill("綦江府发 〔2021〕 10 号")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/docs/"))
    assert unquote(page.url).endswith(f"/docs/{DOC10}")
    assert_clean(browser_log)


def test_phone_facets_follow_the_results_and_filter_by_tapping(site, phone_page, browser_log):
    phone_page.goto(f"{site}/search/?q=科技创新")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    results = phone_page.locator("ol.results").bounding_box()
    facets = phone_page.locator("aside.facets").bounding_box()
    assert facets["y"] > results["y"] and facets["width"] > 300  # stacked, full width
    phone_page.locator("aside.facets").get_by_role("link", name="政策", exact=True).tap()
    phone_page.wait_for_url(re.compile(r"type="))
    assert phone_page.locator("li.hit h2").all_inner_texts() == [POLICY_TITLE]
    mark = phone_page.locator("li.hit mark").first
    assert mark.inner_text() == "科技创新"
    assert mark.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert_clean(browser_log)


def test_wide_screens_put_the_facets_left_of_the_results(site, page, browser_log):
    page.goto(f"{site}/search/?q=科技创新")
    results = page.locator("ol.results").bounding_box()
    facets = page.locator("aside.facets").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"] and abs(facets["y"] - results["y"]) < 40
    assert_clean(browser_log)


def test_search_from_home_filter_by_a_facet_open_a_result_and_download_its_docx(site, page, browser_log, tmp_path):
    """The issue's journey: home → search → facet → result → Word file that opens with python-docx."""
    import docx

    page.goto(f"{site}/")
    page.get_by_role("search").get_by_label("搜索", exact=True).fill("奖励")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    page.locator("aside.facets").get_by_role("link", name="办法", exact=True).click()
    page.wait_for_url(re.compile(r"type="))
    titles = page.locator("li.hit h2").all_inner_texts()
    assert titles == ["重庆市綦江区应急管理局 重庆市綦江区财政局关于印发《重庆市綦江区安全生产举报奖励办法》的通知"]
    page.locator("li.hit h2 a").first.click()
    page.wait_for_url(re.compile(r"/docs/"))
    assert "綦应急发〔2021〕41号" in page.locator(".doc-number").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载 Word（DOCX）").click()
    saved = tmp_path / "doc.docx"
    download_info.value.save_as(saved)
    text = "\n".join(p.text for p in docx.Document(str(saved)).paragraphs)
    assert "重庆市綦江区安全生产举报奖励办法" in text and "第十六条" in text
    assert_clean(browser_log)
