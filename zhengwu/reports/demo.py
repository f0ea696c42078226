"""Demo of the reports system (演示数据, SPEC S7): staff accounts of each role and sample reports.

`build_demo()` runs as part of `zhengwu demo`, after the seed gazette has filled the org registry (the
accounts' units are looked up there, never made up). It creates

- accounts (演示账号), each tied to its unit (org.StaffUnit): the office (区应急局, reports.route_report),
  an identity officer at the office (also reports.view_reporter_identity), a department (区住房城乡建委,
  no permission: sees the cases routed to it) and finance (区财政局, reports.view_reward). A password is
  made for an account only when the account is created, and printed once, with the sample reports' receipt
  codes, to standard error; it is stored hashed only, so a re-run cannot print it again;
- sample reports (示例举报, `is_sample=True`, every description starting with 【示例】 and every unit name
  marked 示例), filed with intake.file_report and moved on with the workflow's functions only, so each
  step is a real CaseEvent: one report in each state, across 2021–2026 — a joint report, anonymous ones,
  one past its verification deadline (red), one near it (yellow), a reward decided, a notice sent, a
  notice announced then lapsed, an extension. The recent ones are dated back from today so their deadline
  lights hold on the day the demo is built (received no later than 60 days before the holiday calendar's
  last day, so the deadlines stay inside it); steps without a date of their own (routing) are stamped with
  the time the demo ran.

Re-running changes nothing: accounts are found by user name (their rights are completed, their passwords
left alone), and samples are filed only when the database has none. All of it is one transaction.
"""
import datetime as dt
import secrets
import sys
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from zhengwu.core.days import calendar_years
from zhengwu.core.errors import DomainError
from zhengwu.org.models import Organization, StaffUnit
from zhengwu.org.resolve import lookup_organization

from .deadlines import VERIFICATION_DAYS, WARN_DAYS, compute_due
from .intake import file_report
from .models import Report
from .workflow import extend_verification, transition

MARK = "【示例】"
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off a terminal without doubt


@dataclass(frozen=True)
class DemoAccount:
    """A demo staff account (演示账号): user name, what it is for, its unit (org registry name), rights."""

    username: str
    role: str
    unit: str
    perms: tuple[str, ...] = ()


ACCOUNTS = (
    DemoAccount("demo_office", "区应急局受理人员：受理、分办，查看全部举报内容，不能查看举报人身份", "区应急局",
                ("route_report",)),
    DemoAccount("demo_identity", "区应急局身份查看人员：另可查看举报人身份（须说明理由，每次记录，须双因素认证）",
                "区应急局", ("route_report", "view_reporter_identity")),
    DemoAccount("demo_zjw", "区住房城乡建委核查人员：只能查看和办理分办给本单位的举报", "区住房城乡建委"),
    DemoAccount("demo_finance", "区财政局奖金发放人员：可查看奖励决定", "区财政局", ("view_reward",)),
)


@dataclass(frozen=True)
class Step:
    """One step of a sample: a state to move to (or "extend" for extend_verification), by which account."""

    to: str
    by: str
    reason: str = ""
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Sample:
    """A sample report (示例举报): what is filed and the steps it is taken through."""

    label: str  # what the sample shows, printed with its receipt code
    received: dt.date
    channel: str
    content: dict
    identity: dict | None = None
    anonymous: bool = False
    signatories: tuple[dict, ...] = ()
    steps: tuple[Step, ...] = ()


@dataclass
class DemoReports:
    """What build_demo did: passwords of the accounts it created (None: the account existed) and the
    (reference, receipt code, label) of the samples it filed."""

    passwords: dict[str, str | None] = field(default_factory=dict)
    samples: list[tuple[str, str, str]] = field(default_factory=list)


