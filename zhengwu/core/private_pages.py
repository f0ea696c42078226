"""Private pages (工作人员页面): every staff page of every system, and public pages that show one person's
own case, keep nothing in caches and send no page address (which may name a case) to any other site — the
reports system's confidentiality rule (綦应急发〔2021〕41号 第十条) made the rule for all. `staff_gate` adds the
login and the right.

Referrer-Policy is `same-origin`, not `no-referrer`: under `no-referrer` a browser sends `Origin: null`
with every form POST (Fetch standard, "serialize a request origin"), and Django's CSRF check rejects it
("Origin checking failed - null does not match"); over HTTPS it would then also find no Referer to check.
Every staff page has forms (at least the logout button). `same-origin` sends nothing to other sites, so
nothing leaks outward, and keeps the Origin header that the CSRF check relies on.
"""
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.handlers.exception import response_for_exception
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

REFERRER_POLICY = "same-origin"


def mark_private(response: HttpResponse, referrer_policy: str = REFERRER_POLICY) -> HttpResponse:
    """Cache-Control: no-store (with no-cache, must-revalidate, private, max-age=0) and the referrer policy
    (overriding the site-wide one)."""
    add_never_cache_headers(response)
    response.headers["Referrer-Policy"] = referrer_policy
    return response


def every_answer(mark: Callable[[HttpResponse], HttpResponse]) -> Callable:
    """A view decorator that passes every response of the view through `mark`: pages, 403s, redirects, file
    downloads, and the error pages of exceptions escaping it (a 404 for an unknown reference), which Django
    makes here as it would without the decorator (`response_for_exception`)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            try:
                response = view(request, *args, **kwargs)
            except Exception as exc:
                response = response_for_exception(request, exc)
            return mark(response)

        return wrapped

    return decorate


private_page = every_answer(mark_private)  # the headers above on every answer of a view


def staff_gate(allowed: Callable[..., bool], message: str, template: str) -> Callable:
    """A decorator for a system's staff pages: login required, then `allowed(user)`, else `template` as a
    403 page saying `message`; the private headers above on every answer. The subsidy, supervision and
    award pages use it."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not allowed(request.user):
                return render(request, template, {"message": message}, status=403)
            return view(request, *args, **kwargs)

        return private_page(login_required(checked))

    return decorate
