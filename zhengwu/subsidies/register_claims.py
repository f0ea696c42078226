"""A register firm's claims (免申即享): what each column of the register (policy/register.py, whose docstring
defines them) lets the bureau claim on the firm's behalf.

A stand-in: engine.firm_facts uses the rules engine's own `policy.register.firm_claims` as soon as it
exists, and this only until then. It reads nothing the engine's register docstring does not define:
- scale with revenue or R&D spend → (六) rd_input, with the R&D-institution and reserve flags;
- each first recognition code → its item's recognition claim (first: true);
- patents, each invention once (欧美日 / other foreign / CN as the register counts them) → (十三);
- technology contracts, high-tech product sales and count → the three claims of (十七);
- firms an incubator brought in that became high-tech enterprises → (十九) incubated_high_tech.
"""
from __future__ import annotations

from decimal import Decimal

from .policy import RECOGNITIONS


def _yuan(value: Decimal) -> str:
    return f"{Decimal(value):.2f}"


def claims_of(firm) -> list[dict]:
    """The engine's claims for one register Firm (policy.register.Firm)."""
    claims: list[dict] = []
    if firm.scale and (firm.revenue or firm.rd_spend):
        claims.append({"item": "六", "rule": "rd_input", "scale": firm.scale, "rd_spend": _yuan(firm.rd_spend),
                       "revenue": _yuan(firm.revenue), "has_rd_institution": bool(firm.has_rd_institution),
                       "gets_rd_reserve": bool(firm.gets_rd_reserve)})
    for code in firm.recognitions:
        found = RECOGNITIONS[code]
        claims.append({"item": found.item, "rule": found.rule, "recognition": code, "first": True})
    patents = ([("US", "欧美日")] * firm.patents_eu_us_jp + [("OTHER", "其他境外")] * firm.patents_other_foreign
               + [("CN", "国内")] * firm.patents_cn)
    if patents:
        claims.append({"item": "十三", "rule": "invention_patents",
                       "patents": [{"invention": f"名录第{n}件（{where}）", "granted_in": country}
                                   for n, (country, where) in enumerate(patents, 1)]})
    if firm.sales:
        claims.append({"item": "十七", "rule": "sales_tiers", "sales": _yuan(firm.sales)})
    if firm.high_tech_products:
        claims.append({"item": "十七", "rule": "high_tech_products", "count": firm.high_tech_products})
    if firm.tech_contracts_total:
        claims.append({"item": "十七", "rule": "technology_contracts",
                       "registered_total": _yuan(firm.tech_contracts_total)})
    if firm.incubated_high_tech:
        claims.append({"item": "十九", "rule": "incubated_high_tech", "count": firm.incubated_high_tech})
    return claims
