"""The workflow of one unit on one task (督办流程), as supervising offices run it:

    assigned ─签收▶ acknowledged ─进展▶ in_progress ─报结▶ reported ─审核▶ reviewed ─销号▶ closed
                         └──────────报结──────────▲      └──退回（写明理由）──▶ returned ─进展/报结─▶ …

Units (their reporting accounts, ReporterLink) acknowledge, report progress (with files) and report done;
the office (supervision.manage_supervision) reviews, closes (销号) or sends back with reasons. Closing a
task that was not reported and reviewed is refused, and so is any step on a group row (expand it first).
Extensions (延期): a unit asks on or before its deadline for a later day; the office approves (the unit's
deadline moves) or refuses. Each step is one transaction with the row locked and, when the page sends
it, a compare-and-swap on `version`; each is a TaskEvent with who, the day and the note.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from zhengwu.core.dates import today
from zhengwu.core.errors import DomainError
from zhengwu.core.uploads import check_count, discard
from zhengwu.desk.steps import Step, Steps, need_reason, step_day

from . import files as evidence
from . import units
from .models import Assignment, Extension, ReporterLink, TaskEvent, TaskFile
from .vocab import Role, State

MANAGE = "supervision.manage_supervision"
VIEW = "supervision.view_supervision"

WORKING = (State.ACKNOWLEDGED, State.IN_PROGRESS, State.RETURNED)
# action → (states it starts from, state it leads to, label, reason required); who takes it is in ACTOR
STEPS = Steps([
    Step("acknowledge", (State.ASSIGNED,), State.ACKNOWLEDGED, "签收"),
    Step("progress", WORKING, State.IN_PROGRESS, "报送进展"),
    Step("report", WORKING, State.REPORTED, "报结"),
    Step("review", (State.REPORTED,), State.REVIEWED, "审核通过"),
    Step("close", (State.REVIEWED,), State.CLOSED, "销号"),
    Step("return", (State.REPORTED, State.REVIEWED), State.RETURNED, "退回", reason=True),
], label_of=lambda state: State(state).label, states=State.values)
ACTOR = {"acknowledge": "unit", "progress": "unit", "report": "unit", "review": "office", "close": "office",
         "return": "office"}  # "unit": the unit's reporting account; "office": the supervising office
UNIT_STEPS = tuple(name for name in STEPS.steps if ACTOR[name] == "unit")
OFFICE_STEPS = tuple(name for name in STEPS.steps if ACTOR[name] == "office")


def is_office(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(MANAGE))


def can_view(user) -> bool:
    return bool(user and user.is_authenticated and (user.has_perm(MANAGE) or user.has_perm(VIEW)
                                                    or ReporterLink.objects.filter(user=user).exists()))


def unit_ids(user) -> set[int]:
    """The organisations whose tasks `user` reports for."""
    if not (user and user.is_authenticated):
        return set()
    return set(ReporterLink.objects.filter(user=user, organization__isnull=False)
               .values_list("organization_id", flat=True))


def parties_of(user) -> set[str]:
    if not (user and user.is_authenticated):
        return set()
    return set(ReporterLink.objects.filter(user=user).exclude(party="").values_list("party", flat=True))


def allowed_steps(assignment: Assignment, user) -> list[str]:
    """The steps `user` may take on `assignment` now (what the page offers)."""
    if assignment.is_group:
        return []
    who = {"office"} if is_office(user) else set()
    if assignment.organization_id and assignment.organization_id in unit_ids(user):
        who.add("unit")
    return [name for name in STEPS.allowed_next(assignment.state) if ACTOR[name] in who]


def refusal(assignment: Assignment, action: str) -> str:
    """Why `action` is not allowed from the assignment's state, in words the office uses."""
    state = State(assignment.state).label
    if action == "close" and assignment.state != State.REPORTED:
        return f"“{assignment.label}”尚未报结并经审核（当前：{state}），不能销号。"
    if action == "close":
        return f"“{assignment.label}”已报结但尚未审核，请先审核再销号。"
    if action in ("review", "return"):
        return f"“{assignment.label}”尚未报结（当前：{state}），不能{STEPS[action].label}。"
    return f"“{assignment.label}”当前为“{state}”，不能{STEPS[action].label}。"


