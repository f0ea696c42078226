"""JSON API of the search: GET /api/gazette/search — a thin shell over gazette.search.search."""
import datetime as dt

from django.http import JsonResponse
from ninja import Query, Router, Schema

from zhengwu.core.errors import DomainError

from .query import search

router = Router(tags=["search 全文搜索"])


class HitOut(Schema):
    number: str | None
    title: str
    snippet: str
    score: float
    kind: str
    url: str
    issuers: list[str]
    date: dt.date | None
    year: int | None
    section: str | None
    types: list[str]
    title_html: str


class FacetValueOut(Schema):
    value: str
    count: int
    selected: bool


class SuggestionOut(Schema):
    number: str
    title: str
    url: str


class SearchOut(Schema):
    query: str
    total: int
    page: int
    per_page: int
    pages: int
    exact: bool
    number: str | None
    terms: list[str]
    filters: dict[str, str]
    results: list[HitOut]
    facets: dict[str, list[FacetValueOut]]
    suggestions: list[SuggestionOut]


class SearchErrorOut(Schema):
    detail: str
    code: str
    field: str | None


@router.get("/search", response={200: SearchOut, 400: SearchErrorOut},
            summary="全文搜索（所有词都须出现；文号直接命中该公文，exact 为 true）")
def search_api(request, q: str = "", issuer: str | None = None, year: str | None = None,
               doc_type: str | None = Query(None, alias="type"), section: str | None = None, page: int = 1,
               per_page: int = 20):
    """Snippets are HTML: matched words in <mark>, everything else escaped. Facets count all matches."""
    try:
        result = search(q, filters={"issuer": issuer, "year": year, "type": doc_type, "section": section},
                        page=page, per_page=per_page)
    except DomainError as exc:
        # A plain response: ninja's (status, body) tuples are deprecated in newer versions.
        return JsonResponse({"detail": exc.message, "code": exc.code, "field": exc.field}, status=400)
    return result.as_json()
