"""The policy's 23 items (政策条目): title, kind, who may claim, and the function of each sub-rule.

Kinds: "fixed" (a set amount per recognition, project or firm), "computed" (a formula on declared sums),
"case_by_case" (一事一议: decided by review, up to a cap or with none), "no_money" (no payment rule).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import items_computed as c
from . import items_fixed as f
from . import items_other as o
from .facts import Claim
from .lines import Context, Line

Formula = Callable[[Claim, Context], Line]


@dataclass(frozen=True)
class Item:
    """One item of the policy (政策条目): number, short title, kind, whether only firms may claim, formulas."""

    number: str
    title: str
    kind: str
    firms_only: bool = False
    formulas: dict[str, Formula] = field(default_factory=dict)


ITEMS: dict[str, Item] = {item.number: item for item in [
    Item("一", "支持创新平台加快集聚、高效运行", "fixed", formulas={"recognition": f.item_1_innovation_platform}),
    Item("二", "支持引进培育高端研发机构", "fixed", formulas={"recognition": f.item_2_rd_institution}),
    Item("三", "支持应用基础研究", "fixed",
         formulas={"academician": f.item_3_academician, "postdoctoral": f.item_3_postdoctoral}),
    Item("四", "支持企业创新平台建设", "fixed", formulas={"recognition": f.item_4_enterprise_platform}),
    Item("五", "科技计划项目配套支持", "computed", formulas={"project_matching": c.item_5_project_matching}),
    Item("六", "支持企业加大研发投入", "computed", firms_only=True, formulas={"rd_input": c.item_6_rd_input}),
    Item("七", "支持农业科技创新平台建设", "fixed", formulas={"recognition": f.item_7_agri_platform}),
    Item("八", "支持农业重点领域技术创新", "fixed", firms_only=True,
         formulas={"agricultural_patent": f.item_8_agricultural_patent}),
    Item("九", "支持组建科技创新投资平台", "no_money"),
    Item("十", "支持金融机构加大信贷投放", "computed", firms_only=True,
         formulas={"financing_guarantee": c.item_10_financing_guarantee}),
    Item("十一", "支持科技企业扩大直接融资", "case_by_case", firms_only=True,
         formulas={"star_listing": o.item_11_star_listing}),
    Item("十二", "支持科创金融产品和服务创新", "no_money"),
    Item("十三", "支持知识产权保护", "computed", formulas={"invention_patents": c.item_13_invention_patents}),
    Item("十四", "支持知识产权运用", "computed", firms_only=True, formulas={
        "navigation_report": f.item_14_navigation_report, "high_value_plan": f.item_14_high_value_plan,
        "pledge_valuation": c.item_14_pledge_valuation}),
    Item("十五", "对接重庆英才聚集工程", "no_money"),
    Item("十六", "支持科技人才安居保障", "no_money"),
    Item("十七", "支持科技成果转化", "computed", formulas={
        "sales_tiers": c.item_17_sales_tiers, "high_tech_products": c.item_17_high_tech_products,
        "technology_contracts": c.item_17_technology_contracts}),
    Item("十八", "支持科技成果转化机构建设", "fixed", formulas={"recognition": f.item_18_transfer_institution}),
    Item("十九", "支持孵化载体建设", "fixed", formulas={
        "recognition": f.item_19_incubator, "incubated_high_tech": f.item_19_incubated_high_tech}),
    Item("二十", "支持成渝两地协同创新", "case_by_case", formulas={"joint_project": o.item_20_joint_project}),
    Item("二十一", "健全创新决策机制", "no_money"),
    Item("二十二", "强化政策落地机制（就高原则）", "no_money"),
    Item("二十三", "完善绩效管理机制", "no_money"),
]}
