"""The subsidy system in a real browser: a firm runs the self-check and applies (with an evidence file), a
reviewer of the science bureau logs in, starts the review and approves with the second factor, and the
budget page shows the approved amount. No page may break the CSP or load anything from outside."""
import re
import time

import pytest
from playwright.sync_api import expect

from .test_browser import assert_clean

pytestmark = pytest.mark.e2e

PASSWORD = "Qijiang-keji-2021!"
CREDIT_CODE = "91500222000000001E"  # a valid GB 32100-2015 check character
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def subsidy_site(live_server, transactional_db, tmp_path, settings):
    """The live site with a reviewer (审核 + 预算) who has a confirmed authenticator. Returns (URL, device)."""
    from django.contrib.auth.models import Permission, User
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reviewer = User.objects.create_user("kjj_reviewer", password=PASSWORD)
    reviewer.user_permissions.add(*Permission.objects.filter(content_type__app_label="subsidies",
                                                             codename__in=["review_application", "view_budget"]))
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    return live_server.url, device


def token_for(device) -> str:
    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def firm_checks_and_applies(page, base: str) -> str:
    """The firm's part; returns the application's reference."""
    page.goto(f"{base}/subsidy/")
    assert page.locator("h1").inner_text() == "科技政策兑现自查"
    page.get_by_label("测算日期").fill("2021-09-01")
    page.get_by_label("（六）研发投入补助").check()
    page.get_by_role("button", name="下一步：回答问题").click()
    page.wait_for_url(re.compile(r"/subsidy/\?"))
    assert page.get_by_text("发明专利").count() == 0  # only the chosen item's questions
    page.get_by_role("group", name="企业规模").get_by_label("规上（限上）企业").check()
    page.get_by_label("当年申报享受加计扣除的研发投入（元）").fill("8000000")
    page.get_by_label("营业收入（元）").fill("100000000")
    page.get_by_role("group", name="是否已成立区级以上研发机构").get_by_label("是").check()
    page.get_by_role("group", name="是否享受研发准备金政策").get_by_label("否").check()
    page.get_by_role("button", name="测算").click()
    assert page.locator("#total").inner_text() == "80000.00 元"
    assert "綦江府办发〔2021〕26号（六）" in page.locator("main").inner_text()

    page.get_by_label("单位名称").fill("重庆綦江浏览器测试科技有限公司")
    page.get_by_label("统一社会信用代码").fill(CREDIT_CODE)
    page.get_by_label("联系人").fill("李工")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_role("button", name="生成申请草稿").click()
    assert "/subsidy/k/" in page.locator("#magic-link").inner_text()
    link = page.locator("main").get_by_role("link", name=re.compile(r"^KB2021-\d{6}$")).first
    reference = link.inner_text()
    link.click()

    page.get_by_label("选择文件（可多选）").set_input_files(
        files=[{"name": "审计报告.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_role("link", name="审计报告.pdf")).to_have_count(1)  # retried: the upload reloads the page
    page.get_by_role("button", name="提交审核").click()
    assert page.locator("#state").inner_text() == "已提交"
    return reference


def test_firm_applies_reviewer_approves_budget_shows_it(subsidy_site, page, browser_log):
    base, device = subsidy_site
    reference = firm_checks_and_applies(page, base)
    assert page.locator("#state").inner_text() == "已提交"

    staff = page.context.browser.new_context(locale="zh-CN").new_page()
    staff.on("console", lambda m: browser_log.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    staff.goto(f"{base}/subsidies/")
    staff.wait_for_url(re.compile(r"/accounts/login/"))
    staff.get_by_label("用户名").fill("kjj_reviewer")
    staff.get_by_label("密码").fill(PASSWORD)
    staff.get_by_role("button", name="登录").click()
    staff.wait_for_url(f"{base}/subsidies/")
    staff.get_by_role("link", name=reference).click()
    assert staff.locator("#state").inner_text() == "已提交"
    assert "80000.00 元" in staff.locator("#quoted").inner_text()
    staff.locator("#act-review").get_by_role("button", name="开始审核").click()
    assert staff.locator("#state").inner_text() == "审核中"

    approve = staff.locator("#act-approve")
    assert approve.get_by_label("批准金额（元）").input_value() == "80000.00"
    approve.get_by_role("button", name="批准").click()
    staff.wait_for_url(re.compile(r"/desk/2fa/verify/"))  # money needs the second factor
    staff.get_by_label(re.compile("验证码")).fill(token_for(device))
    staff.get_by_role("button", name=re.compile("验证")).click()
    staff.wait_for_url(re.compile(rf"/subsidies/{reference}/$"))
    staff.locator("#act-approve").get_by_label("审核意见（金额与测算不同时必填）").fill("材料齐全")
    staff.locator("#act-approve").get_by_role("button", name="批准").click()
    assert staff.locator("#state").inner_text() == "已批准"
    assert staff.locator("#approved").inner_text() == "80000.00 元"

    staff.get_by_role("navigation", name="科技政策兑现办理").get_by_role("link", name="资金与预算").click()
    assert staff.locator("#total-approved").inner_text() == "80000.00"
    assert reference in staff.locator("main").inner_text()
    staff.context.close()

    page.reload()
    assert page.locator("#state").inner_text() == "已批准" and page.locator("#approved").inner_text() == "80000.00 元"
    assert_clean(browser_log)
