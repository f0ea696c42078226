"""The targets of 綦江府办发〔2021〕24号: every quantified target of SPEC S5, per party and year."""
import pytest

from zhengwu.core.errors import DomainError
from zhengwu.gazette.models import Node
from zhengwu.supervision.importer import import_document
from zhengwu.supervision.listing import targets_json

from .conftest import PLAN

# (indicator, joint, threshold, unit, cite) — SPEC S5 and the plan's text
EXPECTED = [
    ("推动重点骨干企业与石柱县优质企业建立合作关系", True, "1", "家", "二（二）2"),
    ("引进项目落地石柱县", True, "1", "个", "二（二）5"),
    ("协作引资实际到位资金", True, "50000000", "元", "二（二）5"),
    ("帮助石柱销售农特产品、文旅产品", False, "10000000", "元", "二（四）1"),
    ("与石柱县实施科研协作项目", False, "1", "项", "二（五）"),
    ("与石柱县挂职交流人才", False, "2", "名", "二（五）"),
    ("培训石柱县干部人才", False, "25", "名", "二（五）"),
    ("与石柱县互派教师或教学管理人员", False, "5", "名", "二（七）2"),
    ("与石柱县互派交流医务人员", False, "5", "名", "二（七）3"),
    ("帮助石柱县培训医务人员", False, "10", "名", "二（七）3"),
    ("为石柱县提供就业岗位", False, "100", "个", "二（七）4"),
    ("为石柱开展就业培训", False, "150", "人次", "二（七）4"),
]


def test_every_target_for_each_party_and_each_year(plan):
    found = targets_json(plan)
    assert len(found) == 5 * (3 + 9 * 2)
    assert {t["period"] for t in found} == {"2021", "2022", "2023", "2024", "2025"}
    for year in ("2021", "2025"):
        rows = [t for t in found if t["period"] == year]
        got = {(t["indicator"], t["party"], t["joint"], t["threshold"], t["unit"], t["cite"]) for t in rows}
        want = set()
        for indicator, joint, threshold, unit, cite in EXPECTED:
            for party in (["南岸区、綦江区"] if joint else ["南岸区", "綦江区"]):
                want.add((indicator, party, joint, threshold, unit, f"{PLAN}{cite}"))
        assert got == want


def test_thresholds_are_numbers_in_yuan_and_joint_targets_name_both_parties(plan):
    money = next(t for t in targets_json(plan, 2023) if t["code"] == "investment_in_place")
    assert money == {"code": "investment_in_place", "indicator": "协作引资实际到位资金", "party": "南岸区、綦江区",
                     "parties": ["南岸区", "綦江区"], "joint": True, "threshold": "50000000", "unit": "元",
                     "period": "2023", "aspirational": True, "cite": f"{PLAN}二（二）5",
                     "text": "力争协作引资实际到位资金达到5000万元以上"}
    sales = [t for t in targets_json(plan, 2021) if t["code"] == "product_sales"]
    assert [(t["party"], t["parties"], t["threshold"]) for t in sales] == [
        ("南岸区", ["南岸区"], "10000000"), ("綦江区", ["綦江区"], "10000000")]


def test_every_quoted_text_is_in_the_paragraph_it_cites(plan):
    for target in plan.targets.filter(year=2021):
        node = Node.objects.get(part__document=plan.document, anchor=target.anchor)
        assert target.quote.replace(" ", "") in (node.title + node.text).replace(" ", "")


def test_a_text_that_no_longer_says_it_stops_the_import(registry):
    node = Node.objects.get(part__document__number=PLAN, anchor="t1-s2-7-4")
    node.text = node.text.replace("150人次以上", "120人次以上")
    node.save()
    with pytest.raises(DomainError) as caught:
        import_document(PLAN)
    assert caught.value.code == "quote_not_found" and "150人次以上" in caught.value.message
    from zhengwu.supervision.models import Programme

    assert not Programme.objects.filter(document__number=PLAN).exists()  # one transaction: nothing half-written


def test_importing_the_plan_again_updates_in_place(plan):
    again = import_document(PLAN)
    assert again.targets_created == 0 and again.targets_updated == 105
    assert plan.targets.count() == 105
