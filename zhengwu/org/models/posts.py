"""Post (职务) and Membership (任职): a position in a unit, and a person holding it for a while."""
import datetime as dt

from django.db import models
from django.db.models import Q

from zhengwu.gazette.models import Document

from ..vocab import EndReason, StartBasis
from .organizations import Organization
from .people import Person


class Post(models.Model):
    """A post (职务, Popolo Post): a position in a unit that exists whether or not anyone holds it.

    `区应急局主要负责人` is a post like any other, but it is *filled by* `区应急局局长`: whoever holds
    局长 holds 主要负责人, so appointing a new 局长 changes every seat held ex officio by 主要负责人.
    """

    # an organisation with posts cannot vanish under them
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="posts",
                                     verbose_name="单位", help_text="职务所在单位")
    # PROTECT: a unit with posts is dissolved, not deleted — the holders' history refers to it.
    title = models.CharField("职务名称", max_length=60, help_text="不含单位名，如 局长、主要负责人、分管负责人")
    max_holders = models.PositiveSmallIntegerField(
        "职数", null=True, blank=True, default=1,
        help_text="同时任职的人数上限；1：任命新人时原任者自动离任；空：不限（分管负责人、副职）")
    # a post stays when the post it was filled from goes
    filled_by = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="fills", verbose_name="由…兼任",
                                  help_text="由该职务的任职者担任，如 区应急局主要负责人 由 区应急局局长 担任")
    # SET_NULL: without the linked post this one simply has no holders until someone is appointed to it.
    other_labels = models.JSONField("其他名称", default=list, blank=True, help_text="公文中的其他写法")
    note = models.CharField("备注", max_length=200, blank=True, help_text="工作人员的说明")
    created_at = models.DateTimeField("创建时间", auto_now_add=True, help_text="设立入名录的时间")

    class Meta:
        ordering = ["organization", "pk"]
        constraints = [models.UniqueConstraint(fields=["organization", "title"], name="org_post_title_unique")]
        verbose_name = verbose_name_plural = "职务"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """How documents write it: unit short name + title, 区应急局局长."""
        return f"{self.organization.label}{self.title}"

    @property
    def base(self) -> "Post":
        """The post whose memberships decide who holds this one (itself unless `filled_by`)."""
        post, seen = self, {self.pk}
        while post.filled_by_id and post.filled_by_id not in seen:
            seen.add(post.filled_by_id)
            post = post.filled_by
        return post


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: dt.date) -> "MembershipQuerySet":
        """Memberships in force on `day` (an unknown start counts as “before any date we ask about”)."""
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=day),
                           Q(end_date__isnull=True) | Q(end_date__gte=day))


class Membership(models.Model):
    """A person holding a post from `start_date` to `end_date`, both days included (任职).

    Change it only through `appointments.appoint` / `appointments.remove`, which record who, when, why.
    """

    # a person with memberships stays in the registry
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships", verbose_name="人员",
                               help_text="任职者")
    # PROTECT: the record of who held a post is history; a person with memberships is not deleted.
    # a post with memberships stays in the registry
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="memberships", verbose_name="职务",
                             help_text="所任职务（不能是“由…兼任”的职务）")
    # PROTECT: the same — history refers to the post.
    start_date = models.DateField("任职日期", null=True, blank=True,
                                  help_text="空：不详（如只见免职）；依据见“开始日期依据”")
    start_basis = models.CharField("开始日期依据", max_length=20, choices=StartBasis.choices,
                                   default=StartBasis.ENTERED, help_text="任免决定、公文记载或录入")
    end_date = models.DateField("离任日期", null=True, blank=True, help_text="最后在任的一天；空：仍在任")
    end_reason = models.CharField("离任原因", max_length=20, choices=EndReason.choices, blank=True,
                                  help_text="免职、他人接任或其他；仍在任时为空")
    probation_months = models.PositiveSmallIntegerField("试用期（月）", null=True, blank=True,
                                                        help_text="试用期1年 记为 12；无试用期为空")
    probation_end = models.DateField("试用期满", null=True, blank=True,
                                     help_text="试用期最后一天，由任职日期和试用期算出（core.dates.period_end）")
    note = models.CharField("备注", max_length=100, blank=True, help_text="如 兼、挂（挂职）")
    # a membership stays when its decision record goes
    decision = models.ForeignKey("Decision", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="appointments", verbose_name="任职决定",
                                 help_text="任命本人的任免决定")
    # SET_NULL: the membership stays when a decision record is removed; the dates carry the facts.
    # a membership stays when its end decision record goes
    end_decision = models.ForeignKey("Decision", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="removals", verbose_name="免职决定",
                                     help_text="免去或因他人接任而结束本任职的决定")
    # SET_NULL: as above.
    # the membership outlives the link to the document attesting it
    document = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name="依据公文", help_text="任职通知，或记载其在任的公文")
    # SET_NULL: as above.
    created_at = models.DateTimeField("创建时间", auto_now_add=True, help_text="记入名录的时间")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["post", "start_date", "pk"]
        # post_history and holders look memberships up by post and date
        indexes = [models.Index(fields=["post", "start_date"], name="membership_post_start")]
        constraints = [models.CheckConstraint(
            condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
            name="membership_end_after_start")]
        verbose_name = verbose_name_plural = "任职"

    def __str__(self) -> str:
        return f"{self.person} {self.post}"

    def active_on(self, day: dt.date) -> bool:
        return (self.start_date is None or self.start_date <= day) and (self.end_date is None or day <= self.end_date)
