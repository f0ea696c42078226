"""The supervision system in a real browser: the office opens the 长江保护法 campaign (綦普法办〔2021〕16号) and
sees each unit's status, 区司法局 logs in and reports its task done with a file, the office reviews and
closes it, and the quarterly bulletin downloads as a Word file in document style. No page may break the
CSP or load anything from outside."""
import re

import docx
import pytest
from playwright.sync_api import expect

from .test_browser import assert_clean

pytestmark = pytest.mark.e2e

PASSWORD = "Qijiang-ducha-2021!"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def supervision_site(site, tmp_path, settings):
    """The live site with the seed's registry, the campaign imported, and the office and 区司法局 accounts."""
    from django.contrib.auth.models import Permission, User

    from zhengwu.gazette.models import Issue
    from zhengwu.org.from_gazette import import_issue
    from zhengwu.org.resolve import find_organization
    from zhengwu.supervision.importer import import_document
    from zhengwu.supervision.models import ReporterLink

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    import_issue(Issue.objects.get(), by="测试")
    programme = import_document("綦普法办〔2021〕16号").programme
    office = User.objects.create_user("ducha", password=PASSWORD)
    office.user_permissions.add(*Permission.objects.filter(content_type__app_label="supervision"))
    unit = User.objects.create_user("sifaju", password=PASSWORD)
    ReporterLink.objects.create(user=unit, organization=find_organization("区司法局"))
    return site, programme


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/supervision/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/supervision/")


def test_office_follows_a_unit_from_report_to_closing(supervision_site, page, browser_log):
    base, programme = supervision_site
    log_in(page, base, "ducha")
    page.get_by_role("link", name=programme.title).click()
    assert "深化领导干部学习教育" in page.locator("main").inner_text()
    page.get_by_role("link", name="深化领导干部学习教育").click()
    units = page.locator("#units")
    row = units.get_by_role("row").filter(has_text="区司法局")
    assert "已交办" in row.inner_text() and "红灯" in row.inner_text()  # 2021-07-20 has long passed
    assert "各街镇（统称）" in units.inner_text()

    unit = page.context.browser.new_context(locale="zh-CN").new_page()
    unit.on("console", lambda m: browser_log.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    log_in(unit, base, "sifaju")
    unit.get_by_role("link", name="1. 深化领导干部学习教育").click()
    unit.locator("#step-acknowledge").get_by_role("button", name="签收").click()
    assert unit.locator("#state").inner_text() == "已签收"
    report = unit.locator("#step-report")
    report.get_by_label("说明").fill("举办领导干部专题学法讲座2场")
    report.get_by_label("佐证材料").set_input_files(
        files=[{"name": "讲座签到表.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    report.get_by_role("button", name="报结").click()
    assert unit.locator("#state").inner_text() == "已报结"
    expect(unit.get_by_role("link", name="讲座签到表.pdf")).to_have_count(1)
    unit.context.close()

    page.reload()
    row = page.locator("#units").get_by_role("row").filter(has_text="区司法局")
    assert "已报结" in row.inner_text() and "绿灯" in row.inner_text()
    row.get_by_role("link", name="区司法局").click()
    assert "举办领导干部专题学法讲座2场" in page.locator("#history").inner_text()
    page.locator("#step-review").get_by_role("button", name="审核通过").click()
    page.locator("#step-close").get_by_role("button", name="销号").click()
    assert page.locator("#state").inner_text() == "已销号"

    page.goto(f"{base}/supervision/p/{programme.pk}/")
    page.get_by_label("季度督查通报").fill("2021Q3")
    page.locator("form").filter(has=page.get_by_label("季度督查通报")).get_by_role("button", name="查看").click()
    assert page.locator("h1").inner_text() == "2021年第三季度督查通报"
    assert "区司法局" in page.locator("#units").inner_text()
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Word（公文格式）").click()
    download = waiting.value
    assert download.suggested_filename.endswith(".docx")
    word = docx.Document(str(download.path()))
    assert word.paragraphs[0].text == "2021年第三季度督查通报"
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert "区司法局" in cells
    assert_clean(browser_log)
