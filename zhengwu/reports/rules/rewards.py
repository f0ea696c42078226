"""Reward formulas of 綦应急发〔2021〕41号 《重庆市綦江区安全生产举报奖励办法》 (举报奖励计算), one per rule.

`compute_reward(facts)` is the entry point: it checks the facts, applies 第八条 (no reward) or the rule of
第五条 for the report's kind, and returns the amount in yuan to the fen with its basis — each line a
citation and the article's text quoted, or a line saying how the number came about.

Decisions: amounts are rounded to the fen half up (ROUND_HALF_UP), and the basis says so only when rounding
changed the value; the document sets no minimum reward (a later version may set one); a reward that reaches
the cap exactly is paid in full, since 不超过 does not exclude the number.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from zhengwu.core.amounts import FEN
from zhengwu.core.errors import DomainError

from .facts import ReportFacts, check_facts
from .grades import AccidentGrade, GradeFinding, accident_grade
from .parameters import Rulebook, Version, default_rules

CALCULATION = "计算"
DECISION = "取舍（Decision）"


@dataclass(frozen=True)
class Reward:
    """A computed reward (举报奖励): the amount in yuan, to the fen, and the basis for it.

    Each basis line is {"cite": …, "text": …}: an article cited with its text quoted, or — cited as 计算,
    事故等级认定 or 取舍（Decision） — how the amount was reached from it.
    """

    amount: Decimal
    basis: list[dict]

    def as_json(self) -> dict[str, Any]:
        return {"amount": f"{self.amount:.2f}", "basis": [dict(line) for line in self.basis]}


def compute_reward(facts: dict, *, rules: Rulebook | None = None) -> Reward:
    """The reward for a verified report (举报奖励), from its facts.

    facts: {"kind": "violation", "fine": "1000000"} or {"kind": "concealed_accident", "grade": "较大",
    "concealed_deaths": 5} — or deaths / serious_injuries / direct_loss instead of (or with) grade;
    optional "exclusions" (第八条 codes) and "verified_on" (YYYY-MM-DD, default today in Chongqing): the
    parameters in force that day apply. `rules` defaults to the shipped parameter files.
    """
    rules = rules or default_rules()
    checked = check_facts(facts, rules)
    finding = _grade_finding(checked, rules)
    if checked.exclusions:
        return not_applicable(checked.exclusions, rules=rules)
    if checked.kind == "violation":
        return violation_reward(checked.fine, on=checked.verified_on, rules=rules)
    return concealed_accident_reward(finding.grade if finding else checked.grade, checked.concealed_deaths,
                                     on=checked.verified_on, rules=rules, finding=finding,
                                     grade_given=checked.grade is not None)


def violation_reward(fine: Decimal, *, on: dt.date, rules: Rulebook) -> Reward:
    """綦应急发〔2021〕41号 第五条（一） 举报安全生产违法行为: 15% of the administrative fine, at most 300000 yuan.

    Cites 綦应急发〔2021〕41号第五条（一）.
    """
    rate, cap = rules.version("violation_rate", on), rules.version("violation_cap", on)
    raw = fine * rate.value
    said = f"行政处罚金额 {fine:f} 元 × {_percent(rate.value)} = {raw:f} 元"
    return _settle(raw, said, [rate.basis, cap.basis], cap=cap, on=on, rules=rules)


def concealed_accident_reward(grade: AccidentGrade, concealed_deaths: int, *, on: dt.date, rules: Rulebook,
                              finding: GradeFinding | None = None, grade_given: bool = False) -> Reward:
    """綦应急发〔2021〕41号 第五条（二） 举报瞒报、谎报生产安全事故: per concealed death by the accident's grade
    (一般 30000, 较大 40000, 重大 50000, 特别重大 60000 yuan), at most 300000 yuan.

    `finding` is the grade's derivation from the accident's facts, when it was derived (`grade_given`: a grade
    was given too and agrees); its basis follows the rule's.
    Cites 綦应急发〔2021〕41号第五条（二）.
    """
    per_death, cap = rules.version(f"per_death_{grade.key}", on), rules.version("accident_cap", on)
    raw = per_death.value * concealed_deaths
    how = "按最终确认的事故等级"
    if finding:
        how = "由事故事实认定，与所给等级一致" if grade_given else "由事故事实认定"
    said = (f"{grade.label}（{how}）每查实瞒报谎报1人奖励 {per_death.value:f} 元 × {concealed_deaths} 人 "
            f"= {raw:f} 元")
    basis = [per_death.basis, cap.basis] + (finding.basis(rules) if finding else [])
    return _settle(raw, said, basis, cap=cap, on=on, rules=rules)


def not_applicable(exclusions: tuple[str, ...], *, rules: Rulebook) -> Reward:
    """綦应急发〔2021〕41号 第八条（一）–（八） 不适用本办法的情形: no reward (0.00); the basis quotes each case.

    Cites 綦应急发〔2021〕41号第八条（一）、綦应急发〔2021〕41号第八条（二）、綦应急发〔2021〕41号第八条（三）、綦应急发〔2021〕41号第八条（四）、綦应急发〔2021〕41号第八条（五）、綦应急发〔2021〕41号第八条（六）、綦应急发〔2021〕41号第八条（七）、綦应急发〔2021〕41号第八条（八）.
    """
    basis = [rules.clause("not_applicable").basis] + [rules.clause(code).basis for code in exclusions]
    cases = "、".join(rules.clause(code).cite.removeprefix(rules.document.number) for code in exclusions)
    basis.append({"cite": CALCULATION, "text": f"属{cases}所列情形，不适用本办法，不予奖励：0.00 元。"})
    return Reward(amount=Decimal(0).quantize(FEN), basis=_unique(basis))


def _grade_finding(checked: ReportFacts, rules: Rulebook) -> GradeFinding | None:
    """The grade derived from the facts, if any were given; a grade given too must agree with it."""
    if checked.kind != "concealed_accident" or not checked.accident_facts:
        return None
    finding = accident_grade(checked.accident_facts, on=checked.verified_on, rules=rules)
    if checked.grade is not None and checked.grade != finding.grade:
        said = "；".join(f.describe() for f in finding.findings)
        raise DomainError(f"所给事故等级“{checked.grade.value}”与由事故事实认定的“{finding.grade.value}”不一致"
                          f"（{said}）。", field="grade")
    return finding


def _settle(raw: Decimal, said: str, basis: list[dict], *, cap: Version, on: dt.date, rules: Rulebook) -> Reward:
    """Apply the minimum (if any), the cap and rounding to the fen; say what each changed."""
    amount = raw
    minimum = rules.version("minimum_reward", on)
    if minimum.value is not None and 0 < amount < minimum.value:
        basis.append(minimum.basis)
        said += f"，低于最低奖励 {minimum.value:f} 元，按 {minimum.value:f} 元"
        amount = minimum.value
    if amount > cap.value:
        said += f"，超过最高奖励 {cap.value:f} 元，按 {cap.value:f} 元"
        amount = cap.value
    elif amount == cap.value:
        said += (f"，恰为最高奖励 {cap.value:f} 元：“不超过”包括本数（立法技术规范（试行）（一）：“超过”不包括本数），"
                 f"按 {cap.value:f} 元")
    else:
        said += f"，未超过最高奖励 {cap.value:f} 元"
    basis.append({"cite": CALCULATION, "text": said + "。"})
    rounded = amount.quantize(FEN, rounding=ROUND_HALF_UP)
    if rounded != amount:
        basis.append({"cite": DECISION,
                      "text": f"金额精确到分，按四舍五入（ROUND_HALF_UP）：{amount:f} 元 → {rounded:f} 元。"})
    return Reward(amount=rounded, basis=_unique(basis))


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _unique(basis: list[dict]) -> list[dict]:
    """Each line once: the rate and the cap of one item quote the same text."""
    seen, kept = set(), []
    for line in basis:
        key = (line["cite"], line["text"])
        if key not in seen:
            seen.add(key)
            kept.append(line)
    return kept
