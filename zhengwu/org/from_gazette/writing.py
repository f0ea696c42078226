"""Write a composition plan (from `composition.read_composition`) into the registry, in one transaction.

Re-importing a document replaces the seats it set up and leaves everything else as it is (people,
posts, memberships and dissolutions are looked up before they are created). The seats of a body end
the day before a later document's seats for the same body start, so history is kept.
"""
import datetime as dt

from django.db import transaction

from zhengwu.core.errors import DomainError
from zhengwu.gazette.models import Document

from ..appointments import record_attested
from ..audit import collected, record
from ..models import Organization, Person, Post, Seat
from ..registry import add_alias, ensure_person, ensure_post, ensure_unit
from ..resolve import lookup_organization
from ..titles import seat_post
from ..units import classify_body, known_unit
from ..vocab import Classification, SeatBasis
from .composition import BodyPlan, Dissolution, Plan, SeatPlan
from .report import ImportReport, Problem

ONE_DAY = dt.timedelta(days=1)


def close_earlier_seats(body: Organization) -> None:
    """Each set of seats (one document's, one issue's) lasts until the day before the next set starts."""
    seats = list(body.seats.all())
    starts = sorted({s.start_date for s in seats})
    for seat in seats:
        later = [d for d in starts if d > seat.start_date]
        end = later[0] - ONE_DAY if later else None
        if seat.end_date != end:
            seat.end_date = end
            seat.save(update_fields=["end_date"])


