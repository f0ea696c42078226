"""import-document on 綦普法办〔2021〕16号: all eight measures with their units as printed, cited, resolved."""
import pytest

from zhengwu.core.errors import DomainError
from zhengwu.supervision.extract import find_deadline, read_measure, split_units
from zhengwu.supervision.importer import import_document
from zhengwu.supervision.listing import tasks_json

from .conftest import CAMPAIGN

MEASURES = [
    ("1", "深化领导干部学习教育", ["区委组织部", "区委宣传部", "区司法局", "区普法办", "区委党校"], ["区级有关部门", "各街镇"]),
    ("2", "强化青少年学习教育", ["区教委", "区普法办"],
     ["区委政法委", "区公安局", "区司法局", "区法院", "区检察院", "团区委", "区关工委", "全区各中小学", "各街镇"]),
    ("3", "广泛开展社会宣讲", ["区委宣传部", "区民政局", "区普法办"], ["区级有关部门", "各街镇"]),
    ("4", "大力投放广告标语", ["区委宣传部", "区普法办"], ["区级有关部门", "各街镇"]),
    ("5", "征集展播普法视频", ["区委宣传部", "区文化旅游委", "区普法办"], ["区级有关部门", "各街镇"]),
    ("6", "积极开展新闻宣传", ["区委宣传部", "区人大办", "区普法办"], ["区级有关部门", "各街镇"]),
    ("7", "扎实做好网络宣传", ["区委宣传部", "区委网信办", "区普法办"], ["区级有关部门", "各街镇"]),
    ("8", "强化基层阵地宣传", ["区委宣传部", "区文化旅游委", "区普法办"], ["区级有关部门", "各街镇"]),
]


def test_all_eight_measures_with_their_units_and_the_deadline(campaign):
    expected = [{"ref": ref, "title": title, "lead_units": lead, "cooperating_units": coop, "due": "2021-07-20"}
                for ref, title, lead, coop in MEASURES]
    assert tasks_json(campaign) == expected


def test_each_task_cites_its_paragraph_and_links_to_the_gazette(campaign):
    task = campaign.tasks.get(ref="6")
    assert task.cite == "四（三）6"
    assert task.anchor == "s4-3-6"
    assert task.source_url().endswith("#s4-3-6")
    assert task.source_url() == campaign.document.get_absolute_url() + "#s4-3-6"
    assert task.due_cite.startswith("綦普法办〔2021〕16号五（三）") and "2021年7月20日前" in task.due_cite
    assert "推送《长江保护法》" in task.text and "责任单位" not in task.text


def test_units_resolve_against_the_registry_and_the_unknown_are_reported_not_dropped(registry):
    report = import_document(CAMPAIGN)
    campaign = report.programme
    lead = campaign.tasks.get(ref="1").assignments.get(unit_name="区委组织部")
    assert lead.organization is not None and lead.organization.label == "区委组织部"
    unresolved = {(u["ref"], u["name"]) for u in report.unresolved}
    assert ("1", "区普法办") in unresolved and ("1", "区委党校") in unresolved and ("6", "区人大办") in unresolved
    kept = campaign.tasks.get(ref="1").assignments.get(unit_name="区委党校")
    assert kept.organization is None and not kept.is_group


def test_collective_phrases_are_groups_expandable_to_their_members(campaign, office):
    from zhengwu.supervision import workflow

    group = campaign.tasks.get(ref="1").assignments.get(unit_name="各街镇")
    assert group.is_group and group.organization is None
    made = workflow.expand_group(group, user=office)
    names = {a.unit_name for a in made}
    assert "古南街道" in names and "石角镇" in names and len(made) == 20
    assert all(a.group == "各街镇" and a.role == "cooperating" for a in made)
    # the document's own names stay as they were in the listing
    assert tasks_json(campaign)[0]["cooperating_units"] == ["区级有关部门", "各街镇"]
    schools = campaign.tasks.get(ref="2").assignments.get(unit_name="全区各中小学")
    with pytest.raises(DomainError, match="名录中没有“全区各中小学”所指的单位"):
        workflow.expand_group(schools, user=office)


def test_importing_again_changes_nothing_and_links_units_registered_since(campaign):
    from zhengwu.org.models import Organization

    count = sum(t.assignments.count() for t in campaign.tasks.all())
    Organization.objects.create(name="重庆市綦江区普法工作办公室", short_name="区普法办", classification="district_body")
    again = import_document("綦普法办[2021]16号")  # printed with [ ]: the same document
    assert again.tasks_created == 0 and again.tasks_updated == 8 and again.assignments_created == 0
    assert sum(t.assignments.count() for t in campaign.tasks.all()) == count
    assert campaign.tasks.get(ref="3").assignments.get(unit_name="区普法办").organization.name.endswith("普法工作办公室")
    assert all(u["name"] != "区普法办" for u in again.unresolved)


def test_unknown_document_is_named(registry):
    with pytest.raises(DomainError) as caught:
        import_document("綦普法办〔2021〕99号")
    assert caught.value.field == "NUMBER" and "綦普法办〔2021〕99号" in caught.value.message


def test_a_document_without_brackets_or_targets_says_to_enter_by_hand(registry):
    report = import_document("綦江府发〔2021〕10号")
    assert report.tasks_created == 0 and "手工录入" in report.notes[0]


def test_read_measure_copes_with_pdf_punctuation():
    found = read_measure("1.", "标题", "正文。(责任单位:区教委、区普法办;配合单位:区委政法委，各街镇)")
    assert found.lead == ("区教委", "区普法办") and found.cooperating == ("区委政法委", "各街镇")
    assert read_measure("1.", "标题", "没有单位的段落。") is None
    assert read_measure("2.", "标题", "文。（责任单位：区教委）").cooperating == ()
    assert split_units("区教委、 区教委，各街镇") == ("区教委", "各街镇")


def test_find_deadline_refuses_a_date_that_does_not_exist():
    assert find_deadline("请于 2021 年 7 月 20 日前报送")[0].isoformat() == "2021-07-20"
    with pytest.raises(ValueError):
        find_deadline("请于2021年2月30日前报送")
