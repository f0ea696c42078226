"""The award's parameters (参数) and its small formulas, each citing where it comes from.

Values live in this folder's qijiang_fufa_2021_10.toml (shipped as package data, read with
core.parameters.load_rulebook through the loader API every programme's rules package has: `FOLDER`, `FILES`,
`load_rules(*extra)`, `default_rules()`): the quotas of
綦江府发〔2021〕10号 and the choices the seed leaves open (notice length, school quota, experts per candidate,
criteria and weights), marked 取舍（Decision）. An edition takes its values on the day it is set up and keeps
them (Edition.winner_quota …), so a later change of the file never rewrites a past edition.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from zhengwu.core.days import DueDate, due_after
from zhengwu.core.errors import DomainError
from zhengwu.core.parameters import Rulebook, load_rulebook

FOLDER = Path(__file__).resolve().parent
FILES = ("qijiang_fufa_2021_10.toml",)

# Criterion codes in the order the score form shows them, with their Chinese labels.
CRITERIA = {"innovation": "创新性", "science": "科学性", "practice": "实用性", "presentation": "表达与展示"}


def load_rules(*extra: str | Path | Mapping[str, Any]) -> Rulebook:
    """The award's parameters plus `extra` versions (TOML files or dicts; see core.parameters.load_rulebook)."""
    return load_rulebook(FOLDER, FILES, *extra)


@cache
def default_rules() -> Rulebook:
    """The parameters as shipped, read once."""
    return load_rules()


@dataclass(frozen=True)
class Criterion:
    """评分标准: a criterion, its weight and the text that sets it."""

    code: str
    label: str
    weight: Decimal
    cite: str
    text: str


def criteria(on: dt.date) -> list[Criterion]:
    """The scoring criteria in force on `on`; their weights must add up to 1 (a bad file is refused)."""
    book = default_rules()
    found = []
    for code, label in CRITERIA.items():
        version = book.version(f"criterion.{code}", on)
        found.append(Criterion(code, label, version.value or Decimal(0), version.cite, version.text))
    if sum(c.weight for c in found) != 1:
        raise DomainError("评分标准的权重之和应为1。", field="rules")
    return found


def whole(name: str, on: dt.date) -> int:
    """A parameter that is a whole number (a quota, a count of days)."""
    value = default_rules().value(name, on)
    if value is None or value != value.to_integral_value():
        raise DomainError(f"参数 {name} 应为整数。", field="rules")
    return int(value)


def notice_end(start: dt.date, days: int) -> DueDate:
    """Last day of the public notice (公示期届满日): `days` days after `start`, counted by core.days
    (start day not counted; a last day on a rest day moves to the next working day — 民法典第二百零一条、第二百零三条)."""
    if days < 1:
        raise DomainError("公示期至少为1日。", field="notice_days")
    return due_after(start, days)


def weighted_total(scores: dict[str, Decimal], weights: dict[str, Decimal]) -> Decimal:
    """One expert's total: Σ score × weight over the criteria (取舍（Decision）: weighted sum, 100 at most)."""
    return sum((scores[code] * weights[code] for code in weights), Decimal(0))


def mean(totals: list[Decimal]) -> Fraction:
    """A candidate's score: the exact mean of its experts' totals (a Fraction, so ties are exact, never a
    rounding accident); pages show it rounded."""
    if not totals:
        raise DomainError("没有专家评分。", field="scores")
    return sum((Fraction(t) for t in totals), Fraction(0)) / len(totals)
