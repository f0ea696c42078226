"""The decision and its two name lists: written into the gazette as a draft (read back by the gazette's own
parser, hidden until the editors publish the issue), and as a GB/T 9704 DOCX read back with python-docx."""
import datetime as dt
import io

import docx
import pytest

from zhengwu.awards import applications, decision, notice, ranking, review
from zhengwu.awards.models import Assignment, Candidate, Edition
from zhengwu.awards.vocab import State
from zhengwu.core.errors import DomainError
from zhengwu.gazette import models as g

from .conftest import make_candidates, reviewed

D = dt.date


@pytest.fixture
def approved(imported_seed, schools, experts):
    from zhengwu.awards.editions import create_edition

    edition = create_edition(10, 2022, on=D(2022, 3, 1), winner_quota=2, nominee_quota=1)
    people = make_candidates(edition, schools, [("kdc", "王一", "六年级", 2), ("zsl", "欧阳小明", "五年级", 4),
                                                ("sy", "赵四", "高二年级", 7), ("sy", "孙五", "九年级", 1)])
    for person in people:
        applications.recommend(person, school=person.school, on=D(2022, 3, 21))
    review.start_review(edition, D(2022, 4, 1))
    marks = {"王一": 90, "欧阳小明": 85, "赵四": 80, "孙五": 70}
    for a in Assignment.objects.select_related("candidate", "expert"):
        review.submit_scores(a, {k: str(marks[a.candidate.name]) for k in ("innovation", "science", "practice",
                                                                             "presentation")},
                             expert=a.expert, on=D(2022, 4, 2))
    ranking.fix_ranking(edition, D(2022, 4, 10))
    notice.publish_notice(edition, D(2022, 4, 11), contact="区科技局")
    objection = notice.record_objection(Candidate.objects.get(name="王一"), received_on=D(2022, 4, 12), text="代做")
    notice.decide_objection(objection, upheld=True, on=D(2022, 4, 14), reason="经核实属实")
    notice.approve(Edition.objects.get(pk=edition.pk), meeting="第二届区政府第150次常务会", on=D(2022, 4, 20))
    return Edition.objects.get(pk=edition.pk)


def test_decision_text_follows_the_seed_layout(approved):
    text = decision.decision_text(approved, "綦江府发〔2022〕3号", D(2022, 4, 28))
    assert "重庆市綦江区人民政府关于颁发第十届青少年科技创新区长奖的决定" in text
    assert "并经第二届区政府第150次常务会审定，决定授予欧阳小明等2人綦江区第十届青少年科技创新区长奖，孙五等1人" in text
    assert "欧阳小明 綦江区中山路小学五年级4班学生\n赵 四 綦江区实验中学高二年级7班学生" in text  # 2-character names padded, as printed
    assert "王一" not in text  # removed after the upheld objection


def test_issue_decision_makes_a_draft_gazette_document(approved, client):
    document = decision.issue_decision(approved, number="綦江府发[2022]3号", signed_on=D(2022, 4, 28))
    approved.refresh_from_db()
    assert approved.state == State.DECIDED and approved.decision_number == "綦江府发〔2022〕3号"
    assert document.number == "綦江府发〔2022〕3号" and document.signed_on == D(2022, 4, 28)
    assert [a.title for a in document.attachments.order_by("order")] == [
        "綦江区第十届青少年科技创新区长奖获奖名单", "綦江区第十届青少年科技创新区长提名奖获奖名单"]
    assert document.attachments.get(number=2).paragraphs == ["孙 五 綦江区实验中学九年级1班学生"]
    issue = document.issue
    assert issue is not None and not issue.published and issue.year == 2022
    assert document.item.section.name == "区人民政府文件"
    # a draft: the public does not see it until the editors publish the issue
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get("/api/gazette/documents/綦江府发〔2022〕3号").status_code == 404
    from zhengwu.gazette.search import search

    assert search("区长奖 欧阳小明").total == 0
    issue.published = True  # the editors publish the issue: the gazette's own step
    issue.save()
    assert client.get(document.get_absolute_url()).status_code == 200
    assert search("区长奖 欧阳小明").total == 1


