"""The search page (全文搜索): a thin shell over gazette.search.search.

Everything works without JavaScript: facets and pages are plain links that carry the query string, and a
query that is a document number redirects to the document.
"""
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from zhengwu.core.errors import DomainError

from ..search.query import FACETS, SearchResult, search

PARAMETERS = ("q", *FACETS)


def _link(params: dict[str, str], **changes: str | None) -> str:
    """`?…` with `changes` applied (None removes a parameter); a new filter always starts at page 1."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return "?" + urlencode(merged)


def _facet_groups(result: SearchResult, params: dict[str, str]) -> list[dict]:
    groups = []
    for name, label in FACETS.items():
        values = [{"value": v.value, "count": v.count, "selected": v.selected,
                   "href": _link(params, **{name: None if v.selected else v.value})} for v in result.facets[name]]
        if values:
            groups.append({"name": name, "label": label, "values": values,
                           "clear": _link(params, **{name: None}) if result.filters.as_dict().get(name) else None})
    return groups


def _pages(result: SearchResult, params: dict[str, str]) -> list[dict]:
    """Page links: first, last, and two either side of the current one; gaps as None."""
    shown = sorted({1, result.pages, *range(max(1, result.page - 2), min(result.pages, result.page + 2) + 1)})
    links: list[dict | None] = []
    for number in shown:
        if links and links[-1] is not None and number - links[-1]["number"] > 1:
            links.append(None)
        links.append({"number": number, "href": _link(params, page=str(number) if number > 1 else None),
                      "current": number == result.page})
    return links


def search_page(request: HttpRequest) -> HttpResponse:
    params = {name: request.GET.get(name, "").strip() for name in PARAMETERS}
    params = {k: v for k, v in params.items() if v}
    context: dict = {"q": params.get("q", ""), "params": params}
    if not context["q"]:
        return render(request, "gazette/search.html", context)
    try:
        page = int(request.GET.get("page") or 1)
    except ValueError:
        page = 0  # search() says what is wrong with it
    try:
        result = search(context["q"], filters={k: v for k, v in params.items() if k in FACETS}, page=page)
    except DomainError as exc:
        return render(request, "gazette/search.html", {**context, "error": exc.message}, status=400)
    if result.exact:
        return redirect(result.results[0].url)
    first = (result.page - 1) * result.per_page + 1
    return render(request, "gazette/search.html", {
        **context, "result": result, "facets": _facet_groups(result, params), "first": first,
        "last": first + len(result.results) - 1, "first_page": _link(params), "pages": _pages(result, params) if result.pages > 1 else [],
        "previous": _link(params, page=str(result.page - 1) if result.page > 2 else None) if result.page > 1 else None,
        "next": _link(params, page=str(result.page + 1)) if result.page < result.pages else None,
    })
