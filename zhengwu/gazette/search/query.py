"""`search()` — the one search capability: match, filter, count facets, rank, paginate, snippet.

Semantics:
- The query is cut like the index (segment.query_terms); every term must match (AND).
- A query that is a document number in any printed form goes straight to that document (`exact`); a number
  the gazette does not hold lists the documents that cite it, plus the nearest numbers it does hold.
- Facets (发文机关 issuer, 年份 year, 文种 type, 栏目 section) count the matching entries; each facet is
  counted with the *other* filters applied, so a reader can switch a filter's value without clearing it.
- Best first: bm25 (SQLite) or ts_rank (PostgreSQL), then newer first.
- Only what the public may see: entries of unpublished issues are left out.
"""
import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
from django.db import connection
from django.utils.safestring import SafeString

from zhengwu.core.docnumber import parse_number
from zhengwu.core.errors import DomainError

from .. import queries
from ..models import Issue
from . import backends, snippets, stats, suggest
from .hitrows import HitRow, hit_row, hit_rows
from .index import shown_entry
from .models import SearchEntry, SearchFacet
from .segment import normalize, query_runs, query_terms

MAX_QUERY = 200
MAX_PER_PAGE = 100
FACETS = {"issuer": "发文机关", "year": "年份", "type": "文种", "section": "栏目"}


class SearchError(DomainError):
    """A query or filter the search cannot take (搜索条件有误)."""

    code = "bad_search"


@dataclass(frozen=True)
class SearchFilters:
    """The four filters, each one value or None: issuer (发文机关), year (年份), type (文种), section (栏目)."""

    issuer: str | None = None
    year: int | None = None
    type: str | None = None
    section: str | None = None

    @classmethod
    def read(cls, values: "Mapping[str, Any] | SearchFilters | None") -> "SearchFilters":
        """From a mapping of strings (a query string); empty values mean no filter. Bad values are errors."""
        if values is None or isinstance(values, SearchFilters):
            return values or cls()
        unknown = set(values) - set(FACETS)
        if unknown:
            raise SearchError(f"没有这个筛选条件：{'、'.join(sorted(map(str, unknown)))}（可用：issuer year type section）",
                              field=sorted(map(str, unknown))[0], code="unknown_filter")
        found: dict[str, Any] = {}
        for name in FACETS:
            value = values.get(name)
            value = value.strip() if isinstance(value, str) else value
            if value in (None, ""):
                continue
            if name == "year":
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    value = None
                if value is None or not 1 <= value <= 9999:
                    raise SearchError(f"年份应是四位数字，如 2021，而不是“{values.get(name)}”", field="year",
                                      code="bad_year")
            elif len(str(value)) > 100:
                raise SearchError(f"筛选条件“{FACETS[name]}”太长", field=name, code="filter_too_long")
            found[name] = value if name == "year" else str(value)
        return cls(**found)

    def as_dict(self) -> dict[str, str]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self) if getattr(self, f.name) is not None}

    def accepts(self, row: dict, *, ignore: str | None = None) -> bool:
        return all(getattr(self, name) is None or str(getattr(self, name)) in row["facets"][name]
                   for name in FACETS if name != ignore)


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    """One result: what a list of results shows, with `snippet` and `title_html` as safe HTML."""

    kind: str
    title: str
    number: str | None
    issuers: list[str]
    date: dt.date | None
    year: int | None
    section: str
    types: list[str]
    url: str
    score: float
    snippet: SafeString
    title_html: SafeString

    def as_json(self) -> dict:
        return {"number": self.number, "title": self.title, "snippet": str(self.snippet),
                "score": round(self.score, 6), "kind": self.kind, "url": self.url, "issuers": self.issuers,
                "date": self.date.isoformat() if self.date else None, "year": self.year,
                "section": self.section or None, "types": self.types, "title_html": str(self.title_html)}


@dataclass
class Suggestion:
    number: str
    title: str
    url: str

    def as_json(self) -> dict:
        return {"number": self.number, "title": self.title, "url": self.url}


