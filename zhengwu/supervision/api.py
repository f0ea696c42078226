"""JSON API of the supervision system under /api/supervision/ (read-only, the same shapes as the CLI):

- GET /tasks?document=NUMBER — the issue's contract: [{"ref", "title", "lead_units", "cooperating_units", "due"}];
- GET /targets?document=NUMBER[&year=YYYY] — targets with thresholds as numbers in 元 or their unit;
- GET /public — the roll-up of the programmes the office publishes (no unit-level statuses).
Bad input is status 400 with {"detail": "<field>: <Chinese message>"}; an unknown document is a 404.
"""
from django.http import Http404
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from zhengwu.core.errors import DomainError

from .listing import programme_of, targets_json, tasks_json
from .public import published, rollup

router = Router(tags=["supervision"])


def _programme(document: str):
    try:
        programme = programme_of(document)
    except DomainError as exc:
        raise Http404(str(exc)) from None
    if programme is None:
        raise HttpError(404, f"{document} 尚未建立督办项目。")
    return programme


@router.get("/tasks", summary="公文的督办事项及责任单位、配合单位、时限")
def tasks(request, document: str) -> list[dict]:
    return tasks_json(_programme(document))


@router.get("/targets", summary="公文的量化目标（责任方、目标值、单位、年度、出处）")
def targets(request, document: str, year: int | None = None) -> list[dict]:
    return targets_json(_programme(document), year)


@router.get("/public", summary="公开的目标进展（按项目、年度、目标，含进展节点）")
def public(request) -> list[dict]:
    on = timezone.localdate()
    return [rollup(programme, on) for programme in published()]
