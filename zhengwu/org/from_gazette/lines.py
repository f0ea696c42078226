"""Pure text readers for the lines of composition notices (组成人员名单); no database.

Each reader returns a small dataclass, or None when the line is not of its kind; a line of its kind
that cannot be read raises ValueError with a Chinese message (the caller turns it into a Problem).
"""
import re
from dataclasses import dataclass, field

from ..names import normalize_name
from ..titles import IN_CHARGE, PRINCIPAL, PrintedPost, split_posts, split_top_level

CJK_NAME_RE = re.compile(r"^[\u4e00-\u9fff]+$")
ROLES = ("组长", "副组长", "成员", "主任", "常务副主任", "副主任", "指挥长", "常务副指挥长", "副指挥长",
         "总指挥长", "常务副总指挥长", "副总指挥长", "委员", "顾问", "主编", "副主编", "责任编辑", "编辑",
         "办公室主任", "办公室副主任", "秘书长", "副秘书长")
LABEL_RE = re.compile(r"^(?P<label>[^：:，。、]{1,30})[：:](?P<rest>.*)$")
ROLE_NOTE_RE = re.compile(r"^(?P<role>[^（(]+)(?:[（(](?P<note>[^）)]+)[）)])?$")
EX_OFFICIO_KINDS = (PRINCIPAL, IN_CHARGE)
UNIT_NOTE_RE = re.compile(r"^(?P<unit>[^（(]+)(?:[（(](?P<note>[^）)]+)[）)])?$")

MARKER_RE = re.compile(r"^[（(]\d+[)）](?P<what>组织架构|主要职责)$")
DUTIES_RE = re.compile(r"^主要职责[：:](?P<text>.+)$")
SUCCESSION_RE = re.compile(r"不再单独发文.*自行承接担任")
DISSOLVE_RE = re.compile(r"^撤销(?P<names>.+?)，其职能职责由(?P<successor>.+?)承担[。；]?$")
MERGE_RE = re.compile(r"^将(?P<a>.+?)与(?P<b>.+?)合并，由(?P<c>.+?)统筹开展原(?P<d>.+?)工作[。；]?$")
SUB_BODIES_RE = re.compile(r"^(?P<owner>.+?)下设(?P<names>.+?)等?(?P<count>\d+)个(?P<kind>专项安全办公室|专项指挥部)")


@dataclass(frozen=True)
class Role:
    role: str
    note: str = ""


def read_role(label: str) -> Role | None:
    """'主任（总指挥长）' → Role('主任', '总指挥长'); None when the label is no role (主要职责 …)."""
    m = ROLE_NOTE_RE.match(normalize_name(label))
    if not m or m["role"] not in ROLES:
        return None
    return Role(m["role"], m["note"] or "")


@dataclass(frozen=True)
class PersonLine:
    """'施崇刚 区委常委、区政府常务副区长': a name and the posts printed after it."""

    name: str
    posts: list[PrintedPost]


@dataclass(frozen=True)
class ExOfficio:
    """One unit's post in a member list: (区应急局, 主要负责人) or (区政府办公室, 副主任, note 有关)."""

    unit: str
    title: str
    note: str = ""


@dataclass(frozen=True)
class SeatLine:
    """A line of a composition list: a role (None: the previous line's) and a person or ex-officio units."""

    role: Role | None
    person: PersonLine | None = None
    ex_officio: list[ExOfficio] = field(default_factory=list)


def read_person(text: str) -> PersonLine | None:
    """A name (2–4 characters, printed with padding spaces or not) then posts; None if it is no name."""
    tokens = text.split()
    if len(tokens) < 2:
        return None
    if len(tokens[0]) == 1 and len(tokens) >= 3 and len(tokens[1]) <= 2:
        name, rest = tokens[0] + tokens[1], tokens[2:]
    else:
        name, rest = tokens[0], tokens[1:]
    if not (2 <= len(name) <= 4 and CJK_NAME_RE.match(name)):
        return None
    return PersonLine(name, split_posts("".join(rest)))


