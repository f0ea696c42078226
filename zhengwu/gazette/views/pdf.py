"""The printable PDF of an issue (公报 PDF): a thin shell over gazette.render.pdf."""
from django.http import Http404, HttpRequest, HttpResponse

from zhengwu.core.errors import DomainError

from ..render.pdf import build_issue_pdf, content_disposition, find_issue


def issue_pdf(request: HttpRequest, year: int, number: int) -> HttpResponse:
    try:
        issue = find_issue(year, number)  # published issues only, like the issue page
    except DomainError as exc:
        raise Http404(exc.message) from None
    try:
        rendered = build_issue_pdf(issue)
    except DomainError as exc:
        # No Chinese font on the server: say so plainly instead of a PDF full of empty boxes.
        return HttpResponse(f"无法生成 PDF：{exc.message}", status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(rendered.data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(issue)
    return response
