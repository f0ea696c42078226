"""Who sits in a body on a day (roster), and every seat a person holds on a day (seats_of).

Nothing here is stored: a seat names a post, and the sitter is whoever holds that post that day
(`holders`). That is the succession rule of 綦江府办〔2021〕24号 and 25号: when people change jobs no new
document is issued, 由承担相应职务的领导或负责人自行承接担任.
"""
import datetime as dt
from dataclasses import dataclass

from zhengwu.core.errors import DomainError

from .holders import capacity, holders_map
from .models import Membership, Organization, Person, Post, Seat
from .vocab import SeatBasis


def occupants(seat: Seat, held: dict[int, list[Person]]) -> list[Person]:
    """The people in `seat`, given the holders of its post that day (`held`, from `holders_map`).

    - personal seat: the named person;
    - post with one holder (局长, 常务副区长): whoever holds it;
    - post several people hold (副区长, 分管负责人): for a named seat only the named person while they
      hold it — which deputy takes over is a division of work (分工) the registry cannot know, so the
      seat shows empty; for an ex-officio seat every holder.
    """
    if seat.basis == SeatBasis.PERSONAL or seat.post_id is None:
        return [seat.named_person] if seat.named_person else []
    people = held.get(seat.post_id, [])
    if capacity(seat.post) != 1 and seat.named_person_id:
        return [p for p in people if p.pk == seat.named_person_id]
    return people


def _seats_on(on: dt.date):
    return (Seat.objects.active_on(on)
            .select_related("body", "post__organization", "post__filled_by__organization", "named_person"))


@dataclass(frozen=True)
class RosterLine:
    """One line of a roster: role, person (None: vacant or not yet known), post, unit of the post."""

    role: str
    person: Person | None
    post: Post | None
    seat: Seat

    @property
    def unit(self) -> Organization | None:
        return self.post.organization if self.post else None

    def as_json(self) -> dict:
        return {"role": self.role, "person": self.person.name if self.person else None,
                "post": self.post.label if self.post else None, "unit": self.unit.label if self.unit else None}


def _require_existing(body: Organization, on: dt.date) -> None:
    if body.exists_on(on):
        return
    if body.dissolution_date and on >= body.dissolution_date:
        into = f"，并入{body.successor.label}" if body.successor else ""
        raise DomainError(f"{body.label}已于{body.dissolution_date.isoformat()}撤销{into}；"
                          f"请查询{on.isoformat()}以前的日期。", field="on", code="dissolved")
    raise DomainError(f"{body.label}于{body.founding_date.isoformat()}成立，{on.isoformat()}尚不存在。",
                      field="on", code="not_founded")


def roster_lines(body: Organization, on: dt.date) -> list[RosterLine]:
    """`roster` without the existence check (empty for a body that does not exist that day)."""
    if not body.exists_on(on):
        return []
    seats = list(_seats_on(on).filter(body=body).order_by("start_date", "order", "pk"))
    held = holders_map([s.post for s in seats if s.post_id], on)
    lines: list[RosterLine] = []
    for seat in seats:
        people = occupants(seat, held)
        for person in people or [None]:
            lines.append(RosterLine(seat.role, person, seat.post, seat))
    return lines


def roster(body: Organization, on: dt.date) -> list[RosterLine]:
    """The composition of `body` on `on` (组成人员), one line per sitter in document order; a vacant seat
    gives one line with person None, a seat whose post several people hold gives a line per holder.
    A body that did not exist that day is a DomainError saying when it was founded or dissolved."""
    _require_existing(body, on)
    return roster_lines(body, on)


@dataclass(frozen=True)
class SeatLine:
    """A seat a person holds: the body, the role, and the post it is held through (None: personally)."""

    body: Organization
    role: str
    post: Post | None
    seat: Seat

    def as_json(self) -> dict:
        return {"body": self.body.label, "role": self.role, "post": self.post.label if self.post else None}


def _posts_held(person: Person, on: dt.date) -> set[int]:
    """Ids of the posts `person` holds on `on`, including posts filled by those (主要负责人 ← 局长)."""
    direct = set(Membership.objects.active_on(on).filter(person=person).values_list("post_id", flat=True))
    held, frontier = set(direct), set(direct)
    while frontier:
        frontier = set(Post.objects.filter(filled_by_id__in=frontier).values_list("pk", flat=True)) - held
        held |= frontier
    return held


def seats_of(person: Person, on: dt.date) -> list[SeatLine]:
    """Every seat `person` holds on `on`, in any body that exists that day, in document order."""
    posts = _posts_held(person, on)
    candidates = [s for s in _seats_on(on).filter(post_id__in=posts) if s.body.exists_on(on)]
    personal = [s for s in _seats_on(on).filter(basis=SeatBasis.PERSONAL, named_person=person)
                if s.body.exists_on(on)]
    held = holders_map([s.post for s in candidates], on)
    lines = [SeatLine(s.body, s.role, s.post, s) for s in candidates if person in occupants(s, held)]
    lines += [SeatLine(s.body, s.role, None, s) for s in personal]
    return sorted(lines, key=lambda line: (line.seat.start_date, line.body.pk, line.seat.order))


def seats_of_post(post: Post) -> list[Seat]:
    """Every seat (any date) held through `post` or through a post it fills (局长 → 主要负责人's seats),
    newest documents first: what a post page lists under “which seats it fills”."""
    posts, frontier = {post.pk}, {post.pk}
    while frontier:
        frontier = set(Post.objects.filter(filled_by_id__in=frontier).values_list("pk", flat=True)) - posts
        posts |= frontier
    return list(Seat.objects.filter(post_id__in=posts).select_related("body", "post__organization", "named_person")
                .order_by("-start_date", "body_id", "order"))
