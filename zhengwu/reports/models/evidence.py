"""Evidence (证据材料): files sent with a report, stored encrypted; what they are called is sealed too."""
from django.db import models

from .report import Report


class Evidence(models.Model):
    """One evidence file (相关证据, 第三条). The file is a Fernet token in the default storage under a random
    name; the original name, content type and size are in `meta_sealed`."""

    SEALED_FIELDS = ("meta_sealed",)

    # evidence is the report's own and goes with it
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence", verbose_name="举报",
                               help_text="证据所属的举报")
    # CASCADE: evidence belongs to its report; reports are never deleted except demo samples.
    stored_name = models.CharField("存储名", max_length=200, unique=True, help_text="reports/evidence/<随机名>")
    meta_sealed = models.BinaryField("文件信息（加密）", editable=False, help_text="文件名、类型、大小等，加密保存")
    added_at = models.DateTimeField("添加时间", auto_now_add=True, help_text="添加时间（自动）")

    class Meta:
        ordering = ["report", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "证据材料"

    def __str__(self) -> str:
        return f"{self.report} 证据 {self.pk}"
