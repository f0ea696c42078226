"""Writing the search index (建索引): an entry per document, editorial and news brief, from the gazette's rows.

The importer calls `index_import` inside its transaction, so the index never shows a half-written import;
`rebuild_index` (`zhengwu gazette reindex`) rebuilds everything, e.g. after editors changed documents in the
admin or after dict.txt changed.
"""
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, islice

from django.db import connection, transaction
from django.db.models import QuerySet

from ..models import Document, Issue, Item, Node
from . import postings
from .models import SearchEntry, SearchFacet, facet_values
from .segment import term_counts, term_list
from .tsvector import tsvector_literal

# 党政机关公文处理工作条例（2012）第八条: the 15 kinds of official document (文种).
OFFICIAL_TYPES = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复",
                  "议案", "函", "纪要")
# Kinds a notice transmits (印发的文本): not documents of their own, but what readers look for.
TRANSMITTED_TYPES = ("办法", "方案", "政策", "规则")
BATCH = 200
PARALLEL_FROM = 2000  # entries from which a rebuild segments in worker processes
CHUNK = 5000  # entries a rebuild segments at a time: one posting segment each


def _write(entries: list[SearchEntry], segment: "list | None" = None, segment_number: int = 0, *,
           rebuild: bool = False) -> None:
    """Insert the entries, their facet rows and, on SQLite, their postings: the `segment` a rebuild made
    (the entries then carry their ids already), else one more segment per term. A PostgreSQL rebuild copies
    the rows in (`_copy`)."""
    if rebuild and connection.vendor == "postgresql":
        _copy(entries)
        return
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH)
    # Plain rows: four or five facet values an entry made model objects the costliest part of a rebuild.
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {SearchFacet._meta.db_table} (entry_id, name, value) VALUES (%s, %s, %s)",
                           [(e.pk, name, value) for e in entries for name, value in facet_values(e)])
    if connection.vendor != "sqlite":
        return  # PostgreSQL's tsvector is a generated column
    if segment is not None:
        postings.write_segment(segment, segment_number)
    else:
        postings.add([(e.pk, e.weighted_terms) for e in entries])


ENTRY_COLUMNS = ("id", "kind", "document_id", "item_id", "issue_id", "title", "number", "issuers", "doc_types",
                 "section", "year", "date", "text", "search_vector", "term_count")


def _copy(entries: list[SearchEntry]) -> None:
    """PostgreSQL: the entries and their facet rows through COPY, ids drawn from the table's sequence first
    (the ORM's INSERTs of a chunk, with some 200 M characters of vectors in all, were most of this process's
    time in a rebuild)."""
    table, facets = SearchEntry._meta.db_table, SearchFacet._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                       [table, len(entries)])
        for entry, (pk,) in zip(entries, cursor.fetchall(), strict=True):
            entry.pk = pk
        raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no COPY
        with raw.copy(f"COPY {table} ({', '.join(ENTRY_COLUMNS)}) FROM STDIN") as copy:
            for e in entries:
                copy.write_row((e.pk, e.kind, e.document_id, e.item_id, e.issue_id, e.title, e.number,
                                json.dumps(e.issuers, ensure_ascii=False), json.dumps(e.doc_types, ensure_ascii=False),
                                e.section, e.year, e.date, e.text, e.search_vector or "", e.term_count))
        with raw.copy(f"COPY {facets} (entry_id, name, value) FROM STDIN") as copy:
            for e in entries:
                for name, value in facet_values(e):
                    copy.write_row((e.pk, name, value))


def _segment(title: str, body: str, embedded: bool) -> tuple:
    """Segment an entry's title and body: for the embedded (SQLite) backend into weighted counts for the
    posting arrays, else into PostgreSQL's tsvector (as text). Also the entry's length in terms. Runs in worker processes during a large rebuild (`_rebuild_entries`)."""
    if embedded:
        title_counts, body_counts = term_counts(title), term_counts(body)
        return postings.weigh(title_counts, body_counts), sum(title_counts.values()) + sum(body_counts.values())
    title_terms, body_terms = term_list(title), term_list(body)
    return tsvector_literal(title_terms, body_terms), len(title_terms) + len(body_terms)


