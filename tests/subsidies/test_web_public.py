"""The firm's pages (/subsidy/) through Django's test client: the self-check asks only the chosen items'
questions and explains each amount; applying makes drafts and a magic link; the link opens the firm's own
applications only; evidence is checked by its bytes; submitting; bad input named next to its field."""
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from zhengwu.subsidies.models import Application, ApplicationEvent, EvidenceFile
from zhengwu.subsidies.vocab import State

from . import web
from .web import FIRM_CODE, OTHER_CODE, PDF, PNG, start, text

isolated, bureau = web.isolated, web.bureau

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated")]

CHECK = "/subsidy/"
RD = "六:rd_input"
PATENTS = "十三:invention_patents"
RD_ANSWERS = {"q6_rd_input-scale": "above", "q6_rd_input-rd_spend": "8000000", "q6_rd_input-revenue": "100000000",
              "q6_rd_input-has_rd_institution": "yes", "q6_rd_input-gets_rd_reserve": "no"}
PATENT_ANSWERS = {"q13_invention_patents-patents_1_invention": "一种齿轮", "q13_invention_patents-patents_1_granted_in": "CN",
                  "q13_invention_patents-patents_2_invention": "一种齿轮", "q13_invention_patents-patents_2_granted_in": "US"}


def names(response) -> set[str]:
    return set(re.findall(r'name="([^"]+)"', response.content.decode()))


def check(client, items, answers, *, kind="firm", on="2021-09-01"):
    return client.post(CHECK, {"kind": kind, "on": on, "items": items, **answers})


def apply(client, result, **firm):
    answers = re.search(r'name="answers" value="([^"]+)"', result.content.decode())[1]
    eligible = re.findall(r'name="apply_for" value="([^"]+)"', result.content.decode())
    data = {"answers": answers, "apply_for": eligible, "name": "重庆綦江示范科技有限公司", "credit_code": FIRM_CODE,
            "contact_name": "李工", "contact_phone": "13800000000", **firm}
    return client.post(reverse("subsidies_public:apply"), data)


def link_of(response) -> str:
    return re.search(r'id="magic-link">[^<]*(/subsidy/k/[^<]+/)</code>', response.content.decode())[1]


# ---- self-check ---------------------------------------------------------------------------------------------

def test_first_page_lists_items_and_needs_no_login(client):
    response = client.get(CHECK)
    assert response.status_code == 200
    page = text(response)
    assert "科技政策兑现自查" in page and "（六）研发投入补助" in page and "（十三）发明专利授权" in page
    assert "没有资金兑现规则的条目" in page and "（九）" in page
    assert not any(n.startswith("q6_") for n in names(response))  # no question before an item is chosen


def test_only_the_chosen_items_questions_are_asked(client):
    response = client.get(CHECK, {"kind": "firm", "on": "2021-09-01", "items": [RD]})
    assert response.status_code == 200
    asked = names(response)
    assert {"q6_rd_input-scale", "q6_rd_input-rd_spend", "q6_rd_input-revenue", "q6_rd_input-has_rd_institution",
            "q6_rd_input-gets_rd_reserve"} <= asked
    assert not any(n.startswith(("q13_", "q1_", "q17_")) for n in asked)
    page = text(response)
    assert "研发投入" in page and "发明专利" not in page and "认定类型" not in page
    both = names(client.get(CHECK, {"kind": "firm", "items": [RD, PATENTS]}))
    assert "q13_invention_patents-patents_1_granted_in" in both and "q6_rd_input-revenue" in both


def test_choosing_nothing_says_so(client):
    response = client.get(CHECK, {"kind": "firm", "on": ""})  # what a browser sends with no box ticked
    assert response.status_code == 400
    assert "请更正以下问题 请至少选择一个政策条目" in text(response)


def test_results_show_amount_and_basis_per_item(client):
    response = check(client, [RD, PATENTS], {**RD_ANSWERS, **PATENT_ANSWERS})
    assert response.status_code == 200
    page = text(response)
    assert "合计可获补助： 100000.00 元" in page
    assert "80000.00 元" in page and "20000.00 元" in page
    assert "綦江府办发〔2021〕26号（六）" in page and "最高不超过50万元" in page
    assert "同一件发明专利获得多个国家或地区授权的,只资助1次" in page  # one grant per invention, quoted
    assert Application.objects.count() == 0  # a self-check stores nothing


