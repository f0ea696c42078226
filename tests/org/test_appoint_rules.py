"""appoint / remove: what they refuse, with which message, and that a refusal writes nothing."""
import pytest

from zhengwu.core.errors import DomainError
from zhengwu.org import appointments
from zhengwu.org.appointments import appoint, remove
from zhengwu.org.audit import history
from zhengwu.org.holders import holders
from zhengwu.org.models import AuditEntry, Membership
from zhengwu.org.registry import add_person, add_post
from zhengwu.org.resolve import find_organization, find_person, find_post

from .conftest import day


def refused(call, *args, **kwargs) -> DomainError:
    before = (Membership.objects.count(), AuditEntry.objects.count(),
              list(Membership.objects.order_by("pk").values_list("end_date", flat=True)))
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    after = (Membership.objects.count(), AuditEntry.objects.count(),
             list(Membership.objects.order_by("pk").values_list("end_date", flat=True)))
    assert after == before, "a refused change must write nothing"
    return caught.value


def test_the_same_person_cannot_hold_the_same_post_twice_at_once(registry):
    error = refused(appoint, find_person("江宗华"), find_post("区应急局局长"), day("2021-09-01"), by="t")
    assert error.code == "overlapping_membership" and error.field == "on"
    assert error.message == ("江宗华自2021-06-29起担任区应急局局长（仍在任），与2021-09-01起的任职重叠，不能重复任职。")


def test_overlapping_an_earlier_term_is_refused_too(registry):
    post = find_post("重庆兴能物产发展有限公司总经理")
    person = find_person("王昌鹏")
    remove(person, post, day("2021-12-01"), by="t")
    error = refused(appoint, person, post, day("2021-11-01"), by="t")
    assert "至2021-11-30" in error.message and "不能重复任职" in error.message
    appoint(person, post, day("2021-12-15"), by="t", reason="再次任命")  # after the first term: fine
    assert [p.name for p in holders(post, day("2021-12-20"))] == ["王昌鹏"]


@pytest.mark.parametrize(("finder", "name", "message"), [
    (find_person, "李四", "名录中没有“李四”这个人。"),
    (find_post, "区应急局处长", "区应急局没有“处长”这个职务；已有：三级调研员、局长、主要负责人、分管负责人。"),
    (find_post, "区不存在局局长", "名录中没有职务“区不存在局局长”：找不到单位“区不存在局”。"),
    (find_organization, "区不存在委", "名录中没有“区不存在委”这个机构或单位。"),
])
def test_unknown_names_are_refused_with_a_clear_message(registry, finder, name, message):
    with pytest.raises(DomainError) as caught:
        finder(name)
    assert caught.value.message == message


def test_a_removal_before_the_appointment_is_refused(registry):
    error = refused(remove, find_person("廖建伟"), find_post("重庆兴能物产发展有限公司副总经理"), day("2021-06-01"),
                    by="t")
    assert error.code == "end_before_start"
    assert error.message == "廖建伟自2021-06-27起担任重庆兴能物产发展有限公司副总经理，免职日期2021-06-01不能早于或等于任职日期。"


def test_removing_someone_who_does_not_hold_the_post_is_refused(registry):
    error = refused(remove, find_person("孙荣康"), find_post("区应急局局长"), day("2021-08-01"), by="t")
    assert error.message == "孙荣康在2021-07-31不担任区应急局局长，无从免职。"


def test_a_post_filled_by_another_is_appointed_through_that_post(registry):
    error = refused(appoint, find_person("孙荣康"), find_post("区应急局主要负责人"), day("2021-08-01"), by="t")
    assert error.message == "区应急局主要负责人由区应急局局长担任，不能直接任命；请任命区应急局局长。"


def test_keep_previous_lets_two_hold_a_single_post(registry):
    post = find_post("区应急局局长")
    appoint(find_person("孙荣康"), post, day("2021-08-01"), keep_previous=True, by="t", reason="交接期")
    assert [p.name for p in holders(post, day("2021-08-02"))] == ["江宗华", "孙荣康"]


def test_a_full_post_with_a_limit_is_refused(registry):
    post = add_post("区应急局", "副局长", max_holders=1, by="t")
    appoint(find_person("方志强"), post, day("2021-07-01"), by="t")
    post.max_holders = 2
    post.save()
    appoint(find_person("孙文波"), post, day("2021-07-02"), by="t")
    error = refused(appoint, find_person("陈雪"), post, day("2021-07-03"), by="t")
    assert error.code == "post_full"
    assert error.message.startswith("区应急局副局长职数为2，2021-07-03已由方志强、孙文波担任")


def test_a_later_appointment_to_a_single_post_must_be_resolved_first(registry):
    post = find_post("区应急局局长")
    appoint(find_person("孙荣康"), post, day("2021-09-01"), by="t")
    error = refused(appoint, find_person("陈雪"), post, day("2021-08-01"), by="t")
    assert error.message == "孙荣康已定于2021-09-01起担任区应急局局长；请先处理该任职。"


def test_a_unit_that_no_longer_exists_has_no_appointments(registry):
    post = add_post("区自然灾害应急总指挥部", "指挥长", by="t")
    error = refused(appoint, find_person("孙荣康"), post, day("2021-07-01"), by="t")
    assert error.message == "区自然灾害应急总指挥部已于2021-06-29撤销，2021-07-01不能任命其职务。"


def test_every_change_records_who_when_and_why(registry):
    person = add_person("周新", gender_note="女", by="人事科 张三", reason="新任")
    new = appoint(person, find_post("区应急局局长"), day("2021-08-01"), probation_months=12, by="人事科 张三",
                  reason="第二届区人民政府第120次常务会")
    assert new.probation_end == day("2022-07-31")
    [entry] = history(new)
    assert (entry.action, entry.by, entry.reason) == ("appoint", "人事科 张三", "第二届区人民政府第120次常务会")
    assert entry.summary == "任命 周新 为 区应急局局长（2021-08-01起）" and entry.at is not None
    previous = Membership.objects.get(person__name="江宗华", post=new.post)
    assert [(e.action, e.summary) for e in history(previous)] == [
        ("attest", "据公文记载 江宗华 于 2021-06-29 担任 区应急局局长"),
        ("succession", "接任离任 江宗华 的 区应急局局长（最后在任 2021-07-31）"),
    ]
    assert history(person)[0].action == "add_person"


def test_an_author_is_required(registry):
    error = refused(appoint, find_person("孙荣康"), find_post("重庆兴能物产发展有限公司总经理"), day("2021-08-01"),
                    by=" ")
    assert (error.field, error.message) == ("by", "请写明操作人。")


def test_an_appointment_is_one_transaction(registry, monkeypatch):
    """If recording the new membership fails, the previous holder's membership is not ended either."""
    real_record = appointments.record

    def failing(action, *args, **kwargs):
        if action == "appoint":
            raise DomainError("模拟故障", code="boom")
        return real_record(action, *args, **kwargs)

    monkeypatch.setattr(appointments, "record", failing)
    error = refused(appoint, find_person("孙荣康"), find_post("区应急局局长"), day("2021-08-01"), by="t")
    assert error.code == "boom"
    assert [p.name for p in holders(find_post("区应急局局长"), day("2021-08-02"))] == ["江宗华"]


def test_a_probation_outside_one_to_120_months_is_refused(registry):
    error = refused(appoint, find_person("孙荣康"), find_post("重庆兴能物产发展有限公司总经理"), day("2021-08-01"),
                    probation_months=0, by="t")
    assert (error.field, error.message) == ("probation_months", "试用期应为1到120个月，而不是0。")
