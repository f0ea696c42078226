"""Amounts typed by people (core.amounts): what is taken, and the message naming the field when it is not."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhengwu.core.amounts import FEN, MONEY_LIMIT, count, in_words, money
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


# ---- one money parser for every system (core.amounts.money with a rule's own limit) ------------------------

LIMITS = st.sampled_from([Decimal(10) ** 8, Decimal(10) ** 12, Decimal(20000)])


@given(LIMITS, st.data())
def test_below_its_limit_an_amount_is_taken_and_at_the_limit_refused_saying_it(limit, data):
    fen = data.draw(st.integers(min_value=0, max_value=int(limit * 100) - 1))
    amount = Decimal(fen) / 100
    assert money(str(amount), field="amount", label="批准金额", limit=limit) == amount
    over = limit + Decimal(data.draw(st.integers(min_value=0, max_value=10**6))) / 100
    with pytest.raises(DomainError) as refused:
        money(str(over), field="amount", label="批准金额", limit=limit)
    assert (refused.value.field, refused.value.code) == ("amount", "too_large")
    assert refused.value.message.startswith(f"批准金额 {over} 元不合理（应少于") and in_words(limit) in refused.value.message


@given(st.integers(min_value=0, max_value=10**10 - 1))
def test_thousands_separators_are_taken_only_where_a_form_asks(fen):
    amount = Decimal(fen) / 100
    grouped = f"{amount:,.2f}"
    assert money(grouped, field="amount", label="批准金额", grouped=True) == amount
    assert money(grouped.replace(",", "，"), field="amount", label="批准金额", grouped=True) == amount
    if "," in grouped:
        with pytest.raises(DomainError) as refused:
            money(grouped, field="fine", label="行政处罚金额")
        assert refused.value.code == "bad_amount"


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=9))
def test_a_negative_amount_or_one_finer_than_the_fen_is_refused_with_its_code(fen, extra):
    with pytest.raises(DomainError) as negative:
        money(str(-Decimal(fen) / 100), field="amount", label="批准金额")
    assert (negative.value.code, negative.value.field) == ("negative", "amount")
    with pytest.raises(DomainError) as fine:
        money(f"{Decimal(fen) / 100:.2f}{extra}", field="amount", label="批准金额")
    assert fine.value.code == "bad_amount" and "最多精确到分" in fine.value.message


@given(st.one_of(st.text(max_size=30), st.floats(allow_nan=True, allow_infinity=True), st.none(), st.booleans(),
                 st.lists(st.integers(), max_size=2)))
def test_whatever_is_typed_the_answer_is_an_amount_or_a_message_naming_the_field(typed):
    try:
        amount = money(typed, field="amount", label="批准金额", grouped=True)
    except DomainError as refused:
        assert refused.field == "amount"
        assert refused.message.startswith("批准金额") and refused.code in ("bad_amount", "negative", "too_large")
    else:
        assert amount.is_finite() and 0 <= amount < MONEY_LIMIT and amount == amount.quantize(FEN)


def test_limits_are_said_in_words():
    assert [in_words(Decimal(n)) for n in (10**12, 10**8, 2 * 10**7, 20000, 1234)] == [
        "一万亿元", "1亿元", "2000万元", "2万元", "1234元"]
