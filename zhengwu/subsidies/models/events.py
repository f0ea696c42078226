"""ApplicationEvent (办理记录): the history of an application — who did what, when, and why."""
from django.conf import settings
from django.db import models

from .application import Application, State


class ApplicationEvent(models.Model):
    """One step on an application: a state move, an edit, a file, a change of amount, an invitation.

    `details` holds the facts of the step (amount from/to, file name, the earlier application that made a
    claim a duplicate); `who` is empty for the firm itself (it has no account) and the system.
    """

    class Action(models.TextChoices):
        CREATED = "created", "创建草稿"
        INVITED = "invited", "免申即享邀请"
        EDITED = "edited", "修改申报事项"
        EVIDENCE = "evidence", "上传证明材料"
        EVIDENCE_REMOVED = "evidence_removed", "删除证明材料"
        TRANSITION = "transition", "状态变更"
        AMOUNT = "amount", "调整金额"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events",
                                    verbose_name="申请")
    # CASCADE: the record belongs to the application; applications are never deleted except demo samples.
    action = models.CharField("事项", max_length=20, choices=Action.choices, default=Action.TRANSITION)
    who = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                            related_name="+", verbose_name="办理人", help_text="空：申报单位或系统")
    # PROTECT: accounts are deactivated, not deleted, so who did what stays known.
    at = models.DateTimeField("时间", auto_now_add=True)
    from_state = models.CharField("原状态", max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField("新状态", max_length=20, choices=State.choices)
    reason = models.TextField("理由", blank=True)
    details = models.JSONField("详情", default=dict, blank=True)
    version = models.PositiveIntegerField("办理后版本")

    class Meta:
        ordering = ["application", "at", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "办理记录"

    def __str__(self) -> str:
        return f"{self.application} {self.get_action_display()} {self.from_state}→{self.to_state}"
