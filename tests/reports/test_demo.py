"""The reports demo: `zhengwu demo` builds accounts and sample reports from the seed's registry, prints the
passwords once, and a second run duplicates nothing; the samples are marked 示例, cover every state and the
deadline lights, and every notice that fits them can be produced."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.utils import timezone

from zhengwu.core.days import calendar_years
from zhengwu.reports import access, crypto
from zhengwu.reports.deadlines import deadline_status
from zhengwu.reports.demo import ACCOUNTS, MARK, build_demo
from zhengwu.reports.documents import kinds_for, notice_docx
from zhengwu.reports.models import AccessLog, CaseEvent, CaseMessage, Report
from zhengwu.reports.vocab import State

UNITS = {"区应急局": "重庆市綦江区应急管理局", "区住房城乡建委": "区住房城乡建委", "区交通局": "区交通局",
         "区财政局": "重庆市綦江区财政局"}


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The demo's passwords are real ones; a cheap hasher keeps the suite quick (the product keeps PBKDF2).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def registry(db):
    """The four units the demo needs, named as the seed's registry names them."""
    from zhengwu.org.models import Organization

    for short, name in UNITS.items():
        Organization.objects.create(name=name, short_name=short if short != name else "")


@pytest.fixture
def built(registry):
    out = io.StringIO()
    return build_demo(stream=out), out.getvalue()


def counts() -> dict[str, int]:
    return {"users": get_user_model().objects.count(), "reports": Report.objects.count(),
            "events": CaseEvent.objects.count(), "messages": CaseMessage.objects.count(),
            "logs": AccessLog.objects.count()}


def user(name: str):
    return get_user_model().objects.get(username=name)


def test_zhengwu_demo_builds_the_reports_demo_once(db, capsys):
    """The whole demo (gazette, registry, reports), run twice as `zhengwu demo` runs it."""
    out = io.StringIO()
    call_command("demo", "--no-migrate", stderr=out)
    first = capsys.readouterr().err
    assert "演示数据已就绪" in out.getvalue()
    assert "举报系统演示账号" in first
    samples = Report.objects.filter(is_sample=True)
    assert samples.count() == Report.objects.count() == 12
    for report in samples:
        content = crypto.unseal(report.content_sealed)
        assert content["description"].startswith(MARK) and "示例" in content["unit_name"]
    # the units come from the seed's registry
    office = user("demo_office")
    assert [s.organization.name for s in office.org_units.all()] == ["重庆市綦江区应急管理局"]
    assert [s.organization.name for s in user("demo_zjw").org_units.all()] == ["区住房城乡建委"]
    before = counts()

    call_command("demo", "--no-migrate", stderr=io.StringIO())
    again = capsys.readouterr().err
    assert counts() == before  # nothing duplicated
    assert "演示账号" not in again and "示例举报" not in again  # passwords and codes printed only once


def test_accounts_rights_units_and_passwords_printed_once(built):
    result, printed = built
    for spec in ACCOUNTS:
        account = user(spec.username)
        password = result.passwords[spec.username]
        assert f"{spec.username}" in printed and password in printed
        assert account.check_password(password)
        validate_password(password, account)  # the project's password rules
        assert {s.organization.label for s in account.org_units.all()} == {spec.unit}
        assert {p.codename for p in account.user_permissions.all()} == set(spec.perms)
    assert access.is_office(user("demo_office")) and not user("demo_office").has_perm(access.IDENTITY_PERM)
    assert user("demo_identity").has_perm(access.IDENTITY_PERM)
    assert not access.is_office(user("demo_zjw"))
    assert user("demo_finance").has_perm(access.REWARD_PERM)
    # stored hashed only
    assert all(result.passwords[s.username] not in user(s.username).password for s in ACCOUNTS)


def test_a_second_run_changes_nothing_and_prints_nothing(built):
    before = counts()
    out = io.StringIO()
    result = build_demo(stream=out)
    assert counts() == before
    assert out.getvalue() == ""
    assert result.samples == [] and set(result.passwords.values()) == {None}


def test_a_second_run_restores_missing_rights_but_not_passwords(built):
    result, _ = built
    office = user("demo_office")
    office.user_permissions.clear()
    build_demo(stream=io.StringIO())
    office = user("demo_office")
    assert access.is_office(office) and office.check_password(result.passwords["demo_office"])


