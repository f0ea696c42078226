"""Vocabularies of the work-safety reports system (安全生产举报), as TextChoices: English values stored,
Chinese labels shown. The case-event vocabularies stay with models/events.py until the shared case base lands."""
from django.db import models


class Channel(models.TextChoices):
    """How a report came in (举报方式, 第三条)."""

    PHONE_12350 = "phone_12350", "12350 举报电话"
    PHONE_61271258 = "phone_61271258", "61271258 举报电话"
    WEB = "web", "网络"
    FAX = "fax", "传真"
    LETTER = "letter", "信函"
    EMAIL = "email", "电子邮件"
    IN_PERSON = "in_person", "来人（来访）"
    API = "api", "对接平台（如12345热线）"


class State(models.TextChoices):
    """Where a case stands (办理状态); the legal moves are in workflow.STEPS."""

    ACCEPTED = "accepted", "已受理"
    ROUTED = "routed", "已分办"
    VERIFYING = "verifying", "核查中"
    VERIFIED_TRUE = "verified_true", "查证属实"
    VERIFIED_FALSE = "verified_false", "查证不实"
    UNVERIFIABLE = "unverifiable", "无法查清（已报区政府）"
    REWARD_DECIDED = "reward_decided", "已决定奖励"
    NOTICE_SENT = "notice_sent", "已发领奖通知"
    CLAIMED = "claimed", "已领奖"
    LAPSED = "lapsed", "逾期未领（视为放弃）"
