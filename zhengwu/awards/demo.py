"""Demo of the awards system (演示数据), run by `zhengwu demo` after the seed gazette and the org registry.

`build_demo()`:
- reads 第九届 from the seed's 綦江府发〔2021〕10号 (both name lists, the flagged “五年 3 班”) — real data;
- sets up 第十届 as a live sample edition (示例: Edition/Candidate/Expert.is_sample, shown as 示例 on every page):
  sample students of the 9th edition's schools applied, two recommended, waiting in 学校推荐;
- makes three accounts: the bureau (demo_awards_kjj), a school (demo_awards_school, 綦江区康德城第一小学) and
  an expert (demo_awards_expert, at 綦江区中山路小学 so the conflict rule shows). A password is made only when
  the account is created and printed once to standard error.

Re-running changes nothing: the 9th edition is brought up to date from the same document, accounts are found
by user name, and the sample edition is made only when there is none.
"""
from __future__ import annotations

import datetime as dt
import secrets
import sys
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from zhengwu.gazette.models import Document

from . import applications
from .editions import advance, create_edition
from .models import Edition, Expert, SchoolMember
from .seed import import_document
from .vocab import State

SEED_DECISION = "綦江府发〔2021〕10号"
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
D = dt.date

SAMPLE_STUDENTS = (  # (school, name, grade, class, project, recommended)
    ("綦江区康德城第一小学", "刘思远", "六年级", 1, "校园雨水回收自动浇灌装置", True),
    ("綦江区康德城第一小学", "陈可欣", "五年级", 2, "綦河水质的简易检测", False),
    ("綦江区中山路小学", "黄子轩", "六年级", 3, "会提醒的智能书包", False),
    ("綦江区万兴中学", "邓雨桐", "八年级", 2, "农村厕所改造的沼气利用调查", False),
    ("綦江区实验中学", "马骁", "高一年级", 5, "基于单片机的教室空气质量监测", False),
)
SAMPLE_EXPERTS = (("示例专家（区科协）", "区科协", None), ("示例专家（重庆交通大学）", "重庆交通大学", None),
                  ("示例专家（中山路小学）", "綦江区中山路小学", "綦江区中山路小学"))


def build_demo(*, stream: TextIO | None = None) -> None:
    """The 9th edition from the seed, the sample 10th edition and the demo accounts; safe to run again."""
    passwords: dict[str, str] = {}
    with transaction.atomic():
        if Document.objects.filter(number=SEED_DECISION).exists():
            import_document(SEED_DECISION)
        if not Edition.objects.filter(is_sample=True).exists() and not Edition.objects.filter(number=10).exists():
            _sample_edition()
        bureau, pw = _account("demo_awards_kjj", "演示·区科技局", "run_edition")
        passwords.update({"demo_awards_kjj": pw} if pw else {})
        school_user, pw = _account("demo_awards_school", "演示·康德城第一小学", "recommend_candidate")
        passwords.update({"demo_awards_school": pw} if pw else {})
        SchoolMember.objects.get_or_create(user=school_user,
                                           defaults={"school": applications.school_named("綦江区康德城第一小学")})
        expert_user, pw = _account("demo_awards_expert", "演示·评审专家", "score_candidate")
        passwords.update({"demo_awards_expert": pw} if pw else {})
        expert = Expert.objects.filter(is_sample=True, school__name="綦江区中山路小学").first()
        if expert is not None and expert.user_id is None and not Expert.objects.filter(user=expert_user).exists():
            expert.user = expert_user
            expert.save(update_fields=["user"])
    out = stream or sys.stderr
    for name, password in passwords.items():
        out.write(f"区长奖演示账号 {name} 的密码（只显示这一次）：{password}\n")


def _account(username: str, label: str, perm: str):
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": label})
    password = None
    if created:
        password = "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4))
        user.set_password(password)
        user.save(update_fields=["password"])
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="awards", codename=perm))
    return user, password


def _sample_edition() -> Edition:
    edition = create_edition(10, 2022, on=D(2022, 3, 1), is_sample=True)
    for name, affiliation, school in SAMPLE_EXPERTS:
        Expert.objects.create(name=name, affiliation=affiliation, is_sample=True,
                              school=applications.school_named(school) if school else None)
    advance(edition, State.APPLYING, D(2022, 3, 1))
    made = [(applications.apply(edition, applications.school_named(school), name=name, grade=grade, class_no=cls,
                                project=project, description="【示例】演示用的申报", on=D(2022, 3, 10),
                                is_sample=True), recommended)
            for school, name, grade, cls, project, recommended in SAMPLE_STUDENTS]
    advance(edition, State.RECOMMENDING, D(2022, 3, 25))
    for candidate, recommended in made:
        if recommended:
            applications.recommend(candidate, school=candidate.school, on=D(2022, 3, 28))
    return edition
