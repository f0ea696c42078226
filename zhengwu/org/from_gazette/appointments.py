"""Read an appointment notice (任免通知, 綦江府人〔2021〕3号) from its gazette nodes and apply it.

    经2021年6月22日第二届区人民政府第111次常务会研究，决定：
    王昌鹏同志任重庆兴能物产发展有限公司总经理，免去其重庆市綦江区城市建设投资有限公司总经理职务；
    廖建伟同志任重庆兴能物产发展有限公司副总经理（试用期1年）。

The decision takes effect on the notice's date (成文日期). Each 任 goes through `appointments.appoint`, each
免 through `appointments.remove` (a removal from a post the registry has no appointment for records a
membership with an unknown start). A notice is applied once: importing it again changes nothing.
"""
import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction

from zhengwu.core.chinese import chinese_numeral, parse_chinese_date
from zhengwu.core.errors import DomainError
from zhengwu.gazette.models import Document, Node

from ..appointments import appoint, remove
from ..audit import collected, record
from ..models import Decision, DecisionItem
from ..names import normalize_name
from ..registry import ensure_person, ensure_post, ensure_unit
from ..titles import PrintedPost, split_posts
from ..vocab import ItemAction
from .report import ImportReport, Problem

MEETING_RE = re.compile(r"^经(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?P<meeting>.+?)研究，决定[：:]?$")
ITEM_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff\s]{2,8}?)同志(?:[（(](?P<note>[^）)]{1,6})[）)])?(?P<clauses>[任免].+)$")
APPOINT_RE = re.compile(r"^任(?P<post>.+?)(?:[（(]试用期(?P<n>[一二两三四五六七八九十\d]+)(?P<unit>年|个月)[）)])?$")
REMOVE_RE = re.compile(r"^免去(?:其)?(?P<post>.+?)职务$")
GENDERS = ("女", "男")


@dataclass
class ItemPlan:
    action: str
    person: str
    gender_note: str
    post: PrintedPost
    probation_months: int | None
    line: int | None


@dataclass
class AppointmentPlan:
    meeting: str = ""
    meeting_date: dt.date | None = None
    line: int | None = None
    items: list[ItemPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _months(number: str, unit: str) -> int:
    n = int(number) if number.isdigit() else chinese_numeral(number)
    return n * 12 if unit == "年" else n


def read_appointments(document: Document) -> AppointmentPlan | None:
    """The decision and its items; None when the document has no “经…研究，决定” paragraph."""
    nodes = list(Node.objects.filter(part__document=document, part__kind="main").order_by("order"))
    plan = AppointmentPlan()
    for node in nodes:
        if (m := MEETING_RE.match(node.text.strip())) and not plan.meeting:
            try:
                plan.meeting_date = parse_chinese_date(m["date"])
            except ValueError as exc:
                raise DomainError(str(exc), line=node.line, field="meeting_date", code="bad_date") from None
            plan.meeting, plan.line = normalize_name(m["meeting"]), node.line
            continue
        if plan.meeting:
            _read_item(node, plan)
    return plan if plan.meeting else None


def _read_item(node: Node, plan: AppointmentPlan) -> None:
    text = node.text.strip().rstrip("；;。")
    m = ITEM_RE.match(text)
    if not m:
        if text:
            plan.problems.append(Problem(node.line, "unrecognised_line", f"读不懂这一段：“{text[:60]}”"))
        return
    name, note = normalize_name(m["name"]), (m["note"] or "").strip()
    gender = note if note in GENDERS else ""
    if note and not gender:
        plan.problems.append(Problem(node.line, "unknown_note", f"{name}的注记“{note}”未记录。", "info"))
    for clause in (c.strip() for c in m["clauses"].split("，") if c.strip()):
        appointed, removed = APPOINT_RE.match(clause), REMOVE_RE.match(clause)
        found = appointed or removed
        if not found:
            plan.problems.append(Problem(node.line, "unrecognised_clause", f"读不懂“{clause}”（应为“任…”或“免去…职务”）。"))
            continue
        try:
            posts = split_posts(found["post"])
        except ValueError as exc:
            plan.problems.append(Problem(node.line, "unreadable_post", str(exc)))
            continue
        months = _months(appointed["n"], appointed["unit"]) if appointed and appointed["n"] else None
        for post in posts:
            plan.items.append(ItemPlan(ItemAction.APPOINT if appointed else ItemAction.REMOVE, name, gender, post,
                                       months, node.line))


def apply_appointments(document: Document, plan: AppointmentPlan, *, by: str) -> ImportReport:
    """Create the decision and apply its items in order, in one transaction."""
    report = ImportReport(document.number or document.title, "appointments", problems=list(plan.problems))
    if document.signed_on is None:
        raise DomainError("任免通知没有成文日期，无法确定生效日期。", field="signed_on", code="no_date", line=document.line)
    existing = Decision.objects.filter(document=document).first()
    if existing is not None and existing.items.exists():
        report.already_imported = True
        return report
    reason = f"据{document.number or document.title}"
    with transaction.atomic(), collected():
        decision = existing or Decision.objects.create(meeting=plan.meeting, meeting_date=plan.meeting_date,
                                                       effective_date=document.signed_on, document=document,
                                                       line=plan.line)
        for order, item in enumerate(plan.items):
            try:
                person = ensure_person(item.person, gender_note=item.gender_note, by=by, reason=reason)
                post = ensure_post(ensure_unit(item.post.unit, by=by, reason=reason), item.post.title, by=by,
                                   reason=reason)
                if item.action == ItemAction.APPOINT:
                    membership = appoint(person, post, decision.effective_date, decision=decision,
                                         probation_months=item.probation_months, by=by, reason=reason)
                else:
                    membership = remove(person, post, decision.effective_date, decision=decision,
                                        unrecorded_start=True, by=by, reason=reason)
            except DomainError as exc:
                raise DomainError(exc.message, line=item.line, field=exc.field, code=exc.code) from exc
            DecisionItem.objects.create(decision=decision, order=order, action=item.action, person=person, post=post,
                                        probation_months=item.probation_months, membership=membership,
                                        line=item.line)
            report.items += 1
            report.memberships += 1
        report.bodies = sorted({i.post.unit for i in plan.items})
        record("import_document", document, report.summary(), by=by, reason=reason, details=report.as_json())
    return report
