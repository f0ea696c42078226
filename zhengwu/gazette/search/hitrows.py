"""What a hit shows of an entry, read with one plain query (the ORM's model building and `reverse` per hit
took most of a search's time once matching got fast: docs/PERFORMANCE.md, Search)."""
import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from django.db import connection
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from ..models import Document, Issue, Item
from .models import EntryFields, SearchEntry


@dataclass
class HitRow(EntryFields):
    id: int | None
    url: str


@cache
def _prefix(name: str) -> str:
    # reverse() with a marker, cut at the marker: the URL's fixed part, found once per process.
    marker = "0" if name == "document_by_id" else "X"
    url = reverse(f"gazette:{name}", args=[marker])
    return url[:url.rindex(marker)]


def document_url(number: str | None, pk: int) -> str:
    """Document.get_absolute_url without a reverse() per call, quoted the same way (test_search_engine compares
    every hit's link with get_absolute_url)."""
    if number:
        return _prefix("document") + quote(number, safe=RFC3986_SUBDELIMS + "/~:@")
    return f"{_prefix('document_by_id')}{pk}/"


def item_url(year: int, number: int, order: int) -> str:
    return reverse("gazette:item", args=[year, number, order])


def _json(value) -> list:
    return json.loads(value) if isinstance(value, str) else list(value or [])


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def hit_rows(ids: list[int]) -> list[HitRow]:
    if not ids:
        return []
    entry, document, item, issue = (SearchEntry._meta.db_table, Document._meta.db_table, Item._meta.db_table,
                                    Issue._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.id, e.kind, e.title, e.number, e.issuers, e.doc_types, e.section, e.year, e.date, e.text, "
            f"e.document_id, d.number, i.{connection.ops.quote_name('order')}, s.year, s.number "
            f"FROM {entry} e LEFT JOIN {document} d ON d.id = e.document_id "
            f"LEFT JOIN {item} i ON i.id = e.item_id LEFT JOIN {issue} s ON s.id = i.issue_id "
            f"WHERE e.id IN ({', '.join(['%s'] * len(ids))})", ids)
        rows = cursor.fetchall()
    found = []
    for (pk, kind, title, number, issuers, doc_types, section, year, date, text, document_id, document_number,
         order, issue_year, issue_number) in rows:
        if kind == SearchEntry.Kind.DOCUMENT:
            url = document_url(document_number, document_id) if document_id else ""
        else:
            url = item_url(issue_year, issue_number, order) if issue_year is not None else ""
        found.append(HitRow(kind, title, number, _json(issuers), _json(doc_types), section, year, _date(date),
                            text, pk, url))
    return found


def hit_row(entry: SearchEntry) -> HitRow:
    """The same for an entry object (a document number query shows an entry that may not be saved)."""
    target = entry.document if entry.kind == SearchEntry.Kind.DOCUMENT else entry.item
    return HitRow(entry.kind, entry.title, entry.number, list(entry.issuers or []), list(entry.doc_types or []),
                  entry.section, entry.year, entry.date, entry.text, entry.pk,
                  target.get_absolute_url() if target else "")
