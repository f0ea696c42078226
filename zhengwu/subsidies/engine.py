"""The web side's one door to the rules engine (zhengwu.subsidies.rules): quotes, the catalogue of items,
the questions of each item, the firm register and the forecast.

Everything the pages and the workflow need from the engine goes through here, so the engine's own
shapes (Quote, catalogue entries, field specs) are read in one place and handed on as small plain values.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from zhengwu.core.errors import DomainError

DOC = "綦江府办发〔2021〕26号"
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Line:
    """The engine's answer for one claim: amount, basis lines ({cite, text}) and, when nothing is paid or
    the amount is for review to decide, the reason."""

    item: str
    amount: Decimal
    basis: tuple[dict, ...] = ()
    reason: str = ""
    rule: str = ""
    pending: bool = False  # case by case (一事一议), amount not decided yet
    up_to: Decimal | None = None  # its cap, if it has one

    def as_json(self) -> dict:
        found = {"item": self.item, "rule": self.rule, "amount": f"{self.amount:.2f}",
                 "basis": [dict(b) for b in self.basis]}
        if self.reason:
            found["reason"] = self.reason
        if self.pending or self.up_to is not None:
            found["pending"] = self.pending
            found["up_to"] = None if self.up_to is None else f"{self.up_to:.2f}"
        return found

    @classmethod
    def from_json(cls, data: dict) -> Line:
        cap = data.get("up_to")
        return cls(str(data.get("item", "")), Decimal(str(data.get("amount", "0"))),
                   tuple(data.get("basis") or ()), str(data.get("reason") or ""), str(data.get("rule") or ""),
                   bool(data.get("pending")), Decimal(cap) if cap not in (None, "") else None)


def _facts(applicant, on: dt.date, claims: list[dict]) -> dict:
    """The engine's facts; `applicant` a Firm (or anything with name and kind) or a dict."""
    if isinstance(applicant, dict):
        who = {"name": applicant.get("name", ""), "kind": applicant.get("kind", "firm")}
    else:
        who = {"name": applicant.name, "kind": applicant.kind}
    return {"applicant": who, "on": on.isoformat(), "claims": claims}


def quote_all(applicant, on: dt.date, claims: list[dict], *, rules=None) -> tuple[Decimal, list[Line]]:
    """(total, one Line per claim) for `claims` of `applicant` on `on`; DomainError as the engine says."""
    from .rules import quote

    answer = quote(_facts(applicant, on, claims), rules=rules).as_json()
    return Decimal(answer["total"]), [Line.from_json(line) for line in answer["lines"]]


def quote_claim(applicant, on: dt.date, claim: dict) -> Line:
    """The Line of one claim."""
    _total, lines = quote_all(applicant, on, [claim])
    if not lines:
        raise DomainError("测算没有结果，请检查申报事项。", field="item", code="no_result")
    return lines[0]


# ---- the catalogue -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    """One question of the self-check: a claim field of one sub-rule (rules/fields.py)."""

    name: str
    label: str
    type: str  # "decimal", "int", "bool", "choice", "text", "list"
    required: bool = True
    choices: tuple[Choice, ...] = ()
    help: str = ""
    columns: tuple[Question, ...] = ()  # for "list": the fields of each entry (a patent's)


@dataclass(frozen=True)
class Form:
    """One sub-rule of an item (申报表单) and its questions."""

    item: str
    rule: str
    label: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Item:
    """A policy item (政策条目) as the pages show it."""

    code: str  # "六"
    title: str
    kind: str  # fixed / computed / case_by_case / no_money
    forms: tuple[Form, ...] = ()
    recognitions: tuple[Choice, ...] = ()
    text: str = ""  # the item's text as the policy prints it
    firms_only: bool = False
    note: str = ""  # why an item pays nothing (no_money)

    @property
    def payable(self) -> bool:
        return self.kind != "no_money" and bool(self.forms)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def form(self, rule: str) -> Form | None:
        return next((f for f in self.forms if f.rule == rule), None)


KIND_LABELS = {"fixed": "按认定类型定额补助", "computed": "按公式计算", "case_by_case": "一事一议（审核确定金额）",
               "no_money": "无资金兑现规则"}


def _question(spec: dict) -> Question:
    return Question(spec["name"], spec["label"], spec["type"], bool(spec.get("required", True)),
                    tuple(Choice(c["value"], c["label"]) for c in spec.get("choices") or ()), spec.get("help") or "",
                    tuple(_question(s) for s in spec.get("of") or ()))


def _forms() -> dict[str, list[Form]]:
    from .rules.fields import fields_description

    described = fields_description()
    common = tuple(_question(s) for s in described["common"])
    found: dict[str, list[Form]] = {}
    for spec in described["forms"]:
        questions = tuple(_question(s) for s in spec["fields"]) + common
        found.setdefault(spec["item"], []).append(Form(spec["item"], spec["rule"], spec["label"], questions))
    return found


@cache
def _catalogue() -> tuple[Item, ...]:
    from .rules import items_catalogue

    forms = _forms()
    built = []
    for entry in items_catalogue():
        data = dict(entry)
        code = data["item"]
        recognitions = tuple(Choice(c["code"], c["name"]) for c in data.get("recognitions") or ())
        built.append(Item(code, data["title"], data["kind"], tuple(forms.get(code, ())), recognitions,
                          data.get("text", ""), bool(data.get("firms_only")), data.get("note", "")))
    return tuple(built)


def items() -> tuple[Item, ...]:
    return _catalogue()


