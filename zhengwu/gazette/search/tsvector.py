"""PostgreSQL's tsvector and tsquery of pre-segmented terms, written out in Python (词位向量与检索式).

The terms are already the index's words (segment.term_list); handing them to to_tsvector('simple', …)
made the server run its text parser over about three characters of terms per character of text — most of a
PostgreSQL rebuild's time. Here each term is a lexeme as it stands, with the positions and weights
to_tsvector would give it: title terms weighted A from position 1, body terms unweighted (D) after the
title's last position, as `setweight(title, 'A') || setweight(body, 'D')` concatenates them.

The vector is written in the server's binary form (what tsvector_send gives and tsvector_recv reads, for a
binary COPY): the text form's positions as decimal digits took the server three times as long to read.
Queries use the same raw lexemes (`tsquery_literal`), so both sides of @@ agree whatever characters a term
holds.
"""
from collections.abc import Iterable, Sequence
from itertools import chain

import numpy as np
from psycopg import adapt, pq

from .segment import index_tokens, token_terms

# PostgreSQL's limits (tsearch/ts_type.h): positions 1–16383, larger ones clamped to the last; at most 256
# positions kept per lexeme; a lexeme of at most 2047 bytes (to_tsvector skips longer words).
MAX_POSITION = 16383
MAX_POSITIONS = 256
MAX_LEXEME_BYTES = 2047
WEIGHT_A = 3 << 14  # a position's weight is its top two bits (WEP_SETWEIGHT); D is 0
EMPTY = b"\0\0\0\0"  # no lexemes


def quoted(term: str) -> str:
    """A lexeme as tsvector and tsquery input read it: in single quotes, quotes and backslashes doubled."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _indexable(term: str) -> bool:
    return bool(term) and "\0" not in term and len(term.encode("utf-8")) <= MAX_LEXEME_BYTES


class Lexicon:
    """The distinct terms of a batch of entries, numbered as first seen (词表). Vectors need their lexemes in
    the server's order (bytewise, which is code-point order); the batch's terms are sorted once, and each
    entry then sorts small integers."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.terms: list[str] = []
        self.token_numbers = _TokenNumbers(self)
        self._ranked = -1

    def number(self, term: str) -> int:
        found = self.numbers.get(term)
        if found is None:
            found = self.numbers[term] = len(self.terms)
            self.terms.append(term)
        return found

    def of_terms(self, terms: Iterable[str]) -> np.ndarray:
        return np.fromiter(map(self.number, terms), dtype=np.int64)

    def of_text(self, text: str) -> np.ndarray:
        """The numbers of the terms `segment.term_list` gives for `text`, in order."""
        tokens = map(self.token_numbers.__getitem__, index_tokens(text))
        return np.fromiter(chain.from_iterable(tokens), dtype=np.int64)

    def _rank(self) -> None:
        if self._ranked == len(self.terms):
            return
        order = sorted(range(len(self.terms)), key=self.terms.__getitem__)
        self.rank = np.empty(len(order), dtype=np.int64)
        self.rank[order] = np.arange(len(order))
        encoded = [self.terms[i].encode("utf-8") + b"\0" for i in order]  # by rank, NUL-terminated as sent
        self.lexemes = encoded
        self.sizes = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        self.indexable = np.fromiter((_indexable(t) for t in self.terms), dtype=bool, count=len(self.terms))
        self._ranked = len(self.terms)

    def vector(self, title: np.ndarray, body: np.ndarray) -> bytes:
        """The binary tsvector of an entry whose title and body terms have these numbers."""
        self._rank()
        numbers = np.concatenate([title, body])
        titled = len(title)
        usable = self.indexable[numbers]
        if not usable.all():  # skipped without taking a position, as the server's parser skips it
            titled = int(usable[:titled].sum())
            numbers = numbers[usable]
        count = len(numbers)
        if count == 0:
            return EMPTY
        positions = np.minimum(np.arange(1, count + 1), MAX_POSITION).astype(np.uint16)
        positions[:titled] |= WEIGHT_A
        keys, which, times = np.unique(self.rank[numbers], return_inverse=True, return_counts=True)
        grouped = np.argsort(which, kind="stable")  # stable: each lexeme's positions stay ascending
        positions = positions[grouped]
        if count > MAX_POSITION or times.max() > MAX_POSITIONS:
            positions, times = _within_limits(positions, which[grouped], len(keys))
        return _layout(keys, times, positions, self.sizes[keys], self.lexemes)


