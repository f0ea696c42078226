"""The waste system in a real browser: the district sorting office logs in, opens the dashboard, filters a
street, opens a community from the work queue and generates its notice (the DOCX read back). No page may
break the CSP or load anything from outside."""
import datetime as dt
import io
import re

import docx
import pytest

from .test_browser import assert_clean

pytestmark = pytest.mark.e2e

PASSWORD = "Qijiang-fenlei-2021!"


@pytest.fixture
def waste_site(live_server, transactional_db, settings):
    from django.contrib.auth.models import Permission, User

    from zhengwu.waste.models import Community, DropPoint
    from zhengwu.waste.units import resolve_unit

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    office = User.objects.create_user("fenlei_office", password=PASSWORD)
    office.user_permissions.add(*Permission.objects.filter(content_type__app_label="waste",
                                                           codename__in=["view_community", "change_community"]))
    gunan, wenlong = resolve_unit("古南街道"), resolve_unit("文龙街道")
    for i in range(4):
        Community.objects.create(unit=gunan, name=f"高层{i}号小区", management="物业", building="高层", households=200,
                                 removed_on=dt.date(2021, 8, 1) if i < 1 else None)
    old = Community.objects.create(unit=gunan, name="老街院子", management="非物业", building="小高层", households=60,
                                   notice_start=dt.date(2021, 9, 1), contact="王明", phone="023-48661234",
                                   notice_date=dt.date(2021, 8, 25))
    DropPoint.objects.create(community=old, code="GN-LJ-1", name="院坝东侧", cleaning="每日清洗消杀")
    Community.objects.create(unit=wenlong, name="文龙花园", management="物业", building="洋房", households=90,
                             removed_on=dt.date(2021, 7, 20))
    return live_server.url


def test_office_follows_a_street_to_a_community_notice(waste_site, page, browser_log):
    base = waste_site
    page.goto(f"{base}/waste/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.get_by_label("用户名").fill("fenlei_office")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/waste/")
    assert page.locator("h1").inner_text() == "撤桶并点进度"

    page.get_by_label("统计日期").fill("2021-08-31")
    page.get_by_label("街镇", exact=True).select_option("古南街道")
    page.get_by_role("button", name="查看").click()
    page.wait_for_url(re.compile(r"unit="))
    rows = page.locator("#progress tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("th").inner_text() == "古南街道"
    assert rows.first.locator(".share").inner_text() == "0.20"
    assert "未达标" in rows.first.inner_text()
    assert page.locator("figure.chart svg").count() == 1
    assert "老街院子" in page.locator("#risks").inner_text()

    queue = page.locator("ol.queue li")
    assert queue.first.inner_text().startswith("老街院子")  # non-managed first (先易后难)
    queue.first.get_by_role("link", name="老街院子").click()
    page.wait_for_url(re.compile(r"/waste/communities/\d+/$"))
    assert page.locator("h1").inner_text() == "古南街道 · 老街院子"
    assert "未完成撤桶并点" in page.locator("#status").inner_text()

    with page.expect_download() as info:
        page.get_by_role("link", name="生成告知书（DOCX）").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as handle:
        lines = [p.text for p in docx.Document(io.BytesIO(handle.read())).paragraphs if p.text.strip()]
    assert lines[0] == "古南街道“楼层撤桶楼下并点、\n分类投放生活垃圾”告知书"
    text = "".join(lines)
    assert "本街道决定从2021年9月1日开始在老街院子进行" in text
    assert "具体点位为：院坝东侧（每日清洗消杀）" in text and "咨询人：王明；咨询电话：023-48661234。" in text
    assert lines[-2:] == ["古南街道办事处", "2021年8月25日"]
    assert_clean(browser_log)


def test_a_resident_checks_the_balance_on_a_phone(waste_site, phone_page, browser_log):
    from zhengwu.waste.cards import issue_card
    from zhengwu.waste.ingest import ingest
    from zhengwu.waste.models import Community

    community = Community.objects.get(name="老街院子")
    issue_card(community, "LJ-0001", "3栋2单元201", check_code="246810")
    ingest([{"id": "r1", "card": "LJ-0001", "point": "GN-LJ-1", "at": "2021-09-01T07:40:00+08:00",
             "category": "kitchen", "correct": True},
            {"id": "r2", "card": "LJ-0001", "point": "GN-LJ-1", "at": "2021-09-01T13:00:00+08:00",
             "category": "other", "correct": True}])
    phone_page.goto(f"{waste_site}/waste/card/")
    phone_page.get_by_label("卡号").fill("LJ-0001")
    phone_page.get_by_label("校验码").fill("246810")
    phone_page.get_by_role("button", name="查询").click()
    assert phone_page.locator("#points").inner_text() == "1"
    history = phone_page.locator("#balance table").inner_text()
    assert "时段内" in history and "时段外" in history
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375 + 1  # no sideways scrolling
    assert_clean(browser_log)
