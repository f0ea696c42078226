"""Write a parsed file into the database: one transaction per file, updating what is already there."""
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from zhengwu.core.docnumber import parse_number
from zhengwu.core.errors import DomainError

from . import models as m
from .parsing import ParseResult, parse_bytes, read_error
from .parsing import result as r
from .search.index import index_import


class ImportRefused(DomainError):
    """The file has errors an editor must fix first (导入被拒绝); nothing was written."""

    code = "import_refused"


@dataclass
class ImportOutcome:
    """What one import did, for the CLI summary and the admin."""

    source: str
    issue: m.Issue | None
    created: bool
    documents: list[m.Document]
    news: int
    repairs: int
    warnings: int
    problems: list[dict]  # the parser's and the checker's findings, shown to the editor after import

    def as_json(self) -> dict:
        return {
            "source": self.source, "issue": self.issue.label if self.issue else None,
            "created": self.created, "documents": [d.number or d.title for d in self.documents],
            "news": self.news, "repairs": self.repairs, "warnings": self.warnings,
        }


def import_file(path: str | Path) -> ImportOutcome:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"无法读取文件 {path}：{read_error(exc)}", code="unreadable") from None
    return import_bytes(data, source=str(path))


def import_bytes(data: bytes, *, source: str) -> ImportOutcome:
    """Parse, check (the checker's findings are kept with the import for the editors) and write."""
    from .lint import lint_result  # the checker builds on the parser, not the other way round

    result = parse_bytes(data)
    text = data.decode("utf-8-sig" if result.encoding == "utf-8" else result.encoding, errors="replace")
    checks = [f.as_json() for f in lint_result(result, text, every_problem=True)]
    return import_result(result, source=source, sha256=hashlib.sha256(data).hexdigest(), checks=checks)


def import_result(result: ParseResult, *, source: str, sha256: str = "",
                  checks: list[dict] | None = None, index: bool = True) -> ImportOutcome:
    """All of the file or nothing: refuses on any error-level problem, else writes in one transaction.
    `checks`, when given, are the checker's findings (which include the parser's problems) to keep.
    `index=False` leaves the search index to the caller, who indexes once after placing the documents
    (gazette.drafts), instead of segmenting each document twice."""
    if result.errors:
        first = result.errors[0]
        more = f"（另有 {len(result.errors) - 1} 个错误）" if len(result.errors) > 1 else ""
        raise ImportRefused(f"{first.message}{more}", line=first.line, code=first.code)
    with transaction.atomic():
        issue, created = _save_issue(result.issue) if result.issue else (None, False)
        documents = []
        order = 0
        items: dict[int, m.Item] = {}
        if issue is not None:
            for name in result.issue.sections:
                _check_lengths(m.Section, {"name": name}, result.issue.line)
            sections = {name: m.Section.objects.create(issue=issue, name=name, order=i)
                        for i, name in enumerate(result.issue.sections)}
            if result.issue.editorial:
                items[id(result.issue.editorial)] = _item(issue, sections, result.issue.editorial,
                                                          m.Item.Kind.EDITORIAL, order)
                order += 1
            for parsed in result.documents:
                items[id(parsed)] = _item(issue, sections, parsed, m.Item.Kind.DOCUMENT, order)
                order += 1
            for brief in result.news:
                _item(issue, sections, brief, m.Item.Kind.NEWS, order)
                order += 1
        for parsed in result.documents:
            doc, doc_created = _save_document(parsed, items.get(id(parsed)))
            created = created or doc_created
            documents.append(doc)
        run = m.ImportRun.objects.create(
            source=source[:300], sha256=sha256, encoding=result.encoding, issue=issue,
            documents=[d.number for d in documents], repairs=[x.as_json() for x in result.repairs],
            problems=checks if checks is not None else [p.as_json() for p in result.problems],
            created=created,
        )
        if index:
            index_import(issue, documents)  # the search index changes with the import, or not at all
    return ImportOutcome(source, issue, created, documents, len(result.news), len(result.repairs),
                         len(run.problems), run.problems)


def _check_lengths(model, fields: dict, line: int) -> None:
    """A value longer than its column means the parser misread the text: refuse, naming the line."""
    for name, value in fields.items():
        limit = getattr(model._meta.get_field(name), "max_length", None)
        if limit and isinstance(value, str) and len(value) > limit:
            label = model._meta.get_field(name).verbose_name
            raise ImportRefused(f"“{label}”读出了 {len(value)} 个字（最多 {limit} 个），原文可能有误：“{value[:20]}…”",
                                line=line, field=name, code="value_too_long")


