"""No reporter's address or browser in any log record (保密, 綦应急发〔2021〕41号 第十条).

Django attaches the request to the records it logs about a response — `django.request` ("Bad Request:
/report/"), `django.security.csrf` (CSRF failures), `django.security.<SuspiciousOperation>` (e.g.
RequestDataTooBig) — and the development server attaches the client's socket to `django.server`
records. The message texts name only the path, but the attached objects carry REMOTE_ADDR, the
User-Agent header or the peer address, and any handler (an e-mail to the admins, a JSON formatter)
may print them.

`ReporterPrivacyFilter` removes them:
- records about a request to a reporter path (`/report/…`, `/api/reports/…`): `record.request` → None;
- `django.server` records, every path: the socket → None and the address of a "Broken pipe from …"
  record → "-" (such a record does not say which path it was, and the socket is never printed anyway).

A logger filter only sees records made by that very logger (not by its children), so `install()`
attaches it to each logger Django uses for requests; called from ReportsConfig.ready(). Loggers that
LOGGING configures later keep it: dictConfig adds filters but never removes existing ones.
"""
import logging

import django.contrib.sessions.exceptions  # noqa: F401 - defines SuspiciousSession, InvalidSessionKey
from django.core.exceptions import SuspiciousOperation

REPORTER_PATHS = ("/report/", "/api/reports/")
SERVER_LOGGER = "django.server"
BASE_LOGGERS = ("django", "django.request", SERVER_LOGGER, "django.security", "django.security.csrf")


def _is_reporter_path(request) -> bool:
    path = getattr(request, "path_info", None)
    return isinstance(path, str) and path.startswith(REPORTER_PATHS)


class ReporterPrivacyFilter(logging.Filter):
    """Strips the request (or the socket) from records about a reporter's request; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if record.name == SERVER_LOGGER:
            if request is not None:
                record.request = None
            if isinstance(record.msg, str) and record.msg.startswith("- Broken pipe from") and record.args:
                record.args = ("-",)
        elif request is not None and _is_reporter_path(request):
            record.request = None
        return True


def _suspicious_names(cls: type = SuspiciousOperation) -> set[str]:
    """Class names of SuspiciousOperation and its subclasses: Django logs each to django.security.<name>."""
    names = {cls.__name__}
    for sub in cls.__subclasses__():
        names |= _suspicious_names(sub)
    return names


def logger_names() -> list[str]:
    return [*BASE_LOGGERS, *sorted(f"django.security.{n}" for n in _suspicious_names())]


_FILTER = ReporterPrivacyFilter()


def install() -> None:
    """Attach the filter to every request logger (idempotent)."""
    for name in logger_names():
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
