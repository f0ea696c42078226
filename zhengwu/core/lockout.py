"""Locking a code out after wrong tries in a row (错误次数锁定): a receipt code, a points card's check code.

The count and the locked-until time live on the row itself (in the database), so the lock holds across
server processes and restarts, and nothing about the person trying is kept (no IP, no session).
"""
import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model


@dataclass(frozen=True)
class Lockout:
    """`max_failures` wrong codes in a row lock the row for `duration`; the row holds `count_field` (连续错误次数)
    and `until_field` (锁定至)."""

    count_field: str
    until_field: str
    max_failures: int = 5
    duration: dt.timedelta = dt.timedelta(minutes=15)

    @property
    def minutes(self) -> int:
        return int(self.duration.total_seconds() // 60)

    def minutes_left(self, row: Model, now: dt.datetime) -> int | None:
        """Whole minutes (at least 1) until the row may be tried again, or None when it is not locked."""
        until = getattr(row, self.until_field)
        if until is None or until <= now:
            return None
        return max(1, int((until - now).total_seconds() + 59) // 60)

    def record_failure(self, row: Model, now: dt.datetime) -> bool:
        """Count one wrong code in its own transaction (it must count even when the caller's work is rolled
        back); at `max_failures` the count restarts and the row is locked. True when this try locked it."""
        rows = type(row)._default_manager.filter(pk=row.pk)
        with transaction.atomic():
            failures = getattr(rows.select_for_update().only(self.count_field).get(), self.count_field) + 1
            locked = failures >= self.max_failures
            rows.update(**{self.count_field: 0 if locked else failures,
                           self.until_field: now + self.duration if locked else None})
        return locked

    def cleared(self, row: Model) -> dict:
        """The changes that clear the count and the lock after a right code, or {} when there is nothing to
        clear (no write on the common path)."""
        if getattr(row, self.count_field) or getattr(row, self.until_field):
            return {self.count_field: 0, self.until_field: None}
        return {}
