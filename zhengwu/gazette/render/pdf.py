"""The printable PDF of a whole gazette issue (公报 PDF): cover, 目录, every item, with WeasyPrint.

The 目录 page numbers are the real pages of this PDF (`target-counter`), counted from the cover, so the
number printed in a page footer is the page a PDF viewer shows.
"""
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.template.loader import render_to_string

from zhengwu.core.errors import DomainError
from zhengwu.core.officialdoc.fonts import CjkFonts, require_cjk_font

from .. import queries
from ..models import Issue, Item

__all__ = ["IssuePdf", "build_issue_pdf", "content_disposition", "find_issue", "issue_pdf", "pdf_filename",
           "require_cjk_font", "write_issue_pdf"]

TEXT_WIDTH_PT = 156 * 72 / 25.4  # GB/T 9704 版心 width, 156 mm
HEADER_MAX_PT = 26


@dataclass(frozen=True)
class IssuePdf:
    """A rendered issue: the PDF bytes and how many pages it has."""

    data: bytes
    pages: int


def find_issue(year: int, number: int, *, published_only: bool = True) -> Issue:
    """The issue 〈year〉年第〈number〉期; a DomainError in Chinese when there is none."""
    issues = queries.published_issues() if published_only else Issue.objects.all()
    issue = issues.filter(year=year, number=number).first()
    if issue is None:
        raise DomainError(f"找不到{year}年第{number}期公报。", code="not_found")
    return issue


def pdf_filename(issue: Issue) -> str:
    """重庆市綦江区人民政府公报2021年第6期.pdf"""
    return f"{issue.gazette}{issue.year}年第{issue.number}期.pdf"


def content_disposition(issue: Issue) -> str:
    """An attachment header with an ASCII fallback and the Chinese name (RFC 5987 / RFC 6266)."""
    return (f'attachment; filename="gazette-{issue.year}-{issue.number:02d}.pdf"; '
            f"filename*=UTF-8''{quote(pdf_filename(issue))}")


def issue_pdf(issue: Issue) -> bytes:
    """The PDF of an issue, as bytes."""
    return build_issue_pdf(issue).data


def build_issue_pdf(issue: Issue) -> IssuePdf:
    """Render the issue to PDF; a DomainError when the system has no Chinese font."""
    from weasyprint import HTML  # imported here: loading Pango costs time every other command would pay

    fonts = require_cjk_font()
    html = render_to_string("gazette/pdf/issue.html", issue_context(issue, fonts))
    document = HTML(string=html, base_url=None, url_fetcher=_refuse_fetch).render()
    return IssuePdf(data=document.write_pdf(), pages=len(document.pages))


def write_issue_pdf(year: int, number: int, output: str | None = None) -> tuple[Path, int, float]:
    """The CLI's work: render an issue (published or not, for proofreading) to a file.

    Returns the path, the number of pages and the seconds rendering took.
    """
    issue = find_issue(year, number, published_only=False)
    path = Path(output) if output else Path(pdf_filename(issue))
    if not path.parent.is_dir():  # say so before seconds of rendering, and before any font problem
        raise DomainError(f"无法写入 {path}：文件夹 {path.parent} 不存在。", code="write_error")
    started = time.perf_counter()
    rendered = build_issue_pdf(issue)
    seconds = time.perf_counter() - started
    try:
        path.write_bytes(rendered.data)
    except FileNotFoundError as exc:
        raise DomainError(f"无法写入 {path}：文件夹 {path.parent} 不存在。", code="write_error") from exc
    except IsADirectoryError as exc:
        raise DomainError(f"无法写入 {path}：这是一个文件夹，请给出文件名。", code="write_error") from exc
    except PermissionError as exc:
        raise DomainError(f"无法写入 {path}：没有写入权限。", code="write_error") from exc
    except OSError as exc:
        raise DomainError(f"无法写入 {path}：{exc.strerror or exc}", code="write_error") from exc
    return path, rendered.pages, seconds


def issue_context(issue: Issue, fonts: CjkFonts) -> dict:
    """Everything the PDF template shows, grouped by section (栏目) in printed order."""
    sections: list[dict] = []
    for item in queries.issue_items(issue):
        name = item.section.name if item.section else "其他"
        if not sections or sections[-1]["name"] != name:
            sections.append({"name": name, "entries": [], "items": [], "news": []})
        entry = {"item": item, "anchor": f"item-{item.order}"}
        document = getattr(item, "document", None) if item.kind == Item.Kind.DOCUMENT else None
        if document is not None:
            detail = queries.document_detail(document)
            entry |= {"doc": document, "header_size": f"{_header_size(document.header)}pt",
                      "listed": [a for a in detail["attachments"] if a.listed], **detail}
        sections[-1]["entries"].append(entry)
        sections[-1]["news" if item.kind == Item.Kind.NEWS else "items"].append(entry)
    roles: list[dict] = []
    for member in issue.board.all():
        if not roles or roles[-1]["role"] != member.role:
            roles.append({"role": member.role, "names": []})
        roles[-1]["names"].append(member.name)
    return {"issue": issue, "sections": sections, "board": roles,
            "serif_stack": fonts.css_stack(fonts.serif), "sans_stack": fonts.css_stack(fonts.sans)}


def _header_size(header: str) -> float:
    """The 发文机关标志 on one line: as large as the text width allows, at most 26 pt."""
    if not header:
        return HEADER_MAX_PT
    return round(min(HEADER_MAX_PT, TEXT_WIDTH_PT * 0.92 / len(header)), 1)


def _refuse_fetch(url: str, *args, **kwargs) -> dict:
    # The PDF is self-contained: styles are inlined, fonts are the system's. Nothing is fetched.
    raise ValueError(f"PDF 不加载外部资源：{url}")
