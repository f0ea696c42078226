"""Every body the seed documents set up: seats per role, offices, nesting, abolitions and the merger.

Counts are taken by hand from the printed lists of 綦江府办〔2021〕24号 and 25号 and the masthead.
"""
from collections import Counter

import pytest

from zhengwu.core.errors import DomainError
from zhengwu.org.models import Organization, Seat
from zhengwu.org.resolve import find_organization

from .conftest import day, roster_json

ON = "2021-07-15"
PPP = "綦河流域水环境综合治理PPP项目工作推进领导小组"
MINORS = "綦江区未成年人保护工作领导小组"
HQS = {  # HQ → (roles, the second unit whose 分管负责人 co-heads its office)
    "区森林草原防灭火指挥部": ({"指挥长": 1, "常务副指挥长": 1, "副指挥长": 5, "成员": 23}, "区林业局"),
    "区防汛抗旱指挥部": ({"指挥长": 1, "常务副指挥长": 1, "副指挥长": 5, "成员": 23}, "区水利局"),
    "区抗震救灾和地质灾害防治救援指挥部": ({"指挥长": 1, "常务副指挥长": 1, "副指挥长": 4, "成员": 29}, "区规划自然资源局"),
    "区气象灾害防御指挥部": ({"指挥长": 1, "常务副指挥长": 1, "副指挥长": 4, "成员": 26}, "区气象局"),
}
ROLE_COUNTS = {
    PPP: {"组长": 1, "副组长": 4, "成员": 35},
    f"{PPP}办公室": {"主任": 1, "副主任": 2},
    MINORS: {"组长": 1, "副组长": 2, "成员": 34},
    f"{MINORS}办公室": {"主任": 1, "副主任": 9},
    "区安委会": {"主任": 1, "常务副主任": 1, "副主任": 3, "成员": 22 + 25},
    "区安委会办公室": {"主任": 1, "副主任": 1},
    "区减灾委": {"主任": 1, "常务副主任": 1, "副主任": 3, "成员": 2 + 6 + 25},
    "区减灾委办公室": {"主任": 1, "副主任": 1},
    "编辑委员会": {"顾问": 1, "主任": 1, "副主任": 9, "主编": 1, "责任编辑": 1, "编辑": 2},
    **{hq: roles for hq, (roles, _) in HQS.items()},
}
SPECIAL_OFFICES = {  # printed order → the unit it sits in and whose heads run it
    "道路交通安全办公室": "区公安交巡警支队", "水上交通安全办公室": "区交通局",
    "住房和城乡建设施工安全办公室": "区住房城乡建委", "危险化学品安全办公室": "区应急局",
    "矿山安全办公室": "区应急局", "旅游安全办公室": "区文化旅游委", "城市运行安全办公室": "区城市管理局",
    "消防安全办公室": "区消防救援支队", "特种设备安全办公室": "区市场监管局", "工贸安全办公室": "区应急局",
}


@pytest.mark.parametrize("body", ROLE_COUNTS)
def test_each_body_has_the_seats_its_list_prints(registry, body):
    lines = roster_json(body, ON)
    assert Counter(line["role"] for line in lines) == ROLE_COUNTS[body]
    assert Seat.objects.filter(body=find_organization(body)).count() == sum(ROLE_COUNTS[body].values())


def test_the_ppp_group_has_40_named_seats_in_printed_order(registry):
    lines = roster_json(PPP, ON)
    assert len(lines) == 40
    assert lines[:6] == [
        {"role": "组长", "person": "施崇刚", "post": "区政府常务副区长", "unit": "区政府"},
        {"role": "副组长", "person": "孙荣康", "post": "区电子政务中心主任", "unit": "区电子政务中心"},
        {"role": "副组长", "person": "刘刚", "post": "区发展改革委主任", "unit": "区发展改革委"},
        {"role": "副组长", "person": "李云", "post": "旅游度假区管委会主任", "unit": "旅游度假区管委会"},
        {"role": "副组长", "person": "何文战", "post": "长江环保集团上游公司副总经理", "unit": "长江环保集团上游公司"},
        {"role": "成员", "person": "黄鳌", "post": "区发展改革委副主任", "unit": "区发展改革委"},
    ]
    assert {"role": "成员", "person": "罗旭", "post": "新盛街道武装部长", "unit": "新盛街道"} in lines
    assert {"role": "成员", "person": "罗玉礼", "post": "扶欢镇宣传、统战委员", "unit": "扶欢镇"} in lines
    assert lines[-1] == {"role": "成员", "person": "蔡春江", "post": "横山镇党委副书记", "unit": "横山镇"}


def test_a_person_with_several_titles_sits_by_his_single_post_and_holds_the_others(registry):
    from zhengwu.org.holders import holders
    from zhengwu.org.resolve import find_post

    assert [p.name for p in holders(find_post("区委常委"), day(ON))] == ["施崇刚", "何先进"]
    assert [p.name for p in holders(find_post("区政府常务副区长"), day(ON))] == ["施崇刚"]
    assert [p.name for p in holders(find_post("中峰镇人大副主席"), day(ON))] == ["王成芳"]
    assert [p.name for p in holders(find_post("新盛街道办事处副主任"), day(ON))] == ["罗旭"]