def read_member_list(text: str) -> list[ExOfficio] | None:
    """'区教委、…主要负责人；区委办公室、…分管负责人。' → one ExOfficio per unit; None if it is no list.

    A group ending in 主要负责人 or 分管负责人 applies that to every unit; another group is read as posts
    (“区政府办公室主任、有关副主任”).
    """
    body = text.strip().rstrip("。；;")
    if not body.endswith(EX_OFFICIO_KINDS):
        return None
    found: list[ExOfficio] = []
    for group in split_top_level(body, "；"):
        kind = next((k for k in EX_OFFICIO_KINDS if group.endswith(k)), None)
        if kind is None:
            found += [ExOfficio(p.unit, p.title, p.note) for p in split_posts(group)]
            continue
        units = split_top_level(group[: -len(kind)])
        if not units:
            raise ValueError(f"“{group}”没有写明单位。")
        for unit in units:
            m = UNIT_NOTE_RE.match(unit)
            if not m:
                raise ValueError(f"“{unit}”不是单位名称。")
            found.append(ExOfficio(m["unit"].strip(), kind, m["note"] or ""))
    return found


def read_seat_line(text: str) -> SeatLine | None:
    """A labelled line ('组长：施崇刚 …', '成员：区教委、…主要负责人') or an unlabelled continuation
    ('刘 刚 区发展改革委主任'); None for anything else. A label that is no role ('主要职责：') is None."""
    text = text.strip()
    m = LABEL_RE.match(text)
    if m:
        role = read_role(m["label"])
        if role is None:
            return None
        rest = m["rest"].strip()
    else:
        role, rest = None, text
    units = read_member_list(rest)
    if units is not None:
        return SeatLine(role, ex_officio=units)
    person = read_person(rest)
    if person is None:
        if role is not None:
            raise ValueError(f"“{rest}”既不是“姓名 职务”，也不是“单位…负责人”名单。")
        return None
    return SeatLine(role, person=person)


# --- offices (办公室) ----------------------------------------------------------------------------------

HOST_RE = re.compile(r"^(?P<before>.*?)(?:设在|下设办公室在)(?P<host>[^，。]+)$")
FILLER_RE = re.compile(r"^(?:负责|承担).*日常工作$")
NAMED_BY_RE = re.compile(r"^(?:办公室)?(?P<role>副主任|主任)由(?P<names>.+?)同志兼任$")
NAMED_AS_RE = re.compile(r"^(?P<names>.+?)同志兼任(?:办公室)?(?P<role>副主任|主任)$")
EX_OFFICIO_RE = re.compile(r"(?P<who>[^，。由]*?(?:主要负责人|分管负责人))兼任(?:办公室)?(?P<role>副主任|主任)")


@dataclass
class Office:
    """An office sentence: where it sits, who heads it (by name or ex officio), what was not understood."""

    host: str | None = None
    named: list[tuple[str, list[str]]] = field(default_factory=list)  # (role, names)
    ex_officio: list[tuple[str, ExOfficio]] = field(default_factory=list)  # (role, unit post)
    leftovers: list[str] = field(default_factory=list)


def is_office_text(text: str) -> bool:
    return "办公室" in text and ("设在" in text or "下设办公室在" in text) or text.startswith("设在")


def read_office(text: str) -> Office:
    """'区安委会办公室设在区应急局，由区应急局主要负责人兼任办公室主任、分管负责人兼任办公室副主任。'"""
    office = Office()
    last_unit = ""
    for sentence in (s.strip() for s in re.split(r"[。]", text) if s.strip()):
        for clause in (c.strip() for c in sentence.split("，") if c.strip()):
            if (m := HOST_RE.match(clause)) and office.host is None:
                office.host = m["host"].strip()
                last_unit = office.host
            elif FILLER_RE.match(clause):
                continue
            elif m := NAMED_BY_RE.match(clause) or NAMED_AS_RE.match(clause):
                office.named.append((m["role"], [normalize_name(n) for n in m["names"].split("、") if n.strip()]))
            elif matches := list(EX_OFFICIO_RE.finditer(clause.removeprefix("由"))):
                rest = EX_OFFICIO_RE.sub("", clause.removeprefix("由")).strip("、 ")
                if rest:
                    office.leftovers.append(clause)
                    continue
                for m in matches:
                    who = m["who"].strip("、 ")
                    kind = PRINCIPAL if who.endswith(PRINCIPAL) else IN_CHARGE
                    units = split_top_level(who[: -len(kind)]) or [last_unit]
                    for unit in units:
                        office.ex_officio.append((m["role"], ExOfficio(unit, kind)))
                    last_unit = units[-1]
            else:
                office.leftovers.append(clause)
    return office
