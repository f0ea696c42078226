"""Highlighted snippets (摘要): ~80 characters around the first hit, the hits in <mark>, the rest escaped.

A hit is a place where the index holds a query term — the same segmentation as matching — so 民政 is marked
in 区民政局 but not inside 人民政府. To stay fast on long documents only small pieces of the text are
segmented: jieba cuts each run of letters and digits between punctuation on its own, so a piece that starts
and ends at punctuation is cut exactly as the whole text is.
"""
import re
from collections.abc import Collection

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from zhengwu.core.docnumber import find_numbers

from .segment import fold_case, normalize, term_spans

WIDTH = 80
LEAD = 20  # characters of context before the first hit
REACH = 120  # how far to look for the punctuation that bounds a piece
MAX_CANDIDATES = 500
_HAN_RE = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
_SEPARATOR_RE = re.compile(r"[^\w+#&.%\-]")  # where jieba's runs end: spaces and punctuation


def _piece(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the nearest separators (or by REACH at most)."""
    left = start
    while left > 0 and start - left < REACH and not _SEPARATOR_RE.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and right - end < REACH and not _SEPARATOR_RE.match(text[right]):
        right += 1
    return left, right


def _run_spans(folded: str, runs: Collection[str], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where the runs (characters typed together that make no dictionary word) stand in the text, as typed."""
    end = len(folded) if end is None else end
    return [(m.start(), m.end()) for run in runs for m in re.finditer(re.escape(run), folded)
            if m.end() > start and m.start() < end]


def _spans_in(text: str, terms: set[str], start: int, end: int) -> list[tuple[int, int]]:
    if not terms:
        return []
    left, right = _piece(text, start, end)
    return [(left + s, left + e) for s, e in term_spans(text[left:right], terms)]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def first_hit(text: str, terms: Collection[str], runs: Collection[str] = (), folded: str | None = None) -> int | None:
    """Offset of the first place the index holds a term (or a run stands), or None. `folded` is the text
    as `fold_case(normalize(text))` gives it, when the caller has it already."""
    wanted = set(terms)
    folded = fold_case(normalize(text)) if folded is None else folded
    # The index holds every Chinese character of every word, so a one-character term is a hit wherever it
    # stands; only longer terms need the text cut to tell a word (民政) from a straddle (人民政府).
    singles = {t for t in wanted if len(t) == 1 and _HAN_RE.match(t)}
    known = [s for s, _ in _run_spans(folded, runs)] + [p for p in map(folded.find, singles) if p >= 0]
    first_known = min(known, default=None)
    candidates = sorted({m.start() for term in wanted - singles for m in re.finditer(re.escape(term), folded)})
    for position in candidates[:MAX_CANDIDATES]:
        if first_known is not None and position >= first_known:
            break
        if any(s == position for s, _ in _spans_in(text, wanted, position, position + 1)):
            return position
    return first_known


def render(text: str, spans: list[tuple[int, int]]) -> SafeString:
    """`text` escaped, with each span wrapped in <mark>; line breaks shown as spaces."""
    out, at = [], 0
    for s, e in spans:
        out += [escape(text[at:s]), "<mark>", escape(text[s:e]), "</mark>"]
        at = e
    out.append(escape(text[at:]))
    return mark_safe("".join(out).replace("\n", " "))  # noqa: S308 - every piece of text above is escaped


def _window(text: str, hit: int | None, width: int) -> tuple[int, int]:
    start = max(0, (hit or 0) - LEAD)
    end = min(len(text), start + width)
    return max(0, end - width), end


def _clip(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return [(max(s, start) - start, min(e, end) - start) for s, e in spans if e > start and s < end]


def snippet(text: str, terms: Collection[str], runs: Collection[str] = (), *, width: int = WIDTH) -> SafeString:
    """About `width` characters of `text` from just before the first hit, every hit in it marked."""
    # Folding (full width, case) cannot change where Chinese characters stand, and a long text costs to fold.
    folded = text if all(_HAN_RE.match(t) for t in (*terms, *runs)) else fold_case(normalize(text))
    hit = first_hit(text, terms, runs, folded) if terms or runs else None
    start, end = _window(text, hit, width)
    spans = []
    if hit is not None:
        spans = _merge(_spans_in(text, set(terms), start, end) + _run_spans(folded, runs, start, end))
    return _ellipsis(text, start, end, render(text[start:end], _clip(spans, start, end)))


def number_snippet(text: str, number: str, *, width: int = WIDTH) -> SafeString:
    """Like `snippet`, for a document number: marks where the text cites it, in any printed form."""
    spans = [(s, e) for canonical, _, s, e in find_numbers(text) if canonical == number]
    start, end = _window(text, spans[0][0] if spans else None, width)
    return _ellipsis(text, start, end, render(text[start:end], _clip(spans, start, end)))


def highlight(text: str, terms: Collection[str], runs: Collection[str] = ()) -> SafeString:
    """All of a short text (a title) with every hit marked."""
    spans = term_spans(text, set(terms)) if terms else []
    return render(text, _merge(spans + _run_spans(fold_case(normalize(text)), runs)))


def _ellipsis(text: str, start: int, end: int, body: SafeString) -> SafeString:
    return mark_safe(("…" if start > 0 else "") + body + ("…" if end < len(text) else ""))  # noqa: S308
