"""Vocabularies of the awards system (区长青少年科技创新奖), as TextChoices: English values stored, Chinese
labels shown."""
from django.db import models


class State(models.TextChoices):
    """The steps of SPEC S3, in order (学生申报 → 学校推荐 → 专家评审 → 排名 → 社会公示 → 常务会审定 → 印发决定)."""

    DRAFT = "draft", "筹备"
    APPLYING = "applying", "学生申报"
    RECOMMENDING = "recommending", "学校推荐"
    REVIEWING = "reviewing", "专家评审"
    RANKED = "ranked", "已排名"
    NOTICE = "notice", "社会公示"
    APPROVED = "approved", "常务会已审定"
    DECIDED = "decided", "决定已印发"


class Tier(models.TextChoices):
    """The two awards and the reserve (候补) a removal draws from."""

    WINNER = "winner", "区长奖"
    NOMINEE = "nominee", "区长提名奖"
    RESERVE = "reserve", "候补"


class ObjectionOutcome(models.TextChoices):
    """The outcome of an objection during the public notice (异议处理结果)."""

    OPEN = "open", "待处理"
    UPHELD = "upheld", "异议成立"
    DISMISSED = "dismissed", "异议不成立"
