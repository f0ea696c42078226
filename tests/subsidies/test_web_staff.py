"""The bureau's application pages (/subsidies/) through Django's test client: login and rights, the quote
with its basis, the review steps by form with the second factor for money, duplicates refused on the page
naming the earlier application, amount changes in the history, evidence downloads."""
from decimal import Decimal

import pytest
from django.urls import reverse

from zhengwu.subsidies.models import Application
from zhengwu.subsidies.vocab import State

from . import web
from .web import LAB_CLAIM, PDF, start, step, text, verify, walk_to

isolated, bureau = web.isolated, web.bureau

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated")]


def url(app, action: str | None = None) -> str:
    if action:
        return reverse("subsidies_staff:act", args=[app.reference, action])
    return reverse("subsidies_staff:application", args=[app.reference])


def post(client, app, action: str, version: int | None = None, **fields):
    data = {f"{action}-expected_version": app.version if version is None else version}
    data.update({f"{action}-{k}": v for k, v in fields.items()})
    return client.post(url(app, action), data)


def submitted(claims=None, **kwargs) -> Application:
    return step(start(claims, **kwargs).applications[0], "submitted")


def test_pages_need_a_login_and_a_subsidy_right(client, bureau):
    app = submitted()
    for path in (reverse("subsidies_staff:dashboard"), url(app), reverse("subsidies_staff:budget"),
                 reverse("subsidies_staff:forecast")):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
        assert "no-store" in response["Cache-Control"]
    client.force_login(bureau.nobody)
    response = client.get(url(app))
    assert response.status_code == 403 and "无权查看科技政策兑现办理页面" in text(response)
    assert "重庆綦江示范科技有限公司" not in text(response)


def test_application_page_shows_the_quote_basis_and_answers(client, bureau):
    app = submitted()
    client.force_login(bureau.reviewer)
    response = client.get(url(app))
    assert response.status_code == 200
    page = text(response)
    assert f"申请 {app.reference}" in page and "状态： 已提交" in page
    assert "测算金额 80000.00 元" in page
    assert "綦江府办发〔2021〕26号（六）" in page and "研发投入 8000000 元 × 1% = 80000 元" in page
    assert "企业规模 规上（限上）企业" in page and "营业收入（元） 100,000,000.00 元" in page
    html = response.content.decode()
    assert 'id="act-review"' in html and 'id="act-approve"' not in html  # only what the state allows


def test_reviewer_walks_an_application_to_approval_by_forms(client, bureau):
    app = submitted()
    verify(client, bureau.reviewer)
    assert post(client, app, "review").status_code == 302
    app.refresh_from_db()
    assert app.state == State.UNDER_REVIEW
    response = post(client, app, "approve", amount="60000", reason="", decided_on="2021-10-08")
    assert response.status_code == 400
    assert "批准金额（60000.00 元）与测算金额（80000.00 元）不同须说明理由" in text(response)
    response = post(client, app, "approve", amount="60000", reason="按审计报告核减", decided_on="2021-10-08")
    assert response.status_code == 302
    page = text(client.get(url(app)))
    assert "状态： 已批准" in page and "批准金额 60000.00 元" in page
    assert "kjj_reviewer" in page and "审核中 → 已批准" in page and "按审计报告核减" in page
    assert "批准 60000.00 元（测算 80000.00 元，已调整）" in page


def test_money_steps_need_the_second_factor(client, bureau):
    app = walk_to(submitted(), "under_review", bureau)
    client.force_login(bureau.reviewer)  # password only
    page = text(client.get(url(app)))
    assert "批准、调整金额和登记拨付前须先 设置身份验证器" in page
    response = post(client, app, "approve", amount="80000.00")
    assert response.status_code == 302 and response["Location"].startswith(reverse("desk:2fa_setup"))
    app.refresh_from_db()
    assert app.state == State.UNDER_REVIEW
    # starting a review or rejecting moves no money: no second factor needed
    response = post(client, app, "reject", reason="认定文件不全")
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.state == State.REJECTED


def test_payer_records_the_payment_reviewer_cannot(client, bureau):
    app = walk_to(submitted(), "approved", bureau)
    verify(client, bureau.reviewer)
    page = text(client.get(url(app)))
    assert "登记拨付" not in page and "调整批准金额" in page
    assert post(client, app, "pay", paid_on="2021-10-20").status_code == 403
    client.logout()
    verify(client, bureau.payer)
    assert post(client, app, "pay", paid_on="2021-10-20", payment_reference="KJ-001").status_code == 302
    app.refresh_from_db()
    assert app.state == State.PAID and app.payment_reference == "KJ-001"


