"""A document as a download (Word/DOCX): thin shells over gazette.render.docx."""
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from zhengwu.core.docnumber import normalize_number
from zhengwu.core.officialdoc import DOCX_CONTENT_TYPE

from .. import queries
from ..models import Document
from ..render.docx import document_docx, docx_filename


def document_docx_view(request: HttpRequest, number: str) -> HttpResponse:
    """/docs/<number>/docx: like the document page, any printed form of the number redirects to the canonical."""
    document = queries.find_document(number)
    if document is None or not queries.is_visible(document):
        return render(request, "gazette/not_found.html", {"text": number, "canonical": normalize_number(number)},
                      status=404)
    canonical = normalize_number(number)
    if canonical != number:
        return redirect("gazette:document_docx", canonical, permanent=True)
    return _docx_response(document)


def document_docx_by_id(request: HttpRequest, pk: int) -> HttpResponse:
    """/docs/id/<pk>/docx, for a document printed without a number."""
    document = get_object_or_404(Document, pk=pk)
    if not queries.is_visible(document):
        raise Http404("本期尚未发布")
    return _docx_response(document)


def _docx_response(document: Document) -> HttpResponse:
    response = HttpResponse(document_docx(document), content_type=DOCX_CONTENT_TYPE)
    # An ASCII name for old clients, the Chinese one (RFC 6266 filename*) for every current browser.
    name = docx_filename(document)
    response["Content-Disposition"] = (f'attachment; filename="document-{document.pk}.docx"; '
                                       f"filename*=UTF-8''{quote(name)}")
    return response
