"""The application's state machine (workflow.py): legal and illegal moves, who may make them, stale pages,
duplicates across years (首次认定), the reviewer's amount changes and fact corrections recorded with who,
when, what and why."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from zhengwu.core.errors import DomainError
from zhengwu.subsidies import workflow
from zhengwu.subsidies.models import Application, ApplicationEvent
from zhengwu.subsidies.vocab import State

from . import web
from .web import LAB_CLAIM, RD_CLAIM, STAR_CLAIM, start, step, walk_to

bureau, isolated = web.bureau, web.isolated  # fixtures shared by the web tests (web.py)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated")]


def draft(claims=None, **kwargs) -> Application:
    return start(claims, **kwargs).applications[0]


def test_main_path_records_every_step(bureau):
    app = draft()
    assert app.state == State.DRAFT and app.quoted_amount == Decimal("80000.00")
    assert app.reference == "KB2021-000001" and app.year == 2021
    app = walk_to(app, "paid", bureau)
    assert (app.approved_amount, app.paid_on, app.payment_reference) == (Decimal("80000.00"), dt.date(2021, 10, 20),
                                                                         "KJ-2021-001")
    moves = [(e.from_state, e.to_state, e.who.username if e.who else None)
             for e in app.events.filter(action=ApplicationEvent.Action.TRANSITION).order_by("at", "pk")]
    assert moves == [("draft", "submitted", None), ("submitted", "under_review", "kjj_reviewer"),
                     ("under_review", "approved", "kjj_reviewer"), ("approved", "paid", "kjj_payer")]
    assert app.version == 5  # created at 1, four moves


@pytest.mark.parametrize("state, to_state", [
    ("draft", "under_review"), ("draft", "approved"), ("submitted", "approved"), ("submitted", "paid"),
    ("under_review", "paid"), ("approved", "rejected"), ("paid", "approved"), ("rejected", "approved"),
])
def test_illegal_moves_are_refused_and_change_nothing(bureau, state, to_state):
    app = draft()
    if state == "rejected":
        app = walk_to(app, "under_review", bureau)
        app = step(app, "rejected", bureau.reviewer, reason="研发投入未经审计")
    else:
        app = walk_to(app, state, bureau)
    before = (app.state, app.version, app.events.count())
    user = bureau.payer if to_state == "paid" else bureau.reviewer
    with pytest.raises(DomainError) as refused:
        step(app, to_state, user, reason="试一试", amount="1")
    assert refused.value.code in ("illegal_transition", "unknown_field")
    app.refresh_from_db()
    assert (app.state, app.version, app.events.count()) == before


def test_illegal_transition_message_names_both_states(bureau):
    app = draft()
    with pytest.raises(DomainError) as refused:
        step(app, "approved", bureau.reviewer)
    assert refused.value.code == "illegal_transition"
    assert "当前为“草稿”" in refused.value.message and "不能转为“已批准”" in refused.value.message


def test_who_may_do_what(bureau):
    app = draft()
    with pytest.raises(DomainError, match="申报单位自行提交"):
        step(app, "submitted", bureau.reviewer)
    app = step(app, "submitted")
    for user in (None, bureau.payer, bureau.reader, bureau.nobody):
        with pytest.raises(DomainError) as refused:
            step(app, "under_review", user)
        assert refused.value.code == "forbidden"
    app = walk_to(app, "approved", bureau)
    with pytest.raises(DomainError) as refused:
        step(app, "paid", bureau.reviewer)  # reviewers decide, the payer pays
    assert refused.value.code == "forbidden"


def test_rejection_needs_a_reason(bureau):
    app = walk_to(draft(), "under_review", bureau)
    with pytest.raises(DomainError) as refused:
        step(app, "rejected", bureau.reviewer, reason="  ")
    assert refused.value.field == "reason"
    app = step(app, "rejected", bureau.reviewer, reason="未提供研发费用加计扣除申报表")
    assert app.state == State.REJECTED and app.decision_reason == "未提供研发费用加计扣除申报表"


def test_stale_version_is_a_conflict(bureau):
    app = walk_to(draft(), "submitted", bureau)
    seen = app.version
    step(Application.objects.get(pk=app.pk), "under_review", bureau.second)
    with pytest.raises(DomainError) as refused:
        workflow.transition(app, "under_review", user=bureau.reviewer, expected_version=seen)
    assert refused.value.code == "conflict" and "已被他人办理" in refused.value.message


def test_reviewer_lowers_the_amount_with_a_reason_and_it_is_recorded(bureau):
    app = walk_to(draft(), "under_review", bureau)
    with pytest.raises(DomainError) as refused:
        step(app, "approved", bureau.reviewer, amount="60000")
    assert refused.value.field == "reason"
    app = step(app, "approved", bureau.reviewer, reason="加计扣除核定研发投入为600万元", amount="60000")
    assert app.approved_amount == Decimal("60000.00") and app.quoted_amount == Decimal("80000.00")
    event = app.events.get(to_state="approved")
    assert event.who == bureau.reviewer and event.reason == "加计扣除核定研发投入为600万元"
    assert event.details == {"quoted": "80000.00", "approved": "60000.00", "changed": True,
                             "decided_on": timezone.localdate().isoformat()}


def test_amount_above_the_quote_is_refused_for_computed_items(bureau):
    app = walk_to(draft(), "under_review", bureau)
    with pytest.raises(DomainError) as refused:
        step(app, "approved", bureau.reviewer, reason="多给一点", amount="90000")
    assert refused.value.code == "above_quote" and "80000.00" in refused.value.message


@pytest.mark.parametrize("amount, code", [("-5", "negative"), ("abc", "bad_amount"), ("1.234", "bad_amount"),
                                          ("0", "zero")])
def test_bad_amounts_name_the_field(bureau, amount, code):
    app = walk_to(draft(), "under_review", bureau)
    with pytest.raises(DomainError) as refused:
        step(app, "approved", bureau.reviewer, reason="核定", amount=amount)
    assert (refused.value.field, refused.value.code) == ("amount", code)


def test_change_amount_after_approval_keeps_the_history(bureau):
    app = walk_to(draft(), "approved", bureau)
    app = workflow.change_amount(app, user=bureau.second, amount="70000.50", reason="扣除已获市级补助部分",
                                 expected_version=app.version)
    assert app.approved_amount == Decimal("70000.50")
    change = app.events.get(action=ApplicationEvent.Action.AMOUNT)
    assert change.who == bureau.second and change.reason == "扣除已获市级补助部分"
    assert change.details == {"from": "80000.00", "to": "70000.50", "quoted": "80000.00"}
    with pytest.raises(DomainError, match="须说明理由"):
        workflow.change_amount(app, user=bureau.second, amount="1", reason="", expected_version=app.version)
    app = walk_to(app, "paid", bureau)
    with pytest.raises(DomainError) as refused:
        workflow.change_amount(app, user=bureau.reviewer, amount="1", reason="x", expected_version=app.version)
    assert refused.value.code == "illegal_transition"


def test_correcting_the_facts_quotes_again_and_records_both(bureau):
    app = walk_to(draft(), "under_review", bureau)
    corrected = {**RD_CLAIM, "rd_spend": "5000000"}
    app = workflow.correct_claim(app, user=bureau.reviewer, claim=corrected, reason="按审计报告核定",
                                 expected_version=app.version)
    assert app.quoted_amount == Decimal("50000.00") and app.claim["rd_spend"] == "5000000"
    assert any("5000000" in b["text"] for b in app.quote["basis"])
    event = app.events.get(action=ApplicationEvent.Action.EDITED, who=bureau.reviewer)
    assert event.details["quoted_before"] == "80000.00" and event.details["quoted_after"] == "50000.00"
    assert event.details["claim_before"]["rd_spend"] == "8000000"
    with pytest.raises(DomainError) as refused:
        workflow.correct_claim(app, user=bureau.reviewer, claim={**RD_CLAIM, "rd_spend": "-1"}, reason="x",
                               expected_version=app.version)
    assert refused.value.field.endswith("rd_spend")


def test_case_by_case_amount_is_the_reviewers_up_to_the_cap(bureau):
    app = walk_to(draft([STAR_CLAIM]), "under_review", bureau)
    assert app.quoted_amount == Decimal("0.00") and app.quote["pending"] is True
    with pytest.raises(DomainError) as refused:
        step(app, "approved", bureau.reviewer, amount="20000000.01")
    assert refused.value.code == "above_cap"
    app = step(app, "approved", bureau.reviewer, amount="5000000", reason="区政府常务会议研究确定")
    assert app.approved_amount == Decimal("5000000.00")


# ---- duplicates: first recognition only (首次认定) ------------------------------------------------------------

def test_the_same_recognition_is_refused_in_a_later_year_naming_the_earlier_application(bureau):
    first = walk_to(draft([LAB_CLAIM]), "paid", bureau)
    with pytest.raises(DomainError) as refused:
        start([LAB_CLAIM], on=dt.date(2023, 3, 1))
    assert refused.value.code == "duplicate"
    assert first.reference in refused.value.message and "首次认定" in refused.value.message
    assert "国家重点实验室" in refused.value.message


def test_duplicate_caught_at_submission_and_at_approval(bureau):
    one = draft([LAB_CLAIM])
    two = draft([LAB_CLAIM], on=dt.date(2022, 5, 1))  # both drafted before either was decided
    one = walk_to(one, "under_review", bureau)
    with pytest.raises(DomainError) as pending:
        step(two, "submitted")
    assert pending.value.code == "duplicate" and one.reference in pending.value.message
    assert "正在审核" in pending.value.message
    # had it got in before (say both were submitted), approving the second is refused once the first is
    one = step(one, "approved", bureau.reviewer)
    Application.objects.filter(pk=two.pk).update(state=State.UNDER_REVIEW)
    two.refresh_from_db()
    with pytest.raises(DomainError) as granted:
        step(two, "approved", bureau.reviewer)
    assert granted.value.code == "duplicate" and one.reference in granted.value.message


def test_other_firm_or_other_recognition_is_not_a_duplicate(bureau):
    walk_to(draft([LAB_CLAIM]), "approved", bureau)
    from .web import OTHER_CODE

    other_firm = draft([LAB_CLAIM], code=OTHER_CODE, name="另一家公司")
    assert step(other_firm, "submitted").state == State.SUBMITTED
    other_kind = draft([{**LAB_CLAIM, "recognition": "national_enterprise_tech_centre"}], on=dt.date(2022, 1, 5))
    assert step(other_kind, "submitted").state == State.SUBMITTED


def test_yearly_item_once_a_year_but_again_next_year(bureau):
    walk_to(draft(), "approved", bureau)
    with pytest.raises(DomainError) as refused:
        draft(on=dt.date(2021, 12, 1))
    assert refused.value.code == "duplicate"
    assert step(draft(on=dt.date(2022, 9, 1)), "submitted").state == State.SUBMITTED


def test_a_rejected_application_does_not_block_a_new_one(bureau):
    app = walk_to(draft([LAB_CLAIM]), "under_review", bureau)
    step(app, "rejected", bureau.reviewer, reason="认定文件不全")
    assert step(draft([LAB_CLAIM]), "submitted").state == State.SUBMITTED


def test_same_invention_in_another_claim_is_a_duplicate(bureau):
    patents = {"item": "十三", "rule": "invention_patents",
               "patents": [{"invention": "ZL2021-一种齿轮", "granted_in": "CN"}]}
    walk_to(draft([patents]), "approved", bureau)
    again = {**patents, "patents": [{"invention": "ZL2021-一种齿轮", "granted_in": "US"},
                                    {"invention": "ZL2022-新发明", "granted_in": "CN"}]}
    with pytest.raises(DomainError) as refused:
        draft([again], on=dt.date(2022, 2, 1))
    assert refused.value.code == "duplicate"


def test_a_payment_recorded_at_16_30_utc_is_dated_the_day_in_chongqing(bureau):
    """The step day is the district's (desk.steps.step_day): 16:30 UTC on 19 October is already the 20th in
    Chongqing, where the payment was made; it was once the UTC day, the 19th."""
    app = walk_to(draft(), "approved", bureau)
    late = dt.datetime(2021, 10, 19, 16, 30, tzinfo=dt.UTC)
    app = step(app, "paid", bureau.payer, paid_on=late, payment_reference="KJ-2021-002")
    assert app.paid_on == dt.date(2021, 10, 20)
    assert app.events.order_by("pk").last().details["paid_on"] == "2021-10-20"
