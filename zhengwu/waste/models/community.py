"""Community (居民小区) — the unit of the rollout — with its publicity actions and later adjustments."""
from __future__ import annotations

import datetime as dt

from django.db import models

from ..vocab import BuildingType, Management, PublicityKind


class Community(models.Model):
    """A residential community (居民小区) of a street or town, with the June baseline survey (摸底调研) and
    the four steps of 五、工作措施 (一引领、二调研、三宣传、四撤桶).

    A new build (新建楼盘) never had floor bins: it counts as done from `handover_on` (交付日期)."""

    # a street with communities cannot leave the directory under them
    unit = models.ForeignKey("org.Organization", on_delete=models.PROTECT, related_name="waste_communities",
                             verbose_name="街镇", help_text="小区所在的街道或镇（机构名录）")
    name = models.CharField("小区", max_length=100, help_text="小区名称（同一街镇内不重复）")
    management = models.CharField("管理类型", max_length=20, choices=Management.choices,
                                  help_text="管理类型：物业、非物业或单梯")
    building = models.CharField("楼型", max_length=20, choices=BuildingType.choices,
                                help_text="楼型：高层、小高层、洋房或新建")
    households = models.PositiveIntegerField("户数", help_text="住户数（户）")
    floor_bins = models.PositiveIntegerField("楼层桶数", default=0, help_text="撤桶前楼层垃圾桶数（个）")
    cleaners = models.PositiveIntegerField("保洁人数", default=0, help_text="保洁人员数（人）")
    property_company = models.CharField("物业公司", max_length=100, blank=True, help_text="物业公司名称；无物业为空")
    committee = models.CharField("业委会/自管会", max_length=100, blank=True, help_text="业委会或自管会名称")
    # the four steps, each a date (None: not yet)
    lead_on = models.DateField("一引领：党员牵头落实日期", null=True, blank=True, help_text="党员牵头落实的日期")
    lead_person = models.CharField("牵头党员（网格党支部）", max_length=100, blank=True, help_text="牵头党员姓名（网格党支部）")
    survey_on = models.DateField("二调研：调研完成、方案制定日期", null=True, blank=True, help_text="调研完成、方案制定的日期")
    plan = models.TextField("一小区一方案", blank=True, help_text="一小区一方案的内容")
    publicity_on = models.DateField("三宣传：宣传完成日期", null=True, blank=True, help_text="宣传完成的日期")
    removed_on = models.DateField("四撤桶：撤桶日期", null=True, blank=True, help_text="撤桶的日期；未撤为空")
    handover_on = models.DateField("交付日期（新建楼盘）", null=True, blank=True, help_text="新建楼盘的交付日期，交付即计为完成")
    # the notice (告知书, 附件1)
    notice_start = models.DateField("告知书：开始日期", null=True, blank=True, help_text="告知书中写明的开始日期")
    contact = models.CharField("咨询人", max_length=50, blank=True, help_text="告知书中的咨询人")
    phone = models.CharField("咨询电话", max_length=30, blank=True, help_text="告知书中的咨询电话")
    notice_date = models.DateField("告知书落款日期", null=True, blank=True, help_text="告知书落款日期")
    is_sample = models.BooleanField("示例数据", default=False, help_text="示例数据，统计时可排除")
    updated_at = models.DateTimeField("更新时间", auto_now=True, help_text="最近修改时间（自动）")

    class Meta:
        ordering = ["unit__name", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="waste_community_unique_name")]
        verbose_name = verbose_name_plural = "居民小区"

    def __str__(self) -> str:
        return f"{self.unit.name}·{self.name}"

    @property
    def done_on(self) -> dt.date | None:
        """The day the community counts as done (撤桶并点完成): a new build from its handover."""
        if self.building == BuildingType.NEW_BUILD:
            return self.handover_on or self.removed_on
        return self.removed_on

    def is_done(self, on: dt.date) -> bool:
        done = self.done_on
        return done is not None and done <= on


class PublicityAction(models.Model):
    """One publicity action (宣传发动, 五（三）): door to door, owners' meeting, online group, notice posted."""

    # publicity is the community's own history
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="publicity",
                                  verbose_name="小区", help_text="宣传所在的小区")
    kind = models.CharField("方式", max_length=10, choices=PublicityKind.choices, help_text="宣传方式（五（三） 所列五种）")
    on = models.DateField("日期", help_text="宣传日期")
    note = models.CharField("说明", max_length=300, blank=True, help_text="说明")

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = verbose_name_plural = "宣传记录"


class Adjustment(models.Model):
    """A later adjustment of points, times or collection (动态优化调整, 五（四）)."""

    # adjustments are the community's own history
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="adjustments",
                                  verbose_name="小区", help_text="调整所在的小区")
    on = models.DateField("日期", help_text="调整日期")
    what = models.CharField("调整内容", max_length=300, help_text="调整的内容（点位、时间、收运……）")
    by = models.CharField("记录人", max_length=150, blank=True, help_text="记录人")

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = verbose_name_plural = "调整记录"
