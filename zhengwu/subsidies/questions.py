"""The self-check's questions as Django forms, built from the engine's claim fields (engine.Question).

A *target* is what a firm ticks on the first page: one sub-rule (申报表单) of an item — most items have
one, （十七） has three. `ClaimForm(target)` asks only that target's questions and `claim()` turns the
answers into the engine's claim. Lists (the patents of （十三）, other policies' payments) are a fixed
number of rows; empty rows are skipped.

Input names are ASCII (q17_sales_tiers-sales): the item's number, not its Chinese numeral, so they stay
readable in logs and tests; labels are Chinese.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django import forms

from zhengwu.core.chinese import chinese_numeral

from . import engine

LIST_ROWS = 5
OPTIONAL_ROWS = 2  # rows of an optional list (other policies' payments): most firms leave them empty
ROW_RE = re.compile(r"^(?P<list>\w+)\[(?P<index>\d+)\]\.(?P<col>\w+)$")
YES_NO = [("yes", "是"), ("no", "否")]


@dataclass(frozen=True)
class Target:
    """One thing to check: a sub-rule of an item."""

    item: str
    rule: str
    label: str
    kind: str

    @property
    def id(self) -> str:
        return f"{self.item}:{self.rule}"

    @property
    def prefix(self) -> str:
        return f"q{chinese_numeral(self.item)}_{self.rule}"


def targets() -> list[Target]:
    """Every target with money, in the policy's order."""
    return [Target(it.code, f.rule, f"（{it.code}）{f.label}", it.kind)
            for it in engine.items() if it.payable for f in it.forms]


def target(target_id: str) -> Target | None:
    return next((t for t in targets() if t.id == target_id), None)


def target_of(item: str, claim: dict) -> Target | None:
    """The target of a stored claim (its rule, or the item's only form)."""
    rule = claim.get("rule")
    if rule:
        return target(f"{item}:{rule}")
    found = [t for t in targets() if t.item == item]
    return found[0] if len(found) == 1 else None


def questions_of(t: Target) -> list[engine.Question]:
    form = engine.item(t.item).form(t.rule)
    return list(form.questions) if form else []


def _field(q: engine.Question, *, required: bool | None = None) -> forms.Field:
    need = q.required if required is None else required
    errors = {"required": f"请回答“{q.label}”。"}
    common = {"label": q.label, "required": need, "help_text": q.help}
    if q.type == "decimal":
        errors |= {"invalid": f"“{q.label}”应为数字（元）。", "min_value": f"“{q.label}”不能为负数。",
                   "max_decimal_places": f"“{q.label}”最多两位小数（分）。", "max_digits": f"“{q.label}”数额过大。",
                   "max_whole_digits": f"“{q.label}”数额过大。"}
        return forms.DecimalField(min_value=Decimal(0), decimal_places=2, max_digits=16, error_messages=errors,
                                  widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)
    if q.type == "int":
        errors |= {"invalid": f"“{q.label}”应为整数。", "min_value": f"“{q.label}”不能为负数。"}
        return forms.IntegerField(min_value=0, error_messages=errors, **common)
    if q.type == "bool":
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, error_messages=errors, **common)
    if q.type == "choice":
        errors |= {"invalid_choice": f"请从“{q.label}”的选项中选择。"}
        return forms.ChoiceField(choices=[(c.value, c.label) for c in q.choices], widget=forms.RadioSelect,
                                 error_messages=errors, **common)
    return forms.CharField(max_length=200, error_messages=errors, **common)


def _value(q: engine.Question, value):
    """A cleaned answer as the engine's claim wants it: money as a string, yes/no as a bool."""
    if q.type == "decimal":
        return f"{value}"
    if q.type == "bool":
        return value == "yes"
    return value


def _initial(q: engine.Question, value):
    if q.type == "bool" and isinstance(value, bool):
        return "yes" if value else "no"
    return value


