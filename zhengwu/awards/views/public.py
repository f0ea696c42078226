"""Public pages (/awards/): the current public notice (公示) with the lists and how to object, and the
winners of past editions. Only editions in notice or later are shown; reserve and removed candidates never."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ..models import Edition, Tier
from ..queries import current_notices, listed, public_editions


def _lists(edition: Edition) -> list[dict]:
    rows = listed(edition)
    return [{"tier": tier.label, "rows": [c for c in rows if c.tier == tier]} for tier in (Tier.WINNER, Tier.NOMINEE)]


def home(request: HttpRequest) -> HttpResponse:
    notices = [{"edition": e, "lists": _lists(e)} for e in current_notices()]
    past = [e for e in public_editions() if e.state != "notice"]
    return render(request, "awards/home.html", {"notices": notices, "past": past})


def edition(request: HttpRequest, number: int) -> HttpResponse:
    found = public_editions().filter(number=number).first()
    if found is None:
        raise Http404("没有公开的这一届")
    return render(request, "awards/edition.html", {"edition": found, "lists": _lists(found)})
