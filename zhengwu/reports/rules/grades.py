"""Accident grades (事故等级) from an accident's facts, per 国务院令第493号 第三条.

Three criteria each reach a grade — deaths (死亡), serious injuries including acute industrial poisoning
(重伤，包括急性工业中毒) and direct economic loss (直接经济损失) — and the accident takes the highest grade any of
them reaches. The article's last paragraph says its 以上 includes the number and its 以下 excludes it, so a
threshold belongs to the higher grade: 3 deaths is 较大, 10 is 重大, 30 is 特别重大. The thresholds are
parameters (guowuyuan_ling_493.toml), so the basis quotes the version it used.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from zhengwu.core.errors import DomainError

from .parameters import Rulebook, Version


class AccidentGrade(Enum):
    """Accident grade (事故等级), lowest first: 一般, 较大, 重大, 特别重大."""

    ORDINARY = "一般"
    LARGER = "较大"
    MAJOR = "重大"
    ESPECIALLY_MAJOR = "特别重大"

    @property
    def key(self) -> str:
        """The English key the parameter names use (per_death_major, deaths_major, …)."""
        return self.name.lower()

    @property
    def rank(self) -> int:
        return list(AccidentGrade).index(self)

    @property
    def label(self) -> str:
        return f"{self.value}事故"

    @classmethod
    def parse(cls, text: object, *, field: str = "grade") -> AccidentGrade:
        """'较大' or '较大事故' → LARGER; anything else is a DomainError naming the field."""
        if isinstance(text, str):
            word = text.strip().removesuffix("事故")
            for grade in cls:
                if grade.value == word:
                    return grade
        allowed = "、".join(g.value for g in cls)
        raise DomainError(f"未知的事故等级“{text}”，应为 {allowed} 之一。", field=field)


@dataclass(frozen=True)
class Criterion:
    """One of the three facts that grade an accident (定级标准): its field, how the article says it, its unit."""

    field: str
    label: str  # as in "死亡10人"
    name: str  # as in "决定等级的是：死亡人数"
    unit: str


CRITERIA = (Criterion("deaths", "死亡", "死亡人数", "人"), Criterion("serious_injuries", "重伤", "重伤人数", "人"),
            Criterion("direct_loss", "直接经济损失", "直接经济损失", "元"))


@dataclass(frozen=True)
class CriterionFinding:
    """The grade one fact reaches (单项认定), the threshold it reached, and whether it sits on a threshold."""

    criterion: Criterion
    amount: Decimal
    grade: AccidentGrade
    reached: Version | None  # the lower threshold of `grade`; None for 一般
    boundary: Version | None  # the threshold the amount equals exactly, if any

    def describe(self) -> str:
        c = self.criterion
        said = f"{c.label}{_quantity(self.amount, c)}"
        if self.reached is None:
            return f"{said} → {self.grade.label}（未达较大事故的标准）"
        threshold = _quantity(self.reached.value, c)
        text = f"{said} → {self.grade.label}（{threshold}以上）"
        if self.boundary is not None:
            text = (f"{said} → {self.grade.label}（恰为界值{threshold}：依国务院令第493号 第三条第三款，"
                    f"“以上”包括本数、“以下”不包括本数，归{self.grade.label}）")
        return text


@dataclass(frozen=True)
class GradeFinding:
    """The grade derived from an accident's facts (事故等级认定): the highest any criterion reaches."""

    grade: AccidentGrade
    findings: tuple[CriterionFinding, ...]
    missing: tuple[Criterion, ...]

    @property
    def deciding(self) -> tuple[CriterionFinding, ...]:
        """The criteria that reached the grade (more than one when several reach it)."""
        return tuple(f for f in self.findings if f.grade == self.grade)

    def basis(self, rules: Rulebook) -> list[dict[str, str]]:
        """The grade's article item quoted, the boundary paragraph when a fact sits on a threshold, and how.

        Cites 国务院令第493号第三条（四）、国务院令第493号第三条第三款.
        """
        first = self.deciding[0]
        lines = [first.reached.basis if first.reached else rules.clause("grade_ordinary").basis]
        if any(f.boundary for f in self.findings):
            lines.append(rules.clause("grade_boundaries").basis)
        parts = [f.describe() for f in self.findings]
        parts += [f"{c.name}未提供，未计入" for c in self.missing]
        deciding = "、".join(f.criterion.name for f in self.deciding)
        lines.append({"cite": "事故等级认定",
                      "text": f"由事故事实认定为{self.grade.label}（国务院令第493号 第三条，取各项标准所达到的最高等级）："
                              f"{'；'.join(parts)}。决定等级的是：{deciding}。"})
        return lines


def accident_grade(facts: dict[str, int | Decimal], *, on: dt.date, rules: Rulebook) -> GradeFinding:
    """国务院令第493号 第三条: the grade of an accident from deaths, serious injuries and direct loss (yuan).

    `facts` holds the criteria known (at least one); each reaches the highest grade whose threshold
    ("N以上", inclusive) it is not below, and the accident takes the highest of them.
    Cites 国务院令第493号第三条（一）、国务院令第493号第三条（二）、国务院令第493号第三条（三）、綦应急发〔2021〕41号第五条（二）.
    """
    findings, missing = [], []
    for criterion in CRITERIA:
        if facts.get(criterion.field) is None:
            missing.append(criterion)
            continue
        amount = Decimal(facts[criterion.field])
        grade, reached, boundary = AccidentGrade.ORDINARY, None, None
        for candidate in list(AccidentGrade)[1:]:
            threshold = rules.version(f"{criterion.field}_{candidate.key}", on)
            if amount == threshold.value:
                boundary = threshold
            if amount >= threshold.value:
                grade, reached = candidate, threshold
        findings.append(CriterionFinding(criterion, amount, grade, reached, boundary))
    if not findings:
        raise ValueError("accident_grade needs at least one of deaths, serious_injuries, direct_loss")
    top = max(findings, key=lambda f: f.grade.rank).grade
    return GradeFinding(grade=top, findings=tuple(findings), missing=tuple(missing))


def _quantity(amount: Decimal, criterion: Criterion) -> str:
    """10 → '10人'; 50000000 → '5000万元' — written as the article writes its thresholds."""
    if criterion.unit == "人":
        return f"{amount:f}人"
    if amount and amount % 100_000_000 == 0:
        return f"{amount // 100_000_000:f}亿元"
    if amount and amount % 10_000 == 0:
        return f"{amount // 10_000:f}万元"
    return f"{amount:f}元"
