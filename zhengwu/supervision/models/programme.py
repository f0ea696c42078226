"""Programme (督办项目): one gazette document whose work the office follows up, and who reports for whom."""
from django.conf import settings
from django.db import models
from django.urls import reverse

from zhengwu.gazette.models import Document
from zhengwu.org.models import Organization


class Programme(models.Model):
    """A document under supervision (督办文件): the campaign of 綦普法办〔2021〕16号, the plan of
    綦江府办发〔2021〕24号, or any document whose tasks and targets the office enters by hand."""

    # a programme rests on its document, which cannot vanish under it
    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="supervision",
                                    verbose_name="公文", help_text="作为督办依据的公报公文")
    # PROTECT: tasks and targets cite the document; a gazette re-import updates the row, never deletes it.
    title = models.CharField("名称", max_length=300, help_text="督办项目名称（默认公文标题）")
    yellow_days = models.PositiveSmallIntegerField(
        "黄灯提前天数", null=True, blank=True,
        help_text="截止日前几日内亮黄灯；空则用规则文件的默认值（3日）")
    published = models.BooleanField("向公众公开进展", default=False,
                                    help_text="勾选后 /supervision/public/ 显示本项目的目标进展")
    created_at = models.DateTimeField("创建时间", auto_now_add=True, help_text="创建时间（自动）")

    class Meta:
        ordering = ["pk"]
        default_permissions = ()
        permissions = [
            ("manage_supervision", "督查室：建立督办事项和目标，审核、销号、退回、批准延期，生成通报"),
            ("view_supervision", "查看督查督办情况和通报"),
        ]
        verbose_name = verbose_name_plural = "督办项目"

    def __str__(self) -> str:
        return f"{self.document.number} {self.title}"

    @property
    def number(self) -> str:
        return self.document.number or ""

    def get_absolute_url(self) -> str:
        return reverse("supervision:programme", args=[self.pk])


class ReporterLink(models.Model):
    """A unit's reporting account (填报账号): it acknowledges and reports the tasks of `organization`, or
    records the progress entries of `party` (南岸区, 綦江区) against targets."""

    # the link is only the account's permission
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision_links",
                             verbose_name="账号", help_text="填报人的登录账号")
    # CASCADE: the link means nothing without the account.
    # the link is only the unit's permission
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="+", verbose_name="承办单位", help_text="该账号代表的承办单位")
    # CASCADE: units are dissolved, not deleted; the link goes with a deleted unit.
    party = models.CharField("目标责任方", max_length=30, blank=True, help_text="如 南岸区、綦江区")

    class Meta:
        ordering = ["user", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "填报账号"

    def __str__(self) -> str:
        return f"{self.user} · {self.organization or self.party}"
