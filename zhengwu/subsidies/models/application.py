"""Application (兑现申请), its states and the per-year reference counter."""
from django.conf import settings
from django.db import models

from zhengwu.desk.cases import VersionedCase

from ..vocab import ApplicationOrigin, State
from .firm import ApplicantKey, Firm


class ReferenceCounter(models.Model):
    """Last serial used in a year, so references are sequential per year (KB2021-000001, …)."""

    year = models.PositiveIntegerField("年度", primary_key=True, help_text="申请编号的年度")
    last = models.PositiveIntegerField("已用序号", default=0, help_text="该年度已用到的最大序号")

    class Meta:
        default_permissions = ()
        verbose_name = verbose_name_plural = "申请编号计数"


class Application(VersionedCase):
    """One claim of one policy item by one firm (兑现申请), from draft to payment.

    `claim` is the engine's claim (facts of one item), `quote` the engine's line for it when it was last
    computed (amount, basis with citations, reason). Its MatterKeys say what "the same thing" is for the
    duplicate rule (duplicates.py); `version` goes up by one on every change, for compare-and-swap.
    """

    Origin = ApplicationOrigin  # the vocabulary lives in vocab.py

    case_noun = "申请"

    reference = models.CharField("申请编号", max_length=20, unique=True, help_text="如 KB2021-000012，每年顺序编号")
    year = models.PositiveIntegerField("申报年度", help_text="测算日期所在年度；预算按此年度汇总")
    serial = models.PositiveIntegerField("序号", help_text="申请编号在该年度内的序号")
    # a firm with applications cannot vanish under its money
    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="applications", verbose_name="申报单位",
                             help_text="申报单位")
    # PROTECT: an application keeps its firm; firms are never deleted under their applications.
    # the link an application came through stays on record
    key = models.ForeignKey(ApplicantKey, on_delete=models.PROTECT, null=True, blank=True,
                            related_name="applications", verbose_name="申报链接", help_text="提交所用的申报链接；工作人员代录为空")
    # PROTECT: links are deactivated, not deleted.
    origin = models.CharField("来源", max_length=10, choices=Origin.choices, default=Origin.PUBLIC,
                              help_text="来源：网上申报、免申即享或代录")
    item = models.CharField("政策条目", max_length=8, help_text="如 六、十三")
    on = models.DateField("测算日期", help_text="按这一天有效的政策参数测算")
    claim = models.JSONField("申报事项", default=dict, help_text="申报的事项和事实（按 fields_description 的字段）")
    contact_name = models.CharField("联系人", max_length=60, blank=True, help_text="联系人姓名")
    contact_phone = models.CharField("联系电话", max_length=30, blank=True, help_text="联系人电话")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT,
                             help_text="办理状态；只按 workflow.STEPS 变更")

    quote = models.JSONField("测算结果", default=dict, blank=True, help_text="引擎给出的金额、依据和理由")
    quoted_amount = models.DecimalField("测算金额（元）", max_digits=14, decimal_places=2, null=True, blank=True,
                                        help_text="按政策测算的金额（元，两位小数）")
    approved_amount = models.DecimalField("批准金额（元）", max_digits=14, decimal_places=2, null=True, blank=True,
                                          help_text="审核批准的金额（元，两位小数）")
    decision_reason = models.TextField("审核意见", blank=True, help_text="审核意见（不予兑现时必填理由）")
    decided_on = models.DateField("审核决定日期", null=True, blank=True, help_text="作出审核决定的日期")
    paid_on = models.DateField("拨付日期", null=True, blank=True, help_text="资金拨付的日期")
    payment_reference = models.CharField("拨付凭证号", max_length=60, blank=True, help_text="拨付凭证号")

    created_at = models.DateTimeField("创建时间", auto_now_add=True, help_text="创建时间（自动）")
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True, help_text="提交时间；草稿为空")
    # who keyed in an application stays on record
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="邀请人", help_text="空：企业自行申报")
    # PROTECT: accounts are deactivated, not deleted.
    is_sample = models.BooleanField("演示数据", default=False, help_text="演示数据，统计时排除")

    class Meta:
        ordering = ["-pk"]
        default_permissions = ()  # least privilege: no generic add/change rights
        permissions = [
            ("review_application", "受理、审核科技政策兑现申请，导入企业名录并邀请申报（区科技局）"),
            ("record_payment", "登记科技政策兑现资金拨付"),
            ("view_budget", "查看科技政策兑现预算、预测并导出"),
        ]
        constraints = [models.UniqueConstraint(fields=["year", "serial"], name="subsidies_app_year_serial")]
        indexes = [models.Index(fields=["state"], name="subsidies_app_state"),
                   models.Index(fields=["year", "item"], name="subsidies_app_year_item")]
        verbose_name = verbose_name_plural = "兑现申请"

    def __str__(self) -> str:
        return self.reference

    @property
    def amount(self):
        """The amount that counts now: approved if decided, else the quote."""
        return self.approved_amount if self.approved_amount is not None else self.quoted_amount


class MatterKey(models.Model):
    """One thing an application claims money for (同一事项), e.g. "一|national_key_lab" (a recognition),
    "十三|invention|ZL2021…" (an invention), "六|2021" (an annual item's year): two applications of the
    same firm sharing a key claim the same thing, and only the first approved one is paid (首次认定)."""

    # the keys are derived from the application and go with it
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="matter_keys",
                                    verbose_name="申请", help_text="该键所属的申请")
    # CASCADE: the keys are derived from the application's claim and rewritten with it.
    key = models.CharField("事项键", max_length=200, db_index=True, help_text="同一事项的键（单位、条款、年度……），用于防止重复兑现")

    class Meta:
        ordering = ["application", "key"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["application", "key"], name="subsidies_matterkey_unique")]
        verbose_name = verbose_name_plural = "同一事项键"

    def __str__(self) -> str:
        return f"{self.application} {self.key}"
