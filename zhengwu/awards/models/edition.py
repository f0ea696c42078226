"""An edition (届) of the award, its workflow state with the date of every step, and its history."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from ..vocab import State

ORDER = list(State)


class Edition(models.Model):
    """第N届 青少年科技创新区长奖: quotas and parameters taken when it was set up, and each step's date."""

    number = models.PositiveIntegerField("届次", unique=True, help_text="第几届（正整数，各届不重复）")
    year = models.PositiveIntegerField("年度", help_text="评选年度（公历年份）")
    state = models.CharField("环节", max_length=20, choices=State.choices, default=State.DRAFT,
                             help_text="当前环节；只按 workflow 中的步骤前进")
    # the directory may drop a unit; the edition stays, without it
    organizer = models.ForeignKey("org.Organization", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name="组织单位", help_text="组织评选的单位（机构名录）；可空")
    winner_quota = models.PositiveIntegerField("区长奖名额", default=10, help_text="区长奖名额（人）")
    nominee_quota = models.PositiveIntegerField("区长提名奖名额", default=10, help_text="区长提名奖名额（人）")
    school_quota = models.PositiveIntegerField("每校推荐名额", default=5, help_text="每所学校最多推荐的学生数（人）")
    experts_per_candidate = models.PositiveIntegerField("每名候选人的评审专家数", default=3, help_text="每名候选人分配的评审专家人数")
    notice_days = models.PositiveIntegerField("公示天数", default=7, help_text="社会公示的天数（工作日或自然日按规则计算）")
    # Dates of the steps (each step is dated by the bureau; the event log keeps who and when it was entered).
    applications_opened_on = models.DateField("申报开始", null=True, blank=True, help_text="学生申报开始的日期")
    recommendation_on = models.DateField("学校推荐开始", null=True, blank=True, help_text="学校推荐开始的日期")
    review_on = models.DateField("专家评审开始", null=True, blank=True, help_text="专家评审开始的日期")
    ranked_on = models.DateField("排名确定", null=True, blank=True, help_text="排名确定的日期")
    notice_start = models.DateField("公示开始", null=True, blank=True, help_text="公示期第一天")
    notice_end = models.DateField("公示截止", null=True, blank=True, help_text="公示期最后一天（含）")
    notice_basis = models.JSONField("公示期计算依据", default=list, blank=True, help_text="公示期如何算出（逐日说明的列表）")
    notice_contact = models.CharField("异议受理方式", max_length=300, blank=True, help_text="公示中写明的异议受理方式（电话、地址等）")
    approved_on = models.DateField("常务会审定日期", null=True, blank=True, help_text="区政府常务会审定的日期")
    meeting = models.CharField("审定会议", max_length=100, blank=True, help_text="如 第二届区政府第108次常务会")
    decision_number = models.CharField("决定文号", max_length=60, blank=True,
                                       help_text="表彰决定的发文字号，如 綦江府发〔2021〕10号")
    decided_on = models.DateField("成文日期", null=True, blank=True, help_text="表彰决定的成文日期")
    # unpublishing the decision leaves the edition, which can publish again
    document = models.ForeignKey("gazette.Document", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name="决定（公报文件）", help_text="公报中的表彰决定；未发布时为空")
    from_gazette = models.BooleanField("由公报导入", default=False, help_text="往届：名单读自公报文件")
    problems = models.JSONField("导入提示", default=list, blank=True, help_text="从公报导入往届名单时的提示（文字列表）")
    is_sample = models.BooleanField("示例", default=False, help_text="演示用的示例数据，统计时可排除")
    version = models.PositiveIntegerField(default=0, help_text="乐观锁版本号：每次保存加一，防止两人同时修改")

    class Meta:
        ordering = ["-number"]
        default_permissions = ()
        permissions = [("run_edition", "办理青少年科技创新区长奖评选（区科技局）")]
        verbose_name = verbose_name_plural = "届"

    def __str__(self) -> str:
        return f"第{self.ordinal}届"

    @property
    def ordinal(self) -> str:
        from zhengwu.awards.text import chinese_ordinal

        return chinese_ordinal(self.number)

    @property
    def title(self) -> str:
        return f"綦江区第{self.ordinal}届青少年科技创新区长奖"

    def reached(self, state: str) -> bool:
        return ORDER.index(State(self.state)) >= ORDER.index(State(state))


class EditionEvent(models.Model):
    """评选记录: one step or change of an edition — what, on which day, by whom, and the details."""

    # the history is the edition's own and goes with it
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="events",
                                help_text="这条记录所属的届")
    kind = models.CharField("事项", max_length=40, help_text="事项代码（如 state、quota），见 workflow")
    on = models.DateField("日期", help_text="事项发生的日期（由办理人填写）")
    at = models.DateTimeField("记录时间", auto_now_add=True, help_text="记录写入的时间（自动）")
    # the history outlives a staff account; by_name keeps who it was
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+", help_text="办理人账号；账号删除后为空")
    by_name = models.CharField("办理人", max_length=150, blank=True, help_text="办理人姓名（账号删除后仍可读）")
    text = models.TextField("说明", help_text="给人看的说明")
    data = models.JSONField(default=dict, blank=True, help_text="事项的详细数据（JSON）")

    class Meta:
        ordering = ["pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "评选记录"

    def __str__(self) -> str:
        return f"{self.on} {self.text}"
