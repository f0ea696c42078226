"""Gazette data: an issue (期) with sections, items, documents (公文) and their parts, body nodes,
attachments and citations; news briefs and the editorial are items with their own text.

Identity: an issue is (year, number); a document is its canonical number (发文字号), so importing
the same text again updates rows instead of adding them.
"""
from django.db import models
from django.urls import reverse


class Issue(models.Model):
    """A gazette issue (公报期): 2021年第6期（总第112期）, with its masthead (刊头)."""

    gazette = models.CharField("刊名", max_length=100, help_text="如 重庆市綦江区人民政府公报")
    year = models.PositiveIntegerField("年份")
    number = models.PositiveIntegerField("期号", help_text="当年第几期")
    cumulative_number = models.PositiveIntegerField("总期号", null=True, blank=True)
    published_on = models.DateField("出版日期", null=True, blank=True)
    supervisor = models.CharField("主管单位", max_length=100, blank=True)
    sponsor = models.CharField("主办单位", max_length=100, blank=True)
    publisher = models.CharField("编辑出版", max_length=100, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    postcode = models.CharField("邮编", max_length=20, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    fax = models.CharField("传真", max_length=50, blank=True)
    website_name = models.CharField("网站名称", max_length=100, blank=True)
    website = models.CharField("网址", max_length=200, blank=True)
    print_permit = models.CharField("内准印字号", max_length=50, blank=True)
    slogans = models.JSONField("刊头标语", default=list, blank=True)
    published = models.BooleanField("已发布", default=True, help_text="取消勾选则公众页面不显示本期")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="issue_year_number_unique")]
        verbose_name = verbose_name_plural = "公报期"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        total = f"（总第{self.cumulative_number}期）" if self.cumulative_number else ""
        return f"{self.year}年第{self.number}期{total}"

    def get_absolute_url(self) -> str:
        return reverse("gazette:issue", args=[self.year, self.number])


