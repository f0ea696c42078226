"""Read side shared by pages, API and CLI: name lists, editions, the current notice."""
from __future__ import annotations

from django.db.models import QuerySet

from .grades import FLAGS
from .models import Candidate, Edition
from .vocab import State, Tier

LIST_TIERS = (Tier.WINNER, Tier.NOMINEE)


def entry(candidate: Candidate) -> dict:
    """One list entry, the contract of `zhengwu awards list --json`."""
    return {"tier": Tier(candidate.tier).label, "name": candidate.name, "school": candidate.school.name,
            "grade": candidate.grade, "class": candidate.class_label, "flags": list(candidate.flags)}


def listed(edition: Edition) -> list[Candidate]:
    """区长奖 then 区长提名奖, each in its order; removed candidates and the reserve are not listed."""
    rows = (edition.candidates.filter(tier__in=LIST_TIERS, removed=False).select_related("school")
            .order_by("rank", "list_order", "pk"))
    return sorted(rows, key=lambda c: LIST_TIERS.index(Tier(c.tier)))


def name_list(edition: Edition) -> list[dict]:
    return [entry(c) for c in listed(edition)]


def flag_texts(candidate: Candidate) -> list[str]:
    return [FLAGS.get(flag, flag) for flag in candidate.flags]


def public_editions() -> QuerySet[Edition]:
    """Editions the public may see: in notice, or decided (live ones once decided; past ones from the gazette)."""
    return Edition.objects.filter(state__in=[State.NOTICE, State.APPROVED, State.DECIDED]).order_by("-number")


def current_notices() -> QuerySet[Edition]:
    return Edition.objects.filter(state=State.NOTICE).order_by("-number")


def edition_summary(edition: Edition) -> dict:
    return {"number": edition.number, "title": edition.title, "year": edition.year, "state": edition.state,
            "state_label": edition.get_state_display(), "sample": edition.is_sample,
            "quotas": {"区长奖": edition.winner_quota, "区长提名奖": edition.nominee_quota},
            "notice": ({"start": edition.notice_start.isoformat(), "end": edition.notice_end.isoformat(),
                        "basis": edition.notice_basis, "contact": edition.notice_contact}
                       if edition.notice_start else None),
            "approved": ({"meeting": edition.meeting, "on": edition.approved_on.isoformat() if edition.approved_on
                          else None} if edition.meeting else None),
            "decision": ({"number": edition.decision_number, "signed_on": edition.decided_on.isoformat()}
                         if edition.decision_number else None)}
