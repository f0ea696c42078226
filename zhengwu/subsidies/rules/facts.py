"""The facts of a quote (测算事实), checked before any rule runs.

Facts: {"applicant": {"name": "…", "kind": "firm" | "other"}, "on": "2021-09-01", "claims": [ … ]}; each
claim is checked against its form (fields.py). Every mistake is a DomainError whose field names the claim
and the field — `claims[2].rd_spend` — with a Chinese message, so every shell can say where and what.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zhengwu.core.amounts import count, money
from zhengwu.core.errors import DomainError
from zhengwu.core.parameters import Rulebook

from .fields import COMMON, FORMS_BY_KEY, Field, forms_of
from .recognitions import RECOGNITIONS

NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
            "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三")
KINDS = {"firm": "企业", "other": "其他单位和个人"}
MAX_COUNT = 10**6  # a million projects or products is a typing mistake


@dataclass(frozen=True)
class Claim:
    """A checked claim (申报事项): its position, item, sub-rule, field values and other policies' payments."""

    index: int
    item: str
    rule: str
    values: Mapping[str, Any]
    also_paid: tuple[tuple[str, Decimal], ...] = ()

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def where(self, name: str) -> str:
        return f"claims[{self.index}].{name}"


@dataclass(frozen=True)
class Facts:
    """Checked facts (测算事实): who applies, on which day, for what."""

    kind: str
    on: dt.date
    claims: tuple[Claim, ...]
    name: str = ""


def check_facts(facts: Any, rules: Rulebook) -> Facts:
    """Facts as given → Facts, or a DomainError naming the first field at fault."""
    if not isinstance(facts, Mapping):
        raise DomainError("事实应为一个 JSON 对象（{\"applicant\": …, \"on\": …, \"claims\": […]}）。", field="facts")
    for key in facts:
        if key not in ("applicant", "on", "claims"):
            raise DomainError(f"未知字段“{key}”；可用字段：applicant、on、claims。", field=str(key))
    name, kind = _applicant(facts.get("applicant"))
    on = _on(facts.get("on"), rules)
    claims = facts.get("claims")
    if not isinstance(claims, list):
        raise DomainError("claims 应为申报事项的列表，如 [{\"item\": \"六\", …}]。", field="claims")
    return Facts(kind=kind, on=on, name=name,
                 claims=tuple(check_claim(claim, index) for index, claim in enumerate(claims)))


def item_numeral(value: Any, *, field: str) -> str:
    """"六", "（六）", "（六）", 6 or "6" → "六"; anything else is a DomainError listing the items."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(NUMERALS):
        return NUMERALS[value - 1]
    if isinstance(value, str):
        text = value.strip().strip("()（）")
        if text in NUMERALS:
            return text
        if text.isdigit() and 1 <= int(text) <= len(NUMERALS):
            return NUMERALS[int(text) - 1]
    raise DomainError(f"未知的政策条目“{value}”，应为（一）至（二十三）之一，如 \"六\"。", field=field)


def check_claim(claim: Any, index: int) -> Claim:
    """One claim → Claim: its item, its form (from "rule" or the recognition code) and each field checked."""
    at = f"claims[{index}]"
    if not isinstance(claim, Mapping):
        raise DomainError("每个申报事项应为一个对象，如 {\"item\": \"六\", …}。", field=at)
    if "item" not in claim:
        raise DomainError("缺少政策条目 item（如 \"六\"）。", field=f"{at}.item")
    item = item_numeral(claim["item"], field=f"{at}.item")
    forms = forms_of(item)
    if not forms:  # an item with no money rule: accepted, and answered with a line saying so
        _no_other_keys(claim, {"item", "rule", "also_paid"}, at)
        return Claim(index=index, item=item, rule="no_money", values={})
    rule = _rule(claim, item, at)
    form = FORMS_BY_KEY[(item, rule)]
    code = claim.get("recognition")
    if isinstance(code, str) and code in RECOGNITIONS and RECOGNITIONS[code].item != item:
        raise DomainError(f"认定类型“{code}”（{RECOGNITIONS[code].name}）不属于（{item}），它属于（{RECOGNITIONS[code].item}）。",
                          field=f"{at}.recognition", code="unknown_code")
    _no_other_keys(claim, {"item", "rule"} | {f.name for f in form.fields + COMMON}, at)
    values = {}
    for spec in form.fields:
        if claim.get(spec.name) is None:
            if spec.required:
                raise DomainError(f"缺少{spec.label} {spec.name}。", field=f"{at}.{spec.name}")
            values[spec.name] = None
            continue
        values[spec.name] = parse_value(spec, claim[spec.name], f"{at}.{spec.name}")
    also = claim.get("also_paid") or []
    paid = parse_value(COMMON[0], also, f"{at}.also_paid") if also else []
    return Claim(index=index, item=item, rule=rule, values=values,
                 also_paid=tuple((p["policy"], p["amount"]) for p in paid))


def parse_value(spec: Field, value: Any, where: str) -> Any:
    """A field's value, checked against its type; `where` names it in the error."""
    if spec.type == "decimal":
        return money(value, field=where, label=spec.label)
    if spec.type == "int":
        return count(value, field=where, label=spec.label, limit=MAX_COUNT)
    if spec.type == "bool":
        if not isinstance(value, bool):
            raise DomainError(f"{spec.label}应为 true 或 false，而不是 {value!r}。", field=where)
        return value
    if spec.type == "text":
        if not isinstance(value, str) or not value.strip():
            raise DomainError(f"{spec.label}应为非空文字。", field=where)
        return value.strip()
    if spec.type == "choice":
        allowed = [code for code, _ in spec.choices]
        if value not in allowed:
            raise DomainError(f"未知的{spec.label}“{value}”，应为 {'、'.join(allowed)} 之一。", field=where,
                              code="unknown_code")
        return value
    if not isinstance(value, list):  # list
        raise DomainError(f"{spec.label}应为列表。", field=where)
    parsed = []
    for position, element in enumerate(value):
        at = f"{where}[{position}]"
        if not isinstance(element, Mapping):
            raise DomainError(f"{spec.label}的每一项应为对象。", field=at)
        _no_other_keys(element, {f.name for f in spec.of}, at)
        row = {}
        for sub in spec.of:
            if element.get(sub.name) is None:
                raise DomainError(f"缺少{sub.label} {sub.name}。", field=f"{at}.{sub.name}")
            row[sub.name] = parse_value(sub, element[sub.name], f"{at}.{sub.name}")
        parsed.append(row)
    return parsed


