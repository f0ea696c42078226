"""Candidates (申报学生) with their files, expert assignments and scores, and objections during the notice."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from .edition import Edition
from .people import Expert, School


class Tier(models.TextChoices):
    """The two awards and the reserve (候补) a removal draws from."""

    WINNER = "winner", "区长奖"
    NOMINEE = "nominee", "区长提名奖"
    RESERVE = "reserve", "候补"


class Candidate(models.Model):
    """A student in an edition (申报学生): applied, maybe recommended by the school, ranked, placed in a tier.

    A student is one name at one school per edition (取舍（Decision）: no ID number is collected, so the
    same name twice at one school is taken as the same student applying twice)."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="candidates")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="candidates", verbose_name="学校")
    name = models.CharField("姓名", max_length=20)
    grade = models.CharField("年级", max_length=10)
    class_no = models.PositiveIntegerField("班级")
    project = models.CharField("项目名称", max_length=200, blank=True)
    description = models.TextField("项目简介", blank=True)
    applied_on = models.DateField("申报日期", null=True, blank=True)
    recommended = models.BooleanField("学校已推荐", default=False)
    recommended_on = models.DateField("推荐日期", null=True, blank=True)
    score = models.DecimalField("得分", max_digits=7, decimal_places=3, null=True, blank=True)
    rank = models.PositiveIntegerField("排名", null=True, blank=True)
    tier = models.CharField("奖项", max_length=10, choices=Tier.choices, blank=True)
    list_order = models.PositiveIntegerField("名单顺序", null=True, blank=True)
    removed = models.BooleanField("已取消资格", default=False)
    removed_reason = models.CharField("取消原因", max_length=300, blank=True)
    flags = models.JSONField("数据质量提示", default=list, blank=True)
    source_text = models.CharField("公报原文", max_length=200, blank=True)
    source_line = models.PositiveIntegerField("公报附件", null=True, blank=True)
    is_sample = models.BooleanField("示例", default=False)

    class Meta:
        ordering = ["edition", "rank", "list_order", "pk"]
        default_permissions = ()
        permissions = [("recommend_candidate", "学校申报和推荐学生")]
        constraints = [models.UniqueConstraint(fields=["edition", "school", "name"],
                                               name="awards_candidate_once_per_edition")]
        verbose_name = verbose_name_plural = "申报学生"

    def __str__(self) -> str:
        return f"{self.name}（{self.school}）"

    @property
    def class_label(self) -> str:
        return f"{self.class_no}班"

    @property
    def spaced_name(self) -> str:
        """The name as name lists print it: a two-character name padded with a space (王 烁)."""
        return " ".join(self.name) if len(self.name) == 2 else self.name


class CandidateFile(models.Model):
    """申报材料: a file of an application (report, photos, video link as PDF …)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="files")
    file = models.FileField("文件", upload_to="awards/%Y/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "申报材料"


class Assignment(models.Model):
    """评审分配: an expert reviews a candidate; `submitted_on` once every criterion is scored."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="assignments")
    submitted_on = models.DateField("提交评分日期", null=True, blank=True)
    total = models.DecimalField("加权总分", max_digits=7, decimal_places=3, null=True, blank=True)

    class Meta:
        ordering = ["candidate", "expert"]
        default_permissions = ()
        permissions = [("score_candidate", "专家评审打分")]
        constraints = [models.UniqueConstraint(fields=["candidate", "expert"], name="awards_assignment_once")]
        verbose_name = verbose_name_plural = "评审分配"


class Score(models.Model):
    """评分: one expert's score of one candidate on one criterion."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField("评分标准", max_length=30)
    value = models.DecimalField("分数", max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["assignment", "pk"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="awards_score_once")]
        verbose_name = verbose_name_plural = "评分"


class Objection(models.Model):
    """公示异议: received during the notice, then upheld (成立: the candidate drops out) or dismissed."""

    class Outcome(models.TextChoices):
        OPEN = "open", "待处理"
        UPHELD = "upheld", "异议成立"
        DISMISSED = "dismissed", "异议不成立"

    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="objections")
    received_on = models.DateField("收到日期")
    objector = models.CharField("异议人", max_length=100, blank=True, help_text="实名或匿名")
    contact = models.CharField("联系方式", max_length=100, blank=True)
    online = models.BooleanField("网上提交", default=False)
    text = models.TextField("异议内容")
    outcome = models.CharField("处理结果", max_length=10, choices=Outcome.choices, default=Outcome.OPEN)
    decided_on = models.DateField("处理日期", null=True, blank=True)
    reason = models.TextField("处理意见", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "公示异议"
