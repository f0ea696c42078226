"""The two full-text backends behind one interface, chosen by the database engine (`connection.vendor`).

Both read the same pre-segmented terms (segment.term_list), so they find the same entries; only the
scores differ (bm25 on SQLite, ts_rank on PostgreSQL). SQLite (the embedded backend) keeps posting arrays per
term (postings.py, migration 0004) and ranks in numpy; PostgreSQL a tsvector column with a GIN index
(migrations 0002 and 0005) and ranks in SQL.
"""
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from . import postings, stats
from .tsvector import tsquery_literal

ENTRY_TABLE = "gazette_searchentry"
TITLE_WEIGHT = postings.TITLE_WEIGHT

# ts_rank's weights for D, C, B, A: title (A) four times body (D), like bm25 above.
POSTGRES_WEIGHTS = "{0.25, 0.5, 0.75, 1.0}"
# bm25's constants, as FTS5 (and most engines) set them.
BM25_K1, BM25_B = 1.2, 0.75


class PostingsBackend:
    """SQLite: posting arrays per term (postings.py), intersected and scored with bm25 in numpy."""

    def scored(self, terms: list[str], table: "stats.EntryTable") -> tuple[np.ndarray, np.ndarray]:
        """(positions in `table`, bm25 scores) of the entries holding every term; bm25 as FTS5 computes it
        (k1 1.2, b 0.75, title weighted TITLE_WEIGHT, idf log((N − n + 0.5)/(n + 0.5)), at least 1e-6)."""
        found = postings.read(terms)
        if len(found) < len(set(terms)) or table.size == 0:
            return np.empty(0, np.int64), np.empty(0)
        n = table.size
        lists = []
        for term in dict.fromkeys(terms):
            ids, freqs = found[term]
            at, live = table.positions(ids)
            lists.append((at[live], freqs[live]))
        # Intersect as masks over the table's positions: linear, where sorting the lists would not be.
        matched = np.zeros(n, bool)
        matched[lists[0][0]] = True
        for at, _ in lists[1:]:
            holds = np.zeros(n, bool)
            holds[at] = True
            matched &= holds
        positions = np.flatnonzero(matched)
        norm = table.bm25_norm(BM25_K1, BM25_B)[positions]
        scores = np.zeros(len(positions))
        frequency = np.zeros(n, np.float32)
        for at, freqs in lists:
            idf = max(float(np.log((n - len(at) + 0.5) / (len(at) + 0.5))), 1e-6)
            frequency[at] = freqs
            f = frequency[positions].astype(np.float64)
            scores += idf * f * (BM25_K1 + 1) / (f + norm)
            frequency[at] = 0
        return positions, scores

    # The entry table as `_result` (document-number queries) joins it, reading only (id, date, issue).
    entry_key = f"{ENTRY_TABLE} AS e INDEXED BY gazette_search_key"


class PostgresBackend:
    """PostgreSQL: a tsvector of the terms as raw lexemes (tsvector.py), GIN index, ts_rank."""

    entry_key = f"{ENTRY_TABLE} AS e"

    @contextmanager
    def planned(self) -> Iterator[None]:
        """A search's queries match through the GIN index, never by reading the whole table: the planner
        prices `@@` as one cheap call, but on a row it first decompresses the entry's vector (some 8 KB), so
        for a common word, where most rows match, it chose the sequential scan — 665 ms against 41 ms for
        the index on 50,000 entries (docs/PERFORMANCE.md). Set for this search's transaction only."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
            before = cursor.fetchone()[0]
            yield  # on an error the rollback takes the setting back
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])

    def ids_sql(self, terms: list[str]) -> tuple[str, list]:
        return (f"SELECT id FROM {ENTRY_TABLE} WHERE search_vector @@ %s::tsquery", [tsquery_literal(terms)])

    def ranked_sql(self, terms: list[str]) -> tuple[str, list]:
        return (f"SELECT id, ts_rank('{POSTGRES_WEIGHTS}', search_vector, query) AS score "
                f"FROM {ENTRY_TABLE}, CAST(%s AS tsquery) AS query WHERE search_vector @@ query",
                [tsquery_literal(terms)])


def backend() -> "PostingsBackend | PostgresBackend":
    if connection.vendor == "sqlite":
        return PostingsBackend()
    if connection.vendor == "postgresql":
        return PostgresBackend()
    raise ImproperlyConfigured(f"全文搜索只支持 SQLite 和 PostgreSQL，不支持 {connection.vendor}")
