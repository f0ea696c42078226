"""holders, post_history, changes and probations_ending over the seed registry."""
import pytest

from zhengwu.core.errors import DomainError
from zhengwu.org.changes import changes
from zhengwu.org.holders import holders, holdings, post_history
from zhengwu.org.probations import probations_ending
from zhengwu.org.resolve import find_organization, find_post

from .conftest import day


def names(people) -> list[str]:
    return [p.name for p in people]


def test_a_post_several_people_hold_lists_them_from_the_first_document_that_shows_them(registry):
    post = find_post("区政府副区长")
    assert names(holders(post, day("2021-06-20"))) == ["刘芳敏"]  # 24号, 2021-06-18
    assert names(holders(post, day("2021-07-01"))) == ["刘芳敏", "蒋华江", "蒲德洪"]  # + 25号, 2021-06-29
    assert post.max_holders is None and find_post("区政府常务副区长").max_holders == 1


def test_holders_of_a_post_filled_by_another_are_that_posts_holders(registry):
    assert names(holders(find_post("区应急局主要负责人"), day("2021-07-01"))) == ["江宗华"]
    assert [h.as_json() for h in holdings(find_post("区应急局主要负责人"), day("2021-07-01"))] == [{
        "person": "江宗华", "post": "区应急局局长", "start_date": "2021-06-29", "end_date": None, "end_reason": None,
        "start_basis": "attested", "probation_end": None, "decision": None, "end_decision": None,
        "document": "綦江府办〔2021〕25号", "note": ""}]
    assert holders(find_post("区教委主要负责人"), day("2021-07-01")) == []  # 区教委's head title is not known


def test_a_name_first_seen_in_a_later_document_keeps_the_earliest_date(registry):
    [line] = post_history(find_post("区政府常务副区长"))
    assert (line.person.name, line.start_date, line.start_basis, line.document) == (
        "施崇刚", day("2021-06-18"), "attested", "綦江府办〔2021〕24号")


def test_what_changed_when_a_body_was_founded(registry):
    found = changes(find_organization("綦河流域水环境综合治理PPP项目工作推进领导小组"), day("2021-06-01"),
                    day("2021-06-30"))
    assert [(c.date, c.kind) for c in found[:2]] == [(day("2021-06-18"), "founded"), (day("2021-06-18"), "seat_added")]
    assert len(found) == 1 + 40
    assert found[1].as_json()["person"] == "施崇刚"


def test_what_changed_when_the_hq_was_merged(registry):
    found = changes(find_organization("区自然灾害应急总指挥部"), day("2021-06-01"), day("2021-12-31"))
    assert [c.as_json() for c in found] == [{
        "date": "2021-06-29", "kind": "dissolved", "kind_label": "机构撤销", "role": "", "post": None, "unit": None,
        "person": None, "previous": None}]


def test_nothing_changed_in_a_quiet_period(registry):
    assert changes(find_organization("区安委会"), day("2021-07-01"), day("2021-12-31")) == []


def test_a_period_ending_before_it_starts_is_refused(registry):
    with pytest.raises(DomainError) as caught:
        changes(find_organization("区安委会"), day("2021-08-01"), day("2021-07-01"))
    assert (caught.value.field, caught.value.message) == ("to", "结束日期2021-07-01早于开始日期2021-08-01。")


@pytest.mark.parametrize(("within", "on", "expected"), [
    (60, "2022-05-01", [("廖建伟", "2022-06-26", 56)]),
    (55, "2022-05-01", []),
    (56, "2022-05-01", [("廖建伟", "2022-06-26", 56)]),
    (0, "2022-06-26", [("廖建伟", "2022-06-26", 0)]),
    (60, "2022-06-27", []),
])
def test_probations_ending_within_a_number_of_days(registry, within, on, expected):
    found = [(p.membership.person.name, p.membership.probation_end.isoformat(), p.days_left)
             for p in probations_ending(within, day(on))]
    assert found == expected


def test_a_probation_of_someone_who_left_is_not_listed(registry):
    from zhengwu.org.appointments import remove
    from zhengwu.org.resolve import find_person

    remove(find_person("廖建伟"), find_post("重庆兴能物产发展有限公司副总经理"), day("2022-01-01"), by="t")
    assert probations_ending(60, day("2022-05-01")) == []


def test_a_negative_number_of_days_is_refused(registry):
    with pytest.raises(DomainError) as caught:
        probations_ending(-1, day("2022-05-01"))
    assert caught.value.field == "within"


def test_the_directory_of_bodies_nests_offices_and_headquarters(registry):
    from zhengwu.org.directory import bodies

    lines = [(b.body.label, b.depth, b.seats) for b in bodies(day("2021-07-15"))]
    assert lines[:4] == [("綦河流域水环境综合治理PPP项目工作推进领导小组", 0, 40),
                         ("綦河流域水环境综合治理PPP项目工作推进领导小组办公室", 1, 3),
                         ("綦江区未成年人保护工作领导小组", 0, 37), ("綦江区未成年人保护工作领导小组办公室", 1, 10)]
    assert ("区森林草原防灭火指挥部办公室", 2, 2) in lines and ("工贸安全办公室", 1, 2) in lines
    assert len(lines) == 4 + 22 + 1  # 24号, 25号, the editorial board; dissolved bodies are not listed
    assert [b.body.label for b in bodies(day("2021-06-20"))][:4] == [
        "綦河流域水环境综合治理PPP项目工作推进领导小组", "綦河流域水环境综合治理PPP项目工作推进领导小组办公室",
        "綦江区未成年人保护工作领导小组", "綦江区未成年人保护工作领导小组办公室"]


def test_the_posts_a_person_holds(registry):
    from zhengwu.org.holders import posts_of
    from zhengwu.org.resolve import find_person

    assert [p.post.label for p in posts_of(find_person("施崇刚"), day("2021-07-15"))] == ["区委常委", "区政府常务副区长"]
    assert [p.post.label for p in posts_of(find_person("王昌鹏"), day("2021-06-26"))] == [
        "重庆市綦江区城市建设投资有限公司总经理"]
