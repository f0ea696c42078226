"""Word segmentation for search (分词): jieba's precise mode plus the district's own place and body names.

The index and the query must be cut the same way, or a word can never be found. Three rules:

- Text is cut in jieba's *precise* mode (精确模式). Search mode (`cut_for_search`) also emits every dictionary
  word it finds inside a longer word, so 人民政府 would yield 民政 and a search for 民政 would find every
  document that mentions a people's government — the classic false match.
- A compound in the index also yields its *parts*: jieba's most probable route through the compound with the
  compound itself left out (区民政局 → 区 民政局 → 民政 局; 人民政府 → 人民 政府, never 民政), and its
  single Chinese characters, so a one-character query finds the documents that contain that character.
- The query is cut in precise mode without the HMM guesser, so a string jieba does not know (a name, a
  rare verb) becomes characters, which the index holds for every word. Such characters typed together (古南,
  施崇刚) form a *run* that a hit must contain as it stands, or 古南 would find 西南 next to 古.
"""
import math
import re
import threading
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain
from pathlib import Path

DICTIONARY = Path(__file__).with_name("dict.txt")
# The frequency a custom word gets when dict.txt gives none: that of a common word (民政 is 2299), so a
# district name wins against the pieces jieba would otherwise cut it into, whatever stands next to it.
CUSTOM_FREQUENCY = 3000
# Sum of all frequencies in jieba's dictionary. It only weighs a route of n pieces against one of m pieces,
# so being a little off changes nothing.
LOG_TOTAL = math.log(60_101_967)
LONGEST_PART = 12  # no dictionary word is longer; longer compounds are only cut into characters

# Full-width ASCII (ＰＰＰ, １０) and the ideographic space read as their half-width forms; control characters
# and lone surrogates become spaces. One character for one, so offsets stay valid in the original text.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_UNSAFE_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_WORD_RE = re.compile(r"[^\W_]+")  # runs of letters and digits: punctuation is never a term
_ENTRY_RE = re.compile(r"^(\S+)(?:\s+(\d+))?(?:\s+([a-z]+))?$")

_lock = threading.Lock()
_loaded = False


def read_dictionary(path: Path = DICTIONARY) -> list[tuple[str, int | None, str | None]]:
    """The custom dictionary: one `word [frequency] [tag]` a line; `#` starts a comment line."""
    entries = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _ENTRY_RE.match(line)
        if m is None:
            raise ValueError(f"{path.name}: 无法读取词条“{line}”（格式：词 [词频] [词性]）")
        entries.append((m[1], int(m[2]) if m[2] else None, m[3]))
    return entries


def jieba():
    """The rjieba module with the custom dictionary loaded, once per process (on first use, not at startup)."""
    global _loaded
    import rjieba

    if not _loaded:
        with _lock:
            if not _loaded:
                for word, frequency, tag in read_dictionary():
                    rjieba.add_word(word, frequency or CUSTOM_FREQUENCY, tag)
                _loaded = True
    return rjieba


def normalize(text: str) -> str:
    """Same length as `text`: full width folded to half width, control characters blanked."""
    return _UNSAFE_RE.sub(" ", text.translate(_FOLD))


def fold_case(text: str) -> str:
    """Lower case, one character for one: İ, whose lower case is i plus a dot above, becomes i, as both
    databases fold it."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower()[0] for c in text)


def words(token: str, start: int) -> Iterator[tuple[str, int, int]]:
    """The runs of letters and digits in one jieba token, case folded, with offsets into the text.

    Other numerals (¼ ① ²) end a run: PostgreSQL's parser drops them while the SQLite index would keep them, and a term only
    one backend can find would make the two answer differently.
    """
    for m in _WORD_RE.finditer(token):
        run, at = m.group(), start + m.start()
        if run.isascii():
            yield run.lower(), at, at + len(run)
            continue
        begin = None
        for i, char in enumerate(run + " "):
            if char != " " and unicodedata.category(char) != "No":
                begin = i if begin is None else begin
            elif begin is not None:
                yield fold_case(run[begin:i]), at + begin, at + i
                begin = None


def _is_han(char: str) -> bool:
    return char.isalpha() and not char.isascii()


@lru_cache(maxsize=200_000)
def _frequency(word: str) -> int:
    """jieba's frequency of a dictionary word (its `suggest_freq` is frequency + 1); 1 for anything else."""
    rj = jieba()
    return max(rj.suggest_freq(word) - 1, 1) if rj.has_word(word) else 1


