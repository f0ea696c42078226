"""Fixed grants (定额补助): a set amount per first recognition, per project or per firm.

（一）（二）（三）（四）（七）（十八）（十九） pay by recognition type (recognitions.py), once, on a first recognition only
(首次认定); （八） pays a set amount to a large-scale intelligent technology firm; （十四）'s reports and plans
and （十九）'s incubated firms pay a set amount each.
"""
from __future__ import annotations

from decimal import Decimal

from .facts import Claim
from .lines import DECISION, Context, Line, refuse, settle, yuan
from .recognitions import RECOGNITIONS


def recognition_grant(claim: Claim, ctx: Context) -> Line:
    """The one-off grant of a recognition (首次认定，一次性给予): the amount of its code, first time only."""
    recognition = RECOGNITIONS[claim["recognition"]]
    amount = ctx.version(recognition.parameter)
    if not claim["first"]:
        return refuse(claim, f"{recognition.name}非首次认定（或已获本项补助），本项只补助首次认定、一次性给予",
                      [amount.basis])
    said = f"首次认定为{recognition.name}，一次性补助 {yuan(amount.value or Decimal(0))} 元"
    return settle(claim, amount.value or Decimal(0), said, [amount.basis])


def item_1_innovation_platform(claim: Claim, ctx: Context) -> Line:
    """（一）支持创新平台加快集聚、高效运行: national key lab 60万, national centres 30万/20万, municipal 5万/4万."""
    return recognition_grant(claim, ctx)


def item_2_rd_institution(claim: Claim, ctx: Context) -> Line:
    """（二）支持引进培育高端研发机构 (新型研发机构): national 100万, municipal high-end 50万, start-up 20万."""
    return recognition_grant(claim, ctx)


def item_3_academician(claim: Claim, ctx: Context) -> Line:
    """（三）院士专家工作站 100万、院士专家工作室 20万, after one year of normal operation (正常运行一年)."""
    return recognition_grant(claim, ctx)


def item_3_postdoctoral(claim: Claim, ctx: Context) -> Line:
    """（三）博士后科研工作站: national 60万, municipal 20万, first recognition."""
    return recognition_grant(claim, ctx)


def item_4_enterprise_platform(claim: Claim, ctx: Context) -> Line:
    """（四）企业创新平台 (产业技术协同创新中心、制造业创新中心): national 30万, municipal 5万."""
    return recognition_grant(claim, ctx)


def item_7_agri_platform(claim: Claim, ctx: Context) -> Line:
    """（七）农业科技创新平台: 星创天地 national 20万 / municipal 10万; 专家大院 national 10万 / municipal 3万."""
    return recognition_grant(claim, ctx)


def item_18_transfer_institution(claim: Claim, ctx: Context) -> Line:
    """（十八）技术转移转化机构、检验检测机构: national 20万, municipal 5万."""
    return recognition_grant(claim, ctx)


def item_19_incubator(claim: Claim, ctx: Context) -> Line:
    """（十九）孵化载体: 科技企业孵化器 national 50万 / municipal 20万; 众创空间 national 30万 / municipal 10万."""
    return recognition_grant(claim, ctx)


def item_19_incubated_high_tech(claim: Claim, ctx: Context) -> Line:
    """（十九）区外引进企业成长为高新技术企业: 10万 to the incubator for each such firm."""
    return per_unit(claim, ctx, "十九.incubated_high_tech", "从区外引进并成长为高新技术企业的企业")


def item_8_agricultural_patent(claim: Claim, ctx: Context) -> Line:
    """（八）支持农业重点领域技术创新 (农业专利申请): 3万 to a large-scale intelligent technology firm.

    Decision: the text gives no unit (unlike （十三）'s 元/件), so it is 3万 once per claim, not per patent.
    Cites 綦江府办发〔2021〕26号（八）.
    """
    amount = ctx.version("八.amount")
    if not claim["large_scale_intelligent_tech_firm"]:
        return refuse(claim, "申请人不是规模化智能化科技型企业，本项只补助规模化智能化科技型企业", [amount.basis])
    each = amount.value or Decimal(0)
    basis = [amount.basis, {"cite": DECISION, "text": "原文未写“元/件”，按每次申报补助一次计。"}]
    return settle(claim, each, f"规模化智能化科技型企业农业专利申请，补助 {yuan(each)} 元", basis)


def item_14_navigation_report(claim: Claim, ctx: Context) -> Line:
    """（十四）专利导航分析报告 (通过市级评审): 3万 per project."""
    return per_unit(claim, ctx, "十四.navigation_report", "通过市级评审的专利导航分析报告项目")


def item_14_high_value_plan(claim: Claim, ctx: Context) -> Line:
    """（十四）高价值专利（组合）培育计划 (通过市级评审): 20万 per project."""
    return per_unit(claim, ctx, "十四.high_value_plan", "通过市级评审的高价值专利（组合）培育计划项目")


def per_unit(claim: Claim, ctx: Context, name: str, what: str) -> Line:
    """A set amount for each unit counted (每个项目 / 每个企业)."""
    amount = ctx.version(name)
    each = amount.value or Decimal(0)
    if claim["count"] == 0:
        return refuse(claim, f"{what}数为 0", [amount.basis])
    said = f"{what} {claim['count']} 个 × {yuan(each)} 元 = {yuan(each * claim['count'])} 元"
    return settle(claim, each * claim["count"], said, [amount.basis])

