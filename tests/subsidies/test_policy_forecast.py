"""The firm register, proactive matching and the forecast: column-wise totals equal the per-firm quotes."""
import datetime as dt
from collections import defaultdict
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengwu.core.errors import DomainError
from zhengwu.subsidies.rules import RECOGNITIONS, Firm, explain, firm_claims, forecast, quote, read_register

ON = dt.date(2021, 9, 1)
money = st.integers(min_value=0, max_value=10**11).map(lambda fen: Decimal(fen) / 100)
firms = st.builds(
    Firm, name=st.text(alphabet="测试企业甲乙丙丁ABC", min_size=1, max_size=6),
    kind=st.sampled_from(["firm", "firm", "other"]), scale=st.sampled_from([None, "above", "below"]),
    revenue=st.one_of(money, st.sampled_from([Decimal(0), Decimal(5000000), Decimal("4999999.99")])),
    rd_spend=st.one_of(money, st.sampled_from([Decimal(150000), Decimal(1000000), Decimal(5000000)])),
    has_rd_institution=st.booleans(), gets_rd_reserve=st.booleans(),
    recognitions=st.lists(st.sampled_from(sorted(RECOGNITIONS)), max_size=3, unique=True).map(tuple),
    patents_cn=st.integers(0, 4), patents_eu_us_jp=st.integers(0, 3), patents_other_foreign=st.integers(0, 2),
    tech_contracts_total=st.one_of(money, st.sampled_from([Decimal(1000000000), Decimal(12355)])),
    sales=st.one_of(money, st.sampled_from([Decimal(10000000), Decimal(30000000), Decimal(50000000)])),
    high_tech_products=st.integers(0, 3), incubated_high_tech=st.integers(0, 2))


def per_firm_totals(register_firms, rules=None):
    totals = defaultdict(Decimal)
    for firm in register_firms:
        for line in explain(firm, rules, on=ON).lines:
            totals[line.item] += line.amount
    return totals


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(firms, min_size=1, max_size=12))
def test_the_forecast_equals_the_sum_of_per_firm_quotes(sample):
    result = forecast(sample, on=ON)
    totals = per_firm_totals(sample)
    assert set(totals) <= set(result.totals)
    for item, amount in result.totals.items():
        assert amount == totals[item], item
    assert result.total == sum(totals.values(), Decimal(0))


@settings(max_examples=30, deadline=None)
@given(st.lists(firms, min_size=1, max_size=8),
       st.sampled_from([("六.above.cap", "600000"), ("六.above.intensity", "0.04"), ("六.below.minimum", "1500"),
                        ("十七.contracts.rate", "0.00025"), ("十三.cn.other", "8000"),
                        ("十七.sales.tier_2.threshold", "60000000")]))
def test_a_what_if_forecast_equals_the_per_firm_quotes_under_the_same_assumption(sample, assumption):
    name, value = assumption
    from zhengwu.subsidies.rules import default_rules
    from zhengwu.subsidies.rules.forecast import what_if

    result = forecast(sample, overrides={name: value}, on=ON)
    changed, _ = what_if(default_rules(), {name: value}, ON)
    totals = per_firm_totals(sample, changed)
    for item, amount in result.totals.items():
        assert amount == totals[item], item
    answer = result.as_json()
    assert answer["overrides"][0]["name"] == name
    assert Decimal(answer["difference"]["total"]) == result.total - result.baseline.total


def test_a_raised_cap_shows_as_the_difference():
    firm = Firm(name="大企业", scale="above", revenue=Decimal(10**9), rd_spend=Decimal(7 * 10**7),
                has_rd_institution=True)
    answer = forecast([firm], overrides={"六.above.cap": "600000"}, on=ON).as_json()
    assert answer["totals"]["六"] == "600000.00" and answer["baseline"]["totals"]["六"] == "500000.00"
    assert answer["difference"]["totals"]["六"] == "100000.00"
    assert answer["overrides"] == [{"name": "六.above.cap", "value": "600000", "was": "500000"}]
    plain = forecast([firm], on=ON).as_json()
    assert plain["baseline"] is None and plain["difference"] is None and plain["overrides"] == []


