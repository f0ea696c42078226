"""Public pages of the gazette: thin shells over gazette.queries."""
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from zhengwu.core.docnumber import normalize_number

from .. import queries
from ..models import Document, Item


def home(request: HttpRequest) -> HttpResponse:
    issue = queries.latest_issue()
    items = queries.issue_items(issue) if issue else []
    return render(request, "gazette/home.html", {"issue": issue, "items": items,
                                                 "recent": queries.published_issues()[:6]})


def issue_list(request: HttpRequest) -> HttpResponse:
    return render(request, "gazette/issue_list.html", {"issues": queries.published_issues()})


def issue_detail(request: HttpRequest, year: int, number: int) -> HttpResponse:
    issue = get_object_or_404(queries.published_issues(), year=year, number=number)
    return render(request, "gazette/issue_detail.html", {"issue": issue, "items": queries.issue_items(issue),
                                                         "board": issue.board.all()})


def item_detail(request: HttpRequest, year: int, number: int, order: int) -> HttpResponse:
    item = get_object_or_404(Item.objects.select_related("issue", "section"), issue__year=year,
                             issue__number=number, issue__published=True, order=order)
    if item.kind == Item.Kind.DOCUMENT and hasattr(item, "document"):
        return redirect(item.document)
    return render(request, "gazette/item_detail.html", {"item": item, "issue": item.issue})


def news_list(request: HttpRequest) -> HttpResponse:
    news = Item.objects.filter(kind=Item.Kind.NEWS, issue__published=True).select_related("issue")
    return render(request, "gazette/news_list.html", {"news": news.order_by("-issue__year", "-issue__number", "order")})


def document_lookup(request: HttpRequest) -> HttpResponse:
    """The lookup form: a number in any form goes straight to its document."""
    text = request.GET.get("number", "").strip()
    if not text:
        return render(request, "gazette/lookup.html", {})
    document = queries.find_document(text)
    if document and queries.is_visible(document):
        return redirect(document)
    return _not_found(request, text)


def document_detail(request: HttpRequest, number: str) -> HttpResponse:
    canonical = normalize_number(number)
    document = queries.find_document(number)
    if document is None or not queries.is_visible(document):
        return _not_found(request, number)
    if canonical != number:
        # One stable URL per document; other printed forms redirect to it.
        return redirect("gazette:document", canonical, permanent=True)
    return _render_document(request, document)


def document_by_id(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_document(request, get_object_or_404(Document, pk=pk))


def _render_document(request: HttpRequest, document: Document) -> HttpResponse:
    if not queries.is_visible(document):
        raise Http404("本期尚未发布")
    return render(request, "gazette/document.html", {"doc": document, "issue": document.issue,
                                                     **queries.document_detail(document)})


def _not_found(request: HttpRequest, text: str) -> HttpResponse:
    canonical = normalize_number(text)
    return render(request, "gazette/not_found.html", {"text": text, "canonical": canonical}, status=404)