@dataclass
class SearchResult:
    """A page of results, the facets over all matches, and for a number query `exact` or `suggestions`."""

    query: str
    terms: list[str]
    filters: SearchFilters
    total: int
    page: int
    per_page: int
    results: list[Hit]
    facets: dict[str, list[FacetValue]]
    exact: bool = False
    number: str | None = None  # the canonical form when the query is a document number
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    def as_json(self) -> dict:
        return {
            "query": self.query, "total": self.total, "page": self.page, "per_page": self.per_page,
            "pages": self.pages, "exact": self.exact, "number": self.number, "terms": self.terms,
            "filters": self.filters.as_dict(), "results": [h.as_json() for h in self.results],
            "facets": {name: [{"value": v.value, "count": v.count, "selected": v.selected} for v in values]
                       for name, values in self.facets.items()},
            "suggestions": [s.as_json() for s in self.suggestions],
        }


def clean_query(query: str) -> str:
    """The query as typed, trimmed; empty or overlong queries are errors said in Chinese."""
    text = " ".join(normalize(str(query)).split())
    if not text:
        raise SearchError("请输入要搜索的词语或文号。", field="q", code="empty_query")
    if len(text) > MAX_QUERY:
        raise SearchError(f"搜索词太长：{len(text)} 个字（最多 {MAX_QUERY} 个）。", field="q", code="query_too_long")
    return text


def search(query: str, *, filters: Mapping[str, Any] | SearchFilters | None = None, page: int = 1,
           per_page: int = 20) -> SearchResult:
    """Full-text search over the visible gazette. Raises SearchError (a DomainError) for a bad request."""
    text = clean_query(query)
    wanted = SearchFilters.read(filters)
    if not isinstance(page, int) or page < 1:
        raise SearchError("页码应是从 1 开始的整数。", field="page", code="bad_page")
    if not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
        raise SearchError(f"每页条数应在 1 到 {MAX_PER_PAGE} 之间。", field="per_page", code="bad_per_page")
    number = parse_number(text)
    if number is not None:
        return _number_search(text, str(number), wanted, page, per_page)
    terms = query_terms(text)
    if not terms:
        raise SearchError(f"“{text}”里没有可以搜索的字词（只有标点或符号）。", field="q", code="no_terms")
    runs = query_runs(text)
    engine = backends.backend()
    if isinstance(engine, backends.PostingsBackend):
        return _result_in_memory(text, terms, wanted, page, per_page, runs, engine)
    with engine.planned():
        return _result(text, terms, wanted, page, per_page, engine.ids_sql(terms), engine.ranked_sql(terms),
                       runs=runs)


def _number_search(text: str, canonical: str, wanted: SearchFilters, page: int, per_page: int) -> SearchResult:
    document = queries.find_document(canonical)
    if document is not None and queries.is_visible(document):
        entry = SearchEntry.objects.filter(document=document).first() or shown_entry(document)
        hit = _hit(hit_row(entry), 1.0, [], canonical)
        facets = _facets([_row(entry)], SearchFilters())
        return SearchResult(text, [], SearchFilters(), 1, 1, per_page, [hit], facets, exact=True, number=canonical)
    citing = SearchEntry.objects.filter(document__citations__number=canonical).values_list("id").distinct()
    sql, params = citing.query.sql_with_params()
    result = _result(text, [], wanted, page, per_page, (sql, list(params)),
                     (f"SELECT c.id, 1.0 AS score FROM ({sql}) c", list(params)), number=canonical)
    result.suggestions = [Suggestion(d.number, d.title, d.get_absolute_url())
                          for d in suggest.nearest_numbers(parse_number(canonical))]
    return result


def _row(entry: SearchEntry | dict) -> dict:
    get = entry.get if isinstance(entry, dict) else lambda name: getattr(entry, name)
    return {
        "id": get("id"), "date": get("date"),
        "facets": {"issuer": list(get("issuers") or []), "year": [str(get("year"))] if get("year") else [],
                   "type": list(get("doc_types") or []), "section": [get("section")] if get("section") else []},
    }


def _facets(rows: list[dict], wanted: SearchFilters) -> dict[str, list[FacetValue]]:
    return _facets_from({name: Counter(value for row in rows if wanted.accepts(row, ignore=name)
                                       for value in row["facets"][name]) for name in FACETS}, wanted)


