"""Read a composition notice (成立/调整议事协调机构的通知) from its gazette nodes into a plan; no writes.

The node tree of the imported document gives the structure: a heading that names a body (…领导小组,
…委员会, 区安委会, …指挥部, …办公室) opens that body, nested under the body of the nearest heading
above it; headings such as 组成人员 and 主要职责 only mark sections. Inside a body each paragraph is one of:
a seat line, a member list, an office sentence, duties, an abolition, a merger, a list of sub-bodies, or
the succession rule. Anything else becomes a Problem with its line; nothing is guessed.
"""
import re
from dataclasses import dataclass, field

from zhengwu.gazette.models import Document, Node

from ..names import normalize_name
from ..units import classify_body
from ..vocab import Classification, DissolutionReason
from .lines import (
    DISSOLVE_RE,
    DUTIES_RE,
    MARKER_RE,
    MERGE_RE,
    SUB_BODIES_RE,
    SUCCESSION_RE,
    ExOfficio,
    Office,
    PersonLine,
    Role,
    is_office_text,
    read_office,
    read_seat_line,
)
from .report import Problem

STRUCTURAL = {"组成人员及主要职责", "组成人员", "主要职责", "专项安全办公室", "专项指挥部", "组织架构"}
BODY_SUFFIXES = ("领导小组", "委员会", "安委会", "减灾委", "指挥部", "办公室", "联席会议")
SUB_BODY_KINDS = {"专项安全办公室": Classification.SPECIAL_OFFICE, "专项指挥部": Classification.COMMAND_HQ}
PREAMBLE_COUNT_RE = re.compile(r"成立.+?等\s*(?P<count>\d+)\s*个议事协调机构")
TRAILING_NOTE_RE = re.compile(r"[（(][^（）()]*[）)]$")
# Statements the registry understands but has nowhere to record: reported as `info`, never dropped.
NOT_MODELLED = (re.compile(r"成员单位由.+提出"), re.compile(r"有关科室负责人担任"), re.compile(r"职责由.+另行行文"),
                re.compile(r"^负责本行业领域"))


@dataclass
class SeatPlan:
    role: Role
    line: int | None
    person: PersonLine | None = None
    ex_officio: ExOfficio | None = None


@dataclass
class BodyPlan:
    """A body as the document describes it. An office (`office_of` set) is named after its body."""

    name: str
    classification: str
    line: int | None
    parent: "BodyPlan | None" = None
    office_of: "BodyPlan | None" = None
    hosted_in: str | None = None
    founded: bool = False
    aliases: list[str] = field(default_factory=list)
    duties: list[str] = field(default_factory=list)
    seats: list[SeatPlan] = field(default_factory=list)


@dataclass
class Dissolution:
    name: str
    reason: str
    successor: BodyPlan
    line: int | None


@dataclass
class Plan:
    bodies: list[BodyPlan] = field(default_factory=list)
    dissolutions: list[Dissolution] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def looks_like_body(title: str) -> bool:
    return TRAILING_NOTE_RE.sub("", title).endswith(BODY_SUFFIXES)


def has_composition(document: Document) -> bool:
    """Whether the document holds a composition: a heading naming a body, or a seat line."""
    for node in Node.objects.filter(part__document=document, part__kind="main"):
        if node.kind == "heading" and looks_like_body(normalize_name(node.title)):
            return True
        try:
            if node.kind != "heading" and read_seat_line(node.text):
                return True
        except ValueError:
            continue
    return False


