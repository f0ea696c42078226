"""Build the registry from imported gazette documents (their Node rows; the text file is not parsed again).

`import_document` recognises the two kinds of notice the registry reads: appointment notices (任免通知,
with “经…研究，决定：”) and composition notices (议事协调机构的成立或调整); `import_board` reads an issue's
masthead; `import_issue` does all of an issue. Each returns an `ImportReport` whose `problems` list every
line that was not turned into data.
"""
from zhengwu.core.docnumber import normalize_number
from zhengwu.core.errors import DomainError
from zhengwu.gazette.models import Document, Issue

from .appointments import apply_appointments, read_appointments
from .composition import has_composition, read_composition
from .masthead import import_board
from .report import ImportReport, Problem
from .writing import write_composition

__all__ = ["ImportReport", "Problem", "find_document", "import_board", "import_document", "import_issue"]


def find_document(number: str) -> Document:
    """The gazette document with this number, in any printed form (綦江府办[2021]24号)."""
    canonical = normalize_number(number or "")
    if canonical is None:
        raise DomainError(f"“{number}”不是发文字号（如 綦江府办〔2021〕24号）。", field="number", code="bad_number")
    document = Document.objects.filter(number=canonical).first()
    if document is None:
        raise DomainError(f"公报中没有{canonical}；请先导入刊登它的公报。", field="number", code="unknown_document")
    return document


def import_document(document: Document, *, by: str) -> ImportReport:
    """Read one appointment or composition notice into the registry (one transaction)."""
    plan = read_appointments(document)
    if plan is not None:
        return apply_appointments(document, plan, by=by)
    if has_composition(document):
        return write_composition(document, read_composition(document), by=by)
    raise DomainError(f"{document.number or document.title}既不是任免通知，也没有议事协调机构的组成人员名单。",
                      field="number", code="not_an_org_document")


def is_org_document(document: Document) -> bool:
    return read_appointments(document) is not None or has_composition(document)


def import_issue(issue: Issue, *, by: str) -> list[ImportReport]:
    """Every registry document of an issue, oldest first, then its masthead board."""
    documents = [d for d in Document.objects.filter(item__issue=issue).order_by("signed_on", "pk")
                 if is_org_document(d)]
    reports = [import_document(d, by=by) for d in documents]
    return reports + [import_board(issue, by=by)]
