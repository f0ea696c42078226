"""Application (兑现申请), its states and the per-year reference counter."""
from django.conf import settings
from django.db import models

from zhengwu.desk.cases import VersionedCase

from .firm import ApplicantKey, Firm


class State(models.TextChoices):
    """Where an application stands (办理状态); the legal moves are in workflow.STEPS."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    UNDER_REVIEW = "under_review", "审核中"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "不予批准"
    PAID = "paid", "已拨付"


class ReferenceCounter(models.Model):
    """Last serial used in a year, so references are sequential per year (KB2021-000001, …)."""

    year = models.PositiveIntegerField("年度", primary_key=True)
    last = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        default_permissions = ()
        verbose_name = verbose_name_plural = "申请编号计数"


class Application(VersionedCase):
    """One claim of one policy item by one firm (兑现申请), from draft to payment.

    `claim` is the engine's claim (facts of one item), `quote` the engine's line for it when it was last
    computed (amount, basis with citations, reason). Its MatterKeys say what "the same thing" is for the
    duplicate rule (duplicates.py); `version` goes up by one on every change, for compare-and-swap.
    """

    class Origin(models.TextChoices):
        PUBLIC = "public", "企业申报"
        INVITED = "invited", "免申即享邀请"

    case_noun = "申请"

    reference = models.CharField("申请编号", max_length=20, unique=True, help_text="如 KB2021-000012，每年顺序编号")
    year = models.PositiveIntegerField("申报年度", help_text="测算日期所在年度；预算按此年度汇总")
    serial = models.PositiveIntegerField("序号")
    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="applications", verbose_name="申报单位")
    # PROTECT: an application keeps its firm; firms are never deleted under their applications.
    key = models.ForeignKey(ApplicantKey, on_delete=models.PROTECT, null=True, blank=True,
                            related_name="applications", verbose_name="申报链接")
    # PROTECT: links are deactivated, not deleted.
    origin = models.CharField("来源", max_length=10, choices=Origin.choices, default=Origin.PUBLIC)
    item = models.CharField("政策条目", max_length=8, help_text="如 六、十三")
    on = models.DateField("测算日期", help_text="按这一天有效的政策参数测算")
    claim = models.JSONField("申报事项", default=dict)
    contact_name = models.CharField("联系人", max_length=60, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT)

    quote = models.JSONField("测算结果", default=dict, blank=True, help_text="引擎给出的金额、依据和理由")
    quoted_amount = models.DecimalField("测算金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    approved_amount = models.DecimalField("批准金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    decision_reason = models.TextField("审核意见", blank=True)
    decided_on = models.DateField("审核决定日期", null=True, blank=True)
    paid_on = models.DateField("拨付日期", null=True, blank=True)
    payment_reference = models.CharField("拨付凭证号", max_length=60, blank=True)

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="邀请人", help_text="空：企业自行申报")
    # PROTECT: accounts are deactivated, not deleted.
    is_sample = models.BooleanField("演示数据", default=False)

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

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="matter_keys",
                                    verbose_name="申请")
    # CASCADE: the keys are derived from the application's claim and rewritten with it.
    key = models.CharField("事项键", max_length=200, db_index=True)

    class Meta:
        ordering = ["application", "key"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["application", "key"], name="subsidies_matterkey_unique")]
        verbose_name = verbose_name_plural = "同一事项键"

    def __str__(self) -> str:
        return f"{self.application} {self.key}"
