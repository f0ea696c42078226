"""Gazette data: an issue (期) with sections, items, documents (公文) and their parts, body nodes,
attachments and citations; news briefs and the editorial are items with their own text.

Identity: an issue is (year, number); a document is its canonical number (发文字号), so importing
the same text again updates rows instead of adding them.
"""
from django.db import models
from django.urls import reverse

from .vocab import ItemKind, PartKind


class Issue(models.Model):
    """A gazette issue (公报期): 2021年第6期（总第112期）, with its masthead (刊头)."""

    gazette = models.CharField("刊名", max_length=100, help_text="如 重庆市綦江区人民政府公报")
    year = models.PositiveIntegerField("年份", help_text="出版年份（公历）")
    number = models.PositiveIntegerField("期号", help_text="当年第几期")
    cumulative_number = models.PositiveIntegerField("总期号", null=True, blank=True, help_text="创刊以来的总期号；未知为空")
    published_on = models.DateField("出版日期", null=True, blank=True, help_text="出版日期；未出版（草稿期）为空")
    supervisor = models.CharField("主管单位", max_length=100, blank=True, help_text="版权页：主管单位")
    sponsor = models.CharField("主办单位", max_length=100, blank=True, help_text="版权页：主办单位")
    publisher = models.CharField("编辑出版", max_length=100, blank=True, help_text="版权页：编辑出版单位")
    address = models.CharField("地址", max_length=200, blank=True, help_text="版权页：编辑部地址")
    postcode = models.CharField("邮编", max_length=20, blank=True, help_text="版权页：邮政编码")
    phone = models.CharField("联系电话", max_length=50, blank=True, help_text="版权页：联系电话")
    fax = models.CharField("传真", max_length=50, blank=True, help_text="版权页：传真")
    website_name = models.CharField("网站名称", max_length=100, blank=True, help_text="版权页：网站名称")
    website = models.CharField("网址", max_length=200, blank=True, help_text="版权页：网址")
    print_permit = models.CharField("内准印字号", max_length=50, blank=True, help_text="版权页：内部资料准印证号")
    slogans = models.JSONField("刊头标语", default=list, blank=True, help_text="刊头标语（文字列表，按刊印顺序）")
    published = models.BooleanField("已发布", default=True, help_text="取消勾选则公众页面不显示本期")
    created_at = models.DateTimeField(auto_now_add=True, help_text="创建时间（自动）")
    updated_at = models.DateTimeField(auto_now=True, help_text="最近修改时间（自动）")

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

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="board",  # part of the issue
                              help_text="所属的一期")
    role = models.CharField("职务", max_length=20, help_text="顾问、主任、副主任、主编、责任编辑、编辑")
    name = models.CharField("姓名", max_length=20, help_text="编委会成员姓名")
    order = models.PositiveIntegerField("顺序", default=0, help_text="在编委会名单中的顺序（从 0 起）")

    class Meta:
        ordering = ["order"]
        verbose_name = verbose_name_plural = "编委会成员"

    def __str__(self) -> str:
        return f"{self.role} {self.name}"


