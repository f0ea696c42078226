"""“Did you mean” for document numbers (您要找的是不是): the nearest numbers the gazette holds.

Nearest by edit distance over the canonical form, where swapping two neighbours counts as one edit (62 for
26 is the commonest slip), then same agency code, same year, closest serial.
"""
from django.db.models import Q

from zhengwu.core.docnumber import DocNumber

from ..models import Document

MAX_EDITS = 2
LIMIT = 5


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def visible_documents():
    """Documents the public may see: lone ones and those of published issues."""
    return Document.objects.filter(Q(item__isnull=True) | Q(item__issue__published=True))


def nearest_numbers(number: DocNumber, *, limit: int = LIMIT) -> list[Document]:
    """Visible documents whose numbers are at most MAX_EDITS edits from `number`, nearest first."""
    wanted = str(number)
    # A number two edits away shares its code, its year or its serial, so the database narrows first.
    candidates = visible_documents().filter(
        Q(agency_code=number.code) | Q(year=number.year) | Q(serial=number.serial)).exclude(number=None)
    ranked = []
    for doc in candidates.select_related("item__issue"):
        distance = edit_distance(wanted, doc.number)
        if 0 < distance <= MAX_EDITS:
            ranked.append(((distance, doc.agency_code != number.code, doc.year != number.year,
                            abs((doc.serial or 0) - number.serial), doc.number), doc))
    return [doc for _, doc in sorted(ranked, key=lambda pair: pair[0])[:limit]]
