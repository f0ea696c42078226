"""The Popolo export checked against the Popolo JSON schemas (draft-03, copied in popolo_schemas/).

jsonschema is not a dependency, so `check` implements the parts of draft-03 the schemas use: type,
pattern, format uri, required, items, properties and $ref. It is stricter in one way: every key the
export writes must be a property the schema declares, so field names cannot drift from Popolo's.
"""
import json
import re
from functools import cache
from pathlib import Path

from zhengwu.org.from_gazette import find_document
from zhengwu.org.popolo import export_popolo

from .conftest import day

SCHEMAS = Path(__file__).resolve().parent / "popolo_schemas"
TYPES = {"string": str, "array": list, "object": dict, "integer": int, "number": (int, float), "boolean": bool,
         "null": type(None)}
REF_RE = re.compile(r"^http://www\.popoloproject\.com/schemas/(?P<name>[a-z_]+)\.json#$")


@cache
def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))


def check(value, rules: dict, path: str) -> list[str]:
    if "$ref" in rules:
        rules = schema(REF_RE.match(rules["$ref"])["name"])
    errors = []
    kinds = rules.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds or []
    if kinds and not any(isinstance(value, TYPES[k]) and not (k in ("integer", "number") and isinstance(value, bool))
                         for k in kinds):
        return [f"{path}: {value!r} is not {kinds}"]
    if isinstance(value, str) and "pattern" in rules and not re.search(rules["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {rules['pattern']}")
    if isinstance(value, str) and rules.get("format") == "uri" and not re.match(r"^[a-z][a-z0-9+.-]*://", value):
        errors.append(f"{path}: {value!r} is not an absolute URI")
    if isinstance(value, list) and "items" in rules:
        for i, item in enumerate(value):
            errors += check(item, rules["items"], f"{path}[{i}]")
    if isinstance(value, dict) and "properties" in rules:
        props = rules["properties"]
        errors += [f"{path}.{k}: required" for k, p in props.items() if p.get("required") and k not in value]
        for key, item in value.items():
            if key not in props:
                errors.append(f"{path}.{key}: not a property of {rules.get('title')}")
            else:
                errors += check(item, props[key], f"{path}.{key}")
    return errors


def test_the_checker_finds_what_is_wrong():
    person = schema("person")
    assert check({"id": "person/1", "name": "罗成"}, person, "p") == []
    assert check({"name": 3}, person, "p") == ["p.name: 3 is not ['string', 'null']"]
    assert check({"birth_date": "1970-1-1"}, person, "p")[0].startswith("p.birth_date: '1970-1-1' does not match")
    assert check({"fullname": "x"}, person, "p") == ["p.fullname: not a property of Person"]
    assert check({"sources": [{"note": "x"}]}, person, "p") == ["p.sources[0].url: required"]
    assert check({"sources": [{"url": "/docs/1"}]}, person, "p") == ["p.sources[0].url: '/docs/1' is not an absolute URI"]


def test_the_export_is_valid_popolo(registry):
    data = export_popolo(day("2021-07-15"), base_url="http://zhengwu.example")
    errors = []
    for key, name in (("persons", "person"), ("organizations", "organization"), ("posts", "post"),
                      ("memberships", "membership")):
        for i, item in enumerate(data[key]):
            errors += check(item, schema(name), f"{key}[{i}]")
    assert errors == []


def test_the_export_links_everything_by_id(registry):
    data = export_popolo(day("2021-07-15"))
    ids = {key: {item["id"] for item in data[key]} for key in data}
    assert all(len(ids[key]) == len(data[key]) for key in data)  # ids are unique
    for post in data["posts"]:
        assert post["organization_id"] in ids["organizations"]
    for org in data["organizations"]:
        assert org["parent_id"] is None or org["parent_id"] in ids["organizations"]
    for m in data["memberships"]:
        assert (m["person_id"] in ids["persons"] and m["post_id"] in ids["posts"]
                and m["organization_id"] in ids["organizations"])


def test_the_export_says_what_the_registry_says(registry):
    data = export_popolo(day("2021-07-15"), base_url="http://zhengwu.example")
    orgs = {o["name"]: o for o in data["organizations"]}
    emergency = orgs["重庆市綦江区应急管理局"]
    assert {"name": "区应急局", "note": "简称"} in [{"name": n["name"], "note": n["note"][:2]} for n in
                                                  emergency["other_names"]]
    hq = orgs["区自然灾害应急总指挥部"]
    assert (hq["dissolution_date"], hq["classification"]) == ("2021-06-29", "command_hq")
    document = find_document("綦江府办〔2021〕25号")
    assert hq["sources"] == [{"url": f"http://zhengwu.example{document.get_absolute_url()}", "note": document.number}]
    forest = orgs["区森林草原防灭火指挥部"]
    assert forest["parent_id"] == orgs["重庆市綦江区减灾委员会"]["id"]
    persons = {p["id"]: p for p in data["persons"]}
    assert {p["name"]: p["gender"] for p in data["persons"] if p["name"] in ("王海艳", "廖建伟")} == {
        "王海艳": "female", "廖建伟": None}
    seat_posts = {p["id"]: p for p in data["posts"] if p["id"].startswith("seat/")}
    office_heads = [m for m in data["memberships"] if m["post_id"] in seat_posts
                    and seat_posts[m["post_id"]]["label"] == "区安委会办公室主任（区应急局主要负责人）"]
    assert [(persons[m["person_id"]]["name"], m["role"], m["start_date"]) for m in office_heads] == [
        ("江宗华", "主任", "2021-06-29")]
    probation = next(m for m in data["memberships"] if m["id"].startswith("membership/")
                     and persons[m["person_id"]]["name"] == "廖建伟")
    assert (probation["role"], probation["start_date"], probation["end_date"]) == ("副总经理", "2021-06-27", None)
