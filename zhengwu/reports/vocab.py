"""Vocabularies of the work-safety reports system (安全生产举报), as TextChoices: English values stored,
Chinese labels shown; the models name them (Report.state, CaseEvent.Action …)."""
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


class CaseAction(models.TextChoices):
    """What one step of a report case was (办理事项)."""

    FILED = "filed", "受理"
    TRANSITION = "transition", "状态变更"
    EXTEND_VERIFICATION = "extend_verification", "延长核查期限"
    EXTEND_CLAIM = "extend_claim", "延长领奖期限"
    LINK_MATTER = "link_matter", "并为同一事项"
    AUTHORISE = "authorise", "登记书面委托"
    CLAIM_REQUEST = "claim_request", "举报人申请领奖"


class MessageSender(models.TextChoices):
    """Who sent a message of a case (发送方)."""

    STAFF = "staff", "办理人员"
    REPORTER = "reporter", "举报人"


class MessageKind(models.TextChoices):
    """What a message between staff and the reporter is (往来类别)."""

    QUESTION = "question", "询问"
    ANSWER = "answer", "答复"
    EXTENSION = "extension", "延期告知"
    NOTICE = "notice", "领奖通知"
    RESULT = "result", "核查结果"
    CLAIM = "claim", "领奖申请"
    OTHER = "other", "其他"


class AccessWhat(models.TextChoices):
    """Which sealed data a staff member looked at (查阅内容, 第十条)."""

    CONTENT = "content", "举报内容"
    IDENTITY = "identity", "举报人身份"
    EVIDENCE = "evidence", "证据材料"
    REWARD = "reward", "奖励决定"


class ClaimMethod(models.TextChoices):
    """How a reporter receives the reward (领取方式, 第七条（三）): the reporter's request and the staff's record."""

    IN_PERSON = "in_person", "凭有效证件现场领取"
    BANK_TRANSFER = "bank_transfer", "银行转账"


class NoticeMethod(models.TextChoices):
    """How the reward notice reaches the reporter (通知方式, 第七条（二）（三）)."""

    DIRECT = "direct", "直接通知举报人"
    ANNOUNCEMENT = "announcement", "无法通知举报人，在一定范围内公告"
