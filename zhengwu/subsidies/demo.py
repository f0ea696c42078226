"""Demo of the subsidy system (演示数据, SPEC S6): bureau accounts, sample firms and applications, a sample
firm register.

`build_demo()` runs as part of `zhengwu demo`, after the seed gazette has filled the org registry (the
accounts' unit, 区科技局, is looked up there). It creates

- accounts (演示账号) at 区科技局: a reviewer (审核: review_application, view_budget) and a payer (拨付:
  record_payment, view_budget). A password is made only when the account is created and printed once to
  standard error; approving and paying also need the second factor, set up on first use (/desk/2fa/);
- sample firms (示例: every name ends in （示例）, Firm.is_sample) and their applications, made with the
  same functions as real ones so each step is a real ApplicationEvent: a draft, one submitted, one under
  review, one approved with a lowered amount, one rejected, one paid, a case-by-case one pending, and a
  duplicate refused. The firms' magic links are printed once;
- a sample register (示例企业名录) of a few firms, imported and matched as the bureau would.

Re-running changes nothing: accounts are found by user name, and samples are made only when there are none.
"""
from __future__ import annotations

import datetime as dt
import secrets
import sys
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from zhengwu.core.errors import DomainError
from zhengwu.core.identifiers import complete_credit_code
from zhengwu.org.models import StaffUnit
from zhengwu.org.resolve import lookup_organization

from . import applications, matching, workflow
from .models import Application, RegisterUpload
from .vocab import State

MARK = "（示例）"
UNIT = "区科技局"
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off a terminal without doubt


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    perms: tuple[str, ...]


ACCOUNTS = (
    DemoAccount("demo_kjj", "区科技局审核人员：受理、审核、批准或不予批准，免申即享匹配，预算预测",
                ("review_application", "view_budget")),
    DemoAccount("demo_kjj_pay", "区科技局资金拨付人员：登记拨付，查看预算", ("record_payment", "view_budget")),
)


@dataclass
class DemoSubsidies:
    """What build_demo did: new passwords, sample applications and the firms' links (shown once)."""

    passwords: dict[str, str | None] = field(default_factory=dict)
    samples: list[tuple[str, str]] = field(default_factory=list)  # (reference, what it shows)
    links: list[tuple[str, str]] = field(default_factory=list)  # (firm, /subsidy/k/<key>/)
    register: RegisterUpload | None = None
    notes: list[str] = field(default_factory=list)


def credit_code(serial: int) -> str:
    """A sample unified social credit code (registered in 綦江区, 500222) with a valid check character."""
    return complete_credit_code(f"91500222MA{serial:07d}")


def build_demo(*, stream: TextIO | None = None) -> DemoSubsidies:
    """Accounts, samples and the sample register unless present; passwords and links printed to `stream`."""
    result = DemoSubsidies()
    with transaction.atomic():
        unit = lookup_organization(UNIT)
        if unit is None:
            raise DomainError(f"机构名录中没有“{UNIT}”，无法建立科技政策兑现演示账号：请先导入种子公报。", field="unit",
                              code="unknown_unit")
        users = {}
        for spec in ACCOUNTS:
            users[spec.username], result.passwords[spec.username] = _account(spec, unit)
        if not Application.objects.filter(is_sample=True).exists():
            _samples(result, users["demo_kjj"], users["demo_kjj_pay"])
        if not RegisterUpload.objects.filter(is_sample=True).exists():
            try:
                result.register = matching.import_register(filename="示例企业名录.csv", data=sample_register(),
                                                           on=dt.date(2022, 6, 30), user=users["demo_kjj"],
                                                           is_sample=True)
            except DomainError as exc:
                if exc.code != "unavailable":
                    raise
                result.notes.append(f"未导入示例企业名录：{exc.message}")
    _print(result, stream or sys.stderr)
    return result


def _account(spec: DemoAccount, unit):
    user, created = get_user_model().objects.get_or_create(username=spec.username,
                                                           defaults={"first_name": "演示·区科技局"})
    password = None
    if created:
        password = "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4))
        user.set_password(password)
        user.save(update_fields=["password"])
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="subsidies", codename__in=spec.perms))
    StaffUnit.objects.get_or_create(user=user, organization=unit)
    return get_user_model().objects.get(pk=user.pk), password


RD = {"item": "六", "rule": "rd_input", "scale": "above", "rd_spend": "12000000", "revenue": "150000000",
      "has_rd_institution": True, "gets_rd_reserve": False}


def _firm(result: DemoSubsidies, serial: int, name: str, claims: list[dict], on: dt.date):
    started = applications.start(name=name + MARK, credit_code=credit_code(serial), kind="firm",
                                 contact_name="示例联系人", contact_phone="02300000000", on=on, claims=claims,
                                 is_sample=True)
    result.links.append((name + MARK, f"/subsidy/k/{started.secret}/"))
    return started.applications


def _move(app: Application, to: str, user=None, reason: str = "", **data) -> Application:
    return workflow.transition(app, to, user=user, reason=reason, expected_version=app.version, **data)


