"""Recognition types (认定类型) of the fixed-grant items （一）（二）（三）（四）（七）（十八）（十九）, with stable codes.

A fixed-grant claim names one code; the amount is the parameter `<item>.<code>` of the policy file. Codes
are unique across items, so a register may list them without saying the item.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Recognition:
    """One recognition type (认定类型): its code, item, sub-rule and Chinese name."""

    code: str
    item: str
    rule: str
    name: str

    @property
    def parameter(self) -> str:
        return f"{self.item}.{self.code}"


def _group(item: str, rule: str, names: dict[str, str]) -> list[Recognition]:
    return [Recognition(code, item, rule, name) for code, name in names.items()]


RECOGNITIONS: dict[str, Recognition] = {r.code: r for r in [
    *_group("一", "recognition", {
        "national_key_lab": "国家重点实验室",
        "national_tech_innovation_centre": "国家技术创新中心",
        "national_clinical_research_centre": "国家临床医学研究中心",
        "national_industry_innovation_centre": "国家产业创新中心",
        "national_field_station": "国家级野外科学观测站",
        "national_engineering_research_centre": "国家级工程研究中心",
        "national_enterprise_tech_centre": "国家企业技术中心",
        "municipal_tech_innovation_centre": "市级技术创新中心",
        "municipal_clinical_research_centre": "市级临床医学研究中心",
        "municipal_field_station": "市级野外科学观测站",
        "municipal_engineering_research_centre": "市级工程研究中心",
        "municipal_enterprise_tech_centre": "市级企业技术中心",
        "municipal_sme_rd_centre": "市级中小企业技术研发中心",
    }),
    *_group("二", "recognition", {
        "national_new_rd_institution": "国家级新型研发机构",
        "municipal_high_end_rd_institution": "市级新型高端研发机构",
        "municipal_startup_rd_institution": "市级新型研发机构（初创型）",
    }),
    # （三） pays the academician stations "成立并正常运行一年", not on a recognition: `first` there means the
    # station has not been paid before (一次性), and one year of normal operation is checked in review.
    *_group("三", "academician", {
        "academician_workstation": "院士专家工作站（成立并正常运行一年）",
        "academician_office": "院士专家工作室（成立并正常运行一年）",
    }),
    *_group("三", "postdoctoral", {
        "national_postdoc_station": "国家级博士后科研工作站",
        "municipal_postdoc_station": "市级博士后科研工作站",
    }),
    *_group("四", "recognition", {
        "national_collab_innovation_centre": "国家级产业技术协同创新中心",
        "national_manufacturing_innovation_centre": "国家级制造业创新中心",
        "municipal_collab_innovation_centre": "市级产业技术协同创新中心",
        "municipal_manufacturing_innovation_centre": "市级制造业创新中心",
    }),
    *_group("七", "recognition", {
        "national_star_space": "国家级星创天地",
        "municipal_star_space": "市级星创天地",
        "national_expert_courtyard": "国家级专家大院",
        "municipal_expert_courtyard": "市级专家大院",
    }),
    *_group("十八", "recognition", {
        "national_tech_transfer_institution": "国家级技术转移转化机构",
        "national_testing_institution": "国家级检验检测机构",
        "municipal_tech_transfer_institution": "市级技术转移转化机构",
        "municipal_testing_institution": "市级检验检测机构",
    }),
    *_group("十九", "recognition", {
        "national_incubator": "国家级科技企业孵化器",
        "municipal_incubator": "市级科技企业孵化器",
        "national_maker_space": "国家级众创空间",
        "municipal_maker_space": "市级众创空间",
    }),
]}


def codes_of(item: str, rule: str) -> list[str]:
    """The codes of one item's sub-rule, in the policy's order."""
    return [r.code for r in RECOGNITIONS.values() if r.item == item and r.rule == rule]
