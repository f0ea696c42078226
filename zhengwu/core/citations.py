"""Citations (出处) in their one canonical spelling, so that grepping a citation finds every rule and code citing it.

A citation names a document and, inside it, an article or a heading path: 綦应急发〔2021〕41号第五条（一）,
綦江府办发〔2021〕26号（六）, 綦江府办发〔2021〕24号二（七）1. `canonical_cite(text)` writes any printed
spelling of one in the canonical form; `cite(number, *parts)` builds one from its pieces. The rules, applied
in this order:

1. Full-width digits and Latin letters become half-width (２０２１ → 2021, Ｄ → D); an ideographic space is a
   space.
2. Round brackets are full width: ( ) → （ ）, so 第五条(一) and 第五条（一） are one spelling.
3. Whitespace next to a Chinese character or full-width punctuation is dropped (Chinese citations carry no
   spaces: 41号 第五条 → 41号第五条); any other run of whitespace becomes one space; both ends are stripped.
4. A document number inside the citation is written as core.docnumber writes it: 〔〕 around the year, no 第,
   no leading zeros (綦江府办发[2021]026号 → 綦江府办发〔2021〕26号).
5. The 、 closing a heading number is dropped when a deeper level follows it: 四、（二） → 四（二）, 二、1 → 二1
   (一、二 stays: that is a list of two headings, not two levels).
6. The . closing an Arabic heading number is dropped unless a digit or letter follows (二（七）1. → 二（七）1;
   0.15 stays).

The form is a fixed point: canonical_cite(canonical_cite(x)) == canonical_cite(x).
"""
from __future__ import annotations

import re

from .docnumber import find_numbers

# Full-width ０-９, Ａ-Ｚ, ａ-ｚ and the ideographic space to their half-width forms (rule 1).
_HALF_WIDTH = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_HALF_WIDTH[0x3000] = 0x20
_BRACKETS = str.maketrans({"(": "（", ")": "）"})  # rule 2

_CJK = "\u4e00-\u9fff\u3400-\u4dbf"
_FULL_PUNCT = "（）〔〕【】［］“”‘’《》〈〉、，。：；！？…—"
_SPACES = re.compile(r"\s+")
_SPACE_BY_CHINESE = re.compile(rf"\s+(?=[{_CJK}{_FULL_PUNCT}])|(?<=[{_CJK}{_FULL_PUNCT}])\s+")  # rule 3
_NUMERALS = "一二三四五六七八九十百零〇"
_LEVEL_COMMA = re.compile(rf"(?<=[{_NUMERALS}])、(?=[（0-9])")  # rule 5
_LEVEL_DOT = re.compile(r"(?<=[0-9])[.．]+(?![0-9A-Za-z])")  # rule 6


def canonical_cite(text: str) -> str:
    """`text` in the canonical spelling of a citation (the rules in this module's docstring)."""
    text = text.translate(_HALF_WIDTH).translate(_BRACKETS)
    text = _SPACE_BY_CHINESE.sub("", _SPACES.sub(" ", text)).strip()
    text = _document_numbers(text)
    text = _LEVEL_COMMA.sub("", text)
    return _LEVEL_DOT.sub("", text)


def cite(number: str, *parts: str) -> str:
    """A citation built from a document's number and the levels inside it, canonically spelt:
    cite("綦江府办发〔2021〕26号", "（六）") → 綦江府办发〔2021〕26号（六）; cite("綦应急发〔2021〕41号", "第五条",
    "(一)") → 綦应急发〔2021〕41号第五条（一）. `number` may be empty (a heading path alone)."""
    return canonical_cite("".join((number, *parts)))


def is_canonical(text: str) -> bool:
    """Whether `text` is already spelt as canonical_cite writes it."""
    return canonical_cite(text) == text


def _document_numbers(text: str) -> str:
    """Every document number in `text` in core.docnumber's canonical form (rule 4)."""
    pieces, done = [], 0
    for canonical, _printed, start, end in find_numbers(text):
        pieces += [text[done:start], canonical]
        done = end
    return "".join([*pieces, text[done:]])