def test_decision_docx_read_back(approved):
    decision.issue_decision(approved, number="綦江府发〔2022〕3号", signed_on=D(2022, 4, 28))
    approved.refresh_from_db()
    data = decision.decision_docx(approved)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "重庆市綦江区人民政府文件" in paragraphs and "綦江府发〔2022〕3号" in paragraphs
    assert "重庆市綦江区人民政府关于颁发第十届青少年科技创新区长奖的决定" in paragraphs
    assert "附件1" in paragraphs and "附件2" in paragraphs
    assert "欧阳小明 綦江区中山路小学五年级4班学生" in paragraphs
    assert "赵 四 綦江区实验中学高二年级7班学生" in paragraphs
    assert "孙 五 綦江区实验中学九年级1班学生" in paragraphs
    assert "2022年4月28日" in paragraphs
    assert not any("王一" in p or "王 一" in p for p in paragraphs)


def test_decision_refusals(approved):
    with pytest.raises(DomainError) as info:
        decision.issue_decision(approved, number="第三号", signed_on=D(2022, 4, 28))
    assert info.value.code == "bad_number"
    with pytest.raises(DomainError) as info:
        decision.issue_decision(approved, number="綦江府发〔2021〕10号", signed_on=D(2022, 4, 28))
    assert info.value.code == "number_taken"
    with pytest.raises(DomainError) as info:
        decision.issue_decision(approved, number="綦江府发〔2022〕3号", signed_on=D(2022, 4, 19))
    assert info.value.code == "date_order"
    approved.refresh_from_db()
    assert approved.state == State.APPROVED and approved.document is None
    assert not g.Document.objects.filter(number="綦江府发〔2022〕3号").exists()


def test_ninth_edition_docx_is_the_seed_document(ninth):
    edition = Edition.objects.get(number=9)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(decision.decision_docx(edition))).paragraphs]
    assert "王 烁 綦江区康德城第一小学六年级2班学生" in paragraphs
    assert "梅锋睿 綦江区万兴中学九年级1班学生" in paragraphs


def test_bureau_page_says_whether_the_gazette_published_it(approved):
    from django.contrib.auth.models import Permission, User
    from django.test import Client

    document = decision.issue_decision(approved, number="綦江府发〔2022〕3号", signed_on=D(2022, 4, 28))
    user = User.objects.create_user("kjj")
    user.user_permissions.add(Permission.objects.get(codename="run_edition"))
    client = Client()
    client.force_login(user)
    assert "（公报草稿：2022年第1期（总第113期），待编辑发布）" in client.get("/awards/staff/editions/10/").content.decode()
    g.Issue.objects.filter(pk=document.issue.pk).update(published=True)
    assert "（已刊登于公报2022年第1期（总第113期））" in client.get("/awards/staff/editions/10/").content.decode()


# --- the draft issue the decisions join ---------------------------------------------------------------

def test_a_second_decision_joins_the_unpublished_issue(imported_seed, schools, experts):
    from zhengwu.awards.editions import create_edition

    issues = []
    for number, year in ((10, 2022), (11, 2023)):
        edition = create_edition(number, year, on=D(2022, 3, 1), winner_quota=1, nominee_quota=1)
        Candidate.objects.all().update(recommended=False)
        reviewed(edition, schools, [("kdc", f"王{'一二'[number - 10]}", "六年级", 2, 90)])
        ranking.fix_ranking(edition, D(2022, 4, 10))
        notice.publish_notice(Edition.objects.get(pk=edition.pk), D(2022, 4, 11), contact="区科技局")
        notice.approve(Edition.objects.get(pk=edition.pk), meeting="第二届区政府第150次常务会", on=D(2022, 4, 19))
        document = decision.issue_decision(Edition.objects.get(pk=edition.pk), number=f"綦江府发〔2022〕{number}号",
                                           signed_on=D(2022, 4, 28))
        issues.append(document.issue)
    assert issues[0] == issues[1] and not issues[0].published
    assert [i.title for i in issues[0].items.order_by("order")] == [
        "重庆市綦江区人民政府关于颁发第十届青少年科技创新区长奖的决定",
        "重庆市綦江区人民政府关于颁发第十一届青少年科技创新区长奖的决定"]
    assert g.Issue.objects.filter(published=False).count() == 1
