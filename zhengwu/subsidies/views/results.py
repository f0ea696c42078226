"""What the pages show of a quote, a claim and a history — shared by the public and the staff pages."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import engine
from ..models import Application, ApplicationEvent
from ..questions import Target, questions_of, target_of


@dataclass(frozen=True)
class ResultRow:
    """One checked item: its line of the quote, and whether it can be applied for."""

    target: Target
    line: engine.Line

    @property
    def case_by_case(self) -> bool:
        return self.target.kind == "case_by_case"

    @property
    def eligible(self) -> bool:
        return self.line.amount > 0

    @property
    def can_apply(self) -> bool:
        """Amount above zero, or an amount the bureau decides (一事一议)."""
        return self.eligible or self.line.pending


def explain(chosen: list[Target], lines: list[engine.Line]) -> list[ResultRow]:
    """Targets and the quote's lines side by side (the engine answers one line per claim, in order)."""
    return [ResultRow(t, line) for t, line in zip(chosen, lines, strict=False)]


def _shown(q: engine.Question, value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if q.choices:
        for c in q.choices:
            if c.value == value:
                return c.label
    if q.type == "decimal":
        try:
            return f"{Decimal(str(value)):,.2f} 元"
        except ArithmeticError:
            return str(value)
    return str(value)


def answers(item: str, claim: dict) -> list[tuple[str, str]]:
    """The claim's answers as (question, answer), in the order the questions are asked."""
    t = target_of(item, claim)
    questions = questions_of(t) if t is not None else []  # an unknown form still shows its raw answers
    shown, seen = [], {"item", "rule"}
    for q in questions:
        if q.name not in claim:
            continue
        seen.add(q.name)
        value = claim[q.name]
        if q.type == "list" and isinstance(value, list):
            for n, entry in enumerate(value, 1):
                parts = [f"{c.label} {_shown(c, entry.get(c.name, ''))}" for c in q.columns if c.name in entry]
                shown.append((f"{q.label} 第{n}项", "，".join(parts)))
        else:
            shown.append((q.label, _shown(q, value)))
    shown += [(k, str(v)) for k, v in claim.items() if k not in seen]
    return shown


FIRM_ACTIONS = {
    ApplicationEvent.Action.CREATED: "创建草稿",
    ApplicationEvent.Action.INVITED: "区科技局邀请申报（免申即享）",
    ApplicationEvent.Action.EDITED: "修改申报事项",
    ApplicationEvent.Action.EVIDENCE: "上传证明材料",
    ApplicationEvent.Action.EVIDENCE_REMOVED: "删除证明材料",
    ApplicationEvent.Action.AMOUNT: "调整批准金额",
}


def firm_events(app: Application) -> list[dict]:
    """The history as the firm sees it: what happened and when, the decision's reason — never which
    member of staff did it (their accounts are the bureau's business)."""
    rows = []
    for e in app.events.order_by("at", "pk"):
        if e.action == ApplicationEvent.Action.TRANSITION:
            what = f"{e.get_from_state_display()} → {e.get_to_state_display()}"
        else:
            what = FIRM_ACTIONS.get(e.action, e.get_action_display())
        who = "区科技局" if e.who_id else "申报单位" if e.action != ApplicationEvent.Action.INVITED else "区科技局"
        reason = e.reason if e.to_state in ("rejected", "approved") or e.action == ApplicationEvent.Action.AMOUNT else ""
        rows.append({"at": e.at, "what": what, "who": who, "reason": reason})
    return rows
