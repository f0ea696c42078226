"""The staff desk in a real browser: a login without `next` lands on the desk home, which lists the desks
of this account and leads into them, with no CSP complaint."""
import re

import pytest

from .test_browser import assert_clean

pytestmark = pytest.mark.e2e

PASSWORD = "Qijiang-anquan-2021!"


@pytest.fixture
def desk_site(live_server, transactional_db, settings):
    from django.contrib.auth.models import Permission, User

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reviewer = User.objects.create_user("kjj_reviewer", password=PASSWORD)
    reviewer.user_permissions.add(Permission.objects.get(content_type__app_label="subsidies",
                                                         codename="review_application"))
    return live_server.url


def test_login_lands_on_the_desk_and_leads_to_the_systems(desk_site, page, browser_log):
    base = desk_site
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill("kjj_reviewer")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/desk/")
    assert page.get_by_role("heading", level=1).inner_text() == "工作台"
    desks = page.locator("li.desk h2").all_inner_texts()
    assert desks == ["科技政策兑现办理"]
    assert "待受理的申请：0" in page.locator("#desk-subsidies").inner_text()
    page.get_by_role("link", name="科技政策兑现办理").click()
    page.wait_for_url(re.compile(r"/subsidies/$"))
    page.get_by_role("link", name="身份验证器").first.click()
    page.wait_for_url(re.compile(r"/desk/2fa/setup/"))
    assert page.locator(".qr svg").count() == 1
    assert_clean(browser_log)
