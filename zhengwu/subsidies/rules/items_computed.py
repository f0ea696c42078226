"""Computed items (按公式测算): a rate of a declared sum with a cap, thresholds, tiers, one grant per invention.

（五） project matching, （六） R&D input, （十） financing guarantee, （十三） invention patents, （十四） pledge
valuation fee, （十七） sales tiers, high-tech products and technology contracts. Each function cites its
item; the numbers are the parameters in force on the quote's day.
"""
from __future__ import annotations

import re
from decimal import Decimal

from zhengwu.core.errors import DomainError

from .facts import Claim
from .items_fixed import per_unit
from .lines import BOUNDARY, DECISION, Context, Line, percent, refuse, settle, yuan

# 欧、美、日: the European Patent Office (EP), "EU", the EU member states, the United States and Japan.
EU_US_JP = {"EP", "EU", "US", "JP", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
            "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
PLACE_RE = re.compile(r"^(?:[A-Z]{2}|OTHER)$")
PLACE_LABELS = {"cn": "国家知识产权局授权", "eu_us_jp": "欧、美、日授权", "other_foreign": "其他国家或地区授权"}


def item_5_project_matching(claim: Claim, ctx: Context) -> Line:
    """（五）科技计划项目配套: 50% of national funding (at most 50万), 10% of municipal (at most 20万) per
    project; not for projects won as a high-tech enterprise (高新技术企业获批支持项目除外).
    Cites 綦江府办发〔2021〕26号（五）."""
    level = claim["level"]
    rate, cap = ctx.version(f"五.{level}.rate"), ctx.version(f"五.{level}.cap")
    if claim["high_tech_enterprise_project"]:
        return refuse(claim, "高新技术企业获批支持项目除外，不予配套",
                      [ctx.rules.clause("not_high_tech_project").basis])
    label = "国家级" if level == "national" else "市级"
    raw = claim["funding"] * (rate.value or Decimal(0))
    said = f"{label}项目所获财政资金 {yuan(claim['funding'])} 元 × {percent(rate.value or Decimal(0))} = {yuan(raw)} 元"
    return settle(claim, raw, said, [rate.basis], cap=cap)


def item_6_rd_input(claim: Claim, ctx: Context) -> Line:
    """（六）支持企业加大研发投入: for firms with a district-or-higher R&D institution and no R&D reserve grant,
    1% of the R&D spending declared for the super-deduction (加计扣除), by scale (规上/规下).
    Cites 綦江府办发〔2021〕26号（六）."""
    conditions = ctx.rules.clause("rd_conditions").basis
    if not claim["has_rd_institution"]:
        return refuse(claim, "未成立区级以上研发机构", [conditions])
    if claim["gets_rd_reserve"]:
        return refuse(claim, "已享受研发准备金政策", [conditions])
    if claim["revenue"] == 0:
        return refuse(claim, "营业收入为 0，无法计算研发投入强度（研发投入 ÷ 营业收入）", [conditions])
    if claim["scale"] == "above":
        return item_6_rd_input_above(claim, ctx)
    return item_6_rd_input_below(claim, ctx)


def item_6_rd_input_above(claim: Claim, ctx: Context) -> Line:
    """（六）规上（限上）企业: intensity 达5% → 1%, at most 50万; 1万元以下 (10000 included) not paid."""
    return _rd_input(claim, ctx, "above", "规上（限上）企业")


def item_6_rd_input_below(claim: Claim, ctx: Context) -> Line:
    """（六）规下（限下）企业: intensity 达3% and revenue 500万元以上 (included) → 1%, at most 1万;
    0.1万元以下 (1000 included) not paid."""
    return _rd_input(claim, ctx, "below", "规下（限下）企业")


def _rd_input(claim: Claim, ctx: Context, scale: str, label: str) -> Line:
    """Cites 綦江府办发〔2021〕26号（六）."""
    threshold, rate = ctx.version(f"六.{scale}.intensity"), ctx.version(f"六.{scale}.rate")
    cap, minimum = ctx.version(f"六.{scale}.cap"), ctx.version(f"六.{scale}.minimum")
    spend, revenue = claim["rd_spend"], claim["revenue"]
    least = threshold.value or Decimal(0)
    shown = _intensity(spend, revenue)
    basis = [ctx.rules.clause("rd_conditions").basis, threshold.basis]
    # Compare rd_spend with threshold × revenue: exact, no division.
    if spend < least * revenue:
        return refuse(claim, f"{label}研发投入强度 {shown} 未达 {percent(least)}", basis)
    if spend == least * revenue:
        basis.append({"cite": BOUNDARY, "text": f"研发投入强度恰为 {percent(least)}：“达”即达到或超过，包括本数。"})
    if scale == "below":
        floor = ctx.version("六.below.revenue")
        least_revenue = floor.value or Decimal(0)
        if revenue < least_revenue:
            return refuse(claim, f"{label}营业收入 {yuan(revenue)} 元不足 {yuan(least_revenue)} 元（500万元以上）",
                          basis)
        if revenue == least_revenue:
            basis.append({"cite": BOUNDARY, "text": f"营业收入恰为 {yuan(least_revenue)} 元：“以上”包括本数。"})
    raw = spend * (rate.value or Decimal(0))
    said = (f"{label}研发投入强度 {shown}（{yuan(spend)} ÷ {yuan(revenue)}），达 {percent(least)}；"
            f"研发投入 {yuan(spend)} 元 × {percent(rate.value or Decimal(0))} = {yuan(raw)} 元")
    return settle(claim, raw, said, basis, cap=cap, minimum=minimum)


def _intensity(spend: Decimal, revenue: Decimal) -> str:
    """rd_spend / revenue as a percent, to 4 places; "约" when that is not exact."""
    exact = spend * 100 / revenue
    shown = exact.quantize(Decimal("0.0001"))
    return f"{yuan(shown)}%" if shown == exact else f"约 {yuan(shown)}%"


def item_10_financing_guarantee(claim: Claim, ctx: Context) -> Line:
    """（十）支持金融机构加大信贷投放 (融资担保补贴): 2% of the maximum guaranteed financing (最高融资担保额).

    Decision (SPEC S6): 2% of the guaranteed amount applied for, shown as such; the text sets no cap.
    Cites 綦江府办发〔2021〕26号（十）.
    """
    rate = ctx.version("十.rate")
    raw = claim["guaranteed_amount"] * (rate.value or Decimal(0))
    basis = [rate.basis, {"cite": DECISION, "text": "按申请的融资担保额计算 2%（原文“最高融资担保额的2%”），无上限。"}]
    return settle(claim, raw, f"融资担保额 {yuan(claim['guaranteed_amount'])} 元 × {percent(rate.value or Decimal(0))}"
                              f" = {yuan(raw)} 元", basis)


def item_13_invention_patents(claim: Claim, ctx: Context) -> Line:
    """（十三）支持知识产权保护 (发明专利授权): CNIPA 1万/件 to firms, 5000/件 to others; EU/US/JP 2万/件 and
    other countries 1万/件 to firms only; one grant per invention (只资助1次) — the highest applicable.
    Cites 綦江府办发〔2021〕26号（十三）."""
    inventions: dict[str, list[str]] = {}
    for position, patent in enumerate(claim["patents"]):
        place = _place(patent["granted_in"], claim.where(f"patents[{position}].granted_in"))
        inventions.setdefault(patent["invention"], []).append(place)
    if not inventions:
        return refuse(claim, "未列出发明专利授权", [ctx.rules.clause("item.十三").basis])
    basis, parts, total = [], [], Decimal(0)
    for invention, places in inventions.items():
        options = {}
        for place in sorted(set(places)):
            if ctx.kind != "firm" and place != "cn":
                continue  # foreign grants pay firms only
            version = ctx.version(f"十三.{place}.{'firm' if ctx.kind == 'firm' else 'other'}")
            basis.append(version.basis)
            options[place] = version.value or Decimal(0)
        if not options:
            parts.append(f"发明“{invention}”仅有境外授权，境外授权只资助企业：0 元")
            continue
        best = max(options, key=lambda p: options[p])
        total += options[best]
        many = "，同一发明多地授权只资助1次，取最高" if len(set(places)) > 1 else ""
        parts.append(f"发明“{invention}”{PLACE_LABELS[best]}{many}：{yuan(options[best])} 元")
    if any(len(set(places)) > 1 for places in inventions.values()):
        basis.append(ctx.rules.clause("once_per_invention").basis)
    if total == 0:
        cn = ctx.version("十三.cn.other")
        return refuse(claim, "；".join(parts) + "。其他单位和个人只按国家知识产权局授权资助", [cn.basis, *basis])
    return settle(claim, total, "；".join(parts) + f"；合计 {yuan(total)} 元", basis)


def _place(code: str, where: str) -> str:
    text = code.strip().upper()
    if not PLACE_RE.match(text):
        raise DomainError(f"授权国家或地区应为两位字母代码（如 CN、US、JP、EP）或 OTHER，而不是“{code}”。", field=where)
    if text == "CN":
        return "cn"
    return "eu_us_jp" if text in EU_US_JP else "other_foreign"


def item_14_pledge_valuation(claim: Claim, ctx: Context) -> Line:
    """（十四）知识产权质押融资价值评估费: 50% of the fee actually paid, at most 5万.

    Cites 綦江府办发〔2021〕26号（十四）.
    """
    rate, cap = ctx.version("十四.pledge.rate"), ctx.version("十四.pledge.cap")
    raw = claim["valuation_fee"] * (rate.value or Decimal(0))
    said = f"价值评估费 {yuan(claim['valuation_fee'])} 元 × {percent(rate.value or Decimal(0))} = {yuan(raw)} 元"
    return settle(claim, raw, said, [rate.basis], cap=cap)


def item_17_sales_tiers(claim: Claim, ctx: Context) -> Line:
    """（十七）高新技术产品认定次年销售收入 达1000万/3000万/5000万 → 10万/30万/50万, once, the highest tier.

    Cites 綦江府办发〔2021〕26号（十七）.
    """
    sales = claim["sales"]
    tiers = [(ctx.version(f"十七.sales.tier_{n}.threshold"), ctx.version(f"十七.sales.tier_{n}.amount"))
             for n in (1, 2, 3)]
    basis = [tiers[0][0].basis]
    reached = [(t, a) for t, a in tiers if sales >= (t.value or Decimal(0))]
    if not reached:
        return refuse(claim, f"认定次年产品销售收入 {yuan(sales)} 元未达 {yuan(tiers[0][0].value or Decimal(0))} 元",
                      basis)
    threshold, amount = max(reached, key=lambda pair: pair[0].value or Decimal(0))
    if sales == threshold.value:
        basis.append({"cite": BOUNDARY, "text": f"销售收入恰为 {yuan(sales)} 元：“达”即达到或超过，包括本数。"})
    said = (f"认定次年产品销售收入 {yuan(sales)} 元，达 {yuan(threshold.value or Decimal(0))} 元档（取所达最高档），"
            f"一次性补助 {yuan(amount.value or Decimal(0))} 元")
    return settle(claim, amount.value or Decimal(0), said, basis)


def item_17_high_tech_products(claim: Claim, ctx: Context) -> Line:
    """（十七）市级以上高新技术产品: 1万 once per product recognised, within its validity."""
    return per_unit(claim, ctx, "十七.high_tech_product", "认定为市级以上高新技术产品的产品")


def item_17_technology_contracts(claim: Claim, ctx: Context) -> Line:
    """（十七）技术合同认定登记: 万分之一 (0.01%) of the registered total, at most 10万.

    Cites 綦江府办发〔2021〕26号（十七）.
    """
    rate, cap = ctx.version("十七.contracts.rate"), ctx.version("十七.contracts.cap")
    total = claim["registered_total"]
    if total == 0:
        return refuse(claim, "技术合同认定登记总额为 0", [rate.basis])
    raw = total * (rate.value or Decimal(0))
    said = f"技术合同认定登记总额 {yuan(total)} 元 × {percent(rate.value or Decimal(0))} = {yuan(raw)} 元"
    return settle(claim, raw, said, [rate.basis], cap=cap)

