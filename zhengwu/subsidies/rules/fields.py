"""The fields of each claim (申报事项字段), described for machines: the self-check form, the CLI help, checks.

One description serves three readers: `facts.check_facts` validates claims with it, `items_catalogue` lists
it, and the web side builds the self-check form from `fields_description()`. Its format (JSON):

    {"types": {"decimal": "…", …},                       # what each type means
     "common": [<field>, …],                              # fields any claim may carry (also_paid)
     "forms": [{"item": "六", "rule": "rd_input", "label": "…", "fields": [<field>, …]}, …]}

    <field> = {"name": "rd_spend", "label": "研发投入（元）", "type": "decimal", "required": true,
               "help": "…",                                   # may be ""
               "choices": [{"value": "above", "label": "规上（限上）企业"}, …],   # type "choice" only
               "of": [<field>, …]}                            # type "list" only: the fields of each element

A claim is {"item": <item>, "rule": <rule>, <name>: <value>, …}; "rule" may be left out when the item has
one form, or when a recognition code says which form it is.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .recognitions import RECOGNITIONS, codes_of

TYPES = {
    "decimal": "金额（元）：数字或数字文字，不为负，最多两位小数，如 \"8000000\" 或 \"1234.56\"",
    "int": "整数：不为负，如 3",
    "bool": "是否：true 或 false",
    "choice": "从 choices 中选一个 value",
    "list": "列表：每个元素是一个对象，字段见 of",
    "text": "文字：非空",
}


@dataclass(frozen=True)
class Field:
    """One field of a claim (字段): its name, Chinese label, type and, for choices and lists, what they hold."""

    name: str
    label: str
    type: str
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()
    of: tuple[Field, ...] = ()
    help: str = ""

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"name": self.name, "label": self.label, "type": self.type,
                                 "required": self.required, "help": self.help}
        if self.type == "choice":
            found["choices"] = [{"value": value, "label": label} for value, label in self.choices]
        if self.type == "list":
            found["of"] = [field.as_json() for field in self.of]
        return found


@dataclass(frozen=True)
class Form:
    """The fields of one item's sub-rule (申报表单): what a claim of that kind must say."""

    item: str
    rule: str
    label: str
    fields: tuple[Field, ...]

    def as_json(self) -> dict[str, Any]:
        return {"item": self.item, "rule": self.rule, "label": self.label,
                "fields": [field.as_json() for field in self.fields]}


FIRST = Field("first", "是否首次认定", "bool",
              help="只补助首次认定（一次性）；已获本政策同类补助的填 false。")
LEVEL = (("national", "国家级"), ("municipal", "市级"))


def _recognition(item: str, rule: str) -> Field:
    choices = tuple((code, RECOGNITIONS[code].name) for code in codes_of(item, rule))
    return Field("recognition", "认定类型", "choice", choices=choices)


def _count(name: str, label: str, help: str = "") -> Field:
    return Field(name, label, "int", help=help)


OTHER_PAYMENT = (Field("policy", "其他政策文号", "text", help="如 渝府办发〔2021〕47号"),
                 Field("amount", "已获补助金额（元）", "decimal"))
ALSO_PAID = Field("also_paid", "同一事项已获其他政策补助", "list", required=False, of=OTHER_PAYMENT,
                  help="按就高原则（二十二），本政策只补足差额。")
COMMON: tuple[Field, ...] = (ALSO_PAID,)

PATENT = (Field("invention", "发明名称或编号", "text", help="同一件发明在多地授权时写同一个名称，只资助一次"),
          Field("granted_in", "授权国家或地区", "text",
                help="CN（国家知识产权局）；EP、EU、US、JP 或欧盟成员国代码（欧美日）；其他两位字母代码或 OTHER（其他国家或地区）"))