class ClaimForm(forms.Form):
    """The questions of one target; `claim()` after is_valid()."""

    def __init__(self, t: Target, *args, claim: dict | None = None, rows: int = LIST_ROWS, **kwargs) -> None:
        kwargs.setdefault("prefix", t.prefix)
        super().__init__(*args, **kwargs)
        self.target = t
        self.questions = questions_of(t)
        self.lists: list[tuple[engine.Question, list[list[str]]]] = []
        claim = claim or {}
        for q in self.questions:
            if q.type == "list":
                self._add_list(q, rows if q.required else OPTIONAL_ROWS, claim.get(q.name) or [])
                continue
            self.fields[q.name] = _field(q)
            if q.name in claim:
                self.initial[q.name] = _initial(q, claim[q.name])

    def _add_list(self, q: engine.Question, rows: int, given: list) -> None:
        names = []
        for row in range(1, max(rows, len(given)) + 1):
            row_names = []
            for col in q.columns:
                name = self.cell(q.name, row, col.name)
                self.fields[name] = _field(col, required=False)
                self.fields[name].label = f"第{row}行 {col.label}"
                # The table's header names the column; the input itself carries row and column for
                # screen readers and for error messages.
                self.fields[name].widget.attrs["aria-label"] = self.fields[name].label
                if row <= len(given) and isinstance(given[row - 1], dict) and col.name in given[row - 1]:
                    self.initial[name] = _initial(col, given[row - 1][col.name])
                row_names.append(name)
            names.append(row_names)
        self.lists.append((q, names))

    @staticmethod
    def cell(name: str, row: int, col: str) -> str:
        """The input of one cell of a list (rows counted from 1, as people count)."""
        return f"{name}_{row}_{col}"

    def list_rows(self) -> list[tuple[engine.Question, list[list[forms.BoundField]]]]:
        """For the template: each list question with its rows of bound fields."""
        return [(q, [[self[n] for n in row] for row in rows]) for q, rows in self.lists]

    def plain_fields(self) -> list[forms.BoundField]:
        listed = {n for _, rows in self.lists for row in rows for n in row}
        return [self[n] for n in self.fields if n not in listed]

    def clean(self) -> dict:
        data = super().clean()
        for q, rows in self.lists:
            filled = 0
            for row in rows:
                values = [data.get(n) for n in row]
                if all(v in (None, "") for v in values):
                    continue
                filled += 1
                for n, col in zip(row, q.columns, strict=True):
                    if col.required and data.get(n) in (None, ""):
                        self.add_error(n, f"{self.fields[n].label}：请填写（这一行其他栏已填写）。")
            if q.required and not filled:
                self.add_error(rows[0][0] if rows and rows[0] else None, f"请至少填写一行“{q.label}”。")
        return data

    def claim(self) -> dict:
        """The engine's claim: {"item": …, "rule"?: …, field: value …}."""
        data = self.cleaned_data
        claim: dict = {"item": self.target.item}
        if self.target.rule:
            claim["rule"] = self.target.rule
        for q in self.questions:
            if q.type == "list":
                rows = next(r for lq, r in self.lists if lq is q)
                entries = []
                for row in rows:
                    values = {col.name: data.get(n) for n, col in zip(row, q.columns, strict=True)}
                    if any(v not in (None, "") for v in values.values()):
                        entries.append({k: _value(col, v) for (k, v), col in zip(values.items(), q.columns, strict=True)
                                        if v not in (None, "")})
                claim[q.name] = entries
            elif data.get(q.name) not in (None, ""):
                claim[q.name] = _value(q, data[q.name])
        return claim

    def attach(self, field: str | None, message: str) -> None:
        """An engine DomainError on this claim next to the input it names ("patents[2].granted_in" → row 3's
        input, "rd_spend" → its input); one this form has no input for goes to the form's top."""
        field = field or ""
        match = ROW_RE.match(field)
        name = self.cell(match["list"], int(match["index"]) + 1, match["col"]) if match else field
        self.add_error(name if name in self.fields else None, message)
