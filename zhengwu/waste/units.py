"""The units of the rollout (实施范围, 实施方案 三) and their target groups (四、推进时序).

The five urban streets (建成区5个街道) are named by the document; the towns are the district's towns the
seed gazette names (綦江府办〔2021〕24号's member list), which follow 23号 "结合实际情况" with the town
targets. A unit is an org registry Organization: found by name (any spelling resolve knows, e.g.
古南街道办事处) and registered on first sight when it is one of these.
"""
from __future__ import annotations

import datetime as dt

from zhengwu.core.errors import DomainError
from zhengwu.org.models import Organization
from zhengwu.org.registry import ensure_unit
from zhengwu.org.resolve import lookup_organization

STREETS_A = ("古南街道", "文龙街道", "通惠街道")  # 四（二）（三）: 50% / 90%
STREETS_B = ("三江街道", "新盛街道")  # 40% / 80%
STREETS = ("古南街道", "文龙街道", "三江街道", "新盛街道", "通惠街道")  # 三: the document's order
TOWNS = ("石角镇", "东溪镇", "赶水镇", "打通镇", "石壕镇", "永新镇", "三角镇", "隆盛镇", "郭扶镇", "篆塘镇",
         "丁山镇", "安稳镇", "扶欢镇", "中峰镇", "横山镇")
UNITS = STREETS + TOWNS

# The due dates of the two targets: end of phase 2 (2021年7月—8月) and 11月底前.
PHASES = (("phase2", dt.date(2021, 8, 31)), ("phase3", dt.date(2021, 11, 30)))


def group(unit: str) -> str:
    """The target group of a unit name: street_a, street_b or town."""
    if unit in STREETS_A:
        return "street_a"
    if unit in STREETS_B:
        return "street_b"
    return "town"


def unit_name(printed: str) -> str | None:
    """The canonical name of a unit of the rollout as people write it (古南街道办事处, 东溪镇人民政府, 古南),
    or None when it is none of them."""
    text = "".join(printed.split())
    for long, short in (("街道办事处", "街道"), ("镇人民政府", "镇")):
        if text.endswith(long):
            text = text[: -len(long)] + short
    if text in UNITS:
        return text
    matches = [u for u in UNITS if u[:-2 if u.endswith("街道") else -1] == text]
    return matches[0] if len(matches) == 1 else None


def resolve_unit(printed: str, *, field: str = "街镇", line: int | None = None) -> Organization:
    """The org registry's row for a unit of the rollout; a DomainError naming the field otherwise."""
    name = unit_name(printed)
    if name is None:
        raise DomainError(f"“{printed}”不是撤桶并点的实施街镇（{'、'.join(STREETS)}及各镇）。", field=field,
                          line=line, code="unknown_unit")
    return lookup_organization(name) or ensure_unit(name, by="waste", reason="綦江府办发〔2021〕23号 实施范围")


def issuer(unit: str) -> str:
    """The notice's issuer (落款): xx街道办事处 / xx镇人民政府 (附件1)."""
    return unit + "办事处" if unit.endswith("街道") else unit + "人民政府"
