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
