"""The pages and the API through the test client: what staff and residents see."""
from __future__ import annotations

import datetime as dt
import io
import json

import docx
import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.personas import logged_in, person
from zhengwu.waste.models import Community, GuidanceVisit, Inspection
from zhengwu.waste.readers import add_reader

from .helpers import csv_bytes, event, make_card, make_community, make_point

pytestmark = pytest.mark.django_db


def staff(*codenames: str) -> Client:
    return logged_in(person(f"u{User.objects.count()}", app="waste", perms=codenames))


@pytest.fixture
def office() -> Client:
    return staff("view_community", "change_community", "add_inspection", "add_guidancevisit")


@pytest.fixture
def community():
    c = make_community("古南街道", "翠湖小区", removed_on=dt.date(2021, 8, 1), contact="王明", phone="023-1",
                       notice_start=dt.date(2021, 8, 1))
    make_point(c, "GN-1", "1栋东侧")
    make_community("古南街道", "老街院子", management="unmanaged", building="mid_rise")
    make_community("古南街道", "望江高层")
    return c


def test_login_and_rights_are_required(community):
    assert Client().get("/waste/").status_code == 302
    page = staff().get("/waste/")
    assert page.status_code == 403 and "权限" in page.content.decode()
    assert staff("view_community").get(f"/waste/communities/{community.pk}/edit/").status_code == 403


def test_dashboard_shows_each_unit_against_its_targets(office, community):
    page = office.get("/waste/?on=2021-08-31").content.decode()
    assert "古南街道" in page and "0.33" in page and "未达标" in page
    assert "<svg" in page and "8月底目标 50%" in page
    assert "綦江府办发〔2021〕23号四（二）：“三江街道、新盛街道2家街道力争完成辖区至少40%居民小区的撤桶并点任务”" in page
    assert "可能完不成目标的街镇" in page and "老街院子" in page  # holding the street back, non-managed first
    filtered = office.get("/waste/?on=2021-08-20&unit=古南街道").content.decode()
    assert "古南街道工作队列" in filtered and 'data-unit="古南街道"' in filtered
    assert 'data-unit="文龙街道"' not in filtered


def test_excel_export(office, community):
    from openpyxl import load_workbook

    response = office.get("/waste/export.xlsx?on=2021-08-31")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["撤桶并点进度"].iter_rows(values_only=True))
    assert rows[1][:4] == ("街镇", "小区数", "已完成", "撤桶并点率")
    assert rows[2][:4] == ("古南街道", 3, 1, "0.33") and rows[2][6] == "未达标"
    assert len(list(book["小区明细"].iter_rows())) == 4


def test_community_page_and_notice(office, community):
    page = office.get(f"/waste/communities/{community.pk}/").content.decode()
    assert "翠湖小区" in page and "已完成撤桶并点（2021-08-01" in page and "GN-1" in page
    response = office.get(f"/waste/communities/{community.pk}/notice.docx")
    assert response.status_code == 200
    text = "".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "在翠湖小区进行" in text and "咨询人：王明" in text
    incomplete = Community.objects.get(name="望江高层")
    refused = office.get(f"/waste/communities/{incomplete.pk}/notice.docx")
    assert refused.status_code == 409 and "咨询人" in refused.content.decode()
    assert office.get(f"/waste/communities/{community.pk}/notice.exe").status_code == 404


def test_editing_and_recording(office, community):
    response = office.post(f"/waste/communities/{community.pk}/publicity/", {"kind": "door", "on": "2021-07-10",
                                                                             "note": "敲门行动"})
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.publicity_on == dt.date(2021, 7, 10)
    office.post(f"/waste/communities/{community.pk}/adjustments/", {"on": "2021-09-10", "what": "2号点位移至南门"})
    bad = office.post(f"/waste/communities/{community.pk}/points/", {"code": "GN-2", "name": "南门",
                                                                     "morning_from": "09:00", "morning_to": "07:00",
                                                                     "evening_from": "19:00", "evening_to": "21:00"})
    assert bad.status_code == 400 and "早上结束时间应晚于开始时间" in bad.content.decode()
    page = office.get(f"/waste/communities/{community.pk}/").content.decode()
    assert "敲门行动" in page and "2号点位移至南门" in page
    edited = office.post(f"/waste/communities/{community.pk}/edit/", {
        "management": "managed", "building": "high_rise", "households": 301, "floor_bins": 0, "cleaners": 3,
        "plan": "一小区一方案：1栋东侧设点", "contact": "王明", "phone": "023-1"})
    assert edited.status_code == 302
    community.refresh_from_db()
    assert community.households == 301 and community.removed_on is None


def test_import_page_lists_every_bad_row(office):
    upload = io.BytesIO(csv_bytes("某街道,甲,物业,高层,1,0,0,,", "古南街道,乙,物业,高层,1,0,0,,2021-02-30"))
    upload.name = "bad.csv"
    page = office.post("/waste/communities/import/", {"file": upload})
    text = page.content.decode()
    assert page.status_code == 400 and "第2行“街镇”列" in text and "第3行“撤桶日期”列" in text
    assert Community.objects.count() == 0


