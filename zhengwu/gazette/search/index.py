"""Writing the search index (建索引): an entry per document, editorial and news brief, from the gazette's rows.

The importer calls `index_import` inside its transaction, so the index never shows a half-written import;
`rebuild_index` (`zhengwu gazette reindex`) rebuilds everything, e.g. after editors changed documents in the
admin or after dict.txt changed.
"""
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain, islice

from django.db import connection, transaction

from ..models import Document, Issue
from . import postings
from .models import SearchEntry, SearchFacet, facet_values
from .segment import term_counts
from .sources import Source, document_sources, item_sources
from .tsvector import BinaryVector, tsvectors

BATCH = 200
PARALLEL_FROM = 2000  # entries from which a rebuild segments in worker processes
CHUNK = 5000  # entries a rebuild segments at a time: one posting segment each


def _write(entries: list[SearchEntry], segment: "list | None" = None, segment_number: int = 0) -> None:
    """Insert the entries, their facet rows and, on SQLite, their postings: the `segment` a rebuild made
    (the entries then carry their ids already), else one more segment per term. PostgreSQL copies the rows
    in (`_copy`)."""
    if connection.vendor == "postgresql":
        _copy(entries)
        return
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH)
    # Plain rows: four or five facet values an entry made model objects the costliest part of a rebuild.
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {SearchFacet._meta.db_table} (entry_id, name, value) VALUES (%s, %s, %s)",
                           [(e.pk, name, value) for e in entries for name, value in facet_values(e)])
    if segment is not None:
        postings.write_segment(segment, segment_number)
    else:
        postings.add([(e.pk, e.weighted_terms) for e in entries])


# The entry table's columns as COPY writes them, with their types for the binary format.
ENTRY_COLUMNS = {"id": "int8", "kind": "varchar", "document_id": "int8", "item_id": "int8", "issue_id": "int8",
                 "title": "varchar", "number": "varchar", "issuers": "jsonb", "doc_types": "jsonb",
                 "section": "varchar", "year": "int4", "date": "date", "text": "text", "search_vector": "tsvector",
                 "term_count": "int4"}


def _copy(entries: list[SearchEntry]) -> None:
    """PostgreSQL: the entries and their facet rows through COPY, ids drawn from the table's sequence first
    (the ORM's INSERTs of a chunk, with some 200 M characters of vectors in all, were most of this process's
    time in a rebuild). The entries go in binary: the server reads the binary vector three times as fast as
    its text."""
    table, facets = SearchEntry._meta.db_table, SearchFacet._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                       [table, len(entries)])
        for entry, (pk,) in zip(entries, cursor.fetchall(), strict=True):
            entry.pk = pk
        raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no COPY
        raw.adapters.register_dumper(None, BinaryVector)  # looked up by oid only, for this cursor
        with raw.copy(f"COPY {table} ({', '.join(ENTRY_COLUMNS)}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(list(ENTRY_COLUMNS.values()))
            for e in entries:
                copy.write_row((e.pk, e.kind, e.document_id, e.item_id, e.issue_id, e.title, e.number,
                                e.issuers, e.doc_types, e.section, e.year, e.date, e.text, e.search_vector,
                                e.term_count))
        with raw.copy(f"COPY {facets} (entry_id, name, value) FROM STDIN") as copy:
            for e in entries:
                for name, value in facet_values(e):
                    copy.write_row((e.pk, name, value))


def _segment(texts: list[tuple[str, str]], embedded: bool) -> list[tuple]:
    """Segment entries' (title, body): for the embedded (SQLite) backend into weighted counts for the
    posting arrays, else into PostgreSQL's tsvector (binary). Also each entry's length in terms. Runs in
    worker processes during a large rebuild (`_rebuild_entries`)."""
    if not embedded:
        return tsvectors(texts)
    segmented = []
    for title, body in texts:
        title_counts, body_counts = term_counts(title), term_counts(body)
        segmented.append((postings.weigh(title_counts, body_counts),
                          sum(title_counts.values()) + sum(body_counts.values())))
    return segmented


def _segment_chunk(chunk: list[tuple[int | None, str, str]], embedded: bool) -> tuple[list[tuple], list | None]:
    """Segment a chunk of entries (id, title, body); on SQLite also make their posting segment."""
    segmented = _segment([(title, body) for _, title, body in chunk], embedded)
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
    them costs more than it saves), else on SQLite one per core but this one (this process writes the
    posting arrays) and on PostgreSQL one per core (the server writes; this process mostly waits on it);
    ZHENGWU_INDEX_WORKERS overrides."""
    setting = os.environ.get("ZHENGWU_INDEX_WORKERS")
    if setting is not None:
        return max(0, int(setting))
    if entries < PARALLEL_FROM:
        return 0
    cores = os.cpu_count() or 1
    return cores if connection.vendor == "postgresql" else max(0, cores - 1)


def _entry(source: Source) -> tuple[SearchEntry, str, str]:
    """The unsaved entry of a document, editorial or news brief, with its title part and body to segment."""
    entry = SearchEntry(
        kind=source.kind, document_id=source.document_id, item_id=source.item_id, issue_id=source.issue_id,
        title=source.title, number=source.number, issuers=source.issuers, doc_types=source.doc_types,
        section=source.section, year=source.year, date=source.date, text=source.text)
    return entry, source.heading, source.text


def shown_entry(document: Document) -> SearchEntry:
    """The unsaved entry of a saved document the index does not hold (yet), as a number search shows it:
    its fields only, not segmented — nothing matches against it."""
    return _entry(next(document_sources([document.pk])))[0]


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
    sources = list(document_sources(ids))
    if issue is not None:
        SearchEntry.objects.filter(item__issue=issue).delete()
        sources += item_sources(issue.pk)
    made = [_entry(source) for source in sources]
    segmented = _segment([(title, body) for _, title, body in made], connection.vendor == "sqlite")
    _write([_with_terms(entry, s) for (entry, _, _), s in zip(made, segmented, strict=True)])


@transaction.atomic
def rebuild_index() -> dict[str, int]:
    """Throw the whole index away and build it again from the gazette; returns entries per kind."""
    entry_table, facet_table = SearchEntry._meta.db_table, SearchFacet._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Locks the two tables as dropping the GIN index does anyway, and leaves no dead rows behind.
            # TRUNCATE refuses a table with foreign-key checks pending (Django defers them to the commit).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {facet_table}, {entry_table}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:  # straight DELETEs: the ORM would first load every entry and facet row to cascade by hand
            cursor.execute(f"DELETE FROM {facet_table}")
            cursor.execute(f"DELETE FROM {entry_table}")
            postings.clear()
    counts = {kind: 0 for kind in SearchEntry.Kind.values}
    workers = index_workers(Document.objects.count())
    unsegmented = map(_entry, chain(document_sources(), item_sources()))
    with _bulk_written():
        for number, (entries, segment) in enumerate(_rebuild_entries(unsegmented, workers)):
            for entry in entries:
                counts[entry.kind] += 1
            _write(entries, segment, number)
    return counts


@contextmanager
def _bulk_written() -> Iterator[None]:
    """On PostgreSQL, build the full-text GIN index once after the rows instead of row by row (it was most
    of a rebuild's time), then refresh the planner's statistics of both tables: with the old ones, a filter
    that now holds 25,000 entries was thought to hold 4, and a search with it took 5 s instead of 0.25 s.
    The index is gone only inside this transaction; searches wait for it meanwhile."""
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
        cursor.execute(f"ANALYZE {table}, {SearchFacet._meta.db_table}")
