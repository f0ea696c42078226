"""Forms of the supervision pages: plain Django forms, every date an ISO date input (no JavaScript)."""
from __future__ import annotations

from django import forms

from .files import ACCEPT, HINT
from .progress import UNITS
from .vocab import Role


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern): cleans each of them."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return super().clean(data, initial)


class StepForm(forms.Form):
    """One workflow step: the day it counts for, a note (required for progress, report and return) and,
    for a unit's reports, evidence files."""

    on = forms.DateField(label="日期", widget=DateInput(), required=False, help_text="默认今天")
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)
    files = MultipleFileField(label="佐证材料", required=False, help_text=HINT)
    expected_version = forms.IntegerField(widget=forms.HiddenInput())


class ExtensionForm(forms.Form):
    new_due = forms.DateField(label="申请延至", widget=DateInput())
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    on = forms.DateField(label="申请日期", widget=DateInput(), required=False, help_text="默认今天")


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(label="批复", choices=(("1", "批准"), ("0", "不予批准")), coerce=lambda v: v == "1",
                                     widget=forms.RadioSelect)
    note = forms.CharField(label="意见", required=False, max_length=1000)


class TaskForm(forms.Form):
    ref = forms.CharField(label="序号", max_length=20)
    title = forms.CharField(label="事项", max_length=200)
    cite = forms.CharField(label="出处（条款）", max_length=60, required=False, help_text="如 三（二）")
    due = forms.DateField(label="完成时限", widget=DateInput(), required=False)
    lead = forms.CharField(label="责任单位", max_length=1000, help_text="用顿号或逗号分隔，如 区教委、区司法局")
    cooperating = forms.CharField(label="配合单位", max_length=1000, required=False, help_text="可写统称，如 各街镇")


class UnitForm(forms.Form):
    unit = forms.CharField(label="单位", max_length=120)
    role = forms.ChoiceField(label="角色", choices=Role.choices)


class TargetForm(forms.Form):
    indicator = forms.CharField(label="指标", max_length=200)
    party = forms.CharField(label="责任方", max_length=30)
    threshold = forms.CharField(label="目标值", max_length=30)
    unit = forms.ChoiceField(label="单位", choices=[(u, u) for u in UNITS])
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    cite = forms.CharField(label="出处（条款）", max_length=60, required=False)
    joint = forms.BooleanField(label="多方联手完成", required=False)


class ProgressForm(forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput())
    value = forms.CharField(label="数值", max_length=30)
    on = forms.DateField(label="日期", widget=DateInput())
    note = forms.CharField(label="说明", max_length=300, required=False)
    file = forms.FileField(label="佐证材料", required=False, help_text=HINT, widget=forms.FileInput(attrs={"accept": ACCEPT}))


class FundForm(forms.Form):
    party = forms.CharField(label="出资方", max_length=30)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    name = forms.CharField(label="项目名称", max_length=200)
    amount = forms.CharField(label="金额（元）", max_length=30)
    consolidation = forms.BooleanField(label="用于巩固拓展脱贫攻坚成果及乡村振兴", required=False)
    fixed_asset = forms.BooleanField(label="固定资产投资项目", required=False)


class SettingsForm(forms.Form):
    yellow_days = forms.IntegerField(label="黄灯提前天数", min_value=0, max_value=60, required=False,
                                     help_text="空则用默认 3 日")
    published = forms.BooleanField(label="向公众公开目标进展", required=False)
