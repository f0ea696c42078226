"""Units named by a document, resolved against the organisation registry (zhengwu.org), and the collective
phrases (统称) documents use instead of names: 区级有关部门, 各街镇, 全区各中小学.

A collective phrase is kept as one group row on the task and expanded to its members on request
(`members`): the registry's organisations of the classifications below that exist on the day. A phrase
whose kind of unit the registry does not hold (全区各中小学: schools are not registered) expands to nobody,
and says so, rather than being dropped.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zhengwu.org.models import Organization
from zhengwu.org.resolve import lookup_organization
from zhengwu.org.vocab import Classification as C

DEPARTMENTS = (C.DISTRICT_BODY, C.PARTY, C.PEOPLES_CONGRESS, C.JUDICIAL, C.MASS_ORGANISATION)
# 区委 and 区政府 themselves are not 部门; they assign the work, they do not receive it as departments.
NOT_DEPARTMENTS = ("区委", "重庆市綦江区人民政府")

GROUPS: dict[str, tuple[str, ...]] = {
    "区级有关部门": DEPARTMENTS,
    "区级各部门": DEPARTMENTS,
    "区级有关单位": DEPARTMENTS,
    "区级国家机关有关部门": DEPARTMENTS,
    "各街镇": (C.STREET, C.TOWN),
    "各街道": (C.STREET,),
    "各镇": (C.TOWN,),
    "全区各中小学": (),  # schools: not in the registry (yet)
}


@dataclass(frozen=True)
class Resolved:
    """What a printed unit name means: an organisation, a group, or nothing known (unresolved)."""

    name: str
    organization: Organization | None
    is_group: bool

    @property
    def unresolved(self) -> bool:
        return self.organization is None and not self.is_group


def is_group(name: str) -> bool:
    return name in GROUPS


def resolve(name: str) -> Resolved:
    if is_group(name):
        return Resolved(name, None, True)
    return Resolved(name, lookup_organization(name), False)


def members(group: str, on: dt.date | None = None) -> list[Organization]:
    """The organisations a collective phrase stands for on `on` (all, when no day is given)."""
    kinds = GROUPS.get(group, ())
    if not kinds:
        return []
    found = Organization.objects.filter(classification__in=kinds).exclude(name__in=NOT_DEPARTMENTS).order_by("pk")
    return [org for org in found if on is None or org.exists_on(on)]
