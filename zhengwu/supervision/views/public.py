"""The public roll-up page (/supervision/public/): published programmes, their targets and milestones."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..public import published, rollup


def public(request: HttpRequest) -> HttpResponse:
    on = timezone.localdate()
    return render(request, "supervision/public.html", {"programmes": [rollup(p, on) for p in published()], "on": on})