def _facets_from(all_counts: dict[str, Counter], wanted: SearchFilters) -> dict[str, list[FacetValue]]:
    facets = {}
    for name in FACETS:
        counts = all_counts[name]
        chosen = getattr(wanted, name)
        if chosen is not None:
            counts.setdefault(str(chosen), 0)
        order = sorted(counts.items(), key=(lambda kv: (-int(kv[0]),)) if name == "year" else
                       (lambda kv: (-kv[1], kv[0])))
        facets[name] = [FacetValue(value, count, value == str(chosen)) for value, count in order]
    return facets


def _where(column: str, chosen: Mapping[str, str], runs: Sequence[str]) -> tuple[str, list]:
    """SQL condition on an entry id column: visible to the public, holds every run as typed (as `contains`
    would test it), and has each `chosen` facet value (name → value)."""
    entry, facet = SearchEntry._meta.db_table, SearchFacet._meta.db_table
    parts = [f"{column} NOT IN (SELECT h.id FROM {entry} h JOIN {Issue._meta.db_table} i ON i.id = h.issue_id "
             "WHERE NOT i.published)"]
    params: list = []
    for run in runs:
        parts.append(f"EXISTS (SELECT 1 FROM {entry} r WHERE r.id = {column} "
                     "AND (r.title LIKE %s ESCAPE '\\' OR r.text LIKE %s ESCAPE '\\'))")
        params += [_like_pattern(run)] * 2
    for name, value in chosen.items():
        parts.append(f"{column} IN (SELECT entry_id FROM {facet} WHERE name = %s AND value = %s)")
        params += [name, value]
    return " AND ".join(parts), params


def _like_pattern(run: str) -> str:
    """A LIKE pattern finding `run` anywhere, its own % _ and \\ escaped."""
    return "%" + run.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _count_facets(ids: tuple[str, list], wanted: SearchFilters, runs: Sequence[str]) -> dict[str, Counter]:
    """Facet value → number of matching entries, each facet counted with the other filters applied: one
    GROUP BY for the facets that share the same other filters."""
    groups: dict[tuple, list[str]] = {}
    for name in FACETS:
        groups.setdefault(tuple((k, v) for k, v in wanted.as_dict().items() if k != name), []).append(name)
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    facet = SearchFacet._meta.db_table
    with connection.cursor() as cursor:
        for others, names in groups.items():
            where, params = _where("m.id", dict(others), runs)
            marks = ", ".join(["%s"] * len(names))
            cursor.execute(f"SELECT f.name, f.value, COUNT(*) FROM {facet} f WHERE f.name IN ({marks}) "
                           f"AND f.entry_id IN (SELECT m.id FROM ({ids[0]}) m WHERE {where}) "
                           "GROUP BY f.name, f.value", [*names, *ids[1], *params])
            for name, value, count in cursor.fetchall():
                counts[name][value] = count
    return counts


def _result(text: str, terms: list[str], wanted: SearchFilters, page: int, per_page: int,
            ids: tuple[str, list], ranked: tuple[str, list], number: str | None = None,
            runs: list[str] | None = None) -> SearchResult:
    """The page, total and facets of the entries `ids` selects (SQL, params); `ranked` selects their
    (id, score). The database counts, filters, ranks and cuts the page; Python only reads 20 entries."""
    runs = runs or []
    facets = _facets_from(_count_facets(ids, wanted, runs), wanted)
    where, params = _where("m.id", wanted.as_dict(), runs)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({ids[0]}) m WHERE {where}", [*ids[1], *params])
        total = cursor.fetchone()[0]
        cursor.execute(f"SELECT m.id, m.score FROM ({ranked[0]}) m JOIN {backends.backend().entry_key} "
                       f"ON e.id = m.id WHERE {where} ORDER BY m.score DESC, e.date DESC NULLS LAST, m.id "
                       "LIMIT %s OFFSET %s", [*ranked[1], *params, per_page, (page - 1) * per_page])
        chosen = cursor.fetchall()
    return SearchResult(text, terms, wanted, total, page, per_page, _hits(chosen, terms, number, runs), facets,
                        number=number)


