"""Forms of the public pages (/subsidy/): what to check, the firm's details, a draft's answers and files.

The rules live in the engine, applications and workflow; these forms read what was typed and say, in
Chinese and next to the field, what is missing or malformed. The answers of a self-check travel from the
result page to the application as one signed value (`pack`/`unpack`): the firm cannot be made to apply
with answers it never saw, and nothing is kept on the server before it applies.
"""
from __future__ import annotations

import datetime as dt

from django import forms
from django.core import signing
from django.utils import timezone

from zhengwu.core.errors import DomainError

from .models import Firm
from .questions import targets

SALT = "zhengwu.subsidies.self-check"
MAX_AGE = 24 * 3600  # a result page older than a day is checked again


def _today() -> dt.date:
    return timezone.localdate()


def target_choices() -> list[tuple[str, str]]:
    return [(t.id, t.label) for t in targets()]


class ChooseForm(forms.Form):
    """自查第一步: the unit's kind, the day to check on, and the items (sub-rules) to check."""

    kind = forms.ChoiceField(label="单位类型", choices=Firm.Kind.choices, initial=Firm.Kind.FIRM,
                             widget=forms.RadioSelect, error_messages={"required": "请选择单位类型。"})
    on = forms.DateField(label="测算日期", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                         help_text="按这一天有效的政策参数测算；不填为今天。通常填认定、授权或申报的日期。",
                         error_messages={"invalid": "日期应写作 YYYY-MM-DD。"})
    items = forms.MultipleChoiceField(label="要自查的政策条目（可多选）", widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": "请至少选择一个政策条目。",
                                                      "invalid_choice": "没有“%(value)s”这个条目。"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = target_choices()

    def clean_on(self) -> dt.date:
        return self.cleaned_data.get("on") or _today()


class ApplyForm(forms.Form):
    """申报: who applies, and which of the checked items become applications."""

    name = forms.CharField(label="单位名称", max_length=200, help_text="与营业执照（法人证书）一致。",
                           error_messages={"required": "请填写单位名称。"})
    credit_code = forms.CharField(label="统一社会信用代码", max_length=30, help_text="18位，见营业执照（法人证书）。",
                                  error_messages={"required": "请填写统一社会信用代码。"})
    contact_name = forms.CharField(label="联系人", max_length=60, error_messages={"required": "请填写联系人。"})
    contact_phone = forms.CharField(label="联系电话", max_length=30,
                                    widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
                                    error_messages={"required": "请填写联系电话。"})
    apply_for = forms.MultipleChoiceField(label="申报的条目", widget=forms.CheckboxSelectMultiple,
                                          error_messages={"required": "请至少选择一个要申报的条目。",
                                                          "invalid_choice": "“%(value)s”不能申报。"})
    answers = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, eligible: list[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["apply_for"].choices = list(eligible)
        self.fields["apply_for"].initial = [value for value, _ in eligible]

    def clean_answers(self) -> dict:
        return unpack(self.cleaned_data["answers"])


def pack(kind: str, on: dt.date, claims: dict[str, dict]) -> str:
    """The checked answers ({target id: claim}) as one signed, timestamped value."""
    return signing.dumps({"kind": kind, "on": on.isoformat(), "claims": claims}, salt=SALT, compress=True)


def unpack(value: str) -> dict:
    try:
        data = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise forms.ValidationError("自查结果已超过一天，请重新自查后再申报。") from None
    except signing.BadSignature:
        raise forms.ValidationError("自查结果无法识别，请重新自查后再申报。") from None
    data["on"] = dt.date.fromisoformat(data["on"])
    return data


class DraftForm(forms.Form):
    """The parts of a draft besides its answers: the day it is quoted on and who to call."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    on = forms.DateField(label="测算日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                         error_messages={"required": "请填写测算日期。", "invalid": "日期应写作 YYYY-MM-DD。"})
    contact_name = forms.CharField(label="联系人", max_length=60, error_messages={"required": "请填写联系人。"})
    contact_phone = forms.CharField(label="联系电话", max_length=30, error_messages={"required": "请填写联系电话。"})


class VersionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1,
                                          error_messages={"required": "页面缺少版本号，请刷新后重试。"})


def error_field(exc: DomainError, form: forms.Form) -> str | None:
    """The form field a DomainError names ("claims[0].rd_spend" → "rd_spend"), or None."""
    if not exc.field:
        return None
    name = exc.field.split(".")[-1].split("[")[0]
    return name if name in form.fields else None


def error_list(*forms_: forms.Form) -> list[dict]:
    """Every error of `forms_` for the summary at the top: {"target": input id or "", "message"}."""
    found = []
    for form in forms_:
        if not form.is_bound:
            continue
        for name, errors in form.errors.items():
            target = form[name].id_for_label if name in form.fields else ""
            found += [{"target": target, "message": str(message)} for message in errors]
    return found
