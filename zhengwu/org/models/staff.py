"""StaffUnit (工作人员所属单位): which units' posts a staff account may appoint to and remove from."""
from django.conf import settings
from django.db import models

from .organizations import Organization


class StaffUnit(models.Model):
    """A staff account may edit the posts of this unit (superusers edit every unit without a link)."""

    # the link is only the account's membership of a unit
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="org_units",
                             verbose_name="账号", help_text="工作人员的登录账号")
    # CASCADE: the link means nothing without the account.
    # the link is only the unit's staff list
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="staff_links",
                                     verbose_name="单位", help_text="该账号可以任免其职务的单位")
    # CASCADE: as above; units are dissolved rather than deleted, so this rarely happens.

    class Meta:
        ordering = ["user", "organization"]
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="org_staffunit_unique")]
        verbose_name = verbose_name_plural = "工作人员所属单位"

    def __str__(self) -> str:
        return f"{self.user} · {self.organization}"
