"""People across the seed: every seat one person holds, names printed with padding spaces, the 任免 notice."""
import pytest

from zhengwu.org.holders import holders, post_history
from zhengwu.org.models import Decision, Person
from zhengwu.org.resolve import find_person, find_post

from .conftest import day, seats_json

ON = "2021-07-15"


def test_sun_rongkang_sits_in_six_bodies_and_on_the_editorial_board(registry):
    assert seats_json("孙荣康", ON) == [
        {"body": "綦河流域水环境综合治理PPP项目工作推进领导小组", "role": "副组长", "post": "区电子政务中心主任"},
        {"body": "区安委会", "role": "副主任", "post": "区电子政务中心主任"},
        {"body": "区森林草原防灭火指挥部", "role": "副指挥长", "post": "区电子政务中心主任"},
        {"body": "区防汛抗旱指挥部", "role": "副指挥长", "post": "区电子政务中心主任"},
        {"body": "区抗震救灾和地质灾害防治救援指挥部", "role": "副指挥长", "post": "区电子政务中心主任"},
        {"body": "区气象灾害防御指挥部", "role": "副指挥长", "post": "区电子政务中心主任"},
        {"body": "编辑委员会", "role": "副主任", "post": None},
    ]


def test_the_emergency_bureau_director_sits_by_name_and_ex_officio(registry):
    seats = seats_json("江宗华", ON)
    assert {"body": "区安委会", "role": "副主任", "post": "区应急局局长"} in seats
    assert {"body": "区安委会", "role": "成员", "post": "区应急局主要负责人"} in seats
    assert {"body": "区安委会办公室", "role": "主任", "post": "区应急局主要负责人"} in seats
    assert {"body": "工贸安全办公室", "role": "主任", "post": "区应急局主要负责人"} in seats
    assert {"body": "区减灾委办公室", "role": "主任", "post": "区应急局主要负责人"} in seats
    assert sum(s["role"] == "副指挥长" for s in seats) == 4
    assert len(seats) == 12


def test_names_printed_with_padding_spaces_are_one_person(registry):
    assert Person.objects.filter(name="刘刚").count() == 1
    assert find_person("刘 刚") == find_person("刘刚")
    assert not Person.objects.filter(name__contains=" ").exists()
    # 罗 成 (减灾委, spaced) and 罗成 (安委会, masthead) are the same person
    assert [s["body"] for s in seats_json("罗 成", ON)] == ["区安委会", "区减灾委", "编辑委员会"]


def test_seats_are_in_force_from_the_documents_date(registry):
    assert seats_json("孙荣康", "2021-06-18") == [
        {"body": "綦河流域水环境综合治理PPP项目工作推进领导小组", "role": "副组长", "post": "区电子政务中心主任"}]
    assert seats_json("孙荣康", "2021-06-17") == []


def test_the_appointment_notice_becomes_one_decision_with_six_items(registry):
    decision = Decision.objects.get()
    assert (decision.meeting, decision.meeting_date, decision.effective_date, decision.document.number) == (
        "第二届区人民政府第111次常务会", day("2021-06-22"), day("2021-06-27"), "綦江府人〔2021〕3号")
    assert [(i.get_action_display(), i.person.name, i.post.label, i.probation_months, i.line)
            for i in decision.items.all()] == [
        ("任", "王昌鹏", "重庆兴能物产发展有限公司总经理", None, 111),
        ("免", "王昌鹏", "重庆市綦江区城市建设投资有限公司总经理", None, 111),
        ("任", "王海艳", "重庆兴能物产发展有限公司监事会主席", None, 113),
        ("任", "徐之杰", "重庆市綦江区就业和人才中心主任", None, 115),
        ("免", "徐之杰", "重庆市綦江区招商投资局副局长", None, 115),
        ("任", "廖建伟", "重庆兴能物产发展有限公司副总经理", 12, 117),
    ]


def test_the_notes_after_names_are_kept(registry):
    assert {p.name: p.gender_note for p in Person.objects.filter(name__in=["王昌鹏", "王海艳", "徐之杰", "廖建伟"])} == {
        "王昌鹏": "", "王海艳": "女", "徐之杰": "女", "廖建伟": ""}


@pytest.mark.parametrize(("post", "before", "after"), [
    ("重庆兴能物产发展有限公司总经理", [], ["王昌鹏"]),
    ("重庆市綦江区城市建设投资有限公司总经理", ["王昌鹏"], []),
    ("重庆市綦江区就业和人才中心主任", [], ["徐之杰"]),
    ("重庆市綦江区招商投资局副局长", ["徐之杰"], []),
])
def test_appointments_and_removals_take_effect_on_the_notices_date(registry, post, before, after):
    assert [p.name for p in holders(find_post(post), day("2021-06-26"))] == before
    assert [p.name for p in holders(find_post(post), day("2021-06-27"))] == after


def test_a_removal_without_a_recorded_appointment_keeps_an_unknown_start(registry):
    [line] = post_history(find_post("重庆市綦江区城市建设投资有限公司总经理"))
    assert (line.person.name, line.start_date, line.end_date, line.end_reason) == (
        "王昌鹏", None, day("2021-06-26"), "removed")
    assert (line.decision, line.end_decision) == (None, "第二届区人民政府第111次常务会（2021-06-22）")


def test_a_one_year_probation_from_27_june_2021_ends_on_26_june_2022(registry):
    [line] = post_history(find_post("重庆兴能物产发展有限公司副总经理"))
    assert (line.person.name, line.start_date, line.probation_end) == ("廖建伟", day("2021-06-27"), day("2022-06-26"))


def test_importing_the_notice_again_changes_nothing(registry):
    from zhengwu.org.from_gazette import find_document, import_document
    from zhengwu.org.models import DecisionItem, Membership

    before = (DecisionItem.objects.count(), Membership.objects.count())
    report = import_document(find_document("綦江府人[2021]3号"), by="测试")
    assert report.already_imported and report.summary() == "綦江府人〔2021〕3号：已导入过，未重复写入。"
    assert (DecisionItem.objects.count(), Membership.objects.count()) == before


def test_importing_a_composition_again_gives_the_same_registry(registry):
    from zhengwu.org.from_gazette import find_document, import_document
    from zhengwu.org.models import Membership, Organization, Post, Seat

    def counts():
        return [m.objects.count() for m in (Seat, Membership, Organization, Person, Post)]

    before = counts()
    report = import_document(find_document("綦江府办〔2021〕25号"), by="测试")
    assert counts() == before
    assert (report.seats, report.memberships, report.dissolved) == (249, 0, ["区自然灾害应急总指挥部"])
    assert seats_json("孙荣康", ON)[1] == {"body": "区安委会", "role": "副主任", "post": "区电子政务中心主任"}
