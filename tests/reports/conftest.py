"""Shared fixtures of the reports tests: a temporary key file and media folder for every test, a cheap
Argon2 hasher (same algorithm, Argon2id), units and staff of each role, and a report factory."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.personas import person
from tests.reports.isolation import isolated_reports

CQ = ZoneInfo("Asia/Shanghai")
RECEIVED = dt.datetime(2021, 9, 1, 10, 0, tzinfo=CQ)  # accepted 2021-09-01; 60 days → Sunday 10-31 → 11-01

NAME = "张三丰"
PHONE = "13812345678"
ID_NUMBER = "11010519491231002X"  # GB 11643-1999's own example: a valid check digit
CREDIT_CODE = "91350100M000100Y43"  # GB 32100-2015's example code: a valid check character
UNIT = "重庆綦江某某建材有限公司"
DESCRIPTION = "该公司粉磨车间除尘设施长期停用，夜间违规使用未经检验的叉车搬运熔融物料，存在重大事故隐患"
PLACE = "綦江区古南街道工业园区8号厂房"
CONTENT = {"occurred_at": "2021年8月下旬夜间", "place": PLACE, "description": DESCRIPTION, "unit_name": UNIT,
           "credit_code": CREDIT_CODE}
IDENTITY = {"name": NAME, "phone": PHONE, "id_number": ID_NUMBER, "address": "綦江区文龙街道九龙大道1号"}
FACTS = {"kind": "violation", "fine": "100000"}  # 15 % → 15,000.00 yuan (第五条（一）)


@pytest.fixture(autouse=True)
def report_keys(tmp_path, settings, monkeypatch):
    """Every test gets its own key file and media folder, never the developer's var/."""
    with isolated_reports(tmp_path, settings, monkeypatch) as key_file:
        yield key_file


def _user(username: str, *, perms=(), units=()):
    """A reports staff member (tests/personas.py) working in `units`."""
    from zhengwu.org.models import StaffUnit

    user = person(username, app="reports", perms=perms)
    for unit in units:
        StaffUnit.objects.create(user=user, organization=unit)
    return user


class World:
    """Units and staff: the office (区应急局), departments A (住建) and B (交通), the approving 市应急局."""

    def __init__(self):
        from zhengwu.org.models import Organization

        self.office = Organization.objects.create(name="重庆市綦江区应急管理局", short_name="区应急局")
        self.dept_a = Organization.objects.create(name="重庆市綦江区住房和城乡建设委员会", short_name="区住房城乡建委")
        self.dept_b = Organization.objects.create(name="重庆市綦江区交通局", short_name="区交通局")
        self.higher = Organization.objects.create(name="重庆市应急管理局", short_name="市应急局")
        self.clerk = _user("office_clerk", perms=["route_report"], units=[self.office])
        self.a_staff = _user("a_staff", units=[self.dept_a])
        self.b_staff = _user("b_staff", units=[self.dept_b])
        self.a_officer = _user("a_officer", perms=["view_reporter_identity"], units=[self.dept_a])
        self.finance = _user("finance", perms=["view_reward"])
        self.nobody = _user("nobody")


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture
def file(db):
    """file(**overrides) → FiledReport with the standard content and identity, received RECEIVED.

    On PostgreSQL the years' reference sequences are dropped first: a sequence is not a table, so a
    transactional test before this one (its tables flushed) would otherwise leave its numbers behind."""
    from django.db import connection

    from zhengwu.reports.intake import file_report

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT relname FROM pg_class WHERE relkind = 'S' AND relname LIKE 'reports_reference_%'")
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP SEQUENCE "{name}"')

    def make(**overrides):
        args = {"channel": "phone_12350", "content": dict(CONTENT), "identity": dict(IDENTITY), "anonymous": False,
                "received_at": RECEIVED}
        args.update(overrides)
        return file_report(**args)

    return make


def step(report, to_state, user, reason="", **data):
    """One transition at the report's current version."""
    from zhengwu.reports.workflow import transition

    return transition(report, to_state, user=user, reason=reason, expected_version=report.version, **data)


def walk_to(report, state, world, *, facts=None):
    """Take `report` along the main path up to `state` (dates in September–October 2021)."""
    path = [
        ("routed", {"unit": world.dept_a}),
        ("verifying", {}),
        ("verified_true", {"verified_on": dt.date(2021, 9, 20)}),
        ("reward_decided", {"facts": facts or dict(FACTS), "decided_on": dt.date(2021, 9, 22)}),
        ("notice_sent", {"sent_on": dt.date(2021, 9, 24)}),
        ("claimed", {"method": "in_person", "claimed_on": dt.date(2021, 10, 8)}),
    ]
    order = ["accepted"] + [target for target, _ in path]
    for target, data in path[order.index(report.state):]:
        if report.state == state:
            break
        report = step(report, target, world.clerk, reason="测试", **data)
    assert report.state == state
    return report