class Reader:
    """One pass over the main text's nodes, in reading order."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.plan = Plan()
        self.nodes = list(Node.objects.filter(part__document=document, part__kind="main").order_by("order"))
        self.by_id = {n.pk: n for n in self.nodes}
        self.heading_body: dict[int, BodyPlan] = {}
        self.heading_section: dict[int, str] = {}
        self.mode: dict[int, str] = {}  # id(body) → "duties" after a (2)主要职责 marker
        self.last_role: dict[int, Role | None] = {}
        self.sub_lists: list[tuple[BodyPlan, str, list[str], int, int | None]] = []
        self.founding = "成立" in document.title
        self.preamble_count: tuple[int, int | None] | None = None

    def problem(self, line: int | None, code: str, message: str, severity: str = "warning") -> None:
        self.plan.problems.append(Problem(line, code, message, severity))

    def context(self, node: Node) -> tuple[BodyPlan | None, str | None]:
        """The body a node belongs to and the section heading (主要职责 …) between it and that body."""
        section = None
        parent = self.by_id.get(node.parent_id) if node.parent_id else None
        while parent is not None:
            if parent.pk in self.heading_body:
                return self.heading_body[parent.pk], section
            section = section or self.heading_section.get(parent.pk)
            parent = self.by_id.get(parent.parent_id) if parent.parent_id else None
        return None, section

    def read(self) -> Plan:
        for node in self.nodes:
            body, section = self.context(node)
            if node.kind == "heading":
                self.heading(node, body, section)
            elif body is None:
                self.preamble(node)
            else:
                self.paragraph(node, body, section)
        self.check_lists()
        return self.plan

    # --- headings and the opening paragraph ---------------------------------------------------------

    def heading(self, node: Node, body: BodyPlan | None, section: str | None) -> None:
        title = normalize_name(node.title)
        if title in STRUCTURAL:
            self.heading_section[node.pk] = title
            return
        if not looks_like_body(title):
            self.problem(node.line, "unrecognised_heading", f"标题“{title}”既不是机构名称，也不是“组成人员”“主要职责”等栏目。")
            return
        name = TRAILING_NOTE_RE.sub("", title)
        kind = SUB_BODY_KINDS.get(section or "") or classify_body(name)
        new = BodyPlan(name, kind, node.line, parent=body, founded=self.founding and body is None)
        if name != title:
            new.aliases.append(title)
        self.plan.bodies.append(new)
        self.heading_body[node.pk] = new
        if node.text.strip():  # 1.道路交通安全办公室。设在…，由…兼任办公室主任…
            self.office(node.text, node.line, new, itself=True)

    def preamble(self, node: Node) -> None:
        if m := PREAMBLE_COUNT_RE.search(node.text):
            self.preamble_count = (int(m["count"]), node.line)

    # --- paragraphs inside a body -------------------------------------------------------------------

    def paragraph(self, node: Node, body: BodyPlan, section: str | None) -> None:
        text, line = node.text.strip(), node.line
        if not text:
            return
        if SUCCESSION_RE.search(text):
            return  # the rule `roster` implements: seats follow posts
        if m := MARKER_RE.match(text):
            self.mode[id(body)] = "duties" if m["what"] == "主要职责" else "composition"
            return
        if m := DUTIES_RE.match(text):
            body.duties.append(m["text"])
            return
        if section == "主要职责" or self.mode.get(id(body)) == "duties":
            body.duties.append(text)
            return
        for reader in (self.dissolution, self.merger, self.sub_bodies):
            if reader(text, line, body):
                return
        if is_office_text(text):
            self.office(text, line, body, itself=False)
            return
        if any(p.search(text) for p in NOT_MODELLED):
            self.problem(line, "not_modelled", f"名录不记录这一规定：“{text}”", "info")
            return
        self.seat_line(text, line, body)

    def seat_line(self, text: str, line: int | None, body: BodyPlan) -> None:
        try:
            parsed = read_seat_line(text)
        except ValueError as exc:
            self.problem(line, "unreadable_seat", str(exc))
            self.last_role[id(body)] = None
            return
        if parsed is None:
            self.problem(line, "unrecognised_line", f"读不懂这一段：“{text[:60]}”")
            return
        role = parsed.role or self.last_role.get(id(body))
        if role is None:
            self.problem(line, "no_role", f"这一行没有角色（组长、成员…），上一行也不是名单：“{text[:60]}”")
            return
        self.last_role[id(body)] = role
        if parsed.person:
            body.seats.append(SeatPlan(role, line, person=parsed.person))
        for unit_post in parsed.ex_officio:
            body.seats.append(SeatPlan(role, line, ex_officio=unit_post))

    def office(self, text: str, line: int | None, body: BodyPlan, *, itself: bool) -> None:
        parsed: Office = read_office(text)
        target = body
        if not itself:
            target = BodyPlan(f"{body.name}办公室", Classification.OFFICE, line, parent=body, office_of=body,
                              founded=body.founded)
            self.plan.bodies.append(target)
        target.hosted_in = parsed.host
        if parsed.host is None:
            self.problem(line, "office_without_host", "没有写明办公室设在哪个单位。")
        for role, names in parsed.named:
            for name in names:
                seated = next((s for s in body.seats if s.person and s.person.name == name), None)
                if seated is None:
                    self.problem(line, "office_person_not_listed",
                                 f"办公室{role}“{name}”不在{body.name}的名单中，无法确定其职务，未建席位。")
                    continue
                target.seats.append(SeatPlan(Role(role), line, person=seated.person))
        for role, unit_post in parsed.ex_officio:
            target.seats.append(SeatPlan(Role(role), line, ex_officio=unit_post))
        for clause in parsed.leftovers:
            if any(p.search(clause) for p in NOT_MODELLED):
                self.problem(line, "not_modelled", f"名录不记录这一规定：“{clause}”", "info")
            else:
                self.problem(line, "unrecognised_clause", f"读不懂办公室的这一句：“{clause}”")

    def dissolution(self, text: str, line: int | None, body: BodyPlan) -> bool:
        m = DISSOLVE_RE.match(text)
        if not m:
            return False
        if not body.name.endswith(m["successor"]):
            self.problem(line, "unclear_successor", f"“{m['successor']}”不是本节的{body.name}，未记录撤销。")
            return True
        for name in (normalize_name(n) for n in m["names"].split("、")):
            if name:
                self.plan.dissolutions.append(Dissolution(name, DissolutionReason.ABOLISHED, body, line))
        return True

    def merger(self, text: str, line: int | None, body: BodyPlan) -> bool:
        m = MERGE_RE.match(text)
        if not m:
            return False
        names = {body.name, *(TRAILING_NOTE_RE.sub("", a) for a in body.aliases)}
        if m["a"] != m["c"] or m["b"] != m["d"] or m["a"] not in names:
            self.problem(line, "unclear_merger", f"合并的写法与本节机构{body.name}对不上，未记录合并：“{text}”")
            return True
        self.plan.dissolutions.append(Dissolution(normalize_name(m["b"]), DissolutionReason.MERGED, body, line))
        return True

    def sub_bodies(self, text: str, line: int | None, body: BodyPlan) -> bool:
        m = SUB_BODIES_RE.match(text)
        if not m:
            return False
        names = [normalize_name(n) for n in m["names"].split("、") if n.strip()]
        self.sub_lists.append((body, SUB_BODY_KINDS[m["kind"]], names, int(m["count"]), line))
        for clause in re.split(r"[，。]", text[m.end():]):
            if clause.strip():
                self.problem(line, "not_modelled", f"名录不记录这一规定：“{clause.strip()}”", "info")
        return True

    # --- checks across the document -----------------------------------------------------------------

    def check_lists(self) -> None:
        """Lists of sub-bodies and the opening count must agree with the bodies found under the headings."""
        for owner, kind, names, count, line in self.sub_lists:
            found = [b.name for b in self.plan.bodies if b.parent is owner and b.classification == kind]
            missing = [n for n in names if n not in found and f"区{n}" not in found]
            if missing or len(found) != count or len(names) != count:
                self.problem(line, "sub_bodies_mismatch",
                             f"列出{count}个（{'、'.join(names)}），各节标题有{len(found)}个（{'、'.join(found)}）"
                             + (f"；标题中没有：{'、'.join(missing)}" if missing else "") + "。")
        if self.preamble_count:
            count, line = self.preamble_count
            top = [b for b in self.plan.bodies if b.parent is None]
            if len(top) != count:
                self.problem(line, "body_count_mismatch", f"开头说成立{count}个议事协调机构，正文有{len(top)}个。")


def read_composition(document: Document) -> Plan:
    return Reader(document).read()
