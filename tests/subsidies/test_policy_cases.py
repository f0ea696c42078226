"""Every case of tests/subsidies/cases/*.yaml (one file per item of 綦江府办发〔2021〕26号), run through quote().

The files are for the science bureau to read; their format is in cases/README.md.
"""
import re
from pathlib import Path

import pytest
import yaml

from zhengwu.core.errors import DomainError
from zhengwu.subsidies.rules import load_rules, quote

CASES = Path(__file__).resolve().parent / "cases"


class Loader(yaml.SafeLoader):
    """YAML 1.1 reads on / off / yes / no as booleans; here only true and false are — `on` is the day."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                             list("tTfF"))


def _cases() -> list:
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        book = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506
        for case in book["cases"]:
            found.append(pytest.param(book["defaults"], case, id=f"{path.stem}: {case['name']}"))
    return found


@pytest.mark.parametrize(("defaults", "case"), _cases())
def test_case(defaults: dict, case: dict) -> None:
    facts = {"applicant": case.get("applicant", defaults["applicant"]), "on": case.get("on", defaults["on"]),
             "claims": case["claims"]}
    rules = load_rules(*case.get("versions", [])) if case.get("versions") else None
    if "error" in case:
        with pytest.raises(DomainError) as caught:
            quote(facts, rules=rules)
        assert caught.value.field == case["error"], caught.value
        assert case.get("message", "") in caught.value.message
        return
    answer = quote(facts, rules=rules).as_json()
    expect = case["expect"]
    assert answer["total"] == expect["total"], answer
    if "amounts" in expect:
        assert [line["amount"] for line in answer["lines"]] == expect["amounts"]
    first = answer["lines"][0]
    if "reason" in expect:
        assert expect["reason"] in first.get("reason", ""), first
    else:  # a paid line carries no reason
        assert all("reason" not in line for line in answer["lines"] if line["amount"] != "0.00")
    for key in ("up_to", "pending"):
        if key in expect:
            assert first[key] == expect[key], first
    texts = [basis["cite"] + "：" + basis["text"] for line in answer["lines"] for basis in line["basis"]]
    for words in expect.get("basis", []):
        assert any(words in text for text in texts), (words, texts)


def test_every_money_item_has_a_file_of_cases():
    from zhengwu.subsidies.rules import ITEMS

    numbers = {int(path.stem.split("_")[1]) for path in CASES.glob("item_*.yaml")}
    money = {index for index, item in enumerate(ITEMS.values(), start=1) if item.kind != "no_money"}
    assert money <= numbers, money - numbers
