"""Real-browser fixtures: Debian's chromium driven by Playwright against pytest-django's live_server.

The browser is never downloaded: Playwright launches /usr/bin/chromium. Without it the browser tests
are skipped, unless ZHENGWU_REQUIRE_BROWSER=1, where a missing browser is a failure.
"""
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _unavailable(reason: str) -> None:
    if os.environ.get("ZHENGWU_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; ZHENGWU_REQUIRE_BROWSER=1 requires the browser tests to run", pytrace=False)
    pytest.skip(f"{reason} (set ZHENGWU_REQUIRE_BROWSER=1 to make this a failure)")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"no chromium at {CHROMIUM} (Debian: apt-get install chromium); real-browser tests need it")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class BrowserLog:
    """What the browser complained about: console errors/warnings (CSP violations among them),
    failed requests, HTTP error responses and uncaught page errors."""

    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return self.console + self.failed + self.bad_responses + self.page_errors

    def csp_violations(self) -> list[str]:
        return [m for m in self.console if "Content Security Policy" in m or "Content-Security-Policy" in m]


def _watch(page, log: BrowserLog) -> None:
    page.on("console", lambda m: log.console.append(f"{m.type}: {m.text} @ {m.location.get('url', '')}")
            if m.type in ("error", "warning") else None)
    page.on("requestfailed", lambda r: log.failed.append(f"{r.method} {r.url}: {r.failure}"))
    page.on("response", lambda r: log.bad_responses.append(f"{r.status} {r.request.method} {r.url}")
            if r.status >= 400 else None)
    page.on("pageerror", lambda e: log.page_errors.append(f"page error: {e}"))


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


def _open_page(browser, log: BrowserLog, **context_options):
    context = browser.new_context(locale="zh-CN", **context_options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    _watch(page, log)
    return context, page


@pytest.fixture
def page(browser, browser_log):
    """A fresh desktop page (1280×900) whose complaints go to browser_log."""
    context, page = _open_page(browser, browser_log, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, browser_log):
    """A fresh phone-sized page (375×667, touch, 2× pixels)."""
    context, page = _open_page(browser, browser_log, viewport={"width": 375, "height": 667},
                               device_scale_factor=2, is_mobile=True, has_touch=True)
    yield page
    context.close()


@pytest.fixture
def site(live_server, transactional_db, seed_path) -> str:
    """Base URL of the live server, with the seed issue imported for this test (the flush after
    each transactional test empties the database again)."""
    from zhengwu.gazette.importer import import_file

    import_file(seed_path)
    return live_server.url
