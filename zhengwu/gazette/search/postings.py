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


def weigh(title: Counter, body: Counter) -> dict[str, float]:
    """Weighted frequency of each term of one entry: TITLE_WEIGHT per time in the title, 1 in the body."""
    weighted: dict[str, float] = dict(body)
    for term, count in title.items():
        weighted[term] = weighted.get(term, 0) + TITLE_WEIGHT * count
    return weighted


def segment(entries: list[tuple[int, dict[str, float]]]) -> list[tuple[str, bytes, bytes]]:
    """One segment of the index from (id, weighted frequencies) in ascending id order: (term, ids, freqs)
    per term. Vectorised — terms numbered as they come, one stable sort — so it costs no Python work per
    (term, entry) pair; a rebuild runs it in worker processes."""
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__  # a new term gets the next number
    number = vocabulary.__getitem__
    terms = [np.fromiter(map(number, weighted), np.int32, len(weighted)) for _, weighted in entries]
    if not terms or not sum(map(len, terms)):
        return []
    freqs = np.concatenate([np.fromiter(weighted.values(), FREQ_TYPE, len(weighted)) for _, weighted in entries])
    owners = np.repeat(np.asarray([entry_id for entry_id, _ in entries], ID_TYPE), [len(t) for t in terms])
    flat = np.concatenate(terms)
    order = np.argsort(flat, kind="stable")  # stable: each term's entries stay in ascending id order
    flat, owners, freqs = flat[order], owners[order], freqs[order]
    starts = np.concatenate([[0], np.flatnonzero(np.diff(flat)) + 1])
    ends = np.append(starts[1:], len(flat))
    names = list(vocabulary)
    # In term order, so the table's B-tree (keyed by term) is written front to back.
    return sorted((names[flat[a]], owners[a:b].tobytes(), freqs[a:b].tobytes())
                  for a, b in zip(starts.tolist(), ends.tolist(), strict=True))


def write_segment(rows: list[tuple[str, bytes, bytes]], number: int) -> None:
    """Store a segment made by `segment` as segment `number` of every term (a rebuild numbers them 0, 1, …)."""
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {TABLE} (term, seg, ids, freqs) VALUES (%s, %s, %s, %s)",
                           [(term, number, ids, freqs) for term, ids, freqs in rows])


def add(entries: list[tuple[int, dict[str, float]]]) -> None:
    """Index new entries given as (id, weighted frequencies): one more segment for each term they hold."""
    rows = segment(sorted(entries, key=lambda entry: entry[0]))
    if rows:
        _write_segments({term: (np.frombuffer(ids, ID_TYPE), np.frombuffer(freqs, FREQ_TYPE))
                         for term, ids, freqs in rows})


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