def build_demo(*, stream: TextIO | None = None) -> DemoReports:
    """Create the demo accounts and sample reports unless present; print new passwords and receipt codes to
    `stream` (standard error by default). Raises DomainError when the org registry lacks a unit."""
    with transaction.atomic():
        units = {name: _unit(name) for name in ("区应急局", "区住房城乡建委", "区交通局", "区财政局")}
        result = DemoReports()
        users = {}
        for spec in ACCOUNTS:
            users[spec.username], result.passwords[spec.username] = _account(spec, units[spec.unit])
        if not Report.objects.filter(is_sample=True).exists():
            # Filed in the order received, so each year's references follow the dates.
            for sample in sorted(samples(timezone.localdate(), units), key=lambda s: s.received):
                filed = _file(sample, users)
                result.samples.append((filed[0].reference, filed[1], sample.label))
    _print(result, stream or sys.stderr)
    return result


def _unit(name: str) -> Organization:
    unit = lookup_organization(name)
    if unit is None:
        raise DomainError(f"机构名录中没有“{name}”，无法建立举报演示账号：请先导入种子公报（zhengwu demo 会先导入）。",
                          field="unit", code="unknown_unit")
    return unit


def _account(spec: DemoAccount, unit: Organization):
    """(user, new password or None): created with a random password, or found; rights and unit completed."""
    user, created = get_user_model().objects.get_or_create(username=spec.username,
                                                           defaults={"first_name": f"演示·{spec.unit}"})
    password = None
    if created:
        # Four groups of four: about 78 bits, and passes the project's password rules (12+ characters).
        password = "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4))
        user.set_password(password)
        user.save(update_fields=["password"])
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="reports", codename__in=spec.perms))
    StaffUnit.objects.get_or_create(user=user, organization=unit)
    return get_user_model().objects.get(pk=user.pk), password  # fresh: no stale permission cache


def _file(sample: Sample, users: dict):
    office = users["demo_office"]
    typed_in = sample.channel in ("phone_12350", "phone_61271258", "letter", "fax", "in_person")
    received = timezone.make_aware(dt.datetime.combine(sample.received, dt.time(10, 0)))
    filed = file_report(channel=sample.channel, content=sample.content, identity=sample.identity,
                        anonymous=sample.anonymous, signatories=list(sample.signatories), received_at=received,
                        entered_by=office if typed_in else None, is_sample=True)
    report = filed.report
    for step in sample.steps:
        user = users[step.by]
        if step.to == "extend":
            report = extend_verification(report, user=user, reason=step.reason, expected_version=report.version,
                                         **step.data)
        else:
            report = transition(report, step.to, user=user, reason=step.reason, expected_version=report.version,
                                **step.data)
    return report, filed.receipt_code


def _print(result: DemoReports, stream: TextIO) -> None:
    new = {name: pw for name, pw in result.passwords.items() if pw}
    if new:
        stream.write("举报系统演示账号（密码只显示这一次，请记下；登录后可修改）：\n")
        for spec in ACCOUNTS:
            if spec.username in new:
                stream.write(f"  {spec.username:<14} {new[spec.username]}  {spec.role}\n")
    if result.samples:
        stream.write(f"示例举报 {len(result.samples)} 件（回执码只显示这一次，凭它在举报查询页面查询、领奖）：\n")
        for _reference, code, label in result.samples:
            stream.write(f"  {code}  {label}\n")
    stream.flush()


# ---- the samples ---------------------------------------------------------------------------------------

def _content(when: str, place: str, what: str, unit: str) -> dict:
    return {"occurred_at": when, "place": f"{place}（示例地址）", "description": MARK + what,
            "unit_name": f"{unit}（示例，虚构）"}


