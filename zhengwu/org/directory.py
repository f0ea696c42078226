"""The coordinating bodies (议事协调机构) that exist on a day, as a tree: what a directory page lists."""
import datetime as dt
from dataclasses import dataclass

from .models import Organization
from .vocab import Classification

BODY_CLASSIFICATIONS = (Classification.LEADING_GROUP, Classification.COMMITTEE, Classification.JOINT_MEETING,
                        Classification.COMMAND_HQ, Classification.SPECIAL_OFFICE, Classification.OFFICE,
                        Classification.EDITORIAL_BOARD)


@dataclass(frozen=True)
class BodyLine:
    """A body, how deep it sits (0: top level), and how many seats it has that day."""

    body: Organization
    depth: int
    seats: int

    def as_json(self) -> dict:
        b = self.body
        return {"body": b.label, "name": b.name, "classification": b.classification, "depth": self.depth,
                "parent": b.parent.label if b.parent else None, "hosted_in": b.hosted_in.label if b.hosted_in else None,
                "seats": self.seats}


def bodies(on: dt.date) -> list[BodyLine]:
    """Every coordinating body existing on `on`, each followed by its sub-bodies (depth first, in the order
    they were registered, which is the order of the documents)."""
    rows = [o for o in Organization.objects.filter(classification__in=BODY_CLASSIFICATIONS)
            .select_related("parent", "hosted_in").order_by("pk") if o.exists_on(on)]
    seats = {o.pk: o.seats.active_on(on).count() for o in rows}
    children: dict[int | None, list[Organization]] = {}
    present = {o.pk for o in rows}
    for org in rows:
        children.setdefault(org.parent_id if org.parent_id in present else None, []).append(org)
    found: list[BodyLine] = []

    def walk(parent: int | None, depth: int) -> None:
        for org in children.get(parent, []):
            found.append(BodyLine(org, depth, seats[org.pk]))
            walk(org.pk, depth + 1)

    walk(None, 0)
    return found
