"""The same thing claimed twice (同一事项): only first recognitions pay (首次认定), once per firm.

**Decision** — what "the same thing" is, per claim (`keys_for`):
- a recognition (认定类型, e.g. 国家重点实验室 under （一）): item + recognition code — once per firm, in any
  year ("首次认定 … 一次性给予");
- inventions under （十三）: item + each invention — one grant per invention, whatever year it is claimed;
- every other claim (the yearly R&D grant of （六）, project matching of （五） …): item + sub-rule + year —
  one claim per firm, item and year.
Firms are the same when their unified social credit code is (Firm.credit_code is unique). A claim is
refused when a key of it is already on an approved or paid application of the firm (and, at submission,
on one still with the bureau); the message names that application.
"""
from __future__ import annotations

from collections.abc import Iterable

from zhengwu.core.errors import DomainError

from . import engine
from .models import Application, MatterKey
from .vocab import State

STATE_WORDS = {State.DRAFT: "草稿", State.APPROVED: "已批准", State.PAID: "已拨付", State.SUBMITTED: "已提交、正在办理",
               State.UNDER_REVIEW: "正在审核"}


def keys_for(item: str, claim: dict, year: int) -> list[str]:
    """The matter keys of one claim (see the module's Decision)."""
    code = engine.recognition_of(item, claim)
    if code:
        return [f"{item}|{code}"]
    inventions = engine.inventions_of(claim)
    if inventions:
        return sorted({f"{item}|invention|{name}" for name in inventions})
    rule = str(claim.get("rule") or "")
    return [f"{item}|{rule}|{year}" if rule else f"{item}|{year}"]


def store_keys(application: Application, claim: dict | None = None) -> list[str]:
    """(Re)write the application's matter keys from its claim; returns them."""
    keys = keys_for(application.item, claim if claim is not None else application.claim, application.year)
    MatterKey.objects.filter(application=application).delete()
    MatterKey.objects.bulk_create([MatterKey(application=application, key=k) for k in keys])
    return keys


def earlier(firm_id: int, keys: Iterable[str], *, states: Iterable[str], exclude: int | None = None):
    """The first application of the firm holding one of `keys` in one of `states`, or None."""
    found = (Application.objects.filter(firm_id=firm_id, state__in=list(states), matter_keys__key__in=list(keys))
             .order_by("decided_on", "pk"))
    if exclude is not None:
        found = found.exclude(pk=exclude)
    return found.first()


def describe(application: Application) -> str:
    """How the message names an earlier application: reference, year, state and date."""
    when = ""
    if application.state == State.PAID and application.paid_on:
        when = f"，{application.paid_on:%Y-%m-%d}拨付"
    elif application.decided_on:
        when = f"，{application.decided_on:%Y-%m-%d}批准"
    return f"{application.reference}（{application.year}年度，{STATE_WORDS.get(application.state, '')}{when}）"


def check(application: Application, *, states: Iterable[str]) -> None:
    """A DomainError (code "duplicate") when an application of the same firm for the same thing is in one
    of `states` — the earlier application is named."""
    keys = list(application.matter_keys.values_list("key", flat=True)) or keys_for(
        application.item, application.claim, application.year)
    other = earlier(application.firm_id, keys, states=states, exclude=application.pk)
    if other is None:
        return
    firm = application.firm
    what = engine.claim_label(application.item, application.claim)
    if other.state in (State.APPROVED, State.PAID):
        message = (f"{firm.name}（统一社会信用代码 {firm.credit_code}）的“{what}”已在申请 {describe(other)}中兑现："
                   f"只有首次认定给予补助，同一事项不能重复申报（綦江府办发〔2021〕26号）。")
    else:
        message = (f"{firm.name}（统一社会信用代码 {firm.credit_code}）的“{what}”已有申请 {describe(other)}，"
                   f"同一事项不能重复申报；请等待该申请办结。")
    raise DomainError(message, field="item", code="duplicate")
