"""The case's state machine (办理流程), 綦应急发〔2021〕41号 第四条–第七条.

    accepted ─▶ routed ─▶ verifying ─▶ verified_true ─▶ reward_decided ─▶ notice_sent ─▶ claimed
                 ↺ transfer          ├▶ verified_false                                  └▶ lapsed
                                     └▶ unverifiable (reported to the district government)

`transition(report, to_state, user=…, reason=…, expected_version=…, **data)` makes one move of STEPS in one
transaction (desk.steps.move): the row is locked (`select_for_update`) and the move is refused with code
"conflict" unless the case is still at `expected_version` (compare-and-swap on `version`), so a stale page or
a concurrent clerk cannot overwrite another's step. Each move is recorded as a CaseEvent (who, when, from,
to, why). A day a step records is the day in Chongqing, never in the future (desk.steps.step_day).
Besides state moves: `extend_verification` (once, ≤30 days, with approval; the reporter is told why),
`extend_claim` (for an accepted reason) and `authorise_signatory` (written authorisation, 第六条第二款).

`user` None means the system (the command line, run by the server's operators), as in org.permissions;
a person must be office staff to route and the office or the handling unit's staff for everything else.
"""
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from zhengwu.core.errors import DomainError
from zhengwu.desk.steps import Done, Step, Steps, move, need_reason, only, step_day, take
from zhengwu.org.models import Organization

from . import crypto
from .access import check_can_handle, check_can_route
from .conversation import to_reporter
from .deadlines import CLAIM_DAYS, DOC, MAX_EXTENSION_DAYS, NOTICE_DAYS, VERIFYING_STATES, compute_due
from .matters import first_report
from .models import CaseEvent, CaseMessage, Report
from .rules import compute_reward
from .vocab import ClaimMethod, NoticeMethod, State


def label(state: str) -> str:
    return State(state).label


# Each step is named by the state it leads to; routed → routed is a transfer (转办), which needs a reason.
STEPS = Steps([
    Step(State.ROUTED, (State.ACCEPTED, State.ROUTED), State.ROUTED, "分办"),
    Step(State.VERIFYING, (State.ROUTED,), State.VERIFYING, "开始核查"),
    Step(State.VERIFIED_TRUE, (State.VERIFYING,), State.VERIFIED_TRUE, "核查属实"),
    Step(State.VERIFIED_FALSE, (State.VERIFYING,), State.VERIFIED_FALSE, "核查不实", reason=True),
    Step(State.UNVERIFIABLE, (State.VERIFYING,), State.UNVERIFIABLE, "无法查清", reason=True),
    Step(State.REWARD_DECIDED, (State.VERIFIED_TRUE,), State.REWARD_DECIDED, "决定奖励"),
    Step(State.NOTICE_SENT, (State.REWARD_DECIDED,), State.NOTICE_SENT, "发出领奖通知"),
    Step(State.CLAIMED, (State.NOTICE_SENT,), State.CLAIMED, "领取奖金"),
    Step(State.LAPSED, (State.NOTICE_SENT,), State.LAPSED, "逾期未领"),
], label_of=label, states=State.values)
TRANSITIONS: dict[str, tuple[str, ...]] = STEPS.as_mapping()  # state → the states it may move to
TERMINAL = STEPS.terminal
OFFICE_NAMES = ("区应急局", "重庆市綦江区应急管理局", "区安委会办公室", "重庆市綦江区安全生产委员会办公室")
DISTRICT_GOVERNMENT = "区政府"
# One vocabulary with the reporter's own request (receipts.request_claim): vocab.ClaimMethod, vocab.NoticeMethod.
CLAIM_METHODS = dict(ClaimMethod.choices)
NOTICE_METHODS = dict(NoticeMethod.choices)
MAX_CLAIM_EXTENSION_DAYS = 60


def allowed_next(state: str) -> tuple[str, ...]:
    """The states a case in `state` may move to."""
    return STEPS.allowed_next(state)


@dataclass
class _Step:
    changes: dict = field(default_factory=dict)
    details: dict = field(default_factory=dict)
    messages: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) to the reporter


# ---- helpers --------------------------------------------------------------------------------------------

def _take(data: dict, allowed: tuple[str, ...], to_state: str) -> dict:
    return only(data, allowed, what=f"转为“{label(to_state)}”", list_allowed=True)