@transaction.atomic
def step(assignment: Assignment, action: str, *, user=None, on: dt.date | None = None, note: str = "",
         uploads: Iterable[tuple[str, bytes]] = (), expected_version: int | None = None,
         written: list[str] | None = None) -> TaskEvent:
    """Make one step; a DomainError (code refused / conflict / forbidden) when it is not allowed."""
    if action not in STEPS:
        raise DomainError(f"没有“{action}”这个步骤（可用：{'、'.join(STEPS.steps)}）。", field="action")
    one, actor = STEPS[action], ACTOR[action]
    starts, to_state, label = one.starts, one.to, one.label
    row = Assignment.objects.select_for_update(of=("self",)).select_related("task", "organization").get(pk=assignment.pk)
    if row.is_group:
        raise DomainError(f"“{row.unit_name}”是统称，请先展开为具体单位再办理。", field="action", code="group")
    if expected_version is not None and row.version != expected_version:
        raise DomainError("该事项已被他人办理，页面已过期，请刷新后再操作。", field="version", code="conflict")
    if user is not None:
        _check_actor(row, user, actor, label)
    if row.state not in starts:
        raise DomainError(refusal(row, action), field="action", code="refused")
    note = (note or "").strip()
    if one.reason:
        need_reason(note, label, field="note", wording="写明理由")
    if action in ("progress", "report"):
        need_reason(note, label, field="note", wording="写明办理情况", code="note_required")
    day = step_day(on, field="on")
    event = TaskEvent.objects.create(assignment=row, kind=action, from_state=row.state, to_state=to_state,
                                     on=day, by=user, note=note)
    _attach(event, uploads, written if written is not None else [])
    row.state = to_state
    if action == "report":
        row.reported_on = day
    if action == "return":
        row.reported_on = None
    if action == "close":
        row.closed_on = day
    row.version += 1
    row.save(update_fields=["state", "reported_on", "closed_on", "version"])
    assignment.state, assignment.version = row.state, row.version
    assignment.reported_on, assignment.closed_on = row.reported_on, row.closed_on
    return event


def _check_actor(row: Assignment, user, actor: str, label: str) -> None:
    if actor == "office" and not is_office(user):
        raise DomainError(f"只有督查室可以{label}。", field="action", code="forbidden")
    if actor == "unit" and row.organization_id not in unit_ids(user):
        raise DomainError(f"只有承办单位“{row.label}”的填报账号可以{label}。", field="action", code="forbidden")


def _attach(event: TaskEvent, uploads: Iterable[tuple[str, bytes]], written: list[str]) -> None:
    uploads = list(uploads)
    check_count(len(uploads), evidence.POLICY)
    for name, data in uploads:
        shown, content_type = evidence.check(name, data)
        stored = evidence.save(data, written)
        TaskFile.objects.create(event=event, stored_name=stored, name=shown, content_type=content_type,
                                size=len(data))


def run_step(assignment: Assignment, action: str, **kwargs) -> TaskEvent:
    """`step`, deleting the files it wrote when it fails (nothing half-written)."""
    written: list[str] = []
    try:
        return step(assignment, action, written=written, **kwargs)
    except Exception:
        discard(written)
        raise


# ---- extensions ---------------------------------------------------------------------------------------

@transaction.atomic
def request_extension(assignment: Assignment, new_due: dt.date, reason: str, *, user=None,
                      on: dt.date | None = None) -> Extension:
    """A unit asks for a later deadline: on or before the deadline (a deadline that has passed cannot be
    extended), for a later day, with a reason, and one pending request at a time."""
    row = Assignment.objects.select_for_update(of=("self",)).select_related("organization").get(pk=assignment.pk)
    day = step_day(on, field="on")
    if user is not None:
        _check_actor(row, user, "unit", "申请延期")
    if row.is_group or row.state in (State.REPORTED, State.REVIEWED, State.CLOSED):
        raise DomainError(f"“{row.label}”当前为“{State(row.state).label}”，无需申请延期。", field="action",
                          code="refused")
    if row.due is None:
        raise DomainError("该事项没有截止日期，无需申请延期。", field="new_due", code="refused")
    if day > row.due:
        raise DomainError(f"延期须在截止日期（{row.due.isoformat()}）前申请；{day.isoformat()} 已逾期，不能再申请延期。",
                          field="on", code="too_late")
    if new_due <= row.due:
        raise DomainError(f"申请延至的日期应晚于原截止日期 {row.due.isoformat()}。", field="new_due", code="refused")
    need_reason(reason, "申请延期", wording="写明理由")
    if row.extensions.filter(decision=Extension.Decision.PENDING).exists():
        raise DomainError("已有一份待批准的延期申请。", field="action", code="refused")
    TaskEvent.objects.create(assignment=row, kind="extension_request", from_state=row.state, to_state=row.state,
                             on=day, by=user, note=f"申请延至 {new_due.isoformat()}：{reason.strip()}")
    return Extension.objects.create(assignment=row, asked_on=day, old_due=row.due, new_due=new_due,
                                    reason=reason.strip())


