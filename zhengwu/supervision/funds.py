"""Fund rules of 綦江府办发〔2021〕24号 二（七）1. as checks over the recorded assistance-fund projects.

- share (资金占比): per party and year, the projects marked 巩固拓展脱贫攻坚成果及乡村振兴 must be 不低于60% of
  that party's project money (60% itself passes);
- size (单个项目): every fixed-asset project 原则上 不低于100万元 (100万 itself passes); a smaller one is
  listed as an exception to explain (原则上), not refused at entry.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import transaction

from zhengwu.core.errors import DomainError

from .models import FundProject, Programme
from .progress import decimal_of
from .rules import consolidation_share_ok, default_rules, fixed_asset_project_ok


def check_day(year: int) -> dt.date:
    return max(dt.date(year, 12, 31), default_rules().document.effective)


def fund_checks(programme: Programme, year: int) -> dict:
    """{"share": [{party, total, consolidation, share, minimum, ok, basis}], "projects": [{…, ok}]}.

    Cites 綦江府办发〔2021〕24号二（七）1.
    """
    rules = default_rules()
    on = check_day(year)
    projects = list(FundProject.objects.filter(programme=programme, year=year).order_by("party", "pk"))
    money: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for project in projects:
        money[project.party][0] += project.amount
        if project.consolidation:
            money[project.party][1] += project.amount
    share_basis = rules.version("fund_consolidation_share", on)
    shares = []
    for party, (total, part) in money.items():
        share = (part / total) if total else Decimal(0)
        ok, minimum = consolidation_share_ok(share, on)
        shares.append({"party": party, "total": total, "consolidation": part,
                       "share": share.quantize(Decimal("0.0001")), "minimum": minimum, "ok": ok,
                       "basis": share_basis.basis})
    size_basis = rules.version("fixed_asset_project_minimum", on)
    sized = []
    for project in projects:
        if not project.fixed_asset:
            continue
        ok, minimum = fixed_asset_project_ok(project.amount, on)
        sized.append({"party": project.party, "name": project.name, "amount": project.amount, "minimum": minimum,
                      "ok": ok, "basis": size_basis.basis, "sample": project.is_sample})
    return {"year": year, "share": shares, "projects": sized}


@transaction.atomic
def add_project(programme: Programme, *, party: str, year: int, name: str, amount, consolidation: bool,
                fixed_asset: bool, is_sample: bool = False) -> FundProject:
    if not (name or "").strip():
        raise DomainError("请填写项目名称。", field="name")
    if not (party or "").strip():
        raise DomainError("请填写出资方。", field="party")
    value = decimal_of(amount, field="amount")
    if value == 0:
        raise DomainError("项目金额应大于0。", field="amount")
    return FundProject.objects.create(programme=programme, party=party.strip(), year=int(year), name=name.strip(),
                                      amount=value, consolidation=consolidation, fixed_asset=fixed_asset,
                                      is_sample=is_sample)
