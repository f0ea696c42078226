"""JSON API of the awards system under /api/awards/ (read-only, public data only): the editions the public
may see, an edition's name lists (the shape of `zhengwu awards list --json`), and the current notices.
Reserve and removed candidates, scores and objections are never exposed."""
from django.http import Http404
from ninja import Router

from .queries import current_notices, edition_summary, name_list, public_editions

router = Router(tags=["awards"])


@router.get("/editions", summary="往届与正在公示的各届")
def editions(request) -> list[dict]:
    return [edition_summary(e) for e in public_editions()]


@router.get("/editions/{number}/list", summary="某一届的名单（区长奖、区长提名奖）")
def edition_list(request, number: int) -> list[dict]:
    found = public_editions().filter(number=number).first()
    if found is None:
        raise Http404(f"没有公开的第{number}届")
    return name_list(found)


@router.get("/notice", summary="正在公示的名单与异议方式")
def notice(request) -> list[dict]:
    return [edition_summary(e) | {"list": name_list(e)} for e in current_notices()]
