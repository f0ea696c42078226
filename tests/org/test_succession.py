"""Seats follow posts (24号/25号: 由承担相应职务的领导或负责人自行承接担任): a new 区应急局局长 from
2021-08-01 takes every seat the post holds, by name or as 区应急局主要负责人, with no new document."""
import pytest

from zhengwu.org.appointments import appoint
from zhengwu.org.changes import changes
from zhengwu.org.holders import post_history
from zhengwu.org.registry import add_person
from zhengwu.org.resolve import find_organization, find_post
from zhengwu.org.roster import seats_of

from .conftest import day, roster_json, seats_json

HQS = ["区森林草原防灭火指挥部", "区防汛抗旱指挥部", "区抗震救灾和地质灾害防治救援指挥部", "区气象灾害防御指挥部"]


@pytest.fixture
def new_director(registry):
    person = add_person("周新", by="人事科", reason="测试接任")
    appoint(person, find_post("区应急局局长"), day("2021-08-01"), by="人事科", reason="区政府常务会决定")
    return person


def sitters(body: str, on: str, post: str) -> list:
    return [line["person"] for line in roster_json(body, on) if line["post"] == post]


@pytest.mark.parametrize(("on", "who"), [("2021-07-31", "江宗华"), ("2021-08-01", "周新"), ("2021-08-02", "周新")])
def test_every_seat_of_the_post_changes_hands_on_the_day(new_director, on, who):
    assert sitters("区安委会", on, "区应急局局长") == [who]  # 副主任, named
    assert sitters("区安委会", on, "区应急局主要负责人") == [who]  # 成员, ex officio
    assert roster_json("区安委会办公室", on)[0] == {
        "role": "主任", "person": who, "post": "区应急局主要负责人", "unit": "区应急局"}
    for hq in HQS:
        assert sitters(hq, on, "区应急局局长") == [who]
    for office in ("危险化学品安全办公室", "矿山安全办公室", "工贸安全办公室", "区减灾委办公室"):
        assert sitters(office, on, "区应急局主要负责人") == [who]


def test_the_previous_director_leaves_every_seat_the_day_before(new_director):
    assert len(seats_of(new_director, day("2021-08-02"))) == 12
    assert seats_json("江宗华", "2021-08-02") == []
    assert len(seats_json("江宗华", "2021-07-31")) == 12


def test_the_previous_membership_ends_the_day_before_by_succession(new_director):
    history = post_history(find_post("区应急局局长"))
    assert [(h.person.name, h.start_date, h.end_date, h.end_reason) for h in history] == [
        ("江宗华", day("2021-06-29"), day("2021-07-31"), "succession"),
        ("周新", day("2021-08-01"), None, ""),
    ]


def test_the_change_shows_in_what_changed(new_director):
    found = [c.as_json() for c in changes(find_organization("区安委会"), day("2021-07-01"), day("2021-08-31"))]
    assert found == [
        {"date": "2021-08-01", "kind": "replaced", "kind_label": "接任", "role": "副主任", "post": "区应急局局长",
         "unit": "区应急局", "person": "周新", "previous": "江宗华"},
        {"date": "2021-08-01", "kind": "replaced", "kind_label": "接任", "role": "成员", "post": "区应急局主要负责人",
         "unit": "区应急局", "person": "周新", "previous": "江宗华"},
    ]


def test_a_new_deputy_mayor_does_not_take_a_named_deputys_seat(registry):
    """副区长 is held by several: which one takes a seat is a division of work the registry cannot know."""
    person = add_person("钱副", by="人事科")
    appoint(person, find_post("区政府副区长"), day("2021-08-01"), by="人事科")
    lines = roster_json("区安委会", "2021-08-02")
    assert lines[2] == {"role": "副主任", "person": "蒋华江", "post": "区政府副区长", "unit": "区政府"}
    assert all(line["person"] != "钱副" for line in lines)
