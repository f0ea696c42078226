"""IntakeClient (对接平台): a system allowed to file reports through the API, e.g. the 12345 hotline."""
from django.db import models


class IntakeClient(models.Model):
    """An API client (对接平台). Its key is shown once when created (clients.create_client) and kept only as
    a SHA-256 hash: the key is 256 random bits, so a fast hash is enough to make the stored value useless."""

    name = models.CharField("名称", max_length=100, unique=True, help_text="如 綦江区12345政务服务便民热线")
    key_hash = models.CharField("密钥哈希", max_length=64, unique=True, editable=False,
                                help_text="对接密钥的 SHA-256（十六进制），密钥本身不保存")
    key_prefix = models.CharField("密钥前缀", max_length=12, editable=False, help_text="用于辨认是哪把密钥，不能用来访问")
    active = models.BooleanField("启用", default=True, help_text="停用后该平台不能再提交举报")
    created_at = models.DateTimeField("创建时间", auto_now_add=True, help_text="登记时间（自动）")

    class Meta:
        ordering = ["name"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "对接平台"

    def __str__(self) -> str:
        return self.name