@transaction.atomic
def decide_extension(extension: Extension, approve: bool, *, user=None, on: dt.date | None = None,
                     note: str = "") -> Extension:
    row = Extension.objects.select_for_update().get(pk=extension.pk)
    if user is not None and not is_office(user):
        raise DomainError("只有督查室可以批复延期申请。", field="action", code="forbidden")
    if row.decision != Extension.Decision.PENDING:
        raise DomainError("该延期申请已批复。", field="action", code="refused")
    if not approve:
        need_reason(note, "不予批准", field="note", wording="写明理由")
    day = step_day(on, field="on")
    row.decision = Extension.Decision.APPROVED if approve else Extension.Decision.REFUSED
    row.decided_on, row.decision_note = day, (note or "").strip()
    row.save()
    assignment = Assignment.objects.select_for_update().get(pk=row.assignment_id)
    if approve:
        assignment.due = row.new_due
        assignment.version += 1
        assignment.save(update_fields=["due", "version"])
    TaskEvent.objects.create(assignment=assignment, kind="extension_decision", from_state=assignment.state,
                             to_state=assignment.state, on=day, by=user,
                             note=("批准延期至 " + row.new_due.isoformat()) if approve else f"不予延期：{note.strip()}")
    return row


# ---- groups --------------------------------------------------------------------------------------------

@transaction.atomic
def expand_group(assignment: Assignment, *, user=None, on: dt.date | None = None,
                 only: Iterable[int] | None = None) -> list[Assignment]:
    """Replace nothing, add one assignment per member of a group row (or of `only` among them); members
    already on the task are skipped. An unknown kind of member (全区各中小学) is a DomainError saying so."""
    if user is not None and not is_office(user):
        raise DomainError("只有督查室可以展开统称。", field="action", code="forbidden")
    if not assignment.is_group:
        raise DomainError(f"“{assignment.unit_name}”不是统称。", field="action", code="refused")
    found = units.members(assignment.unit_name, on or today())
    if only is not None:
        wanted = set(only)
        found = [org for org in found if org.pk in wanted]
    if not found:
        raise DomainError(f"机构名录中没有“{assignment.unit_name}”所指的单位，请在名录中登记后再展开，或手工添加承办单位。",
                          field="group", code="no_members")
    task = assignment.task
    taken = set(task.assignments.exclude(organization=None).values_list("organization_id", flat=True))
    names = set(task.assignments.values_list("unit_name", flat=True))
    made = []
    start = task.assignments.count()
    for org in found:
        if org.pk in taken or org.label in names:
            continue
        made.append(Assignment(task=task, unit_name=org.label, organization=org, role=assignment.role,
                               group=assignment.unit_name, due=assignment.due or task.due, order=start + len(made)))
    Assignment.objects.bulk_create(made)
    return made


@transaction.atomic
def link_unit(programme, unit_name: str, registry_name: str, *, user=None) -> int:
    """Link every assignment of `programme` printed as `unit_name` (unresolved: 区人大办) to the registry's
    organisation named `registry_name` (区人大常委会办公室); returns how many rows were linked. The printed
    name stays as the document wrote it."""
    from zhengwu.org.resolve import find_organization

    if user is not None and not is_office(user):
        raise DomainError("只有督查室可以关联单位。", field="action", code="forbidden")
    organization = find_organization(registry_name, field="organization")
    rows = Assignment.objects.filter(task__programme=programme, unit_name=unit_name, organization__isnull=True,
                                     is_group=False)
    clash = Assignment.objects.filter(task__programme=programme, organization=organization,
                                      task__in=rows.values("task")).exclude(unit_name=unit_name)
    if clash.exists():
        raise DomainError(f"{organization.label}已是其中某些事项的承办单位，不能再关联“{unit_name}”。",
                          field="organization", code="duplicate")
    return rows.update(organization=organization)


def add_unit(task, name: str, role: str = Role.LEAD) -> Assignment:
    """Add a unit by hand (documents entered by hand, or a unit the text forgot); resolved like imports."""
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写单位名称。", field="unit")
    if task.assignments.filter(unit_name=name).exists():
        raise DomainError(f"“{name}”已是该事项的承办单位。", field="unit", code="duplicate")
    found = units.resolve(name)
    return Assignment.objects.create(task=task, unit_name=name, organization=found.organization, role=role,
                                     is_group=found.is_group, due=task.due, order=task.assignments.count())
