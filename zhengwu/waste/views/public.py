"""The residents' page (积分查询): balance and history by card number and check code.

POST, so the check code never lands in a URL or a log; never cached. The points rule is shown as the
district's local rule (the document sets no point values).
"""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from zhengwu.core.errors import DomainError
from zhengwu.core.private_pages import private_page

from ..cards import find_card
from ..forms import CardLookupForm
from ..rules import default_rules
from .access import T

HISTORY = 50


@private_page
def card(request: HttpRequest) -> HttpResponse:
    form = CardLookupForm(request.POST or None)
    found, events, status = None, [], 200
    if request.method == "POST":
        if form.is_valid():
            try:
                found = find_card(form.cleaned_data["number"], form.cleaned_data["code"])
                events = list(found.events.select_related("point").order_by("-at")[:HISTORY])
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = 400
        else:
            status = 400
    rules = default_rules()
    on = max(timezone.localdate(), rules.document.effective)
    rule = [rules.version(n, on) for n in ("points.correct_in_window", "points.correct_outside_window",
                                           "points.incorrect")]
    return render(request, T + "card.html", {"form": form, "card": found, "events": events, "rule": rule},
                  status=status)
