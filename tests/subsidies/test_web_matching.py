"""Proactive matching (免申即享) and the forecast page: a register uploaded (CSV and Excel), a bad row named
by row and column with nothing stored, each firm's items and amounts with an explanation page, the
invitation making drafts and a magic link, and the what-if forecast with its server-drawn SVG chart."""
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhengwu.subsidies.demo import credit_code, sample_register
from zhengwu.subsidies.models import Application, RegisterMatch, RegisterUpload

from . import web
from .web import text

isolated, bureau = web.isolated, web.bureau

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated")]

SHALE = "重庆綦江页岩气装备有限公司（示例）"  # R&D 40,000,000 / revenue 600,000,000: 1 % = 400,000, under the 500,000 cap
NEW_MATERIALS = "重庆綦江新材料科技有限公司（示例）"  # 12,000,000 / 150,000,000 = 8 %: 120,000
GEARS = "重庆綦江齿轮传动有限公司（示例）"  # 4.5 %: no R&D grant


def upload(client, data: bytes = None, name: str = "名录.csv", on: str = "2022-06-30"):
    return client.post(reverse("subsidies_staff:registers"),
                       {"register": SimpleUploadedFile(name, data if data is not None else sample_register()), "on": on})


@pytest.fixture
def reviewer(client, bureau):
    client.force_login(bureau.reviewer)
    return client


def test_register_upload_lists_firms_with_items_and_amounts(reviewer):
    response = upload(reviewer)
    assert response.status_code == 302
    stored = RegisterUpload.objects.get()
    assert response["Location"] == reverse("subsidies_staff:matches", args=[stored.pk])
    assert stored.firms == 7 and stored.on.isoformat() == "2022-06-30"
    page = text(reviewer.get(response["Location"]))
    assert SHALE in page and NEW_MATERIALS in page
    shale = RegisterMatch.objects.get(name=SHALE)
    assert shale.credit_code == credit_code(13) and "六" in shale.items.split("、")
    six = next(line for line in shale.quote["lines"] if line["item"] == "六")
    assert six["amount"] == "400000.00"
    assert shale.total == sum(Decimal(line["amount"]) for line in shale.quote["lines"])
    assert stored.total == sum(m.total for m in RegisterMatch.objects.all())


def test_a_firm_explanation_page_shows_each_line_and_its_basis(reviewer):
    upload(reviewer)
    shale = RegisterMatch.objects.get(name=SHALE)
    page = text(reviewer.get(reverse("subsidies_staff:match", args=[shale.upload_id, shale.row])))
    assert SHALE in page and "示例" in page
    assert "（六）研发投入补助" in page and "400000.00 元" in page and "綦江府办发〔2021〕26号（六）" in page
    assert "名录中的数据（测算事实）" in page


def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_stored(reviewer):
    bad = sample_register().decode("utf-8-sig").replace("规下,8000000", "规下,八百万").encode()
    response = upload(reviewer, bad)
    assert response.status_code == 400
    assert "第4行“营业收入”列" in text(response) and "八百万" in text(response)
    assert not RegisterUpload.objects.exists() and not RegisterMatch.objects.exists()


def test_a_bad_credit_code_is_named_by_row_and_column(reviewer):
    bad = sample_register().decode("utf-8-sig").replace(credit_code(11), credit_code(11)[:-1] + "0").encode()
    response = upload(reviewer, bad)
    assert response.status_code == 400
    assert "第4行“统一社会信用代码”列" in text(response) and "校验码不对" in text(response)
    assert not RegisterUpload.objects.exists()


def test_excel_register_is_read_too(reviewer):
    from openpyxl import Workbook

    book = Workbook()
    for line in sample_register().decode("utf-8-sig").splitlines():
        book.active.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(reviewer, buffer.getvalue(), name="名录.xlsx")
    assert response.status_code == 302
    assert RegisterMatch.objects.get(name=SHALE).total == RegisterUpload.objects.get().total - sum(
        m.total for m in RegisterMatch.objects.exclude(name=SHALE))


def test_matching_needs_the_review_right(client, bureau):
    client.force_login(bureau.reader)
    response = client.get(reverse("subsidies_staff:registers"))
    assert response.status_code == 403 and "免申即享" in text(response)


