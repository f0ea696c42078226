"""`items_catalogue()` — every item of the policy, what kind it is, its sub-rules, codes and fields (政策条目清单).

Shape (JSON), one entry per item in the policy's order:

    {"item": "六", "cite": "綦江府办发〔2021〕26号（六）", "title": "…", "text": "<the item's text>",
     "kind": "fixed" | "computed" | "case_by_case" | "no_money", "firms_only": true,
     "rules": [{"rule": "rd_input", "label": "…", "function": "item_6_rd_input", "fields": [<field>, …]}],
     "recognitions": [{"code": "national_key_lab", "name": "国家重点实验室", "rule": "recognition",
                       "amount": "600000.00"}],                  # fixed items by recognition only
     "parameters": [{"name": "六.above.cap", "value": "500000", "effective": "2021-06-16"}, …],
     "up_to": "20000000.00" | null,                             # case_by_case items only
     "note": "…"}                                               # no_money items only

Amounts and parameters are the versions in force on `on`. <field> is described in fields.py.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from zhengwu.core.dates import today
from zhengwu.core.parameters import Rulebook

from .fields import FORMS_BY_KEY
from .items import ITEMS
from .items_other import NO_MONEY
from .parameters import cite, default_rules
from .recognitions import RECOGNITIONS


def items_catalogue(*, on: dt.date | None = None, rules: Rulebook | None = None) -> list[dict[str, Any]]:
    """The 23 items with kinds, sub-rules, recognition codes with names and amounts, and claim fields."""
    rules = rules or default_rules()
    on = max(on or today(), rules.document.effective)
    return [_entry(item.number, rules, on) for item in ITEMS.values()]


def _entry(number: str, rules: Rulebook, on: dt.date) -> dict[str, Any]:
    """Cites 綦江府办发〔2021〕26号（一）、綦江府办发〔2021〕26号（二）、綦江府办发〔2021〕26号（三）、綦江府办发〔2021〕26号（四）、綦江府办发〔2021〕26号（七）、綦江府办发〔2021〕26号（十一）、綦江府办发〔2021〕26号（十四）、綦江府办发〔2021〕26号（十八）、綦江府办发〔2021〕26号（十九）、綦江府办发〔2021〕26号（五）、綦江府办发〔2021〕26号（八）、綦江府办发〔2021〕26号（九）、綦江府办发〔2021〕26号（十）、綦江府办发〔2021〕26号（十二）、綦江府办发〔2021〕26号（十五）、綦江府办发〔2021〕26号（十六）、綦江府办发〔2021〕26号（十七）、綦江府办发〔2021〕26号（二十）、綦江府办发〔2021〕26号（二十一）、綦江府办发〔2021〕26号（二十二）、綦江府办发〔2021〕26号（二十三）."""
    item = ITEMS[number]
    entry: dict[str, Any] = {"item": number, "cite": cite(number), "title": item.title,
                             "text": rules.clause(f"item.{number}").text, "kind": item.kind,
                             "firms_only": item.firms_only}
    entry["rules"] = [{"rule": rule, "label": FORMS_BY_KEY[(number, rule)].label, "function": formula.__name__,
                       "fields": FORMS_BY_KEY[(number, rule)].as_json()["fields"]}
                      for rule, formula in item.formulas.items()]
    codes = [r for r in RECOGNITIONS.values() if r.item == number]
    if codes:
        entry["recognitions"] = [{"code": r.code, "name": r.name, "rule": r.rule,
                                  "amount": f"{rules.value(r.parameter, on):.2f}"} for r in codes]
    entry["parameters"] = [{"name": name, "value": _plain(rules.version(name, on).value),
                            "effective": rules.version(name, on).effective.isoformat()}
                           for name in rules.names() if name.split(".")[0] == number]
    if item.kind == "case_by_case":
        cap = rules.value("十一.cap", on) if number == "十一" else None
        entry["up_to"] = None if cap is None else f"{cap:.2f}"
    if item.kind == "no_money":
        entry["note"] = NO_MONEY[number]
    return entry


def _plain(value: Any) -> str | None:
    return None if value is None else f"{value:f}"
