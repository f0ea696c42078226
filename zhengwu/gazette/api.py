"""JSON API of the gazette (django-ninja): issues, documents, lookup by number."""
import datetime as dt

from django.http import Http404
from ninja import Router, Schema

from zhengwu.core.docnumber import normalize_number

from . import queries
from .models import Document, Issue

router = Router(tags=["gazette 政府公报"])


class TocEntryOut(Schema):
    order: int
    kind: str
    title: str
    page: int | None
    section: str | None
    number: str | None
    url: str


class IssueSummaryOut(Schema):
    year: int
    number: int
    cumulative_number: int | None
    published_on: dt.date | None
    gazette: str
    url: str


class IssueOut(IssueSummaryOut):
    masthead: dict
    editorial_board: list[dict]
    sections: list[str]
    toc: list[TocEntryOut]


class AttachmentOut(Schema):
    number: int | None
    title: str
    omitted: bool


class DocumentSummaryOut(Schema):
    number: str | None
    number_as_printed: str
    title: str
    issuers: list[str]
    doc_type: str
    signed_on: dt.date | None
    url: str


class DocumentOut(DocumentSummaryOut):
    header: str
    addressees: list[str]
    signers: list[str]
    public: bool
    cc: list[str]
    printed_by: str | None
    printed_on: dt.date | None
    attachments: list[AttachmentOut]
    issue: IssueSummaryOut | None
    section: str | None
    page: int | None
    parts: list[dict]
    citations: list[dict]


class ErrorOut(Schema):
    detail: str


def _issue_summary(issue: Issue) -> dict:
    return {"year": issue.year, "number": issue.number, "cumulative_number": issue.cumulative_number,
            "published_on": issue.published_on, "gazette": issue.gazette, "url": issue.get_absolute_url()}


def _doc_summary(doc: Document) -> dict:
    return {"number": doc.number, "number_as_printed": doc.number_as_printed, "title": doc.title,
            "issuers": doc.issuers, "doc_type": doc.doc_type, "signed_on": doc.signed_on,
            "url": doc.get_absolute_url()}


def _node_json(node, children) -> dict:
    return {"kind": node.kind, "number": node.number, "title": node.title, "text": node.text,
            "anchor": node.anchor, "children": [_node_json(c, children) for c in children.get(node.pk, [])]}


@router.get("/issues", response=list[IssueSummaryOut], summary="公报期列表")
def list_issues(request):
    return [_issue_summary(i) for i in queries.published_issues()]


@router.get("/issues/{year}/{number}", response={200: IssueOut, 404: ErrorOut}, summary="一期公报（含目录）")
def get_issue(request, year: int, number: int):
    issue = queries.published_issues().filter(year=year, number=number).first()
    if issue is None:
        raise Http404(f"没有 {year}年第{number}期公报（或尚未发布）")
    toc = [{"order": it.order, "kind": it.kind, "title": it.title, "page": it.page,
            "section": it.section.name if it.section else None,
            "number": it.document.number if hasattr(it, "document") else None, "url": it.get_absolute_url()}
           for it in queries.issue_items(issue)]
    masthead = {f: getattr(issue, f) for f in ("supervisor", "sponsor", "publisher", "address", "postcode",
                                                "phone", "fax", "website_name", "website", "print_permit")}
    return {**_issue_summary(issue), "masthead": masthead, "toc": toc,
            "editorial_board": [{"role": b.role, "name": b.name} for b in issue.board.all()],
            "sections": [s.name for s in issue.sections.all()]}


@router.get("/documents", response=list[DocumentSummaryOut], summary="公文列表")
def list_documents(request, year: int | None = None, issuer: str | None = None):
    docs = Document.objects.all()
    if year:
        docs = docs.filter(year=year)
    result = [_doc_summary(d) for d in docs.select_related("item__issue") if queries.is_visible(d)]
    return [d for d in result if issuer is None or issuer in d["issuers"]]


@router.get("/documents/{number}", response={200: DocumentOut, 404: ErrorOut},
            summary="按文号取公文（任何括号、全半角、空格写法均可）")
def get_document(request, number: str):
    doc = queries.find_document(number)
    if doc is None or not queries.is_visible(doc):
        canonical = normalize_number(number)
        hint = f"规范文号 {canonical} 不在公报中" if canonical else "这不是发文字号（格式：机关代字〔年份〕序号号）"
        raise Http404(f"没有找到“{number}”：{hint}")
    detail = queries.document_detail(doc)
    parts = []
    for entry in detail["parts"]:
        children: dict = {}
        nodes = list(entry["part"].nodes.all())
        for node in nodes:
            children.setdefault(node.parent_id, []).append(node)
        parts.append({"kind": entry["part"].kind, "title": entry["part"].title, "type": entry["part"].doc_type,
                      "anchor": entry["part"].anchor,
                      "body": [_node_json(n, children) for n in children.get(None, [])]})
    item = doc.item
    return {
        **_doc_summary(doc), "header": doc.header, "addressees": doc.addressees, "signers": doc.signers,
        "public": doc.public, "cc": doc.cc, "printed_by": doc.printed_by or None, "printed_on": doc.printed_on,
        "attachments": [{"number": a.number, "title": a.title, "omitted": a.omitted} for a in detail["attachments"]],
        "issue": _issue_summary(item.issue) if item else None,
        "section": item.section.name if item and item.section else None, "page": item.page if item else None,
        "parts": parts,
        "citations": [{"title": c.title, "number": c.number or None,
                       "url": c.known.get_absolute_url() if c.known else None} for c in detail["citations"]],
    }
