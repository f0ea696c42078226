"""The desks of the shared registers below the programmes (公共名录的办理台): the org registry's staff pages
and the gazette's editing (site admin). Both are open to site staff (is_staff), as their own pages are;
the programmes register their desks themselves (their `desk_entry.py`)."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .registry import Count, DeskEntry, register

PROBATION_DAYS = 60  # the org probation page's default window


def _site_staff(user) -> bool:
    return bool(user.is_active and user.is_staff)


def org_allowed(user) -> bool:
    """The registry's appointment and Excel pages need a staff account (org.views.staff_required)."""
    return _site_staff(user)


def org_waiting(user) -> list[Count]:
    """Probations (试用期) ending within 60 days: one query."""
    from zhengwu.org.models import Membership

    today = timezone.localdate()
    ending = (Membership.objects.active_on(today)
              .filter(probation_end__gte=today, probation_end__lte=today + dt.timedelta(days=PROBATION_DAYS))
              .count())
    return [Count(f"{PROBATION_DAYS}天内试用期满", ending, url=f"/org/probations/?within={PROBATION_DAYS}")]


def gazette_allowed(user) -> bool:
    """Editors: staff accounts with any right on the gazette's records in the site admin."""
    return _site_staff(user) and user.has_module_perms("gazette")


def gazette_waiting(user) -> list[Count]:
    """Issues kept from the public (未发布): one query."""
    from zhengwu.gazette.models import Issue

    hidden = Issue.objects.filter(published=False).count()
    return [Count("未发布的公报", hidden, url="/admin/gazette/issue/?published__exact=0")]


def register_shared() -> None:
    register(DeskEntry("org", "组织机构名录", "org:appoint", org_allowed, org_waiting,
                       description="任免登记、Excel 导入导出、试用期到期提醒", order=80))
    register(DeskEntry("gazette", "政府公报编辑", "/admin/gazette/", gazette_allowed, gazette_waiting,
                       description="公报、公文的导入、修订与发布（后台）", order=90))
