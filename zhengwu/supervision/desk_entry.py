"""The supervision desk on the staff desk home (督查督办台): the office (督查室) and the units' reporting
accounts (workflow.can_view). The office sees what waits for it (reports to review, tasks to close,
extensions to decide: two queries); a unit its open tasks and how many are past their deadline (one query)."""
from __future__ import annotations

from django.db.models import Count as Counted
from django.db.models import Q

from zhengwu.core.dates import today
from zhengwu.desk.registry import Count, DeskEntry

from . import status, workflow
from .models import Assignment, Extension
from .vocab import State


def waiting(user) -> list[Count]:
    counts = []
    if workflow.is_office(user):
        found = Assignment.objects.filter(is_group=False).aggregate(
            reported=Counted("pk", filter=Q(state=State.REPORTED)), reviewed=Counted("pk", filter=Q(state=State.REVIEWED)))
        asked = Extension.objects.filter(decision=Extension.Decision.PENDING).count()
        counts += [Count("待审核的报结", found["reported"], urgent=True), Count("待销号", found["reviewed"]),
                   Count("待批复的延期申请", asked, urgent=True)]
    units = workflow.unit_ids(user)
    if units:
        mine = Assignment.objects.filter(organization_id__in=units, is_group=False).exclude(state__in=status.DONE)
        found = mine.aggregate(open=Counted("pk"), late=Counted("pk", filter=Q(due__lt=today())))
        counts += [Count("本单位待办的督办事项", found["open"]), Count("本单位已超期", found["late"], urgent=True)]
    return counts


ENTRY = DeskEntry("supervision", "督查督办", "supervision:dashboard", workflow.can_view, waiting,
                  description="督办事项的交办、签收、进展、报结、审核与销号", order=40)