def test_an_unknown_parameter_is_refused_listing_the_names():
    with pytest.raises(DomainError) as caught:
        forecast([Firm(name="甲")], overrides={"六.above.ceiling": "1"}, on=ON)
    assert caught.value.field == "--set" and "六.above.cap" in caught.value.message


CSV = """名称,类型,规模,营业收入,研发投入,区级以上研发机构,享受研发准备金,首次认定,国内发明专利,欧美日发明专利,其他境外发明专利,技术合同登记额,高新技术产品销售收入,高新技术产品数,引进成长高企数,统一社会信用代码
甲公司,企业,规上,100000000,8000000,是,否,national_key_lab;市级企业技术中心,2,1,0,50000000,35000000,3,0,91500222X
乙研究院,其他,,,,否,否,,1,1,0,,,,,
"""


def test_a_csv_register_with_chinese_headers_is_read_and_matched(tmp_path):
    path = tmp_path / "firms.csv"
    path.write_text(CSV, encoding="utf-8-sig")
    register = read_register(path)
    first = register.firm(0)
    assert first.name == "甲公司" and first.scale == "above" and first.revenue == Decimal(100000000)
    assert first.recognitions == ("national_key_lab", "municipal_enterprise_tech_centre")
    facts = firm_claims(first, on="2021-09-01")
    assert [c["item"] for c in facts["claims"]] == ["一", "一", "六", "十三", "十七", "十七", "十七"]
    # 一 600000 + 40000; 六 80000; 十三 2 × 10000 + 20000; 十七 300000 + 3 × 10000 + 5000
    assert quote(facts).total == Decimal("1095000.00")
    other = explain(register.firm(1), on=ON)
    assert other.total == Decimal("5000.00")  # CNIPA 5000 for a non-firm; the US grant pays firms only
    assert forecast(register, on=ON).total == quote(facts).total + other.total


def test_a_quoted_csv_and_an_xlsx_are_read_the_same(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "firms.csv"
    path.write_text('name,kind,revenue,rd_spend,scale\n"甲, 有限公司",firm,"20000000",1000001,above\n',
                    encoding="utf-8")
    assert read_register(path).firm(0).name == "甲, 有限公司"
    book = Workbook()
    sheet = book.active
    sheet.append(["name", "kind", "revenue", "rd_spend", "scale", "has_rd_institution"])
    sheet.append(["甲公司", "firm", 20000000, 1000000.01, "above", True])
    book.save(tmp_path / "firms.xlsx")
    firm = read_register(tmp_path / "firms.xlsx").firm(0)
    assert firm.rd_spend == Decimal("1000000.01") and firm.has_rd_institution


@pytest.mark.parametrize(("row", "column", "words"), [
    ("甲,firm,-5,1,above", "revenue", "不能为负数"),
    ("甲,firm,abc,1,above", "revenue", "应为金额"),
    ("甲,firm,1.005,1,above", "revenue", "应为金额"),
    ("甲,company,1,1,above", "kind", "firm"),
    ("甲,firm,1,1,huge", "scale", "above"),
    (",firm,1,1,above", "name", "名称不能为空"),
])
def test_a_bad_cell_is_named_by_row_and_column(tmp_path, row, column, words):
    path = tmp_path / "firms.csv"
    path.write_text("name,kind,revenue,rd_spend,scale\n乙,firm,1,1,below\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DomainError) as caught:
        read_register(path)
    assert caught.value.line == 3 and caught.value.field == column and words in caught.value.message


def test_an_unknown_recognition_and_a_missing_name_column_are_named(tmp_path):
    path = tmp_path / "firms.csv"
    path.write_text("名称,首次认定\n甲,national_key_lab；不存在的中心\n", encoding="utf-8")
    with pytest.raises(DomainError, match="第2行“首次认定”列：未知的认定类型“不存在的中心”"):
        read_register(path)
    path.write_text("企业,营业收入\n甲,1\n", encoding="utf-8")
    with pytest.raises(DomainError, match="缺少名称列"):
        read_register(path)
    with pytest.raises(DomainError, match=".csv 或 .xlsx"):
        read_register(tmp_path / "firms.txt")
