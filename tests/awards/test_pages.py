"""Pages and API as users see them: the public notice with how to object, past winners, the rights of
the bureau, schools and experts (an expert sees only their assignments), CSRF on every form, the demo."""
import datetime as dt
import io
import json

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from tests import personas
from zhengwu.awards import applications, notice, ranking, review
from zhengwu.awards.models import Assignment, Candidate, Edition, Expert, SchoolMember
from zhengwu.awards.vocab import State

from .conftest import make_candidates, reviewed

D = dt.date


def login(codename: str, name: str, **link) -> Client:
    user = personas.person(name, app="awards", perms=[codename])
    if "school" in link:
        SchoolMember.objects.create(user=user, school=link["school"])
    if "expert" in link:
        link["expert"].user = user
        link["expert"].save()
    return personas.logged_in(user, enforce_csrf=True)


def csrf_post(client: Client, url: str, data: dict):
    page = client.get("/awards/staff/", follow=True)
    token = page.context["csrf_token"] if page.context and "csrf_token" in page.context else None
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else token
    return client.post(url, data | {"csrfmiddlewaretoken": token}, follow=True)


def test_public_pages_show_the_ninth_edition(ninth, client):
    home = client.get("/awards/").content.decode()
    assert "目前没有正在公示的名单" in home and "綦江区第九届青少年科技创新区长奖" in home
    page = client.get("/awards/9/").content.decode()
    assert "王烁" in page and "梅锋睿" in page and "綦江府发〔2021〕10号" in page
    assert "五年3班" in page and "蔡翔秋皓" in page and "数据质量提示" in page
    assert client.get("/awards/10/").status_code == 404


def test_api_list_has_the_contract_shape(ninth, client):
    data = client.get("/api/awards/editions/9/list").json()
    assert len(data) == 20 and data[0] == {"tier": "区长奖", "name": "王烁", "school": "綦江区康德城第一小学",
                                           "grade": "六年级", "class": "2班", "flags": []}
    assert client.get("/api/awards/editions/10/list").status_code == 404
    assert [e["number"] for e in client.get("/api/awards/editions").json()] == [9]


@pytest.fixture
def in_notice(edition, schools, experts):
    people = make_candidates(edition, schools, [("kdc", "王一", "六年级", 2), ("zsl", "张三", "四年级", 3),
                                                ("sy", "赵四", "高二年级", 7)])
    for person in people:
        applications.recommend(person, school=person.school, on=D(2022, 3, 21))
    review.start_review(edition, D(2022, 4, 1))
    marks = {"王一": 90, "张三": 80, "赵四": 70}
    for a in Assignment.objects.select_related("candidate", "expert"):
        review.submit_scores(a, {k: str(marks[a.candidate.name]) for k in ("innovation", "science", "practice",
                                                                             "presentation")},
                             expert=a.expert, on=D(2022, 4, 2))
    ranking.fix_ranking(edition, D(2022, 4, 10))
    notice.publish_notice(edition, D(2022, 4, 11), contact="区科技局，电话 023-48600000")
    return Edition.objects.get(pk=edition.pk)


def test_public_notice_lists_and_how_to_object(in_notice, client):
    page = client.get("/awards/").content.decode()
    assert "綦江区第十届青少年科技创新区长奖拟获奖名单公示" in page
    assert "2022年4月11日至2022年4月18日" in page
    assert "如何提出异议" in page and "区科技局，电话 023-48600000" in page
    assert "王一" in page and "张三" in page and "赵四" in page  # winners 2, nominee 1 (quota 2/2)
    api = client.get("/api/awards/notice").json()
    assert api[0]["notice"]["end"] == "2022-04-18" and [e["name"] for e in api[0]["list"]] == ["王一", "张三", "赵四"]