class Writer:
    def __init__(self, document: Document, plan: Plan, *, by: str) -> None:
        if document.signed_on is None:
            raise DomainError("这篇公文没有成文日期，无法确定席位的生效日期。", field="signed_on", code="no_date",
                              line=document.line)
        self.document, self.plan, self.by = document, plan, by
        self.day: dt.date = document.signed_on
        self.reason = f"据{document.number or document.title}"
        self.orgs: dict[int, Organization] = {}
        # one document names the same units, posts and people many times: look each up once
        self.units: dict[str, Organization] = {}
        self.posts: dict[tuple[int, str], Post] = {}
        self.persons: dict[str, Person] = {}
        self.report = ImportReport(document.number or document.title, "composition", problems=list(plan.problems))

    def write(self) -> ImportReport:
        with transaction.atomic(), collected():
            Seat.objects.filter(document=self.document).delete()
            for body in self.plan.bodies:
                self.orgs[id(body)] = self.body(body)
            seats = [self.seat(self.orgs[id(body)], seat, order)
                     for body in self.plan.bodies for order, seat in enumerate(body.seats)]
            Seat.objects.bulk_create(seats)
            for dissolution in self.plan.dissolutions:
                self.dissolve(dissolution)
            for org in self.orgs.values():
                close_earlier_seats(org)
            self.report.linked = sorted({f"{p.label} ← {p.filled_by.label}" for p in
                                         Post.objects.filter(filled_by__isnull=False, seats__document=self.document)
                                         .select_related("organization", "filled_by__organization")})
            record("import_document", self.document, self.report.summary(), by=self.by, reason=self.reason,
                   details=self.report.as_json())
        return self.report

    def body(self, plan: BodyPlan) -> Organization:
        name, short = plan.name, ""
        if plan.office_of is not None:
            parent = self.orgs[id(plan.office_of)]
            name, short = f"{parent.name}办公室", (f"{parent.short_name}办公室" if parent.short_name else "")
        org = lookup_organization(name)
        if org is None:
            known = known_unit(name)
            org = Organization.objects.create(name=known.name if known else name,
                                              short_name=known.short_name if known else short,
                                              classification=known.classification if known else plan.classification)
            for alias in (*(known.aliases if known else ()), org.short_name):
                add_alias(org, alias, note="简称" if alias == org.short_name else "")
            record("add_organization", org, f"登记机构 {org.name}", by=self.by, reason=self.reason)
        self.update(org, plan)
        if plan.classification == Classification.SPECIAL_OFFICE and org.parent_id:
            add_alias(org, f"{org.parent.label}{org.name}", note="上级机构 + 名称")  # 区安委会道路交通安全办公室
        self.report.bodies.append(org.label)
        return org

    def update(self, org: Organization, plan: BodyPlan) -> None:
        fields = []
        parent = self.orgs.get(id(plan.parent)) if plan.parent else None
        if parent is not None and org.parent_id != parent.pk:
            org.parent = parent
            fields.append("parent")
        if plan.hosted_in:
            host = self.unit(plan.hosted_in)
            if org.hosted_in_id != host.pk:
                org.hosted_in = host
                fields.append("hosted_in")
        if plan.duties and org.description != "\n".join(plan.duties):
            org.description = "\n".join(plan.duties)
            fields.append("description")
        if org.classification == Classification.OTHER and plan.classification != Classification.OTHER:
            org.classification = plan.classification
            fields.append("classification")
        if plan.founded and org.founding_document_id in (None, self.document.pk):
            org.founding_date, org.founding_document = self.day, self.document
            fields += ["founding_date", "founding_document"]
        if fields:
            org.save(update_fields=fields)
        for alias in plan.aliases:
            try:
                add_alias(org, alias, note="公文标题的写法")
            except DomainError as exc:
                self.report.problems.append(Problem(plan.line, "alias_taken", exc.message))

    def unit(self, printed: str) -> Organization:
        if printed not in self.units:
            self.units[printed] = ensure_unit(printed, by=self.by, reason=self.reason)
        return self.units[printed]

    def post(self, unit: Organization, title: str) -> Post:
        if (unit.pk, title) not in self.posts:
            self.posts[unit.pk, title] = ensure_post(unit, title, by=self.by, reason=self.reason)
        return self.posts[unit.pk, title]

    def person(self, name: str) -> Person:
        if name not in self.persons:
            self.persons[name] = ensure_person(name, by=self.by, reason=self.reason)
        return self.persons[name]

    def seat(self, body: Organization, plan: SeatPlan, order: int) -> Seat:
        common = {"body": body, "role": plan.role.role, "role_note": plan.role.note, "order": order,
                  "start_date": self.day, "document": self.document, "line": plan.line}
        try:
            if plan.person is not None:
                person = self.person(plan.person.name)
                chosen = seat_post(plan.person.posts)
                seat_post_row = None
                for printed in plan.person.posts:
                    post = self.post(self.unit(printed.unit), printed.title)
                    _, created = record_attested(person, post, self.day, document=self.document, note=printed.note,
                                                 by=self.by, reason=self.reason)
                    self.report.memberships += created
                    if printed == chosen:
                        seat_post_row = post
                seat = Seat(basis=SeatBasis.NAMED, post=seat_post_row, named_person=person, **common)
            else:
                unit_post = plan.ex_officio
                post = self.post(self.unit(unit_post.unit), unit_post.title)
                seat = Seat(basis=SeatBasis.EX_OFFICIO, post=post, note=unit_post.note, **common)
        except DomainError as exc:
            raise DomainError(exc.message, line=plan.line, field=exc.field, code=exc.code) from exc
        self.report.seats += 1
        return seat

    def dissolve(self, plan: Dissolution) -> None:
        org = lookup_organization(plan.name)
        if org is None:
            org = Organization.objects.create(name=plan.name, classification=classify_body(plan.name))
            record("add_organization", org, f"登记机构 {org.name}", by=self.by, reason=self.reason)
        successor = self.orgs[id(plan.successor)]
        if (org.dissolution_document_id == self.document.pk and org.dissolution_date == self.day
                and org.dissolution_reason == plan.reason and org.successor_id == successor.pk):
            self.report.dissolved.append(org.label)  # imported before: nothing to change or record
            return
        if org.dissolution_date and org.dissolution_document_id != self.document.pk:
            self.report.problems.append(Problem(plan.line, "already_dissolved",
                                                f"{org.label}已于{org.dissolution_date.isoformat()}撤销，未改动。"))
            return
        org.dissolution_date, org.dissolution_document = self.day, self.document
        org.dissolution_reason, org.successor = plan.reason, successor
        org.save(update_fields=["dissolution_date", "dissolution_document", "dissolution_reason", "successor"])
        verb = "并入" if plan.reason == "merged" else "撤销，职能职责由"
        record("dissolve", org, f"{org.label} {self.day.isoformat()} {verb} {org.successor.label}", by=self.by,
               reason=self.reason)
        self.report.dissolved.append(org.label)


def write_composition(document: Document, plan: Plan, *, by: str) -> ImportReport:
    return Writer(document, plan, by=by).write()
