"""A synthetic gazette corpus: the seed issue perturbed deterministically, N times.

`make_corpus(n, seed=…)` returns N `SyntheticIssue`s. Issue i depends only on (seed, i), so the first
100 issues of a 1,000-issue corpus are the same as a 100-issue corpus. Each issue differs from the seed in:

- the year (2015–2030), the issue number (1–12) and the cumulative number, consistently, in the masthead;
- every date, shifted by the same number of days (the publication date becomes day 1–28 of month
  <issue number> of the new year); year-month dates shift by the same months, bare years by the same years;
- document serials renumbered (〔YYYY〕 kept, YYYY = the year the document was signed after the shift),
  every document number unique within the issue; some 〔〕 swapped for [ ] and back;
- blank lines between paragraphs dropped or added (single blank lines only; page breaks are left alone);
- a few characters of long body paragraphs replaced by other characters taken from the seed;
- occasionally the last news brief dropped, from the TOC and from the body, so the issue stays consistent.

Titles, TOC lines, number lines, signatures and dates are never garbled, so every issue must parse
without an error-severity problem; the expected counts are carried along to check that.

    .venv/bin/python bench/corpus.py --issues 5 --out /tmp/corpus   # write a few to look at
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parent.parent / "zhengwu" / "demo" / "seed" / "000_c62ba9d0d4872cf1.txt"
SEED_PUBLISHED = dt.date(2021, 7, 10)
SEED_YEAR, SEED_NUMBER, SEED_CUMULATIVE = 2021, 6, 112
DEFAULT_SEED = 20261125

ISSUE_LINE_RE = re.compile(r"^(\d{4})年第(\d{1,3})期[(（]总第(\d{1,5})期[)）]$")
NUMBER_LINE_RE = re.compile(r"^(?P<code>[\u4e00-\u9fff]{1,20})[〔\[](?P<year>\d{4})[〕\]](?P<serial>\d{1,5})号$")
FULL_DATE_RE = re.compile(r"(\d{4})(\s*)年(\s*)(\d{1,2})(\s*)月(\s*)(\d{1,2})(\s*)日")
YEAR_MONTH_RE = re.compile(r"(\d{4})(\s*)年(\s*)(\d{1,2})(\s*)月(?!\s*\d{1,2}\s*日)")
BARE_YEAR_RE = re.compile(r"(?<!\d)(20[0-3]\d)(?=\s*年|〕|—)")
DATE_ONLY_RE = re.compile(r"^(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
TOC_TITLE_RE = re.compile(r"^目\s*录$")
NEWS_SECTION_RE = re.compile(r"^[*\s]*政[*\s]*务[*\s]*要[*\s]*闻[*\s]*$")

MUTABLE_MIN_CHARS = 40  # only long body paragraphs get characters replaced
MUTATE_PROBABILITY = 0.25
BLANK_DROP_PROBABILITY = 0.08
BLANK_ADD_PROBABILITY = 0.08
BRACKET_SWAP_PROBABILITY = 0.3
DROP_NEWS_PROBABILITY = 0.1


@dataclass(frozen=True)
class SyntheticIssue:
    """One generated issue: its UTF-8 bytes and what a correct parse must find."""

    index: int
    data: bytes
    year: int
    number: int
    cumulative_number: int
    documents: int
    news: int
    dropped_news: bool

    @property
    def name(self) -> str:
        return f"{self.index:04d}_{self.year}_{self.number:02d}.txt"


@dataclass(frozen=True)
class _Template:
    """The seed's lines and which of them must not be garbled."""

    lines: tuple[str, ...]
    issue_line: int
    number_lines: tuple[int, ...]
    mutable: frozenset[int]
    news_toc_lines: tuple[int, ...]  # TOC lines of the news briefs (△…)
    news_starts: tuple[int, ...]  # body lines where a news brief starts (△…)
    pool: str  # CJK characters of the seed, the replacements for garbling


def _analyse(text: str) -> _Template:
    lines = text.split("\n")
    issue_line = next(i for i, line in enumerate(lines) if ISSUE_LINE_RE.match(line.strip()))
    number_lines = tuple(i for i, line in enumerate(lines) if NUMBER_LINE_RE.match(line.strip()))
    toc_start = next(i for i, line in enumerate(lines) if TOC_TITLE_RE.match(line.strip()))
    news_section = next(i for i in range(number_lines[0], len(lines)) if NEWS_SECTION_RE.match(lines[i]))
    news_toc = tuple(i for i in range(toc_start, number_lines[0]) if "△" in lines[i])
    news_starts = tuple(i for i in range(news_section, len(lines)) if lines[i].strip().startswith("△"))
    protected: set[int] = set(range(issue_line - 2, number_lines[0]))  # masthead, TOC
    for n in number_lines:  # header above, number, title below
        protected.update(range(n - 2, n + 3))
    mutable = frozenset(
        i for i, line in enumerate(lines)
        if i not in protected and len(line.strip()) >= MUTABLE_MIN_CHARS and "△" not in line
        and not line.strip().endswith(("：", ":")) and not line.lstrip("- ").startswith("抄")
    )
    pool = "".join(sorted(set(CJK_RE.findall(text))))
    return _Template(tuple(lines), issue_line, number_lines, mutable, news_toc, news_starts, pool)


@cache
def _template(path: Path = SEED_PATH) -> _Template:
    return _analyse(path.read_text(encoding="utf-8"))


