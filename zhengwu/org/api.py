"""JSON API of the registry under /api/org/ (django-ninja): the same queries and shapes as `zhengwu org`.

Read-only: appointments are made by staff through the command (and later the pages), which record who
did it. Bad input (unknown name, 2021-02-30) is status 400 with {"detail": "on: 日期不存在：2021-02-30。"}:
the message starts with the parameter at fault.
"""
import datetime as dt
from collections.abc import Callable

from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from zhengwu.core.dates import parse_date
from zhengwu.core.errors import DomainError

from .changes import changes
from .directory import bodies
from .holders import holdings, post_history
from .popolo import export_popolo
from .probations import probations_ending
from .resolve import find_organization, find_person, find_post
from .roster import roster, seats_of

router = Router(tags=["org"])


def _day(text: str | None, field: str = "on") -> dt.date:
    return parse_date(text, field=field) if text else timezone.localdate()


def _answer(build: Callable[[], object]) -> object:
    """Run a query; a DomainError becomes a 400 whose detail is the Chinese message naming the field."""
    try:
        return build()
    except DomainError as exc:
        raise HttpError(400, str(exc)) from None


@router.get("/bodies", summary="某日存在的议事协调机构（含下设机构和办公室）")
def body_list(request, on: str | None = None) -> list[dict]:
    return _answer(lambda: [line.as_json() for line in bodies(_day(on))])


@router.get("/seats", summary="某人某日担任的所有席位")
def seats(request, person: str, on: str | None = None) -> list[dict]:
    return _answer(lambda: [line.as_json() for line in seats_of(find_person(person), _day(on))])


@router.get("/roster", summary="某机构某日的组成人员")
def body_roster(request, body: str, on: str | None = None) -> list[dict]:
    return _answer(lambda: [line.as_json() for line in roster(find_organization(body), _day(on))])


@router.get("/holders", summary="某职务某日的任职者")
def post_holders(request, post: str, on: str | None = None) -> list[dict]:
    return _answer(lambda: [line.as_json() for line in holdings(find_post(post), _day(on))])


@router.get("/history", summary="某职务的历任任职者")
def history(request, post: str) -> list[dict]:
    return _answer(lambda: [line.as_json() for line in post_history(find_post(post))])


@router.get("/changes", summary="某机构在一段时间内的人员变动")
def body_changes(request, body: str, date_from: str = Query(..., alias="from"),
                 date_to: str = Query(..., alias="to")) -> list[dict]:
    return _answer(lambda: [c.as_json() for c in changes(find_organization(body), _day(date_from, "from"),
                                                         _day(date_to, "to"))])


@router.get("/probations", summary="试用期即将届满的任职")
def probations(request, within: int = 60, on: str | None = None) -> list[dict]:
    return _answer(lambda: [p.as_json() for p in probations_ending(within, _day(on))])


@router.get("/popolo", summary="Popolo JSON 导出")
def popolo(request, on: str | None = None) -> dict:
    return _answer(lambda: export_popolo(_day(on), base_url=request.build_absolute_uri("/").rstrip("/")))
