"""The public pages in a real browser (Debian chromium via Playwright) against the live server."""
import re
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from django.db import connection

pytestmark = pytest.mark.e2e

DOC10 = "綦江府发〔2021〕10号"
DOC10_TITLE = "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定"
DOC41 = "綦应急发〔2021〕41号"
# Kept for a look after the run; one file per database, since scripts/test.sh runs both suites at once.
SCREENSHOT = Path(__file__).resolve().parents[2] / "var" / f"e2e-document-{connection.vendor}.png"


def doc_path(number: str) -> str:
    return "/docs/" + quote(number)


def is_favicon_404(message: str) -> bool:
    return "/favicon.ico" in message and "404" in message


def assert_clean(browser_log, *, allow_missing_favicon: bool = True) -> None:
    """No CSP violation, console error, failed request, HTTP error or script error.

    Chromium asks for /favicon.ico on every page; test_browser_finds_a_favicon checks that on its
    own, so one missing icon does not hide what the other tests are about.
    """
    assert not browser_log.csp_violations(), browser_log.csp_violations()
    problems = browser_log.problems()
    if allow_missing_favicon:
        problems = [p for p in problems if not is_favicon_404(p)]
    assert not problems, problems


def test_issue_page_links_to_a_document(site, page, browser_log):
    page.goto(f"{site}/issues/2021/6/")
    assert page.locator("h1").inner_text() == "重庆市綦江区人民政府公报"
    page.get_by_role("link", name=DOC10_TITLE).click()
    page.wait_for_url(re.compile(re.escape(doc_path(DOC10)) + "$"))
    assert unquote(page.url).endswith(f"/docs/{DOC10}")
    h1 = page.locator("h1")
    assert h1.count() == 1
    assert h1.inner_text() == DOC10_TITLE
    assert page.title().startswith(DOC10_TITLE)
    assert page.locator(".doc-number").inner_text() == DOC10
    assert page.locator("dl.meta").get_by_text(DOC10).count() >= 1
    assert page.get_by_text("唐艾琳", exact=False).first.is_visible()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
    assert_clean(browser_log)


def test_header_lookup_box_goes_to_the_document(site, page, browser_log):
    page.goto(f"{site}/")
    box = page.get_by_role("search").get_by_label("文号")
    box.fill("綦江府发[2021]10号")
    box.press("Enter")
    page.wait_for_url(re.compile(re.escape(doc_path(DOC10)) + "$"))
    assert page.locator("h1").inner_text() == DOC10_TITLE
    assert page.locator(".doc-number").inner_text() == DOC10
    assert_clean(browser_log)


def test_lookup_of_an_unknown_number_names_the_canonical_form(site, page, browser_log):
    page.goto(f"{site}/docs/")
    page.locator("#number-main").fill("綦江府发［２０２１］９９号")
    page.locator("#number-main").press("Enter")
    assert "没有找到" in page.locator("h1").inner_text()
    assert page.locator("main strong").inner_text() == "綦江府发〔2021〕99号"
    # the 404 status of the page itself is intended; nothing else may fail
    assert [r for r in browser_log.bad_responses if "/docs/?number=" not in r] == []
    assert not browser_log.failed and not browser_log.page_errors
    assert not browser_log.csp_violations()


def test_first_tab_focuses_the_skip_link(site, page, browser_log):
    page.goto(f"{site}{doc_path(DOC41)}")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => ({text: document.activeElement.textContent.trim(),"
                            " href: document.activeElement.getAttribute('href')})")
    assert focused == {"text": "跳到正文", "href": "#main"}
    skip = page.get_by_role("link", name="跳到正文")
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.url.endswith("#main")
    assert_clean(browser_log)


@pytest.mark.parametrize("path", ["/", "/issues/2021/6/", "/news/", "/docs/", doc_path(DOC10), doc_path(DOC41),
                                  doc_path("綦江府办发〔2021〕23号"), doc_path("綦江府办发〔2021〕24号")])
def test_phone_viewport_has_no_horizontal_scroll(site, phone_page, browser_log, path):
    phone_page.goto(f"{site}{path}")
    scroll_width = phone_page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= 375 + 1, f"{path} scrolls sideways on a phone: scrollWidth={scroll_width}"
    h1 = phone_page.locator("h1")
    assert h1.is_visible()
    box = h1.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1
    assert_clean(browser_log)


def test_document_title_visible_on_a_phone(site, phone_page, browser_log):
    phone_page.goto(f"{site}{doc_path(DOC10)}")
    title = phone_page.get_by_role("heading", level=1, name=DOC10_TITLE)
    assert title.is_visible()
    assert title.bounding_box()["y"] < 667 * 2, "the title should be near the top of the page"
    assert_clean(browser_log)


def test_anchor_links_scroll_to_their_target(site, page, browser_log):
    page.goto(f"{site}{doc_path(DOC41)}#t1-art5")
    target = page.locator("#t1-art5")
    assert target.is_visible()
    assert "第五条" in target.inner_text()
    assert page.evaluate("() => window.scrollY") > 0
    page.get_by_role("link", name="各行业领域安全生产重点举报事项清单").click()
    assert page.url.endswith("#att1")
    assert page.locator("#att1").is_visible()
    assert_clean(browser_log)


@pytest.mark.parametrize("path", ["/", "/issues/", "/issues/2021/6/", "/issues/2021/6/items/0/",
                                  "/issues/2021/6/items/10/", "/news/", "/docs/", doc_path(DOC10),
                                  doc_path(DOC41), doc_path("綦江府办发〔2021〕26号")])
def test_no_csp_violation_or_failed_request(site, page, browser_log, path):
    response = page.goto(f"{site}{path}")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    # the stylesheet really applied (a CSP block would leave the page unstyled)
    color = page.evaluate("() => getComputedStyle(document.querySelector('header.site .brand')).color")
    assert color == "rgb(181, 18, 27)"
    assert_clean(browser_log)


def test_browser_finds_a_favicon(site, page, browser_log):
    """Browsers fetch an icon for every page; without one each visit logs a 404 in the console."""
    page.goto(f"{site}/")
    page.wait_for_load_state("networkidle")
    icon = page.evaluate("() => { const link = document.querySelector('link[rel~=icon]');"
                         " return link ? link.href : new URL('/favicon.ico', location.href).href; }")
    if not icon.startswith("data:"):
        assert page.request.get(icon).status == 200, f"the page's icon {icon} is missing"
    page.wait_for_timeout(300)
    assert_clean(browser_log, allow_missing_favicon=False)
