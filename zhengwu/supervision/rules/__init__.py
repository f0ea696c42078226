"""The rules of the supervision system (督查督办规则), read from this folder's TOML files (shipped as package
data), and the small formulas that use them.

The loader API every programme's rules package has, for two rulebooks:
- `FOLDER`, `FILES`, `load_rules(*extra)`, `default_rules()` — the main one: the thresholds and fund rules of
  綦江府办发〔2021〕24号 (qijiang_fubanfa_2021_24.toml), each citing its paragraph;
- `OFFICE_FILES`, `load_office_rules(*extra)`, `office_rules()` — yellow_days and behind_tolerance, the
  office's own defaults (office.toml, docs/supervision.md);
- `target_specs()` — what each threshold of 24号 measures (targets_2021_24.toml: indicator, each/joint, unit,
  anchor).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from zhengwu.core.errors import DomainError
from zhengwu.core.parameters import Rulebook, load_rulebook, read_toml

FOLDER = Path(__file__).resolve().parent
PLAN_NUMBER = "綦江府办发〔2021〕24号"
PLAN_FILE = "qijiang_fubanfa_2021_24.toml"
FILES = (PLAN_FILE,)
OFFICE_FILES = ("office.toml",)
TARGETS_FILE = "targets_2021_24.toml"
MODES = ("each", "joint")


@dataclass(frozen=True)
class TargetSpec:
    """One quantified target of a plan (量化目标): `mode` each (分别/各) or joint (联手)."""

    code: str
    indicator: str
    mode: str
    unit: str
    anchor: str
    aspirational: bool


def load_rules(*extra: str | Path | Mapping[str, Any]) -> Rulebook:
    """24号's thresholds and fund rules plus `extra` versions (TOML files or dicts; see
    core.parameters.load_rulebook)."""
    return load_rulebook(FOLDER, FILES, *extra)


@cache
def default_rules() -> Rulebook:
    """24号's thresholds and fund rules as shipped, read once."""
    return load_rules()


def load_office_rules(*extra: str | Path | Mapping[str, Any]) -> Rulebook:
    """The office's defaults plus `extra` versions."""
    return load_rulebook(FOLDER, OFFICE_FILES, *extra)


@cache
def office_rules() -> Rulebook:
    """The office's defaults as shipped, read once."""
    return load_office_rules()


@cache
def target_specs() -> tuple[tuple[str, ...], tuple[TargetSpec, ...]]:
    """(parties, specs) of targets_2021_24.toml; every spec must have a threshold in the plan's rulebook."""
    table = read_toml(FOLDER / TARGETS_FILE)
    parties = tuple(table.get("parties", ()))
    known = set(default_rules().names())
    specs = []
    for position, entry in enumerate(table.get("target", []), start=1):
        try:
            spec = TargetSpec(code=entry["code"], indicator=entry["indicator"], mode=entry["mode"],
                              unit=entry["unit"], anchor=entry["anchor"],
                              aspirational=bool(entry.get("aspirational", False)))
        except KeyError as exc:
            raise DomainError(f"{TARGETS_FILE}：第{position}个目标缺少 {exc.args[0]}。",
                              field=f"target[{position}]") from None
        if spec.mode not in MODES or spec.code not in known:
            raise DomainError(f"{TARGETS_FILE}：第{position}个目标的 mode 应为 each/joint，且 code 须在 "
                              f"{PLAN_FILE} 中有目标值（{spec.code}）。", field=f"target[{position}]")
        specs.append(spec)
    return parties, tuple(specs)


def yellow_days(on: dt.date) -> int:
    """Days before a deadline from which a task shows yellow (默认3日, docs/supervision.md).

    Cites docs/supervision.md决定：红黄绿灯.
    """
    value = office_rules().value("yellow_days", max(on, office_rules().document.effective))
    return int(value or 0)


def behind_tolerance(on: dt.date) -> Decimal:
    """Cites docs/supervision.md决定：目标进度灯."""
    return office_rules().value("behind_tolerance", max(on, office_rules().document.effective)) or Decimal(0)


def is_met(total: Decimal, threshold: Decimal) -> bool:
    """A target is met when the total reaches the threshold: 以上/不低于/至少 include the number
    (SPEC Boundaries: 立法技术规范（试行）（一）; 24号 writes every target as N以上 or 至少N)."""
    return total >= threshold


def expected_by(threshold: Decimal, year: int, on: dt.date) -> Decimal:
    """What should be done of a yearly target by `on` (按月均摊): threshold × full months elapsed / 12,
    the whole threshold from the last day of the year. 24号 二、三（四） asks for 月调度 of yearly targets;
    spreading evenly over months is the office's reading (docs/supervision.md)."""
    if on.year < year:
        return Decimal(0)
    if on.year > year or (on.month == 12 and on.day == 31):
        return threshold
    months = on.month if _is_month_end(on) else on.month - 1
    return (threshold * months / 12).quantize(Decimal("0.01"))


def _is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).month != day.month


def consolidation_share_ok(share: Decimal, on: dt.date) -> tuple[bool, Decimal]:
    """24号 二（七）1.: funds for 巩固拓展脱贫攻坚成果 and 乡村振兴 不低于60% (不低于 includes 60%)."""
    minimum = default_rules().value("fund_consolidation_share", on) or Decimal(0)
    return share >= minimum, minimum


def fixed_asset_project_ok(amount: Decimal, on: dt.date) -> tuple[bool, Decimal]:
    """24号 二（七）1.: a fixed-asset project 原则上 不低于100万元 (includes 100万; 原则上 makes a smaller
    one a warning to explain, not a refusal)."""
    minimum = default_rules().value("fixed_asset_project_minimum", on) or Decimal(0)
    return amount >= minimum, minimum
