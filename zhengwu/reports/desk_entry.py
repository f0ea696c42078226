"""The reports system's desk on the staff desk home (举报办理台): who may open it and what waits there.

Open to the office (受理、分办), holders of the identity or reward rights, and department staff who have cases
routed to their unit (access.visible_reports); the counts are over the cases this user may see.
"""
from __future__ import annotations

from django.utils import timezone

from zhengwu.desk.registry import Count, DeskEntry

from . import access
from .deadlines import WARN_DAYS, deadline_counts

RIGHTS = (access.OFFICE_PERM, access.IDENTITY_PERM, access.REWARD_PERM)
IDENTITY_NEEDS_2FA = "您的账号可以查看举报人身份，须使用身份验证器进行双因素验证（綦应急发〔2021〕41号 第十条）。"


def allowed(user) -> bool:
    if any(user.has_perm(p) for p in RIGHTS):
        return True
    return access.visible_reports(user).exists()


def waiting(user) -> list[Count]:
    """Open cases, those whose running deadline is within 10 days, and those past it: one query."""
    counts = deadline_counts(access.visible_reports(user), timezone.localdate())
    return [Count("办理中的举报", counts["open"], url="/reports/"),
            Count(f"{WARN_DAYS}天内到期", counts["soon"], url="/reports/?colour=yellow", urgent=True),
            Count("已逾期", counts["late"], url="/reports/?colour=red", urgent=True)]


ENTRY = DeskEntry("reports", "安全生产举报办理", "reports_staff:dashboard", allowed, waiting,
                  description="受理、分办、核查、奖励与领奖期限", order=10)
