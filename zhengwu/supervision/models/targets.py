"""Targets (量化目标) per party and year, progress entries against them, and assistance-fund projects."""
from django.conf import settings
from django.db import models

from .programme import Programme


class Target(models.Model):
    """A quantified target (目标): `party` reaches `threshold` `unit` of `indicator` in `year`.

    `joint` targets are met by the parties together (联手): `party` then names both (南岸区、綦江区).
    `aspirational` marks 力争 (striving for): evaluated like the others but shown as 力争.
    """

    # targets are read from the programme and go with it
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets",
                                  help_text="指标所属的督办项目")
    # CASCADE: a target exists only within its programme.
    code = models.CharField("代码", max_length=40, help_text="同一指标各方各年共用，如 jobs")
    indicator = models.CharField("指标", max_length=200, help_text="指标名称")
    party = models.CharField("责任方", max_length=30, help_text="责任方（单位写法同公文）")
    joint = models.BooleanField("联手完成", default=False, help_text="是否由几方联手完成")
    threshold = models.DecimalField("目标值", max_digits=16, decimal_places=2, help_text="目标值（单位见指标名称）")
    unit = models.CharField("单位", max_length=10, help_text="个、人、人次、名、项、家、元")
    year = models.PositiveIntegerField("年度", help_text="目标所属年度")
    aspirational = models.BooleanField("力争", default=False, help_text="是否“力争”目标（不计未完成）")
    cite = models.CharField("出处", max_length=60, blank=True, help_text="在公文中的出处，如 三（二）")
    anchor = models.CharField("锚点", max_length=60, blank=True, help_text="公文页面中的锚点")
    quote = models.TextField("原文", blank=True, help_text="公文原文")
    order = models.PositiveIntegerField("顺序", default=0, help_text="在项目中的顺序（从 0 起）")
    is_sample = models.BooleanField("示例", default=False, help_text="示例数据，统计时可排除")

    class Meta:
        ordering = ["programme", "year", "order", "pk"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["programme", "code", "party", "year"],
                                               name="supervision_target_unique")]
        verbose_name = verbose_name_plural = "量化目标"

    def __str__(self) -> str:
        return f"{self.year} {self.party} {self.indicator} ≥ {self.threshold}{self.unit}"

    def source_url(self) -> str:
        url = self.programme.document.get_absolute_url()
        return f"{url}#{self.anchor}" if self.anchor else url


class ProgressEntry(models.Model):
    """What a party did towards a target (进展): a value on a date, with a note and an optional file."""

    # progress is the target's own
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="entries", help_text="进度所属的指标")
    # CASCADE: entries mean nothing without their target.
    value = models.DecimalField("数值", max_digits=16, decimal_places=2, help_text="截至该日期的累计数值（单位同目标值）")
    on = models.DateField("日期", help_text="数值所截至的日期")
    note = models.CharField("说明", max_length=300, blank=True, help_text="说明")
    file_name = models.CharField("佐证文件", max_length=200, blank=True, help_text="佐证文件的原文件名")
    stored_name = models.CharField("存储名", max_length=200, blank=True, help_text="佐证文件在私有目录中的存储名")
    # who reported progress stays on record
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                           related_name="+", help_text="填报人账号")
    # PROTECT: accounts are deactivated, not deleted.
    is_sample = models.BooleanField("示例", default=False, help_text="示例数据，统计时可排除")
    created_at = models.DateTimeField(auto_now_add=True, help_text="填报时间（自动）")

    class Meta:
        ordering = ["target", "on", "pk"]
        default_permissions = ()
        indexes = [models.Index(fields=["on"])]
        verbose_name = verbose_name_plural = "目标进展"

    def __str__(self) -> str:
        return f"{self.target} +{self.value} ({self.on})"


class FundProject(models.Model):
    """A project paid from assistance funds (帮扶资金项目), checked against the fund rules of 24号 二（七）1."""

    # fund projects are read from the programme and go with it
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="fund_projects",
                                  help_text="项目所属的督办项目")
    # CASCADE: part of the programme.
    party = models.CharField("出资方", max_length=30, help_text="出资方")
    year = models.PositiveIntegerField("年度", help_text="资金年度")
    name = models.CharField("项目名称", max_length=200, help_text="资金项目名称")
    amount = models.DecimalField("金额（元）", max_digits=16, decimal_places=2, help_text="资金金额（元）")
    consolidation = models.BooleanField("用于巩固拓展脱贫攻坚成果及乡村振兴", default=False, help_text="是否用于巩固拓展脱贫攻坚成果及乡村振兴")
    fixed_asset = models.BooleanField("固定资产投资项目", default=False, help_text="是否固定资产投资项目")
    is_sample = models.BooleanField("示例", default=False, help_text="示例数据，统计时可排除")

    class Meta:
        ordering = ["programme", "year", "party", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "帮扶资金项目"

    def __str__(self) -> str:
        return f"{self.year} {self.party} {self.name}"
