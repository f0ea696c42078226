"""第十条 on the public path: every response of /report/ and /api/reports/ is no-store, no-referrer and under
the CSP; no log record about such a request holds the reporter's address or browser — not Django's request
log, not the CSRF log, not the SQL, and not the development server's log of a real HTTP request."""
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.db import connection, connections
from django.test import Client
from django.test.testcases import LiveServerThread, _StaticFilesHandler

from zhengwu.reports.clients import create_client
from zhengwu.reports.models import Report

from .conftest import CONTENT
from .test_public_follow_up import wrong
from .test_public_form import UA, form_data, png_bytes, receipt_code, upload

ADDRESS = "127.0.0.1"


def assert_confidential(response, what: str) -> None:
    assert "no-store" in response.headers.get("Cache-Control", ""), what
    assert response.headers.get("Referrer-Policy") == "no-referrer", what
    csp = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp, what


def test_every_public_response_is_confidential(db):
    client = Client(HTTP_USER_AGENT=UA)
    key = create_client("12345热线").key
    seen = []

    def check(response, what):
        assert_confidential(response, what)
        seen.append((what, response.status_code))
        return response

    check(client.get("/report/"), "form")
    check(client.post("/report/", form_data("anonymous", place="")), "form refused")
    filed = check(client.post("/report/", {**form_data("anonymous"),
                                           "evidence": [upload("a.png", png_bytes(), "image/png")]}), "receipt")
    code = receipt_code(filed)
    check(client.put("/report/"), "form, wrong method")
    check(client.get("/report/follow-up/"), "code form")
    check(client.post("/report/follow-up/", {"code": wrong(code)}), "wrong code")
    check(client.post("/report/follow-up/", {"code": code}), "status")
    check(client.post("/report/follow-up/", {"code": code, "action": "reply", "text": "补充"}), "reply")
    check(client.post("/report/follow-up/", {"code": code, "action": "claim", "method": "in_person"}),
          "claim refused")
    check(client.get("/report/announcements/"), "announcements")
    check(client.post("/report/announcements/"), "announcements, wrong method")
    strict = Client(enforce_csrf_checks=True)
    check(strict.post("/report/", form_data("anonymous")), "form without CSRF token")
    check(strict.post("/report/follow-up/", {"code": code}), "follow-up without CSRF token")
    body = json.dumps({"content": CONTENT, "anonymous": True})
    check(client.post("/api/reports/intake", body, content_type="application/json",
                      HTTP_AUTHORIZATION=f"Bearer {key}"), "API 201")
    check(client.post("/api/reports/intake", "[]", content_type="application/json",
                      HTTP_AUTHORIZATION=f"Bearer {key}"), "API 400")
    check(client.post("/api/reports/intake", body, content_type="application/json"), "API 401")
    check(client.post("/report/", too_many_fields()), "form, too many fields (SuspiciousOperation)")
    assert [status for _, status in seen] == [200, 400, 200, 405, 200, 400, 200, 200, 400, 200, 405, 403, 403,
                                              201, 400, 401, 400]


def too_many_fields() -> dict:
    from django.conf import settings

    return {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}


def test_confidential_overrides_the_site_wide_referrer_policy_only_where_used(db):
    assert Client().get("/").headers["Referrer-Policy"] == "same-origin"  # the gazette: site default
    assert Client().get("/report/").headers["Referrer-Policy"] == "no-referrer"


# ---- logs -----------------------------------------------------------------------------------------------

def dump(record: logging.LogRecord) -> str:
    """Everything a handler could print from `record`: message, arguments, every attribute (a request's
    META too) and the traceback."""
    parts = [record.getMessage()]
    for name, value in vars(record).items():
        parts.append(f"{name}={value!r}")
        meta = getattr(value, "META", None)
        if isinstance(meta, dict):
            parts.append(repr(meta))
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(parts)


@pytest.fixture
def everything_logged(caplog):
    """caplog at DEBUG on every logger (django's own loggers stop at INFO), django.server (which does not
    propagate) included, and SQL logged as if DEBUG were on."""
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    levels = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    server = logging.getLogger("django.server")
    server.addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)
    forced = connection.force_debug_cursor
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = forced
    server.removeHandler(caplog.handler)
    for logger, level in levels:
        logger.setLevel(level)


