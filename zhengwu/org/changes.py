"""What changed in a body between two dates: people in and out of seats, seats added and removed,
the body founded or dissolved. Computed by comparing rosters on each day something could change, so it
always agrees with `roster`."""
import datetime as dt
from dataclasses import dataclass

from zhengwu.core.errors import DomainError

from .models import Membership, Organization, Person, Post, Seat
from .roster import roster_lines

ONE_DAY = dt.timedelta(days=1)
KINDS = {"founded": "机构成立", "dissolved": "机构撤销", "seat_added": "增设席位", "seat_removed": "撤销席位",
         "replaced": "接任", "joined": "到任", "left": "离任"}


@dataclass(frozen=True)
class Change:
    """One change, effective on `date`: `person` is who sits there from that day, `previous` who sat
    there the day before (either may be None)."""

    date: dt.date
    kind: str
    role: str
    post: Post | None
    person: Person | None
    previous: Person | None

    def as_json(self) -> dict:
        return {"date": self.date.isoformat(), "kind": self.kind, "kind_label": KINDS[self.kind], "role": self.role,
                "post": self.post.label if self.post else None,
                "unit": self.post.organization.label if self.post else None,
                "person": self.person.name if self.person else None,
                "previous": self.previous.name if self.previous else None}


def _occupancy(body: Organization, on: dt.date) -> dict[int, tuple[Seat, list[Person]]]:
    seats: dict[int, tuple[Seat, list[Person]]] = {}
    for line in roster_lines(body, on):
        seat, people = seats.setdefault(line.seat.pk, (line.seat, []))
        if line.person:
            people.append(line.person)
    return seats


def _change_days(body: Organization, date_from: dt.date, date_to: dt.date) -> list[dt.date]:
    """Days in [from, to] on which the roster may differ from the day before."""
    days: set[dt.date] = set()
    seats = list(Seat.objects.filter(body=body).select_related("post__filled_by"))
    for seat in seats:
        days.add(seat.start_date)
        if seat.end_date:
            days.add(seat.end_date + ONE_DAY)
    bases = {seat.post.base.pk for seat in seats if seat.post_id}
    for start, end in Membership.objects.filter(post_id__in=bases).values_list("start_date", "end_date"):
        if start:
            days.add(start)
        if end:
            days.add(end + ONE_DAY)
    days |= {d for d in (body.founding_date, body.dissolution_date) if d}
    return sorted(d for d in days if date_from <= d <= date_to)


def _diff(day: dt.date, before: dict, after: dict) -> list[Change]:
    found: list[Change] = []
    for pk in sorted(set(before) | set(after), key=lambda k: ((after.get(k) or before.get(k))[0].order, k)):
        seat = (after.get(pk) or before[pk])[0]
        old = before.get(pk, (seat, []))[1]
        new = after.get(pk, (seat, []))[1]
        if pk not in before:
            found += [Change(day, "seat_added", seat.role, seat.post, p, None) for p in new or [None]]
            continue
        if pk not in after:
            found += [Change(day, "seat_removed", seat.role, seat.post, None, p) for p in old or [None]]
            continue
        gone = [p for p in old if p not in new]
        came = [p for p in new if p not in old]
        while gone and came:
            found.append(Change(day, "replaced", seat.role, seat.post, came.pop(0), gone.pop(0)))
        found += [Change(day, "left", seat.role, seat.post, None, p) for p in gone]
        found += [Change(day, "joined", seat.role, seat.post, p, None) for p in came]
    return found


def changes(body: Organization, date_from: dt.date, date_to: dt.date) -> list[Change]:
    """Every change to `body`'s roster effective on a day from `date_from` to `date_to` (both included):
    the roster of that day compared with the day before. A founding day gives `founded` and then the
    seats added; a dissolution day gives one `dissolved` line (the seats go with the body)."""
    if date_to < date_from:
        raise DomainError(f"结束日期{date_to.isoformat()}早于开始日期{date_from.isoformat()}。", field="to",
                          code="end_before_start")
    found: list[Change] = []
    for day in _change_days(body, date_from, date_to):
        if day == body.founding_date:
            found.append(Change(day, "founded", "", None, None, None))
        if day == body.dissolution_date:
            found.append(Change(day, "dissolved", "", None, None, None))
            continue
        found += _diff(day, _occupancy(body, day - ONE_DAY), _occupancy(body, day))
    return found
