"""Forms of the staff pages (举报办理): they only read what was typed; the rules live in workflow, intake
and rules, whose DomainErrors the views put next to the field they name.

Every form that changes a case carries `expected_version`, the version the clerk saw (compare-and-swap in
workflow), so a stale page is refused instead of overwriting another clerk's step.
"""
from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhengwu.org.models import Organization

from .rules import default_rules
from .rules.facts import EXCLUSIONS, KINDS
from .rules.grades import AccidentGrade
from .vocab import Channel, State
from .workflow import CLAIM_METHODS, MAX_CLAIM_EXTENSION_DAYS, NOTICE_METHODS

# Channels a clerk types in; web reports come through the public form, platform reports through the API.
STAFF_CHANNELS = [(c.value, c.label) for c in Channel if c not in (Channel.WEB, Channel.API)]
COLOURS = {"red": "已逾期", "yellow": "临近期限", "green": "期限内"}


def units_today() -> QuerySet[Organization]:
    """Org units that exist today (a dissolved unit cannot handle a case), by name."""
    today = timezone.localdate()
    return (Organization.objects
            .filter(Q(founding_date__isnull=True) | Q(founding_date__lte=today))
            .filter(Q(dissolution_date__isnull=True) | Q(dissolution_date__gt=today))
            .order_by("name"))


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.name if not obj.short_name or obj.short_name == obj.name else f"{obj.name}（{obj.short_name}）"


def _date_field(label: str, *, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}),
                           error_messages={"invalid": "日期应写作 YYYY-MM-DD。"})


def _reason_field(label: str = "理由", *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "请说明理由。"})


class VersionedForm(forms.Form):
    """A step on a case, taken from the version the clerk saw."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1,
                                          error_messages={"required": "页面缺少版本号，请刷新后重试。"})


class RouteForm(VersionedForm):
    """分办: the office itself, or the department with authority (第四条)."""

    unit = UnitChoiceField(label="承办单位", queryset=Organization.objects.none(), empty_label="请选择承办单位",
                           error_messages={"required": "请选择承办单位。", "invalid_choice": "请从列表中选择承办单位。"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_today()


class TransferForm(RouteForm):
    """转办: to another unit, with the reason (the first unit has no authority)."""

    reason = _reason_field("转办理由")


class PlainStepForm(VersionedForm):
    """A step without data (开始核查)."""


class VerifiedTrueForm(VersionedForm):
    verified_on = _date_field("核查完成日期")
    reason = _reason_field("说明（可不填）", required=False)


class VerifiedFalseForm(VersionedForm):
    verified_on = _date_field("核查完成日期")
    reason = _reason_field("核查结论")


class UnverifiableForm(VersionedForm):
    referred_on = _date_field("报告区政府日期")
    reason = _reason_field("无法查清的原因")


class ExtendVerificationForm(VersionedForm):
    """核查延期 (第四条): once, at most 30 days, approved by the higher department; the reason goes to the
    reporter."""

    days = forms.IntegerField(label="延长天数", min_value=1, max_value=30,
                              error_messages={"required": "请填写延长天数。", "max_value": "延长期限不得超过30日（第四条）。",
                                              "min_value": "延长天数至少为1日。", "invalid": "延长天数应为整数。"})
    approved_by = forms.CharField(label="批准部门", max_length=120,
                                  error_messages={"required": "请填写批准延期的上一级部门。"})
    approver = forms.CharField(label="批准人", max_length=60, error_messages={"required": "请填写批准人。"})
    on = _date_field("批准日期")
    reason = _reason_field("延期理由（将告知举报人）")


GRADE_CHOICES = [("", "（由事故事实认定）")] + [(g.value, g.value) for g in AccidentGrade]


def exclusion_choices() -> list[tuple[str, str]]:
    """第八条's cases, each labelled with its citation and text (from the shipped rules)."""
    rules = default_rules()
    found = []
    for code in EXCLUSIONS:
        clause = rules.clauses.get(code)
        found.append((code, f"{clause.cite.split(' ')[-1]} {clause.text}" if clause else code))
    return found