def test_staff_pages_need_login_and_rights(in_notice, schools):
    assert Client().get("/awards/staff/editions/10/").status_code == 302  # to the login
    school_client = login("recommend_candidate", "school", school=schools["kdc"])
    denied = school_client.get("/awards/staff/editions/10/")
    assert denied.status_code == 403 and "无权" in denied.content.decode()
    bureau = login("run_edition", "kjj")
    page = bureau.get("/awards/staff/editions/10/").content.decode()
    assert "社会公示" in page and "登记异议" in page and "csrfmiddlewaretoken" in page
    assert "<td>綦江区康德城第一小学</td><td>1</td><td>1</td>" in page  # applied and recommended per school
    assert bureau.get("/awards/staff/editions/10/").headers["Cache-Control"].startswith("max-age=0")


def test_forms_refuse_without_csrf(in_notice):
    bureau = login("run_edition", "kjj")
    response = bureau.post("/awards/staff/editions/10/step/approve", {"meeting": "x", "on": "2022-04-20"})
    assert response.status_code == 403
    assert Edition.objects.get(number=10).state == "notice"


def test_bureau_approval_before_notice_end_is_shown_and_refused(in_notice):
    bureau = login("run_edition", "kjj")
    page = csrf_post(bureau, "/awards/staff/editions/10/step/approve",
                     {"meeting": "第二届区政府第150次常务会", "on": "2022-04-18"}).content.decode()
    assert "日期：公示期至2022-04-18届满，审定日期 2022-04-18 应在其后。" in page
    assert Edition.objects.get(number=10).state == "notice"


def test_expert_sees_only_own_assignments(edition, schools, experts):
    people = make_candidates(edition, schools, [("kdc", "王一", "六年级", 2), ("zsl", "张三", "四年级", 3)])
    for person in people:
        applications.recommend(person, school=person.school, on=D(2022, 3, 21))
    Edition.objects.filter(pk=edition.pk).update(experts_per_candidate=1)
    review.start_review(edition, D(2022, 4, 1))
    jia = experts[0]  # at 康德城第一小学: never 王一
    client = login("score_candidate", "jia", expert=jia)
    page = client.get("/awards/staff/review/").content.decode()
    mine = {a.candidate.name for a in Assignment.objects.filter(expert=jia)}
    assert "王一" not in mine
    for name in ("王一", "张三"):
        assert (name in page) == (name in mine)
    other = Assignment.objects.exclude(expert=jia).first()
    response = csrf_post(client, f"/awards/staff/review/{other.pk}", {k: "80" for k in ("innovation", "science",
                                                                                          "practice", "presentation")})
    assert response.status_code == 404
    assert Assignment.objects.get(pk=other.pk).submitted_on is None


def test_school_applies_with_bad_grade_and_sees_the_message(edition, schools):
    from zhengwu.awards.editions import advance
    from zhengwu.awards.vocab import State

    advance(edition, State.APPLYING, D(2022, 3, 1))
    client = login("recommend_candidate", "school", school=schools["kdc"])
    page = csrf_post(client, "/awards/staff/school/apply", {"name": "周七", "grade": "七年级", "class_no": "1",
                                                            "project": "测试", "on": "2022-03-02"}).content.decode()
    assert "年级：綦江区康德城第一小学（小学）没有七年级。" in page
    assert not Candidate.objects.exists()
    page = csrf_post(client, "/awards/staff/school/apply", {"name": "周 七", "grade": "六年级", "class_no": "1",
                                                            "project": "测试", "on": "2022-03-02"}).content.decode()
    assert "周七" in page and Candidate.objects.get().name == "周七"


