"""More of what users do: the bureau orders a tie on the page, sets up an edition; the CLI's JSON for
import-document and editions; the 9th edition's DOCX from the command line; a second decision joins the
issue already being put together."""
import datetime as dt
import io
import json

import docx
import pytest
from django.core.management import call_command

from zhengwu.awards import applications, decision, notice, ranking, review
from zhengwu.awards.models import Assignment, Candidate, Edition
from zhengwu.awards.vocab import State
from zhengwu.gazette import models as g

from .conftest import make_candidates
from .test_pages import csrf_post, login

D = dt.date
CODES = ("innovation", "science", "practice", "presentation")


def reviewed(edition, schools, marks):
    people = make_candidates(edition, schools, [(k, n, gr, c) for k, n, gr, c, _m in marks])
    for person in people:
        applications.recommend(person, school=person.school, on=D(2022, 3, 21))
    review.start_review(edition, D(2022, 4, 1))
    by_name = {n: m for _k, n, _g, _c, m in marks}
    for a in Assignment.objects.filter(candidate__edition=edition).select_related("candidate", "expert"):
        review.submit_scores(a, {k: str(by_name[a.candidate.name]) for k in CODES}, expert=a.expert, on=D(2022, 4, 2))
    return people


def test_bureau_orders_a_tie_on_the_page(edition, schools, experts):
    reviewed(edition, schools, [("kdc", "王一", "六年级", 2, 80), ("zsl", "张三", "四年级", 3, 80),
                                ("sy", "赵四", "高二年级", 7, 70)])
    bureau = login("run_edition", "kjj")
    page = bureau.get("/awards/staff/editions/10/").content.decode()
    assert "并列得分：请确定先后" in page and "王一（80.000分）" in page
    wang, zhang = Candidate.objects.get(name="王一"), Candidate.objects.get(name="张三")
    refused = csrf_post(bureau, "/awards/staff/editions/10/step/rank",
                        {"on": "2022-04-10", "tie_positions": "1", f"tie_{wang.pk}": "", f"tie_{zhang.pk}": ""})
    assert "并列顺序：并列者的先后请填1、2、3" in refused.content.decode()
    refused = csrf_post(bureau, "/awards/staff/editions/10/step/rank", {"on": "2022-04-10"})
    assert "有并列得分，需由区科技局确定先后：王一、张三（80.000分）" in refused.content.decode()
    refused = csrf_post(bureau, "/awards/staff/editions/10/step/rank",
                        {"on": "2022-04-10", "tie_positions": "1", f"tie_{wang.pk}": "1", f"tie_{zhang.pk}": "1"})
    assert "并列者的先后不能相同" in refused.content.decode()
    assert Edition.objects.get(number=10).state == State.REVIEWING
    done = csrf_post(bureau, "/awards/staff/editions/10/step/rank",
                     {"on": "2022-04-10", "tie_positions": "1", f"tie_{wang.pk}": "2", f"tie_{zhang.pk}": "1"})
    assert "已排名" in done.content.decode()
    assert list(Candidate.objects.order_by("rank").values_list("name", flat=True)) == ["张三", "王一", "赵四"]
    assert "并列者由区科技局确定先后：王一、张三" in done.content.decode()


def test_bureau_sets_up_an_edition_on_the_page(db):
    bureau = login("run_edition", "kjj")
    page = csrf_post(bureau, "/awards/staff/create", {"number": "11", "year": "2023", "winner_quota": "8",
                                                       "on": "2023-03-01"}).content.decode()
    assert "綦江区第十一届青少年科技创新区长奖" in page and "区长奖 8 名" in page
    assert "届次：第11届已经存在。" in csrf_post(bureau, "/awards/staff/create",
                                             {"number": "11", "year": "2023"}).content.decode()


def test_import_document_json_and_editions(imported_seed, capsys):
    call_command("awards", "import-document", "綦江府发 [2021] 10 号", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["edition"] == 9 and data["created"] is True and data["counts"] == {"区长奖": 10, "区长提名奖": 10}
    assert data["flagged"] == [{"tier": "区长提名奖", "name": "蔡翔秋皓", "text": "蔡翔秋皓 綦江区中山路小学五年3班学生",
                                "flags": ["grade_abbreviated"]}]
    call_command("awards", "editions", "--json")
    (edition,) = json.loads(capsys.readouterr().out)
    assert edition["decision"] == {"number": "綦江府发〔2021〕10号", "signed_on": "2021-05-24"}
    assert edition["approved"] == {"meeting": "第二届区政府第108次常务会", "on": None}


def test_import_document_refuses_other_documents(imported_seed, capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("awards", "import-document", "綦江府办发〔2021〕23号", "--json")
    assert "不是青少年科技创新区长奖的决定" in json.loads(capsys.readouterr().out)["error"]["message"]
    with pytest.raises(CommandError):
        call_command("awards", "import-document", "綦江府发〔2021〕99号", "--json")
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "not_found"


def test_ninth_decision_docx_from_the_command_line(ninth, tmp_path, capsys):
    target = tmp_path / "10号.docx"
    call_command("awards", "decision", "--edition", "9", "-o", str(target))
    paragraphs = [p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs]
    assert "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定" in paragraphs
    assert "蔡翔秋皓 綦江区中山路小学五年3班学生" in paragraphs  # the gazette's text, as printed


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


def test_a_forged_form_gets_a_message_not_a_server_error(edition, schools, experts):
    make_candidates(edition, schools, [("kdc", "王一", "六年级", 2)])
    bureau = login("run_edition", "kjj")
    response = csrf_post(bureau, "/awards/staff/editions/10/step/objection", {"candidate": "abc", "text": "x"})
    assert response.status_code == 200 and "候选人：请选择。" in response.content.decode()
    response = csrf_post(bureau, "/awards/staff/editions/10/step/nonsense", {})
    assert "没有“nonsense”这一步" in response.content.decode()
