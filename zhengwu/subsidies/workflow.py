"""The application's state machine (兑现办理流程), 綦江府办发〔2021〕26号.

    draft ─▶ submitted ─▶ under_review ─▶ approved (with amount) ─▶ paid
     (firm)    (firm)       (bureau)    └▶ rejected (with reason)

`transition(application, to_state, user=…, reason=…, expected_version=…, **data)` makes one move of STEPS in
one transaction (desk.steps.move): the row is locked (`select_for_update`) and the move is refused with code "conflict" unless
the application is still at `expected_version` (compare-and-swap on `version`), so a stale page or a
second reviewer cannot overwrite another's step. Every move is an ApplicationEvent (who, when, from, to,
why, and the facts of the step). Besides state moves, each with a reason and its own event:
`correct_claim` (核定申报事实: a reviewer corrects the declared facts during review and the engine quotes
again, so the amount stays explained) and `change_amount` (调整批准金额, before payment).

`user` None is the firm (it has no account: its magic link is checked by the caller) or the system; only
the firm submits, and only staff with the rights below move anything else:
- under_review, approved, rejected: subsidies.review_application (区科技局);
- paid: subsidies.record_payment.
"""
from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from zhengwu.core.amounts import FEN, money
from zhengwu.core.errors import DomainError
from zhengwu.desk.steps import Done, Step, Steps, move, need_reason, only, step_day, take

from . import duplicates, engine
from .models import Application, ApplicationEvent
from .vocab import State

DOC = "綦江府办发〔2021〕26号"
REVIEW_PERM = "subsidies.review_application"
PAY_PERM = "subsidies.record_payment"
BUDGET_PERM = "subsidies.view_budget"



def label(state: str) -> str:
    return State(state).label


# Each step is named by the state it leads to.
STEPS = Steps([
    Step(State.SUBMITTED, (State.DRAFT,), State.SUBMITTED, "提交申请"),
    Step(State.UNDER_REVIEW, (State.SUBMITTED,), State.UNDER_REVIEW, "开始审核"),
    Step(State.APPROVED, (State.UNDER_REVIEW,), State.APPROVED, "批准"),
    Step(State.REJECTED, (State.UNDER_REVIEW,), State.REJECTED, "不予批准", reason=True),
    Step(State.PAID, (State.APPROVED,), State.PAID, "登记拨付"),
], label_of=label, states=State.values)
TRANSITIONS: dict[str, tuple[str, ...]] = STEPS.as_mapping()  # state → the states it may move to
TERMINAL = STEPS.terminal
PENDING = (State.SUBMITTED, State.UNDER_REVIEW)  # with the bureau, not yet decided
GRANTED = (State.APPROVED, State.PAID)  # money decided: what the duplicate rule looks for
MAX_AMOUNT = Decimal("100000000")  # 1亿: far above any cap (十一 is 2000万); stops a typo of extra zeros


def allowed_next(state: str) -> tuple[str, ...]:
    """The states an application in `state` may move to."""
    return STEPS.allowed_next(state)


# ---- who may ---------------------------------------------------------------------------------------------

def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def can_review(user) -> bool:
    """区科技局 reviewers: receive, review, approve or reject; import the register and invite."""
    return _active(user) and user.has_perm(REVIEW_PERM)


def can_pay(user) -> bool:
    """Whoever records payments (拨付)."""
    return _active(user) and user.has_perm(PAY_PERM)


def can_see(user) -> bool:
    """Whoever may open the staff pages at all: reviewers, payers and budget readers."""
    return can_review(user) or can_pay(user) or (_active(user) and user.has_perm(BUDGET_PERM))


def _check_user(user, to_state: str) -> None:
    if to_state == State.SUBMITTED:
        if user is not None:
            raise DomainError("申请由申报单位自行提交，工作人员不能代为提交。", field="user", code="forbidden")
        return
    if user is None:
        raise DomainError(f"“{label(to_state)}”须由区科技局工作人员办理。", field="user", code="forbidden")
    if to_state == State.PAID:
        if not can_pay(user):
            raise DomainError("您无权登记拨付：需要“登记科技政策兑现资金拨付”权限。", field="user", code="forbidden")
    elif not can_review(user):
        raise DomainError("您无权审核科技政策兑现申请：需要“审核科技政策兑现申请”权限。", field="user", code="forbidden")


# ---- helpers ---------------------------------------------------------------------------------------------