def test_invite_makes_drafts_and_a_link_the_firm_can_open(reviewer, bureau, client):
    upload(reviewer)
    shale = RegisterMatch.objects.get(name=SHALE)
    response = reviewer.post(reverse("subsidies_staff:invite", args=[shale.upload_id, shale.row]))
    assert response.status_code == 201 and "no-store" in response["Cache-Control"]
    drafts = list(Application.objects.filter(firm__credit_code=credit_code(13)).order_by("pk"))
    assert drafts and all(a.origin == "invited" and a.state == "draft" and a.created_by == bureau.reviewer
                          for a in drafts)
    assert {a.item for a in drafts} == {line["item"] for line in shale.quote["lines"]
                                        if Decimal(line["amount"]) > 0 or line.get("pending")}
    assert not any(a.is_sample for a in drafts)  # a real register: real drafts (the demo's are samples)
    link = re.search(r'id="magic-link">[^<]*(/subsidy/k/[^<]+/)</code>', response.content.decode())[1]
    firm = client.__class__()
    firm.get(link)
    mine = text(firm.get(reverse("subsidies_public:mine")))
    assert all(a.reference in mine for a in drafts)
    page = text(firm.get(reverse("subsidies_public:application", args=[drafts[0].reference])))
    assert "区科技局根据企业名录主动邀请申报（免申即享）" in page
    # submitting needs a contact first
    refused = firm.post(reverse("subsidies_public:submit", args=[drafts[0].reference]),
                        {"expected_version": drafts[0].version})
    assert refused.status_code == 400 and "联系人和联系电话" in text(refused)
    # a second invitation finds nothing left: every item is already with the firm
    again = reviewer.post(reverse("subsidies_staff:invite", args=[shale.upload_id, shale.row]))
    assert again.status_code == 400 and "没有可以邀请申报的条目" in text(again)


# ---- the forecast ------------------------------------------------------------------------------------------------

def test_forecast_page_opens_on_the_latest_register(reviewer):
    upload(reviewer)
    response = reviewer.get(reverse("subsidies_staff:forecast"))
    assert response.status_code == 200
    page = text(response)
    assert "示例企业名录" in page or "名录.csv" in page
    assert "未设假设参数" in page
    total = RegisterUpload.objects.get().total
    assert f"现行参数 {total} 元" in page


def test_what_if_cap_changes_the_totals_and_draws_a_chart(reviewer):
    upload(reviewer)
    response = reviewer.post(reverse("subsidies_staff:forecast"), {"overrides": "六.above.cap=300000", "on": "2022-06-30"})
    assert response.status_code == 200
    page = text(response)
    assert "六.above.cap=300000" in page
    row = re.search(r"（六）支持企业加大研发投入 (\d+) ([\d.]+) ([\d.]+) (-?[\d.]+)", page)
    assert row is not None, page
    current, whatif, diff = (Decimal(row[i]) for i in (2, 3, 4))
    # 页岩气 400,000 → 300,000 (the cap); 新材料 120,000 and 铝业 (below scale) 4,000 stay
    assert current == Decimal("524000.00") and whatif == Decimal("424000.00") and diff == Decimal("-100000.00")
    html = response.content.decode()
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "style" not in svg and "<script" not in svg
    assert "（六）" in svg


def test_a_bad_what_if_line_is_named(reviewer):
    upload(reviewer)
    response = reviewer.post(reverse("subsidies_staff:forecast"), {"overrides": "六.above.cap=600000\n上限六十万"})
    assert response.status_code == 400
    assert "假设参数第2行“上限六十万”应写作 名称=数值" in text(response)


def test_forecast_is_open_to_budget_readers_and_says_when_there_is_no_register(client, bureau):
    client.force_login(bureau.reader)
    assert client.get(reverse("subsidies_staff:forecast")).status_code == 200
    response = client.post(reverse("subsidies_staff:forecast"), {"overrides": ""})
    assert response.status_code == 400 and "还没有导入企业名录" in text(response)


def test_an_unknown_parameter_or_a_bad_value_is_named(reviewer):
    upload(reviewer)
    unknown = reviewer.post(reverse("subsidies_staff:forecast"), {"overrides": "六.above.kap=600000"})
    assert unknown.status_code == 400 and "没有名为 六.above.kap 的参数" in text(unknown)
    assert "--set" not in text(unknown)
    negative = reviewer.post(reverse("subsidies_staff:forecast"), {"overrides": "六.above.cap=-1"})
    assert negative.status_code == 400 and "六.above.cap 应为非负的有限数，而不是 -1" in text(negative)
    assert "--set" not in text(negative)


def test_invited_claims_carry_their_sub_rule_so_the_firm_can_edit_them(reviewer):
    upload(reviewer)
    incubator = RegisterMatch.objects.get(name="重庆綦江孵化器管理有限公司（示例）")  # （十九） has two forms
    response = reviewer.post(reverse("subsidies_staff:invite", args=[incubator.upload_id, incubator.row]))
    assert response.status_code == 201
    link = re.search(r'id="magic-link">[^<]*(/subsidy/k/[^<]+/)</code>', response.content.decode())[1]
    firm = reviewer.__class__()
    firm.get(link)
    drafts = Application.objects.filter(firm__credit_code=incubator.credit_code)
    assert {(a.item, a.claim["rule"]) for a in drafts} == {("十九", "recognition"), ("十九", "incubated_high_tech")}
    for app in drafts:
        page = firm.get(reverse("subsidies_public:application", args=[app.reference]))
        assert page.status_code == 200 and "保存并重新测算" in text(page)
