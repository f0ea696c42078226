"""Reward rules of 綦应急发〔2021〕41号 (SPEC S7): 第五条（一）（二）, 第八条, grades per 国务院令第493号第三条, versions.

Expected amounts are worked out here from the document's own numbers (15%, 30万元, 3/4/5/6万元 per death),
not read back from the parameter file, so a wrong parameter fails these tests.
"""
import datetime as dt
import re
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from zhengwu.core.dates import today
from zhengwu.core.errors import DomainError
from zhengwu.reports.rules import AccidentGrade, accident_grade, compute_reward, default_rules, load_rules

RULES_DIR = Path(__file__).resolve().parents[2] / "zhengwu" / "reports" / "rules"
SEED = Path(__file__).resolve().parents[2] / "zhengwu" / "demo" / "seed" / "000_c62ba9d0d4872cf1.txt"
ON = "2021-09-01"  # a day the original standards are in force
CAP = Decimal(300000)
PER_DEATH = {"一般": 30000, "较大": 40000, "重大": 50000, "特别重大": 60000}
FEN = Decimal("0.01")


def reward(**facts):
    facts.setdefault("verified_on", ON)
    return compute_reward(facts)


def violation(fine, **more):
    return reward(kind="violation", fine=fine, **more)


def accident(**facts):
    return reward(kind="concealed_accident", **facts)


def cites(result) -> list[str]:
    return [line["cite"] for line in result.basis]


def line(result, cite: str) -> str:
    found = [b["text"] for b in result.basis if b["cite"] == cite]
    assert found, f"no basis line cited {cite}: {cites(result)}"
    return found[0]


