"""Report (举报), its states and channels, Matter (同一事项) and the per-year reference counter."""
from django.db import models

from zhengwu.desk.cases import VersionedCase


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


class Matter(models.Model):
    """One matter (同一事项, 第六条) that one or more reports are about; only its first report is rewarded.

    Which report is first is derived (earliest received, then lowest id), never stored, so linking more
    reports can never leave a stale "first".
    """

    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "举报事项"

    def __str__(self) -> str:
        return f"事项 {self.pk}"


class ReferenceCounter(models.Model):
    """Last serial used in a year, so references are sequential per year (JB2021-000001, …)."""

    year = models.PositiveIntegerField("年度", primary_key=True)
    last = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        default_permissions = ()
        verbose_name = verbose_name_plural = "举报编号计数"


class Report(VersionedCase):
    """A work-safety report (安全生产举报), accepted centrally on receipt (第三条) and handled as a case.

    Identity (举报人身份), content (举报内容) and the reward decision (奖励) are sealed columns (第十条);
    `credit_code_index` / `unit_name_index` are blind indexes for finding the same matter without
    decrypting. `version` goes up by one on every change of the case, for compare-and-swap.
    """

    SEALED_FIELDS = ("identity_sealed", "content_sealed", "reward_sealed")

    case_noun = "举报"

    reference = models.CharField("举报编号", max_length=20, unique=True, help_text="如 JB2021-000123，每年顺序编号")
    year = models.PositiveIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    channel = models.CharField("举报方式", max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField("收到时间")
    accepted_on = models.DateField("受理日期", help_text="收到即受理（第三条），核查期限自次日起算")
    anonymous = models.BooleanField("匿名", default=False)
    joint = models.BooleanField("联名", default=False, help_text="多人联名举报（第六条第二款）")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.ACCEPTED)
    handling_unit = models.ForeignKey("org.Organization", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="承办单位",
                                      help_text="分办后负责核查的单位（区应急局或有核查权限的部门）")
    # PROTECT: a unit with cases is dissolved, not deleted; the case must keep its handler.
    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="reports", verbose_name="事项")
    # PROTECT: matters are merged by link_same_matter, never deleted under their reports.
    intake_client = models.ForeignKey("reports.IntakeClient", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="reports", verbose_name="对接平台",
                                      help_text="经接口转来时的平台（如12345热线）")
    # PROTECT: clients are deactivated, not deleted, so the source of a report stays known.
    is_sample = models.BooleanField("演示数据", default=False)

    verified_on = models.DateField("核查完成日期", null=True, blank=True)
    notice_sent_on = models.DateField("领奖通知日期", null=True, blank=True)
    verification_due = models.DateField("核查期限", null=True, blank=True, help_text="受理后60日内（第四条）")
    extended_due = models.DateField("延长后核查期限", null=True, blank=True, help_text="经批准延长一次，不超过30日（第四条）")
    notice_due = models.DateField("领奖通知期限", null=True, blank=True, help_text="核查属实后20日内（第七条(二)）")
    claim_due = models.DateField("领奖期限", null=True, blank=True, help_text="接到领奖通知后60日内（第七条(三)）")
    claim_extended_due = models.DateField("延长后领奖期限", null=True, blank=True,
                                          help_text="能够说明理由的，可以适当延长（第七条(三)）")
    deadline_basis = models.JSONField("期限依据", default=dict, blank=True,
                                      help_text="各期限的计算依据，键为期限字段名")

    identity_sealed = models.BinaryField("举报人身份（加密）", null=True, editable=False)
    content_sealed = models.BinaryField("举报内容（加密）", editable=False)
    reward_sealed = models.BinaryField("奖励决定（加密）", null=True, editable=False)
    credit_code_index = models.CharField("信用代码盲索引", max_length=64, blank=True, db_index=True)
    unit_name_index = models.CharField("单位名称盲索引", max_length=64, blank=True, db_index=True)

    receipt_hash = models.CharField("回执码哈希", max_length=200, help_text="Argon2id，回执码本身不保存")
    receipt_failed_attempts = models.PositiveSmallIntegerField("回执码连续错误次数", default=0)
    receipt_locked_until = models.DateTimeField("回执码锁定至", null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        default_permissions = ()  # least privilege: no generic add/change/view rights on cases
        permissions = [
            ("route_report", "受理、分办举报并查看全部举报内容（区安委会办公室/区应急局）"),
            ("view_reporter_identity", "查看举报人身份（须说明理由，每次记录）"),
            ("view_reward", "查看奖励决定（财务发放）"),
        ]
        constraints = [models.UniqueConstraint(fields=["year", "serial"], name="reports_report_year_serial")]
        indexes = [models.Index(fields=["state"], name="reports_report_state")]
        verbose_name = verbose_name_plural = "举报"

    def __str__(self) -> str:
        return self.reference
