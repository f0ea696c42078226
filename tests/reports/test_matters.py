"""Same matter (第六条): candidates by credit code, unit name, text and place; linking; only the first
report of a matter is rewarded; a joint report pays the first signatory or the one authorised in writing."""
import datetime as dt
from decimal import Decimal

import pytest

from zhengwu.core.errors import DomainError
from zhengwu.reports import crypto
from zhengwu.reports.matters import first_report, likely_same_matter, link_same_matter
from zhengwu.reports.models import CaseEvent, Matter, Report
from zhengwu.reports.workflow import authorise_signatory, transition

from .conftest import CONTENT, CREDIT_CODE, FACTS, RECEIVED, step, walk_to

OTHER = {"occurred_at": "2021年3月", "place": "綦江区三江街道滨河路12号", "unit_name": "重庆某某物流有限公司",
         "description": "仓库消防通道被货物堵塞，灭火器过期未更换"}


def refs(candidates) -> list[str]:
    return [c.report.reference for c in candidates]


def reasons_for(candidates, report) -> list[str]:
    return next(c.reasons for c in candidates if c.report.pk == report.pk)


def test_same_credit_code_found_even_when_written_differently(file, db):
    base = file().report
    same = file(content=dict(OTHER, credit_code=CREDIT_CODE.lower()[:9] + " " + CREDIT_CODE[9:]),
                received_at=RECEIVED + dt.timedelta(days=400)).report
    file(content=dict(OTHER), received_at=RECEIVED + dt.timedelta(days=400))  # unrelated, far in time
    found = likely_same_matter(base)
    assert refs(found) == [same.reference]
    assert "被举报单位统一社会信用代码相同" in reasons_for(found, same)


def test_same_unit_name_found_with_legal_form_and_spacing_varying(file, db):
    base = file().report  # 重庆綦江某某建材有限公司
    same = file(content=dict(OTHER, unit_name=" 重庆綦江 某某建材有限责任公司（厂区）".replace("（厂区）", "")),
                received_at=RECEIVED + dt.timedelta(days=200)).report
    found = likely_same_matter(base)
    assert refs(found) == [same.reference]
    assert reasons_for(found, same) == ["被举报单位名称相同"]  # 200 days apart: no time reason


def test_similar_text_and_same_place_found(file, db):
    base = file().report
    reworded = dict(CONTENT, unit_name="某建材厂", credit_code="",
                    description="该公司粉磨车间除尘设施长期停用，夜间违规用未经检验的叉车搬运熔融物料，重大事故隐患")
    similar = file(content=reworded, received_at=RECEIVED + dt.timedelta(days=5)).report
    elsewhere = file(content=dict(OTHER), received_at=RECEIVED + dt.timedelta(days=5)).report
    found = likely_same_matter(base)
    assert refs(found) == [similar.reference]
    reasons = reasons_for(found, similar)
    assert any(r.startswith("举报情形相似") for r in reasons) and "地点相同" in reasons
    assert "受理时间相差5天" in reasons
    assert elsewhere.reference not in refs(found)


def test_candidates_ranked_and_reasons_readable(file, db):
    base = file().report
    strong = file(received_at=RECEIVED + dt.timedelta(days=1)).report  # same everything
    weak = file(content=dict(OTHER, place=CONTENT["place"]), received_at=RECEIVED + dt.timedelta(days=2)).report
    found = likely_same_matter(base)
    assert refs(found) == [strong.reference, weak.reference]
    assert found[0].score > found[1].score and 0 < found[1].score <= 1
    assert found[0].as_json()["reasons"][0] == "被举报单位统一社会信用代码相同"