def test_excel_export(in_notice):
    bureau = login("run_edition", "kjj")
    response = bureau.get("/awards/staff/editions/10/list.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("排名", "奖项", "姓名", "学校")
    assert [r[:3] for r in rows[2:]] == [(1, "区长奖", "王一"), (2, "区长奖", "张三"), (3, "区长提名奖", "赵四")]


def test_demo_sets_up_and_runs_again_without_change(imported_seed, capsys):
    from zhengwu.awards.demo import build_demo
    from zhengwu.org.from_gazette import import_issue

    import_issue(imported_seed.issue, by="测试")
    build_demo()
    first = capsys.readouterr().err
    assert first.count("密码（只显示这一次）") == 3
    snapshot = (list(Edition.objects.values_list("number", "state", "is_sample")),
                list(Candidate.objects.values_list("pk", "name", "tier", "recommended")),
                Expert.objects.count())
    build_demo()
    assert "密码" not in capsys.readouterr().err
    assert snapshot == (list(Edition.objects.values_list("number", "state", "is_sample")),
                        list(Candidate.objects.values_list("pk", "name", "tier", "recommended")),
                        Expert.objects.count())
    assert Edition.objects.get(number=10).is_sample
    client = Client()
    client.force_login(User.objects.get(username="demo_awards_kjj"))
    assert "示例" in client.get("/awards/staff/editions/10/").content.decode()


def test_cli_ranking_and_decision(in_notice, tmp_path, capsys):
    call_command("awards", "ranking", "--edition", "10", "--json")
    data = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["rank"], r["tier"]) for r in data["rows"]] == [("王一", 1, "区长奖"), ("张三", 2, "区长奖"),
                                                                          ("赵四", 3, "区长提名奖")]
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="还没有决定文件"):
        call_command("awards", "decision", "--edition", "10", "-o", str(tmp_path / "x.docx"))