def _unit(value, *, name: str = "unit") -> Organization:
    if isinstance(value, Organization):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        found = Organization.objects.filter(pk=value).first()
        if found:
            return found
    if isinstance(value, str) and value.strip():
        from zhengwu.org.resolve import lookup_organization

        found = lookup_organization(value.strip())
        if found:
            return found
    raise DomainError(f"找不到承办单位“{value}”。", field=name, code="unknown_unit")


def is_office_unit(unit: Organization) -> bool:
    """Whether `unit` is the office itself (区安委会办公室 / 区应急局), which verifies within its own remit."""
    return unit.name in OFFICE_NAMES or unit.short_name in OFFICE_NAMES


def _basis(locked: Report, **fields: list[str]) -> dict:
    return {**(locked.deadline_basis or {}), **fields}


# ---- one handler per target state -------------------------------------------------------------------------

def _to_routed(locked: Report, user, reason: str, data: dict) -> _Step:
    _take(data, ("unit",), State.ROUTED)
    if "unit" not in data:
        raise DomainError("分办须指定承办单位（区应急局本部门核查，或移交具有核查权限的部门）。", field="unit",
                          code="required")
    unit = _unit(data["unit"])
    if not unit.exists_on(timezone.localdate()):
        raise DomainError(f"{unit.label}已撤销，不能承办。", field="unit", code="dissolved_unit")
    transfer = locked.state == State.ROUTED
    if transfer:
        reason = need_reason(reason, "转办（原承办单位无核查权限）")
        if unit.pk == locked.handling_unit_id:
            raise DomainError(f"举报已由{unit.label}承办，转办须选择其他单位。", field="unit", code="same_unit")
    office = is_office_unit(unit)
    details = {"unit": unit.label, "unit_id": unit.pk, "office_itself": office, "transfer": transfer,
               "basis": f"{DOC} 第四条：属于本部门核查范围的立即核查；属于其他部门核查的移交具有核查权限的部门"}
    if transfer:
        details["from_unit_id"] = locked.handling_unit_id
    return _Step(changes={"handling_unit": unit}, details=details)


def _to_verifying(locked: Report, user, reason: str, data: dict) -> _Step:
    _take(data, (), State.VERIFYING)
    return _Step(details={"unit_id": locked.handling_unit_id})


def _verified_on(locked: Report, data: dict) -> dt.date:
    return step_day(data.get("verified_on"), field="verified_on", what="核查完成日期", after=locked.accepted_on,
                    after_what="受理日期")


def _to_verified_true(locked: Report, user, reason: str, data: dict) -> _Step:
    _take(data, ("verified_on",), State.VERIFIED_TRUE)
    day = _verified_on(locked, data)
    due, basis = compute_due("notice_due", day, NOTICE_DAYS)
    return _Step(changes={"verified_on": day, "notice_due": due, "deadline_basis": _basis(locked, notice_due=basis)},
                 details={"verified_on": day.isoformat(), "notice_due": due.isoformat()})


def _to_verified_false(locked: Report, user, reason: str, data: dict) -> _Step:
    _take(data, ("verified_on",), State.VERIFIED_FALSE)
    day = _verified_on(locked, data)
    return _Step(changes={"verified_on": day}, details={"verified_on": day.isoformat()})


def _to_unverifiable(locked: Report, user, reason: str, data: dict) -> _Step:
    _take(data, ("referred_on",), State.UNVERIFIABLE)
    day = step_day(data.get("referred_on"), field="referred_on")
    return _Step(changes={"verified_on": day},
                 details={"referred_to": DISTRICT_GOVERNMENT, "referred_on": day.isoformat(),
                          "basis": f"{DOC} 第四条：受核查手段限制，无法查清的，应及时报告区政府，由区政府牵头组织核查"})


def payee_of(report: Report) -> dict:
    """Who collects the reward: the reporter; for a joint report the first signatory, or the signatory the
    first authorised in writing (第六条第二款); for an anonymous one whoever holds the receipt code."""
    if report.joint:
        signatories = list(report.signatories.order_by("order"))
        chosen = next((s for s in signatories if s.authorised), signatories[0])
        who = crypto.unseal(chosen.identity_sealed)
        why = "书面委托的其他署名人" if chosen.authorised else "实名举报第一署名人"
        return {"kind": "signatory", "order": chosen.order, "name": who.get("name", ""),
                "authorised": chosen.authorised,
                "basis": f"{DOC} 第六条第二款：多人联名举报同一事项的，由{why}领取奖金"}
    if report.anonymous:
        return {"kind": "receipt_holder", "name": "", "basis": "匿名举报：凭回执码和有效证件领取"}
    who = crypto.unseal(report.identity_sealed) or {}
    return {"kind": "reporter", "name": who.get("name", ""), "basis": "实名举报人"}


