"""Recording transitions: every write function calls `record` inside its own transaction.

Inside `collected()` (used by the document readers, which create hundreds of rows) entries are kept in
memory and written in one statement when the block ends — inside the same transaction.
"""
import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from django.db import models

from zhengwu.core.errors import DomainError

from .models import AuditEntry


def subject_of(obj: models.Model) -> str:
    return f"{obj._meta.model_name}:{obj.pk}"


_pending: ContextVar[list[AuditEntry] | None] = ContextVar("audit_pending", default=None)


def record(action: str, obj: models.Model, summary: str, *, by: str, reason: str = "",
           details: dict | None = None) -> AuditEntry:
    """Write one audit entry: who (`by`), what (`action`, `summary`), on what (`obj`), why (`reason`)."""
    if not (by or "").strip():
        raise DomainError("请写明操作人。", field="by", code="missing_by")
    entry = AuditEntry(by=by.strip()[:100], action=action, reason=(reason or "")[:300], subject=subject_of(obj),
                       summary=summary[:300], details=details or {})
    pending = _pending.get()
    if pending is None:
        entry.save()
    else:
        pending.append(entry)
    return entry


@contextlib.contextmanager
def collected() -> Iterator[None]:
    """Buffer `record` calls and write them together at the end of the block (nested blocks join)."""
    if _pending.get() is not None:
        yield
        return
    token = _pending.set([])
    try:
        yield
        AuditEntry.objects.bulk_create(_pending.get() or [])
    finally:
        _pending.reset(token)


def history(obj: models.Model) -> list[AuditEntry]:
    """Every recorded change of one row, oldest first."""
    return list(AuditEntry.objects.filter(subject=subject_of(obj)).order_by("at", "pk"))