def test_inspection_and_guidance_pages(office, community):
    card = make_card(community, "C0001")
    for day in (10, 11):
        office.post("/waste/inspections/", {"point": "GN-1", "at": f"2021-09-{day}T19:30", "quality": "poor",
                                            "card": "C0001"})
    assert Inspection.objects.count() == 2
    missing = office.post("/waste/inspections/", {"point": "NOPE", "at": "2021-09-12T19:30", "quality": "poor"})
    assert missing.status_code == 400 and "NOPE" in missing.content.decode()
    from django.utils import timezone

    from zhengwu.waste.ingest import ingest

    ingest([event("x1", card="C0001", point="GN-1", correct=False, at=timezone.now().isoformat())])
    Inspection.objects.update(at=timezone.now())
    page = office.get("/waste/guidance/").content.decode()
    assert "1栋1单元101" in page
    office.post("/waste/guidance/visit/", {"card": "C0001", "on": timezone.localdate().isoformat(), "visitor": "指导员"})
    assert GuidanceVisit.objects.filter(card=card).exists()
    after = office.get("/waste/guidance/").content.decode()
    assert "没有需要上门指导的住户" in after and 'id="guidance"' not in after


def test_resident_balance_page(community):
    make_card(community, "C0001", code="654321")
    from zhengwu.waste.ingest import ingest

    ingest([event("a", card="C0001", point="GN-1"), event("b", card="C0001", point="GN-1", at="2021-09-01T12:00:00")])
    client = Client()
    wrong = client.post("/waste/card/", {"number": "C0001", "code": "000000"})
    assert wrong.status_code == 400 and "卡号或校验码不正确" in wrong.content.decode()
    page = client.post("/waste/card/", {"number": "C0001", "code": "654321"})
    text = page.content.decode()
    assert '<strong id="points">1</strong>' in text and "时段外" in text
    assert "在投放时段内分类正确投放一次，积1分" in text
    assert page.headers["Cache-Control"].startswith("max-age=0") or "no-store" in page.headers["Cache-Control"]


def test_events_api(community):
    make_card(community, "C0001")
    _reader, token = add_reader("古南-翠湖-1号点")
    client = Client()
    body = json.dumps({"events": [event("a", point="GN-1"), event("b", card="NOPE", point="GN-1")]})
    assert client.post("/api/waste/events", body, content_type="application/json").status_code == 401
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    answer = client.post("/api/waste/events", body, content_type="application/json", **auth).json()
    assert answer["stored"] == 1 and answer["refused"][0]["field"] == "card" and answer["refused"][0]["id"] == "b"
    from zhengwu.waste.models import DropEvent

    assert DropEvent.objects.get(event_id="a").source == "古南-翠湖-1号点"  # which device sent it
    again = client.post("/api/waste/events", body, content_type="application/json", **auth).json()
    assert again["stored"] == 0 and again["duplicates"] == 1
    bad = client.post("/api/waste/events", "{\"events\": 3}", content_type="application/json", **auth)
    assert bad.status_code == 400


def test_progress_api(community):
    answer = Client().get("/api/waste/progress?on=2021-08-31").json()
    assert answer[0]["unit"] == "古南街道" and answer[0]["done"] == 1
    assert Client().get("/api/waste/progress?on=2021-13-01").status_code == 400


def test_issuing_a_card_shows_its_check_code_once(office, community):
    page = office.post(f"/waste/communities/{community.pk}/cards/", {"number": "C9001", "household": "5栋2单元301"})
    text = page.content.decode()
    assert page.status_code == 200 and "已发放积分卡 C9001（5栋2单元301）" in text
    import re

    code = re.search(r'<strong class="secret">(\d{6})</strong>', text).group(1)
    assert "secret" not in office.get(f"/waste/communities/{community.pk}/").content.decode().split("<main")[1]
    resident = Client().post("/waste/card/", {"number": "C9001", "code": code})
    assert '<strong id="points">0</strong>' in resident.content.decode()
    again = office.post(f"/waste/communities/{community.pk}/cards/", {"number": "C9001", "household": "x"})
    assert again.status_code == 400 and "已发放" in again.content.decode()


def test_batch_notice_for_a_street(office, community):
    other = make_community("古南街道", "滨江小区", removed_on=dt.date(2021, 9, 1), contact="赵", phone="1")
    make_point(other, "GN-9", "南门")
    response = office.get("/waste/notices/古南街道.docx")
    titles = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs if p.text.endswith("告知书")]
    assert titles == ["古南街道“楼层撤桶楼下并点、\n分类投放生活垃圾”告知书"] * 2
    assert office.get("/waste/notices/南岸区.docx").status_code == 404


