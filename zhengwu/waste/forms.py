"""Forms of the waste pages (ISO dates in date inputs: Chromium refuses locale-formatted values)."""
from __future__ import annotations

from django import forms

from .models import Community, DropPoint, PublicityAction
from .units import UNITS
from .vocab import Quality

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
UNIT_CHOICES = [("", "全部街镇"), *((u, u) for u in UNITS)]


class DashboardForm(forms.Form):
    on = forms.DateField(label="统计日期", required=False, widget=DATE)
    unit = forms.ChoiceField(label="街镇", choices=UNIT_CHOICES, required=False)
    samples = forms.ChoiceField(label="示例数据", required=False, choices=[("on", "计入"), ("off", "不计入")])


class CommunityForm(forms.ModelForm):
    class Meta:
        model = Community
        fields = ["management", "building", "households", "floor_bins", "cleaners", "property_company", "committee",
                  "lead_on", "lead_person", "survey_on", "plan", "publicity_on", "removed_on", "handover_on",
                  "notice_start", "contact", "phone", "notice_date"]
        widgets = {name: DATE for name in ("lead_on", "survey_on", "publicity_on", "removed_on", "handover_on",
                                           "notice_start", "notice_date")} | {"plan": forms.Textarea(attrs={"rows": 5})}


class PublicityForm(forms.ModelForm):
    class Meta:
        model = PublicityAction
        fields = ["kind", "on", "note"]
        widgets = {"on": DATE}


class AdjustmentForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE)
    what = forms.CharField(label="调整内容", max_length=300)


class PointForm(forms.ModelForm):
    class Meta:
        model = DropPoint
        fields = ["code", "name", "morning_from", "morning_to", "evening_from", "evening_to", "cleaning"]
        widgets = {name: TIME for name in ("morning_from", "morning_to", "evening_from", "evening_to")}

    def clean(self) -> dict:
        data = super().clean()
        for start, end, label in (("morning_from", "morning_to", "早上"), ("evening_from", "evening_to", "晚上")):
            if data.get(start) and data.get(end) and data[start] >= data[end]:
                self.add_error(end, f"{label}结束时间应晚于开始时间。")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label="小区台账（.xlsx 或 .csv）")


class CardLookupForm(forms.Form):
    number = forms.CharField(label="卡号", max_length=32)
    code = forms.CharField(label="校验码", max_length=12, help_text="印在积分卡背面的6位数字")


class InspectionForm(forms.Form):
    point = forms.CharField(label="投放点编号", max_length=40)
    at = forms.DateTimeField(label="巡检时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                       format="%Y-%m-%dT%H:%M"))
    quality = forms.ChoiceField(label="分类质量", choices=Quality.choices)
    card = forms.CharField(label="溯源到积分卡（卡号，可空）", max_length=32, required=False)
    note = forms.CharField(label="说明", max_length=300, required=False)


class VisitForm(forms.Form):
    card = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(label="指导日期", widget=DATE)
    visitor = forms.CharField(label="指导人", max_length=50)
    note = forms.CharField(label="情况", max_length=300, required=False)


class CardForm(forms.Form):
    number = forms.CharField(label="卡号", max_length=32)
    household = forms.CharField(label="住户（楼栋单元房号）", max_length=100)


class PointAdjustForm(forms.ModelForm):
    on = forms.DateField(label="调整日期", widget=DATE)
    reason = forms.CharField(label="调整原因", max_length=150)

    class Meta:
        model = DropPoint
        fields = ["name", "morning_from", "morning_to", "evening_from", "evening_to", "cleaning", "active"]
        widgets = {name: TIME for name in ("morning_from", "morning_to", "evening_from", "evening_to")}


class NewCommunityForm(CommunityForm):
    unit_name = forms.ChoiceField(label="街镇", choices=[(u, u) for u in UNITS])
    community_name = forms.CharField(label="小区", max_length=100)

    class Meta(CommunityForm.Meta):
        fields = ["management", "building", "households", "floor_bins", "cleaners", "property_company", "committee",
                  "removed_on", "handover_on"]

    field_order = ["unit_name", "community_name"]
