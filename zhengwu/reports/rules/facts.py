"""The facts of a verified report (核查事实), checked before any rule runs.

Facts arrive as a dict (from JSON, a form or another system). Each mistake is a DomainError with a Chinese
message naming the field, so every shell — command line, API, page — can say where and what.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zhengwu.core.amounts import count, money
from zhengwu.core.errors import DomainError

from .grades import AccidentGrade
from .parameters import Rulebook

KINDS = {"violation": "举报安全生产违法行为", "concealed_accident": "举报瞒报、谎报生产安全事故"}
COMMON_KEYS = ("kind", "exclusions", "verified_on")
VIOLATION_KEYS = ("fine",)
ACCIDENT_KEYS = ("grade", "concealed_deaths", "deaths", "serious_injuries", "direct_loss")
EXCLUSIONS = ("under_investigation", "correction_period", "self_found", "unverified", "media_exposed",
              "judicial", "rewarded_elsewhere", "supervisory_staff")  # 第八条（一）–（八）, in order


@dataclass(frozen=True)
class ReportFacts:
    """Checked facts of a verified report (核查事实): which rule applies and the numbers it needs."""

    kind: str
    verified_on: dt.date
    exclusions: tuple[str, ...] = ()
    fine: Decimal | None = None
    grade: AccidentGrade | None = None
    concealed_deaths: int | None = None
    deaths: int | None = None
    serious_injuries: int | None = None
    direct_loss: Decimal | None = None

    @property
    def accident_facts(self) -> dict[str, int | Decimal]:
        """The facts that grade an accident (国务院令第493号 第三条), those given only."""
        found = {"deaths": self.deaths, "serious_injuries": self.serious_injuries, "direct_loss": self.direct_loss}
        return {key: value for key, value in found.items() if value is not None}


def check_facts(facts: Any, rules: Rulebook) -> ReportFacts:
    """Facts as given → ReportFacts, or a DomainError naming the first field at fault."""
    if not isinstance(facts, dict):
        raise DomainError("事实应为一个 JSON 对象（{\"kind\": …}）。", field="facts")
    allowed = COMMON_KEYS + VIOLATION_KEYS + ACCIDENT_KEYS
    for key in facts:
        if key not in allowed:
            raise DomainError(f"未知字段“{key}”；可用字段：{'、'.join(allowed)}。", field=str(key))
    kind = facts.get("kind")
    if kind is None:
        raise DomainError(f"缺少举报类型 kind（{_kinds()}）。", field="kind")
    if kind not in KINDS:
        raise DomainError(f"未知的举报类型“{kind}”，应为 {_kinds()}。", field="kind")
    foreign = ACCIDENT_KEYS if kind == "violation" else VIOLATION_KEYS
    for key in foreign:
        if key in facts:
            what = "事故事实" if kind == "violation" else "行政处罚金额"
            raise DomainError(f"{KINDS[kind]}（{kind}）不适用{what}“{key}”。", field=key)
    verified_on = _verified_on(facts.get("verified_on"), rules)
    exclusions = _exclusions(facts.get("exclusions", []))
    if kind == "violation":
        if facts.get("fine") is None:
            raise DomainError("缺少行政处罚金额 fine（元）。", field="fine")
        return ReportFacts(kind, verified_on, exclusions, fine=money(facts["fine"], field="fine", label="行政处罚金额"))
    return _accident(facts, verified_on, exclusions)


def _accident(facts: dict, verified_on: dt.date, exclusions: tuple[str, ...]) -> ReportFacts:
    if facts.get("concealed_deaths") is None:
        raise DomainError("缺少查实的瞒报谎报死亡人数 concealed_deaths。", field="concealed_deaths")
    concealed = people(facts["concealed_deaths"], field="concealed_deaths", label="查实瞒报谎报死亡人数")
    if concealed == 0:
        raise DomainError("查实瞒报谎报死亡人数为 0：第五条（二）按查实瞒报谎报的死亡人数奖励，没有奖励依据。",
                          field="concealed_deaths")
    deaths = _optional(facts, "deaths", "死亡人数", people)
    injuries = _optional(facts, "serious_injuries", "重伤人数", people)
    loss = _optional(facts, "direct_loss", "直接经济损失", money)
    if deaths is None and (injuries is not None or loss is not None):
        # concealed deaths are deaths: grading without the death toll could rate the accident too low
        raise DomainError("由事故事实认定等级时须给出死亡人数 deaths。", field="deaths")
    if deaths is not None and concealed > deaths:
        raise DomainError(f"查实瞒报谎报死亡人数 {concealed} 多于死亡人数 {deaths}。", field="concealed_deaths")
    grade = AccidentGrade.parse(facts["grade"]) if facts.get("grade") is not None else None
    if grade is None and deaths is None:
        raise DomainError("须给出最终确认的事故等级 grade（一般、较大、重大、特别重大），"
                          "或事故事实 deaths、serious_injuries、direct_loss。", field="grade")
    return ReportFacts("concealed_accident", verified_on, exclusions, grade=grade, concealed_deaths=concealed,
                       deaths=deaths, serious_injuries=injuries, direct_loss=loss)


def people(value: Any, *, field: str, label: str) -> int:
    """A number of people (人数): deaths, serious injuries."""
    return count(value, field=field, label=label, unit="人")


def _optional(facts: dict, field: str, label: str, parse: Callable[..., Any]) -> Any:
    return None if facts.get(field) is None else parse(facts[field], field=field, label=label)


def _verified_on(value: Any, rules: Rulebook) -> dt.date:
    return rules.reward_document.day_of(value, field="verified_on", label="核查日期")


def _exclusions(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise DomainError(f"exclusions 应为列表，如 [\"media_exposed\"]，而不是 {value!r}。", field="exclusions")
    for code in value:
        if code not in EXCLUSIONS:
            raise DomainError(f"未知的不予奖励情形“{code}”，应为 {'、'.join(EXCLUSIONS)} 之一"
                              f"（第八条（一）–（八））。", field="exclusions")
    return tuple(code for code in EXCLUSIONS if code in value)  # the article's order, each once


def _kinds() -> str:
    return "、".join(f"{key}（{label}）" for key, label in KINDS.items())
