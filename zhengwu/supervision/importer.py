"""Setting a programme up from a gazette document (`zhengwu supervision import-document NUMBER`).

- Tasks: every numbered paragraph whose text ends in “（责任单位：…；配合单位：…）” becomes a task citing
  its paragraph (四（一）1.), with one assignment per unit named, resolved against the org registry;
  collective phrases stay group rows; names the registry does not know are kept and reported. The due
  date is the document's “请于…前” date (16号 五（三）: 2021-07-20).
- Targets: a document with a target pack in rules/ (24号) gets its targets per party and year, after
  checking that every quoted text is in the paragraph it cites — the pack cannot drift from the gazette.

One transaction; running it again updates tasks and targets in place, adds units that are new, resolves
names the registry has learnt since, and never removes a unit with a history.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction

from zhengwu.core.citations import canonical_cite, cite
from zhengwu.core.docnumber import normalize_number
from zhengwu.core.errors import DomainError
from zhengwu.gazette.models import Document, Node

from . import extract, units
from .models import Assignment, Programme, Target, Task
from .rules import PLAN_NUMBER, TARGETS_FILE, default_rules, target_specs
from .vocab import Role

SPACES = re.compile(r"\s+")


@dataclass
class ImportReport:
    """What an import did and what it could not do (reported, never dropped)."""

    programme: Programme
    tasks_created: int = 0
    tasks_updated: int = 0
    assignments_created: int = 0
    targets_created: int = 0
    targets_updated: int = 0
    groups: list[dict] = field(default_factory=list)
    unresolved: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"document": self.programme.number, "programme": self.programme.pk,
                "title": self.programme.title, "tasks_created": self.tasks_created,
                "tasks_updated": self.tasks_updated, "assignments_created": self.assignments_created,
                "targets_created": self.targets_created, "targets_updated": self.targets_updated,
                "groups": self.groups, "unresolved": self.unresolved, "notes": self.notes}


def find_document(number: str) -> Document:
    canonical = normalize_number(number or "")
    document = Document.objects.filter(number=canonical).first() if canonical else None
    if document is None:
        raise DomainError(f"公报中没有文号为“{number}”的公文（先导入刊登它的公报）。", field="NUMBER",
                          code="unknown_document")
    return document


def programme_for(document: Document) -> Programme:
    """The document's programme, made on first use; titled by the text it transmits when it has one."""
    programme = Programme.objects.filter(document=document).first()
    if programme is None:
        transmitted = document.parts.filter(kind="transmitted").order_by("order").first()
        programme = Programme.objects.create(document=document, title=(transmitted or document).title)
    return programme


@transaction.atomic
def import_document(number: str) -> ImportReport:
    document = find_document(number)
    programme = programme_for(document)
    report = ImportReport(programme)
    nodes = list(Node.objects.filter(part__document=document).order_by("part__order", "order"))
    _import_tasks(programme, nodes, report)
    if document.number == PLAN_NUMBER:
        _import_targets(programme, nodes, report)
    if not report.tasks_created + report.tasks_updated + report.targets_created + report.targets_updated:
        report.notes.append("正文中没有写明责任单位的措施，也没有目标规则文件：请在督办项目页面手工录入事项和目标。")
    return report


def cite_of(node: Node, by_pk: dict[int, Node]) -> str:
    """四（一）1 — the numbers of the node and its headings, outermost first, as a canonical citation
    (core.citations: the 、 and . that close a printed heading number are no part of it)."""
    numbers = []
    current: Node | None = node
    while current is not None:
        if current.number:
            numbers.append(current.number)
        current = by_pk.get(current.parent_id) if current.parent_id else None
    return canonical_cite("".join(reversed(numbers)))


