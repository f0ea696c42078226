"""AuditEntry (操作记录): who changed what in the registry, when and why."""
from django.db import models


class AuditEntry(models.Model):
    """One recorded transition: appoint, remove, end by succession, import a document, link a post …"""

    at = models.DateTimeField("时间", auto_now_add=True, help_text="写入记录的时间")
    by = models.CharField("操作人", max_length=100, help_text="用户名，或 命令行:用户名、导入")
    action = models.CharField("操作", max_length=40, help_text="appoint、remove、succession、import_document …")
    reason = models.CharField("理由", max_length=300, blank=True, help_text="操作人写的理由，如 第120次常务会决定")
    subject = models.CharField("对象", max_length=60, help_text="如 membership:12、organization:3")
    summary = models.CharField("摘要", max_length=300, help_text="一句中文，如 任命 张三 为 区应急局局长")
    details = models.JSONField("详情", default=dict, blank=True, help_text="改动前后的值、日期、导入报告等")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = verbose_name_plural = "操作记录"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.by} {self.summary}"
