"""Firm (申报单位) and ApplicantKey (申报链接)."""
from django.db import models

from ..vocab import FirmKind


class Firm(models.Model):
    """A firm or other unit that claims subsidies (申报单位), known by its unified social credit code
    (统一社会信用代码, GB 32100-2015): the code, not the name, decides whether two claims come from the same
    unit (首次认定: a recognition pays once per unit)."""

    Kind = FirmKind  # the vocabulary lives in vocab.py

    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True,
                                   help_text="18 位统一社会信用代码（GB 32100，校验位正确），不重复")
    name = models.CharField("单位名称", max_length=200, help_text="单位全称")
    kind = models.CharField("单位类型", max_length=10, choices=Kind.choices, default=Kind.FIRM,
                            help_text="单位类型：企业或其他单位")
    is_sample = models.BooleanField("演示数据", default=False, help_text="演示数据，统计时排除")
    created_at = models.DateTimeField("登记时间", auto_now_add=True, help_text="登记时间（自动）")

    class Meta:
        ordering = ["name", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "申报单位"

    def __str__(self) -> str:
        return self.name


class ApplicantKey(models.Model):
    """A magic link (申报链接) that opens the applications made with it — the firm's only credential.

    **Decision**: firms get no accounts. Starting an application (or being invited, 免申即享) makes a link
    with 256 random bits; only its SHA-256 hash is stored, so the database cannot give it back. The link
    opens the applications made under it, and no others: anyone may start an application naming any
    credit code, so a new link must not reveal what an earlier link of the same firm holds.
    """

    # a firm's links are needed to tell how its applications came in
    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="keys", verbose_name="申报单位",
                             help_text="链接所属的申报单位")
    # PROTECT: firms with applications are never deleted (demo samples go with their applications).
    key_hash = models.CharField("链接哈希", max_length=64, unique=True, editable=False,
                                help_text="申报链接密钥的 SHA-256（十六进制），密钥本身不保存")
    key_prefix = models.CharField("链接前缀", max_length=8, editable=False, help_text="用于辨认是哪条链接，不能用来访问")
    active = models.BooleanField("有效", default=True, help_text="作废后链接不能再用")
    created_at = models.DateTimeField("生成时间", auto_now_add=True, help_text="生成时间（自动）")
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True, help_text="最近一次使用链接的时间")

    class Meta:
        ordering = ["pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "申报链接"

    def __str__(self) -> str:
        return f"{self.firm} {self.key_prefix}…"
