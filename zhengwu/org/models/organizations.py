"""Organization (机构) and its other names: units, streets, towns, companies and coordinating bodies."""
import datetime as dt

from django.db import models

from zhengwu.gazette.models import Document

from ..vocab import Classification, DissolutionReason


class Organization(models.Model):
    """An organisation (机构, Popolo Organization): a unit such as 区应急局, or a body such as 区安委会.

    Bodies nest through `parent` (区减灾委 ⊃ 4 个指挥部); an office (办公室) of a body has the body as
    parent and is hosted in a unit (`hosted_in`). An organisation exists on day D when it was founded on
    or before D (or the founding date is unknown) and not dissolved on or before D: the dissolution date
    is the first day it no longer exists.
    """

    name = models.CharField("名称", max_length=120, unique=True,
                            help_text="全称（如 重庆市綦江区应急管理局）；全称未见于公文时用公文所印名称")
    short_name = models.CharField("简称", max_length=60, blank=True,
                                  help_text="公文常用的简称，如 区应急局；显示时优先使用")
    classification = models.CharField("类别", max_length=30, choices=Classification.choices,
                                      default=Classification.OTHER, help_text="见 org/vocab.py Classification")
    # a body with sub-units cannot vanish under them
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name="上级机构",
                               help_text="如 区森林草原防灭火指挥部 的上级是 区减灾委")
    # PROTECT: a body with sub-bodies is dissolved, not deleted — history is kept.
    # a host body cannot vanish under the office it hosts
    hosted_in = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="hosted_offices", verbose_name="设在",
                                  help_text="办公室设在哪个单位，如 区安委会办公室 设在 区应急局")
    # PROTECT: an office would lose where it sits; dissolve the unit instead of deleting it.
    description = models.TextField("主要职责", blank=True, help_text="公文所列主要职责")
    founding_date = models.DateField("成立日期", null=True, blank=True, help_text="空：成立日期不详（早于所见公文）")
    # the body outlives the link to its founding document
    founding_document = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True,
                                          related_name="+", verbose_name="成立依据",
                                          help_text="成立本机构的公文")
    # SET_NULL: the founding date stays when a gazette document row is removed.
    dissolution_date = models.DateField("撤销日期", null=True, blank=True,
                                        help_text="自该日起不再存在（撤销或并入的公文成文日期）")
    # the body outlives the link to its dissolution document
    dissolution_document = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True,
                                             related_name="+", verbose_name="撤销依据",
                                             help_text="撤销或合并本机构的公文")
    # SET_NULL: as for the founding document, the date and reason stay.
    dissolution_reason = models.CharField("撤销方式", max_length=20, choices=DissolutionReason.choices,
                                          blank=True, help_text="撤销，或合并（并入承接机构）")
    # the predecessor stays when its successor record goes
    successor = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="predecessors", verbose_name="承接机构",
                                  help_text="并入的机构，或承担其职能职责的机构")
    # SET_NULL: the dissolved body keeps its own history if the successor record is removed.
    created_at = models.DateTimeField("创建时间", auto_now_add=True, help_text="登记入名录的时间")

    class Meta:
        ordering = ["pk"]
        verbose_name = verbose_name_plural = "机构"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name staff and documents use: the short name when there is one (区应急局)."""
        return self.short_name or self.name

    def exists_on(self, day: dt.date) -> bool:
        founded = self.founding_date is None or self.founding_date <= day
        return founded and (self.dissolution_date is None or day < self.dissolution_date)


class OrganizationName(models.Model):
    """Another name of an organisation (简称、别称、印法): every name a lookup may be given, unique."""

    # former names are the organisation's own
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="names",
                                     verbose_name="机构", help_text="这个名称所指的机构")
    # CASCADE: a name means nothing without its organisation.
    name = models.CharField("名称", max_length=120, unique=True, help_text="如 区应急局、区住房城乡建设委")
    note = models.CharField("说明", max_length=100, blank=True, help_text="如 简称；公文的另一种写法")

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = verbose_name_plural = "机构别名"

    def __str__(self) -> str:
        return self.name
