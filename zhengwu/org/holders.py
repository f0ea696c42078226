"""Who holds a post on a day, and who held it over time."""
import datetime as dt
from dataclasses import dataclass

from .models import Membership, Person, Post


def holders(post: Post, on: dt.date) -> list[Person]:
    """The people holding `post` on `on` (任职者), earliest start first.

    A post filled by another (区应急局主要负责人 ← 区应急局局长) is held by that post's holders.
    """
    return holders_map([post], on)[post.pk]


def holders_map(posts: list[Post], on: dt.date) -> dict[int, list[Person]]:
    """`holders` for many posts in one query: post id → people (used by rosters)."""
    bases = {post.pk: post.base for post in posts}
    found: dict[int, list[Person]] = {base.pk: [] for base in bases.values()}
    rows = (Membership.objects.active_on(on).filter(post_id__in=found)
            .select_related("person").order_by("start_date", "pk"))
    for membership in rows:
        found[membership.post_id].append(membership.person)
    return {pk: found[base.pk] for pk, base in bases.items()}


def capacity(post: Post) -> int | None:
    """How many may hold the post at once (None: no limit), read from the post that decides holders."""
    return post.base.max_holders


@dataclass(frozen=True)
class HistoryLine:
    """One membership of a post: person, from, to (last day), why it ended, on what basis."""

    person: Person
    post: Post
    start_date: dt.date | None
    end_date: dt.date | None
    end_reason: str
    start_basis: str
    probation_end: dt.date | None
    decision: str | None
    end_decision: str | None
    document: str | None
    note: str

    def as_json(self) -> dict:
        return {"person": self.person.name, "post": self.post.label,
                "start_date": self.start_date.isoformat() if self.start_date else None,
                "end_date": self.end_date.isoformat() if self.end_date else None,
                "end_reason": self.end_reason or None, "start_basis": self.start_basis,
                "probation_end": self.probation_end.isoformat() if self.probation_end else None,
                "decision": self.decision, "end_decision": self.end_decision, "document": self.document,
                "note": self.note}


def _line(m: Membership) -> HistoryLine:
    return HistoryLine(m.person, m.post, m.start_date, m.end_date, m.end_reason, m.start_basis, m.probation_end,
                       str(m.decision) if m.decision else None, str(m.end_decision) if m.end_decision else None,
                       m.document.number if m.document else None, m.note)


def _in_order(rows) -> list[HistoryLine]:
    """Memberships as history lines by start (unknown starts first), then end (open ends last)."""
    return sorted(map(_line, rows), key=lambda line: (line.start_date or dt.date.min, line.end_date or dt.date.max))


def post_history(post: Post) -> list[HistoryLine]:
    """Every membership of the post (or of the post that fills it), in order of start; unknown starts first."""
    base = post.base
    rows = (Membership.objects.filter(post=base)
            .select_related("person", "post__organization", "decision", "end_decision", "document"))
    return _in_order(rows)


def holdings(post: Post, on: dt.date) -> list[HistoryLine]:
    """The memberships behind `holders(post, on)`: who, since when, on what basis."""
    return [line for line in post_history(post) if
            (line.start_date is None or line.start_date <= on) and (line.end_date is None or on <= line.end_date)]


def posts_of(person: Person, on: dt.date) -> list[HistoryLine]:
    """Every post `person` holds on `on` (directly; 主要负责人 held through 局长 is shown by `seats_of`)."""
    rows = (Membership.objects.active_on(on).filter(person=person)
            .select_related("person", "post__organization", "decision", "end_decision", "document")
            .order_by("start_date", "pk"))
    return [_line(m) for m in rows]


def person_history(person: Person) -> list[HistoryLine]:
    """Every membership of `person`, any date, in order of start (unknown starts first): a person page."""
    rows = (Membership.objects.filter(person=person)
            .select_related("person", "post__organization", "decision", "end_decision", "document"))
    return _in_order(rows)