def test_student_applies_on_the_public_form(edition, schools, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhengwu.awards.editions import advance
    from zhengwu.awards.models import CandidateFile
    from zhengwu.awards.vocab import State

    settings.MEDIA_ROOT = tmp_path
    advance(edition, State.APPLYING, D(2022, 3, 1))
    client = Client(enforce_csrf_checks=True)
    form = client.get("/awards/apply/")
    assert "学生申报" in form.content.decode() and "每名学生每届只能申报一次" in form.content.decode()
    token = client.cookies["csrftoken"].value
    data = {"name": "欧阳小明", "school": str(schools["zsl"].pk), "grade": "五年级", "class_no": "4",
            "project": "会提醒的智能书包", "csrfmiddlewaretoken": token}
    empty = SimpleUploadedFile("空.pdf", b"", content_type="application/pdf")
    refused = client.post("/awards/apply/", data | {"files": [empty]})
    assert refused.status_code == 400 and "文件：文件“空.pdf”是空的。" in refused.content.decode()
    assert not Candidate.objects.exists()  # the application went back with the refused file
    report = SimpleUploadedFile("报告.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    done = client.post("/awards/apply/", data | {"files": [report]})
    assert "已收到綦江区中山路小学五年级4班欧阳小明的申报" in done.content.decode()
    assert CandidateFile.objects.get().candidate.name == "欧阳小明"
    twice = client.post("/awards/apply/", data)
    assert twice.status_code == 400 and "每届只能申报一次" in twice.content.decode()
    assert "学生申报入口" in Client().get("/awards/").content.decode()


def test_public_objection_online(in_notice, monkeypatch):
    from django.utils import timezone

    from zhengwu.awards.models import Objection

    client = Client(enforce_csrf_checks=True)
    home = client.get("/awards/").content.decode()
    assert "/awards/10/object/" in home
    form = client.get("/awards/10/object/").content.decode()
    assert "王一（綦江区康德城第一小学，区长奖）" in form
    token = client.cookies["csrftoken"].value
    wang = Candidate.objects.get(name="王一")
    monkeypatch.setattr(timezone, "localdate", lambda *a: D(2022, 4, 19))  # after the notice ended (4-18)
    late = client.post("/awards/10/object/", {"candidate": wang.pk, "text": "代做", "csrfmiddlewaretoken": token})
    assert late.status_code == 400 and "不在公示期内" in late.content.decode()
    monkeypatch.setattr(timezone, "localdate", lambda *a: D(2022, 4, 13))
    empty = client.post("/awards/10/object/", {"candidate": "", "text": "代做", "csrfmiddlewaretoken": token})
    assert empty.status_code == 400 and "请选择异议对象" in empty.content.decode()
    done = client.post("/awards/10/object/", {"candidate": wang.pk, "text": "作品由家长代做", "objector": "张某",
                                              "contact": "13800000000", "csrfmiddlewaretoken": token})
    assert "已收到您对王一的异议" in done.content.decode()
    objection = Objection.objects.get()
    assert (objection.online, objection.received_on, objection.contact) == (True, D(2022, 4, 13), "13800000000")
    bureau = login("run_edition", "kjj")
    page = bureau.get("/awards/staff/editions/10/").content.decode()
    assert "处理对王一的异议" in page and "网上提交" in page
    assert Client().get("/awards/9/object/").status_code == 404


def test_notice_docx_read_back(in_notice, client):
    import docx as python_docx

    response = client.get("/awards/10/notice.docx")
    assert response.status_code == 200
    paragraphs = [p.text for p in python_docx.Document(io.BytesIO(response.content)).paragraphs]
    assert "綦江区第十届青少年科技创新区长奖拟获奖名单公示" in paragraphs
    assert "公示期：2022年4月11日至2022年4月18日（7日）。" in paragraphs
    assert "一、区长奖（2名）" in paragraphs and "二、区长提名奖（1名）" in paragraphs
    assert "王 一 綦江区康德城第一小学六年级2班学生" in paragraphs
    assert any("受理方式：区科技局，电话 023-48600000。" in p for p in paragraphs)
    assert "2022年4月11日" in paragraphs


def test_no_notice_docx_before_the_notice(edition, client):
    assert client.get("/awards/10/notice.docx").status_code == 404


def test_no_notice_docx_for_an_edition_read_from_the_gazette(ninth, client):
    assert client.get("/awards/9/notice.docx").status_code == 404  # its notice was never in this system


def test_application_files_only_for_those_who_need_them(edition, schools, experts, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    (wang,) = make_candidates(edition, schools, [("kdc", "王一", "六年级", 2)])
    stored = applications.attach_file(wang, SimpleUploadedFile("实验报告.pdf", b"%PDF-1.4\n%%EOF\n"))
    applications.recommend(wang, school=schools["kdc"], on=D(2022, 3, 21))
    Edition.objects.filter(pk=edition.pk).update(experts_per_candidate=1)
    review.start_review(edition, D(2022, 4, 1))
    assigned = Assignment.objects.get().expert
    other = next(e for e in experts if e != assigned and e.school_id != schools["kdc"].pk)
    url = f"/awards/staff/files/{stored.pk}"
    allowed = {"bureau": login("run_edition", "kjj"), "own school": login("recommend_candidate", "kdc", school=schools["kdc"]),
               "assigned expert": login("score_candidate", "e1", expert=assigned)}
    denied = {"other school": login("recommend_candidate", "zsl", school=schools["zsl"]),
              "other expert": login("score_candidate", "e2", expert=other)}
    for who, client in allowed.items():
        response = client.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4\n%%EOF\n", who
    for who, client in denied.items():
        assert client.get(url).status_code == 403, who


# --- the bureau's steps on the page: a tie, a new edition, a forged form ------------------------------

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


def test_a_forged_form_gets_a_message_not_a_server_error(edition, schools, experts):
    make_candidates(edition, schools, [("kdc", "王一", "六年级", 2)])
    bureau = login("run_edition", "kjj")
    response = csrf_post(bureau, "/awards/staff/editions/10/step/objection", {"candidate": "abc", "text": "x"})
    assert response.status_code == 200 and "候选人：请选择。" in response.content.decode()
    response = csrf_post(bureau, "/awards/staff/editions/10/step/nonsense", {})
    assert "没有“nonsense”这一步" in response.content.decode()