def test_adjusting_a_point_records_what_changed(office, community):
    url = f"/waste/communities/{community.pk}/points/GN-1/"
    form = {"name": "1栋东侧", "morning_from": "06:30", "morning_to": "08:30", "evening_from": "19:00",
            "evening_to": "21:00", "cleaning": "", "active": "on", "on": "2021-09-15"}
    missing = office.post(url, form)
    assert missing.status_code == 400  # the reason is required
    assert office.post(url, form | {"reason": "居民反映早上上班早"}).status_code == 302
    page = office.get(f"/waste/communities/{community.pk}/").content.decode()
    assert "投放点 GN-1：早上开始 07:00 → 06:30；早上结束 09:00 → 08:30（居民反映早上上班早）" in page
    assert "早上06:30—08:30" in page
    from zhengwu.waste.notice import notice_for

    assert "每天早上06:30—08:30" in notice_for(community).paragraphs[1]
    backwards = office.post(url, form | {"evening_from": "21:00", "evening_to": "19:00", "reason": "试"})
    assert backwards.status_code == 400 and "结束时间应晚于开始时间" in backwards.content.decode()


def test_a_streets_staff_change_only_their_own_communities(community):
    from zhengwu.org.models import StaffUnit
    from zhengwu.waste.units import resolve_unit

    client = staff("view_community", "change_community")
    user = User.objects.get(username=f"u{User.objects.count() - 1}")
    StaffUnit.objects.create(user=user, organization=resolve_unit("文龙街道"))
    page = client.get(f"/waste/communities/{community.pk}/")
    assert page.status_code == 200 and "编辑小区" not in page.content.decode()  # 古南街道's: view only
    refused = client.post(f"/waste/communities/{community.pk}/adjustments/", {"on": "2021-09-10", "what": "x"})
    assert refused.status_code == 403 and "不能修改古南街道的小区" in refused.content.decode()
    own = make_community("文龙街道", "文龙花园")
    assert "编辑小区" in client.get(f"/waste/communities/{own.pk}/").content.decode()
    upload = io.BytesIO(csv_bytes("文龙街道,新小区,物业,高层,1,0,0,,", "古南街道,别家小区,物业,高层,1,0,0,,"))
    upload.name = "mixed.csv"
    answer = client.post("/waste/communities/import/", {"file": upload})
    assert answer.status_code == 400 and "第3行“街镇”列：您只能导入文龙街道的小区" in answer.content.decode()
    assert not Community.objects.filter(name="新小区").exists()


def test_samples_count_only_while_there_is_nothing_else_or_when_asked(office):
    make_community("古南街道", "示例小区（示例）", removed_on=dt.date(2021, 8, 1), is_sample=True)
    alone = office.get("/waste/?on=2021-08-31").content.decode()
    assert "含示例数据：" in alone and '<td class="num share">1.00</td>' in alone
    make_community("古南街道", "真实小区")
    real = office.get("/waste/?on=2021-08-31").content.decode()
    assert "示例数据未计入" in real and '<td class="num share">0.00</td>' in real
    both = office.get("/waste/?on=2021-08-31&samples=on").content.decode()
    assert '<td class="num share">0.50</td>' in both
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(office.get("/waste/export.xlsx?on=2021-08-31").content))
    assert [r[1] for r in book["小区明细"].iter_rows(min_row=2, values_only=True)] == ["真实小区"]


def test_an_inspector_starts_from_the_point(community):
    inspector = staff("view_community", "add_inspection")
    page = inspector.get(f"/waste/communities/{community.pk}/").content.decode()
    assert "/waste/inspections/?point=GN-1" in page and "调整 GN-1" not in page
    form = inspector.get("/waste/inspections/?point=GN-1").content.decode()
    assert 'value="GN-1"' in form


def test_guidance_list_as_excel(office, community):
    from openpyxl import load_workbook

    from zhengwu.waste.ingest import ingest

    make_card(community, "C0001")
    ingest([event(f"g{i}", point="GN-1", correct=False, at=f"2021-09-1{i}T07:30:00+08:00") for i in range(3)])
    page = office.get("/waste/guidance/?on=2021-09-30").content.decode()
    assert "guidance.xlsx?on=2021-09-30" in page
    book = load_workbook(io.BytesIO(office.get("/waste/guidance.xlsx?on=2021-09-30").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][:5] == ("街镇", "小区", "住户", "卡号", "分类不准确次数")
    assert rows[2][:6] == ("古南街道", "翠湖小区", "1栋1单元101", "C0001", 3, "2021-09-12 07:30")


def test_registering_one_community_by_hand(office, community):
    form = {"unit_name": "通惠街道", "community_name": " 通惠 花园 ", "management": "unmanaged", "building": "villa",
            "households": "88", "floor_bins": "6", "cleaners": "1"}
    response = office.post("/waste/communities/new/", form)
    created = Community.objects.get(name="通惠花园")
    assert response.status_code == 302 and created.unit.name == "通惠街道" and created.households == 88
    again = office.post("/waste/communities/new/", form)
    assert again.status_code == 400 and "通惠街道已有“通惠花园”" in again.content.decode()
