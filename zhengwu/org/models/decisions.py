"""Decision (任免决定) and its items (任/免 one person in one post)."""
from django.db import models

from zhengwu.gazette.models import Document

from ..vocab import ItemAction
from .people import Person
from .posts import Post


class Decision(models.Model):
    """An appointment decision: taken at a meeting, in force from the document's date (成文日期)."""

    meeting = models.CharField("会议", max_length=100, help_text="如 第二届区人民政府第111次常务会")
    meeting_date = models.DateField("会议日期", help_text="研究决定的会议日期，如 2021-06-22")
    effective_date = models.DateField("生效日期", help_text="任免通知的成文日期")
    # a decision rests on its published document
    document = models.OneToOneField(Document, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="org_decision", verbose_name="任免通知",
                                    help_text="公报中的任免通知，如 綦江府人〔2021〕3号")
    # PROTECT: the notice is the legal basis of every appointment it made.
    line = models.PositiveIntegerField("源文件行号", null=True, blank=True, help_text="“经…研究，决定”一段所在行")
    created_at = models.DateTimeField("创建时间", auto_now_add=True, help_text="记入名录的时间")

    class Meta:
        ordering = ["-effective_date", "pk"]
        verbose_name = verbose_name_plural = "任免决定"

    def __str__(self) -> str:
        return f"{self.meeting}（{self.meeting_date:%Y-%m-%d}）"


class DecisionItem(models.Model):
    """One item of a decision: 任 (appoint) or 免 (remove) a person in a post."""

    # an item is part of its decision
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="items", verbose_name="决定", help_text="所属任免决定")
    # CASCADE: an item is part of its decision.
    order = models.PositiveIntegerField("顺序", default=0, help_text="在通知中的顺序")
    action = models.CharField("任免", max_length=10, choices=ItemAction.choices, help_text="任 或 免")
    # a person named in a decision stays in the registry
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="decision_items",
                               verbose_name="人员", help_text="被任免的人")
    # PROTECT: the decision names this person; it is history.
    # a post named in a decision stays in the registry
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="decision_items", verbose_name="职务",
                             help_text="任或免的职务")
    # PROTECT: as above.
    probation_months = models.PositiveSmallIntegerField("试用期（月）", null=True, blank=True,
                                                        help_text="试用期1年 记为 12")
    # the item stays as the record when its membership is undone
    membership = models.ForeignKey("Membership", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="任职记录",
                                   help_text="本事项开始或结束的任职")
    # SET_NULL: the item still says what was decided.
    line = models.PositiveIntegerField("源文件行号", null=True, blank=True, help_text="本事项所在行")

    class Meta:
        ordering = ["decision", "order"]
        verbose_name = verbose_name_plural = "任免事项"

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.person} {self.post}"