class _TokenNumbers(dict):
    """token → the numbers of its terms, worked out on first sight (a dict's own lookup for every repeat)."""

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__()
        self.lexicon = lexicon

    def __missing__(self, token: str) -> tuple[int, ...]:
        found = self[token] = tuple(map(self.lexicon.number, token_terms(token)))
        return found


def _within_limits(positions: np.ndarray, lexeme: np.ndarray, lexemes: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions grouped by lexeme, with a clamped position's repeats dropped (the first kept, whatever its
    weight) and at most MAX_POSITIONS a lexeme, as the server keeps them."""
    plain = positions & MAX_POSITION
    fresh = np.ones(len(positions), dtype=bool)
    fresh[1:] = (plain[1:] != plain[:-1]) | (lexeme[1:] != lexeme[:-1])
    positions, lexeme = positions[fresh], lexeme[fresh]
    times = np.bincount(lexeme, minlength=lexemes)
    rank = np.arange(len(positions)) - np.repeat(np.cumsum(times) - times, times)
    return positions[rank < MAX_POSITIONS], np.minimum(times, MAX_POSITIONS)


def _layout(keys: np.ndarray, times: np.ndarray, positions: np.ndarray, sizes: np.ndarray,
            lexemes: list[bytes]) -> bytes:
    """tsvector_send's layout: lexeme count (int32), then per lexeme its bytes and a NUL, its position count
    (uint16) and positions (uint16 each), all big-endian. Placed with numpy: one scatter for the lexemes,
    one for the positions."""
    record = sizes + 2 + 2 * times
    start = 4 + np.cumsum(record) - record
    out = np.empty(4 + int(record.sum()), dtype=np.uint8)
    out[:4] = np.frombuffer(len(keys).to_bytes(4, "big"), dtype=np.uint8)
    text = np.frombuffer(b"".join(map(lexemes.__getitem__, keys.tolist())), dtype=np.uint8)
    out[np.arange(len(text)) + np.repeat(start - (np.cumsum(sizes) - sizes), sizes)] = text
    header = start + sizes
    out[header] = times >> 8
    out[header + 1] = times & 0xFF
    data = positions.astype(">u2").view(np.uint8)
    out[np.arange(len(data)) + np.repeat(header + 2 - 2 * (np.cumsum(times) - times), 2 * times)] = data
    return out.tobytes()


def tsvectors(entries: Sequence[tuple[str, str]]) -> list[tuple[bytes, int]]:
    """(binary tsvector, term count) of each (title, body): the terms of `segment.term_list`."""
    lexicon = Lexicon()
    numbered = [(lexicon.of_text(title), lexicon.of_text(body)) for title, body in entries]
    return [(lexicon.vector(title, body), len(title) + len(body)) for title, body in numbered]


def term_vector(title_terms: Sequence[str], body_terms: Sequence[str]) -> bytes:
    """The binary tsvector of terms given as they are."""
    lexicon = Lexicon()
    return lexicon.vector(lexicon.of_terms(title_terms), lexicon.of_terms(body_terms))


def tsquery_literal(terms: Iterable[str]) -> str:
    """Every term must match (AND), each a raw lexeme: `'就业' & 'ppp'`."""
    return " & ".join(quoted(term) for term in dict.fromkeys(terms) if _indexable(term))


class BinaryVector(adapt.Dumper):
    """A tsvector already in the server's binary form (`tsvectors`), as a binary COPY sends it; register it
    on the COPY's cursor alone (`register_dumper(None, BinaryVector)`: looked up by oid)."""
    format = pq.Format.BINARY
    oid = 3614  # tsvector: a built-in type, its oid fixed

    def dump(self, obj: bytes) -> bytes:
        return obj
