"""The award in a real browser (issue 9's proof): a school recommends two students, an expert scores them,
the bureau ranks, publishes the notice, records an objection and upholds it (the next ranked moves up),
approves after the notice, issues the decision and downloads it as Word. The public sees the notice with
how to object. No page may break the CSP or load anything from outside."""
import io
import re

import docx
import pytest
from playwright.sync_api import expect

from .test_browser import assert_clean

pytestmark = pytest.mark.e2e

PASSWORD = "Qijiang-awards-2022!"


@pytest.fixture
def award_site(site, settings, tmp_path):
    """Edition 10 in 学校推荐 with one place per award, two students of 康德城第一小学 applied, one expert
    from another school; accounts for the bureau, the school and the expert."""
    import datetime as dt

    from django.contrib.auth.models import Permission, User

    from zhengwu.awards import applications
    from zhengwu.awards.editions import advance, create_edition
    from zhengwu.awards.models import Expert, SchoolMember
    from zhengwu.awards.vocab import State

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    school = applications.school_named("綦江区康德城第一小学")
    edition = create_edition(10, 2022, on=dt.date(2022, 3, 1), winner_quota=1, nominee_quota=1,
                             experts_per_candidate=1)
    advance(edition, State.APPLYING, dt.date(2022, 3, 1))
    for name, project in (("刘一鸣", "雨水回收浇灌装置"), ("陈可欣", "綦河水质简易检测")):
        applications.apply(edition, school, name=name, grade="六年级", class_no=2, project=project,
                           on=dt.date(2022, 3, 10))
    advance(edition, State.RECOMMENDING, dt.date(2022, 3, 20))

    def account(name: str, codename: str) -> User:
        user = User.objects.create_user(name, password=PASSWORD)
        user.user_permissions.add(Permission.objects.get(content_type__app_label="awards", codename=codename))
        return user

    account("kjj", "run_edition")
    SchoolMember.objects.create(user=account("kdc_school", "recommend_candidate"), school=school)
    Expert.objects.create(name="李专家", affiliation="区科协", user=account("expert_li", "score_candidate"))
    return site


