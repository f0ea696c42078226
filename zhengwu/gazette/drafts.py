"""The gazette's public door for programmes (公报稿件): a programme's document into the issue being put together.

A programme (the awards' decision, a notice …) writes its document as gazette text and calls
`add_to_draft_issue(text, section=…, source=…)`. In one transaction the text is read by the gazette's own
parser (so what is stored is exactly what the parser makes of a real document), checked by the checker,
saved by the importer, placed as the last item of `section` in the draft issue and indexed for search.
The draft issue is the latest unpublished issue that was not imported from a text (an imported one would
lose the item when its text is imported again), or a new issue after the last; nothing is public until
the editors publish that issue — the gazette's existing step. `document_docx(document)` gives a gazette
document as GB/T 9704 Word. Programmes read gazette rows through `models` and `queries`; this module is
how they write.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from zhengwu.core.dates import today
from zhengwu.core.errors import DomainError

from . import models as m
from .importer import import_result
from .lint import lint_result
from .parsing import parse_text
from .parsing import result as r
from .render import docx as render_docx
from .search.index import index_import

GAZETTE_NAME = "重庆市綦江区人民政府公报"  # the name of a first issue, when there is none to follow


@dataclass(frozen=True)
class DraftResult:
    """What one draft did: the saved document (and its number), the issue it went into, the document as
    the parser read it (for a programme to check its read-back), and the checker's findings."""

    document: m.Document
    issue: m.Issue
    parsed: r.Document
    created: bool
    problems: list[dict] = field(default_factory=list)

    @property
    def number(self) -> str | None:
        return self.document.number


def add_to_draft_issue(text: str, *, section: str, source: str) -> DraftResult:
    """Parse, check, import and index `text` — exactly one document — as the last item of `section` in the
    draft issue. Text the parser refuses raises a DomainError naming the line, and nothing is written.
    Adding a document whose number is already in the draft issue updates it in its place (no second item);
    a number that belongs to a published or imported issue is refused."""
    result = parse_text(text)
    if result.errors:
        first = result.errors[0]
        raise DomainError(f"稿件未能按公报格式读出：{first.message}", line=first.line, field="text", code=first.code)
    if result.issue is not None or len(result.documents) != 1:
        raise DomainError(f"稿件应为一篇公文，读出了{len(result.documents)}篇" +
                          ("和刊期信息" if result.issue is not None else "") + "。", field="text", code="not_one_document")
    parsed = result.documents[0]
    checks = [f.as_json() for f in lint_result(result, text, every_problem=True)]
    with transaction.atomic():
        existing = m.Document.objects.filter(number=parsed.number).select_related("item__issue").first() \
            if parsed.number else None
        if existing is not None and not _is_draft(existing):
            raise DomainError(f"公报中已有文号为{parsed.number}的公文（不在正在编辑的一期中），不能作为稿件覆盖。",
                              field="number", code="number_taken")
        outcome = import_result(result, source=source, checks=checks, index=False)  # indexed once, below
        document = outcome.documents[0]
        if existing is not None and existing.item is not None:
            issue = existing.item.issue
            m.Item.objects.filter(pk=existing.item.pk).update(title=document.title)
            document.item = existing.item
            document.save(update_fields=["item"])
            index_import(issue, [document])
        else:
            issue = draft_issue(parsed.signed_on or today())
            place_in_issue(document, issue, section)
    return DraftResult(document=document, issue=issue, parsed=parsed, created=existing is None,
                       problems=outcome.problems)


def _is_draft(document: m.Document) -> bool:
    """Whether `document` is an item of an issue being put together (unpublished, not imported)."""
    item = document.item
    return item is not None and not item.issue.published and not item.issue.imports.exists()


def draft_issue(day: dt.date) -> m.Issue:
    """The gazette issue being put together (the latest unpublished one that was not imported from a text),
    or a new one after the last.

    An issue imported from a text is left alone: importing that text again replaces the issue's items, which
    would turn the draft into a lone — public — document (importer: re-import replaces contents).
    """
    issue = m.Issue.objects.filter(published=False, imports__isnull=True).order_by("-year", "-number").first()
    if issue is not None:
        return issue
    last = m.Issue.objects.order_by("-year", "-number").first()
    year = max(day.year, last.year) if last else day.year
    number = (m.Issue.objects.filter(year=year).aggregate(n=Max("number"))["n"] or 0) + 1
    cumulative = last.cumulative_number + 1 if last and last.cumulative_number and last.year <= year else None
    return m.Issue.objects.create(gazette=last.gazette if last else GAZETTE_NAME, year=year,
                                  number=number, cumulative_number=cumulative, published=False,
                                  supervisor=last.supervisor if last else "", sponsor=last.sponsor if last else "",
                                  publisher=last.publisher if last else "")


def place_in_issue(document: m.Document, issue: m.Issue, section: str) -> None:
    """Add the document to the issue's `section` (made when missing, after the others) as its last item,
    and index it there."""
    placed_in, _ = m.Section.objects.get_or_create(issue=issue, name=section,
                                                   defaults={"order": issue.sections.count()})
    order = (issue.items.aggregate(n=Max("order"))["n"] or 0) + 1 if issue.items.exists() else 0
    item = m.Item.objects.create(issue=issue, section=placed_in, kind=m.Item.Kind.DOCUMENT, order=order,
                                 title=document.title)
    document.item = item
    document.save(update_fields=["item"])
    index_import(issue, [document])  # the search entry now belongs to the unpublished issue


def document_docx(document: m.Document) -> bytes:
    """A gazette document as Word, laid out per GB/T 9704-2012 (the gazette's own DOCX download)."""
    return render_docx.document_docx(document)
