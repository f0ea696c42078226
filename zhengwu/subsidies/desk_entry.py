"""The subsidies' desk on the staff desk home (政策兑现办理台): the bureau's reviewers, payers and budget
viewers (workflow.can_see); reviewers see what waits for acceptance and review, payers what waits for
payment — one query."""
from __future__ import annotations

from django.db.models import Count as Counted
from django.db.models import Q

from zhengwu.desk.registry import Count, DeskEntry

from . import workflow
from .models import Application
from .vocab import State


def waiting(user) -> list[Count]:
    found = Application.objects.aggregate(**{s.value: Counted("pk", filter=Q(state=s))
                                             for s in (State.SUBMITTED, State.UNDER_REVIEW, State.APPROVED)})
    counts = []
    if workflow.can_review(user):
        counts += [Count("待受理的申请", found["submitted"], url="/subsidies/?state=submitted", urgent=True),
                   Count("审核中的申请", found["under_review"], url="/subsidies/?state=under_review")]
    if workflow.can_pay(user):
        counts.append(Count("已批准待拨付", found["approved"], url="/subsidies/?state=approved", urgent=True))
    return counts


ENTRY = DeskEntry("subsidies", "科技政策兑现办理", "subsidies_staff:dashboard", workflow.can_see, waiting,
                  description="申请受理、审核、批准与拨付，免申即享，预算预测", order=20)
