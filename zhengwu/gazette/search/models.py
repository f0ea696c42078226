"""The search index's table (检索条目): one row per document, editorial and news brief.

The full-text part: on PostgreSQL the tsvector column `search_vector`, written by index.py from the terms
(search/tsvector.py; migration 0005 — it was generated from stored term text before), with a GIN index; on
SQLite posting arrays per term (migration 0004, search/postings.py) that index.py writes with the entries.

Beside it, `SearchFacet` (migration 0003_search_facets): one narrow row per facet value of an entry, so the
query counts facets and applies filters in SQL without reading the wide entry rows.
"""
import datetime as dt
from dataclasses import dataclass

from django.db import models

from ..vocab import ItemKind


class TermVectorField(models.Field):
    """A tsvector column on PostgreSQL, written as text by search/tsvector.py; plain text elsewhere (the
    embedded backend keeps posting arrays and leaves it empty)."""

    def db_type(self, connection) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchEntry(models.Model):
    """One unit of the search index (检索条目): what a hit shows, what facets count, the segmented terms."""

    Kind = ItemKind  # the same kinds as an issue's items (gazette/vocab.py)

    kind = models.CharField("类型", max_length=20, choices=Kind.choices, help_text="条目类型：公文或目录外条目")
    # An entry goes with what it indexes; on SQLite its ids left in the posting arrays are skipped.
    # the entry indexes the document and is rebuilt from it
    document = models.OneToOneField("gazette.Document", on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="search_entry", help_text="被索引的公文（公文条目）")
    # the entry indexes the item and is rebuilt from it
    item = models.OneToOneField("gazette.Item", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="search_entry",  # the editorial or a news brief
                                help_text="被索引的条目（目录外条目）")
    # Visibility follows the issue's `published`; a document whose issue is gone stays findable, as a lone one.
    # the entry stays searchable; reindexing fixes the issue
    issue = models.ForeignKey("gazette.Issue", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", help_text="所在的一期，用于按期筛选")
    title = models.CharField("标题", max_length=300, help_text="检索结果显示的标题")
    number = models.CharField("发文字号", max_length=60, blank=True, help_text="规范发文字号；无文号为空")
    issuers = models.JSONField("发文机关", default=list, blank=True, help_text="发文机关（文字列表，用于筛选）")
    doc_types = models.JSONField("文种", default=list, blank=True, help_text="公文本身及其印发的文本")
    section = models.CharField("栏目", max_length=50, blank=True, help_text="所在栏目名称，用于筛选")
    year = models.PositiveIntegerField("年份", null=True, blank=True, help_text="年份，用于筛选")
    date = models.DateField("日期", null=True, blank=True, help_text="成文日期，要闻和卷首语为出版日期")
    text = models.TextField("正文", blank=True, help_text="摘要从这里截取")
    search_vector = TermVectorField("全文向量", null=True, blank=True, editable=False,
                                    help_text="PostgreSQL 的 tsvector（tsvector.py）；SQLite 不用（倒排数组）")
    term_count = models.PositiveIntegerField("词数", default=0, help_text="标题和正文的分词数，排序用")

    class Meta:
        verbose_name = verbose_name_plural = "检索条目"
        # What ranking reads of every match (date breaks ties, issue decides visibility) without the wide row.
        indexes = [models.Index(fields=["id", "date", "issue"], name="gazette_search_key")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or self.title}"


class SearchFacet(models.Model):
    """One facet value of an entry: name is issuer, year, type or section; value as the facet shows it.

    Written with the entries (index.py), never edited; an entry's facets go with it."""

    # facets are the entry's own
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets", db_index=False,
                              help_text="所属检索条目")
    name = models.CharField("筛选项", max_length=10, help_text="筛选项名称（year、issuer、section……）")
    value = models.TextField("值", help_text="筛选项的值")

    class Meta:
        verbose_name = verbose_name_plural = "检索筛选值"
        indexes = [models.Index(fields=["entry", "name", "value"], name="gazette_search_facet_entry"),
                   models.Index(fields=["name", "value", "entry"], name="gazette_search_facet_value")]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


def facet_values(entry: SearchEntry) -> list[tuple[str, str]]:
    """(name, value) of each facet value of an entry, as the facets count them (a repeated issuer twice)."""
    found = [("issuer", str(v)) for v in entry.issuers or []]
    found += [("year", str(entry.year))] if entry.year else []
    found += [("type", str(v)) for v in entry.doc_types or []]
    found += [("section", entry.section)] if entry.section else []
    return found


@dataclass(slots=True)
class EntryFields:
    """An entry's columns that hits show and facets count, as plain values: what the index writes from
    (sources.Source) and what a hit reads back (hitrows.HitRow)."""
    kind: str
    title: str
    number: str
    issuers: list
    doc_types: list
    section: str
    year: int | None
    date: dt.date | None
    text: str