def test_the_ppp_office_sits_in_the_development_commission_with_the_named_heads(registry):
    office = find_organization(f"{PPP}办公室")
    assert (office.parent.name, office.hosted_in.name, office.classification) == (PPP, "区发展改革委", "office")
    assert roster_json(f"{PPP}办公室", ON) == [
        {"role": "主任", "person": "刘刚", "post": "区发展改革委主任", "unit": "区发展改革委"},
        {"role": "副主任", "person": "李云", "post": "旅游度假区管委会主任", "unit": "旅游度假区管委会"},
        {"role": "副主任", "person": "何文战", "post": "长江环保集团上游公司副总经理", "unit": "长江环保集团上游公司"},
    ]


def test_the_minors_group_and_its_office_in_the_civil_affairs_bureau(registry):
    lines = roster_json(MINORS, ON)
    assert lines[:3] == [
        {"role": "组长", "person": "刘芳敏", "post": "区政府副区长", "unit": "区政府"},
        {"role": "副组长", "person": "李昌凤", "post": "区电子政务中心副主任", "unit": "区电子政务中心"},
        {"role": "副组长", "person": "冯永生", "post": "区民政局局长", "unit": "区民政局"},
    ]
    assert lines[-1] == {"role": "成员", "person": "帅宏", "post": "区烟草局副调研员", "unit": "区烟草局"}
    office = roster_json(f"{MINORS}办公室", ON)
    assert find_organization(f"{MINORS}办公室").hosted_in.name == "区民政局"
    assert [(line["role"], line["person"]) for line in office] == [("主任", "冯永生")] + [
        ("副主任", name) for name in ("吴小红", "刘扬", "犹正海", "罗辑", "刘波", "张晓勇", "黄开霞", "谢琳娜", "张凤")]
    assert office[2] == {"role": "副主任", "person": "刘扬", "post": "区法院专委", "unit": "区法院"}


def test_both_groups_were_founded_by_24_and_did_not_exist_the_day_before(registry):
    for name in (PPP, MINORS, f"{PPP}办公室"):
        body = find_organization(name)
        assert (body.founding_date, body.founding_document.number) == (day("2021-06-18"), "綦江府办〔2021〕24号")
    with pytest.raises(DomainError) as caught:
        roster_json(PPP, "2021-06-17")
    assert caught.value.field == "on" and "2021-06-18成立" in caught.value.message


def test_24_abolishes_three_bodies_and_hands_their_duties_to_the_minors_group(registry):
    abolished = Organization.objects.filter(dissolution_reason="abolished").order_by("pk")
    assert [(o.name, o.dissolution_date, o.successor.name, o.dissolution_document.number) for o in abolished] == [
        (name, day("2021-06-18"), MINORS, "綦江府办〔2021〕24号") for name in (
            "重庆市綦江区农村留守儿童关爱保护和困境儿童保障工作联席会议",
            "重庆市綦江区流浪未成年人救助保护工作领导小组",
            "重庆市綦江区未成年人救助保护工作领导小组")]
    assert abolished[0].classification == "joint_meeting"


def test_the_safety_committee_names_five_and_seats_units_ex_officio(registry):
    lines = roster_json("区安委会", ON)
    assert lines[:5] == [
        {"role": "主任", "person": "罗成", "post": "区政府区长", "unit": "区政府"},
        {"role": "常务副主任", "person": "施崇刚", "post": "区政府常务副区长", "unit": "区政府"},
        {"role": "副主任", "person": "蒋华江", "post": "区政府副区长", "unit": "区政府"},
        {"role": "副主任", "person": "孙荣康", "post": "区电子政务中心主任", "unit": "区电子政务中心"},
        {"role": "副主任", "person": "江宗华", "post": "区应急局局长", "unit": "区应急局"},
    ]
    members = lines[5:]
    assert [m["post"] for m in members[:2]] == ["区教委主要负责人", "区经济信息委主要负责人"]
    assert sum(m["post"].endswith("主要负责人") for m in members) == 22
    assert sum(m["post"].endswith("分管负责人") for m in members) == 25
    assert {"role": "成员", "person": "江宗华", "post": "区应急局主要负责人", "unit": "区应急局"} in members
    assert {"role": "成员", "person": "冯永生", "post": "区民政局主要负责人", "unit": "区民政局"} in members
    assert {"role": "成员", "person": None, "post": "区国资委分管负责人", "unit": "区国资委"} in members
    assert members[-1] == {"role": "成员", "person": None, "post": "区税务局分管负责人", "unit": "区税务局"}
    # one unit printed two ways (区住房城乡建设委 in the list, 区住房城乡建委 elsewhere) is one unit
    assert {"role": "成员", "person": None, "post": "区住房城乡建委主要负责人", "unit": "区住房城乡建委"} in members


