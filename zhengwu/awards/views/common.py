"""Helpers of the staff pages: the login + role gate, dates from forms, errors shown as one message."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest

from zhengwu.core.dates import parse_date, today
from zhengwu.core.errors import DomainError
from zhengwu.core.private_pages import staff_gate

T = "awards/staff/"

FIELD_LABELS = {"on": "日期", "start": "公示开始日期", "received_on": "收到日期", "signed_on": "成文日期",
                "name": "姓名", "grade": "年级", "class_no": "班级", "project": "项目名称", "school": "学校",
                "contact": "异议受理方式", "meeting": "审定会议", "number": "文号", "reason": "处理意见",
                "text": "异议内容", "tie_order": "并列顺序", "file": "文件", "innovation": "创新性",
                "science": "科学性", "practice": "实用性", "presentation": "表达与展示",
                "edition_number": "届次", "year": "年度", "winner_quota": "区长奖名额", "nominee_quota": "区长提名奖名额",
                "school_quota": "每校推荐名额", "notice_days": "公示天数", "outcome": "处理结果",
                "candidate": "候选人", "expert": "专家", "objection": "异议"}


def staff_page(check: Callable, message: str) -> Callable:
    """Login required, then `check(user)`; a Chinese 403 page otherwise; private headers on every answer."""
    return staff_gate(check, message, T + "forbidden.html")


def form_date(request: HttpRequest, name: str = "on") -> dt.date:
    text = (request.POST.get(name) or "").strip()
    return parse_date(text, field=name) if text else today()


def show_error(request: HttpRequest, error: DomainError) -> None:
    """The refusal as one message naming the field in the form's own words."""
    label = FIELD_LABELS.get(error.field or "", "")
    messages.error(request, f"{label}：{error.message}" if label else error.message)
