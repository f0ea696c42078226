"""RegisterUpload (企业名录导入) and RegisterMatch (免申即享匹配结果)."""
from django.conf import settings
from django.db import models


class RegisterUpload(models.Model):
    """One upload of the firm register the bureau holds (企业名录: scale, revenue, R&D spend, recognitions,
    patents, contracts). The file is kept as uploaded so the forecast page can read it again; the per-firm
    matches are computed once, at upload."""

    filename = models.CharField("文件名", max_length=200, help_text="上传时的原文件名")
    data = models.BinaryField("文件内容", help_text="名录文件的原始内容（Excel 或 CSV）")
    on = models.DateField("测算日期", help_text="按这一天有效的政策参数匹配")
    firms = models.PositiveIntegerField("企业数", default=0, help_text="名录中的单位数")
    total = models.DecimalField("匹配金额合计（元）", max_digits=16, decimal_places=2, default=0,
                                help_text="全部匹配结果的金额合计（元）")
    # who imported a register stays on record
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="导入人", help_text="导入名录的工作人员")
    # PROTECT: accounts are deactivated, not deleted.
    uploaded_at = models.DateTimeField("导入时间", auto_now_add=True, help_text="导入时间（自动）")
    is_sample = models.BooleanField("演示数据", default=False, help_text="演示数据，统计时排除")

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "企业名录导入"

    def __str__(self) -> str:
        return f"{self.filename}（{self.uploaded_at:%Y-%m-%d %H:%M}）"


class RegisterMatch(models.Model):
    """What one firm of a register appears to qualify for (免申即享): its claims as the engine derived them
    from the register row, and the quote of those claims (lines with amounts, basis and reasons)."""

    # matches are computed from the upload and go with it
    upload = models.ForeignKey(RegisterUpload, on_delete=models.CASCADE, related_name="matches",
                               verbose_name="名录", help_text="匹配所依据的名录")
    # CASCADE: the matches are derived from the upload and mean nothing without it.
    row = models.PositiveIntegerField("行号", help_text="名录文件中的行号（含表头）")
    name = models.CharField("单位名称", max_length=200, help_text="名录中的单位名称")
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True, help_text="名录中的统一社会信用代码（18 位）")
    kind = models.CharField("单位类型", max_length=10, default="firm", help_text="单位类型（firm 或 other，同 Firm.kind）")
    facts = models.JSONField("测算事实", default=dict, help_text="从名录读出的测算事实")
    quote = models.JSONField("测算结果", default=dict, help_text="按政策测算的结果（事项和金额）")
    total = models.DecimalField("金额合计（元）", max_digits=14, decimal_places=2, default=0,
                                help_text="该单位可兑现的金额合计（元）")
    items = models.CharField("条目", max_length=200, blank=True, help_text="金额大于零的条目，以顿号分隔")

    class Meta:
        ordering = ["upload", "row"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "免申即享匹配结果"

    def __str__(self) -> str:
        return f"{self.name} {self.total}"