def test_samples_cover_every_state_and_are_marked(built):
    result, printed = built
    reports = list(Report.objects.order_by("pk"))
    assert len(reports) == len(result.samples) == 12
    assert all(r.is_sample for r in reports)
    assert {r.state for r in reports} == set(State.values)
    for report in reports:
        content = crypto.unseal(report.content_sealed)
        assert content["description"].startswith("【示例】")
        assert "示例" in content["unit_name"] and "示例" in content["place"]
        identity = crypto.unseal(report.identity_sealed) if report.identity_sealed else {}
        assert "示例" in identity.get("name", "示例")
    years = {r.year for r in reports}
    assert {2021, 2022, 2023, 2024} <= years and max(years) == timezone.localdate().year
    # references follow the dates within each year
    for year in years:
        same = [r for r in reports if r.year == year]
        assert [r.received_at for r in same] == sorted(r.received_at for r in same)
    # each receipt code is printed and opens its own report
    from zhengwu.reports.receipts import check_receipt

    for reference, code, label in result.samples:
        assert code in printed and label in printed
        assert check_receipt(code).reference == reference


def test_samples_show_the_cases_the_demo_promises(built):
    today = timezone.localdate()
    reports = list(Report.objects.all())
    lights = [deadline_status(r, today) for r in reports]
    assert "red" in lights and "yellow" in lights and "green" in lights
    red = [r for r in reports if deadline_status(r, today) == "red" and r.state == State.VERIFYING]
    yellow = [r for r in reports if deadline_status(r, today) == "yellow" and r.state == State.VERIFYING]
    assert red and yellow
    joint = [r for r in reports if r.joint]
    assert len(joint) == 1 and joint[0].signatories.count() == 3 and joint[0].signatories.filter(authorised=True)
    assert joint[0].state == State.NOTICE_SENT
    anonymous = [r for r in reports if r.anonymous]
    assert len(anonymous) >= 2 and all(r.identity_sealed is None or "name" not in crypto.unseal(r.identity_sealed)
                                       for r in anonymous)
    decided = Report.objects.get(state=State.REWARD_DECIDED)
    assert crypto.unseal(decided.reward_sealed)["amount"] == "7500.00"
    assert Report.objects.filter(extended_due__isnull=False, state=State.UNVERIFIABLE).exists()
    announced = CaseEvent.objects.filter(to_state=State.NOTICE_SENT, details__method="announcement")
    assert {e.report.state for e in announced} == {State.NOTICE_SENT, State.LAPSED}
    # every step went through the workflow: each state change is an event, versions line up
    for report in reports:
        events = list(report.events.order_by("pk"))
        assert events[0].action == CaseEvent.Action.FILED and events[-1].version == report.version
        assert [e.to_state for e in events if e.from_state != e.to_state][-1] == report.state


def test_open_samples_deadlines_stay_in_the_calendar(built):
    last = calendar_years()[1]
    for report in Report.objects.exclude(state=State.VERIFYING):  # the yellow one is dated by its light
        assert report.verification_due.year <= last


def test_the_department_sees_its_units_cases_only(built):
    zjw = user("demo_zjw")
    visible = access.visible_reports(zjw)
    assert visible.exists()
    assert {r.handling_unit.label for r in visible} == {"区住房城乡建委"}
    assert access.visible_reports(user("demo_office")).count() == 12


def test_every_notice_that_fits_a_sample_can_be_produced(built):
    officer = user("demo_identity")
    produced = set()
    for report in Report.objects.all():
        for kind in kinds_for(report):
            name, data = notice_docx(report, kind, user=officer)
            assert name.startswith(report.reference) and data[:2] == b"PK"
            produced.add(kind)
    assert produced == {"receipt", "extension", "reward_notice", "lapse", "announcement"}
    assert AccessLog.objects.filter(user=officer, reason="生成领奖通知书").exists()


def test_without_the_registry_the_demo_says_what_is_missing(db):
    from zhengwu.core.errors import DomainError

    with pytest.raises(DomainError, match="机构名录中没有“区应急局”"):
        build_demo(stream=io.StringIO())
    assert not get_user_model().objects.exists() and not Report.objects.exists()
