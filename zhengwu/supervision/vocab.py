"""Vocabularies of the supervision system (督查督办), as TextChoices: English values stored, Chinese labels
shown."""
from django.db import models


class Role(models.TextChoices):
    LEAD = "lead", "责任单位"
    COOPERATING = "cooperating", "配合单位"


class State(models.TextChoices):
    """Where one unit stands on one task; the legal moves are in workflow.STEPS."""

    ASSIGNED = "assigned", "已交办"
    ACKNOWLEDGED = "acknowledged", "已签收"
    IN_PROGRESS = "in_progress", "办理中"
    REPORTED = "reported", "已报结"
    REVIEWED = "reviewed", "已审核"
    CLOSED = "closed", "已销号"
    RETURNED = "returned", "已退回"


class ExtensionDecision(models.TextChoices):
    """The office's decision on an extension request (延期审批结果)."""

    PENDING = "pending", "待批准"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "不予批准"


class ReminderKind(models.TextChoices):
    """Which reminder was sent (提醒类型)."""

    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已逾期"