def test_the_safety_committee_office_is_headed_ex_officio_by_the_emergency_bureau(registry):
    office = find_organization("区安委会办公室")
    assert (office.name, office.parent.short_name, office.hosted_in.name) == (
        "重庆市綦江区安全生产委员会办公室", "区安委会", "重庆市綦江区应急管理局")
    assert roster_json("区安委会办公室", ON) == [
        {"role": "主任", "person": "江宗华", "post": "区应急局主要负责人", "unit": "区应急局"},
        {"role": "副主任", "person": None, "post": "区应急局分管负责人", "unit": "区应急局"},
    ]


def test_ten_special_offices_sit_in_their_units_under_the_committee(registry):
    committee = find_organization("区安委会")
    offices = list(Organization.objects.filter(parent=committee, classification="special_office").order_by("pk"))
    assert [o.name for o in offices] == list(SPECIAL_OFFICES)
    for office in offices:
        unit = find_organization(SPECIAL_OFFICES[office.name])
        assert office.hosted_in == unit
        lines = roster_json(office.name, ON)
        assert [(line["role"], line["post"]) for line in lines] == [
            ("主任", f"{unit.label}主要负责人"), ("副主任", f"{unit.label}分管负责人")]
    assert roster_json("区安委会矿山安全办公室", ON)[0]["person"] == "江宗华"


def test_the_disaster_committee_took_over_the_natural_disaster_hq_which_keeps_its_history(registry):
    hq = find_organization("区自然灾害应急总指挥部")
    assert (hq.dissolution_date, hq.dissolution_reason, hq.successor.short_name) == (
        day("2021-06-29"), "merged", "区减灾委")
    assert hq.dissolution_document.number == "綦江府办〔2021〕25号"
    assert roster_json("区自然灾害应急总指挥部", "2021-06-28") == []
    with pytest.raises(DomainError) as caught:
        roster_json("区自然灾害应急总指挥部", ON)
    assert "2021-06-29撤销，并入区减灾委" in caught.value.message


def test_the_disaster_committee_roles_and_its_members(registry):
    lines = roster_json("区减灾委", ON)
    seat = Seat.objects.get(body=find_organization("区减灾委"), role="主任")
    assert seat.role_note == "总指挥长"
    assert lines[0] == {"role": "主任", "person": "罗成", "post": "区政府区长", "unit": "区政府"}
    assert lines[2] == {"role": "副主任", "person": "何先进", "post": "区人武部政委", "unit": "区人武部"}
    assert lines[5:8] == [
        {"role": "成员", "person": None, "post": "区政府办公室主任", "unit": "区政府办公室"},
        {"role": "成员", "person": "陈雪", "post": "区政府办公室副主任", "unit": "区政府办公室"},  # 有关副主任
        {"role": "成员", "person": "江宗华", "post": "区应急局主要负责人", "unit": "区应急局"},
    ]
    office = find_organization("区减灾委办公室")
    assert (office.hosted_in.short_name, office.parent.short_name) == ("区应急局", "区减灾委")


@pytest.mark.parametrize("hq", HQS)
def test_each_headquarters_sits_under_the_disaster_committee_with_its_office(registry, hq):
    body = find_organization(hq)
    assert (body.parent.short_name, body.classification) == ("区减灾委", "command_hq")
    lines = roster_json(hq, ON)
    assert lines[0] == {"role": "指挥长", "person": "施崇刚", "post": "区政府常务副区长", "unit": "区政府"}
    assert {"role": "副指挥长", "person": "江宗华", "post": "区应急局局长", "unit": "区应急局"} in lines
    assert all(line["post"].endswith("分管负责人") for line in lines if line["role"] == "成员")
    office = find_organization(f"{hq}办公室")
    assert (office.parent, office.hosted_in.short_name) == (body, "区应急局")
    assert [(line["role"], line["post"]) for line in roster_json(f"{hq}办公室", ON)] == [
        ("主任", "区应急局分管负责人"), ("主任", f"{HQS[hq][1]}分管负责人")]


def test_the_masthead_board_seats_people_by_name(registry):
    lines = roster_json("编辑委员会", ON)
    assert lines[:3] == [
        {"role": "顾问", "person": "罗成", "post": None, "unit": None},
        {"role": "主任", "person": "陈正科", "post": None, "unit": None},
        {"role": "副主任", "person": "王健", "post": None, "unit": None},
    ]
    assert find_organization("编辑委员会").name == "重庆市綦江区人民政府公报编辑委员会"
    assert Seat.objects.filter(body__short_name="编辑委员会").first().start_date == day("2021-07-10")


def test_the_import_reports_every_line_it_did_not_turn_into_data(registry):
    reports = registry.reports
    found = {source: [(p.line, p.code, p.severity) for p in r.problems] for source, r in reports.items()}
    assert found == {
        "綦江府办〔2021〕24号": [(417, "not_modelled", "info")],
        "綦江府人〔2021〕3号": [],
        "綦江府办〔2021〕25号": [(595, "not_modelled", "info"), (595, "not_modelled", "info"),
                             (617, "not_modelled", "info")],
        "刊头 2021年第6期（总第112期）": [],
    }
    assert "办公室成员由领导小组成员单位有关科室负责人担任" in reports["綦江府办〔2021〕24号"].problems[0].message
    assert reports["綦江府办〔2021〕25号"].linked[0] == "区应急局主要负责人 ← 区应急局局长"