def _to_reward_decided(locked: Report, user, reason: str, data: dict) -> _Step:
    _take(data, ("facts", "decided_on"), State.REWARD_DECIDED)
    first = first_report(locked.matter)
    if first.pk != locked.pk:
        raise DomainError(f"同一事项最先受理的举报是 {first.reference}，只有它可以获得奖励；{locked.reference} 不予奖励"
                          f"（{DOC} 第六条：多人多次举报同一事项的，给予有功举报人一次性奖励）。", field="report",
                          code="not_first")
    facts = data.get("facts")
    if not isinstance(facts, dict):
        raise DomainError("决定奖励须给出核查事实 facts（如 {\"kind\": \"violation\", \"fine\": \"100000\"}）。",
                          field="facts", code="required")
    given = facts.get("verified_on")
    if given not in (None, "", locked.verified_on.isoformat()):
        raise DomainError(f"核查事实中的核查日期 {given} 与本案核查完成日期 {locked.verified_on} 不一致。",
                          field="facts.verified_on", code="bad_date")
    facts = {**facts, "verified_on": locked.verified_on.isoformat()}
    try:
        reward = compute_reward(facts)
    except DomainError as exc:
        raise DomainError(exc.message, field=f"facts.{exc.field}" if exc.field else "facts",
                          code=exc.code) from None
    decided_on = step_day(data.get("decided_on"), field="decided_on")
    sealed = {"amount": f"{reward.amount:.2f}", "basis": reward.as_json()["basis"], "facts": facts,
              "payee": payee_of(locked), "decided_on": decided_on.isoformat()}
    changes = {"reward_sealed": crypto.seal(sealed)}
    if reward.amount == 0:
        # Nothing to collect (e.g. 第八条 applies): no notice falls due.
        changes |= {"notice_due": None, "deadline_basis": _basis(locked, notice_due=["奖励金额为零，无需发出领奖通知"])}
    # The amount and payee stay out of the event (第十条: the reward is confidential too).
    return _Step(changes=changes, details={"decided_on": decided_on.isoformat(), "zero": reward.amount == 0})


def _reward(locked: Report) -> dict:
    reward = crypto.unseal(locked.reward_sealed)
    if reward is None:
        raise DomainError("尚未决定奖励。", field="state", code="no_reward")
    return reward


def _to_notice_sent(locked: Report, user, reason: str, data: dict) -> _Step:
    _take(data, ("sent_on", "method"), State.NOTICE_SENT)
    reward = _reward(locked)
    if Decimal(reward["amount"]) == 0:
        raise DomainError("奖励金额为零，无需发出领奖通知。", field="state", code="zero_reward")
    method = data.get("method") or "direct"
    if method not in NOTICE_METHODS:
        raise DomainError("通知方式应为 direct（直接通知）或 announcement（公告）。", field="method", code="bad_method")
    sent_on = step_day(data.get("sent_on"), field="sent_on", what="领奖通知日期", after=locked.verified_on,
                       after_what="核查完成日期")
    due, basis = compute_due("claim_due", sent_on, CLAIM_DAYS)
    text = (f"您的举报 {locked.reference} 经核查属实，奖励 {reward['amount']} 元。请于 {due.isoformat()} 前凭有效证件"
            f"到指定地点领取，或提供银行账号转账；逾期未领取视为放弃，能够说明理由的可以申请延长（{DOC} 第七条）。")
    return _Step(changes={"notice_sent_on": sent_on, "claim_due": due, "deadline_basis": _basis(locked, claim_due=basis)},
                 details={"sent_on": sent_on.isoformat(), "method": method, "claim_due": due.isoformat(),
                          "late": bool(locked.notice_due and sent_on > locked.notice_due)},
                 messages=[(CaseMessage.Kind.NOTICE, text)])


def _claim_due(report: Report) -> dt.date:
    return report.claim_extended_due or report.claim_due


