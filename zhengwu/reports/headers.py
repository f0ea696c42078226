"""Response headers of the reports system's pages and API (保密, 綦应急发〔2021〕41号 第十条).

`confidential` wraps a view (function or ninja operation via `ninja.decorators.decorate_view`) so that
every response it returns — page, receipt, error, 403/405 — carries:

- `Cache-Control: no-store` (with Django's never-cache companions: no-cache, must-revalidate, private,
  max-age=0): a receipt code, a case status or a half-filled report must not stay in a browser's or a
  proxy's cache, where the next user of a shared computer could find it;
- `Referrer-Policy: no-referrer`: following a link never tells another site that the visitor came from
  the reporting pages.

An exception escaping the view (a 404, a refused oversized upload, a crash) is turned into its response
here, by Django's own `response_for_exception` — the same page, status and logging as without the
decorator — so error responses carry the headers too. The Content-Security-Policy is global
(core.middleware) and not repeated here.
"""
from collections.abc import Callable
from functools import wraps

from django.core.handlers.exception import response_for_exception
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

REFERRER_POLICY = "no-referrer"


def mark_confidential(response: HttpResponse) -> HttpResponse:
    """Set the two headers on `response` (overriding the site-wide Referrer-Policy) and return it."""
    add_never_cache_headers(response)
    response.headers["Referrer-Policy"] = REFERRER_POLICY
    return response


def confidential(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """View decorator: every response of `view` gets Cache-Control: no-store and Referrer-Policy: no-referrer."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Exception as exc:  # every exception becomes Django's usual error page, with the headers
            response = response_for_exception(request, exc)
        return mark_confidential(response)

    return wrapped