def item(code: str) -> Item:
    for found in _catalogue():
        if found.code == code:
            return found
    raise DomainError(f"{DOC} 没有“{code}”这一条目。", field="item", code="unknown_item")


def is_case_by_case(code: str) -> bool:
    return item(code).kind == "case_by_case"


def up_to(quote: dict) -> Decimal | None:
    """The cap of a case-by-case line as the quote gave it (None: no cap, or not case by case)."""
    value = (quote or {}).get("up_to")
    return Decimal(value) if value not in (None, "") else None


def recognition_of(code: str, claim: dict) -> str | None:
    """The recognition code a claim names (认定类型), if any."""
    value = claim.get("recognition")
    return value if isinstance(value, str) and value else None


def inventions_of(claim: dict) -> list[str]:
    """The inventions a patent claim （十三） names — one grant per invention."""
    patents = claim.get("patents")
    if not isinstance(patents, list):
        return []
    return [str(p.get("invention")).strip() for p in patents if isinstance(p, dict) and p.get("invention")]


def claim_label(code: str, claim: dict) -> str:
    """How a claim is named to people: item, and its recognition or sub-rule."""
    found = item(code)
    recognition = recognition_of(code, claim)
    for choice in found.recognitions:
        if choice.value == recognition:
            return f"（{code}）{choice.label}"
    form = found.form(str(claim.get("rule") or "")) or (found.forms[0] if len(found.forms) == 1 else None)
    return f"（{code}）{form.label if form else found.title}"


# ---- the firm register and the forecast --------------------------------------------------------------------

@dataclass(frozen=True)
class RegisterFirm:
    """One firm of a register: its row (for messages and links), who it is, and the engine's own record."""

    row: int
    name: str
    credit_code: str
    kind: str
    record: object = None


@dataclass(frozen=True)
class Roster:
    """A register as the engine read it (`register`: rules.register.Register, column by column) and the
    credit codes the web side read beside it (the engine has no use for them), by data row."""

    register: object
    codes: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.register)

    def firms(self) -> list[RegisterFirm]:
        found = []
        for index in range(len(self.register)):
            firm = self.register.firm(index)
            found.append(RegisterFirm(firm.row or index + 2, firm.name, self.codes[index], firm.kind, firm))
        return found


def read_register(filename: str, data: bytes) -> Roster:
    """A CSV/XLSX register; a DomainError names the row (line) and column (field)."""
    try:
        from .rules.register import read_register as read
    except ImportError:  # a checkout whose engine has no register reader yet: say so, in Chinese
        raise DomainError("本版本的规则引擎还不能读取企业名录（缺少 rules/register.py）。", field="register",
                          code="unavailable") from None
    from .register_codes import credit_codes

    register = read(filename, data=data)
    return Roster(register, tuple(credit_codes(filename, data, expected=len(register))))


def firm_facts(firm: RegisterFirm, on: dt.date) -> dict:
    """The facts the firm appears to qualify on (rules.register.firm_claims): {"applicant", "on", "claims"},
    each claim with its sub-rule written out, as the web side keeps every claim."""
    from .rules.register import firm_claims

    facts = dict(firm_claims(firm.record, on=on.isoformat()))
    facts["claims"] = [with_rule(claim) for claim in facts["claims"]]
    return facts


def with_rule(claim: dict) -> dict:
    """`claim` with "rule" set: the engine lets a claim leave it out when its recognition code or its item's
    only form says which it is; the pages find a claim's questions by it."""
    if claim.get("rule"):
        return claim
    from .rules import RECOGNITIONS

    code = claim.get("recognition")
    if isinstance(code, str) and code in RECOGNITIONS:
        return {**claim, "rule": RECOGNITIONS[code].rule}
    forms = item(claim["item"]).forms
    return {**claim, "rule": forms[0].rule} if len(forms) == 1 else claim


@dataclass(frozen=True)
class ForecastRow:
    item: str
    title: str
    firms: int
    current: Decimal
    whatif: Decimal

    @property
    def diff(self) -> Decimal:
        return self.whatif - self.current


@dataclass(frozen=True)
class Forecast:
    on: dt.date
    firms: int
    overrides: tuple[tuple[str, str], ...]
    rows: tuple[ForecastRow, ...]
    total_current: Decimal
    total_whatif: Decimal

    @property
    def total_diff(self) -> Decimal:
        return self.total_whatif - self.total_current


def run_forecast(roster: Roster, overrides: dict[str, str], on: dt.date) -> Forecast:
    """Totals by item under the current parameters and with `overrides` ({"六.above.cap": "600000"}), each
    what-if value in force from `on` — the engine's column-wise forecast (rules.forecast). Its errors
    name "overrides" (an unknown parameter, a bad value) or "on"."""
    from .rules import ITEMS
    from .rules.forecast import forecast

    try:
        result = forecast(roster.register, overrides=overrides or None, on=on)
    except DomainError as exc:
        field = "on" if exc.field == "on" else "overrides"
        # The engine words value errors for its command line ("--set：…"); the page's field is named by place.
        raise DomainError(exc.message.removeprefix("--set：").removeprefix("--set:"), field=field,
                          code=exc.code) from None
    base = result.baseline or result
    rows = tuple(ForecastRow(code, ITEMS[code].title, result.paid_firms.get(code, 0), base.totals[code],
                             result.totals[code]) for code in result.totals)
    return Forecast(on, result.firms, tuple((o["name"], o["value"] or "") for o in result.overrides), rows,
                    base.total, result.total)
