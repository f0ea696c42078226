"""Response headers of the reports system's pages and API (保密, 綦应急发〔2021〕41号 第十条).

`confidential` wraps a view (function or ninja operation via `ninja.decorators.decorate_view`) so that
every response it returns — page, receipt, error, 403/405 — carries:

- `Cache-Control: no-store` (with Django's never-cache companions: no-cache, must-revalidate, private,
  max-age=0): a receipt code, a case status or a half-filled report must not stay in a browser's or a
  proxy's cache, where the next user of a shared computer could find it;
- `Referrer-Policy: no-referrer`: following a link never tells another site that the visitor came from
  the reporting pages.

A page sent with `no-referrer` makes the browser post its forms with `Origin: null` (Fetch standard:
the request's referrer policy decides the Origin of a POST), which Django's CSRF middleware refuses as
a foreign origin. The public views therefore use `csrf_exempt` and then `csrf_protect_no_referrer`: the
same CSRF check except that `Origin: null` goes on to the token check — the masked token in the form
must still match the CSRF cookie, which no other site can read. What is given up is the Origin check
(and, over HTTPS, Django's Referer check — there is no Referer to check), which matter against a CSRF
cookie planted over plain HTTP: serve the site with HSTS. On the public pages little rides on CSRF
anyway — anyone may file a report, and every follow-up needs the receipt code. Pages whose forms act
for a logged-in user should rather send `Referrer-Policy: same-origin` (nothing goes to other sites
either) and keep Django's full check, as the staff pages do (core/private_pages.py).

An exception escaping the view (a 404, a refused oversized upload, a crash) is turned into its response
here, by Django's own `response_for_exception` — the same page, status and logging as without the
decorator — so error responses carry the headers too. The Content-Security-Policy is global
(core.middleware) and not repeated here.
"""
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.decorators import decorator_from_middleware

from zhengwu.core.private_pages import every_answer, mark_private

REFERRER_POLICY = "no-referrer"


def mark_confidential(response: HttpResponse) -> HttpResponse:
    """Set the two headers on `response` and return it."""
    return mark_private(response, REFERRER_POLICY)


confidential = every_answer(mark_confidential)  # Cache-Control: no-store and Referrer-Policy: no-referrer


class NoReferrerCsrfViewMiddleware(CsrfViewMiddleware):
    """Django's CSRF check, but `Origin: null` — what a no-referrer page's own form sends — goes on to the
    token check instead of being refused outright. Any other foreign Origin is still refused."""

    def _origin_verified(self, request: HttpRequest) -> bool:
        if request.META.get("HTTP_ORIGIN") == "null":
            return True
        return super()._origin_verified(request)


# For views marked csrf_exempt (so the global middleware skips them): the CSRF check, inside the view.
csrf_protect_no_referrer = decorator_from_middleware(NoReferrerCsrfViewMiddleware)
