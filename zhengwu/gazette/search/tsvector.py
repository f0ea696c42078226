"""PostgreSQL's tsvector and tsquery of pre-segmented terms, written out in Python (词位向量与检索式).

The terms are already the index's words (segment.term_list); handing them to to_tsvector('simple', …)
made the server run its text parser over about three characters of terms per character of text, and keep
the term text beside the vector — most of a PostgreSQL rebuild's time. Here each term is a lexeme as it
stands, with the positions and weights to_tsvector would give it: title terms weighted A from position 1,
body terms unweighted (D) after the title's last position, as `setweight(title, 'A') || setweight(body,
'D')` concatenates them. Queries use the same raw lexemes (`tsquery_literal`), so both sides of @@ agree
whatever characters a term holds.
"""
import re
from collections.abc import Iterable, Sequence

import numpy as np

# PostgreSQL's limits (tsearch/ts_type.h): positions 1–16383, larger ones clamped to the last; at most 256
# positions kept per lexeme; a lexeme of at most 2047 bytes (to_tsvector skips longer words).
MAX_POSITION = 16383
MAX_POSITIONS = 256
MAX_LEXEME_BYTES = 2047
_NEEDS_ESCAPE = re.compile(r"['\\]")


def quoted(term: str) -> str:
    """A lexeme as tsvector and tsquery input read it: in single quotes, quotes and backslashes doubled."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _indexable(term: str) -> bool:
    return bool(term) and len(term.encode("utf-8")) <= MAX_LEXEME_BYTES


# Position labels, made once: title positions carry weight A, body positions none (D).
_PLAIN = [str(i) for i in range(MAX_POSITION + 1)]
_TITLE = [f"{i}A" for i in range(MAX_POSITION + 1)]
# A term of at most this many characters is at most MAX_LEXEME_BYTES in UTF-8 (4 bytes a character at most).
_SAFE_CHARS = MAX_LEXEME_BYTES // 4


def tsvector_literal(title_terms: Sequence[str], body_terms: Sequence[str]) -> str:
    """The tsvector of an entry, as text (cast by the column): `'other':3 'term':1A,7` …

    A rebuild writes one for every entry, about 1.3 terms a character of text: the usual entry goes through
    numpy's sorting and grouping; only an entry past PostgreSQL's limits takes the careful loop."""
    terms = [*title_terms, *body_terms]
    count = len(terms)
    if count == 0:
        return ""
    distinct, which = np.unique(np.array(terms), return_inverse=True)
    # numpy's string type cannot hold an empty term; its width bounds every term's length at once.
    if count > MAX_POSITION or distinct.dtype.itemsize // 4 > _SAFE_CHARS or distinct[0] == "":
        return _careful_literal(title_terms, body_terms)
    # Sorted once (stable, so each term's positions stay ascending), then one join per distinct term.
    labels = _TITLE[1:len(title_terms) + 1] + _PLAIN[len(title_terms) + 1:count + 1]
    ordered = list(map(labels.__getitem__, np.argsort(which, kind="stable").tolist()))
    escape = _NEEDS_ESCAPE.search("".join(distinct.tolist())) is not None
    parts, start = [], 0
    for term, times in zip(distinct.tolist(), np.bincount(which).tolist(), strict=True):
        lexeme = quoted(term) if escape else "'" + term + "'"
        parts.append(lexeme + ":" + ",".join(ordered[start:start + min(times, MAX_POSITIONS)]))
        start += times
    return " ".join(parts)


def _careful_literal(title_terms: Sequence[str], body_terms: Sequence[str]) -> str:
    """`tsvector_literal` for an entry past the limits: positions clamped (repeats dropped), long terms
    skipped, at most MAX_POSITIONS a lexeme."""
    positions: dict[str, list[str]] = {}
    seen: dict[str, set[int]] = {}

    def add(terms: Iterable[str], start: int, weight: str) -> int:
        last, counted = start, start
        for term in terms:
            if not _indexable(term):
                continue  # skipped without taking a position, as the server's parser skips it
            counted += 1
            last = min(counted, MAX_POSITION)
            taken = seen.setdefault(term, set())
            if last in taken or len(taken) >= MAX_POSITIONS:
                continue  # clamped positions repeat; the server keeps one, and 256 at most
            taken.add(last)
            positions.setdefault(term, []).append(f"{last}{weight}")
        return last

    title_end = add(title_terms, 0, "A")
    add(body_terms, title_end, "")
    return " ".join(f"{quoted(term)}:{','.join(where)}" for term, where in positions.items())


def tsquery_literal(terms: Iterable[str]) -> str:
    """Every term must match (AND), each a raw lexeme: `'就业' & 'ppp'`."""
    return " & ".join(quoted(term) for term in dict.fromkeys(terms) if _indexable(term))