@pytest.fixture(scope="module")
def seed_articles() -> str:
    """The 奖励办法 as the seed prints it, from its title to the attachment line."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("重庆市綦江区安全生产举报奖励办法\n")
    return text[start:text.index("附件:各行业领域安全生产重点举报事项清单", start)]


# --- the parameter file quotes the document ---------------------------------------------------------------

def test_every_text_of_the_reward_file_is_quoted_exactly_from_the_seed(seed_articles):
    table = tomllib.loads((RULES_DIR / "qiyingji_2021_41.toml").read_text(encoding="utf-8"))
    entries = [table["document"], *table["value"], *table["clause"]]
    assert len(entries) == 18  # the document, 8 values, 9 clauses
    for entry in entries:
        assert entry["text"] in seed_articles, entry["cite"]
        assert entry["cite"].startswith("綦应急发〔2021〕41号第")


def test_every_value_has_an_effective_day_a_cite_and_a_text():
    rules = default_rules()
    assert rules.reward_document.effective == dt.date(2021, 6, 18)  # 第十六条 自印发之日起施行
    for name, versions in rules.versions.items():
        for version in versions:
            assert isinstance(version.effective, dt.date), name
            assert re.match(r"^(綦应急发〔2021〕41号|国务院令第493号)第.+条", version.cite), name
            assert version.text, name


def test_the_documents_numbers_are_the_parameters():
    rules, on = default_rules(), dt.date(2021, 9, 1)
    assert rules.value("violation_rate", on) == Decimal("0.15")
    assert rules.value("violation_cap", on) == rules.value("accident_cap", on) == CAP
    assert {g.value: rules.value(f"per_death_{g.key}", on) for g in AccidentGrade} == PER_DEATH
    assert rules.value("minimum_reward", on) is None  # Decision: the document sets none
    assert [rules.value(f"deaths_{k}", on) for k in ("larger", "major", "especially_major")] == [3, 10, 30]
    assert [rules.value(f"serious_injuries_{k}", on) for k in ("larger", "major", "especially_major")] == [10, 50, 100]
    assert [rules.value(f"direct_loss_{k}", on) for k in ("larger", "major", "especially_major")] == [
        10_000_000, 50_000_000, 100_000_000]


# --- 第五条（一） violations -------------------------------------------------------------------------------------

def test_a_violation_earns_fifteen_percent_of_the_fine(seed_articles):
    result = violation("1000000")
    assert result.amount == Decimal("150000.00")
    assert result.as_json()["amount"] == "150000.00"
    assert result.basis[0]["cite"] == "綦应急发〔2021〕41号第五条（一）"
    assert "(一)" + result.basis[0]["text"] in seed_articles
    assert "1000000 元 × 15% = 150000.00 元" in line(result, "计算")
    assert "取舍（Decision）" not in cites(result)  # rounding changed nothing, so it is not mentioned


def test_the_cap_is_reached_exactly_at_a_fine_of_two_million():
    at = violation("2000000")
    assert at.amount == CAP
    assert "恰为最高奖励 300000 元" in line(at, "计算") and "“不超过”包括本数" in line(at, "计算")
    above = violation("2000000.01")
    assert above.amount == CAP
    assert "超过最高奖励 300000 元，按 300000 元" in line(above, "计算")


def test_just_below_the_cap_rounding_to_the_fen_reaches_it_and_says_so():
    # 15% of 1999999.99 is 299999.9985 — below the cap; rounded half up at the fen it is 300000.00.
    result = violation("1999999.99")
    assert result.amount == Decimal("300000.00")
    assert "= 299999.9985 元，未超过最高奖励" in line(result, "计算")
    assert line(result, "取舍（Decision）") == "金额精确到分，按四舍五入（ROUND_HALF_UP）：299999.9985 元 → 300000.00 元。"


def test_rounding_is_half_up_not_half_even():
    # 15% of 0.30 is 0.045: half up gives 0.05 (half even would give 0.04)
    assert violation("0.30").amount == Decimal("0.05")
    assert violation("1999999.90").amount == Decimal("299999.99")  # 299999.985


def test_a_zero_fine_earns_nothing_and_trailing_zeros_are_no_extra_decimals():
    assert violation("0").amount == Decimal("0.00")
    assert violation("100.500").amount == Decimal("15.08")  # 15.075 → 15.08


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False,
                   allow_infinity=False))
@example(Decimal("2000000")).via("the cap exactly")
@example(Decimal("1999999.99")).via("rounded up to the cap")
@example(Decimal("0.01"))
def test_a_violation_reward_is_fifteen_percent_capped_for_any_fine(fine):
    exact = fine * Decimal(15) / Decimal(100)
    expected = min(exact, CAP).quantize(FEN, rounding=ROUND_HALF_UP)
    result = violation(str(fine))
    assert result.amount == expected
    assert Decimal(result.as_json()["amount"]) == expected
    assert ("取舍（Decision）" in cites(result)) == (min(exact, CAP) != expected)


@given(st.decimals(min_value=0, max_value=Decimal("3000000"), places=2),
       st.decimals(min_value=0, max_value=Decimal("3000000"), places=2))
def test_a_larger_fine_never_earns_less(a, b):
    low, high = sorted((a, b))
    assert violation(str(low)).amount <= violation(str(high)).amount <= CAP


def test_fines_are_accepted_as_numbers_too():
    assert violation(1000000).amount == violation(Decimal("1000000")).amount == Decimal("150000.00")
    assert violation(123.45).amount == Decimal("18.52")  # 18.5175


# --- 第五条（二） concealed or falsely reported accidents ---------------------------------------------------------

@pytest.mark.parametrize("grade", list(PER_DEATH))
def test_each_grade_pays_its_amount_per_concealed_death(grade, seed_articles):
    result = accident(grade=grade, concealed_deaths=2)
    assert result.amount == Decimal(PER_DEATH[grade] * 2)
    assert result.basis[0]["cite"] == "綦应急发〔2021〕41号第五条（二）"
    assert "(二)" + result.basis[0]["text"] in seed_articles
    assert f"{grade}事故（按最终确认的事故等级）每查实瞒报谎报1人奖励 {PER_DEATH[grade]} 元 × 2 人" in line(result, "计算")


def test_the_grade_may_be_written_with_shigu():
    assert accident(grade="较大事故", concealed_deaths=1).amount == Decimal(40000)


def test_especially_major_with_six_concealed_deaths_is_capped():
    result = accident(grade="特别重大", concealed_deaths=6)
    assert result.amount == CAP
    assert "= 360000 元，超过最高奖励 300000 元，按 300000 元" in line(result, "计算")


def test_five_especially_major_deaths_reach_the_cap_exactly():
    result = accident(grade="特别重大", concealed_deaths=5)
    assert result.amount == CAP
    assert "恰为最高奖励" in line(result, "计算")


@given(st.sampled_from(list(PER_DEATH)), st.integers(min_value=1, max_value=200))
def test_an_accident_reward_is_per_death_times_deaths_capped(grade, concealed):
    assert accident(grade=grade, concealed_deaths=concealed).amount == min(Decimal(PER_DEATH[grade] * concealed), CAP)


# --- accident grades from facts, 国务院令第493号第三条 ----------------------------------------------------------

GRADES = list(PER_DEATH)
THRESHOLDS = [  # criterion, threshold, grade below it, grade from it on
    ("deaths", 3, "一般", "较大"), ("deaths", 10, "较大", "重大"), ("deaths", 30, "重大", "特别重大"),
    ("serious_injuries", 10, "一般", "较大"), ("serious_injuries", 50, "较大", "重大"),
    ("serious_injuries", 100, "重大", "特别重大"),
    ("direct_loss", 10_000_000, "一般", "较大"), ("direct_loss", 50_000_000, "较大", "重大"),
    ("direct_loss", 100_000_000, "重大", "特别重大"),
]


def graded(criterion: str, amount) -> dict:
    facts = {"deaths": 1, "concealed_deaths": 1}
    facts[criterion] = str(amount) if criterion == "direct_loss" else amount
    return facts


@pytest.mark.parametrize(("criterion", "threshold", "below", "from_on"), THRESHOLDS)
def test_a_threshold_belongs_to_the_higher_grade(criterion, threshold, below, from_on):
    step = Decimal("0.01") if criterion == "direct_loss" else 1
    for amount, grade in ((threshold - step, below), (threshold, from_on), (threshold + step, from_on)):
        result = accident(**graded(criterion, amount))
        assert result.amount == Decimal(PER_DEATH[grade]), (criterion, amount)
        assert f"由事故事实认定为{grade}事故" in line(result, "事故等级认定"), (criterion, amount)
    at = accident(**graded(criterion, threshold))
    assert "国务院令第493号第三条第三款" in cites(at)  # the article's own 以上/以下 decided it
    assert "恰为界值" in line(at, "事故等级认定")
    off = accident(**graded(criterion, threshold + step))
    assert "国务院令第493号第三条第三款" not in cites(off) and "恰为界值" not in line(off, "事故等级认定")


def test_the_boundary_line_quotes_the_article_and_the_grade_item():
    result = accident(deaths=10, concealed_deaths=1)
    assert {"cite": "国务院令第493号第三条第三款",
            "text": "本条第一款所称的“以上”包括本数，所称的“以下”不包括本数。"} in result.basis
    assert line(result, "国务院令第493号第三条（二）").startswith("重大事故，是指造成10人以上30人以下死亡")
    assert "死亡10人 → 重大事故（恰为界值10人" in line(result, "事故等级认定")
    assert line(result, "事故等级认定").endswith("决定等级的是：死亡人数。")


def test_the_highest_criterion_decides_and_is_named():
    result = accident(deaths=2, serious_injuries=60, direct_loss="20000000", concealed_deaths=2)
    assert result.amount == Decimal(PER_DEATH["重大"] * 2)
    said = line(result, "事故等级认定")
    assert "死亡2人 → 一般事故" in said and "重伤60人 → 重大事故" in said and "直接经济损失2000万元 → 较大事故" in said
    assert said.endswith("决定等级的是：重伤人数。")
    assert "国务院令第493号第三条（二）" in cites(result)


def test_an_ordinary_accident_quotes_item_four_and_says_what_was_not_given():
    result = accident(deaths=2, concealed_deaths=2)
    assert result.amount == Decimal(60000)
    assert line(result, "国务院令第493号第三条（四）").startswith("一般事故，是指造成3人以下死亡")
    assert "重伤人数未提供，未计入" in line(result, "事故等级认定")


def test_a_grade_given_with_facts_that_agree_is_accepted():
    result = accident(grade="重大", deaths=12, concealed_deaths=3)
    assert result.amount == Decimal(150000)
    assert "由事故事实认定，与所给等级一致" in line(result, "计算")


@given(st.integers(0, 200), st.integers(0, 300), st.integers(0, 300_000_000))
def test_the_grade_is_the_highest_any_criterion_reaches(deaths, injuries, loss):
    def level(amount, thresholds):
        return sum(amount >= t for t in thresholds)

    expected = GRADES[max(level(deaths, (3, 10, 30)), level(injuries, (10, 50, 100)),
                          level(loss, (10_000_000, 50_000_000, 100_000_000)))]
    finding = accident_grade({"deaths": deaths, "serious_injuries": injuries, "direct_loss": Decimal(loss)},
                             on=dt.date(2021, 9, 1), rules=default_rules())
    assert finding.grade.value == expected


# --- 第八条 no reward -----------------------------------------------------------------------------------------

EXCLUSIONS = [("under_investigation", "一"), ("correction_period", "二"), ("self_found", "三"), ("unverified", "四"),
              ("media_exposed", "五"), ("judicial", "六"), ("rewarded_elsewhere", "七"), ("supervisory_staff", "八")]


@pytest.mark.parametrize(("code", "item"), EXCLUSIONS)
@pytest.mark.parametrize("kind", ["violation", "concealed_accident"])
def test_each_case_of_article_eight_means_no_reward_and_quotes_the_case(code, item, kind, seed_articles):
    facts = {"fine": "1000000"} if kind == "violation" else {"grade": "重大", "concealed_deaths": 3}
    result = reward(kind=kind, exclusions=[code], **facts)
    assert result.amount == Decimal("0.00") and result.as_json()["amount"] == "0.00"
    assert result.basis[0] == {"cite": "綦应急发〔2021〕41号第八条", "text": "下列情况不适用于本办法:"}
    quoted = line(result, f"綦应急发〔2021〕41号第八条（{item}）")
    assert f"({item}){quoted}" in seed_articles
    assert "第五条" not in " ".join(cites(result))


def test_several_cases_are_quoted_in_the_articles_order():
    result = violation("1000", exclusions=["judicial", "media_exposed", "judicial"])
    assert cites(result)[:3] == ["綦应急发〔2021〕41号第八条", "綦应急发〔2021〕41号第八条（五）",
                                 "綦应急发〔2021〕41号第八条（六）"]
    assert line(result, "计算") == "属第八条（五）、第八条（六）所列情形，不适用本办法，不予奖励：0.00 元。"


def test_an_empty_exclusion_list_changes_nothing():
    assert violation("1000", exclusions=[]).amount == Decimal("150.00")


# --- versions ------------------------------------------------------------------------------------------------

RAISED_CAP = {"name": "accident_cap", "value": "400000", "effective": "2022-01-01",
              "cite": "綦应急发〔2021〕99号（调整）", "text": "瞒报谎报事故举报奖励最高不超过40万元。"}


def test_a_later_version_applies_only_from_its_effective_day():
    rules = load_rules(RAISED_CAP)
    facts = {"kind": "concealed_accident", "grade": "特别重大", "concealed_deaths": 7}
    before = compute_reward(facts | {"verified_on": "2021-12-31"}, rules=rules)
    assert before.amount == CAP and "綦应急发〔2021〕99号（调整）" not in cites(before)
    from_on = compute_reward(facts | {"verified_on": "2022-01-01"}, rules=rules)
    assert from_on.amount == Decimal(400000)  # 7 × 60000 = 420000, the new cap
    assert {"cite": RAISED_CAP["cite"], "text": RAISED_CAP["text"]} in from_on.basis
    assert "超过最高奖励 400000 元" in line(from_on, "计算")
    assert compute_reward(facts | {"verified_on": "2022-01-01"}).amount == CAP  # the shipped rules are unchanged


def test_a_version_file_passed_in_adds_versions(tmp_path):
    extra = tmp_path / "adjusted.toml"
    extra.write_text('[[value]]\nname = "violation_rate"\nvalue = "0.2"\neffective = 2023-03-01\n'
                     'cite = "某部门公告 第一条"\ntext = "按行政处罚金额的20%计算。"\n', encoding="utf-8")
    rules = load_rules(extra)
    facts = {"kind": "violation", "fine": "10000"}
    assert compute_reward(facts | {"verified_on": "2023-02-28"}, rules=rules).amount == Decimal("1500.00")
    after = compute_reward(facts | {"verified_on": "2023-03-01"}, rules=rules)
    assert after.amount == Decimal("2000.00")
    assert after.basis[0] == {"cite": "某部门公告 第一条", "text": "按行政处罚金额的20%计算。"}
    assert after.basis[1]["cite"] == "綦应急发〔2021〕41号第五条（一）"  # the cap still comes from 第五条（一）


def test_a_minimum_set_later_lifts_small_rewards_but_not_excluded_ones():
    rules = load_rules({"name": "minimum_reward", "value": 500, "effective": "2022-06-01",
                        "cite": "示例公告 第二条", "text": "奖励不足500元的，按500元奖励。"})
    facts = {"kind": "violation", "fine": "1000", "verified_on": "2022-06-01"}
    lifted = compute_reward(facts, rules=rules)
    assert lifted.amount == Decimal("500.00")
    assert "低于最低奖励 500 元，按 500 元" in line(lifted, "计算") and "示例公告 第二条" in cites(lifted)
    assert compute_reward(facts | {"fine": "10000"}, rules=rules).amount == Decimal("1500.00")
    assert compute_reward(facts | {"exclusions": ["unverified"]}, rules=rules).amount == Decimal("0.00")


def test_the_default_day_is_today_in_chongqing():
    rules = load_rules(RAISED_CAP | {"effective": today().isoformat(), "cite": "今天起"},
                       RAISED_CAP | {"value": "500000", "effective": (today() + dt.timedelta(days=1)).isoformat(),
                                     "cite": "明天起"})
    result = compute_reward({"kind": "concealed_accident", "grade": "特别重大", "concealed_deaths": 9}, rules=rules)
    assert result.amount == Decimal(400000) and "今天起" in cites(result) and "明天起" not in cites(result)


@pytest.mark.parametrize(("extra", "field"), [
    ({"name": "acident_cap", "value": 1, "effective": "2022-01-01", "cite": "c", "text": "t"}, "value[1].name"),
    ({"name": "accident_cap", "value": 1, "effective": "2021-06-18", "cite": "c", "text": "t"}, "value[1].effective"),
    ({"name": "accident_cap", "value": 0.5, "effective": "2022-01-01", "cite": "c", "text": "t"}, "value[1].value"),
    ({"name": "accident_cap", "value": "-1", "effective": "2022-01-01", "cite": "c", "text": "t"}, "value[1].value"),
    ({"name": "accident_cap", "value": 1, "effective": "2022-02-30", "cite": "c", "text": "t"}, "value[1].effective"),
    ({"name": "accident_cap", "value": 1, "effective": "2022-01-01", "cite": "c"}, "value[1]"),
    ({"name": "accident_cap", "value": 1, "effective": "2022-01-01", "cite": "c", "text": " "}, "value[1].text"),
])
def test_a_bad_extra_version_is_refused_naming_the_field(extra, field):
    with pytest.raises(DomainError) as caught:
        load_rules(extra)
    assert caught.value.field == field


def test_a_missing_or_broken_version_file_is_refused(tmp_path):
    with pytest.raises(DomainError, match="找不到参数文件"):
        load_rules(tmp_path / "none.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[value]\n", encoding="utf-8")
    with pytest.raises(DomainError, match="不是有效的 TOML"):
        load_rules(broken)


# --- validation ----------------------------------------------------------------------------------------------

V = {"kind": "violation", "verified_on": ON}
A = {"kind": "concealed_accident", "verified_on": ON}
INVALID = [
    ("negative fine", V | {"fine": "-1"}, "fine"),
    ("negative fine as number", V | {"fine": -0.01}, "fine"),
    ("non-numeric fine", V | {"fine": "一百万"}, "fine"),
    ("fine with a thousands comma", V | {"fine": "1,000,000"}, "fine"),
    ("NaN fine", V | {"fine": "NaN"}, "fine"),
    ("NaN float fine", V | {"fine": float("nan")}, "fine"),
    ("infinite fine", V | {"fine": "Infinity"}, "fine"),
    ("infinite float fine", V | {"fine": float("inf")}, "fine"),
    ("fine of three decimals", V | {"fine": "100.001"}, "fine"),
    ("boolean fine", V | {"fine": True}, "fine"),
    ("list fine", V | {"fine": [1]}, "fine"),
    ("absurd fine", V | {"fine": "1000000000000"}, "fine"),
    ("missing fine", V, "fine"),
    ("unknown kind", {"kind": "bribery", "fine": "1"}, "kind"),
    ("missing kind", {"fine": "1"}, "kind"),
    ("unknown grade", A | {"grade": "特大", "concealed_deaths": 1}, "grade"),
    ("unknown exclusion", V | {"fine": "1", "exclusions": ["anonymous"]}, "exclusions"),
    ("exclusions not a list", V | {"fine": "1", "exclusions": "judicial"}, "exclusions"),
    ("fractional deaths", A | {"deaths": 2.5, "concealed_deaths": 1}, "deaths"),
    ("deaths as words", A | {"deaths": "三", "concealed_deaths": 1}, "deaths"),
    ("negative deaths", A | {"deaths": -1, "concealed_deaths": 1}, "deaths"),
    ("boolean deaths", A | {"deaths": True, "concealed_deaths": 1}, "deaths"),
    ("fractional serious injuries", A | {"deaths": 1, "serious_injuries": 1.5, "concealed_deaths": 1},
     "serious_injuries"),
    ("negative direct loss", A | {"deaths": 1, "direct_loss": "-5", "concealed_deaths": 1}, "direct_loss"),
    ("fractional concealed deaths", A | {"grade": "一般", "concealed_deaths": 1.5}, "concealed_deaths"),
    ("more concealed deaths than deaths", A | {"deaths": 5, "concealed_deaths": 6}, "concealed_deaths"),
    ("no concealed deaths", A | {"grade": "一般", "concealed_deaths": 0}, "concealed_deaths"),
    ("concealed deaths missing", A | {"grade": "一般"}, "concealed_deaths"),
    ("grade disagrees with the facts", A | {"grade": "较大", "deaths": 10, "concealed_deaths": 1}, "grade"),
    ("neither grade nor facts", A | {"concealed_deaths": 1}, "grade"),
    ("injuries without deaths", A | {"serious_injuries": 20, "concealed_deaths": 1}, "deaths"),
    ("accident grade on a violation", V | {"fine": "1", "grade": "一般"}, "grade"),
    ("concealed deaths on a violation", V | {"fine": "1", "concealed_deaths": 1}, "concealed_deaths"),
    ("deaths on a violation", V | {"fine": "1", "deaths": 3}, "deaths"),
    ("a fine on an accident", A | {"grade": "一般", "concealed_deaths": 1, "fine": "1"}, "fine"),
    ("unknown key", V | {"fine": "1", "amount": "1"}, "amount"),
    ("verified before the document took effect", V | {"fine": "1", "verified_on": "2021-06-17"}, "verified_on"),
    ("a day that does not exist", V | {"fine": "1", "verified_on": "2021-02-30"}, "verified_on"),
    ("not a date", V | {"fine": "1", "verified_on": "next week"}, "verified_on"),
    ("a date as a number", V | {"fine": "1", "verified_on": 20210901}, "verified_on"),
]


@pytest.mark.parametrize(("facts", "field"), [case[1:] for case in INVALID], ids=[case[0] for case in INVALID])
def test_bad_facts_are_refused_with_a_message_naming_the_field(facts, field):
    with pytest.raises(DomainError) as caught:
        compute_reward(facts)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert re.search(r"[\u4e00-\u9fff]", caught.value.message)  # the message is in Chinese


def test_facts_that_are_not_an_object_are_refused():
    with pytest.raises(DomainError) as caught:
        compute_reward(["violation", 1000])  # type: ignore[arg-type]
    assert caught.value.field == "facts"


def test_the_day_the_document_took_effect_is_accepted():
    assert violation("100", verified_on="2021-06-18").amount == Decimal("15.00")


def test_the_messages_say_what_is_wrong():
    with pytest.raises(DomainError, match="多于死亡人数 5"):
        compute_reward(A | {"deaths": 5, "concealed_deaths": 6})
    with pytest.raises(DomainError, match="早于綦应急发〔2021〕41号施行之日 2021-06-18"):
        compute_reward(V | {"fine": "1", "verified_on": "2021-06-17"})
    with pytest.raises(DomainError, match="与由事故事实认定的“重大”不一致"):
        compute_reward(A | {"grade": "较大", "deaths": 10, "concealed_deaths": 1})
    with pytest.raises(DomainError, match="没有奖励依据"):
        compute_reward(A | {"grade": "一般", "concealed_deaths": 0})
