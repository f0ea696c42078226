"""Drop-off point (集中投放点) with its two windows (定时投放: 早 xx:00—xx:00, 晚 xx:00—xx:00)."""
from __future__ import annotations

import datetime as dt

from django.db import models


class DropPoint(models.Model):
    """A drop-off point downstairs (楼下集中投放点) of a community; `code` is what card readers send."""

    # a point is part of its community
    community = models.ForeignKey("waste.Community", on_delete=models.CASCADE, related_name="points",
                                  verbose_name="小区", help_text="点位所在的小区")
    code = models.CharField("点位编号", max_length=40, unique=True, help_text="点位编号，采集设备发送的就是它（不重复）")
    name = models.CharField("点位位置", max_length=100, help_text="点位位置说明")
    morning_from = models.TimeField("早上开始", default=dt.time(7, 0), help_text="早上投放时段开始（含）")
    morning_to = models.TimeField("早上结束", default=dt.time(9, 0), help_text="早上投放时段结束（含）")
    evening_from = models.TimeField("晚上开始", default=dt.time(19, 0), help_text="晚上投放时段开始（含）")
    evening_to = models.TimeField("晚上结束", default=dt.time(21, 0), help_text="晚上投放时段结束（含）")
    cleaning = models.CharField("清洗和消杀频次", max_length=100, blank=True, help_text="清洗和消杀的频次")
    active = models.BooleanField("在用", default=True, help_text="是否仍在使用")

    class Meta:
        ordering = ["community", "code"]
        verbose_name = verbose_name_plural = "集中投放点"

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def windows_text(self) -> str:
        return (f"早上{self.morning_from:%H:%M}—{self.morning_to:%H:%M}，"
                f"晚上{self.evening_from:%H:%M}—{self.evening_to:%H:%M}")

    def in_window(self, moment: dt.time) -> bool:
        """Both ends included: a drop at 09:00 sharp is still inside 07:00—09:00."""
        return (self.morning_from <= moment <= self.morning_to) or (self.evening_from <= moment <= self.evening_to)
