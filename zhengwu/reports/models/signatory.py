"""Signatory (联名举报署名人): the people who signed a joint report, in the order they signed."""
from django.db import models

from .report import Report


class Signatory(models.Model):
    """One signatory of a joint report (联名举报, 第六条第二款); identity sealed.

    The reward goes to the first signatory, or to the one the first signatory authorised in writing
    (`authorised`: 书面委托领取).
    """

    SEALED_FIELDS = ("identity_sealed",)

    # co-signers are part of the report
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="signatories", verbose_name="举报",
                               help_text="联名举报所属的举报")
    # CASCADE: a signatory is part of the report; reports are never deleted except demo samples.
    order = models.PositiveSmallIntegerField("署名顺序", help_text="1 为第一署名人")
    identity_sealed = models.BinaryField("身份（加密）", editable=False, help_text="联名人的身份信息，加密保存")
    authorised = models.BooleanField("书面委托领奖", default=False, help_text="持第一署名人的书面委托，可代为领取奖金")

    class Meta:
        ordering = ["report", "order"]
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["report", "order"], name="reports_signatory_order")]
        verbose_name = verbose_name_plural = "联名署名人"

    def __str__(self) -> str:
        return f"{self.report} 第{self.order}署名人"
