"""Read-side functions shared by pages, API and CLI: published issues, lookup by number."""
from django.db.models import Prefetch, QuerySet

from zhengwu.core.docnumber import normalize_number

from .models import Citation, Document, Issue, Item, Node


def published_issues() -> QuerySet[Issue]:
    return Issue.objects.filter(published=True)


def latest_issue() -> Issue | None:
    return published_issues().order_by("-year", "-number").first()


def issue_items(issue: Issue) -> QuerySet[Item]:
    return issue.items.select_related("section", "document").order_by("order")


def is_visible(document: Document) -> bool:
    """The public sees a document unless it belongs to an issue that is not published yet."""
    issue = document.issue
    return issue is None or issue.published


def find_document(text: str) -> Document | None:
    """A document by its number in any printed form: [ ] or 〔〕, full/half width, spaces."""
    canonical = normalize_number(text)
    if canonical is None:
        return None
    return Document.objects.filter(number=canonical).select_related("item__issue").first()


def document_detail(document: Document) -> dict:
    """Parts with their node trees, attachments and resolved citations, ready to render."""
    parts = []
    for part in document.parts.prefetch_related(Prefetch("nodes", queryset=Node.objects.order_by("order"))):
        nodes = list(part.nodes.all())
        children: dict[int | None, list[Node]] = {}
        for node in nodes:
            children.setdefault(node.parent_id, []).append(node)
        for node in nodes:
            node.kids = children.get(node.pk, [])
        parts.append({"part": part, "roots": children.get(None, [])})
    citations = list(document.citations.all())
    known = {d.number: d for d in Document.objects.filter(number__in=[c.number for c in citations if c.number])}
    for citation in citations:
        citation.known = known.get(citation.number)
    cited_by = [c.document for c in Citation.objects.filter(number=document.number).exclude(document=document)
                .select_related("document", "document__item__issue").order_by("document__signed_on")
                if document.number and is_visible(c.document)]
    return {"parts": parts, "attachments": list(document.attachments.all()), "citations": citations,
            "known_numbers": {number: doc.get_absolute_url() for number, doc in known.items() if is_visible(doc)},
            "cited_by": list(dict.fromkeys(cited_by))}
