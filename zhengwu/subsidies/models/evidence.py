"""EvidenceFile (证明材料): files a firm attaches to an application."""
from django.db import models

from .application import Application


class EvidenceFile(models.Model):
    """One evidence file (证明材料: 认定文件、专利证书、审计报告 …) in the default storage under MEDIA_ROOT
    (never under static), under a random name; staff download it through a permission-checked view."""

    # the files are the application's own
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence",
                                    verbose_name="申请", help_text="材料所属的申请")
    # CASCADE: files belong to their application; applications are never deleted except demo samples.
    stored_name = models.CharField("存储名", max_length=200, unique=True, help_text="subsidies/evidence/<随机名>")
    name = models.CharField("文件名", max_length=200, help_text="上传时的原文件名")
    content_type = models.CharField("类型", max_length=100, help_text="检查后认定的文件类型（MIME）")
    size = models.PositiveIntegerField("大小（字节）", help_text="文件大小（字节）")
    added_at = models.DateTimeField("上传时间", auto_now_add=True, help_text="上传时间（自动）")

    class Meta:
        ordering = ["application", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "证明材料"

    def __str__(self) -> str:
        return f"{self.application} {self.name}"