def _segment_chunk(chunk: list[tuple[int | None, str, str]], embedded: bool) -> tuple[list[tuple], list | None]:
    """Segment a chunk of entries (id, title, body); on SQLite also make their posting segment."""
    segmented = [_segment(title, body, embedded) for _, title, body in chunk]
    if not embedded:
        return segmented, None
    rows = postings.segment([(entry_id, weighted) for (entry_id, _, _), (weighted, _) in
                             zip(chunk, segmented, strict=True)])
    return [(None, count) for _, count in segmented], rows  # the counts travel back in the segment


def _with_terms(entry: SearchEntry, segmented: tuple) -> SearchEntry:
    """The entry with what `_segment` made of it (on SQLite the tsvector column stays empty: nothing reads it)."""
    terms, entry.term_count = segmented
    if isinstance(terms, dict):
        entry.weighted_terms = terms
    elif terms is not None:
        entry.search_vector = terms
    return entry


def _rebuild_entries(unsegmented: Iterator[tuple[SearchEntry, str, str]], workers: int) -> Iterator[tuple]:
    """(entries, segment) per chunk of CHUNK entries, in order. On SQLite the entries get their ids here, so
    the posting segment can be made beside the segmentation. With `workers` > 0 that runs in that many
    processes while this one reads the gazette and writes the index (it was half a rebuild's time)."""
    embedded = connection.vendor == "sqlite"
    next_id = _next_entry_id() if embedded else None

    def chunks() -> Iterator[tuple[tuple, list]]:
        nonlocal next_id
        while chunk := tuple(islice(unsegmented, CHUNK)):
            if embedded:
                for entry, _, _ in chunk:
                    entry.pk, next_id = next_id, next_id + 1
            yield chunk, [(entry.pk, title, body) for entry, title, body in chunk]

    def attach(chunk: tuple, result: tuple) -> tuple:
        segmented, rows = result
        return [_with_terms(entry, s) for (entry, _, _), s in zip(chunk, segmented, strict=True)], rows

    if workers < 1:
        for chunk, texts in chunks():
            yield attach(chunk, _segment_chunk(texts, embedded))
        return
    # fork: the workers start with the dictionary loaded and touch no database; the rows are read here, in
    # this connection's transaction.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: deque = deque()
        for chunk, texts in chunks():
            pending.append((chunk, pool.apply_async(_segment_chunk, (texts, embedded))))
            while len(pending) > workers:
                chunk, result = pending.popleft()
                yield attach(chunk, result.get())
        while pending:
            chunk, result = pending.popleft()
            yield attach(chunk, result.get())


def _next_entry_id() -> int:
    # SQLite's AUTOINCREMENT never hands out an id twice; ids set here continue its sequence.
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [SearchEntry._meta.db_table])
        row = cursor.fetchone()
    return (row[0] if row else 0) + 1


def index_workers(entries: int) -> int:
    """Processes that segment during a rebuild of `entries` entries: none for a small gazette (starting
    them costs more than it saves), else one per core but this one; ZHENGWU_INDEX_WORKERS overrides."""
    setting = os.environ.get("ZHENGWU_INDEX_WORKERS")
    if setting is not None:
        return max(0, int(setting))
    return 0 if entries < PARALLEL_FROM else max(0, (os.cpu_count() or 1) - 1)


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
        for number, title, text in _node_lines(part):
            # Heading and run-in text on lines of their own, so the words either side never run together.
            lines.extend(x for x in (f"{number}{title}", text) if x)
    for attachment in document.attachments.all():
        lines.append(f"附件{attachment.number or ''} {attachment.title}".strip())
        lines.extend(attachment.paragraphs)
    return "\n".join(lines)


def document_entry(document: Document) -> SearchEntry:
    """The unsaved entry of a document: title, number and issuers weigh as title; the rest as body."""
    entry, title, body = _document_entry(document)
    return _with_terms(entry, _segment(title, body, connection.vendor == "sqlite"))


