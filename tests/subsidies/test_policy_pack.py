"""The policy pack of 綦江府办发〔2021〕26号: quoted texts are the seed's, every item is represented, the
catalogue and the fields description have the shapes the web side relies on."""
import datetime as dt
import re

import pytest

from zhengwu.core.errors import DomainError
from zhengwu.subsidies.rules import (
    FORMS,
    ITEMS,
    RECOGNITIONS,
    default_rules,
    fields_description,
    items_catalogue,
    load_rules,
)
from zhengwu.subsidies.rules.parameters import POLICY


@pytest.fixture(scope="module")
def items_text(seed_text: str) -> dict[str, str]:
    start = seed_text.index("綦江区支持科技创新若干财政金融政策\n")
    body = seed_text[start:seed_text.index("抄送:区委办公室", start)]
    found = {}
    for line in body.splitlines():
        matched = re.match(r"^\(([一二三四五六七八九十]+)\)(.*)$", line)
        if matched:
            found[matched.group(1)] = matched.group(2)
    return found


def test_the_policy_is_in_force_from_the_day_it_was_issued(seed_text):
    document = default_rules().document
    assert document.number == POLICY and document.effective == dt.date(2021, 6, 16)
    assert "2021年6月16日印发" in seed_text and document.text == "2021年6月16日印发"


def test_every_quoted_text_is_the_seeds_text_of_the_item_it_cites(items_text):
    rules = default_rules()
    quoted = [v for versions in rules.versions.values() for v in versions] + list(rules.clauses.values())
    assert len(quoted) > 90
    for entry in quoted:
        item = re.fullmatch(rf"{re.escape(POLICY)}（(.+)）", entry.cite).group(1)
        assert entry.text in items_text[item], (entry.cite, entry.text)


def test_the_23_items_are_all_represented(items_text):
    assert list(ITEMS) == list(items_text) and len(ITEMS) == 23
    kinds = {number: item.kind for number, item in ITEMS.items()}
    assert [n for n, k in kinds.items() if k == "fixed"] == ["一", "二", "三", "四", "七", "八", "十八", "十九"]
    assert [n for n, k in kinds.items() if k == "computed"] == ["五", "六", "十", "十三", "十四", "十七"]
    assert [n for n, k in kinds.items() if k == "case_by_case"] == ["十一", "二十"]
    assert [n for n, k in kinds.items() if k == "no_money"] == ["九", "十二", "十五", "十六", "二十一", "二十二", "二十三"]


def test_each_recognition_has_its_amount_and_the_spec_amounts_hold():
    on = dt.date(2021, 9, 1)
    rules = default_rules()
    amounts = {code: rules.value(r.parameter, on) for code, r in RECOGNITIONS.items()}
    assert amounts["national_key_lab"] == 600000 and amounts["municipal_sme_rd_centre"] == 40000
    assert amounts["national_new_rd_institution"] == 1000000 and amounts["academician_office"] == 200000
    assert amounts["municipal_expert_courtyard"] == 30000 and amounts["national_incubator"] == 500000
    assert len(RECOGNITIONS) == 36


def test_each_formula_is_named_after_its_item_and_cites_it():
    for number, item in ITEMS.items():
        for formula in item.formulas.values():
            index = list(ITEMS).index(number) + 1
            assert formula.__name__.startswith(f"item_{index}_"), formula.__name__
            assert f"（{number}）" in formula.__doc__, formula.__name__


def test_the_catalogue_lists_items_rules_codes_and_fields():
    catalogue = items_catalogue(on=dt.date(2021, 9, 1))
    by_item = {entry["item"]: entry for entry in catalogue}
    assert by_item["一"]["recognitions"][0] == {"code": "national_key_lab", "name": "国家重点实验室",
                                                "rule": "recognition", "amount": "600000.00"}
    assert [r["rule"] for r in by_item["十七"]["rules"]] == ["sales_tiers", "high_tech_products",
                                                              "technology_contracts"]
    assert by_item["十一"]["up_to"] == "20000000.00" and by_item["二十"]["up_to"] is None
    assert by_item["九"]["kind"] == "no_money" and by_item["九"]["note"]
    six = {p["name"]: p["value"] for p in by_item["六"]["parameters"]}
    assert six["六.above.cap"] == "500000" and six["六.below.minimum"] == "1000"


def test_the_fields_description_covers_every_form_in_a_simple_format():
    described = fields_description()
    assert set(described) == {"types", "common", "forms"}
    assert len(described["forms"]) == len(FORMS)
    for form in described["forms"]:
        assert set(form) == {"item", "rule", "label", "fields"}
        for field in form["fields"]:
            assert field["type"] in described["types"]
            assert {"name", "label", "type", "required", "help"} <= set(field)
            assert ("choices" in field) == (field["type"] == "choice")
            assert ("of" in field) == (field["type"] == "list")
    six = next(f for f in described["forms"] if f["item"] == "六")
    assert [f["name"] for f in six["fields"]] == ["scale", "rd_spend", "revenue", "has_rd_institution",
                                                  "gets_rd_reserve"]
    assert described["common"][0]["name"] == "also_paid"


def test_an_extra_version_must_name_a_known_parameter():
    with pytest.raises(DomainError) as caught:
        load_rules({"name": "六.above.cap_", "value": 1, "effective": "2022-01-01", "cite": "c", "text": "t"})
    assert caught.value.field == "value[1].name" and "六.above.cap" in caught.value.message
