"""Report (举报), its states and channels, Matter (同一事项) and the per-year reference counter."""
from django.db import models

from zhengwu.desk.cases import VersionedCase

from ..vocab import Channel, State


class Matter(models.Model):
    """One matter (同一事项, 第六条) that one or more reports are about; only its first report is rewarded.

    Which report is first is derived (earliest received, then lowest id), never stored, so linking more
    reports can never leave a stale "first".
    """

    created_at = models.DateTimeField("创建时间", auto_now_add=True, help_text="创建时间（自动）")

    class Meta:
        ordering = ["pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "举报事项"

    def __str__(self) -> str:
        return f"事项 {self.pk}"


class ReferenceCounter(models.Model):
    """Last serial used in a year, so references are sequential per year (JB2021-000001, …)."""

    year = models.PositiveIntegerField("年度", primary_key=True, help_text="受理编号的年度")
    last = models.PositiveIntegerField("已用序号", default=0, help_text="该年度已用到的最大序号")

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
    year = models.PositiveIntegerField("年度", help_text="受理编号的年度（收到举报的年份）")
    serial = models.PositiveIntegerField("序号", help_text="受理编号在该年度内的序号")
    channel = models.CharField("举报方式", max_length=20, choices=Channel.choices, help_text="举报方式（第三条）")
    received_at = models.DateTimeField("收到时间", help_text="收到举报的时间；期限从这一天起算")
    accepted_on = models.DateField("受理日期", help_text="收到即受理（第三条），核查期限自次日起算")
    anonymous = models.BooleanField("匿名", default=False, help_text="是否匿名举报（匿名不能领奖）")
    joint = models.BooleanField("联名", default=False, help_text="多人联名举报（第六条第二款）")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.ACCEPTED,
                             help_text="办理状态；只按 workflow.STEPS 变更")
    # a unit with open cases cannot leave the directory under them
    handling_unit = models.ForeignKey("org.Organization", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="承办单位",
                                      help_text="分办后负责核查的单位（区应急局或有核查权限的部门）")
    # PROTECT: a unit with cases is dissolved, not deleted; the case must keep its handler.
    # a matter holds the reports that decide who is first
    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="reports", verbose_name="事项",
                               help_text="所属的同一事项（第六条）；只有首报可获奖励")
    # PROTECT: matters are merged by link_same_matter, never deleted under their reports.
    # a report keeps the platform it came through
    intake_client = models.ForeignKey("reports.IntakeClient", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="reports", verbose_name="对接平台",
                                      help_text="经接口转来时的平台（如12345热线）")
    # PROTECT: clients are deactivated, not deleted, so the source of a report stays known.
    is_sample = models.BooleanField("演示数据", default=False, help_text="演示数据，统计时排除")

    verified_on = models.DateField("核查完成日期", null=True, blank=True, help_text="核查完成的日期")
    notice_sent_on = models.DateField("领奖通知日期", null=True, blank=True, help_text="发出领奖通知的日期；领奖期限从这一天起算")
    verification_due = models.DateField("核查期限", null=True, blank=True, help_text="受理后60日内（第四条）")
    extended_due = models.DateField("延长后核查期限", null=True, blank=True, help_text="经批准延长一次，不超过30日（第四条）")
    notice_due = models.DateField("领奖通知期限", null=True, blank=True, help_text="核查属实后20日内（第七条（二））")
    claim_due = models.DateField("领奖期限", null=True, blank=True, help_text="接到领奖通知后60日内（第七条（三））")
    claim_extended_due = models.DateField("延长后领奖期限", null=True, blank=True,
                                          help_text="能够说明理由的，可以适当延长（第七条（三））")
    deadline_basis = models.JSONField("期限依据", default=dict, blank=True,
                                      help_text="各期限的计算依据，键为期限字段名")

    identity_sealed = models.BinaryField("举报人身份（加密）", null=True, editable=False,
                                         help_text="举报人身份信息，加密保存；匿名为空")
    content_sealed = models.BinaryField("举报内容（加密）", editable=False, help_text="举报内容，加密保存")
    reward_sealed = models.BinaryField("奖励决定（加密）", null=True, editable=False,
                                       help_text="奖励决定（金额、依据），加密保存；未决定为空")
    credit_code_index = models.CharField("信用代码盲索引", max_length=64, blank=True, db_index=True,
                                         help_text="被举报单位信用代码的盲索引（HMAC），用于查重")
    unit_name_index = models.CharField("单位名称盲索引", max_length=64, blank=True, db_index=True,
                                       help_text="被举报单位名称的盲索引（HMAC），用于查重")

    receipt_hash = models.CharField("回执码哈希", max_length=200, help_text="Argon2id，回执码本身不保存")
    receipt_failed_attempts = models.PositiveSmallIntegerField("回执码连续错误次数", default=0, help_text="回执码连续输错的次数")
    receipt_locked_until = models.DateTimeField("回执码锁定至", null=True, blank=True,
                                                help_text="回执码查询锁定到此时间；未锁定为空")

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
