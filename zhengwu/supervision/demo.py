"""Demo of the supervision system (演示数据), run by `zhengwu demo` after the seed gazette and the org registry.

- Programmes from the seed: 綦普法办〔2021〕16号 (eight measures and their units; the deadline 2021-07-20
  has long passed, so today the open ones are red — as they would be) and 綦江府办发〔2021〕24号 (its
  targets for 2021–2025), imported with import-document like any document;
- accounts (演示账号): the office (demo_dcs: manage_supervision), a reporting account of 区司法局
  (demo_sfj) and of 区教委 (demo_jw), and the two target parties (demo_nanan 南岸区, demo_qijiang 綦江区).
  A password is made only when the account is created and printed once to standard error;
- samples (示例, is_sample, shown with a 示例 tag wherever they appear): progress entries for 24号's 2021
  targets and assistance-fund projects (one fixed-asset project under 100万 to show the check), and 24号
  published on the public roll-up.
Re-running changes nothing: the import updates in place, accounts are found by name, samples are made
only when there are none.
"""
from __future__ import annotations

import datetime as dt
import secrets
import sys
from decimal import Decimal
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from zhengwu.gazette.models import Document
from zhengwu.org.resolve import lookup_organization

from . import funds, importer, progress
from .models import FundProject, Programme, ProgressEntry, ReporterLink, Target

CAMPAIGN = "綦普法办〔2021〕16号"
PLAN = "綦江府办发〔2021〕24号"
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
OFFICE = ("demo_dcs", "区政府督查室（演示）", ("manage_supervision", "view_supervision"))
UNIT_ACCOUNTS = (("demo_sfj", "区司法局"), ("demo_jw", "区教委"))
PARTY_ACCOUNTS = (("demo_nanan", "南岸区"), ("demo_qijiang", "綦江区"))

# (target code, party, value, day, note): a plausible 2021 for the plan — some met, some behind.
SAMPLE_ENTRIES = (
    ("enterprise_partnership", "南岸区、綦江区", "1", dt.date(2021, 8, 16), "綦江齿轮与石柱企业签订配套协议（示例）"),
    ("projects_landed", "南岸区、綦江区", "1", dt.date(2021, 9, 28), "协作项目在石柱县绿色生态工业园区落地（示例）"),
    ("investment_in_place", "南岸区、綦江区", "32000000", dt.date(2021, 11, 30), "协作引资到位资金（示例）"),
    ("product_sales", "南岸区", "6200000", dt.date(2021, 9, 30), "消费帮扶专区销售（示例）"),
    ("product_sales", "南岸区", "4300000", dt.date(2021, 12, 20), "年货节展销（示例）"),
    ("product_sales", "綦江区", "7800000", dt.date(2021, 12, 15), "机关食堂和商超采购（示例）"),
    ("teacher_exchange", "綦江区", "5", dt.date(2021, 9, 1), "秋季学期互派教师（示例）"),
    ("teacher_exchange", "南岸区", "4", dt.date(2021, 9, 1), "秋季学期互派教师（示例）"),
    ("jobs_offered", "綦江区", "120", dt.date(2021, 7, 10), "专场招聘会提供岗位（示例）"),
    ("job_training", "綦江区", "90", dt.date(2021, 10, 20), "技能培训（示例）"),
)
SAMPLE_PROJECTS = (
    ("南岸区", "石柱县中益乡产业路（示例）", "3000000", True, True),
    ("南岸区", "黄连加工厂冷库（示例）", "800000", True, True),
    ("南岸区", "干部培训（示例）", "1500000", False, False),
    ("綦江区", "莼菜基地灌溉设施（示例）", "2000000", True, True),
    ("綦江区", "文旅推介活动（示例）", "1000000", False, False),
)


def build_demo(*, stream: TextIO | None = None) -> dict[str, str | None]:
    """Programmes, accounts and samples unless present; new passwords printed once to `stream`."""
    passwords: dict[str, str | None] = {}
    with transaction.atomic():
        for number in (CAMPAIGN, PLAN):
            if Document.objects.filter(number=number).exists():
                importer.import_document(number)
        office = _account(OFFICE[0], OFFICE[1], passwords)
        office.user_permissions.add(*Permission.objects.filter(content_type__app_label="supervision",
                                                               codename__in=OFFICE[2]))
        for username, unit_name in UNIT_ACCOUNTS:
            unit = lookup_organization(unit_name)
            if unit is not None:
                user = _account(username, f"{unit_name}填报（演示）", passwords)
                ReporterLink.objects.get_or_create(user=user, organization=unit)
        for username, party in PARTY_ACCOUNTS:
            user = _account(username, f"{party}填报（演示）", passwords)
            ReporterLink.objects.get_or_create(user=user, party=party, organization=None)
        plan = Programme.objects.filter(document__number=PLAN).first()
        if plan is not None and not ProgressEntry.objects.filter(is_sample=True).exists():
            _samples(plan)
    out = stream or sys.stderr
    for username, password in passwords.items():
        if password:
            out.write(f"督查督办演示账号 {username} 的密码（只显示这一次）：{password}\n")
    return passwords


def _account(username: str, name: str, passwords: dict[str, str | None]):
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": name})
    passwords[username] = None
    if created:
        password = "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4))
        user.set_password(password)
        user.save(update_fields=["password"])
        passwords[username] = password
    return user


def _samples(plan: Programme) -> None:
    for code, party, value, day, note in SAMPLE_ENTRIES:
        target = Target.objects.filter(programme=plan, code=code, party=party, year=day.year).first()
        if target is not None:
            progress.record(target, Decimal(value), day, note=note, is_sample=True)
    if not FundProject.objects.filter(programme=plan, is_sample=True).exists():
        for party, name, amount, consolidation, fixed_asset in SAMPLE_PROJECTS:
            funds.add_project(plan, party=party, year=2021, name=name, amount=amount, consolidation=consolidation,
                              fixed_asset=fixed_asset, is_sample=True)
    plan.published = True
    plan.save(update_fields=["published"])
