"""Which units' communities a staff account may change (街镇只管本辖区).

**Decision**: an account with `waste.change_community` that the org registry links (org.StaffUnit) to one or
more streets or towns of the rollout changes only their communities — a street's staff keep their own
register. An account linked to none of them (the district sorting office, 区生活垃圾分类办) changes every
unit's. Everyone with `waste.view_community` sees every unit: progress counts in the streets' assessment and
the office compares them.
"""
from __future__ import annotations

from zhengwu.org.models import StaffUnit

from .units import UNITS


def editable_units(user) -> frozenset[str] | None:
    """The unit names `user` may change, or None for every unit."""
    if user.is_superuser:
        return None
    linked = set(StaffUnit.objects.filter(user=user, organization__name__in=UNITS)
                 .values_list("organization__name", flat=True))
    return frozenset(linked) if linked else None


def can_edit(user, unit_name: str) -> bool:
    if not user.has_perm("waste.change_community"):
        return False
    units = editable_units(user)
    return units is None or unit_name in units