class RewardForm(VersionedForm):
    """The facts of the verified report (核查事实) for rules.compute_reward, and the day of the decision."""

    kind = forms.ChoiceField(label="举报类型", choices=list(KINDS.items()), widget=forms.RadioSelect,
                             error_messages={"required": "请选择举报类型。"})
    fine = forms.CharField(label="行政处罚金额（元）", required=False, max_length=20)
    grade = forms.ChoiceField(label="事故等级", choices=GRADE_CHOICES, required=False)
    concealed_deaths = forms.CharField(label="查实瞒报谎报死亡人数", required=False, max_length=6)
    deaths = forms.CharField(label="死亡人数", required=False, max_length=6)
    serious_injuries = forms.CharField(label="重伤人数（含急性工业中毒）", required=False, max_length=6)
    direct_loss = forms.CharField(label="直接经济损失（元）", required=False, max_length=20)
    exclusions = forms.MultipleChoiceField(label="不予奖励的情形（第八条）", required=False,
                                           widget=forms.CheckboxSelectMultiple)
    decided_on = _date_field("决定日期")

    FACT_FIELDS = ("fine", "grade", "concealed_deaths", "deaths", "serious_injuries", "direct_loss")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exclusions"].choices = exclusion_choices()

    def facts(self) -> dict:
        """The facts as compute_reward takes them: only what was filled in, for the chosen kind."""
        data = self.cleaned_data
        facts: dict = {"kind": data["kind"]}
        wanted = ("fine",) if data["kind"] == "violation" else self.FACT_FIELDS[1:]
        for name in wanted:
            value = (data.get(name) or "").strip()
            if value:
                facts[name] = value
        if data.get("exclusions"):
            facts["exclusions"] = list(data["exclusions"])
        return facts


class NoticeForm(VersionedForm):
    sent_on = _date_field("通知日期")
    method = forms.ChoiceField(label="通知方式", choices=list(NOTICE_METHODS.items()), widget=forms.RadioSelect,
                               initial="direct")


class ClaimForm(VersionedForm):
    method = forms.ChoiceField(label="领取方式", choices=list(CLAIM_METHODS.items()), widget=forms.RadioSelect,
                               error_messages={"required": "请选择领取方式。"})
    claimed_on = _date_field("领取日期")
    bank_account = forms.CharField(label="银行账号（转账时填写；举报人已申请的可不填）", required=False, max_length=40)


class LapseForm(VersionedForm):
    on = _date_field("认定日期")


class ExtendClaimForm(VersionedForm):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=MAX_CLAIM_EXTENSION_DAYS,
                              error_messages={"required": "请填写延长天数。", "invalid": "延长天数应为整数。",
                                              "max_value": f"延长领奖期限最多{MAX_CLAIM_EXTENSION_DAYS}日。",
                                              "min_value": "延长天数至少为1日。"})
    reason = _reason_field("举报人说明的理由")


class AskForm(forms.Form):
    text = forms.CharField(label="向举报人提问", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "请填写问题。"})


class LinkForm(VersionedForm):
    other = forms.CharField(label="同一事项的举报编号", max_length=20, error_messages={"required": "请填写举报编号。"})
    reason = _reason_field("认定理由")


class RevealForm(forms.Form):
    reason = _reason_field("查看理由（将被记录）")


class FilterForm(forms.Form):
    """Dashboard filters: by state and by deadline colour."""

    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + list(State.choices))
    colour = forms.ChoiceField(label="期限", required=False, choices=[("", "全部")] + list(COLOURS.items()))


class NewReportForm(forms.Form):
    """A report received by phone, fax, letter, e-mail or in person, typed in by office staff (第三条)."""

    channel = forms.ChoiceField(label="举报方式", choices=STAFF_CHANNELS, error_messages={"required": "请选择举报方式。"})
    received_at = forms.DateTimeField(label="收到时间", required=False,
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                 format="%Y-%m-%dT%H:%M"),
                                      input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
                                      error_messages={"invalid": "收到时间应写作 YYYY-MM-DD HH:MM。"})
    occurred_at = forms.CharField(label="发生时间", max_length=200, required=False)
    place = forms.CharField(label="地点", max_length=500, required=False)
    unit_name = forms.CharField(label="被举报单位", max_length=200, required=False)
    credit_code = forms.CharField(label="统一社会信用代码（可不填）", max_length=30, required=False)
    description = forms.CharField(label="举报情形", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    anonymous = forms.BooleanField(label="匿名举报", required=False)
    name = forms.CharField(label="姓名", max_length=100, required=False)
    id_number = forms.CharField(label="身份证号码", max_length=30, required=False)
    phone = forms.CharField(label="电话", max_length=30, required=False)
    email = forms.CharField(label="电子邮箱", max_length=200, required=False)
    address = forms.CharField(label="地址", max_length=300, required=False)

    CONTENT = ("occurred_at", "place", "description", "unit_name", "credit_code")
    IDENTITY = ("name", "id_number", "phone", "email", "address")

    def content(self) -> dict:
        return {k: self.cleaned_data.get(k, "") for k in self.CONTENT if self.cleaned_data.get(k)}

    def identity(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.IDENTITY if self.cleaned_data.get(k)}

    def received(self) -> dt.datetime | None:
        value = self.cleaned_data.get("received_at")
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value


class StatsForm(forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100,
                              error_messages={"invalid": "年度应为四位数字。"})
    samples = forms.BooleanField(label="含示例数据", required=False)
