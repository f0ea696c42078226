"""The case's record: CaseEvent (办理记录), CaseMessage (与举报人往来) and AccessLog (查阅记录)."""
from django.conf import settings
from django.db import models

from zhengwu.desk import cases

from ..vocab import AccessWhat, CaseAction, MessageKind, MessageSender
from .report import Report, State


class CaseEvent(cases.CaseEvent):
    """One step of a case (办理记录): who, when, from which state to which, and why.

    `details` holds facts of the step (unit routed to, days of an extension, referral) and never anything
    that identifies the reporter or repeats the content; it is not sealed. `who` empty: the reporter (the
    public) or the system.
    """

    Action = CaseAction  # the vocabulary lives in vocab.py

    case_field = "report"

    # CASCADE: the record belongs to the case; reports are never deleted except demo samples.
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events", verbose_name="举报",
                               help_text="这一步办理的举报")
    action = cases.action_field(Action.choices, Action.TRANSITION)
    from_state, to_state = cases.state_fields(State.choices)

    class Meta(cases.CaseEvent.Meta):
        ordering = ["report", "at", "pk"]


class CaseMessage(models.Model):
    """A message between the handling staff and the reporter (与举报人往来), text sealed.

    Staff → reporter: questions, the reason of an extension (第四条), the reward notice (第七条（二）);
    the reporter reads them with the receipt code and may answer.
    """

    Sender = MessageSender  # the vocabulary lives in vocab.py

    Kind = MessageKind  # the vocabulary lives in vocab.py

    SEALED_FIELDS = ("text_sealed",)

    # CASCADE: as for events.
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages", verbose_name="举报",
                               help_text="往来所属的举报")
    sender = models.CharField("发送方", max_length=10, choices=Sender.choices, help_text="谁发出：办理人员或举报人")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices, default=Kind.OTHER,
                            help_text="询问、答复、延期告知、领奖通知等")
    # PROTECT: as for events.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name="工作人员", help_text="空：举报人")
    text_sealed = models.BinaryField("内容（加密）", editable=False, help_text="往来内容，加密保存（第十条）")
    at = models.DateTimeField("时间", auto_now_add=True, help_text="发出的时刻")

    class Meta:
        ordering = ["report", "at", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "与举报人往来"

    def __str__(self) -> str:
        return f"{self.report} {self.get_sender_display()} {self.get_kind_display()}"


class AccessLog(models.Model):
    """One look at sealed data (查阅记录, 第十条): who, which case, what, why, when — never an IP address."""

    What = AccessWhat  # the vocabulary lives in vocab.py

    # PROTECT: the log must outlive nothing it names.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name="查阅人", help_text="查阅密封数据的工作人员")
    # CASCADE: reports are never deleted except demo samples.
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="access_logs", verbose_name="举报",
                               help_text="被查阅的举报")
    what = models.CharField("查阅内容", max_length=10, choices=What.choices, help_text="查阅了哪一类密封数据")
    reason = models.TextField("理由", blank=True, help_text="查阅理由（查看身份时必填）")
    at = models.DateTimeField("时间", auto_now_add=True, help_text="查阅的时刻")

    class Meta:
        ordering = ["-at", "-pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "查阅记录"

    def __str__(self) -> str:
        return f"{self.user} {self.get_what_display()} {self.report}"