def _amount(value, *, label: str = "批准金额") -> Decimal:
    """A money amount in yuan typed by a reviewer (core.amounts.money below MAX_AMOUNT, separators allowed),
    to the fen."""
    return money(value, field="amount", label=label, limit=MAX_AMOUNT, grouped=True).quantize(FEN)


def _take(data: dict, allowed: tuple[str, ...], to_state: str) -> dict:
    return only(data, allowed, what=f"转为“{label(to_state)}”")


def case_rows():
    """The applications a step locks, with their firm (the quote and the messages need it)."""
    return Application.objects.select_related("firm")


def record(locked: Application, user, action: str, *, reason: str = "", details: dict | None = None,
           version: int, to_state: str | None = None) -> ApplicationEvent:
    """An event written outside `take`: the first one of a new draft (applications.make_draft)."""
    return ApplicationEvent.objects.create(application=locked, action=action, who=user, from_state=locked.state,
                                           to_state=to_state or locked.state, reason=reason,
                                           details=details or {}, version=version)


# ---- one handler per target state ------------------------------------------------------------------------

def _to_submitted(locked: Application, user, reason: str, data: dict) -> Done:
    _take(data, (), State.SUBMITTED)
    if not (locked.contact_name and locked.contact_phone):
        # Invited drafts start without them: the bureau must know whom to call about the evidence.
        raise DomainError("提交前请在“修改答案”中填写联系人和联系电话。", field="contact_name", code="required")
    duplicates.check(locked, states=(*GRANTED, *PENDING))
    # Quoted again at submission: the parameters in force may have changed since the draft was saved.
    line = engine.quote_claim(locked.firm, locked.on, locked.claim)
    return Done(changes={"submitted_at": timezone.now(), "quote": line.as_json(), "quoted_amount": line.amount},
                 details={"quoted": f"{line.amount:.2f}", "evidence": locked.evidence.count()})


def _to_under_review(locked: Application, user, reason: str, data: dict) -> Done:
    _take(data, (), State.UNDER_REVIEW)
    return Done()


def _check_amount(locked: Application, amount: Decimal, reason: str) -> str:
    """An amount other than the quote needs a reason; above the quote only where the amount is the
    reviewers' to decide (case by case, 一事一议), and then not above the item's cap."""
    quoted = locked.quoted_amount if locked.quoted_amount is not None else Decimal("0.00")
    case_by_case = engine.is_case_by_case(locked.item)
    if amount != quoted and not case_by_case:
        reason = need_reason(reason, f"批准金额（{amount} 元）与测算金额（{quoted} 元）不同")
    if amount > quoted and not case_by_case:
        raise DomainError(f"批准金额 {amount} 元高于按政策测算的 {quoted} 元：{DOC}（{locked.item}）按规则计算的金额是上限；"
                          f"申报事实有误的，请先“核定申报事实”，按核定的事实重新测算。", field="amount", code="above_quote")
    cap = engine.up_to(locked.quote)
    if case_by_case and cap is not None and amount > cap:
        raise DomainError(f"批准金额 {amount} 元超过{DOC}（{locked.item}）的上限 {cap} 元。", field="amount",
                          code="above_cap")
    if amount == 0:
        raise DomainError("批准金额为零：不予兑现的，请选择“不予批准”并说明理由。", field="amount", code="zero")
    return reason


def _to_approved(locked: Application, user, reason: str, data: dict) -> Done:
    _take(data, ("amount", "decided_on"), State.APPROVED)
    duplicates.check(locked, states=GRANTED)
    quoted = locked.quoted_amount if locked.quoted_amount is not None else Decimal("0.00")
    amount = _amount(data["amount"]) if data.get("amount") not in (None, "") else quoted
    _check_amount(locked, amount, reason)
    decided_on = step_day(data.get("decided_on"), field="decided_on")
    return Done(changes={"approved_amount": amount, "decided_on": decided_on, "decision_reason": reason},
                 details={"quoted": f"{quoted:.2f}", "approved": f"{amount:.2f}", "changed": amount != quoted,
                          "decided_on": decided_on.isoformat()})


def _to_rejected(locked: Application, user, reason: str, data: dict) -> Done:
    _take(data, ("decided_on",), State.REJECTED)
    decided_on = step_day(data.get("decided_on"), field="decided_on")
    return Done(changes={"decided_on": decided_on, "decision_reason": reason},
                 details={"decided_on": decided_on.isoformat()})


