"""What ranking, filters and facets read of every entry, held in memory as numpy arrays (embedded backend).

One `EntryTable` per state of the index: id, length in terms, date and issue of each entry, and each facet
value as (entry position, value code) pairs. It is loaded on first use (≈ 0.1 s for 50,000 entries) and
reused while the index is unchanged: triggers (migration 0004) write a new random `token` into
gazette_search_state on every change to the entry or facet table, so a token names one state. A rolled
back change takes its token back with it, and the table loaded for the older state is right again.
"""
import threading
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

STATE_TABLE = "gazette_search_state"
ENTRY_TABLE = "gazette_searchentry"
FACET_TABLE = "gazette_searchfacet"
FACET_NAMES = ("issuer", "year", "type", "section")


@dataclass
class Facet:
    """One facet's values and which entries hold them: `positions[k]` holds `values[codes[k]]`."""

    values: list[str]
    index: dict[str, int]
    positions: np.ndarray
    codes: np.ndarray

    def holders(self, value: str, size: int) -> np.ndarray:
        """Boolean mask over entry positions: the entries holding `value`."""
        mask = np.zeros(size, bool)
        code = self.index.get(value)
        if code is not None:
            mask[self.positions[self.codes == code]] = True
        return mask

    def counts(self, mask: np.ndarray) -> dict[str, int]:
        """Value → number of entries in `mask` holding it (a value held twice by one entry counts twice, as
        the facet rows do)."""
        found = np.bincount(self.codes[mask[self.positions]], minlength=len(self.values))
        return {self.values[code]: int(found[code]) for code in np.flatnonzero(found)}


@dataclass
class EntryTable:
    token: bytes
    ids: np.ndarray  # ascending
    lengths: np.ndarray  # terms per entry (title and body), float
    dates: np.ndarray  # date as a day number, 0 when unknown
    issues: np.ndarray  # issue id, -1 when none
    facets: dict[str, Facet]
    _lookup: np.ndarray | None = None
    _norms: dict = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def average_length(self) -> float:
        return float(self.lengths.mean()) if len(self.lengths) else 0.0

    def positions(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions of `ids` in the table and a mask of which ids the table has (gone entries are False)."""
        if self._lookup is None:
            # id → position as one array indexed by id: a gather instead of a binary search per id.
            top = int(self.ids[-1]) + 1 if len(self.ids) else 1
            self._lookup = np.full(top, -1, np.int64)
            self._lookup[self.ids] = np.arange(len(self.ids))
        inside = ids < len(self._lookup)
        at = np.where(inside, self._lookup[np.where(inside, ids, 0)], -1)
        found = at >= 0
        return np.where(found, at, 0), found

    def bm25_norm(self, k1: float, b: float) -> np.ndarray:
        """k1·(1 − b + b·length/average length) of every entry: bm25's length normalisation, once per table."""
        if (k1, b) not in self._norms:
            average = max(self.average_length, 1e-9)
            self._norms[(k1, b)] = k1 * (1 - b + b * self.lengths / average)
        return self._norms[(k1, b)]

    def visible(self, hidden_issues: list[int]) -> np.ndarray:
        """Mask of the entries the public may see: those of unpublished issues left out."""
        if not hidden_issues:
            return np.ones(self.size, bool)
        return ~np.isin(self.issues, np.asarray(hidden_issues, np.int64))


_lock = threading.Lock()
_current: EntryTable | None = None


def current_token() -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {STATE_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""


def entry_table() -> EntryTable:
    """The table for the index as this connection sees it now (loaded again only when the token changed)."""
    global _current
    token = current_token()
    table = _current
    if table is not None and table.token == token:
        return table
    with _lock:
        if _current is None or _current.token != token:
            _current = _load(token)
        return _current


def _load(token: bytes) -> EntryTable:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, term_count, date, issue_id FROM {ENTRY_TABLE} ORDER BY id")
        rows = cursor.fetchall()
        ids = np.fromiter((r[0] for r in rows), np.int64, len(rows))
        lengths = np.fromiter((r[1] for r in rows), np.float64, len(rows))
        dates = np.fromiter((_day_number(r[2]) for r in rows), np.int64, len(rows))
        issues = np.fromiter((-1 if r[3] is None else r[3] for r in rows), np.int64, len(rows))
        cursor.execute(f"SELECT entry_id, name, value FROM {FACET_TABLE}")
        facet_rows = cursor.fetchall()
    table = EntryTable(token, ids, lengths, dates, issues, {})
    for name in FACET_NAMES:
        table.facets[name] = Facet([], {}, np.empty(0, np.int64), np.empty(0, np.int64))
    grouped: dict[str, tuple[list[int], list[int]]] = {name: ([], []) for name in FACET_NAMES}
    for entry_id, name, value in facet_rows:
        facet = table.facets.get(name)
        if facet is None:
            continue
        code = facet.index.get(value)
        if code is None:
            code = facet.index[value] = len(facet.values)
            facet.values.append(value)
        grouped[name][0].append(entry_id)
        grouped[name][1].append(code)
    for name, (entry_ids, codes) in grouped.items():
        at, found = table.positions(np.asarray(entry_ids, np.int64))
        table.facets[name].positions = at[found]
        table.facets[name].codes = np.asarray(codes, np.int64)[found]
    return table


def _day_number(value) -> int:
    if value is None:
        return 0
    if isinstance(value, str):  # SQLite hands dates back as text
        year, month, day = value.split("-")
        return int(year) * 10000 + int(month) * 100 + int(day)
    return value.year * 10000 + value.month * 100 + value.day
