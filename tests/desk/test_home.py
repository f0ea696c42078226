"""The desk home /desk/ (工作台): each role sees exactly its desks, with counts of what waits for it; a user
with no desk is told whom to ask; the footer links it for signed-in staff."""
import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.reports.conftest import World, file, report_keys  # noqa: F401 (fixtures used by name)
from tests.subsidies import web as subsidy_web
from zhengwu.core.private_pages import REFERRER_POLICY
from zhengwu.desk import registry

from .helpers import user_with

pytestmark = pytest.mark.django_db

ALL = {"reports", "subsidies", "waste", "supervision", "awards", "org", "gazette"}


def desks_of(client, user) -> dict[str, dict[str, int]]:
    """The desks the home page lists for `user`: code → {count label: number}."""
    client.force_login(user)
    response = client.get(reverse("desk:home"))
    assert response.status_code == 200
    body = response.content.decode()
    found = {}
    for code, block in re.findall(r'<li class="desk" id="desk-([a-z]+)">(.*?)</li>\n?(?=<li class="desk"|</ul>\n)',
                                  body, re.S):
        found[code] = {re.sub(r"<[^>]+>", "", label).strip(): int(n)
                       for label, n in re.findall(r"<li[^>]*>(.*?)：<strong>(\d+)</strong></li>", block, re.S)}
    return found