def test_ineligible_item_shows_the_reason(client):
    answers = {**RD_ANSWERS, "q6_rd_input-rd_spend": "3000000"}  # intensity 3 % < 5 %
    page = text(check(client, [RD], answers))
    assert "不符合条件：0.00 元" in page and "原因" in page and "5%" in page
    assert "暂不能申报" in page


def test_bad_answers_are_named_next_to_their_field(client):
    answers = {**RD_ANSWERS, "q6_rd_input-rd_spend": "-5", "q6_rd_input-revenue": "一亿"}
    del answers["q6_rd_input-scale"]
    response = check(client, [RD], answers)
    assert response.status_code == 400
    page = text(response)
    assert "“当年申报享受加计扣除的研发投入（元）”不能为负数" in page
    assert "“营业收入（元）”应为数字（元）" in page
    assert "请回答“企业规模”" in page
    assert 'href="#id_q6_rd_input-rd_spend"' in response.content.decode()  # the summary links to the input


def test_engine_error_on_a_list_row_lands_on_that_row(client):
    answers = {"q13_invention_patents-patents_1_invention": "A", "q13_invention_patents-patents_1_granted_in": "CN",
               "q13_invention_patents-patents_2_invention": "B"}  # row 2 without its country
    response = check(client, [PATENTS], answers)
    assert response.status_code == 400
    assert "第2行 授权国家或地区：请填写" in text(response)


def test_date_before_the_policy_is_refused(client):
    response = check(client, [RD], RD_ANSWERS, on="2021-01-01")
    assert response.status_code == 400
    assert "早于" in text(response) and "2021-06-16" in text(response)


# ---- applying and the magic link -------------------------------------------------------------------------------

def test_apply_makes_drafts_and_shows_the_link_once(client):
    response = apply(client, check(client, [RD, PATENTS], {**RD_ANSWERS, **PATENT_ANSWERS}))
    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    apps = list(Application.objects.order_by("pk"))
    assert [(a.item, a.quoted_amount, a.state) for a in apps] == [("六", Decimal("80000.00"), "draft"),
                                                                 ("十三", Decimal("20000.00"), "draft")]
    assert apps[0].firm.credit_code == FIRM_CODE and apps[0].key_id == apps[1].key_id
    link = link_of(response)
    assert link.split("/")[-2] not in str(apps[0].key.key_hash)  # only the hash is stored
    assert "请立即保存这条链接" in text(response)
    # the same browser goes straight on; another opens the link
    assert client.get(reverse("subsidies_public:mine")).status_code == 200
    other = client.__class__()
    assert apps[0].reference not in text(other.get(reverse("subsidies_public:mine")))
    opened = other.get(link)
    assert opened.status_code == 302 and opened["Location"] == reverse("subsidies_public:mine")
    mine = text(other.get(reverse("subsidies_public:mine")))
    assert apps[0].reference in mine and apps[1].reference in mine and "重庆綦江示范科技有限公司" in mine


def test_apply_errors_name_the_field(client):
    result = check(client, [RD], RD_ANSWERS)
    response = apply(client, result, credit_code="91500222000000001X", contact_phone="电话")
    assert response.status_code == 400
    page = text(response)
    assert "统一社会信用代码" in page and "校验码不对" in page
    assert Application.objects.count() == 0


def test_tampered_answers_are_refused(client):
    result = check(client, [RD], RD_ANSWERS)
    body = result.content.decode().replace('name="answers" value="', 'name="answers" value="x')
    answers = re.search(r'name="answers" value="([^"]+)"', body)[1]
    response = client.post(reverse("subsidies_public:apply"), {"answers": answers, "apply_for": [RD], "name": "x",
                                                              "credit_code": FIRM_CODE, "contact_name": "李",
                                                              "contact_phone": "13800000000"})
    assert response.status_code == 302 and Application.objects.count() == 0


def test_bad_link_is_a_404_in_chinese(client):
    response = client.get("/subsidy/k/zws_not-a-real-key/")
    assert response.status_code == 404 and "申报链接无效或已停用" in text(response)


def test_a_link_opens_only_its_own_applications(client):
    mine = start()
    theirs = start(code=OTHER_CODE, name="另一家公司")
    client.get(f"/subsidy/k/{mine.secret}/")
    assert client.get(reverse("subsidies_public:application", args=[mine.applications[0].reference])).status_code == 200
    response = client.get(reverse("subsidies_public:application", args=[theirs.applications[0].reference]))
    assert response.status_code == 404
    # a second link of the same firm does not show the first link's applications either
    again = start([web.LAB_CLAIM])
    other = client.__class__()
    other.get(f"/subsidy/k/{again.secret}/")
    assert mine.applications[0].reference not in text(other.get(reverse("subsidies_public:mine")))