def log_in(browser, base: str, username: str, log):
    page = browser.new_context(locale="zh-CN").new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda m: log.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("response", lambda r: log.bad_responses.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{base}/awards/staff/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    return page


def test_school_expert_bureau_to_the_decision(award_site, browser, page, browser_log):
    base = award_site
    school = log_in(browser, base, "kdc_school", browser_log)
    school.wait_for_url(f"{base}/awards/staff/school/")
    school.get_by_role("button", name="推荐刘一鸣").click()
    school.get_by_role("button", name="推荐陈可欣").click()
    assert school.locator("#used").inner_text() == "2"
    expect(school.locator("#students .recommended")).to_have_count(2)
    school.context.close()

    bureau = log_in(browser, base, "kjj", browser_log)
    bureau.wait_for_url(f"{base}/awards/staff/editions/")
    bureau.get_by_role("link", name="第十届").click()
    assert bureau.locator("#state").inner_text() == "学校推荐"
    bureau.get_by_label("评审开始日期").fill("2022-04-01")
    bureau.get_by_role("button", name="开始专家评审").click()
    assert bureau.locator("#state").inner_text() == "专家评审"

    expert = log_in(browser, base, "expert_li", browser_log)
    expert.wait_for_url(f"{base}/awards/staff/review/")
    for name, marks in (("刘一鸣", ("92", "88", "85", "90")), ("陈可欣", ("80", "82", "78", "75"))):
        section = expert.locator("section.assignment", has=expert.get_by_role("heading", name=re.compile(name)))
        for label, mark in zip(("创新性", "科学性", "实用性", "表达与展示"), marks, strict=True):
            section.get_by_label(label).fill(mark)
        section.get_by_role("button", name=f"提交对{name}的评分").click()
    # expect retries: the last click has just started loading the page that shows the second total
    expect(expert.locator(".total")).to_have_text(["89.2", "79.7"])  # 92×.4+88×.3+85×.2+90×.1; 80×.4+82×.3+78×.2+75×.1
    expert.context.close()

    bureau.reload()
    bureau.get_by_label("排名确定日期").fill("2022-04-10")
    bureau.get_by_role("button", name="确定排名").click()
    assert bureau.locator("#state").inner_text() == "已排名"
    rows = bureau.locator("#candidates tbody tr")
    assert rows.nth(0).inner_text().startswith("1\t区长奖\t刘一鸣")
    assert rows.nth(1).inner_text().startswith("2\t区长提名奖\t陈可欣")

    bureau.get_by_label("公示开始日期").fill("2022-04-11")
    bureau.get_by_label("受理异议的方式（单位、电话、地址）").fill("区科技局，电话 023-48600000")
    bureau.get_by_role("button", name="发布公示").click()
    assert bureau.locator("#state").inner_text() == "社会公示"

    page.goto(f"{base}/awards/")  # the public
    assert page.locator("#notice-period").inner_text() == "2022年4月11日至2022年4月18日"
    assert "如何提出异议" in page.locator("main").inner_text()
    assert "区科技局，电话 023-48600000" in page.locator(".contact").inner_text()
    assert "刘一鸣" in page.locator("main").inner_text()

    objection = bureau.locator("#act-objection")
    objection.get_by_label("异议对象").select_option(label="刘一鸣（区长奖）")
    objection.get_by_label("收到日期").fill("2022-04-12")
    objection.get_by_label("异议内容").fill("反映该作品由家长代做")
    objection.get_by_role("button", name="登记异议").click()
    decide = bureau.locator("section[id^=act-decide-]")
    decide.get_by_label(re.compile("异议成立")).check()
    decide.get_by_label("处理意见").fill("经核实，作品主要由家长完成")
    decide.get_by_label("处理日期").fill("2022-04-14")
    decide.get_by_role("button", name="保存处理结果").click()
    assert "陈可欣由区长提名奖递补为区长奖" in bureau.locator("#messages").inner_text()
    assert "已取消" in bureau.locator("#candidates tbody tr").nth(0).inner_text()

    approve = bureau.locator("#act-approve")
    approve.get_by_label("审定会议").fill("第二届区政府第150次常务会")
    approve.get_by_label("审定日期").fill("2022-04-18")  # the notice's last day: still running
    approve.get_by_role("button", name="登记审定").click()
    assert "公示期至2022-04-18届满" in bureau.locator("#messages").inner_text()
    approve = bureau.locator("#act-approve")
    approve.get_by_label("审定会议").fill("第二届区政府第150次常务会")
    approve.get_by_label("审定日期").fill("2022-04-19")
    approve.get_by_role("button", name="登记审定").click()
    assert bureau.locator("#state").inner_text() == "常务会已审定"

    issue = bureau.locator("#act-decision")
    issue.get_by_label("文号").fill("綦江府发〔2022〕3号")
    issue.get_by_label("成文日期").fill("2022-04-28")
    issue.get_by_role("button", name="印发决定").click()
    assert bureau.locator("#state").inner_text() == "决定已印发"
    assert "待编辑发布" in bureau.locator("#decision").inner_text()
    with bureau.expect_download() as download:
        bureau.locator("#decision-docx").click()
    paragraphs = [p.text for p in docx.Document(io.BytesIO(download.value.path().read_bytes())).paragraphs]
    assert "重庆市綦江区人民政府关于颁发第十届青少年科技创新区长奖的决定" in paragraphs
    assert "綦江区第十届青少年科技创新区长奖获奖名单" in paragraphs
    assert "陈可欣 綦江区康德城第一小学六年级2班学生" in paragraphs
    assert not any("刘一鸣" in p for p in paragraphs)
    assert any("并经第二届区政府第150次常务会审定，决定授予陈可欣等1人" in p for p in paragraphs)
    bureau.context.close()
    assert_clean(browser_log)



def test_student_applies_and_reads_the_notice_on_a_phone(award_site, phone_page, browser_log):
    """The public side on a phone: the application form while an edition is open (a refused grade is a 400
    page naming the field), then — another edition in notice — the lists and the way to object."""
    import datetime as dt

    from zhengwu.awards import notice, ranking, review
    from zhengwu.awards.editions import advance, create_edition
    from zhengwu.awards.models import Assignment, Candidate, Edition, Expert
    from zhengwu.awards.vocab import State

    base = award_site
    advance(create_edition(11, 2026, on=dt.date(2026, 3, 1)), State.APPLYING, dt.date(2026, 3, 1))
    page = phone_page
    page.goto(f"{base}/awards/")
    page.get_by_role("link", name=re.compile("学生申报入口")).click()
    page.get_by_label("学生姓名").fill("黄子轩")
    page.get_by_label("学校").select_option(label="綦江区康德城第一小学")
    page.get_by_label("年级").select_option("七年级")
    page.get_by_label("班级（数字）").fill("3")
    page.get_by_label("项目名称").fill("会提醒的智能书包")
    page.get_by_role("button", name="提交申报").click()
    assert "年级：綦江区康德城第一小学（小学）没有七年级。" in page.locator("#error").inner_text()
    assert page.get_by_label("学生姓名").input_value() == "黄子轩"  # what was typed is kept
    page.get_by_label("年级").select_option("六年级")
    page.get_by_role("button", name="提交申报").click()
    assert "已收到綦江区康德城第一小学六年级3班黄子轩的申报" in page.locator("#applied").inner_text()
    # the refused form answered 400 on purpose; nothing else may fail
    browser_log.console = [m for m in browser_log.console if "status of 400" not in m or "/awards/apply/" not in m]
    browser_log.bad_responses = [r for r in browser_log.bad_responses if not r.startswith("400 POST")]

    tenth = Edition.objects.get(number=10)  # from the fixture: two students in 学校推荐
    Candidate.objects.filter(edition=tenth).update(recommended=True)
    review.start_review(tenth, dt.date(2026, 11, 1))
    for a in Assignment.objects.filter(candidate__edition=tenth):
        review.submit_scores(a, dict.fromkeys(("innovation", "science", "practice", "presentation"), "80"),
                             expert=Expert.objects.get(), on=dt.date(2026, 11, 2))
    ties = list(Candidate.objects.filter(edition=tenth).order_by("pk").values_list("pk", flat=True))
    ranking.fix_ranking(tenth, dt.date(2026, 11, 3), tie_order=ties)
    notice.publish_notice(Edition.objects.get(pk=tenth.pk), dt.date(2026, 11, 4), contact="区科技局 023-48600000")
    page.goto(f"{base}/awards/")
    block = page.locator("#notice-10")
    assert block.locator("#notice-period").inner_text() == "2026年11月4日至2026年11月11日"
    assert "刘一鸣" in block.inner_text() and "陈可欣" in block.inner_text()
    assert block.get_by_role("link", name="网上提出异议").count() == 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"
    assert_clean(browser_log)
