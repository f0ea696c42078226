"""The desk home /desk/ (工作台): the desks this user may open, each with what waits there; where a login
and the second-factor set-up land. A user with no desk is told so and whom to ask."""
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhengwu.core.private_pages import private_page

from .. import accounts, registry


@private_page
@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {"desks": registry.entries_for(user),
               "needs_setup": accounts.needs_two_factor(user) and accounts.confirmed_device(user) is None}
    return render(request, "desk/home.html", context)