def _save_issue(parsed: r.Issue) -> tuple[m.Issue, bool]:
    fields = {
        "gazette": parsed.gazette, "cumulative_number": parsed.cumulative_number,
        "published_on": parsed.published_on, "slogans": parsed.slogans,
        **{key: parsed.masthead.get(key, "") for key in (
            "supervisor", "sponsor", "publisher", "address", "postcode", "phone", "fax", "website_name",
            "website", "print_permit")},
    }
    _check_lengths(m.Issue, fields, parsed.line)
    issue, created = m.Issue.objects.update_or_create(year=parsed.year, number=parsed.number, defaults=fields)
    # Re-import replaces the issue's contents; documents keep their rows (matched by number).
    issue.items.all().delete()
    issue.sections.all().delete()
    issue.board.all().delete()
    m.BoardMember.objects.bulk_create(
        m.BoardMember(issue=issue, role=b.role, name=b.name, order=i) for i, b in enumerate(parsed.board))
    return issue, created


def _item(issue: m.Issue, sections: dict, parsed, kind: str, order: int) -> m.Item:
    _check_lengths(m.Item, {"title": parsed.title}, parsed.line)
    extra = {}
    if isinstance(parsed, r.Editorial):
        extra = {"paragraphs": parsed.paragraphs, "source": parsed.source or "",
                 "source_date": parsed.source_date, "source_page": parsed.source_page or ""}
    elif isinstance(parsed, r.NewsBrief):
        extra = {"paragraphs": parsed.paragraphs}
    return m.Item.objects.create(issue=issue, section=sections.get(parsed.section), kind=kind, order=order,
                                 title=parsed.title, page=parsed.page, line=parsed.line, **extra)


def _save_document(parsed: r.Document, item: m.Item | None) -> tuple[m.Document, bool]:
    number = parse_number(parsed.number) if parsed.number else None
    fields = {
        "number_as_printed": parsed.number_as_printed or "", "agency_code": number.code if number else "",
        "year": number.year if number else None, "serial": number.serial if number else None,
        "header": parsed.header or "", "issuers": parsed.issuers, "title": parsed.title,
        "doc_type": parsed.doc_type, "addressees": parsed.addressees, "signers": parsed.signers,
        "signed_on": parsed.signed_on, "public": parsed.public, "public_note": parsed.public_note or "",
        "cc": parsed.cc, "printed_by": parsed.printed_by or "", "printed_on": parsed.printed_on,
        "line": parsed.line,
    }
    _check_lengths(m.Document, fields, parsed.line)
    if item is not None:
        fields["item"] = item
    if parsed.number:
        doc, created = m.Document.objects.update_or_create(number=parsed.number, defaults=fields)
    else:
        doc, created = m.Document.objects.update_or_create(
            number=None, title=parsed.title, signed_on=parsed.signed_on, defaults=fields)
    doc.parts.all().delete()
    doc.attachments.all().delete()
    doc.citations.all().delete()
    for att in parsed.attachments:
        _check_lengths(m.Attachment, {"title": att.title}, att.line)
    for order, part in enumerate(parsed.parts):
        _check_lengths(m.Part, {"title": part.title}, part.line)
        saved = m.Part.objects.create(document=doc, kind=part.kind, order=order, title=part.title,
                                      doc_type=part.doc_type, anchor=part.anchor)
        _save_nodes(saved, part.body)
    m.Attachment.objects.bulk_create(
        m.Attachment(document=doc, order=i, number=a.number, title=a.title, omitted=a.omitted, listed=a.listed,
                     paragraphs=a.paragraphs) for i, a in enumerate(parsed.attachments))
    m.Citation.objects.bulk_create(
        m.Citation(document=doc, title=c.title[:300], number=c.number or "",
                   number_as_printed=c.number_as_printed or "", line=c.line) for c in parsed.citations)
    return doc, created


def _save_nodes(part: m.Part, roots: list[r.Node]) -> None:
    """Depth by depth, so each level's parents already have primary keys; `order` is reading order."""
    reading_order = {id(node): i for i, node in enumerate(n for root in roots for n in root.walk())}
    level: list[tuple[r.Node, m.Node | None]] = [(n, None) for n in roots]
    while level:
        rows = [m.Node(part=part, parent=parent, order=reading_order[id(node)], kind=node.kind, level=node.level,
                       number=node.number, title=node.title[:300], text=node.text, anchor=node.anchor,
                       line=node.line) for node, parent in level]
        saved = m.Node.objects.bulk_create(rows)
        level = [(child, row) for row, (node, _) in zip(saved, level, strict=True) for child in node.children]
