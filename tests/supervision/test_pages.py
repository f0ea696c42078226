"""The pages through the test client: what the office and a unit see and do; rights; CSRF; downloads."""
import datetime as dt
import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from zhengwu.supervision.vocab import State

from .conftest import PNG, assignment, make_user


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_office_sees_the_campaign_and_each_units_light(campaign, office):
    page = client_for(office).get(f"/supervision/p/{campaign.pk}/?on=2021-07-18").content.decode()
    assert "深化领导干部学习教育" in page and "四（一）1" in page
    task = campaign.tasks.get(ref="1")
    page = client_for(office).get(f"/supervision/task/{task.pk}/?on=2021-07-21").content.decode()
    assert "区委组织部" in page and "红灯" in page and "已逾期 1 天" in page
    assert "各街镇（统称）" in page and "展开为全部成员单位" in page and "选择成员单位" in page
    assert "区委党校" in page and "名录中未登记" in page
    dashboard = client_for(office).get("/supervision/?on=2021-07-18").content.decode()
    assert "綦普法办〔2021〕16号" in dashboard and "light-yellow" in dashboard


def test_a_unit_reports_with_a_file_and_the_office_closes(campaign, office, sfj, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = assignment(campaign, "1", "区司法局")
    unit = client_for(sfj)
    assert "深化领导干部学习教育" in unit.get("/supervision/").content.decode()
    unit.post(f"/supervision/a/{a.pk}/do/acknowledge/", {"acknowledge-on": "2021-06-10",
                                                         "acknowledge-expected_version": 1})
    upload = SimpleUploadedFile("宣讲照片.png", PNG, content_type="image/png")
    unit.post(f"/supervision/a/{a.pk}/do/report/", {"report-on": "2021-07-19", "report-note": "完成宣讲5场",
                                                   "report-expected_version": 2, "report-files": [upload]})
    a.refresh_from_db()
    assert a.state == State.REPORTED
    page = client_for(office).get(f"/supervision/a/{a.pk}/").content.decode()
    assert "完成宣讲5场" in page and "宣讲照片.png" in page and "审核通过" in page
    file_id = a.events.get(kind="report").files.get().pk
    download = client_for(office).get(f"/supervision/file/{file_id}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    office_client = client_for(office)
    response = office_client.post(f"/supervision/a/{a.pk}/do/close/", {"close-expected_version": 3}, follow=True)
    assert "尚未审核，请先审核再销号" in response.content.decode()
    office_client.post(f"/supervision/a/{a.pk}/do/review/", {"review-expected_version": 3, "review-note": "材料齐全"})
    office_client.post(f"/supervision/a/{a.pk}/do/close/", {"close-expected_version": 4})
    a.refresh_from_db()
    assert a.state == State.CLOSED
    assert "已销号" in office_client.get(f"/supervision/a/{a.pk}/").content.decode()


def test_units_see_only_their_own_tasks_and_strangers_nothing(campaign, sfj):
    other = assignment(campaign, "1", "区委组织部")
    unit = client_for(sfj)
    assert unit.get(f"/supervision/a/{other.pk}/").status_code == 403
    assert unit.get(f"/supervision/p/{campaign.pk}/").status_code == 403
    stranger = client_for(make_user("nobody"))
    assert "无权查看督查督办页面" in stranger.get("/supervision/").content.decode()
    assert Client().get("/supervision/").status_code == 302  # to the login page


def test_forms_need_the_csrf_token(campaign, sfj):
    a = assignment(campaign, "1", "区司法局")
    client = Client(enforce_csrf_checks=True)
    client.force_login(sfj)
    assert client.post(f"/supervision/a/{a.pk}/do/acknowledge/", {"acknowledge-expected_version": 1}).status_code == 403
    a.refresh_from_db()
    assert a.state == State.ASSIGNED


def test_an_extension_after_the_deadline_is_refused_on_the_page(campaign, sfj):
    a = assignment(campaign, "1", "区司法局")
    page = client_for(sfj).post(f"/supervision/a/{a.pk}/extension/",
                                {"new_due": "2021-08-10", "reason": "来不及", "on": "2021-07-21"}, follow=True)
    assert "已逾期，不能再申请延期" in page.content.decode()


def test_parties_record_progress_and_the_office_sees_it(plan, nanan, office):
    jobs = plan.targets.get(code="jobs_offered", party="南岸区", year=2021)
    mine = client_for(nanan)
    page = mine.get(f"/supervision/p/{plan.pk}/targets/?year=2021&on=2021-12-31").content.decode()
    assert "为石柱县提供就业岗位" in page and "<td>綦江区</td>" not in page  # only its own and joint targets
    mine.post(f"/supervision/p/{plan.pk}/targets/record/", {"target": jobs.pk, "value": "100", "on": "2021-10-01",
                                                           "note": "招聘会"})
    page = client_for(office).get(f"/supervision/p/{plan.pk}/targets/?year=2021&on=2021-12-31").content.decode()
    assert "招聘会" in page and "已完成" in page
    other = plan.targets.get(code="jobs_offered", party="綦江区", year=2021)
    refused = mine.post(f"/supervision/p/{plan.pk}/targets/record/",
                        {"target": other.pk, "value": "5", "on": "2021-10-01"}, follow=True)
    assert "只有綦江区的填报账号或督查室可以填报" in refused.content.decode()


def test_the_bulletin_page_and_its_downloads(campaign, office):
    client = client_for(office)
    page = client.get(f"/supervision/p/{campaign.pk}/sheet/quarter/?period=2021Q3").content.decode()
    assert "2021年第三季度督查通报" in page and "区委组织部" in page
    word = client.get(f"/supervision/p/{campaign.pk}/sheet/quarter/?period=2021Q3&format=docx")
    assert word["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert docx.Document(io.BytesIO(word.content)).paragraphs[0].text == "2021年第三季度督查通报"
    bad = client.get(f"/supervision/p/{campaign.pk}/sheet/quarter/?period=2021Q5")
    assert bad.status_code == 400 and "季度应写成 2021Q3" in bad.content.decode()


def test_hand_entered_task_for_another_document(registry, office):
    from zhengwu.supervision.importer import import_document

    programme = import_document("綦江府办发〔2021〕23号").programme
    client = client_for(office)
    client.post(f"/supervision/p/{programme.pk}/edit/task/", {
        "ref": "1", "title": "完成撤桶并点", "cite": "三（一）", "due": "2021-12-31",
        "lead": "区城市管理局、古南街道", "cooperating": "各街镇"})
    task = programme.tasks.get(ref="1")
    assert [(a.unit_name, a.role, a.is_group) for a in task.assignments.all()] == [
        ("区城市管理局", "lead", False), ("古南街道", "lead", False), ("各街镇", "cooperating", True)]
    assert task.source_url().startswith(programme.document.get_absolute_url())
    assert task.due == dt.date(2021, 12, 31)


def test_the_api_lists_tasks_targets_and_the_public_rollup(campaign, plan):
    client = Client()
    tasks = client.get("/api/supervision/tasks", {"document": "綦普法办〔2021〕16号"}).json()
    assert len(tasks) == 8 and tasks[1]["lead_units"] == ["区教委", "区普法办"]
    targets = client.get("/api/supervision/targets", {"document": "綦江府办发〔2021〕24号", "year": 2021}).json()
    assert len(targets) == 21
    assert client.get("/api/supervision/tasks", {"document": "綦普法办〔2021〕99号"}).status_code == 404
    assert client.get("/api/supervision/public").json() == []  # nothing published yet


def test_the_demo_marks_its_samples_and_changes_nothing_when_run_again(registry):
    from zhengwu.supervision.demo import build_demo
    from zhengwu.supervision.models import Assignment, ProgressEntry, Target

    out = io.StringIO()
    build_demo(stream=out)
    assert "demo_dcs" in out.getvalue()
    counts = (Assignment.objects.count(), Target.objects.count(), ProgressEntry.objects.count())
    again = io.StringIO()
    build_demo(stream=again)
    assert again.getvalue() == ""
    assert (Assignment.objects.count(), Target.objects.count(), ProgressEntry.objects.count()) == counts
    page = Client().get("/supervision/public/").content.decode()
    assert "对口协同发展实施方案" in page and "示例" in page and "綦江齿轮与石柱企业签订配套协议" in page


def test_a_target_entered_by_hand_keeps_money_in_yuan_and_links_to_its_document(registry, office):
    from zhengwu.supervision.importer import import_document

    programme = import_document("綦江府办发〔2021〕23号").programme
    client = client_for(office)
    client.post(f"/supervision/p/{programme.pk}/edit/target/", {
        "indicator": "撤桶并点改造投入", "party": "古南街道", "threshold": "500", "unit": "万元", "year": 2021,
        "cite": "三（二）"})
    target = programme.targets.get()
    assert (target.threshold, target.unit, target.year) == (5000000, "元", 2021)
    assert target.source_url() == programme.document.get_absolute_url()
    refused = client.post(f"/supervision/p/{programme.pk}/edit/target/", {
        "indicator": "撤桶并点改造投入", "party": "古南街道", "threshold": "-1", "unit": "元", "year": 2021},
        follow=True)
    assert "不小于0" in refused.content.decode() and programme.targets.count() == 1


def test_the_public_page_shows_only_published_programmes_and_no_unit_statuses(campaign, plan, office):
    assert "尚未公开任何项目" in Client().get("/supervision/public/").content.decode()
    client_for(office).post(f"/supervision/p/{plan.pk}/edit/settings/", {"published": "on", "yellow_days": ""})
    page = Client().get("/supervision/public/").content.decode()
    assert "为石柱县提供就业岗位" in page and "2025年度" in page
    assert "区司法局" not in page and "长江保护法" not in page


def test_the_office_chooses_members_of_a_group_and_links_an_unregistered_name(campaign, office):
    task = campaign.tasks.get(ref="6")
    group = task.assignments.get(unit_name="区级有关部门")
    client = client_for(office)
    page = client.get(f"/supervision/task/{task.pk}/choose/{group.pk}/").content.decode()
    assert "区司法局" in page and "区委宣传部" not in page  # 区委宣传部 already leads this task
    from zhengwu.org.resolve import find_organization

    chosen = [find_organization(name).pk for name in ("区司法局", "区生态环境局")]
    client.post(f"/supervision/task/{task.pk}/edit/expand/", {"assignment": group.pk, "choose": "1",
                                                              "member": chosen})
    added = task.assignments.filter(group="区级有关部门")
    assert sorted(a.unit_name for a in added) == ["区司法局", "区生态环境局"]
    assert all(a.role == "cooperating" for a in added)
    nothing = client.post(f"/supervision/task/{task.pk}/edit/expand/", {"assignment": group.pk, "choose": "1"},
                          follow=True)
    assert "请至少选择一个单位" in nothing.content.decode()

    page = client.get(f"/supervision/task/{task.pk}/").content.decode()
    assert "关联名录中的单位" in page and "<option>区人大办</option>" in page
    client.post(f"/supervision/task/{task.pk}/edit/link/", {"unit_name": "区人大办", "organization": "区人大常委会办公室"})
    linked = task.assignments.get(unit_name="区人大办")
    assert linked.organization.name == "区人大常委会办公室"
    wrong = client.post(f"/supervision/task/{task.pk}/edit/link/", {"unit_name": "区普法办", "organization": "区普法局"},
                        follow=True)
    assert "名录中没有“区普法局”" in wrong.content.decode()
