"""The embedded backend's inverted index (倒排索引): for each term, the ids of the entries holding it and how
often, stored in SQLite as arrays and read with numpy.

Why not FTS5: measured on the 50,000-document benchmark, FTS5 takes 35 ms only to list the ids of the
50,000 entries holding 重庆市 and 110 ms to rank them with bm25 (docs/PERFORMANCE.md), while the goal for a
whole search with facets is 15 ms. An array of ids per term is read in well under a millisecond, and numpy
intersects, scores and counts 50,000 of them in about one.

Layout (table made by migration 0004, SQLite only): one row per (term, segment) holding `ids` (int64,
ascending) and `freqs` (float32, the term's weighted frequency in that entry: TITLE_WEIGHT × in the title
plus 1 × in the body, as FTS5's bm25 weighed its columns). Each write adds a new segment instead of
rewriting long arrays; entry ids only grow (SQLite AUTOINCREMENT), so a term's segments in order are one
ascending array. Deleted entries are not removed from the arrays at once: a query keeps only ids the entry
table still has (stats.EntryTable); merging a term's segments drops them, and a full reindex starts afresh.
"""
from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np
from django.db import connection

TABLE = "gazette_search_posting"
ENTRY_TABLE = "gazette_searchentry"
TITLE_WEIGHT = 4.0  # a word in the title, number or issuers counts four times one in the body
MAX_SEGMENTS = 16  # past this many segments a term's rows are merged into one when next written
ID_TYPE, FREQ_TYPE = np.dtype("<i8"), np.dtype("<f4")
SQL_VARIABLES = 900  # placeholders per statement, under SQLite's oldest limit (999)


def entry_counts(title_terms: str, body_terms: str) -> tuple[dict[str, float], int]:
    """Weighted frequency of each term in one entry, and the entry's length (its number of terms)."""
    title, body = title_terms.split(), body_terms.split()
    weighted: dict[str, float] = dict(Counter(body))
    for term, count in Counter(title).items():
        weighted[term] = weighted.get(term, 0.0) + TITLE_WEIGHT * count
    return weighted, len(title) + len(body)


def add(rows: Iterable[tuple[int, str, str]]) -> None:
    """Index entries given as (id, title_terms, body_terms): one new segment per term they hold."""
    ids: dict[str, list[int]] = defaultdict(list)
    freqs: dict[str, list[float]] = defaultdict(list)
    for entry_id, title_terms, body_terms in sorted(rows):
        weighted, _ = entry_counts(title_terms, body_terms)
        for term, freq in weighted.items():
            ids[term].append(entry_id)
            freqs[term].append(freq)
    if ids:
        _write_segments({term: (np.asarray(ids[term], ID_TYPE), np.asarray(freqs[term], FREQ_TYPE))
                         for term in ids})


def _write_segments(new: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
    terms = list(new)
    with connection.cursor() as cursor:
        last: dict[str, tuple[int, int]] = {}
        for start in range(0, len(terms), SQL_VARIABLES):
            chunk = terms[start:start + SQL_VARIABLES]
            cursor.execute(f"SELECT term, MAX(seg), COUNT(*) FROM {TABLE} WHERE term IN "
                           f"({', '.join(['%s'] * len(chunk))}) GROUP BY term", chunk)
            last.update((term, (top, count)) for term, top, count in cursor.fetchall())
        rows, live = [], None
        for term, (ids, freqs) in new.items():
            top, count = last.get(term, (-1, 0))
            if count >= MAX_SEGMENTS:
                if live is None:
                    cursor.execute(f"SELECT id FROM {ENTRY_TABLE}")
                    live = np.fromiter((i for (i,) in cursor.fetchall()), ID_TYPE)
                old_ids, old_freqs = read([term]).get(term, _EMPTY)
                keep = np.isin(old_ids, live)
                cursor.execute(f"DELETE FROM {TABLE} WHERE term = %s", [term])
                ids, freqs = np.concatenate([old_ids[keep], ids]), np.concatenate([old_freqs[keep], freqs])
                top = -1
            rows.append((term, top + 1, ids.tobytes(), freqs.tobytes()))
        cursor.executemany(f"INSERT INTO {TABLE} (term, seg, ids, freqs) VALUES (%s, %s, %s, %s)", rows)


_EMPTY = (np.empty(0, ID_TYPE), np.empty(0, FREQ_TYPE))


def read(terms: Iterable[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """term → (ids ascending, weighted frequencies) over all its segments; terms nobody holds are absent."""
    wanted = list(dict.fromkeys(terms))
    if not wanted:
        return {}
    parts: dict[str, list[tuple[bytes, bytes]]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term, ids, freqs FROM {TABLE} WHERE term IN ({', '.join(['%s'] * len(wanted))}) "
                       "ORDER BY term, seg", wanted)
        for term, ids, freqs in cursor.fetchall():
            parts[term].append((ids, freqs))
    found = {}
    for term, blobs in parts.items():
        ids = [np.frombuffer(i, ID_TYPE) for i, _ in blobs]
        freqs = [np.frombuffer(f, FREQ_TYPE) for _, f in blobs]
        found[term] = (ids[0], freqs[0]) if len(blobs) == 1 else (np.concatenate(ids), np.concatenate(freqs))
    return found


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")


class Builder:
    """A whole new index, fed entries in ascending id order; every `chunk_entries` entries become one more
    segment per term, so memory stays bounded on a large gazette. Call `finish()` at the end."""

    def __init__(self, chunk_entries: int = 10_000) -> None:
        self.chunk_entries = chunk_entries
        self.segment = self.pending = 0
        self.ids: dict[str, list[int]] = defaultdict(list)
        self.freqs: dict[str, list[float]] = defaultdict(list)

    def extend(self, rows: Iterable[tuple[int, str, str]]) -> None:
        ids, freqs = self.ids, self.freqs
        for entry_id, title_terms, body_terms in rows:
            weighted, _ = entry_counts(title_terms, body_terms)
            for term, freq in weighted.items():
                ids[term].append(entry_id)
                freqs[term].append(freq)
            self.pending += 1
            if self.pending >= self.chunk_entries:
                self._flush()

    def _flush(self) -> None:
        if self.ids:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {TABLE} (term, seg, ids, freqs) VALUES (%s, %s, %s, %s)",
                    [(term, self.segment, np.asarray(ids, ID_TYPE).tobytes(),
                      np.asarray(self.freqs[term], FREQ_TYPE).tobytes()) for term, ids in self.ids.items()])
        self.ids.clear()
        self.freqs.clear()
        self.segment += 1
        self.pending = 0

    def finish(self) -> None:
        self._flush()