def _shift_dates(line: str, days: int, months: int, years: int) -> str:
    def full(m: re.Match) -> str:
        try:
            moved = dt.date(int(m[1]), int(m[4]), int(m[7])) + dt.timedelta(days=days)
        except ValueError:  # not a real date: leave it for the parser to report
            return m[0]
        month = f"{moved.month:02d}" if len(m[4]) == 2 else str(moved.month)
        day = f"{moved.day:02d}" if len(m[7]) == 2 else str(moved.day)
        return f"{moved.year}{m[2]}年{m[3]}{month}{m[5]}月{m[6]}{day}{m[8]}日"

    def year_month(m: re.Match) -> str:
        total = int(m[1]) * 12 + int(m[4]) - 1 + months
        year, month = divmod(total, 12)
        return f"{year}{m[2]}年{m[3]}{month + 1}{m[5]}月"

    marker = "\x00"  # years already moved by the two date rules must not move again
    line = FULL_DATE_RE.sub(lambda m: marker + full(m), line)
    line = YEAR_MONTH_RE.sub(lambda m: marker + year_month(m), line)
    line = re.sub(rf"(?<!{marker}){BARE_YEAR_RE.pattern}", lambda m: str(int(m[1]) + years), line)
    return line.replace(marker, "")


def _garble(line: str, rng: random.Random, pool: str) -> str:
    """Replace 1–3 Chinese characters, away from the line's ends (heading numbers, final punctuation)."""
    chars = list(line)
    positions = [k for k in range(6, len(chars) - 3) if CJK_RE.match(chars[k])]
    for k in rng.sample(positions, min(len(positions), rng.randint(1, 3))):
        chars[k] = rng.choice(pool)
    return "".join(chars)


def make_issue(index: int, *, seed: int = DEFAULT_SEED, template: _Template | None = None) -> SyntheticIssue:
    t = template or _template()
    rng = random.Random(f"{seed}:{index}")
    year, number = rng.randint(2015, 2030), rng.randint(1, 12)
    cumulative = SEED_CUMULATIVE + (year - SEED_YEAR) * 12 + (number - SEED_NUMBER)
    published = dt.date(year, number, rng.randint(1, 28))
    days = (published - SEED_PUBLISHED).days
    months = (year * 12 + number) - (SEED_PUBLISHED.year * 12 + SEED_PUBLISHED.month)
    years = year - SEED_YEAR

    lines = list(t.lines)
    for i, line in enumerate(lines):
        if i in t.mutable and rng.random() < MUTATE_PROBABILITY:
            line = _garble(line, rng, t.pool)
        if i != t.issue_line and i not in t.number_lines:
            line = _shift_dates(line, days, months, years)
        lines[i] = line
    wide = rng.random() < 0.5
    lines[t.issue_line] = (f"{year}年第{number}期（总第{cumulative}期）" if wide
                           else f"{year}年第{number}期(总第{cumulative}期)")

    # Document numbers: the year the document was signed (after the shift), a fresh unique serial.
    used: set[tuple[str, int, int]] = set()
    for n in t.number_lines:
        m = NUMBER_LINE_RE.match(lines[n].strip())
        assert m is not None
        signed = next((DATE_ONLY_RE.match(lines[k].strip()) for k in range(n + 1, len(lines))
                       if DATE_ONLY_RE.match(lines[k].strip())), None)
        doc_year = int(signed[1]) if signed else year
        serial = rng.randint(1, 199)
        while (m["code"], doc_year, serial) in used:
            serial = rng.randint(1, 199)
        used.add((m["code"], doc_year, serial))
        square = "[" in lines[n]
        if rng.random() < BRACKET_SWAP_PROBABILITY:
            square = not square
        opening, closing = ("[", "]") if square else ("〔", "〕")
        lines[n] = f"{m['code']}{opening}{doc_year}{closing}{serial}号"

    # Occasionally drop the last news brief: its TOC line, and its title and body to the end of the file.
    news = len(t.news_starts)
    dropped = news > 1 and rng.random() < DROP_NEWS_PROBABILITY
    if dropped:
        del lines[t.news_starts[-1]:]
        del lines[t.news_toc_lines[-1]]
        news -= 1
        while lines and not lines[-1].strip():
            lines.pop()

    # Blank lines: a single blank line between two paragraphs is sometimes dropped, sometimes doubled.
    out: list[str] = []
    for k, line in enumerate(lines):
        single_blank = (not line.strip() and 0 < k < len(lines) - 1
                        and lines[k - 1].strip() and lines[k + 1].strip())
        if single_blank:
            roll = rng.random()
            if roll < BLANK_DROP_PROBABILITY:
                continue
            if roll < BLANK_DROP_PROBABILITY + BLANK_ADD_PROBABILITY:
                out.extend([""] * rng.randint(1, 2))
        out.append(line)

    data = "\n".join(out).encode("utf-8")
    return SyntheticIssue(index, data, year, number, cumulative, len(t.number_lines), news, dropped)


def make_corpus(n: int, *, seed: int = DEFAULT_SEED) -> list[SyntheticIssue]:
    """N perturbed copies of the seed issue, the same for the same (n, seed)."""
    template = _template()
    return [make_issue(i, seed=seed, template=template) for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic gazette corpus to a folder.")
    parser.add_argument("--issues", type=int, default=10)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for issue in make_corpus(args.issues, seed=args.seed):
        (args.out / issue.name).write_bytes(issue.data)
    print(f"{args.issues} issues written to {args.out}")


if __name__ == "__main__":
    main()