class BoardMember(models.Model):
    """A name on an issue's editorial board (编辑委员会)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="board")  # part of the issue
    role = models.CharField("职务", max_length=20, help_text="顾问、主任、副主任、主编、责任编辑、编辑")
    name = models.CharField("姓名", max_length=20)
    order = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = verbose_name_plural = "编委会成员"

    def __str__(self) -> str:
        return f"{self.role} {self.name}"


class Section(models.Model):
    """A section of an issue (栏目), in printed order: 卷首语, …文件, 政务要闻."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="sections")  # part of the issue
    name = models.CharField("栏目", max_length=50)
    order = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = verbose_name_plural = "栏目"

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """An entry of an issue (篇目): a document, the editorial or a news brief, with its first page."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "公文"
        EDITORIAL = "editorial", "卷首语"
        NEWS = "news", "政务要闻"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="items")  # part of the issue
    section = models.ForeignKey(Section, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="items")  # an item survives a section being renamed away
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    order = models.PositiveIntegerField("顺序", default=0)
    title = models.CharField("标题", max_length=300)
    page = models.PositiveIntegerField("起始页", null=True, blank=True)
    line = models.PositiveIntegerField("源文件行号", null=True, blank=True)
    paragraphs = models.JSONField("正文段落", default=list, blank=True, help_text="卷首语和要闻的正文")
    source = models.CharField("出处", max_length=100, blank=True, help_text="卷首语转载自，如 人民日报")
    source_date = models.DateField("出处日期", null=True, blank=True)
    source_page = models.CharField("出处版次", max_length=20, blank=True)

    class Meta:
        ordering = ["issue", "order"]
        verbose_name = verbose_name_plural = "篇目"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.kind == self.Kind.DOCUMENT and hasattr(self, "document"):
            return self.document.get_absolute_url()
        return reverse("gazette:item", args=[self.issue.year, self.issue.number, self.order])


class Document(models.Model):
    """An official document (公文) with the elements of GB/T 9704-2012."""

    number = models.CharField("发文字号", max_length=60, unique=True, null=True, blank=True,
                              help_text="规范形式，如 綦江府发〔2021〕10号")
    number_as_printed = models.CharField("印刷的发文字号", max_length=60, blank=True)
    agency_code = models.CharField("机关代字", max_length=30, blank=True)
    year = models.PositiveIntegerField("年份", null=True, blank=True)
    serial = models.PositiveIntegerField("序号", null=True, blank=True)
    header = models.CharField("发文机关标志", max_length=100, blank=True)
    issuers = models.JSONField("发文机关", default=list, help_text="联合发文时有多个")
    title = models.CharField("标题", max_length=300)
    doc_type = models.CharField("文种", max_length=20, blank=True)
    addressees = models.JSONField("主送机关", default=list, blank=True)
    signers = models.JSONField("发文机关署名", default=list, blank=True)
    signed_on = models.DateField("成文日期", null=True, blank=True)
    public = models.BooleanField("公开发布", default=False)
    public_note = models.CharField("附注", max_length=50, blank=True, help_text="如（此件公开发布）")
    cc = models.JSONField("抄送机关", default=list, blank=True)
    printed_by = models.CharField("印发机关", max_length=100, blank=True)
    printed_on = models.DateField("印发日期", null=True, blank=True)
    item = models.OneToOneField(Item, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="document")  # a lone document has no issue item
    line = models.PositiveIntegerField("源文件行号", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-signed_on", "number"]
        verbose_name = verbose_name_plural = "公文"

    def __str__(self) -> str:
        return f"{self.number or '（无文号）'} {self.title}"

    def get_absolute_url(self) -> str:
        if self.number:
            return reverse("gazette:document", args=[self.number])
        return reverse("gazette:document_by_id", args=[self.pk])

    @property
    def issue(self) -> Issue | None:
        return self.item.issue if self.item_id else None


class Part(models.Model):
    """A text inside a document: the notice itself (main) or the 方案/办法/政策 it transmits."""

    class Kind(models.TextChoices):
        MAIN = "main", "正文"
        TRANSMITTED = "transmitted", "印发的文本"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="parts")  # part of it
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    order = models.PositiveIntegerField("顺序", default=0)
    title = models.CharField("标题", max_length=300)
    doc_type = models.CharField("文种", max_length=20, blank=True)
    anchor = models.CharField("锚点", max_length=20, blank=True)

    class Meta:
        ordering = ["document", "order"]
        verbose_name = verbose_name_plural = "公文部分"

    def __str__(self) -> str:
        return self.title


class Node(models.Model):
    """A piece of body text: heading, article (第N条) or paragraph, nested by `parent`."""

    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="nodes")  # part of the text
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="children")  # children go with their heading
    order = models.PositiveIntegerField("顺序", default=0, help_text="在整个部分中的顺序")
    kind = models.CharField("类型", max_length=20)
    level = models.PositiveSmallIntegerField("层级", default=0)
    number = models.CharField("序号", max_length=20, blank=True)
    title = models.CharField("标题", max_length=300, blank=True)
    text = models.TextField("文字", blank=True)
    anchor = models.CharField("锚点", max_length=60, blank=True)
    line = models.PositiveIntegerField("源文件行号", null=True, blank=True)

    class Meta:
        ordering = ["part", "order"]
        verbose_name = verbose_name_plural = "正文结构"

    def __str__(self) -> str:
        return f"{self.number}{self.title or self.text[:30]}"


class Attachment(models.Model):
    """An attachment (附件); `omitted` when printed as （略）."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")  # part of it
    order = models.PositiveIntegerField("顺序", default=0)
    number = models.PositiveIntegerField("附件序号", null=True, blank=True)
    title = models.CharField("标题", max_length=300)
    omitted = models.BooleanField("略（公报未刊登）", default=False)
    listed = models.BooleanField("列入附件说明", default=True)
    paragraphs = models.JSONField("正文段落", default=list, blank=True)

    class Meta:
        ordering = ["document", "order"]
        verbose_name = verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.title

    @property
    def anchor(self) -> str:
        return f"att{self.number or self.order + 1}"


class Citation(models.Model):
    """A document cited in the text: 《title》 with its number when printed."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations")  # part of it
    title = models.CharField("被引标题", max_length=300)
    number = models.CharField("被引文号", max_length=60, blank=True)
    number_as_printed = models.CharField("印刷的文号", max_length=60, blank=True)
    line = models.PositiveIntegerField("源文件行号", null=True, blank=True)

    class Meta:
        ordering = ["document", "line"]
        verbose_name = verbose_name_plural = "引用"

    def __str__(self) -> str:
        return f"《{self.title}》{self.number}"

    @property
    def target(self) -> Document | None:
        """The cited document, when the gazette holds it."""
        return Document.objects.filter(number=self.number).first() if self.number else None


class ImportRun(models.Model):
    """One import of a text file: what was found, repaired and reported, for the editors to review."""

    source = models.CharField("来源文件", max_length=300)
    sha256 = models.CharField("SHA-256", max_length=64)
    encoding = models.CharField("编码", max_length=20, default="utf-8")
    issue = models.ForeignKey(Issue, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="imports")  # the record of an import outlives the issue
    documents = models.JSONField("公文文号", default=list)
    repairs = models.JSONField("修复", default=list)
    problems = models.JSONField("问题", default=list)
    created = models.BooleanField("新建", default=True, help_text="否：更新了已有的期或公文")
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = verbose_name_plural = "导入记录"

    def __str__(self) -> str:
        return f"{self.source} @ {self.imported_at:%Y-%m-%d %H:%M}"


# The search index's table belongs to this app (migrations see it here); it lives with the search code.
from .search.models import SearchEntry  # noqa: E402, F401
