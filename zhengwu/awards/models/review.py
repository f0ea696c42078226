"""Candidates (申报学生) with their files, expert assignments and scores, and objections during the notice."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from ..vocab import ObjectionOutcome, Tier
from .edition import Edition
from .people import Expert, School


class Candidate(models.Model):
    """A student in an edition (申报学生): applied, maybe recommended by the school, ranked, placed in a tier.

    A student is one name at one school per edition (取舍（Decision）: no ID number is collected, so the
    same name twice at one school is taken as the same student applying twice)."""

    # a decided edition keeps its candidates
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="candidates",
                                help_text="申报的届")
    # a school with candidates cannot vanish under them
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="candidates", verbose_name="学校",
                               help_text="学生所在学校")
    name = models.CharField("姓名", max_length=20, help_text="学生姓名")
    grade = models.CharField("年级", max_length=10, help_text="年级（如 初二），须是该校学段的年级")
    class_no = models.PositiveIntegerField("班级", help_text="班级号（正整数）")
    project = models.CharField("项目名称", max_length=200, blank=True, help_text="参评项目名称")
    description = models.TextField("项目简介", blank=True, help_text="项目简介（申报书摘录）")
    applied_on = models.DateField("申报日期", null=True, blank=True, help_text="提交申报的日期")
    recommended = models.BooleanField("学校已推荐", default=False, help_text="学校是否已推荐该生")
    recommended_on = models.DateField("推荐日期", null=True, blank=True, help_text="学校推荐的日期")
    score = models.DecimalField("得分", max_digits=7, decimal_places=3, null=True, blank=True,
                                help_text="专家评分的平均加权总分（保留三位小数）")
    rank = models.PositiveIntegerField("排名", null=True, blank=True, help_text="按得分的名次（1 为最高）")
    tier = models.CharField("奖项", max_length=10, choices=Tier.choices, blank=True,
                            help_text="所获奖项：区长奖、提名奖或候补；未定为空")
    list_order = models.PositiveIntegerField("名单顺序", null=True, blank=True, help_text="在公示和决定名单中的顺序")
    removed = models.BooleanField("已取消资格", default=False, help_text="是否已取消资格（异议成立等）")
    removed_reason = models.CharField("取消原因", max_length=300, blank=True, help_text="取消资格的原因")
    flags = models.JSONField("数据质量提示", default=list, blank=True, help_text="数据质量提示（导入时发现的问题，文字列表）")
    source_text = models.CharField("公报原文", max_length=200, blank=True, help_text="往届：公报名单中的原文一行")
    source_line = models.PositiveIntegerField("公报附件", null=True, blank=True, help_text="往届：名单所在的公报附件序号")
    is_sample = models.BooleanField("示例", default=False, help_text="演示用的示例数据")

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

    # the files belong to the application and go with it
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="files",
                                  help_text="材料所属的申报学生")
    file = models.FileField("文件", upload_to="awards/%Y/", help_text="存储的文件（私有目录，经检查的类型）")
    name = models.CharField("文件名", max_length=200, help_text="上传时的原文件名")
    size = models.PositiveIntegerField("大小（字节）", help_text="文件大小（字节）")
    uploaded_at = models.DateTimeField(auto_now_add=True, help_text="上传时间（自动）")

    class Meta:
        ordering = ["pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "申报材料"


class Assignment(models.Model):
    """评审分配: an expert reviews a candidate; `submitted_on` once every criterion is scored."""

    # an assignment means nothing without its candidate
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="assignments",
                                  help_text="被评审的学生")
    # an expert who has scored cannot be deleted under the ranking
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="assignments",
                               help_text="评审专家（不得是本校专家）")
    submitted_on = models.DateField("提交评分日期", null=True, blank=True, help_text="专家提交全部评分的日期；未提交为空")
    total = models.DecimalField("加权总分", max_digits=7, decimal_places=3, null=True, blank=True,
                                help_text="按评分标准权重算出的总分（满分 100）")

    class Meta:
        ordering = ["candidate", "expert"]
        default_permissions = ()
        permissions = [("score_candidate", "专家评审打分")]
        constraints = [models.UniqueConstraint(fields=["candidate", "expert"], name="awards_assignment_once")]
        verbose_name = verbose_name_plural = "评审分配"


class Score(models.Model):
    """评分: one expert's score of one candidate on one criterion."""

    # scores are the assignment's own
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores",
                                   help_text="这项分数所属的评审分配")
    criterion = models.CharField("评分标准", max_length=30, help_text="评分标准代码（规则中的 criteria）")
    value = models.DecimalField("分数", max_digits=5, decimal_places=1, help_text="该标准下的分数（不超过该项满分）")

    class Meta:
        ordering = ["assignment", "pk"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="awards_score_once")]
        verbose_name = verbose_name_plural = "评分"


class Objection(models.Model):
    """公示异议: received during the notice, then upheld (成立: the candidate drops out) or dismissed."""

    Outcome = ObjectionOutcome  # the vocabulary lives in vocab.py

    # an objection is part of the notice record and keeps its candidate
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="objections",
                                  help_text="被提出异议的学生")
    received_on = models.DateField("收到日期", help_text="收到异议的日期（须在公示期内）")
    objector = models.CharField("异议人", max_length=100, blank=True, help_text="实名或匿名")
    contact = models.CharField("联系方式", max_length=100, blank=True, help_text="异议人的联系方式（不公开）")
    online = models.BooleanField("网上提交", default=False, help_text="是否经网上提交")
    text = models.TextField("异议内容", help_text="异议内容")
    outcome = models.CharField("处理结果", max_length=10, choices=Outcome.choices, default=Outcome.OPEN,
                               help_text="处理结果：待处理、成立或不成立")
    decided_on = models.DateField("处理日期", null=True, blank=True, help_text="作出处理结果的日期")
    reason = models.TextField("处理意见", blank=True, help_text="处理意见（成立或不成立的理由）")
    # the record outlives the staff account
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", help_text="登记或处理的工作人员；账号删除后为空")

    class Meta:
        ordering = ["pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "公示异议"