def _import_tasks(programme: Programme, nodes: list[Node], report: ImportReport) -> None:
    by_pk = {node.pk: node for node in nodes}
    deadline, deadline_cite = None, ""
    for node in nodes:
        found = extract.find_deadline(node.text)
        if found:
            deadline = found[0]
            deadline_cite = f"{cite(programme.number, cite_of(node, by_pk))}：“{found[1]}”"
    order = 0
    for node in nodes:
        measure = extract.read_measure(node.number, node.title, node.text) if node.number else None
        if measure is None:
            continue
        order += 1
        values = {"title": measure.title[:200], "text": measure.text, "cite": cite_of(node, by_pk),
                  "anchor": node.anchor, "order": order, "due": deadline, "due_cite": deadline_cite[:200]}
        task, created = Task.objects.update_or_create(programme=programme, ref=measure.ref, defaults=values)
        if created:
            report.tasks_created += 1
        else:
            report.tasks_updated += 1
        _assign(task, measure, report)


def _assign(task: Task, measure: extract.Measure, report: ImportReport) -> None:
    named = [(name, Role.LEAD) for name in measure.lead]
    named += [(name, Role.COOPERATING) for name in measure.cooperating if name not in measure.lead]
    existing = {a.unit_name: a for a in task.assignments.all()}
    for position, (name, role) in enumerate(named):
        found = units.resolve(name)
        assignment = existing.get(name)
        if assignment is None:
            Assignment.objects.create(task=task, unit_name=name, organization=found.organization, role=role,
                                      is_group=found.is_group, due=task.due, order=position)
            report.assignments_created += 1
        elif assignment.organization_id is None and found.organization is not None:
            assignment.organization = found.organization
            assignment.save(update_fields=["organization"])
        if found.is_group:
            report.groups.append({"ref": task.ref, "name": name, "role": role,
                                  "members": len(units.members(name))})
        elif found.unresolved:
            report.unresolved.append({"ref": task.ref, "name": name, "role": role,
                                      "message": f"名录中没有“{name}”：已保留原文写法，登记该单位后再次导入即可关联。"})
    for assignment in task.assignments.filter(due__isnull=True, state="assigned"):
        if task.due:  # a deadline found since the first import reaches units that have not started
            assignment.due = task.due
            assignment.save(update_fields=["due"])


def _compact(text: str) -> str:
    return SPACES.sub("", text or "")


def _import_targets(programme: Programme, nodes: list[Node], report: ImportReport) -> None:
    """Cites 綦江府办发〔2021〕24号二（二）2、綦江府办发〔2021〕24号一（二）、綦江府办发〔2021〕24号二（二）5、綦江府办发〔2021〕24号二（四）1、綦江府办发〔2021〕24号二（五）、綦江府办发〔2021〕24号二（七）2、綦江府办发〔2021〕24号二（七）3、綦江府办发〔2021〕24号二（七）4."""
    rules = default_rules()
    parties, specs = target_specs()
    on = rules.document.effective
    first = int(rules.value("period_first_year", on) or 0)
    last = int(rules.value("period_last_year", on) or 0)
    texts: dict[str, str] = {}
    for node in nodes:
        if node.anchor:
            texts[node.anchor] = _compact(node.title + node.text)
    for order, spec in enumerate(specs, start=1):
        version = rules.version(spec.code, on)
        if _compact(version.text) not in texts.get(spec.anchor, ""):
            raise DomainError(f"{TARGETS_FILE}：目标 {spec.code} 引用的原文“{version.text}”不在公文"
                              f" {programme.number} 的 {version.cite}（锚点 {spec.anchor}）中。", field=spec.code,
                              code="quote_not_found")
        holders = ["、".join(parties)] if spec.mode == "joint" else list(parties)
        for year in range(first, last + 1):
            threshold = rules.value(spec.code, dt_in(year, on))
            for party in holders:
                values = {"indicator": spec.indicator, "joint": spec.mode == "joint", "threshold": threshold,
                          "unit": spec.unit, "aspirational": spec.aspirational,
                          "cite": version.cite.removeprefix(programme.number), "anchor": spec.anchor,
                          "quote": version.text, "order": order}
                _target, created = Target.objects.update_or_create(programme=programme, code=spec.code,
                                                                   party=party, year=year, defaults=values)
                if created:
                    report.targets_created += 1
                else:
                    report.targets_updated += 1


def dt_in(year: int, effective: dt.date) -> dt.date:
    """The day whose parameter version applies to a year's target: 1 January, or the plan's effective
    date in its first year (a later version of a threshold then applies from its year on)."""
    return max(dt.date(year, 1, 1), effective)
