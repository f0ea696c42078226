"""Documents the reader cannot fully read: every line it skipped is reported with its number, and a
line that contradicts the registry stops the import with nothing written."""
import datetime as dt

import pytest

from zhengwu.core.errors import DomainError
from zhengwu.gazette.models import Document, Node, Part
from zhengwu.org.from_gazette import find_document, import_document
from zhengwu.org.models import Membership, Organization, Seat
from zhengwu.org.roster import roster

from .conftest import day


def make_document(number: str, title: str, nodes: list[tuple], signed_on=dt.date(2021, 9, 1)) -> Document:
    """nodes: (line, kind, title, text, parent line or None)."""
    document = Document.objects.create(number=number, title=title, signed_on=signed_on)
    part = Part.objects.create(document=document, kind="main", title=title)
    by_line: dict[int, Node] = {}
    for order, (line, kind, heading, text, parent) in enumerate(nodes):
        by_line[line] = Node.objects.create(part=part, order=order, kind=kind, title=heading, text=text, line=line,
                                            parent=by_line.get(parent))
    return document


def test_lines_it_cannot_read_are_reported_with_their_numbers(registry):
    document = make_document("綦江府办〔2021〕90号", "关于成立测试工作领导小组的通知", [
        (10, "paragraph", "", "根据工作需要，决定成立测试工作领导小组等1个议事协调机构。", None),
        (12, "heading", "测试工作领导小组", "", None),
        (13, "paragraph", "", "组长：孙荣康 区电子政务中心主任", 12),
        (14, "paragraph", "", "副组长：李昌凤 区电子政务中心处长", 12),
        (15, "paragraph", "", "秘书：刘刚 区发展改革委主任", 12),
        (16, "paragraph", "", "领导小组办公室设在区教委，办公室主任由钱七同志兼任，每周开会。", 12),
        (17, "heading", "工作安排", "", 12),
    ])
    report = import_document(document, by="测试")
    assert [(p.line, p.code, p.severity) for p in report.problems] == [
        (14, "unreadable_seat", "warning"),
        (15, "unrecognised_line", "warning"),
        (16, "office_person_not_listed", "warning"),
        (16, "unrecognised_clause", "warning"),
        (17, "unrecognised_heading", "warning"),
    ]
    assert report.problems[0].message == "“区电子政务中心处长”不是已知的职务名称（单位 + 职务，如 区应急局局长）。"
    assert "钱七" in report.problems[2].message and "每周开会" in report.problems[3].message
    group = Organization.objects.get(name="测试工作领导小组")
    assert [(line.role, line.person.name) for line in roster(group, day("2021-09-01"))] == [("组长", "孙荣康")]
    assert group.founding_date == day("2021-09-01")


def test_a_list_that_disagrees_with_the_headings_is_reported(registry):
    document = make_document("綦江府办〔2021〕91号", "关于调整测试委员会的通知", [
        (20, "heading", "测试委员会", "", None),
        (21, "paragraph", "", "测试委员会下设甲指挥部、乙指挥部2个专项指挥部。", 20),
        (22, "heading", "专项指挥部", "", 20),
        (23, "heading", "甲指挥部", "", 22),
        (24, "paragraph", "", "指挥长：孙荣康 区电子政务中心主任", 23),
    ])
    report = import_document(document, by="测试")
    assert [(p.line, p.code) for p in report.problems] == [(21, "sub_bodies_mismatch")]
    assert report.problems[0].message == "列出2个（甲指挥部、乙指挥部），各节标题有1个（甲指挥部）；标题中没有：乙指挥部。"


def test_a_document_that_contradicts_the_registry_writes_nothing(registry):
    document = make_document("綦江府办〔2021〕92号", "关于成立测试小组的通知", [
        (30, "heading", "测试工作领导小组", "", None),
        (31, "paragraph", "", "组长：孙荣康 区电子政务中心主任", 30),
        (32, "paragraph", "", "副组长：陈雪 区应急局局长", 30),
    ])
    before = (Seat.objects.count(), Membership.objects.count(), Organization.objects.count())
    with pytest.raises(DomainError) as caught:
        import_document(document, by="测试")
    assert (caught.value.line, caught.value.code) == (32, "conflicting_holder")
    assert caught.value.message == "公文写陈雪任区应急局局长，名录中2021-09-01该职务由江宗华担任；请先核对任免记录。"
    assert (Seat.objects.count(), Membership.objects.count(), Organization.objects.count()) == before


def test_an_appointment_notice_with_an_unreadable_clause(registry):
    document = make_document("綦江府人〔2021〕9号", "关于张某等同志职务任免的通知", [
        (40, "paragraph", "", "经2021年8月20日第二届区人民政府第120次常务会研究，决定：", None),
        (41, "paragraph", "", "孙荣康同志任区应急局局长（试用期6个月），调离原单位；", None),
        (42, "paragraph", "", "以上同志的任职时间从发文之日起计算。", None),
    ])
    report = import_document(document, by="测试")
    assert [(p.line, p.code) for p in report.problems] == [(41, "unrecognised_clause"), (42, "unrecognised_line")]
    membership = Membership.objects.get(person__name="孙荣康", post__title="局长")
    assert (membership.start_date, membership.probation_end) == (day("2021-09-01"), day("2022-02-28"))
    assert Membership.objects.get(person__name="江宗华", post__title="局长").end_reason == "succession"


def test_a_meeting_on_a_day_that_does_not_exist_is_refused(registry):
    document = make_document("綦江府人〔2021〕8号", "关于任免的通知", [
        (50, "paragraph", "", "经2021年2月30日第二届区人民政府第99次常务会研究，决定：", None),
        (51, "paragraph", "", "孙荣康同志任区应急局局长。", None),
    ])
    with pytest.raises(DomainError) as caught:
        import_document(document, by="测试")
    assert (caught.value.line, caught.value.message) == (50, "日期不存在: 2021年2月30日")


def test_a_document_that_is_neither_kind_is_refused(registry):
    with pytest.raises(DomainError) as caught:
        import_document(find_document("綦江府发〔2021〕10号"), by="测试")
    assert caught.value.code == "not_an_org_document"
    assert caught.value.message.startswith("綦江府发〔2021〕10号既不是任免通知")


@pytest.mark.parametrize(("number", "message"), [
    ("綦江府办〔2021〕99号", "公报中没有綦江府办〔2021〕99号；请先导入刊登它的公报。"),
    ("二十四号", "“二十四号”不是发文字号（如 綦江府办〔2021〕24号）。"),
])
def test_an_unknown_number_is_refused(registry, number, message):
    with pytest.raises(DomainError) as caught:
        find_document(number)
    assert caught.value.message == message
