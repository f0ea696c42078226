"""Fund rules of 24号 二（七）1.: ≥ 60% to consolidation and rural revitalisation; fixed-asset projects ≥ 100万."""
from decimal import Decimal

import pytest

from zhengwu.core.errors import DomainError
from zhengwu.supervision.funds import add_project, fund_checks


def test_exactly_sixty_percent_passes_and_just_below_does_not(plan):
    add_project(plan, party="南岸区", year=2021, name="产业路", amount="600000", consolidation=True, fixed_asset=False)
    add_project(plan, party="南岸区", year=2021, name="培训", amount="400000", consolidation=False, fixed_asset=False)
    add_project(plan, party="綦江区", year=2021, name="基地", amount="599999", consolidation=True, fixed_asset=False)
    add_project(plan, party="綦江区", year=2021, name="推介", amount="400001", consolidation=False, fixed_asset=False)
    checks = {s["party"]: s for s in fund_checks(plan, 2021)["share"]}
    assert checks["南岸区"]["share"] == Decimal("0.6000") and checks["南岸区"]["ok"] is True
    assert checks["綦江区"]["ok"] is False and checks["綦江区"]["minimum"] == Decimal("0.60")
    assert checks["綦江区"]["basis"]["cite"] == "綦江府办发〔2021〕24号二（七）1"


def test_a_fixed_asset_project_of_exactly_one_million_passes(plan):
    add_project(plan, party="南岸区", year=2022, name="冷库", amount="1000000", consolidation=True, fixed_asset=True)
    add_project(plan, party="南岸区", year=2022, name="小棚", amount="999999.99", consolidation=True, fixed_asset=True)
    add_project(plan, party="南岸区", year=2022, name="活动", amount="50000", consolidation=True, fixed_asset=False)
    projects = {p["name"]: p for p in fund_checks(plan, 2022)["projects"]}
    assert projects["冷库"]["ok"] is True and projects["小棚"]["ok"] is False
    assert "活动" not in projects  # not a fixed-asset project: the size rule does not apply
    assert projects["小棚"]["basis"]["text"] == "固定资产投资项目单个项目原则上投资不低于100万元"


def test_bad_projects_are_named(plan):
    with pytest.raises(DomainError) as caught:
        add_project(plan, party="南岸区", year=2021, name="x", amount="0", consolidation=True, fixed_asset=True)
    assert caught.value.field == "amount"
    with pytest.raises(DomainError) as caught:
        add_project(plan, party="", year=2021, name="x", amount="5", consolidation=True, fixed_asset=True)
    assert caught.value.field == "party"
