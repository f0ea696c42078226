"""Inspections (巡检) traced to households (溯源) and the guidance visits (上门指导) they lead to."""
from __future__ import annotations

from django.db import models

from ..vocab import Quality


class Inspection(models.Model):
    """An inspector's record of sorting quality at a point (巡检员, 五、职责分工 （一）3); `card` traces the bag
    to its household when it could be (溯源)."""

    # inspections are the point's own record
    point = models.ForeignKey("waste.DropPoint", on_delete=models.CASCADE, related_name="inspections",
                              verbose_name="投放点", help_text="巡检的集中投放点")
    at = models.DateTimeField("巡检时间", help_text="巡检时间")
    inspector = models.CharField("巡检员", max_length=50, help_text="巡检员姓名")
    quality = models.CharField("分类质量", max_length=6, choices=Quality.choices, help_text="分类质量：准确、基本准确或不准确")
    # the inspection stays when a card is withdrawn, untraced
    card = models.ForeignKey("waste.Card", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="inspections", verbose_name="溯源到积分卡", help_text="溯源到的住户积分卡；未能溯源为空")
    note = models.CharField("说明", max_length=300, blank=True, help_text="说明")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = verbose_name_plural = "巡检记录"


class GuidanceVisit(models.Model):
    """A door-to-door guidance visit (上门指导) to a household on the guidance list."""

    # a visit is to the household of the card
    card = models.ForeignKey("waste.Card", on_delete=models.CASCADE, related_name="visits", verbose_name="积分卡",
                             help_text="上门指导的住户积分卡")
    on = models.DateField("指导日期", help_text="上门指导的日期")
    visitor = models.CharField("指导人", max_length=50, help_text="指导人姓名")
    note = models.CharField("情况", max_length=300, blank=True, help_text="指导情况")

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = verbose_name_plural = "上门指导记录"
