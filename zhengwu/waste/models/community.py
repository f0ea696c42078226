"""Community (居民小区) — the unit of the rollout — with its publicity actions and later adjustments."""
from __future__ import annotations

import datetime as dt

from django.db import models

from ..vocab import BuildingType, Management, PublicityKind


class Community(models.Model):
    """A residential community (居民小区) of a street or town, with the June baseline survey (摸底调研) and
    the four steps of 五、工作措施 (一引领、二调研、三宣传、四撤桶).

    A new build (新建楼盘) never had floor bins: it counts as done from `handover_on` (交付日期)."""

    unit = models.ForeignKey("org.Organization", on_delete=models.PROTECT, related_name="waste_communities",
                             verbose_name="街镇")
    name = models.CharField("小区", max_length=100)
    management = models.CharField("管理类型", max_length=20, choices=Management.choices)
    building = models.CharField("楼型", max_length=20, choices=BuildingType.choices)
    households = models.PositiveIntegerField("户数")
    floor_bins = models.PositiveIntegerField("楼层桶数", default=0)
    cleaners = models.PositiveIntegerField("保洁人数", default=0)
    property_company = models.CharField("物业公司", max_length=100, blank=True)
    committee = models.CharField("业委会/自管会", max_length=100, blank=True)
    # the four steps, each a date (None: not yet)
    lead_on = models.DateField("一引领：党员牵头落实日期", null=True, blank=True)
    lead_person = models.CharField("牵头党员（网格党支部）", max_length=100, blank=True)
    survey_on = models.DateField("二调研：调研完成、方案制定日期", null=True, blank=True)
    plan = models.TextField("一小区一方案", blank=True)
    publicity_on = models.DateField("三宣传：宣传完成日期", null=True, blank=True)
    removed_on = models.DateField("四撤桶：撤桶日期", null=True, blank=True)
    handover_on = models.DateField("交付日期（新建楼盘）", null=True, blank=True)
    # the notice (告知书, 附件1)
    notice_start = models.DateField("告知书：开始日期", null=True, blank=True)
    contact = models.CharField("咨询人", max_length=50, blank=True)
    phone = models.CharField("咨询电话", max_length=30, blank=True)
    notice_date = models.DateField("告知书落款日期", null=True, blank=True)
    is_sample = models.BooleanField("示例数据", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

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
    """One publicity action (宣传发动, 五(三)): door to door, owners' meeting, online group, notice posted."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="publicity",
                                  verbose_name="小区")
    kind = models.CharField("方式", max_length=10, choices=PublicityKind.choices)
    on = models.DateField("日期")
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = verbose_name_plural = "宣传记录"


class Adjustment(models.Model):
    """A later adjustment of points, times or collection (动态优化调整, 五(四))."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="adjustments",
                                  verbose_name="小区")
    on = models.DateField("日期")
    what = models.CharField("调整内容", max_length=300)
    by = models.CharField("记录人", max_length=150, blank=True)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = verbose_name_plural = "调整记录"