@lru_cache(maxsize=200_000)
def parts(word: str) -> tuple[tuple[str, int], ...]:
    """The sub-words of a Chinese compound with their offsets: jieba's most probable route through the word,
    the word itself left out, then the parts of each part. 人民政府 → 人民, 政府; 区民政局 → 民政局, 民政."""
    n = len(word)
    if n < 3 or n > LONGEST_PART or not all(_is_han(c) for c in word):
        return ()
    rj = jieba()
    best = [0.0] * (n + 1)
    step = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 1, n + 1):
            piece = word[i:j]
            if (i, j) != (0, n) and (j == i + 1 or rj.has_word(piece)):
                options.append((math.log(_frequency(piece)) - LOG_TOTAL + best[j], j))
        best[i], step[i] = max(options)
    found: list[tuple[str, int]] = []
    i = 0
    while i < n:
        piece = word[i:step[i]]
        if len(piece) > 1:
            found.append((piece, i))
            found.extend((sub, i + at) for sub, at in parts(piece))
        i = step[i]
    return tuple(found)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Precise-mode words of `text` as (word, start, end), lower case, punctuation and spaces dropped."""
    folded = normalize(text)
    found = []
    for token, start, _end in jieba().tokenize(folded, "default", True):
        found.extend(words(token, start))
    return found


def expand(word: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """What the index holds for one word: the word, its parts, and its characters when it is Chinese."""
    yield word, start, end
    for part, at in parts(word):
        yield part, start + at, start + at + len(part)
    if len(word) > 1:
        for i, char in enumerate(word):
            if _is_han(char):
                yield char, start + i, start + i + 1


def index_tokens(text: str) -> list[str]:
    """The precise-mode tokens of `text` the index expands into terms (`token_terms`), in order."""
    # cut() gives the same tokens as tokenize() without offsets, which the index does not need.
    return jieba().cut(normalize(text), True)


def term_list(text: str) -> list[str]:
    """The terms the index holds for `text`, in order: each word, its parts and its characters (PostgreSQL's
    vector holds the same, tsvector.py; `term_counts` counts them)."""
    # A token's terms depend on the token alone, so each distinct token is expanded once (indexing speed).
    return list(chain.from_iterable(map(token_terms, index_tokens(text))))


def index_terms(text: str) -> str:
    """`term_list` space-joined, as people and tests read it."""
    return " ".join(term_list(text))


def term_counts(text: str) -> Counter:
    """How often the index holds each term of `text`: the same terms as `term_list`, counted (the
    embedded backend stores counts, not the text of the terms)."""
    # Counted in C: each token's terms come from a cache, chained and counted without a Python loop.
    return Counter(chain.from_iterable(map(token_terms, index_tokens(text))))


@lru_cache(maxsize=500_000)
def token_terms(token: str) -> tuple[str, ...]:
    """The terms the index holds for one token of `index_tokens`, in order."""
    return tuple(term for word, start, end in words(token, 0) for term, _, _ in expand(word, start, end))


def query_terms(query: str) -> list[str]:
    """The words a query must all match: precise mode, no HMM guesses, lower case, each once, in order."""
    found = [word for token in jieba().cut(normalize(query), False) for word, _, _ in words(token, 0)]
    return list(dict.fromkeys(found))


def query_runs(query: str) -> list[str]:
    """Runs of two or more Chinese characters in the query that the dictionary has no word for: 古南, 施崇刚."""
    runs, current, last_end = [], "", -1
    for word, start, end in jieba().tokenize(normalize(query), "default", False):
        single = len(word) == 1 and _is_han(word)
        if single and start == last_end and current:
            current += word
        else:
            runs.append(current)
            current = word if single else ""
        last_end = end
    runs.append(current)
    return list(dict.fromkeys(run for run in runs if len(run) > 1))


@lru_cache(maxsize=200_000)
def _token_expansion(token: str) -> tuple[tuple[str, int, int], ...]:
    """What the index holds for one jieba token, with offsets into the token (snippets ask for the same
    tokens again and again, so each is worked out once)."""
    return tuple(found for word, start, end in words(token, 0) for found in expand(word, start, end))


def term_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Where in `text` the index holds one of `terms` (offsets into `text`), merged and in order."""
    normalized = normalize(text)
    folded = fold_case(normalized)
    # Every term the index holds for a token is part of it, so only tokens over a place where some term
    # stands as a string need expanding — and a text where none stands needs no cutting at all.
    starts = sorted({m.start() for term in terms if term for m in re.finditer(re.escape(term), folded)})
    if not starts:
        return []
    spans = []
    for token, at, end in jieba().tokenize(normalized, "default", True):
        i = bisect_left(starts, at)
        if i < len(starts) and starts[i] < end:
            spans.extend((at + s, at + e) for term, s, e in _token_expansion(token) if term in terms)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
