"""Forms of the bureau's pages (/subsidies/): they read what was typed; the rules are in workflow,
duplicates and the engine, whose DomainErrors the views put next to the field they name.

Every form that changes an application carries `expected_version`, the version the reviewer saw
(compare-and-swap in workflow), so a stale page is refused instead of overwriting another's step.
"""
from __future__ import annotations

from django import forms

from .questions import targets
from .vocab import State


def _date_field(label: str, *, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"invalid": "日期应写作 YYYY-MM-DD。", "required": f"请填写{label}。"})


def _reason_field(label: str = "理由", *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "请说明理由。"})


def _amount_field(label: str, *, required: bool = True) -> forms.CharField:
    # Text, not DecimalField: core.amounts.money (in workflow) says in Chinese what is wrong (negative, fen, too large).
    return forms.CharField(label=label, required=required, max_length=20,
                           widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                           error_messages={"required": f"请填写{label}。"})


class VersionedForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1,
                                          error_messages={"required": "页面缺少版本号，请刷新后重试。"})


class PlainStepForm(VersionedForm):
    """A step without data (开始审核)."""


class ApproveForm(VersionedForm):
    amount = _amount_field("批准金额（元）")
    decided_on = _date_field("批准日期")
    reason = _reason_field("审核意见（金额与测算不同时必填）", required=False)


class RejectForm(VersionedForm):
    decided_on = _date_field("决定日期")
    reason = _reason_field("不予批准的理由（告知申报单位）")


class PayForm(VersionedForm):
    paid_on = _date_field("拨付日期")
    payment_reference = forms.CharField(label="拨付凭证号", max_length=60, required=False)


class AmountForm(VersionedForm):
    amount = _amount_field("新的批准金额（元）")
    reason = _reason_field("调整理由")


class CorrectForm(VersionedForm):
    """核定申报事实: the reason; the answers come from the item's ClaimForm beside it."""

    reason = _reason_field("核定理由（如：按审计报告核定研发投入）")


class FilterForm(forms.Form):
    state = forms.ChoiceField(label="状态", required=False)
    item = forms.ChoiceField(label="政策条目", required=False)
    year = forms.IntegerField(label="申报年度", required=False, min_value=2021, max_value=2100,
                              error_messages={"invalid": "年度应为四位数字。", "min_value": "政策自2021年起施行。",
                                              "max_value": "年度过大。"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "全部状态"), *State.choices]
        items = list(dict.fromkeys(t.item for t in targets()))
        self.fields["item"].choices = [("", "全部条目"), *((i, f"（{i}）") for i in items)]


class BudgetForm(forms.Form):
    year = forms.IntegerField(label="申报年度（不填为全部）", required=False, min_value=2021, max_value=2100,
                              error_messages={"invalid": "年度应为四位数字。", "min_value": "政策自2021年起施行。",
                                              "max_value": "年度过大。"})
    samples = forms.BooleanField(label="含示例数据", required=False)


class RegisterForm(forms.Form):
    """企业名录导入: the file and the day to match on."""

    register = forms.FileField(label="企业名录文件（CSV 或 Excel .xlsx）",
                               error_messages={"required": "请选择企业名录文件。", "empty": "文件是空的。"})
    on = _date_field("测算日期（不填为今天）")


class ForecastForm(forms.Form):
    """预算预测: which register, and the what-if values."""

    upload = forms.TypedChoiceField(label="企业名录", coerce=int, required=False, empty_value=None)
    register = forms.FileField(label="或上传新的企业名录（CSV 或 Excel .xlsx）", required=False)
    on = _date_field("测算日期（不填为今天）")
    overrides = forms.CharField(label="假设参数（每行一个，如 六.above.cap=600000）", required=False, max_length=4000,
                                widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, uploads=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["upload"].choices = [("", "最近导入的名录"), *((u.pk, str(u)) for u in uploads)]