# ---- the draft: evidence, edits, submitting --------------------------------------------------------------------

def opened(client, started):
    client.get(f"/subsidy/k/{started.secret}/")
    return started.applications[0]


def page_of(client, app):
    return client.get(reverse("subsidies_public:application", args=[app.reference]))


def test_evidence_is_checked_by_its_bytes(client, tmp_path):
    app = opened(client, start())
    url = reverse("subsidies_public:upload", args=[app.reference])
    fake = ("报告.pdf", b"MZ\x90\x00 this is a program")
    response = client.post(url, {"expected_version": app.version, "evidence": [_file(*fake)]})
    assert response.status_code == 400 and "不是可接收的类型" in text(response) and "报告.pdf" in text(response)
    renamed = ("照片.pdf", PNG)
    response = client.post(url, {"expected_version": app.version, "evidence": [_file(*renamed)]})
    assert response.status_code == 400 and "与扩展名不符" in text(response)
    assert EvidenceFile.objects.count() == 0
    response = client.post(url, {"expected_version": app.version,
                                 "evidence": [_file("审计报告.pdf", PDF), _file("证书.png", PNG)]})
    assert response.status_code == 302
    stored = list(EvidenceFile.objects.order_by("pk"))
    assert [(e.name, e.content_type) for e in stored] == [("审计报告.pdf", "application/pdf"), ("证书.png", "image/png")]
    media = tmp_path / "media"
    assert all((media / e.stored_name).exists() for e in stored)
    assert all("static" not in e.stored_name and e.stored_name.startswith("subsidies/evidence/") for e in stored)
    download = client.get(reverse("subsidies_public:download", args=[app.reference, stored[0].pk]))
    assert b"".join(download.streaming_content) == PDF and "attachment" in download["Content-Disposition"]


def test_one_bad_file_keeps_the_others_out(client, tmp_path):
    app = opened(client, start())
    response = client.post(reverse("subsidies_public:upload", args=[app.reference]),
                           {"expected_version": app.version, "evidence": [_file("a.pdf", PDF), _file("b.pdf", b"")]})
    assert response.status_code == 400 and "是空的" in text(response)
    assert EvidenceFile.objects.count() == 0
    assert not list((tmp_path / "media").rglob("*")) or not any(p.is_file() for p in (tmp_path / "media").rglob("*"))


def test_editing_a_draft_quotes_again(client):
    app = opened(client, start())
    response = client.post(reverse("subsidies_public:edit", args=[app.reference]),
                           {"expected_version": app.version, "on": "2021-09-01", "contact_name": "王工",
                            "contact_phone": "13900000000", **RD_ANSWERS, "q6_rd_input-rd_spend": "10000000"})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.quoted_amount == Decimal("100000.00") and app.contact_name == "王工"
    assert app.events.filter(action=ApplicationEvent.Action.EDITED).exists()


def test_submit_then_no_more_edits_and_the_status_shows(client, bureau):
    app = opened(client, start())
    client.post(reverse("subsidies_public:upload", args=[app.reference]),
                {"expected_version": app.version, "evidence": [_file("审计报告.pdf", PDF)]})
    app.refresh_from_db()
    response = client.post(reverse("subsidies_public:submit", args=[app.reference]), {"expected_version": app.version})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.state == State.SUBMITTED
    page = text(page_of(client, app))
    assert "状态： 已提交" in page and "草稿 → 已提交" in page and "修改答案" not in page
    stale = client.post(reverse("subsidies_public:edit", args=[app.reference]),
                        {"expected_version": app.version, "on": "2021-09-01", "contact_name": "王工",
                         "contact_phone": "13900000000", **RD_ANSWERS})
    assert stale.status_code in (400, 409) and "提交后不能再修改" in text(stale)
    # the bureau rejects it: the firm reads the reason, not who decided
    app = web.walk_to(app, "under_review", bureau)
    web.step(app, "rejected", bureau.reviewer, reason="研发费用加计扣除申报表与审计报告不符")
    page = text(page_of(client, app))
    assert "不予批准" in page and "研发费用加计扣除申报表与审计报告不符" in page
    assert "kjj_reviewer" not in page and "区科技局" in page


def test_stale_page_is_a_409(client):
    app = opened(client, start())
    response = client.post(reverse("subsidies_public:submit", args=[app.reference]),
                           {"expected_version": app.version + 5})
    assert response.status_code == 409 and "已被他人办理" in text(response)


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
