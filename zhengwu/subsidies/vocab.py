"""Vocabularies of the science-subsidy system (科技政策兑现), as TextChoices: English values stored, Chinese
labels shown."""
from django.db import models


class State(models.TextChoices):
    """Where an application stands (办理状态); the legal moves are in workflow.STEPS."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    UNDER_REVIEW = "under_review", "审核中"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "不予批准"
    PAID = "paid", "已拨付"


class FirmKind(models.TextChoices):
    """What kind of applicant a firm is (申报单位类型)."""

    FIRM = "firm", "企业"
    OTHER = "other", "其他单位（高校、科研院所等）"


class ApplicationOrigin(models.TextChoices):
    """How an application came in (申请来源): the firm's own, staff keying it in, or a 免申即享 invitation."""

    PUBLIC = "public", "企业申报"
    INVITED = "invited", "免申即享邀请"


class ApplicationAction(models.TextChoices):
    """What one step of an application was (办理事项)."""

    CREATED = "created", "创建草稿"
    INVITED = "invited", "免申即享邀请"
    EDITED = "edited", "修改申报事项"
    EVIDENCE = "evidence", "上传证明材料"
    EVIDENCE_REMOVED = "evidence_removed", "删除证明材料"
    TRANSITION = "transition", "状态变更"
    AMOUNT = "amount", "调整金额"