def _document_entry(document: Document) -> tuple[SearchEntry, str, str]:
    item = document.item
    issue = item.issue if item else None
    text = document_text(document)
    entry = SearchEntry(
        kind=SearchEntry.Kind.DOCUMENT, document=document, issue=issue, title=document.title,
        number=document.number or "", issuers=document.issuers, doc_types=document_types(document),
        section=item.section.name if item and item.section else "",
        year=document.year or (document.signed_on.year if document.signed_on else None)
        or (issue.year if issue else None),
        date=document.signed_on or (issue.published_on if issue else None), text=text,
    )
    return entry, "\n".join([document.title, document.number or "", "、".join(document.issuers)]), text


def item_entry(item: Item) -> SearchEntry:
    """The unsaved entry of the editorial or a news brief: title (and source) as title, paragraphs as body."""
    entry, title, body = _item_entry(item)
    return _with_terms(entry, _segment(title, body, connection.vendor == "sqlite"))


def _item_entry(item: Item) -> tuple[SearchEntry, str, str]:
    text = "\n".join(item.paragraphs)
    entry = SearchEntry(
        kind=item.kind, item=item, issue=item.issue, title=item.title,
        section=item.section.name if item.section else "", year=item.issue.year, date=item.issue.published_on,
        text=text,
    )
    return entry, f"{item.title}\n{item.source}", text


def _node_lines(part) -> list[tuple[str, str, str]]:
    """(number, title, text) of a part's nodes in order: read for many parts at once by `_documents`."""
    lines = getattr(part, "search_lines", None)
    if lines is None:
        lines = list(part.nodes.order_by("order").values_list("number", "title", "text"))
    return lines


def _documents(ids: Iterable[int] | None = None) -> Iterator[Document]:
    """Documents with their parts and attachments; the nodes' text is read as plain tuples, a chunk of
    documents at a time (model objects for ~18 nodes a document were most of a full reindex's time)."""
    docs: QuerySet[Document] = Document.objects.all() if ids is None else Document.objects.filter(pk__in=ids)
    docs = docs.select_related("item__issue", "item__section").prefetch_related("parts", "attachments").order_by("pk")
    chunk: list[Document] = []
    for document in docs.iterator(chunk_size=BATCH):
        chunk.append(document)
        if len(chunk) >= BATCH:
            yield from _with_node_lines(chunk)
            chunk = []
    yield from _with_node_lines(chunk)


def _with_node_lines(documents: list[Document]) -> list[Document]:
    parts = {part.pk: part for document in documents for part in document.parts.all()}
    for part in parts.values():
        part.search_lines = []
    rows = Node.objects.filter(part_id__in=list(parts)).order_by("part_id", "order").values_list(
        "part_id", "number", "title", "text")
    for part_id, number, title, text in rows.iterator(chunk_size=5000):
        parts[part_id].search_lines.append((number, title, text))
    return documents


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
    # Straight DELETEs: the ORM would first load every entry and facet row to cascade by hand.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SearchFacet._meta.db_table}")
        cursor.execute(f"DELETE FROM {SearchEntry._meta.db_table}")
    if connection.vendor == "sqlite":
        postings.clear()
    counts = {kind: 0 for kind in SearchEntry.Kind.values}
    workers = index_workers(Document.objects.count())
    unsegmented = chain(map(_document_entry, _documents()), map(_item_entry, _items()))
    with _gin_built_once():
        for number, (entries, segment) in enumerate(_rebuild_entries(unsegmented, workers)):
            for entry in entries:
                counts[entry.kind] += 1
            _write(entries, segment, number, rebuild=True)
    return counts


@contextmanager
def _gin_built_once() -> Iterator[None]:
    """On PostgreSQL, build the full-text GIN index once after the rows instead of row by row (it was most
    of a rebuild's time). The index is gone only inside this transaction; searches wait for it meanwhile."""
    if connection.vendor != "postgresql":
        yield
        return
    name, table = f"{SearchEntry._meta.db_table}_search_vector", SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {name}")
    yield
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit; an index cannot be made while such checks are pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute(f"CREATE INDEX {name} ON {table} USING GIN (search_vector)")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
