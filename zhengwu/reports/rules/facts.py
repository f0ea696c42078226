"""The facts of a verified report (核查事实), checked before any rule runs.

Facts arrive as a dict (from JSON, a form or another system). Each mistake is a DomainError with a Chinese
message naming the field, so every shell — command line, API, page — can say where and what.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from zhengwu.core.dates import parse_date
from zhengwu.core.errors import DomainError

from .grades import AccidentGrade
from .parameters import Rulebook

KINDS = {"violation": "举报安全生产违法行为", "concealed_accident": "举报瞒报、谎报生产安全事故"}
COMMON_KEYS = ("kind", "exclusions", "verified_on")
VIOLATION_KEYS = ("fine",)
ACCIDENT_KEYS = ("grade", "concealed_deaths", "deaths", "serious_injuries", "direct_loss")
EXCLUSIONS = ("under_investigation", "correction_period", "self_found", "unverified", "media_exposed",
              "judicial", "rewarded_elsewhere", "supervisory_staff")  # 第八条(一)–(八), in order
# A fine of a trillion yuan or more is a typing mistake, not an administrative penalty; refusing it also
# keeps the arithmetic far inside Decimal's precision.
MONEY_LIMIT = Decimal(10) ** 12
FEN = Decimal("0.01")
DIGITS_RE = re.compile(r"^\s*\d+\s*$")
CHONGQING = ZoneInfo("Asia/Shanghai")  # the document's own calendar day decides which version applies


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


def today() -> dt.date:
    return dt.datetime.now(CHONGQING).date()


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


def money(value: Any, *, field: str, label: str) -> Decimal:
    """An amount in yuan: a number or numeric text, finite, not negative, to the fen at most."""
    # bool is an int in Python; true/false is never an amount.
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise DomainError(f"{label}应为数字（元），而不是 {value!r}。", field=field)
    try:
        amount = Decimal(value.strip()) if isinstance(value, str) else Decimal(str(value))
    except InvalidOperation:
        raise DomainError(f"{label}不是数字：“{value}”。", field=field) from None
    if not amount.is_finite():
        raise DomainError(f"{label}应为有限的数字，而不是 {value}。", field=field)
    if amount < 0:
        raise DomainError(f"{label}不能为负数：{value}。", field=field)
    if amount >= MONEY_LIMIT:
        raise DomainError(f"{label} {value} 元不合理（应少于一万亿元），请检查单位。", field=field)
    if amount != amount.quantize(FEN):
        raise DomainError(f"{label}最多精确到分（两位小数），而不是 {value}。", field=field)
    return amount


def count(value: Any, *, field: str, label: str) -> int:
    """A number of people: a whole number (or its digits as text), not negative."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and DIGITS_RE.match(value):
        number = int(value)
    else:
        raise DomainError(f"{label}应为整数（人），而不是 {value!r}。", field=field)
    if number < 0:
        raise DomainError(f"{label}不能为负数：{number}。", field=field)
    return number


def _accident(facts: dict, verified_on: dt.date, exclusions: tuple[str, ...]) -> ReportFacts:
    if facts.get("concealed_deaths") is None:
        raise DomainError("缺少查实的瞒报谎报死亡人数 concealed_deaths。", field="concealed_deaths")
    concealed = count(facts["concealed_deaths"], field="concealed_deaths", label="查实瞒报谎报死亡人数")
    if concealed == 0:
        raise DomainError("查实瞒报谎报死亡人数为 0：第五条(二)按查实瞒报谎报的死亡人数奖励，没有奖励依据。",
                          field="concealed_deaths")
    deaths = _optional(facts, "deaths", "死亡人数", count)
    injuries = _optional(facts, "serious_injuries", "重伤人数", count)
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


def _optional(facts: dict, field: str, label: str, parse: Callable[..., Any]) -> Any:
    return None if facts.get(field) is None else parse(facts[field], field=field, label=label)


def _verified_on(value: Any, rules: Rulebook) -> dt.date:
    if value is None:
        day = today()
    elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    elif isinstance(value, str):
        day = parse_date(value, field="verified_on")
    else:
        raise DomainError(f"核查日期应写作 YYYY-MM-DD，而不是 {value!r}。", field="verified_on")
    document = rules.reward_document
    if day < document.effective:
        raise DomainError(f"核查日期 {day.isoformat()} 早于{document.number}施行之日 {document.effective.isoformat()}"
                          f"（{document.cite}：{document.text}）。", field="verified_on")
    return day


def _exclusions(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise DomainError(f"exclusions 应为列表，如 [\"media_exposed\"]，而不是 {value!r}。", field="exclusions")
    for code in value:
        if code not in EXCLUSIONS:
            raise DomainError(f"未知的不予奖励情形“{code}”，应为 {'、'.join(EXCLUSIONS)} 之一"
                              f"（第八条(一)–(八)）。", field="exclusions")
    return tuple(code for code in EXCLUSIONS if code in value)  # the article's order, each once


def _kinds() -> str:
    return "、".join(f"{key}（{label}）" for key, label in KINDS.items())
