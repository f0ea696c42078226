"""Writing the search index (建索引): an entry per document, editorial and news brief, from the gazette's rows.

The importer calls `index_import` inside its transaction, so the index never shows a half-written import;
`rebuild_index` (`zhengwu gazette reindex`) rebuilds everything, e.g. after editors changed documents in the
admin or after dict.txt changed.
"""
from collections.abc import Iterable, Iterator
from itertools import chain

from django.db import connection, transaction
from django.db.models import Prefetch, QuerySet

from ..models import Document, Issue, Item, Node
from . import postings
from .models import SearchEntry, SearchFacet, facets_of
from .segment import index_terms

# 党政机关公文处理工作条例（2012）第八条: the 15 kinds of official document (文种).
OFFICIAL_TYPES = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复",
                  "议案", "函", "纪要")
# Kinds a notice transmits (印发的文本): not documents of their own, but what readers look for.
TRANSMITTED_TYPES = ("办法", "方案", "政策", "规则")
BATCH = 200


def _write(entries: list[SearchEntry], builder: "postings.Builder | None" = None) -> None:
    """Insert the entries (their ids come back), their facet rows and, on SQLite, their postings: into
    `builder` during a full rebuild, else as a new segment."""
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH)
    SearchFacet.objects.bulk_create(facets_of(entries), batch_size=1000)
    if connection.vendor != "sqlite":
        return  # PostgreSQL's tsvector is a generated column
    rows = [(e.pk, e.title_terms, e.body_terms) for e in entries]
    if builder is not None:
        builder.extend(rows)
    else:
        postings.add(rows)


def _term_count(*terms: str) -> int:
    return sum(t.count(" ") + 1 for t in terms if t)


def document_types(document: Document) -> list[str]:
    """文种 facet values: the document's own kind, then those of the texts it transmits (通知 + 政策)."""
    found = []
    for part in document.parts.all():
        kind = "命令" if part.doc_type == "令" else part.doc_type
        allowed = OFFICIAL_TYPES if part.kind == part.Kind.MAIN else OFFICIAL_TYPES + TRANSMITTED_TYPES
        if kind in allowed:
            found.append(kind)
    if not found and document.doc_type in OFFICIAL_TYPES:  # a document saved without parts
        found.append(document.doc_type)
    return list(dict.fromkeys(found))


def document_text(document: Document) -> str:
    """The document's body as plain lines: every part (headings, articles, paragraphs) and attachments."""
    lines: list[str] = []
    for part in document.parts.all():
        if part.kind == part.Kind.TRANSMITTED:
            lines.append(part.title)
        for node in part.nodes.all():
            # Heading and run-in text on lines of their own, so the words either side never run together.
            lines.extend(x for x in (f"{node.number}{node.title}", node.text) if x)
    for attachment in document.attachments.all():
        lines.append(f"附件{attachment.number or ''} {attachment.title}".strip())
        lines.extend(attachment.paragraphs)
    return "\n".join(lines)


def document_entry(document: Document) -> SearchEntry:
    """The unsaved entry of a document: title, number and issuers weigh as title; the rest as body."""
    item = document.item
    issue = item.issue if item else None
    text = document_text(document)
    return SearchEntry(
        kind=SearchEntry.Kind.DOCUMENT, document=document, issue=issue, title=document.title,
        number=document.number or "", issuers=document.issuers, doc_types=document_types(document),
        section=item.section.name if item and item.section else "",
        year=document.year or (document.signed_on.year if document.signed_on else None)
        or (issue.year if issue else None),
        date=document.signed_on or (issue.published_on if issue else None), text=text,
        title_terms=(title_terms := index_terms("\n".join([document.title, document.number or "",
                                                            "、".join(document.issuers)]))),
        body_terms=(body_terms := index_terms(text)), term_count=_term_count(title_terms, body_terms),
    )


def item_entry(item: Item) -> SearchEntry:
    """The unsaved entry of the editorial or a news brief: title (and source) as title, paragraphs as body."""
    text = "\n".join(item.paragraphs)
    return SearchEntry(
        kind=item.kind, item=item, issue=item.issue, title=item.title,
        section=item.section.name if item.section else "", year=item.issue.year, date=item.issue.published_on,
        text=text, title_terms=(title_terms := index_terms(f"{item.title}\n{item.source}")),
        body_terms=(body_terms := index_terms(text)), term_count=_term_count(title_terms, body_terms),
    )


def _documents(ids: Iterable[int] | None = None) -> Iterator[Document]:
    docs: QuerySet[Document] = Document.objects.all() if ids is None else Document.objects.filter(pk__in=ids)
    docs = docs.select_related("item__issue", "item__section").prefetch_related(
        Prefetch("parts__nodes", queryset=Node.objects.order_by("order")), "attachments").order_by("pk")
    return docs.iterator(chunk_size=BATCH)


def _items(issue: Issue | None = None) -> Iterator[Item]:
    items = Item.objects.exclude(kind=Item.Kind.DOCUMENT).select_related("issue", "section").order_by("pk")
    return (items.filter(issue=issue) if issue else items).iterator(chunk_size=BATCH)


def index_import(issue: Issue | None, documents: list[Document]) -> None:
    """(Re)index what one import wrote: its documents and the issue's editorial and news.

    The issue's old items went with their entries when the importer replaced them; a document the new text
    no longer holds stays in the database as a lone document and is indexed again as one.
    """
    ids = {d.pk for d in documents}
    if issue is not None:
        ids |= set(SearchEntry.objects.filter(issue=issue, kind=SearchEntry.Kind.DOCUMENT)
                   .values_list("document_id", flat=True))
    SearchEntry.objects.filter(document_id__in=ids).delete()
    entries = [document_entry(d) for d in _documents(ids)]
    if issue is not None:
        SearchEntry.objects.filter(item__issue=issue).delete()
        entries += [item_entry(i) for i in _items(issue)]
    _write(entries)


@transaction.atomic
def rebuild_index() -> dict[str, int]:
    """Throw the whole index away and build it again from the gazette; returns entries per kind."""
    SearchEntry.objects.all().delete()
    builder = None
    if connection.vendor == "sqlite":
        postings.clear()
        builder = postings.Builder()
    counts = {kind: 0 for kind in SearchEntry.Kind.values}
    batch: list[SearchEntry] = []
    for entry in chain(map(document_entry, _documents()), map(item_entry, _items())):
        counts[entry.kind] += 1
        batch.append(entry)
        if len(batch) >= BATCH:
            _write(batch, builder)
            batch = []
    _write(batch, builder)
    if builder is not None:
        builder.finish()
    return counts