def _hits(chosen: Sequence[tuple[int, float]], terms: list[str], number: str | None,
          runs: Sequence[str]) -> list[Hit]:
    entries = {row.id: row for row in hit_rows([pk for pk, _ in chosen])}
    return [_hit(entries[pk], float(score), terms, number, runs) for pk, score in chosen]


def _result_in_memory(text: str, terms: list[str], wanted: SearchFilters, page: int, per_page: int,
                      runs: list[str], engine: "backends.PostingsBackend") -> SearchResult:
    """The embedded backend's search: match and score from the posting arrays, then visibility, filters,
    facets, total and the page's order over arrays of the entry table (stats.py) — the same answers the SQL
    of `_result` gives, without a query per match."""
    table = stats.entry_table()
    positions, scores = engine.scored(terms, table)
    if runs and len(positions):
        keep = _holding_runs(table.ids[positions], runs)
        positions, scores = positions[keep], scores[keep]
    matched = np.zeros(table.size, bool)
    matched[positions] = True
    matched &= table.visible(list(Issue.objects.filter(published=False).values_list("id", flat=True)))
    chosen_masks = {name: table.facets[name].holders(value, table.size) for name, value in wanted.as_dict().items()}
    counts: dict[str, Counter] = {}
    for name in FACETS:
        mask = matched.copy()
        for other, holders in chosen_masks.items():
            if other != name:
                mask &= holders
        counts[name] = Counter(table.facets[name].counts(mask))
    for holders in chosen_masks.values():
        matched &= holders
    keep = matched[positions]
    positions, scores = positions[keep], scores[keep]
    total, wanted_rows = len(positions), page * per_page
    if total > wanted_rows:  # only what can reach the page is sorted (ties at the cut all kept)
        cut = np.partition(scores, total - wanted_rows)[total - wanted_rows]
        near = scores >= cut
        positions, scores = positions[near], scores[near]
    # Best first, then newer (unknown dates last), then lower id: the order of `_result`'s SQL.
    order = np.lexsort((table.ids[positions], -table.dates[positions], -scores))[(page - 1) * per_page:wanted_rows]
    chosen = [(int(table.ids[positions[k]]), float(scores[k])) for k in order]
    return SearchResult(text, terms, wanted, total, page, per_page, _hits(chosen, terms, None, runs),
                        _facets_from(counts, wanted))


def _holding_runs(ids: np.ndarray, runs: Sequence[str]) -> np.ndarray:
    """Mask of `ids` whose title or text holds every run as typed (LIKE, as `_where` tests it)."""
    held = set()
    entry = SearchEntry._meta.db_table
    conditions = " AND ".join(["(title LIKE %s ESCAPE '\\' OR text LIKE %s ESCAPE '\\')"] * len(runs))
    patterns = [pattern for run in runs for pattern in [_like_pattern(run)] * 2]
    listed = ids.tolist()
    with connection.cursor() as cursor:
        for start in range(0, len(listed), 500):
            chunk = listed[start:start + 500]
            cursor.execute(f"SELECT id FROM {entry} WHERE id IN ({', '.join(['%s'] * len(chunk))}) AND {conditions}",
                           [*chunk, *patterns])
            held.update(i for (i,) in cursor.fetchall())
    return np.fromiter((i in held for i in listed), bool, len(listed))


def _hit(entry: HitRow, score: float, terms: list[str], number: str | None, runs: Sequence[str] = ()) -> Hit:
    if number is not None:
        snippet = snippets.number_snippet(entry.text, number)
        title_html = snippets.render(entry.title, [])
    else:
        # Characters of a run are marked where the run stands, not wherever the character does.
        in_runs = set("".join(runs))
        terms = [t for t in terms if t not in in_runs]
        snippet = snippets.snippet(entry.text, terms, runs)
        title_html = snippets.highlight(entry.title, terms, runs)
    return Hit(kind=entry.kind, title=entry.title, number=entry.number or None, issuers=list(entry.issuers),
               date=entry.date, year=entry.year, section=entry.section, types=list(entry.doc_types),
               url=entry.url, score=score, snippet=snippet, title_html=title_html)