class Section(models.Model):
    """A section of an issue (栏目), in printed order: 卷首语, …文件, 政务要闻."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="sections",  # part of the issue
                              help_text="所属的一期")
    name = models.CharField("栏目", max_length=50, help_text="栏目名称，如 区政府文件")
    order = models.PositiveIntegerField("顺序", default=0, help_text="栏目在目录中的顺序（从 0 起）")

    class Meta:
        ordering = ["order"]
        verbose_name = verbose_name_plural = "栏目"

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """An entry of an issue (篇目): a document, the editorial or a news brief, with its first page."""

    Kind = ItemKind  # the vocabulary lives in vocab.py

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="items",  # part of the issue
                              help_text="所属的一期")
    section = models.ForeignKey(Section, on_delete=models.SET_NULL, null=True, blank=True,  # an item survives a section being renamed away
                                related_name="items",
                                help_text="所在栏目；目录外的条目为空")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, help_text="条目类型（公文、目录外文字等）")
    order = models.PositiveIntegerField("顺序", default=0, help_text="在本期中的顺序（从 0 起）")
    title = models.CharField("标题", max_length=300, help_text="目录中的标题")
    page = models.PositiveIntegerField("起始页", null=True, blank=True, help_text="目录中的起始页码")
    line = models.PositiveIntegerField("源文件行号", null=True, blank=True, help_text="在导入的源文件中的行号")
    paragraphs = models.JSONField("正文段落", default=list, blank=True, help_text="卷首语和要闻的正文")
    source = models.CharField("出处", max_length=100, blank=True, help_text="卷首语转载自，如 人民日报")
    source_date = models.DateField("出处日期", null=True, blank=True, help_text="转载条目的出处日期")
    source_page = models.CharField("出处版次", max_length=20, blank=True, help_text="转载条目的出处版次")

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
    number_as_printed = models.CharField("印刷的发文字号", max_length=60, blank=True,
                                         help_text="公报上印刷的发文字号原样（可能有错字）")
    agency_code = models.CharField("机关代字", max_length=30, blank=True, help_text="发文字号中的机关代字，如 綦江府发")
    year = models.PositiveIntegerField("年份", null=True, blank=True, help_text="发文字号中的年份")
    serial = models.PositiveIntegerField("序号", null=True, blank=True, help_text="发文字号中的序号")
    header = models.CharField("发文机关标志", max_length=100, blank=True, help_text="发文机关标志（版头）")
    issuers = models.JSONField("发文机关", default=list, help_text="联合发文时有多个")
    title = models.CharField("标题", max_length=300, help_text="公文标题")
    doc_type = models.CharField("文种", max_length=20, blank=True, help_text="文种（通知、决定、意见……），从标题读出")
    addressees = models.JSONField("主送机关", default=list, blank=True, help_text="主送机关（文字列表，按原文顺序）")
    signers = models.JSONField("发文机关署名", default=list, blank=True, help_text="发文机关署名（文字列表）")
    signed_on = models.DateField("成文日期", null=True, blank=True, help_text="成文日期")
    public = models.BooleanField("公开发布", default=False, help_text="是否标注“此件公开发布”")
    public_note = models.CharField("附注", max_length=50, blank=True, help_text="如（此件公开发布）")
    cc = models.JSONField("抄送机关", default=list, blank=True, help_text="抄送机关（文字列表）")
    printed_by = models.CharField("印发机关", max_length=100, blank=True, help_text="版记中的印发机关")
    printed_on = models.DateField("印发日期", null=True, blank=True, help_text="版记中的印发日期")
    item = models.OneToOneField(Item, on_delete=models.SET_NULL, null=True, blank=True,  # a lone document has no issue item
                                related_name="document",
                                help_text="公报中刊登这件公文的条目；单独导入的为空")
    line = models.PositiveIntegerField("源文件行号", null=True, blank=True, help_text="在导入的源文件中的起始行号")
    created_at = models.DateTimeField(auto_now_add=True, help_text="创建时间（自动）")
    updated_at = models.DateTimeField(auto_now=True, help_text="最近修改时间（自动）")

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

    Kind = PartKind  # the vocabulary lives in vocab.py

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="parts",  # part of it
                                 help_text="所属公文")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, help_text="部分类型（正文、附件、印发的文件等）")
    order = models.PositiveIntegerField("顺序", default=0, help_text="在公文中的顺序（从 0 起）")
    title = models.CharField("标题", max_length=300, help_text="该部分的标题")
    doc_type = models.CharField("文种", max_length=20, blank=True, help_text="该部分的文种（印发的方案、办法等）")
    anchor = models.CharField("锚点", max_length=20, blank=True, help_text="页面内的锚点（网址 # 后的部分）")

    class Meta:
        ordering = ["document", "order"]
        verbose_name = verbose_name_plural = "公文部分"

    def __str__(self) -> str:
        return self.title


class Node(models.Model):
    """A piece of body text: heading, article (第N条) or paragraph, nested by `parent`."""

    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="nodes",  # part of the text
                             help_text="所属部分")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,  # children go with their heading
                               related_name="children",
                               help_text="上一级标题；顶层为空")
    order = models.PositiveIntegerField("顺序", default=0, help_text="在整个部分中的顺序")
    kind = models.CharField("类型", max_length=20, help_text="节点类型（标题、段落、条……）")
    level = models.PositiveSmallIntegerField("层级", default=0, help_text="层级（0 为顶层）")
    number = models.CharField("序号", max_length=20, blank=True, help_text="序号原样，如 一、（二） 第三条")
    title = models.CharField("标题", max_length=300, blank=True, help_text="标题文字")
    text = models.TextField("文字", blank=True, help_text="正文文字")
    anchor = models.CharField("锚点", max_length=60, blank=True, help_text="页面内的锚点（网址 # 后的部分）")
    line = models.PositiveIntegerField("源文件行号", null=True, blank=True, help_text="在导入的源文件中的行号")

    class Meta:
        ordering = ["part", "order"]
        verbose_name = verbose_name_plural = "正文结构"

    def __str__(self) -> str:
        return f"{self.number}{self.title or self.text[:30]}"


class Attachment(models.Model):
    """An attachment (附件); `omitted` when printed as （略）."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments",  # part of it
                                 help_text="所属公文")
    order = models.PositiveIntegerField("顺序", default=0, help_text="在附件说明中的顺序（从 0 起）")
    number = models.PositiveIntegerField("附件序号", null=True, blank=True, help_text="附件序号；只有一个附件时为空")
    title = models.CharField("标题", max_length=300, help_text="附件名称")
    omitted = models.BooleanField("略（公报未刊登）", default=False, help_text="公报只列名称、未刊登附件正文")
    listed = models.BooleanField("列入附件说明", default=True, help_text="是否写在正文后的附件说明里")
    paragraphs = models.JSONField("正文段落", default=list, blank=True, help_text="附件正文段落（文字列表）")

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

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations",  # part of it
                                 help_text="引用它的公文")
    title = models.CharField("被引标题", max_length=300, help_text="被引公文的标题（书名号内）")
    number = models.CharField("被引文号", max_length=60, blank=True, help_text="被引公文的规范发文字号")
    number_as_printed = models.CharField("印刷的文号", max_length=60, blank=True, help_text="被引文号的印刷原样")
    line = models.PositiveIntegerField("源文件行号", null=True, blank=True, help_text="在导入的源文件中的行号")

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

    source = models.CharField("来源文件", max_length=300, help_text="导入的源文件路径或名称")
    sha256 = models.CharField("SHA-256", max_length=64, help_text="源文件内容的 SHA-256（十六进制 64 位）")
    encoding = models.CharField("编码", max_length=20, default="utf-8", help_text="读出源文件所用的字符编码")
    issue = models.ForeignKey(Issue, on_delete=models.SET_NULL, null=True, blank=True,  # the record of an import outlives the issue
                              related_name="imports",
                              help_text="导入得到的一期；失败时为空")
    documents = models.JSONField("公文文号", default=list, help_text="导入的公文文号（文字列表）")
    repairs = models.JSONField("修复", default=list, help_text="导入时自动修复的问题（列表）")
    problems = models.JSONField("问题", default=list, help_text="导入时发现、未修复的问题（列表）")
    created = models.BooleanField("新建", default=True, help_text="否：更新了已有的期或公文")
    imported_at = models.DateTimeField("导入时间", auto_now_add=True, help_text="导入时间")

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = verbose_name_plural = "导入记录"

    def __str__(self) -> str:
        return f"{self.source} @ {self.imported_at:%Y-%m-%d %H:%M}"


# The search index's table belongs to this app (migrations see it here); it lives with the search code.
from .search.models import SearchEntry  # noqa: E402, F401