def _yellow_start(today: dt.date) -> dt.date:
    """An acceptance day whose 60-day verification deadline lies 1 to WARN_DAYS−1 days ahead (yellow),
    whatever holidays move it."""
    for back in range(VERIFICATION_DAYS - WARN_DAYS + 2, VERIFICATION_DAYS + 10):
        start = today - dt.timedelta(days=back)
        due, _ = compute_due("verification_due", start, VERIFICATION_DAYS)
        if 1 <= (due - today).days < WARN_DAYS:
            return start
    return today - dt.timedelta(days=VERIFICATION_DAYS - WARN_DAYS // 2)


def samples(today: dt.date, units: dict[str, Organization]) -> list[Sample]:
    """The sample reports: closed cases of 2021–2024, then open ones dated back from `today` — but received
    no later than 60 days before the holiday calendar ends, so their verification deadlines are counted
    with it rather than by the fallback (deadlines.compute_due)."""
    latest = dt.date(calendar_years()[1], 12, 31) - dt.timedelta(days=VERIFICATION_DAYS)

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    def received(days: int) -> dt.date:
        return min(ago(days), latest)

    office, zjw, traffic = units["区应急局"], units["区住房城乡建委"], units["区交通局"]
    return [
        Sample("已领奖：区应急局自行核查，违法行为罚款15%，银行转账", dt.date(2021, 7, 12), "phone_12350",
               _content("2021年7月上旬", "綦江区古南街道", "该公司粉磨车间除尘设施长期停用，车间粉尘堆积，存在粉尘爆炸隐患。",
                        "某建材有限公司"),
               {"name": "王示例", "phone": "13800000001"},
               steps=(Step("routed", "demo_office", data={"unit": office}), Step("verifying", "demo_office"),
                      Step("verified_true", "demo_office", data={"verified_on": dt.date(2021, 8, 30)}),
                      Step("reward_decided", "demo_office", data={"facts": {"kind": "violation", "fine": "200000"},
                                                                 "decided_on": dt.date(2021, 9, 3)}),
                      Step("notice_sent", "demo_office", data={"sent_on": dt.date(2021, 9, 8)}),
                      Step("claimed", "demo_office", data={"method": "bank_transfer", "claimed_on": dt.date(2021, 9, 28),
                                                           "bank_account": "6222020200112345678"}))),
        Sample("逾期未领：无法通知举报人，已公告；瞒报事故", dt.date(2022, 4, 18), "letter",
               _content("2022年3月", "綦江区三江街道", "该公司2022年3月发生一起车辆伤害事故，造成1人死亡，公司未按规定上报。",
                        "某运输有限公司"),
               {"name": "李示例", "address": "綦江区三江街道（示例地址）"},
               steps=(Step("routed", "demo_office", data={"unit": traffic}), Step("verifying", "demo_office"),
                      Step("verified_true", "demo_office", data={"verified_on": dt.date(2022, 6, 10)}),
                      Step("reward_decided", "demo_office",
                           data={"facts": {"kind": "concealed_accident", "grade": "一般", "concealed_deaths": 1},
                                 "decided_on": dt.date(2022, 6, 14)}),
                      Step("notice_sent", "demo_office", reason=MARK + "举报人留下的地址信函被退回，无法通知",
                           data={"sent_on": dt.date(2022, 6, 20), "method": "announcement"}),
                      Step("lapsed", "demo_office", data={"on": dt.date(2022, 8, 26)}))),
        Sample("查证不实：匿名举报，区住房城乡建委核查", dt.date(2023, 5, 9), "web",
               _content("2023年4月起", "綦江区文龙街道", "该工地塔吊司机无证上岗，夜间违规施工。", "某建设工程有限公司"),
               anonymous=True,
               steps=(Step("routed", "demo_office", data={"unit": zjw}), Step("verifying", "demo_zjw"),
                      Step("verified_false", "demo_zjw", reason=MARK + "现场核查，塔吊司机均持证上岗，未发现夜间施工",
                           data={"verified_on": dt.date(2023, 6, 28)}))),
        Sample("无法查清：核查期限经批准延长30日，已报区政府", dt.date(2024, 8, 5), "letter",
               _content("2024年7月", "綦江区通惠街道", "该经营点在居民楼底层超量储存烟花爆竹。", "某烟花爆竹经营部"),
               {"name": "赵示例", "address": "綦江区通惠街道（示例地址）"},
               steps=(Step("routed", "demo_office", data={"unit": office}), Step("verifying", "demo_office"),
                      Step("extend", "demo_office", reason=MARK + "经营点已停业，需会同街道调查其储存地点",
                           data={"days": 30, "approved_by": "市应急局", "approver": "示例审批人",
                                 "on": dt.date(2024, 9, 27)}),
                      Step("unverifiable", "demo_office", reason=MARK + "经营点已关闭，储存地点无法查清",
                           data={"referred_on": dt.date(2024, 11, 4)}))),
        Sample("已发领奖通知：联名举报（第二署名人持书面委托）", received(70), "in_person",
               _content("近两个月", "綦江区古南街道", "该搅拌站违规使用未经检验的压力容器。", "某混凝土有限公司"),
               signatories=({"name": "孙示例", "phone": "13800000002"},
                            {"name": "钱示例", "phone": "13800000003", "authorised": True},
                            {"name": "郑示例", "address": "綦江区古南街道（示例地址）"}),
               steps=(Step("routed", "demo_office", data={"unit": zjw}), Step("verifying", "demo_zjw"),
                      Step("verified_true", "demo_zjw", data={"verified_on": ago(35)}),
                      Step("reward_decided", "demo_zjw", data={"facts": {"kind": "violation", "fine": "120000"},
                                                              "decided_on": ago(33)}),
                      Step("notice_sent", "demo_zjw", data={"sent_on": ago(30)}))),
        Sample("已公告领奖：匿名举报未留联系方式，无法通知", received(75), "web",
               _content("近三个月", "綦江区工业园区", "该企业有限空间作业未执行审批制度，未配备检测仪器。", "某机械制造有限公司"),
               anonymous=True,
               steps=(Step("routed", "demo_office", data={"unit": office}), Step("verifying", "demo_office"),
                      Step("verified_true", "demo_office", data={"verified_on": ago(40)}),
                      Step("reward_decided", "demo_office", data={"facts": {"kind": "violation", "fine": "30000"},
                                                                 "decided_on": ago(38)}),
                      Step("notice_sent", "demo_office", reason=MARK + "匿名举报人未留联系方式，无法通知",
                           data={"sent_on": ago(36), "method": "announcement"}))),
        Sample("核查逾期（红）：已分办区交通局，核查期限已过", received(80), "phone_61271258",
               _content("近三个月", "綦江区新盛街道", "该客运站车辆带病运营，制动系统未按期检测。", "某客运有限公司"),
               {"name": "吴示例", "phone": "13800000004"},
               steps=(Step("routed", "demo_office", data={"unit": traffic}), Step("verifying", "demo_office"))),
        Sample("已决定奖励：等待发出领奖通知", received(60), "web",
               _content("近两个月", "綦江区工业园区", "该企业危险化学品仓库超量储存，未设置可燃气体报警装置。", "某化工有限公司"),
               {"name": "冯示例", "phone": "13800000005", "email": "feng@example.com"},
               steps=(Step("routed", "demo_office", data={"unit": office}), Step("verifying", "demo_office"),
                      Step("verified_true", "demo_office", data={"verified_on": ago(14)}),
                      Step("reward_decided", "demo_office", data={"facts": {"kind": "violation", "fine": "50000"},
                                                                 "decided_on": ago(10)}))),
        Sample("核查临近期限（黄）：匿名举报，留有电话", _yellow_start(today), "web",
               _content("近两个月", "綦江区文龙街道", "该在建项目深基坑未按方案支护，边坡出现裂缝。", "某建筑劳务有限公司"),
               {"phone": "13800000006"}, anonymous=True,
               steps=(Step("routed", "demo_office", data={"unit": zjw}), Step("verifying", "demo_zjw"))),
        Sample("查证属实：等待决定奖励", received(45), "fax",
               _content("近一个月", "綦江区三江街道", "该小区地下车库电动自行车违规充电，未配置消防设施。", "某物业服务有限公司"),
               {"name": "韩示例", "phone": "13800000007"},
               steps=(Step("routed", "demo_office", data={"unit": zjw}), Step("verifying", "demo_zjw"),
                      Step("verified_true", "demo_zjw", data={"verified_on": ago(6)}))),
        Sample("已分办：区住房城乡建委尚未开始核查", received(3), "phone_12350",
               _content("近一周", "綦江区古南街道", "该小区外墙改造脚手架未设置连墙件，存在坍塌隐患。", "某装饰工程有限公司"),
               {"name": "周示例", "phone": "13800000008"},
               steps=(Step("routed", "demo_office", data={"unit": zjw}),)),
        Sample("已受理：等待区应急局分办", received(1), "web",
               _content("近日", "綦江区通惠街道", "该商场消防通道被货物堵塞，安全出口上锁。", "某商贸有限公司"),
               {"name": "陈示例", "phone": "13800000009"}),
    ]
