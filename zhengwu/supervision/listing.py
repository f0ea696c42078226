"""Tasks and targets of a document as the CLI and the API list them (the issue's JSON contracts)."""
from __future__ import annotations

from zhengwu.core.citations import cite
from zhengwu.core.errors import DomainError

from .importer import find_document
from .models import Programme, Target, Task
from .rhythm.tables import number
from .vocab import Role


def programme_of(number_text: str) -> Programme | None:
    return Programme.objects.filter(document=find_document(number_text)).first()


def imported_programme(number_text: str, *, field: str = "--document") -> Programme:
    """The programme of a document, or a DomainError saying the document has not been imported yet."""
    programme = programme_of(number_text)
    if programme is None:
        raise DomainError(f"{number_text} 尚未建立督办项目：先运行 zhengwu supervision import-document。",
                          field=field, code="not_imported")
    return programme


def task_json(task: Task) -> dict:
    """{"ref", "title", "lead_units", "cooperating_units", "due"}: units as the document names them
    (a collective phrase stays one entry; units added by expanding it are not the document's words)."""
    named = [a for a in task.assignments.all() if not a.group]
    return {"ref": task.ref, "title": task.title,
            "lead_units": [a.unit_name for a in named if a.role == Role.LEAD],
            "cooperating_units": [a.unit_name for a in named if a.role == Role.COOPERATING],
            "due": task.due.isoformat() if task.due else None}


def tasks_json(programme: Programme | None) -> list[dict]:
    if programme is None:
        return []
    return [task_json(t) for t in programme.tasks.prefetch_related("assignments").order_by("order", "pk")]


def target_json(target: Target, parties: list[str]) -> dict:
    return {"code": target.code, "indicator": target.indicator, "party": target.party,
            "parties": parties if target.joint else [target.party], "joint": target.joint,
            "threshold": number(target.threshold), "unit": target.unit, "period": str(target.year),
            "aspirational": target.aspirational, "cite": cite(target.programme.number, target.cite),
            "text": target.quote}


def targets_json(programme: Programme | None, year: int | None = None) -> list[dict]:
    if programme is None:
        return []
    found = programme.targets.select_related("programme__document").order_by("year", "order", "party")
    if year:
        found = found.filter(year=year)
    return [target_json(t, t.party.split("、")) for t in found]