def _rule(claim: Mapping[str, Any], item: str, at: str) -> str:
    """The claim's form: "rule" if given; else the item's only form, or the recognition code's."""
    rules = [form.rule for form in forms_of(item)]
    if claim.get("rule") is not None:
        if claim["rule"] not in rules:
            raise DomainError(f"（{item}）没有 rule “{claim['rule']}”，应为 {'、'.join(rules)} 之一。",
                              field=f"{at}.rule")
        return str(claim["rule"])
    if len(rules) == 1:
        return rules[0]
    code = claim.get("recognition")
    if code is not None:
        found = RECOGNITIONS.get(code) if isinstance(code, str) else None
        if found is None or found.item != item:
            codes = [c for c, r in RECOGNITIONS.items() if r.item == item]
            belongs = f"（它属于（{found.item}））" if found else ""
            raise DomainError(f"（{item}）没有认定类型“{code}”{belongs}，应为 {'、'.join(codes)} 之一。",
                              field=f"{at}.recognition", code="unknown_code")
        return found.rule
    raise DomainError(f"（{item}）有多种申报事项，须给出 rule：{'、'.join(rules)}。", field=f"{at}.rule")


def _no_other_keys(claim: Mapping[str, Any], allowed: set[str], at: str) -> None:
    for key in claim:
        if key not in allowed:
            raise DomainError(f"未知字段“{key}”；可用字段：{'、'.join(sorted(allowed))}。", field=f"{at}.{key}")


def _applicant(value: Any) -> tuple[str, str]:
    if not isinstance(value, Mapping):
        raise DomainError("缺少申请人 applicant（{\"name\": …, \"kind\": \"firm\" 或 \"other\"}）。",
                          field="applicant")
    for key in value:
        if key not in ("name", "kind"):
            raise DomainError(f"未知字段“{key}”；可用字段：name、kind。", field=f"applicant.{key}")
    kind = value.get("kind")
    if kind not in KINDS:
        allowed = "、".join(f"{k}（{label}）" for k, label in KINDS.items())
        what = "缺少申请人类型" if kind is None else f"未知的申请人类型“{kind}”"
        raise DomainError(f"{what}，应为 {allowed}。", field="applicant.kind")
    name = value.get("name", "")
    if not isinstance(name, str):
        raise DomainError("申请人名称应为文字。", field="applicant.name")
    return name.strip(), kind


def _on(value: Any, rules: Rulebook) -> dt.date:
    return rules.document.day_of(value, field="on", label="测算日期", note="；自印发之日起施行")
