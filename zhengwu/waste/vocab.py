"""Vocabularies of the waste-sorting system (生活垃圾分类·撤桶并点), as TextChoices: English values are what
is stored, Chinese labels are what pages, exports and the register show.
The register import accepts the Chinese words and the values."""
from __future__ import annotations

from django.db import models


class Management(models.TextChoices):
    """管理类型 (实施方案 三、实施范围及对象)."""

    MANAGED = "managed", "物业"
    UNMANAGED = "unmanaged", "非物业"
    SINGLE_STAIR = "single_stair", "单梯"


class BuildingType(models.TextChoices):
    """楼型 (实施方案 四（二）: 小高层及洋房先行, 高层试点, 新建楼盘不设桶)."""

    HIGH_RISE = "high_rise", "高层"
    MID_RISE = "mid_rise", "小高层"
    VILLA = "villa", "洋房"
    NEW_BUILD = "new_build", "新建"


class PublicityKind(models.TextChoices):
    """宣传方式 (实施方案 五（三） 宣传发动)."""

    DOOR = "door", "入户宣传（敲门行动）"
    MEETING = "meeting", "业主代表大会、院坝会"
    ONLINE = "online", "业主群线上宣传"
    NOTICE = "notice", "公示张贴告知书"
    SCREEN = "screen", "电梯、户外屏滚动播放"


class Category(models.TextChoices):
    """垃圾类别 of a drop-off (四分类)."""

    RECYCLABLE = "recyclable", "可回收物"
    KITCHEN = "kitchen", "厨余垃圾"
    HAZARDOUS = "hazardous", "有害垃圾"
    OTHER = "other", "其他垃圾"


class Quality(models.TextChoices):
    """分类质量 found by an inspection (巡检)."""

    GOOD = "good", "分类准确"
    FAIR = "fair", "基本准确"
    POOR = "poor", "分类不准确"