FORMS: tuple[Form, ...] = (
    Form("一", "recognition", "创新平台首次认定", (_recognition("一", "recognition"), FIRST)),
    Form("二", "recognition", "新型研发机构首次认定", (_recognition("二", "recognition"), FIRST)),
    Form("三", "academician", "院士专家工作站（室）成立并正常运行一年", (_recognition("三", "academician"), FIRST)),
    Form("三", "postdoctoral", "博士后科研工作站首次认定", (_recognition("三", "postdoctoral"), FIRST)),
    Form("四", "recognition", "企业创新平台首次认定", (_recognition("四", "recognition"), FIRST)),
    Form("五", "project_matching", "科技计划项目配套", (
        Field("level", "项目级别", "choice", choices=LEVEL),
        Field("funding", "项目所获财政资金（元）", "decimal"),
        Field("high_tech_enterprise_project", "是否高新技术企业获批支持项目", "bool",
              help="高新技术企业获批支持项目除外"))),
    Form("六", "rd_input", "研发投入补助", (
        Field("scale", "企业规模", "choice", choices=(("above", "规上（限上）企业"), ("below", "规下（限下）企业"))),
        Field("rd_spend", "当年申报享受加计扣除的研发投入（元）", "decimal"),
        Field("revenue", "营业收入（元）", "decimal", help="研发投入强度 = 研发投入 ÷ 营业收入"),
        Field("has_rd_institution", "是否已成立区级以上研发机构", "bool"),
        Field("gets_rd_reserve", "是否享受研发准备金政策", "bool"))),
    Form("七", "recognition", "星创天地、专家大院首次认定", (_recognition("七", "recognition"), FIRST)),
    Form("八", "agricultural_patent", "农业专利申请", (
        Field("large_scale_intelligent_tech_firm", "是否规模化智能化科技型企业", "bool"),)),
    Form("十", "financing_guarantee", "融资担保补贴", (
        Field("guaranteed_amount", "融资担保额（元）", "decimal", help="取舍：按申请的融资担保额计算"),)),
    Form("十一", "star_listing", "科创板上市奖补（一事一议）", (
        Field("decided", "评审确定的金额（元）", "decimal", required=False, help="未评审时留空"),)),
    Form("十三", "invention_patents", "发明专利授权", (
        Field("patents", "发明专利授权", "list", of=PATENT),)),
    Form("十四", "navigation_report", "专利导航分析报告（通过市级评审）", (
        _count("count", "项目数"),)),
    Form("十四", "high_value_plan", "高价值专利（组合）培育计划（通过市级评审）", (
        _count("count", "项目数"),)),
    Form("十四", "pledge_valuation", "知识产权质押融资价值评估费", (
        Field("valuation_fee", "实际发生的价值评估费（元）", "decimal"),)),
    Form("十七", "sales_tiers", "高新技术产品认定次年销售收入", (
        Field("sales", "认定次年产品销售收入（元）", "decimal"),)),
    Form("十七", "high_tech_products", "市级以上高新技术产品", (
        _count("count", "有效期内认定的产品数"),)),
    Form("十七", "technology_contracts", "技术合同认定登记", (
        Field("registered_total", "认定登记总额（元）", "decimal"),)),
    Form("十八", "recognition", "技术转移转化机构、检验检测机构首次认定", (_recognition("十八", "recognition"), FIRST)),
    Form("十九", "recognition", "孵化器、众创空间首次认定", (_recognition("十九", "recognition"), FIRST)),
    Form("十九", "incubated_high_tech", "区外引进企业成长为高新技术企业", (
        _count("count", "企业数", help="孵化载体内从区外引进、成长为高新技术企业的企业数"),)),
    Form("二十", "joint_project", "成渝共建项目（一事一议）", (
        Field("decided", "研究确定的金额（元）", "decimal", required=False, help="未研究确定时留空"),)),
)
FORMS_BY_KEY: dict[tuple[str, str], Form] = {(form.item, form.rule): form for form in FORMS}


def forms_of(item: str) -> list[Form]:
    return [form for form in FORMS if form.item == item]


def claim_fields(item: str, rule: str) -> list[dict[str, Any]]:
    """The fields of one claim form, as JSON (the common fields not included)."""
    return FORMS_BY_KEY[(item, rule)].as_json()["fields"]


def fields_description() -> dict[str, Any]:
    """Every claim form's fields, for machines (the format is in this module's docstring)."""
    return {"types": dict(TYPES), "common": [field.as_json() for field in COMMON],
            "forms": [form.as_json() for form in FORMS]}