def leaks(records: list[logging.LogRecord]) -> list[str]:
    """Records that hold the client's address or browser. The database driver's own connection records
    (PostgreSQL here listens on 127.0.0.1 too) name the database server, not the reporter: left out."""
    return [f"{r.name}: {r.getMessage()[:120]}" for r in records
            if (ADDRESS in dump(r) and not r.name.startswith("psycopg")) or UA in dump(r) or "SecretAgent" in dump(r)]


def test_no_address_or_browser_in_any_log_record(db, everything_logged):
    client = Client(HTTP_USER_AGENT=UA)  # the test client's REMOTE_ADDR is 127.0.0.1
    key = create_client("12345热线").key
    client.get("/report/")
    client.post("/report/", form_data("anonymous", place=""))  # 400: django.request logs it
    filed = client.post("/report/", {**form_data("anonymous"), "evidence": [upload("a.png", png_bytes(), "image/png")]})
    code = receipt_code(filed)
    client.post("/report/follow-up/", {"code": wrong(code)})  # 400
    client.post("/report/follow-up/", {"code": code, "action": "reply", "text": "补充情况"})
    Client(enforce_csrf_checks=True, HTTP_USER_AGENT=UA).post("/report/", form_data("anonymous"))  # CSRF 403
    client.post("/api/reports/intake", json.dumps({"content": CONTENT, "anonymous": True}),
                content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    client.post("/api/reports/intake", "[]", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    client.post("/api/reports/intake", "{}", content_type="application/json", HTTP_AUTHORIZATION="Bearer nope")
    client.post("/report/", too_many_fields())  # django.security.TooManyFieldsSent
    records = everything_logged.records
    names = {r.name for r in records}
    # the capture works: the refusals and the SQL were logged …
    messages = [r.getMessage() for r in records if r.name == "django.request"]
    assert "Bad Request: /report/" in messages and "Bad Request: /report/follow-up/" in messages
    assert "Unauthorized: /api/reports/intake" in messages
    assert {"django.security.csrf", "django.security.TooManyFieldsSent", "django.db.backends"} <= names
    assert Report.objects.count() == 2
    # … and none of it holds the address or the browser
    assert leaks(records) == []


def test_the_check_would_see_an_address_elsewhere(db, everything_logged):
    """Outside the reporter paths Django's records keep the request, and dump() finds its address: the
    test above is not passing because nothing could be seen."""
    Client(HTTP_USER_AGENT=UA).get("/org/no-such-page/")
    records = [r for r in everything_logged.records if r.name == "django.request"]
    assert records and leaks(records)


class RunserverThread(LiveServerThread):
    """A live server with runserver's request handler, which logs every request to django.server."""

    def _create_server(self, connections_override=None):
        return self.server_class((self.host, self.port), WSGIRequestHandler, allow_reuse_address=False,
                                 connections_override=connections_override)


@pytest.fixture
def runserver(transactional_db):
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread = RunserverThread("127.0.0.1", _StaticFilesHandler, connections_override=shared, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    for conn in shared.values():
        conn.dec_thread_sharing()


def test_no_address_or_browser_in_the_development_server_log(runserver, everything_logged):
    key = create_client("12345热线").key
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    opener.addheaders = [("User-Agent", UA)]

    def send(path: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
        request = urllib.request.Request(runserver + path, data=data, headers=headers or {})
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    status, html = send("/report/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = urllib.parse.urlencode({**form_data("anonymous"), "csrfmiddlewaretoken": token}).encode()
    status, html = send("/report/", form, {"Referer": runserver + "/report/"})
    assert status == 200 and "举报已受理" in html
    status, _ = send("/report/follow-up/", urllib.parse.urlencode(
        {"code": "JB2026-000001-AAAAAAAAAA", "csrfmiddlewaretoken": token}).encode(), {"Referer": runserver + "/"})
    assert status == 400
    status, _ = send("/api/reports/intake", json.dumps({"content": CONTENT, "anonymous": True}).encode(),
                     {"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    assert status == 201
    # The server logs a request once the answer is sent: the client may read it before the line is written.
    deadline = time.monotonic() + 10
    while len(lines := [r.getMessage() for r in everything_logged.records if r.name == "django.server"]) < 4:
        assert time.monotonic() < deadline, lines
        time.sleep(0.05)
    assert any('"POST /report/ HTTP/1.1" 200' in line for line in lines), lines
    assert any('"POST /api/reports/intake HTTP/1.1" 201' in line for line in lines), lines
    assert leaks(everything_logged.records) == []
