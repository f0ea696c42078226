"""Budget forecast over the firm register (预算测算), column by column, and what-if parameters (测算假设).

`forecast(register, rules, overrides)` computes every firm's amounts with numpy on integer fen — the same
rules as `quote()`, step for step (cap, then rounding half up to the fen, then the minimum payable) — so the
totals equal the sum of the per-firm quotes exactly; `explain(firm)` is that quote for one firm.

Why integers: a rate r = p/q (a Decimal as an exact ratio) of s fen rounded half up is (2·s·p + q) // (2·q),
exact in int64 while the products stay below 2^63 (checked; Python integers otherwise). A cap is a whole
number of fen, so rounding then capping equals capping then rounding.

JSON shape (`Forecast.as_json()`):

    {"on": "2021-09-01", "firms": 100000,
     "totals": {"一": "…", "二": "…", …}, "total": "…",       # items the register covers, policy order
     "paid_firms": {"一": 123, …},                            # firms with a non-zero amount, per item
     "overrides": [{"name": "六.above.cap", "value": "600000", "was": "500000"}],   # [] without --set
     "baseline": {"totals": {…}, "total": "…"} | null,        # the current parameters, with overrides only
     "difference": {"totals": {…}, "total": "…"} | null}      # with overrides minus baseline
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np

from zhengwu.core.dates import today
from zhengwu.core.errors import DomainError
from zhengwu.core.parameters import Rulebook, Version, parameter_number

from .parameters import default_rules
from .quote import Quote, quote
from .recognitions import RECOGNITIONS
from .register import Firm, Register, firm_claims

ITEM_ORDER = ("一", "二", "三", "四", "六", "七", "十三", "十七", "十八", "十九")
LIMIT = 2**62  # products must stay below this to be exact in int64 (with room for the + q)
ASSUMPTION = "测算假设（--set）"


@dataclass(frozen=True)
class Forecast:
    """Totals by item and overall (测算结果), in yuan; with overrides, the baseline and the difference."""

    on: dt.date
    firms: int
    totals: dict[str, Decimal]
    paid_firms: dict[str, int]
    overrides: list[dict[str, str | None]] = field(default_factory=list)
    baseline: Forecast | None = None

    @property
    def total(self) -> Decimal:
        return sum(self.totals.values(), Decimal("0.00"))

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"on": self.on.isoformat(), "firms": self.firms,
                                 "totals": _money(self.totals), "total": f"{self.total:.2f}",
                                 "paid_firms": dict(self.paid_firms), "overrides": list(self.overrides),
                                 "baseline": None, "difference": None}
        if self.baseline is not None:
            base = self.baseline
            found["baseline"] = {"totals": _money(base.totals), "total": f"{base.total:.2f}"}
            found["difference"] = {"totals": _money({k: self.totals[k] - base.totals[k] for k in self.totals}),
                                   "total": f"{self.total - base.total:.2f}"}
        return found


def forecast(firms: Register | Sequence[Firm], rules: Rulebook | None = None,
             overrides: Mapping[str, Any] | None = None, *, on: dt.date | None = None) -> Forecast:
    """What the policy would pay the register's firms on `on` (default today); with `overrides`
    ({"六.above.cap": "600000"}), also under those values, compared with the current ones."""
    register = firms if isinstance(firms, Register) else Register.from_firms(list(firms))
    rules = rules or default_rules()
    on = on or max(today(), rules.document.effective)
    if on < rules.document.effective:
        raise DomainError(f"测算日期 {on.isoformat()} 早于{rules.document.number}施行之日 "
                          f"{rules.document.effective.isoformat()}。", field="on")
    baseline = _compute(register, rules, on)
    if not overrides:
        return baseline
    changed, listed = what_if(rules, overrides, on)
    result = _compute(register, changed, on)
    return Forecast(on=on, firms=result.firms, totals=result.totals, paid_firms=result.paid_firms,
                    overrides=listed, baseline=baseline)


def what_if(rules: Rulebook, overrides: Mapping[str, Any], on: dt.date) -> tuple[Rulebook, list[dict[str, str | None]]]:
    """The rules with each override as a version in force from `on` (replacing one of that day)."""
    added, listed = [], []
    for name, raw in overrides.items():
        if name not in rules.versions:
            raise DomainError(f"没有名为 {name} 的参数。可用的参数：{', '.join(rules.names())}。",
                              field="--set", code="unknown_parameter")
        value = parameter_number(str(raw) if not isinstance(raw, str) else raw, "--set", name)
        was = rules.version(name, on).value
        added.append(Version(name=name, value=value, effective=on, cite=ASSUMPTION,
                             text=f"假设 {name} = {value}（原为 {was}）", source="--set"))
        listed.append({"name": name, "value": None if value is None else f"{value:f}",
                       "was": None if was is None else f"{was:f}"})
    return rules.with_versions(*added), listed


def explain(firm: Firm, rules: Rulebook | None = None, *, on: dt.date | None = None) -> Quote:
    """One firm's amounts with their basis (逐户说明): the quote of its register facts."""
    rules = rules or default_rules()
    day = on or max(today(), rules.document.effective)
    return quote(firm_claims(firm, on=day.isoformat()), rules=rules)