def _to_claimed(locked: Report, user, reason: str, data: dict) -> _Step:
    _take(data, ("claimed_on", "method", "bank_account"), State.CLAIMED)
    method = data.get("method")
    if method not in CLAIM_METHODS:
        raise DomainError("领取方式应为 in_person（凭有效证件现场领取）或 bank_transfer（银行转账）。", field="method",
                          code="bad_method")
    claimed_on = step_day(data.get("claimed_on"), field="claimed_on")
    if claimed_on > _claim_due(locked):
        raise DomainError(f"领奖期限已于 {_claim_due(locked)} 届满，逾期未领取视为放弃；能够说明理由的，请先延长领奖期限"
                          f"（{DOC} 第七条（三））。", field="claimed_on", code="claim_late")
    reward = _reward(locked)
    claim = {"method": method, "claimed_on": claimed_on.isoformat()}
    if method == "bank_transfer":
        from .validation import clean_bank_account

        account = data.get("bank_account") or (reward.get("claim_request") or {}).get("bank_account", "")
        claim["bank_account"] = clean_bank_account(account)
    reward["claim"] = claim
    return _Step(changes={"reward_sealed": crypto.seal(reward)},
                 details={"claimed_on": claimed_on.isoformat(), "method": method})


def _to_lapsed(locked: Report, user, reason: str, data: dict) -> _Step:
    _take(data, ("on",), State.LAPSED)
    day = step_day(data.get("on"), field="on")
    due = _claim_due(locked)
    if day <= due:
        raise DomainError(f"领奖期限至 {due} 届满，期满后才能认定逾期未领取（{DOC} 第七条（三））。", field="on",
                          code="claim_running")
    return _Step(details={"on": day.isoformat(), "claim_due": due.isoformat(),
                          "basis": f"{DOC} 第七条（三）：逾期未领取奖金者，视为放弃领奖权利"})


HANDLERS = {
    State.ROUTED: _to_routed,
    State.VERIFYING: _to_verifying,
    State.VERIFIED_TRUE: _to_verified_true,
    State.VERIFIED_FALSE: _to_verified_false,
    State.UNVERIFIABLE: _to_unverifiable,
    State.REWARD_DECIDED: _to_reward_decided,
    State.NOTICE_SENT: _to_notice_sent,
    State.CLAIMED: _to_claimed,
    State.LAPSED: _to_lapsed,
}


def transition(report: Report, to_state: str, *, user, reason: str = "", expected_version: int, **data) -> Report:
    """Move `report` to `to_state` (one step of 办理), recorded as a CaseEvent; returns the report, refreshed.

    data by target state:
      routed: unit (Organization, id or name) — the office itself or the department with authority; from
              routed again it is a transfer and needs a reason;
      verifying: —;
      verified_true: verified_on (date, default today) → notice due 20 days later (第七条（二）);
      verified_false: verified_on; reason required;
      unverifiable: referred_on (date the district government was told); reason required;
      reward_decided: facts (for rules.compute_reward), decided_on — first report of its matter only;
      notice_sent: sent_on, method ("direct" / "announcement") → claim due 60 days later (第七条（三）);
      claimed: method ("in_person" / "bank_transfer"), claimed_on, bank_account;
      lapsed: on (a day after the claim period).
    DomainError codes: "illegal_transition", "conflict" (stale expected_version), "forbidden", and the
    field errors of each step.
    """
    def check_user(locked: Report) -> None:
        if user is not None and to_state == State.ROUTED:
            check_can_route(user)
        elif user is not None:
            check_can_handle(user, locked)

    def run(locked: Report) -> Done:
        step = HANDLERS[to_state](locked, user, reason, dict(data))

        def tell(locked: Report) -> dict:
            ids = [to_reporter(locked, text, user=user, kind=kind).pk for kind, text in step.messages]
            return {"messages": ids} if ids else {}

        return Done(changes=step.changes, details=step.details, then=tell)

    return move(report, to_state, steps=STEPS, expected_version=expected_version, user=user,
                action=CaseEvent.Action.TRANSITION, run=run, reason=reason, check_user=check_user)


# ---- steps that are not state moves ------------------------------------------------------------------------

