"""Export the registry in the Popolo open-government format (persons, organizations, posts, memberships).

Field names follow the Popolo JSON schemas (/work/shared/popolo-schemas). Two things Popolo has no
field for are expressed in its own terms:
- a seat in a body is a Popolo Post of that body (id `seat/N`, label “区安委会成员（区应急局主要负责人）”);
- who sits in it on the export date is a Popolo Membership of the body through that post.
Ids are `person/N`, `organization/N`, `post/N`, `membership/N`, `seat/N`.
"""
import datetime as dt

from .holders import holders_map
from .models import Membership, Organization, Person, Post, Seat
from .roster import occupants
from .vocab import SeatBasis

GENDERS = {"女": "female", "男": "male"}


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _sources(document, base_url: str | None) -> list[dict]:
    if document is None or not base_url:
        return []
    return [{"url": base_url.rstrip("/") + document.get_absolute_url(), "note": document.number or document.title}]


def _person(p: Person) -> dict:
    return {"id": f"person/{p.pk}", "name": p.name, "gender": GENDERS.get(p.gender_note),
            "other_names": [{"name": o.get("name", ""), "note": o.get("note")} for o in p.other_names],
            "summary": p.note or None}


def _organization(o: Organization, base_url: str | None) -> dict:
    names = [{"name": n.name, "note": n.note or None} for n in o.names.all()]
    if o.short_name and all(n["name"] != o.short_name for n in names):
        names.insert(0, {"name": o.short_name, "note": "简称"})
    return {"id": f"organization/{o.pk}", "name": o.name, "other_names": names,
            "classification": o.classification, "parent_id": f"organization/{o.parent_id}" if o.parent_id else None,
            "founding_date": _day(o.founding_date), "dissolution_date": _day(o.dissolution_date),
            "description": o.description or None,
            "sources": _sources(o.founding_document, base_url) + _sources(o.dissolution_document, base_url)}


def _post(p: Post) -> dict:
    return {"id": f"post/{p.pk}", "label": p.label, "role": p.title, "organization_id": f"organization/{p.organization_id}",
            "other_label": list(p.other_labels)}


def _membership(m: Membership, base_url: str | None) -> dict:
    return {"id": f"membership/{m.pk}", "person_id": f"person/{m.person_id}", "post_id": f"post/{m.post_id}",
            "organization_id": f"organization/{m.post.organization_id}", "role": m.post.title,
            "label": m.note or None, "start_date": _day(m.start_date), "end_date": _day(m.end_date),
            "sources": _sources(m.document, base_url)}


def _seat_post(s: Seat) -> dict:
    through = f"（{s.post.label}）" if s.post_id else ""
    return {"id": f"seat/{s.pk}", "label": f"{s.body.label}{s.role}{through}", "role": s.role,
            "organization_id": f"organization/{s.body_id}", "start_date": _day(s.start_date),
            "end_date": _day(s.end_date), "other_label": [s.role_note] if s.role_note else []}


def _seat_memberships(on: dt.date) -> list[dict]:
    seats = list(Seat.objects.active_on(on).select_related("body", "post__organization", "post__filled_by",
                                                           "named_person"))
    seats = [s for s in seats if s.body.exists_on(on)]
    held = holders_map([s.post for s in seats if s.post_id], on)
    starts = {(m.person_id, m.post_id): m.start_date for m in Membership.objects.active_on(on)}
    found = []
    for s in seats:
        for person in occupants(s, held):
            since = s.start_date
            if s.basis != SeatBasis.PERSONAL and s.post_id:
                held_since = starts.get((person.pk, s.post.base.pk))
                since = max(since, held_since) if held_since else since
            found.append({"id": f"seat/{s.pk}/person/{person.pk}", "person_id": f"person/{person.pk}",
                          "organization_id": f"organization/{s.body_id}", "post_id": f"seat/{s.pk}",
                          "role": s.role, "start_date": _day(since), "end_date": None,
                          "label": f"{on.isoformat()} 在任" + (f"，任{s.post.label}" if s.post_id else "")})
    return found


def export_popolo(on: dt.date, *, base_url: str | None = None) -> dict:
    """The whole registry as one Popolo document; seat memberships are those in force on `on`.
    `base_url` (http://host) turns source documents into links; without it `sources` stay empty."""
    organizations = Organization.objects.prefetch_related("names").select_related(
        "founding_document", "dissolution_document")
    posts = Post.objects.select_related("organization")
    memberships = Membership.objects.select_related("post", "document").order_by("pk")
    seats = Seat.objects.select_related("body", "post__organization").order_by("pk")
    return {
        "persons": [_person(p) for p in Person.objects.order_by("pk")],
        "organizations": [_organization(o, base_url) for o in organizations.order_by("pk")],
        "posts": [_post(p) for p in posts.order_by("pk")] + [_seat_post(s) for s in seats],
        "memberships": [_membership(m, base_url) for m in memberships] + _seat_memberships(on),
    }