def test_linking_puts_both_in_one_matter_and_first_is_derived(file, world):
    first = file().report
    later = file(received_at=RECEIVED + dt.timedelta(days=3)).report
    third = file(received_at=RECEIVED + dt.timedelta(days=4)).report
    with pytest.raises(DomainError, match="须说明理由"):
        link_same_matter(later, first, user=world.clerk, reason="")
    with pytest.raises(DomainError) as caught:
        link_same_matter(later, first, user=world.a_staff, reason="同一隐患")
    assert caught.value.code == "forbidden"
    matter = link_same_matter(later, first, user=world.clerk, reason="同一单位同一隐患")
    link_same_matter(third, later, user=world.clerk, reason="同一隐患")
    assert set(matter.reports.all()) == {first, later, third}
    assert Matter.objects.filter(reports__isnull=False).distinct().count() == 1
    assert first_report(matter) == first
    assert likely_same_matter(first) == []  # already in the same matter
    event = CaseEvent.objects.filter(report=later, action="link_matter").first()
    assert event.details["first"] == first.reference and event.reason == "同一单位同一隐患"
    with pytest.raises(DomainError, match="已属同一事项"):
        link_same_matter(first, third, user=world.clerk, reason="再次")


def test_only_the_first_report_of_a_matter_is_rewarded(file, world):
    first = file().report
    later = walk_to(file(received_at=RECEIVED + dt.timedelta(days=2)).report, "verified_true", world)
    link_same_matter(first, later, user=world.clerk, reason="同一事项")
    later.refresh_from_db()
    with pytest.raises(DomainError) as caught:
        step(later, "reward_decided", world.clerk, facts=dict(FACTS))
    assert caught.value.code == "not_first" and first.reference in caught.value.message
    assert "第六条" in caught.value.message
    first = walk_to(Report.objects.get(pk=first.pk), "reward_decided", world)
    assert crypto.unseal(first.reward_sealed)["amount"] == "15000.00"


def test_linking_makes_a_prepared_decision_stale(file, world):
    later = walk_to(file(received_at=RECEIVED + dt.timedelta(days=2)).report, "verified_true", world)
    seen = later.version
    first = file().report
    link_same_matter(first, later, user=world.clerk, reason="同一事项")
    with pytest.raises(DomainError) as caught:
        transition(later, "reward_decided", user=world.clerk, expected_version=seen, facts=dict(FACTS))
    assert caught.value.code == "conflict"


JOINT = [{"name": "甲一", "phone": "13800000001"}, {"name": "乙二", "phone": "13800000002"}, {"name": "丙三"}]


def test_joint_report_pays_the_first_signatory(file, world):
    report = walk_to(file(identity=None, signatories=JOINT).report, "reward_decided", world)
    payee = crypto.unseal(report.reward_sealed)["payee"]
    assert (payee["kind"], payee["order"], payee["name"], payee["authorised"]) == ("signatory", 1, "甲一", False)
    assert "第六条第二款" in payee["basis"]


def test_joint_report_pays_the_signatory_authorised_in_writing(file, world):
    report = file(identity=None, signatories=JOINT).report
    report = walk_to(report, "verified_true", world)
    with pytest.raises(DomainError, match="第一署名人本人"):
        authorise_signatory(report, 1, user=world.clerk, expected_version=report.version)
    report = authorise_signatory(report, 3, user=world.clerk, expected_version=report.version, note="委托书已收")
    report = walk_to(report, "reward_decided", world)
    payee = crypto.unseal(report.reward_sealed)["payee"]
    assert (payee["order"], payee["name"], payee["authorised"]) == (3, "丙三", True)
    assert "书面委托" in payee["basis"]


def test_anonymous_report_pays_the_receipt_holder(file, world):
    report = walk_to(file(identity=None, anonymous=True).report, "reward_decided", world)
    assert crypto.unseal(report.reward_sealed)["payee"]["kind"] == "receipt_holder"


def test_reward_facts_errors_name_the_field_and_no_notice_for_zero(file, world):
    report = walk_to(file().report, "verified_true", world)
    with pytest.raises(DomainError) as caught:
        step(report, "reward_decided", world.clerk, facts={"kind": "violation", "fine": "-5"})
    assert caught.value.field == "facts.fine"
    report = step(report, "reward_decided", world.clerk,
                  facts={"kind": "violation", "fine": "100000", "exclusions": ["media_exposed"]})
    assert Decimal(crypto.unseal(report.reward_sealed)["amount"]) == 0
    assert report.notice_due is None
    with pytest.raises(DomainError, match="奖励金额为零"):
        step(report, "notice_sent", world.clerk, sent_on=dt.date(2021, 9, 30))
