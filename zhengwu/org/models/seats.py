"""Seat (席位): a role in a body (组长, 成员, 指挥长 …), held through a post."""
import datetime as dt

from django.db import models
from django.db.models import Q

from zhengwu.gazette.models import Document, Issue

from ..vocab import SeatBasis
from .organizations import Organization
from .people import Person
from .posts import Post


class SeatQuerySet(models.QuerySet):
    def active_on(self, day: dt.date) -> "SeatQuerySet":
        return self.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


class Seat(models.Model):
    """A role in a body as a document sets it up: who sits there is computed, not stored.

    - named (点名): "组长：施崇刚 区委常委、区政府常务副区长" — held by the post he was named in
      (区政府常务副区长); whoever holds that post sits there (24号/25号: 不再单独发文, 由承担相应职务的
      领导自行承接). When the post has several holders (副区长), only the named person sits there.
    - ex officio (职务当然): "区应急局主要负责人" — whoever holds that post.
    - personal (本人): the masthead board prints names without posts; the seat stays with the person.
    """

    # seats are part of their body
    body = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="seats", verbose_name="机构",
                             help_text="席位所在的议事协调机构或办公室")
    # CASCADE: a seat is part of its body's composition and means nothing without it.
    role = models.CharField("角色", max_length=30, help_text="组长、副组长、成员、主任、常务副主任、指挥长 …")
    role_note = models.CharField("角色注记", max_length=30, blank=True,
                                 help_text="括号里的另一称谓，如 主任（总指挥长） 的 总指挥长")
    order = models.PositiveIntegerField("顺序", default=0, help_text="在公文名单中的顺序")
    basis = models.CharField("席位依据", max_length=20, choices=SeatBasis.choices,
                             help_text="点名、职务当然或本人；决定谁坐这个席位")
    # a post holding seats stays in the registry
    post = models.ForeignKey(Post, on_delete=models.PROTECT, null=True, blank=True, related_name="seats",
                             verbose_name="职务", help_text="坐这个席位的职务；“本人”席位为空")
    # PROTECT: a seat without its post would lose its holder.
    # a person named in a seat stays in the registry
    named_person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="named_seats", verbose_name="公文点名人员",
                                     help_text="公文名单中点名的人；职务当然席位为空")
    # PROTECT: the person the document named is part of the record.
    note = models.CharField("注记", max_length=60, blank=True, help_text="如 （区金融发展服务中心）、有关、兼")
    start_date = models.DateField("生效日期", help_text="公文成文日期（刊头为出版日期）")
    end_date = models.DateField("失效日期", null=True, blank=True,
                                help_text="最后有效的一天：下一份调整组成人员的公文生效前一天")
    # the seat outlives the link to its document
    document = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name="依据公文", help_text="设立这个席位的公文")
    # SET_NULL: the seat and its dates stay if the gazette document row is removed.
    # the seat outlives the link to its gazette issue
    issue = models.ForeignKey(Issue, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name="依据刊期", help_text="刊头编辑委员会的席位来自某一期公报")
    # SET_NULL: as for the document.
    line = models.PositiveIntegerField("源文件行号", null=True, blank=True, help_text="名单行在公报文本中的行号")

    objects = SeatQuerySet.as_manager()

    class Meta:
        ordering = ["body", "start_date", "order"]
        verbose_name = verbose_name_plural = "席位"

    def __str__(self) -> str:
        return f"{self.body} {self.role}"