def test_the_desk_home_needs_a_login_and_is_private(client):
    response = client.get(reverse("desk:home"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/desk/")
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == REFERRER_POLICY


def test_a_user_with_no_desk_is_told_whom_to_ask(client):
    nobody = user_with("nobody")
    assert desks_of(client, nobody) == {}
    body = client.get(reverse("desk:home")).content.decode()
    assert "<title>工作台" in body and "还没有开通任何办理系统的权限" in body and "联系本单位" in body


def test_every_programme_and_shared_register_has_a_desk():
    assert {e.code for e in registry.all_entries()} == ALL


@pytest.mark.parametrize(("perms", "expected"), [
    (("reports.route_report",), {"reports"}),  # demo_office
    (("reports.route_report", "reports.view_reporter_identity"), {"reports"}),  # demo_identity
    (("reports.view_reward",), {"reports"}),  # demo_finance
    (("subsidies.review_application", "subsidies.view_budget"), {"subsidies"}),  # demo_kjj
    (("subsidies.record_payment", "subsidies.view_budget"), {"subsidies"}),  # demo_kjj_pay
    (("waste.view_community", "waste.change_community", "waste.add_inspection"), {"waste"}),  # demo_fenlei
    (("waste.view_community", "waste.add_inspection", "waste.add_guidancevisit"), {"waste"}),  # demo_xunjian
    (("supervision.manage_supervision", "supervision.view_supervision"), {"supervision"}),  # demo_dcs
    (("awards.run_edition",), {"awards"}),  # demo_awards_kjj
])
def test_each_demo_role_sees_exactly_its_desks(client, perms, expected):
    user = user_with("role", *perms)
    assert set(desks_of(client, user)) == expected


def test_a_department_sees_reports_once_a_case_is_routed_to_it(client, file):  # noqa: F811
    from tests.reports.conftest import step

    world = World()
    assert desks_of(client, world.a_staff) == {}  # demo_zjw before any case reaches 区住房城乡建委
    report = file().report
    step(report, "routed", world.clerk, unit=world.dept_a)
    assert desks_of(client, world.a_staff) == {"reports": {"办理中的举报": 1, "10天内到期": 0, "已逾期": 1}}
    assert desks_of(client, world.b_staff) == {}  # another department sees nothing of it
    # the office sees every case: received 2021-09-01, its 60-day verification deadline long past
    assert desks_of(client, world.clerk)["reports"] == {"办理中的举报": 1, "10天内到期": 0, "已逾期": 1}


def test_reports_counts_a_deadline_within_ten_days(client, file):  # noqa: F811
    from django.utils import timezone

    from zhengwu.reports.models import Report

    world = World()
    report = file().report
    Report.objects.filter(pk=report.pk).update(verification_due=timezone.localdate() + dt.timedelta(days=3))
    assert desks_of(client, world.clerk)["reports"] == {"办理中的举报": 1, "10天内到期": 1, "已逾期": 0}


def test_supervision_units_see_their_own_desk(client):
    from zhengwu.org.models import Organization
    from zhengwu.supervision.models import ReporterLink

    unit = user_with("demo_sfj")
    ReporterLink.objects.create(user=unit, organization=Organization.objects.create(name="重庆市綦江区司法局"))
    assert desks_of(client, unit) == {"supervision": {"本单位待办的督办事项": 0, "本单位已超期": 0}}


def test_awards_experts_and_schools_see_the_awards_desk(client):
    from zhengwu.awards.models import Expert

    expert = user_with("demo_awards_expert", "awards.score_candidate")
    assert desks_of(client, expert) == {}  # the right alone, not yet linked to an expert record
    Expert.objects.create(name="示例专家", affiliation="区科协", user=expert)
    assert desks_of(client, expert) == {"awards": {"待评分的候选人": 0}}
    from zhengwu.awards.models import School, SchoolMember

    school = user_with("demo_awards_school", "awards.recommend_candidate")
    assert desks_of(client, school) == {}
    SchoolMember.objects.create(user=school, school=School.objects.create(name="綦江区康德城第一小学",
                                                                          stages=["primary"]))
    assert desks_of(client, school) == {"awards": {"本校本届申报": 0}}
    bureau = user_with("demo_awards_kjj", "awards.run_edition")
    assert desks_of(client, bureau) == {"awards": {"进行中的评选": 0, "待处理的异议": 0}}


def test_site_staff_see_the_registry_and_editors_the_gazette(client):
    staff = user_with("registrar")
    staff.is_staff = True
    staff.save()
    assert set(desks_of(client, staff)) == {"org"}
    editor = user_with("editor", "gazette.change_issue")
    editor.is_staff = True
    editor.save()
    assert set(desks_of(client, editor)) == {"org", "gazette"}
    from zhengwu.gazette.models import Issue

    before = desks_of(client, editor)["gazette"]["未发布的公报"]
    Issue.objects.create(gazette="綦江区人民政府公报", year=2099, number=1, published=False)
    assert desks_of(client, editor)["gazette"]["未发布的公报"] == before + 1


def test_a_superuser_sees_every_desk(client):
    from django.contrib.auth.models import User

    boss = User.objects.create_superuser("boss", "boss@example.cn", None)
    assert set(desks_of(client, boss)) == ALL


def test_subsidy_counts_follow_the_applications(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    bureau = subsidy_web.Bureau()
    assert desks_of(client, bureau.reviewer)["subsidies"] == {"待受理的申请": 0, "审核中的申请": 0}
    assert desks_of(client, bureau.payer)["subsidies"] == {"已批准待拨付": 0}
    assert desks_of(client, bureau.reader)["subsidies"] == {}  # the budget reader: nothing waits for them
    subsidy_web.step(subsidy_web.start().applications[0], "submitted")
    assert desks_of(client, bureau.reviewer)["subsidies"] == {"待受理的申请": 1, "审核中的申请": 0}


def test_the_footer_links_the_desk_for_signed_in_staff(client):
    assert "/desk/" not in client.get("/").content.decode()
    client.force_login(user_with("clerk"))
    footer = client.get("/").content.decode().split('<footer class="site">')[1]
    assert '<a href="/desk/">工作台</a>' in footer


def test_counts_take_few_queries(client, django_assert_max_num_queries):
    from django.contrib.auth.models import User

    boss = User.objects.create_superuser("boss", "boss@example.cn", None)
    client.force_login(boss)
    client.get(reverse("desk:home"))  # warm the session and permission caches
    # 7 desks at most two queries each (their counts; allowed() reuses the permission cache), plus the
    # session, the user and the second-factor check
    with django_assert_max_num_queries(7 * 2 + 6):
        assert client.get(reverse("desk:home")).status_code == 200