def _to_paid(locked: Application, user, reason: str, data: dict) -> Done:
    _take(data, ("paid_on", "payment_reference"), State.PAID)
    paid_on = step_day(data.get("paid_on"), field="paid_on", what="拨付日期", after=locked.decided_on,
                       after_what="批准日期")
    ref = str(data.get("payment_reference") or "").strip()
    if len(ref) > 60:
        raise DomainError("拨付凭证号最多60个字符。", field="payment_reference", code="too_long")
    return Done(changes={"paid_on": paid_on, "payment_reference": ref},
                 details={"paid_on": paid_on.isoformat(), "amount": f"{locked.approved_amount:.2f}",
                          "payment_reference": ref})


HANDLERS = {
    State.SUBMITTED: _to_submitted,
    State.UNDER_REVIEW: _to_under_review,
    State.APPROVED: _to_approved,
    State.REJECTED: _to_rejected,
    State.PAID: _to_paid,
}


def transition(application: Application, to_state: str, *, user, reason: str = "", expected_version: int,
               **data) -> Application:
    """Move `application` to `to_state`, recorded as an ApplicationEvent; returns it, refreshed.

    data by target state:
      submitted: — (the firm; refused when the same thing was already granted or is pending: 首次认定);
      under_review: —;
      approved: amount (default: the quote; another amount needs a reason), decided_on (default today);
      rejected: decided_on; reason required;
      paid: paid_on (default today), payment_reference.
    DomainError codes: "illegal_transition", "conflict", "forbidden", "duplicate", and the field errors.
    """
    reason = (reason or "").strip()

    def run(locked: Application) -> Done:
        return HANDLERS[to_state](locked, user, reason, dict(data))

    return move(application, to_state, steps=STEPS, expected_version=expected_version, user=user,
                action=ApplicationEvent.Action.TRANSITION, run=run, reason=reason,
                check_user=lambda locked: _check_user(user, to_state), rows=case_rows())


def change_amount(application: Application, *, user, amount, reason: str, expected_version: int) -> Application:
    """Correct the approved amount before payment (调整批准金额), with a reason: an AMOUNT event records
    who changed it from what to what, when and why."""
    reason = need_reason(reason, "调整批准金额")
    new = _amount(amount)

    def run(locked: Application) -> Done:
        if locked.state != State.APPROVED:
            raise DomainError(f"申请 {locked.reference} 当前为“{label(locked.state)}”：只有已批准、尚未拨付的申请可以调整金额。",
                              field="state", code="illegal_transition")
        if not can_review(user):
            raise DomainError("您无权调整批准金额：需要“审核科技政策兑现申请”权限。", field="user", code="forbidden")
        if new == locked.approved_amount:
            raise DomainError(f"新金额与现批准金额 {locked.approved_amount} 元相同。", field="amount", code="unchanged")
        _check_amount(locked, new, reason)
        return Done(changes={"approved_amount": new},
                    details={"from": f"{locked.approved_amount:.2f}", "to": f"{new:.2f}",
                             "quoted": f"{locked.quoted_amount or 0:.2f}"})

    return take(application, expected_version=expected_version, user=user, action=ApplicationEvent.Action.AMOUNT,
                run=run, reason=reason, rows=case_rows())


def correct_claim(application: Application, *, user, claim: dict, reason: str, expected_version: int) -> Application:
    """核定申报事实: during review, replace the declared facts by what the evidence shows and quote again.
    The event keeps the facts and amount before and after, who and why."""
    reason = need_reason(reason, "核定申报事实")

    def run(locked: Application) -> Done:
        if locked.state != State.UNDER_REVIEW:
            raise DomainError(f"申请 {locked.reference} 当前为“{label(locked.state)}”：审核中的申请才能核定申报事实。",
                              field="state", code="illegal_transition")
        if not can_review(user):
            raise DomainError("您无权核定申报事实：需要“审核科技政策兑现申请”权限。", field="user", code="forbidden")
        corrected = {**claim, "item": locked.item}
        line = engine.quote_claim(locked.firm, locked.on, corrected)

        def keys(locked: Application) -> dict:
            duplicates.store_keys(locked, corrected)  # the duplicate rule's keys follow the corrected facts
            return {}

        return Done(changes={"claim": corrected, "quote": line.as_json(), "quoted_amount": line.amount},
                    details={"claim_before": locked.claim, "claim_after": corrected,
                             "quoted_before": f"{locked.quoted_amount or 0:.2f}", "quoted_after": f"{line.amount:.2f}"},
                    then=keys)

    return take(application, expected_version=expected_version, user=user, action=ApplicationEvent.Action.EDITED,
                run=run, reason=reason, rows=case_rows())