def _samples(result: DemoSubsidies, reviewer, payer) -> None:
    lab = {"item": "一", "rule": "recognition", "recognition": "municipal_enterprise_tech_centre", "first": True}
    (paid, patents) = _firm(result, 1, "重庆綦江齿轮传动有限公司", [lab, {
        "item": "十三", "rule": "invention_patents", "patents": [
            {"invention": "一种变速器齿轮（示例）", "granted_in": "CN"},
            {"invention": "一种变速器齿轮（示例）", "granted_in": "US"}]}], dt.date(2021, 9, 1))
    paid = _move(paid, State.SUBMITTED)
    paid = _move(paid, State.UNDER_REVIEW, reviewer)
    paid = _move(paid, State.APPROVED, reviewer, decided_on=dt.date(2021, 10, 12))
    _move(paid, State.PAID, payer, paid_on=dt.date(2021, 11, 3), payment_reference="示例-KJ-2021-001")
    result.samples.append((paid.reference, "已拨付：市级企业技术中心首次认定 4万元"))
    result.samples.append((patents.reference, "草稿：发明专利美国、中国授权，同一发明只资助一次"))

    (lowered,) = _firm(result, 2, "重庆綦江新材料科技有限公司", [RD], dt.date(2021, 12, 1))
    lowered = _move(lowered, State.SUBMITTED)
    lowered = _move(lowered, State.UNDER_REVIEW, reviewer)
    lowered = _move(lowered, State.APPROVED, reviewer, amount="100000", decided_on=dt.date(2022, 1, 20),
                    reason="【示例】按审计报告，加计扣除核定的研发投入为1000万元")
    result.samples.append((lowered.reference, "已批准：审核人员核减金额并说明理由"))

    (rejected,) = _firm(result, 3, "重庆綦江智能装备有限公司", [{**RD, "gets_rd_reserve": False}], dt.date(2022, 5, 10))
    rejected = _move(rejected, State.SUBMITTED)
    rejected = _move(rejected, State.UNDER_REVIEW, reviewer)
    _move(rejected, State.REJECTED, reviewer, reason="【示例】已享受研发准备金政策（证明材料显示），不符合（六）的条件",
          decided_on=dt.date(2022, 6, 2))
    result.samples.append((rejected.reference, "不予批准：理由告知企业"))

    (reviewing,) = _firm(result, 4, "重庆綦江孵化器管理有限公司", [
        {"item": "十九", "rule": "recognition", "recognition": "municipal_incubator", "first": True}], dt.date(2022, 8, 8))
    reviewing = _move(_move(reviewing, State.SUBMITTED), State.UNDER_REVIEW, reviewer)
    result.samples.append((reviewing.reference, "审核中：市级科技企业孵化器 20万元"))

    (waiting,) = _firm(result, 5, "重庆綦江科创板拟上市股份有限公司", [{"item": "十一", "rule": "star_listing"}],
                       dt.date(2022, 9, 15))
    waiting = _move(waiting, State.SUBMITTED)
    result.samples.append((waiting.reference, "已提交：科创板上市奖补，一事一议（上限2000万元）"))

    try:  # the same recognition again the next year: refused, naming the paid application
        _firm(result, 1, "重庆綦江齿轮传动有限公司", [lab], dt.date(2022, 9, 1))
    except DomainError as exc:
        result.samples.append(("—", f"重复申报被拒绝：{exc.message}"))


REGISTER_HEADER = ("名称,统一社会信用代码,类型,规模,营业收入,研发投入,区级以上研发机构,享受研发准备金,首次认定,"
                   "国内发明专利,欧美日发明专利,其他境外发明专利,技术合同登记额,高新技术产品销售收入,高新技术产品数,引进成长高企数")


def sample_register() -> bytes:
    """A small firm register (示例企业名录) as the bureau might keep it, UTF-8 CSV with a BOM."""
    rows = [
        ("重庆綦江齿轮传动有限公司（示例）", credit_code(1), "企业", "规上", "200000000", "9000000", "是", "否", "", "2", "1", "0",
         "0", "0", "1", "0"),
        ("重庆綦江新材料科技有限公司（示例）", credit_code(2), "企业", "规上", "150000000", "12000000", "是", "否", "", "0", "0",
         "0", "30000000", "36000000", "2", "0"),
        ("重庆綦江铝业科技有限公司（示例）", credit_code(11), "企业", "规下", "8000000", "400000", "是", "否",
         "市级企业技术中心", "1", "0", "0", "0", "0", "0", "0"),
        ("重庆綦江孵化器管理有限公司（示例）", credit_code(4), "企业", "规下", "3000000", "0", "否", "否", "市级科技企业孵化器",
         "0", "0", "0", "0", "0", "0", "2"),
        ("綦江区示例农业科学研究所（示例）", credit_code(12), "其他", "", "0", "0", "否", "否", "市级星创天地", "3", "1", "0",
         "0", "0", "0", "0"),
        ("重庆綦江页岩气装备有限公司（示例）", credit_code(13), "企业", "规上", "600000000", "40000000", "是", "否",
         "国家企业技术中心", "5", "2", "1", "120000000", "60000000", "0", "0"),
        ("重庆綦江食品有限公司（示例）", credit_code(14), "企业", "规上", "90000000", "1000000", "否", "否", "", "0", "0", "0",
         "0", "0", "0", "0"),
    ]
    lines = [REGISTER_HEADER] + [",".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def _print(result: DemoSubsidies, stream: TextIO) -> None:
    new = {name: pw for name, pw in result.passwords.items() if pw}
    if new:
        stream.write("科技政策兑现演示账号（密码只显示这一次；批准和拨付前须设置身份验证器）：\n")
        for spec in ACCOUNTS:
            if spec.username in new:
                stream.write(f"  {spec.username:<14} {new[spec.username]}  {spec.role}\n")
    if result.samples:
        stream.write(f"示例兑现申请 {len(result.samples)} 项：\n")
        for reference, label in result.samples:
            stream.write(f"  {reference}  {label}\n")
    if result.links:
        stream.write("示例企业的申报链接（只显示这一次，在 http://127.0.0.1:8000 后加上）：\n")
        for name, link in result.links:
            stream.write(f"  {link}  {name}\n")
    if result.register is not None:
        stream.write(f"示例企业名录：{result.register.firms} 家，匹配金额合计 {result.register.total} 元（/subsidies/register/）。\n")
    for note in result.notes:
        stream.write(note + "\n")
    stream.flush()