def _compute(register: Register, rules: Rulebook, on: dt.date) -> Forecast:
    """Cites 綦江府办发〔2021〕26号（十三）、綦江府办发〔2021〕26号（十七）、綦江府办发〔2021〕26号（十九）."""
    c = register.columns
    p = _Params(rules, on)
    firm = c["firm"]
    amounts: dict[str, np.ndarray] = {item: np.zeros(len(register), dtype=np.int64) for item in ITEM_ORDER}
    for code, listed in register.code_counts().items():
        recognition = RECOGNITIONS[code]
        amounts[recognition.item] += listed * p.fen(recognition.parameter)
    amounts["六"] = np.where(firm, _rd_input(c, p, "above", 1) + _rd_input(c, p, "below", 2), 0)
    amounts["十三"] = (np.where(firm, c["patents_cn"] * p.fen("十三.cn.firm"), c["patents_cn"] * p.fen("十三.cn.other"))
                      + np.where(firm, c["patents_eu_us_jp"] * p.fen("十三.eu_us_jp.firm")
                                 + c["patents_other_foreign"] * p.fen("十三.other_foreign.firm"), 0))
    amounts["十七"] = (_sales_tiers(c["sales"], p) + c["high_tech_products"] * p.fen("十七.high_tech_product")
                      + _capped(c["tech_contracts_total"], p.value("十七.contracts.rate"), p.fen("十七.contracts.cap")))
    amounts["十九"] += c["incubated_high_tech"] * p.fen("十九.incubated_high_tech")
    totals = {item: Decimal(int(amounts[item].sum(dtype=object))) / 100 for item in ITEM_ORDER}
    paid = {item: int(np.count_nonzero(amounts[item])) for item in ITEM_ORDER}
    return Forecast(on=on, firms=len(register), totals={k: v.quantize(Decimal("0.01")) for k, v in totals.items()},
                    paid_firms=paid)


def _rd_input(c: Mapping[str, np.ndarray], p: _Params, scale: str, code: int) -> np.ndarray:
    """（六） for one scale: as items_computed._rd_input, on every firm at once."""
    spend, revenue = c["rd_spend"], c["revenue"]
    tp, tq = p.ratio(f"六.{scale}.intensity")
    eligible = ((c["scale"] == code) & c["has_rd_institution"] & ~c["gets_rd_reserve"] & (revenue > 0)
                & (_times(spend, tq) >= _times(revenue, tp)))
    if scale == "below":
        eligible &= revenue >= p.fen("六.below.revenue")
    amount = _capped(spend, p.value(f"六.{scale}.rate"), p.fen(f"六.{scale}.cap"))
    amount = np.where(amount <= p.fen(f"六.{scale}.minimum"), 0, amount)
    return np.where(eligible, amount, 0)


def _sales_tiers(sales: np.ndarray, p: _Params) -> np.ndarray:
    """（十七） the highest tier reached: tiers in rising threshold order, each reached one overwriting."""
    tiers = sorted(((p.fen(f"十七.sales.tier_{n}.threshold"), p.fen(f"十七.sales.tier_{n}.amount")) for n in (1, 2, 3)),
                   key=lambda tier: tier[0])
    amount = np.zeros(len(sales), dtype=np.int64)
    for threshold, pays in tiers:
        amount = np.where((sales >= threshold) & (sales > 0), pays, amount)
    return amount


def _capped(fen: np.ndarray, rate: Decimal, cap: int) -> np.ndarray:
    """rate × fen rounded half up to the fen, at most `cap` fen."""
    numerator, denominator = rate.as_integer_ratio()
    scaled = _times(fen, 2 * numerator)
    rounded = (scaled + denominator) // (2 * denominator)
    return np.minimum(rounded, cap).astype(np.int64)


def _times(values: np.ndarray, factor: int) -> np.ndarray:
    """values × factor, exact: int64 when it cannot overflow, Python integers otherwise."""
    top = int(values.max(initial=0))
    if top * abs(factor) < LIMIT and abs(factor) < LIMIT:
        return values * factor
    return values.astype(object) * factor


@dataclass
class _Params:
    """The parameters in force on a day, as the vectorised formulas need them."""

    rules: Rulebook
    on: dt.date

    def value(self, name: str) -> Decimal:
        value = self.rules.version(name, self.on).value
        return value if value is not None else Decimal(0)

    def fen(self, name: str) -> int:
        """A money parameter in whole fen; a value finer than the fen is refused, not rounded unnoticed."""
        if self.rules.version(name, self.on).value is None:
            raise DomainError(f"测算参数 {name} 不能为 none。", field=name)
        fen = self.value(name) * 100
        if fen != fen.to_integral_value():
            raise DomainError(f"测算参数 {name} = {self.value(name)} 应精确到分。", field=name)
        return int(fen)

    def ratio(self, name: str) -> tuple[int, int]:
        return self.value(name).as_integer_ratio()


def _money(totals: Mapping[str, Decimal]) -> dict[str, str]:
    return {item: f"{amount:.2f}" for item, amount in totals.items()}
