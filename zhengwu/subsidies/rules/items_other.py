"""Items decided case by case (一事一议) and items with no money rule (无资金标准).

（十一） STAR-market listing: up to 2000万, the amount decided by review; （二十） Chengdu–Chongqing joint
projects: decided case by case, no cap. The other items set up no payment of their own and are listed so
that the catalogue covers all 23.
"""
from __future__ import annotations

from decimal import Decimal

from zhengwu.core.errors import DomainError

from .facts import Claim
from .lines import ZERO, Context, Line, settle, yuan

# Items with no money rule, and what each is instead (shown in the catalogue and on a claim naming one).
NO_MONEY = {
    "九": "组建科技创新投资平台（基金），无对申请人的补助标准",
    "十二": "鼓励金融产品和服务创新，无补助标准",
    "十五": "科技人才政策（一人一策、一事一议的薪酬），无本政策补助标准",
    "十六": "科技人才安居保障（人才公寓），无资金补助标准",
    "二十一": "创新决策机制（专家库、会商会审），无补助标准",
    "二十二": "就高原则：适用于每个申报事项（also_paid），本身无补助标准",
    "二十三": "预算绩效管理，无补助标准",
}


def item_11_star_listing(claim: Claim, ctx: Context) -> Line:
    """（十一）支持科技企业扩大直接融资 (科创板上市): up to 2000万, decided case by case by review."""
    cap = ctx.version("十一.cap")
    return _decided(claim, cap.value, [cap.basis])


def item_20_joint_project(claim: Claim, ctx: Context) -> Line:
    """（二十）支持成渝两地协同创新 (成渝共建项目): 一事一议 — decided case by case, no cap.

    Cites 綦江府办发〔2021〕26号（二十）.
    """
    return _decided(claim, None, [ctx.rules.clause("case_by_case.二十").basis])


def no_money(claim: Claim, ctx: Context) -> Line:
    """An item with no money rule （九）（十二）（十五）（十六）（二十一）（二十二）（二十三）: 0.00 and what it is."""
    reason = f"（{claim.item}）{NO_MONEY[claim.item]}"
    basis = [ctx.rules.clause(f"item.{claim.item}").basis, {"cite": "计算", "text": f"{reason}：0.00 元。"}]
    return Line(claim.item, claim.rule, claim.index, ZERO, basis, reason=reason)


def _decided(claim: Claim, cap: Decimal | None, basis: list[dict[str, str]]) -> Line:
    up_to = f"最高 {yuan(cap)} 元" if cap is not None else "无上限"
    decided = claim["decided"]
    if decided is None:
        reason = f"金额由评审一事一议确定（{up_to}），尚未确定"
        line = Line(claim.item, claim.rule, claim.index, ZERO,
                    [*basis, {"cite": "计算", "text": f"{reason}：暂计 0.00 元。"}], reason=reason)
    else:
        if cap is not None and decided > cap:
            raise DomainError(f"评审确定的金额 {yuan(decided)} 元超过本项最高 {yuan(cap)} 元。",
                              field=claim.where("decided"))
        line = settle(claim, decided, f"评审一事一议确定 {yuan(decided)} 元（{up_to}）", basis)
    line.case_by_case, line.up_to, line.pending = True, cap, decided is None
    return line
