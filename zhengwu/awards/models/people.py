"""Who takes part: schools (学校) and their staff accounts, and the review experts (评审专家)."""
from __future__ import annotations

from django.conf import settings
from django.db import models


class School(models.Model):
    """学校: a school students apply from; `stages` (小学/初中/高中) decide which grades exist there.

    `organization` links the school to the org registry when the registry knows it (most schools are not
    bodies of the district government and are kept here only)."""

    name = models.CharField("学校名称", max_length=100, unique=True, help_text="学校全称（不重复）")
    stages = models.JSONField("学段", default=list, help_text='["primary"]、["junior", "senior"] 等')
    # the directory may drop a unit; the school stays
    organization = models.ForeignKey("org.Organization", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name="机构名录中的单位", help_text="机构名录中对应的单位；可空")

    class Meta:
        ordering = ["name"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "学校"

    def __str__(self) -> str:
        return self.name


class SchoolMember(models.Model):
    """学校账号: a staff account that applies for and recommends the students of one school."""

    # a school seat is nothing without its account
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="award_school",
                                help_text="学校工作人员的登录账号")
    # a school with staff accounts cannot vanish under them
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="members", verbose_name="学校",
                               help_text="该账号代表的学校")

    class Meta:
        default_permissions = ()
        verbose_name = verbose_name_plural = "学校账号"

    def __str__(self) -> str:
        return f"{self.user} @ {self.school}"


class Expert(models.Model):
    """评审专家: scores the candidates assigned to them; never one from their own school (`school`)."""

    # the expert and their scores outlive a closed account
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="award_expert", help_text="专家的登录账号；可空（尚未开通）")
    name = models.CharField("姓名", max_length=30, help_text="专家姓名")
    affiliation = models.CharField("工作单位", max_length=100, blank=True, help_text="专家的工作单位")
    # the conflict-of-interest rule needs the school to exist
    school = models.ForeignKey(School, on_delete=models.PROTECT, null=True, blank=True, related_name="experts",
                               verbose_name="所在学校（回避）", help_text="专家不评审本校学生")
    active = models.BooleanField("参加评审", default=True, help_text="是否参加本届评审（不参加的不再分配）")
    is_sample = models.BooleanField("示例", default=False, help_text="演示用的示例数据")

    class Meta:
        ordering = ["name", "pk"]
        default_permissions = ()
        verbose_name = verbose_name_plural = "评审专家"

    def __str__(self) -> str:
        return self.name
