"""What the search index reads of the gazette (检索来源): documents, editorials and news briefs as plain rows.

A rebuild reads every document with its parts, some 18 nodes each and its attachments; model objects for
them were most of the rebuilding process's own time, so the rows are read as tuples, a batch of documents
at a time, and each entry's text is put together here. Reads only; index.py writes.
"""
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from ..models import Attachment, Document, Item, Node, Part
from .models import EntryFields

# 党政机关公文处理工作条例（2012）第八条: the 15 kinds of official document (文种).
OFFICIAL_TYPES = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复",
                  "议案", "函", "纪要")
# Kinds a notice transmits (印发的文本): not documents of their own, but what readers look for.
TRANSMITTED_TYPES = ("办法", "方案", "政策", "规则")
BATCH = 500  # documents whose parts, nodes and attachments are read together


@dataclass(slots=True)
class Source(EntryFields):
    """One entry to be (检索来源): what a hit shows and facets count, what it indexes, and the title part
    that weighs as title (`heading`; the body is `text`)."""
    document_id: int | None
    item_id: int | None
    issue_id: int | None
    heading: str


@dataclass(slots=True)
class _Part:
    kind: str
    doc_type: str
    title: str
    lines: list  # (number, title, text) of its nodes in order


def document_types(parts: Iterable[_Part], own_type: str) -> list[str]:
    """文种 facet values: the document's own kind, then those of the texts it transmits (通知 + 政策)."""
    found = []
    for part in parts:
        kind = "命令" if part.doc_type == "令" else part.doc_type
        allowed = OFFICIAL_TYPES if part.kind == Part.Kind.MAIN else OFFICIAL_TYPES + TRANSMITTED_TYPES
        if kind in allowed:
            found.append(kind)
    if not found and own_type in OFFICIAL_TYPES:  # a document saved without parts
        found.append(own_type)
    return list(dict.fromkeys(found))


def document_text(parts: Iterable[_Part], attachments: Iterable[tuple]) -> str:
    """The document's body as plain lines: every part (headings, articles, paragraphs), then the
    attachments (number, title, paragraphs)."""
    lines: list[str] = []
    for part in parts:
        if part.kind == Part.Kind.TRANSMITTED:
            lines.append(part.title)
        for number, title, text in part.lines:
            # Heading and run-in text on lines of their own, so the words either side never run together.
            lines.extend(x for x in (f"{number}{title}", text) if x)
    for number, title, paragraphs in attachments:
        lines.append(f"附件{number or ''} {title}".strip())
        lines.extend(paragraphs)
    return "\n".join(lines)


_DOCUMENT_COLUMNS = ("pk", "title", "number", "issuers", "doc_type", "year", "signed_on", "item__issue_id",
                     "item__issue__year", "item__issue__published_on", "item__section__name")


def document_sources(ids: Iterable[int] | None = None) -> Iterator[Source]:
    """The documents (all, or those of `ids`) in id order, each with its parts, nodes and attachments."""
    documents = Document.objects.all() if ids is None else Document.objects.filter(pk__in=list(ids))
    rows = documents.order_by("pk").values_list(*_DOCUMENT_COLUMNS).iterator(chunk_size=BATCH)
    while batch := list(islice(rows, BATCH)):
        yield from _documents(batch)


def _documents(batch: list[tuple]) -> Iterator[Source]:
    ids = [row[0] for row in batch]
    parts: dict[int, list[_Part]] = defaultdict(list)
    by_id: dict[int, _Part] = {}
    for pk, document_id, kind, doc_type, title in (
            Part.objects.filter(document_id__in=ids).order_by("document_id", "order", "pk")
            .values_list("pk", "document_id", "kind", "doc_type", "title")):
        by_id[pk] = _Part(kind, doc_type, title, [])
        parts[document_id].append(by_id[pk])
    nodes = Node.objects.filter(part_id__in=list(by_id)).order_by("part_id", "order", "pk")
    for part_id, number, title, text in nodes.values_list("part_id", "number", "title", "text").iterator(
            chunk_size=5000):
        by_id[part_id].lines.append((number, title, text))
    attachments: dict[int, list[tuple]] = defaultdict(list)
    for document_id, *attachment in (
            Attachment.objects.filter(document_id__in=ids).order_by("document_id", "order", "pk")
            .values_list("document_id", "number", "title", "paragraphs")):
        attachments[document_id].append(attachment)
    for (pk, title, number, issuers, doc_type, year, signed_on, issue_id, issue_year, published_on,
         section) in batch:
        own = parts.get(pk, [])
        yield Source(
            kind="document", document_id=pk, item_id=None, issue_id=issue_id, title=title, number=number or "",
            issuers=issuers, doc_types=document_types(own, doc_type), section=section or "",
            year=year or (signed_on.year if signed_on else None) or issue_year, date=signed_on or published_on,
            heading="\n".join([title, number or "", "、".join(issuers)]),
            text=document_text(own, attachments.get(pk, [])),
        )


def item_sources(issue_id: int | None = None) -> Iterator[Source]:
    """The editorials and news briefs (of one issue, or all) in id order: title and source weigh as title,
    the paragraphs are the body."""
    items = Item.objects.exclude(kind=Item.Kind.DOCUMENT).order_by("pk")
    if issue_id is not None:
        items = items.filter(issue_id=issue_id)
    for pk, kind, title, source, paragraphs, issue_id_, year, published_on, section in items.values_list(
            "pk", "kind", "title", "source", "paragraphs", "issue_id", "issue__year", "issue__published_on",
            "section__name").iterator(chunk_size=BATCH):
        yield Source(kind=kind, document_id=None, item_id=pk, issue_id=issue_id_, title=title, number="",
                     issuers=[], doc_types=[], section=section or "", year=year, date=published_on,
                     heading=f"{title}\n{source}", text="\n".join(paragraphs))
