"""Optimistic versions (版本号) of a case row several staff handle at once (a report, an application).

Each page carries the version its user saw. A step locks the row, refuses with code `conflict` when the row
has moved on since, and writes its change with compare-and-swap, so two people's steps never both land.
The row has `version`, `reference` and `state`.
"""
from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet

from .errors import DomainError


def check_seen(row: Any, expected_version: Any, *, noun: str, label: Callable[[str], str] | None = None) -> None:
    """Refuse unless `row` is still at the version the user saw; `noun` (举报, 申请) names it, `label` its state."""
    if isinstance(expected_version, bool) or not isinstance(expected_version, int):
        raise DomainError("须给出办理前看到的版本号 expected_version。", field="expected_version", code="bad_version")
    if row.version != expected_version:
        state = f"，当前状态“{label(row.state)}”" if label else ""
        raise DomainError(f"{noun} {row.reference} 已被他人办理（您看到的是第{expected_version}版，现在是第"
                          f"{row.version}版{state}），请刷新后重试。", field="expected_version", code="conflict")


def lock_seen(rows: QuerySet, pk: int, expected_version: Any, *, noun: str,
              label: Callable[[str], str] | None = None) -> Any:
    """The row, locked for this transaction (SELECT … FOR UPDATE), if it is still at `expected_version`."""
    locked = rows.select_for_update().get(pk=pk)
    check_seen(locked, expected_version, noun=noun, label=label)
    return locked


def save_seen(locked: Model, expected_version: int, changes: dict, *, noun: str) -> int:
    """Compare-and-swap: write `changes` and the next version only if the row is still at `expected_version`."""
    new_version = expected_version + 1
    done = type(locked)._default_manager.filter(pk=locked.pk, version=expected_version).update(
        version=new_version, **changes)
    if done != 1:
        raise DomainError(f"{noun} {getattr(locked, 'reference', locked.pk)} 已被他人办理，请刷新后重试。",
                          field="expected_version", code="conflict")
    return new_version