def extend_verification(report: Report, *, user, days: int, reason: str, approved_by, approver: str,
                        expected_version: int, on: dt.date | None = None) -> Report:
    """Extend verification once (核查延期, 第四条): at most 30 days, approved by the higher department with
    supervisory duties (`approved_by`: Organization or its name; `approver`: the person), for `reason`,
    which is sent to the reporter. extended_due = due_after(verification_due, days). `on`: the day of the
    approval (default today); it must not be after the verification deadline.
    """
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_DAYS:
        raise DomainError(f"延长期限应为1至{MAX_EXTENSION_DAYS}日（{DOC} 第四条：延长期限不得超过30日），而不是“{days}”。",
                          field="days", code="bad_days")
    reason = need_reason(reason, "延长核查期限")
    unit_name = approved_by.label if isinstance(approved_by, Organization) else (approved_by or "").strip()
    if not unit_name:
        raise DomainError("延长核查期限须经上一级负有安全生产监督管理职责的部门批准：请填写批准部门。",
                          field="approved_by", code="approval_required")
    approver = (approver or "").strip()
    if not approver:
        raise DomainError("请填写批准人。", field="approver", code="approval_required")

    def run(locked: Report) -> Done:
        if user is not None:
            check_can_handle(user, locked)
        if locked.state not in VERIFYING_STATES:
            raise DomainError(f"举报当前为“{label(locked.state)}”，核查已结束，不能延长核查期限。", field="state",
                              code="illegal_transition")
        if locked.extended_due:
            raise DomainError(f"核查期限已延长过一次（至 {locked.extended_due}），不能再次延长（{DOC} 第四条）。",
                              field="days", code="already_extended")
        day = step_day(on, field="on")
        if day > locked.verification_due:
            raise DomainError(f"核查期限已于 {locked.verification_due} 届满，不能再延长。", field="on",
                              code="deadline_passed")
        due, basis = compute_due("extended_due", locked.verification_due, days)

        def tell(locked: Report) -> dict:
            text = (f"您的举报 {locked.reference} 情况复杂，经{unit_name}批准，核查期限延长{days}日，至 {due.isoformat()}。"
                    f"延期理由：{reason}")
            return {"told_reporter": to_reporter(locked, text, user=user, kind=CaseMessage.Kind.EXTENSION).pk}

        return Done(changes={"extended_due": due, "deadline_basis": _basis(locked, extended_due=basis)},
                    details={"days": days, "approved_by": unit_name, "approver": approver,
                             "approved_on": day.isoformat(), "extended_due": due.isoformat()}, then=tell)

    return take(report, expected_version=expected_version, user=user, action=CaseEvent.Action.EXTEND_VERIFICATION,
                run=run, reason=reason)


def extend_claim(report: Report, *, user, days: int, reason: str, expected_version: int) -> Report:
    """Extend the claim period for a reason the department accepts (能够说明理由的，可以适当延长, 第七条（三）).

    Counted from the period's current end; allowed while the notice stands (not yet marked lapsed).
    """
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_CLAIM_EXTENSION_DAYS:
        raise DomainError(f"延长领奖期限应为1至{MAX_CLAIM_EXTENSION_DAYS}日，而不是“{days}”。", field="days",
                          code="bad_days")
    reason = need_reason(reason, "延长领奖期限")

    def run(locked: Report) -> Done:
        if user is not None:
            check_can_handle(user, locked)
        if locked.state != State.NOTICE_SENT:
            raise DomainError(f"举报当前为“{label(locked.state)}”，只有已发领奖通知、尚未领取的可以延长领奖期限。",
                              field="state", code="illegal_transition")
        start = _claim_due(locked)
        due, basis = compute_due("claim_extended_due", start, days)

        def tell(locked: Report) -> dict:
            message = to_reporter(locked, f"您的举报 {locked.reference} 的领奖期限已延长至 {due.isoformat()}。",
                                  user=user, kind=CaseMessage.Kind.OTHER)
            return {"told_reporter": message.pk}

        return Done(changes={"claim_extended_due": due, "deadline_basis": _basis(locked, claim_extended_due=basis)},
                    details={"days": days, "from": start.isoformat(), "claim_extended_due": due.isoformat()},
                    then=tell)

    return take(report, expected_version=expected_version, user=user, action=CaseEvent.Action.EXTEND_CLAIM,
                run=run, reason=reason)


def authorise_signatory(report: Report, order: int, *, user, expected_version: int, note: str = "") -> Report:
    """Record that signatory `order` holds the first signatory's written authorisation to collect the
    reward (书面委托, 第六条第二款); any earlier authorisation is replaced."""

    def run(locked: Report) -> Done:
        if user is not None:
            check_can_handle(user, locked)
        if not locked.joint:
            raise DomainError("只有联名举报可以登记书面委托。", field="order", code="not_joint")
        if locked.state in (State.CLAIMED, State.LAPSED):
            raise DomainError("奖金已领取或已逾期，不能再登记委托。", field="order", code="closed")
        orders = set(locked.signatories.values_list("order", flat=True))
        if order not in orders or order == 1:
            raise DomainError(f"应为第2至第{max(orders)}署名人（第一署名人本人领取无需委托）。", field="order",
                              code="bad_order")
        locked.signatories.update(authorised=False)
        locked.signatories.filter(order=order).update(authorised=True)
        return Done(details={"order": order})

    return take(report, expected_version=expected_version, user=user, action=CaseEvent.Action.AUTHORISE, run=run,
                reason=note)
