"""Amounts typed by people (core.amounts): what is taken, and the message naming the field when it is not."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhengwu.core.amounts import count, money
from zhengwu.core.errors import DomainError
from zhengwu.reports.rules import compute_reward
from zhengwu.subsidies.rules import quote


@given(st.integers(min_value=0, max_value=10**14 - 1))
def test_any_amount_to_the_fen_below_a_trillion_is_taken_exactly(fen):
    amount = Decimal(fen) / 100
    for typed in (str(amount), f" {amount} ", amount):
        assert money(typed, field="fine", label="行政处罚金额") == amount


@pytest.mark.parametrize(("typed", "says"), [
    ("12.345", "行政处罚金额最多精确到分（两位小数），而不是 12.345。"),
    ("-1", "行政处罚金额不能为负数：-1。"),
    ("1000000000000", "行政处罚金额 1000000000000 元不合理（应少于一万亿元），请检查单位。"),
    ("十万", "行政处罚金额不是数字：“十万”。"),
    (True, "行政处罚金额应为数字（元），而不是 True。"),
    (Decimal("NaN"), "行政处罚金额应为有限的数字，而不是 NaN。"),
])
def test_a_wrong_amount_is_refused_naming_the_field(typed, says):
    with pytest.raises(DomainError) as refused:
        money(typed, field="fine", label="行政处罚金额")
    assert refused.value.message == says and refused.value.field == "fine"


def test_counts_take_whole_numbers_with_the_unit_and_limit_the_rule_gives():
    assert count(" 12 ", field="n", label="项目数") == 12
    with pytest.raises(DomainError, match=r"^deaths: 死亡人数应为整数（人），而不是 '2.5'。$"):
        count("2.5", field="deaths", label="死亡人数", unit="人")
    with pytest.raises(DomainError, match=r"^n: 项目数应为整数，而不是 False。$"):
        count(False, field="n", label="项目数")
    with pytest.raises(DomainError, match=r"^n: 项目数 1000000 不合理，请检查。$"):
        count(10**6, field="n", label="项目数", limit=10**6)
    assert count(10**6, field="n", label="项目数") == 10**6  # no limit unless the rule sets one


def test_both_rulebooks_refuse_a_typing_mistake_the_same_way():
    with pytest.raises(DomainError) as reward:
        compute_reward({"kind": "violation", "fine": "1e12"})
    assert reward.value.field == "fine" and "不合理（应少于一万亿元）" in str(reward.value)
    with pytest.raises(DomainError) as subsidy:
        quote({"applicant": {"name": "某公司", "kind": "firm"}, "on": "2021-09-01", "claims": [
            {"item": "六", "scale": "above", "rd_spend": "1e12", "revenue": "100000000",
             "has_rd_institution": True, "gets_rd_reserve": False}]})
    assert subsidy.value.field == "claims[0].rd_spend" and "不合理（应少于一万亿元）" in str(subsidy.value)
    with pytest.raises(DomainError) as accident:
        compute_reward({"kind": "concealed_accident", "grade": "较大", "concealed_deaths": "两"})
    assert str(accident.value) == "concealed_deaths: 查实瞒报谎报死亡人数应为整数（人），而不是 '两'。"
