"""Reading printed names, posts and lines (no database), and resolving names against the registry."""
import pytest

from zhengwu.org.from_gazette.lines import (
    ExOfficio,
    read_member_list,
    read_office,
    read_person,
    read_seat_line,
)
from zhengwu.org.names import normalize_name
from zhengwu.org.titles import PrintedPost, default_max_holders, head_title, seat_post, split_posts


@pytest.mark.parametrize(("printed", "posts"), [
    ("区委常委、区政府常务副区长", [("区委", "常委", ""), ("区政府", "常务副区长", "")]),
    ("扶欢镇宣传、统战委员", [("扶欢镇", "宣传、统战委员", "")]),
    ("中峰镇组织委员、人大副主席（兼）", [("中峰镇", "组织委员", ""), ("中峰镇", "人大副主席", "兼")]),
    ("新盛街道武装部长、办事处副主任", [("新盛街道", "武装部长", ""), ("新盛街道办事处", "副主任", "")]),
    ("渝南公司副总经理、工业园区管委会副主任(挂)", [("渝南公司", "副总经理", ""), ("工业园区管委会", "副主任", "挂")]),
    ("区政府办公室主任、有关副主任", [("区政府办公室", "主任", ""), ("区政府办公室", "副主任", "有关")]),
    ("重庆兴能物产发展有限公司监事会主席", [("重庆兴能物产发展有限公司", "监事会主席", "")]),
    ("区农业农村委工委副书记", [("区农业农村委", "工委副书记", "")]),
])
def test_a_printed_post_splits_into_unit_and_title(printed, posts):
    assert split_posts(printed) == [PrintedPost(*p) for p in posts]


@pytest.mark.parametrize(("printed", "message"), [
    ("区应急局处长", "“区应急局处长”不是已知的职务名称（单位 + 职务，如 区应急局局长）。"),
    ("副主任", "职务“副主任”没有写明单位。"),
])
def test_an_unreadable_post_is_an_error_not_a_guess(printed, message):
    with pytest.raises(ValueError) as caught:
        split_posts(printed)
    assert str(caught.value) == message


def test_a_named_person_sits_by_the_first_post_one_person_holds():
    assert seat_post(split_posts("区委常委、区政府常务副区长")).label == "区政府常务副区长"
    assert seat_post(split_posts("区委副书记、区政府区长")).label == "区政府区长"
    assert seat_post(split_posts("渝南公司副总经理、工业园区管委会副主任")).label == "渝南公司副总经理"


@pytest.mark.parametrize(("title", "limit"), [("局长", 1), ("常务副区长", 1), ("副区长", None), ("分管负责人", None),
                                              ("主要负责人", 1), ("常委", None), ("三级调研员", None)])
def test_how_many_may_hold_a_title(title, limit):
    assert default_max_holders(title) == limit


@pytest.mark.parametrize(("unit", "head"), [("区应急局", "局长"), ("区发展改革委", "主任"), ("区电子政务中心", "主任"),
                                            ("区消防救援支队", "支队长"), ("区委宣传部", None), ("团区委", None),
                                            ("重庆兴能物产发展有限公司", None), ("古南街道", None)])
def test_which_title_heads_a_unit(unit, head):
    assert head_title(unit) == head


def test_names_printed_with_padding_spaces():
    assert normalize_name("刘 刚") == normalize_name("刘\u3000刚") == "刘刚"
    assert read_person("罗 成 区委副书记、区政府区长").name == "罗成"
    assert read_person("何文战 长江环保集团上游公司副总经理").name == "何文战"
    assert read_person("各专项安全办公室成员单位由各专项安全办公室提出") is None


def test_a_member_list_gives_one_ex_officio_post_per_unit():
    found = read_member_list("区卫生健康委（区红十字会）、区国资委（区金融发展服务中心）分管负责人；区应急局主要负责人。")
    assert found == [ExOfficio("区卫生健康委", "分管负责人", "区红十字会"),
                     ExOfficio("区国资委", "分管负责人", "区金融发展服务中心"), ExOfficio("区应急局", "主要负责人")]


def test_seat_lines_with_and_without_a_role():
    line = read_seat_line("主任（总指挥长）：罗 成 区委副书记、区政府区长")
    assert (line.role.role, line.role.note, line.person.name) == ("主任", "总指挥长", "罗成")
    assert read_seat_line("刘 刚 区发展改革委主任").role is None
    assert read_seat_line("主要职责：领导小组负责统筹协调") is None
    with pytest.raises(ValueError):
        read_seat_line("组长：某某")


def test_office_sentences():
    office = read_office("指挥部办公室设在区应急局，承担指挥部日常工作。由区应急局、区林业局分管负责人兼任办公室主任。")
    assert (office.host, office.named, office.leftovers) == ("区应急局", [], [])
    assert office.ex_officio == [("主任", ExOfficio("区应急局", "分管负责人")), ("主任", ExOfficio("区林业局", "分管负责人"))]
    office = read_office("区安委会办公室设在区应急局，由区应急局主要负责人兼任办公室主任、分管负责人兼任办公室副主任。")
    assert office.ex_officio == [("主任", ExOfficio("区应急局", "主要负责人")), ("副主任", ExOfficio("区应急局", "分管负责人"))]
    office = read_office("领导小组下设办公室在区发展改革委，办公室主任由刘刚同志兼任，李云、何文战同志兼任办公室副主任，每月开会。")
    assert office.named == [("主任", ["刘刚"]), ("副主任", ["李云", "何文战"])]
    assert office.leftovers == ["每月开会"]


# --- resolving names against the registry -------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("区应急局", "重庆市綦江区应急管理局"), ("重庆市綦江区应急管理局", "重庆市綦江区应急管理局"),
    ("区住房城乡建设委", "区住房城乡建委"), ("区安全生产委员会", "重庆市綦江区安全生产委员会"),
    ("区减灾委（区自然灾害应急总指挥部）", "重庆市綦江区减灾委员会"), ("区安委会道路交通安全办公室", "道路交通安全办公室"),
    ("区未成年人保护工作领导小组", "綦江区未成年人保护工作领导小组"), ("文龙街道办事处", "文龙街道"),
    ("编辑委员会", "重庆市綦江区人民政府公报编辑委员会"), (" 区 应急局 ", "重庆市綦江区应急管理局"),
])
def test_units_by_full_name_short_name_or_alias(registry, name, expected):
    from zhengwu.org.resolve import find_organization

    assert find_organization(name).name == expected


def test_posts_by_either_name_of_the_unit(registry):
    from zhengwu.org.resolve import find_post

    assert find_post("重庆市綦江区应急管理局局长") == find_post("区应急局局长") == find_post("区应急局 局长")
    assert find_post("文龙街道办事处副主任").label == "文龙街道副主任"