def test_amount_change_is_on_the_page_with_who_and_why(client, bureau):
    app = walk_to(submitted(), "approved", bureau)
    verify(client, bureau.second)
    response = post(client, app, "amount", amount="75000", reason="扣除市级已补助5000元")
    assert response.status_code == 302
    page = text(client.get(url(app)))
    assert "kjj_second 调整金额" in page and "扣除市级已补助5000元" in page
    assert "金额 80000.00 → 75000.00 元（测算 80000.00 元）" in page


def test_duplicate_is_refused_on_the_page_naming_the_earlier_application(client, bureau):
    first = walk_to(submitted([LAB_CLAIM]), "paid", bureau)
    # a second application of the same lab, got in (say typed in before the first was decided)
    second = Application.objects.create(
        reference="KB2022-000009", year=2022, serial=9, firm=first.firm, item="一", on=first.on.replace(year=2022),
        claim=dict(LAB_CLAIM), state=State.UNDER_REVIEW, quote=first.quote, quoted_amount=first.quoted_amount,
        contact_name="李工", contact_phone="13800000000")
    from zhengwu.subsidies import duplicates

    duplicates.store_keys(second)
    verify(client, bureau.reviewer)
    page = text(client.get(url(second)))
    assert f"同一单位的同一事项已在 {first.reference}" in page
    response = post(client, second, "approve", amount=f"{second.quoted_amount}")
    assert response.status_code == 400
    assert f"已在申请 {first.reference}（2021年度，已拨付，2021-10-20拨付）中兑现" in text(response)
    assert "首次认定" in text(response)
    second.refresh_from_db()
    assert second.state == State.UNDER_REVIEW


def test_stale_form_is_a_409_with_the_reason(client, bureau):
    app = submitted()
    verify(client, bureau.reviewer)
    seen = app.version
    step(app, "under_review", bureau.second)
    response = post(client, app, "review", version=seen)
    assert response.status_code == 409 and "已被他人办理" in text(response)


def test_illegal_step_is_refused_with_the_states_named(client, bureau):
    app = walk_to(submitted(), "approved", bureau)
    client.force_login(bureau.reviewer)
    response = post(client, app, "review")
    assert response.status_code == 400 and "当前为“已批准”，不能转为“审核中”" in text(response)


def test_reviewer_corrects_the_facts_and_the_quote_follows(client, bureau):
    app = walk_to(submitted(), "under_review", bureau)
    client.force_login(bureau.reviewer)
    data = {"correct-expected_version": app.version, "correct-reason": "按审计报告核定研发投入",
            "q6_rd_input-scale": "above", "q6_rd_input-rd_spend": "6000000", "q6_rd_input-revenue": "100000000",
            "q6_rd_input-has_rd_institution": "yes", "q6_rd_input-gets_rd_reserve": "no"}
    response = client.post(reverse("subsidies_staff:correct", args=[app.reference]), data)
    assert response.status_code == 302
    page = text(client.get(url(app)))
    assert "测算金额 60000.00 元" in page and "测算 80000.00 → 60000.00 元" in page and "按审计报告核定研发投入" in page
    bad = client.post(reverse("subsidies_staff:correct", args=[app.reference]),
                      {**data, "correct-expected_version": app.version + 1, "q6_rd_input-revenue": "-1"})
    assert bad.status_code == 400 and "“营业收入（元）”不能为负数" in text(bad)


def test_evidence_download_for_staff(client, bureau):
    started = start()
    app = started.applications[0]
    from zhengwu.subsidies.applications import add_evidence

    app = add_evidence(app, [("审计报告.pdf", PDF)], expected_version=app.version)
    app = step(app, "submitted")
    client.force_login(bureau.reader)
    item = app.evidence.get()
    response = client.get(reverse("subsidies_staff:evidence", args=[app.reference, item.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"] and "no-store" in response["Cache-Control"]


def test_dashboard_lists_submitted_not_drafts_and_marks_samples(client, bureau):
    draft = start().applications[0]
    app = submitted(code=web.OTHER_CODE, name="另一家公司")
    Application.objects.filter(pk=app.pk).update(is_sample=True)
    client.force_login(bureau.reader)
    page = text(client.get(reverse("subsidies_staff:dashboard")))
    assert app.reference in page and draft.reference not in page and "另一家公司 示例" in page
    drafts = text(client.get(reverse("subsidies_staff:dashboard"), {"state": "draft"}))
    assert draft.reference in drafts
    assert Decimal(Application.objects.get(pk=app.pk).quoted_amount) == Decimal("80000.00")
