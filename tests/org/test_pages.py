"""The registry's pages under /org/ through Django's test client: what a reader and a staff member see."""
import io
import re
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User

from .conftest import BY, day

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The visible text of a page, tags removed and whitespace squeezed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def org(name):
    from zhengwu.org.resolve import find_organization

    return find_organization(name)


def person(name):
    from zhengwu.org.resolve import find_person

    return find_person(name)


def post(label):
    from zhengwu.org.resolve import find_post

    return find_post(label)


@pytest.fixture
def staff(registry, client):
    user = User.objects.create_user("renshi", password="x", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_nav_links_to_the_registry(registry, client):
    assert '<a href="/org/">机构与人员</a>' in client.get("/").content.decode()


def test_body_list_is_a_tree_on_a_date(registry, client):
    page = client.get("/org/?on=2021-07-15")
    assert page.status_code == 200
    body = text(page)
    assert "2021年7月15日存在的议事协调机构" in body
    assert "区安委会" in body and "区安委会办公室" in body
    assert 'class="depth-1"' in page.content.decode()
    before = text(client.get("/org/?on=2021-06-01"))
    assert "区安委会" not in before or "区自然灾害应急总指挥部" not in text(client.get("/org/?on=2021-07-15"))


def test_bad_date_is_named_next_to_the_date_field(registry, client):
    page = client.get("/org/?on=2021-02-30")
    assert page.status_code == 400
    assert "日期：日期不存在：2021-02-30。" in text(page)
    assert 'aria-invalid="true"' in page.content.decode()
    page = client.get(f"/org/bodies/{org('区安委会').pk}/?on=yesterday")
    assert page.status_code == 400
    assert "日期应写作 YYYY-MM-DD" in text(page)


def test_body_page_shows_roster_office_and_documents(registry, client):
    body = org("区安委会")
    page = client.get(f"/org/bodies/{body.pk}/?on=2021-07-15")
    assert page.status_code == 200
    html, seen = page.content.decode(), text(page)
    assert "区安委会 2021年7月15日的组成人员" in seen
    assert "江宗华" in seen and "区应急局" in seen
    assert f'href="/org/people/{person("江宗华").pk}/?on=2021-07-15"' in html
    assert "区安委会办公室" in seen and "设在 区应急局" in seen
    assert f'href="/docs/{quote("綦江府办〔2021〕25号")}"' in html or "/docs/綦江府办〔2021〕25号" in html


def test_roster_follows_the_date_after_an_appointment(registry, client):
    from zhengwu.org.appointments import appoint
    from zhengwu.org.registry import add_person

    zhou = add_person("周新", by=BY)
    appoint(zhou, post("区应急局局长"), day("2021-08-01"), by=BY, reason="测试")
    url = f"/org/bodies/{org('区安委会').pk}/"
    assert "江宗华" in text(client.get(url + "?on=2021-07-31"))
    after = text(client.get(url + "?on=2021-08-02"))
    assert "周新" in after and "江宗华" not in after


def test_merged_body_says_so_and_links_the_document(registry, client):
    body = org("区自然灾害应急总指挥部")
    page = client.get(f"/org/bodies/{body.pk}/?on=2021-08-01")
    assert page.status_code == 200
    seen = text(page)
    assert "已于2021-06-29撤销，并入区减灾委" in seen
    assert "并入 区减灾委" in seen
    assert "綦江府办〔2021〕25号" in seen
    successor = text(client.get(f"/org/bodies/{org('区减灾委').pk}/?on=2021-07-15"))
    assert "区自然灾害应急总指挥部" in successor


def test_person_page_shows_seats_posts_and_history(registry, client):
    sun = person("孙荣康")
    page = client.get(f"/org/people/{sun.pk}/?on=2021-07-15")
    assert page.status_code == 200
    seen = text(page)
    assert "2021年7月15日担任的席位" in seen
    assert "区安委会" in seen
    assert "任职经历" in seen


def test_person_lookup_redirects_and_explains_unknown_names(registry, client):
    found = client.get("/org/people/", {"name": "孙 荣康"})
    assert found.status_code == 302 and found["Location"] == f"/org/people/{person('孙荣康').pk}/"
    missing = client.get("/org/people/", {"name": "张无名"})
    assert missing.status_code == 404
    assert "姓名：名录中没有“张无名”这个人。" in text(missing)


def test_post_page_shows_history_and_seats(registry, client):
    chief = post("区应急局局长")
    seen = text(client.get(f"/org/posts/{chief.pk}/"))
    assert "历任" in seen and "江宗华" in seen
    assert "坐的席位" in seen and "区安委会" in seen and "区应急局主要负责人" in seen


def test_probations_page(registry, client):
    seen = text(client.get("/org/probations/?on=2022-05-01&within=60"))
    assert "廖建伟" in seen and "2022-06-26" in seen
    assert "没有试用期届满" in text(client.get("/org/probations/?on=2022-05-01&within=10"))
    bad = client.get("/org/probations/?within=abc")
    assert bad.status_code == 400 and "天数：天数应为整数" in text(bad)


def test_changes_page(registry, client):
    from zhengwu.org.appointments import appoint
    from zhengwu.org.registry import add_person

    appoint(add_person("周新", by=BY), post("区应急局局长"), day("2021-08-01"), by=BY, reason="测试")
    url = f"/org/bodies/{org('区安委会').pk}/changes/"
    seen = text(client.get(url + "?from=2021-07-01&to=2021-08-31"))
    assert "2021-08-01" in seen and "接任" in seen and "江宗华" in seen and "周新" in seen
    bad = client.get(url + "?from=2021-08-31&to=2021-07-01")
    assert bad.status_code == 400 and "结束日期：结束日期2021-07-01早于开始日期2021-08-31。" in text(bad)


def test_appoint_form_needs_a_staff_login(registry, client):
    page = client.get("/org/appoint/")
    assert page.status_code == 302 and page["Location"].startswith("/admin/login/")
    assert client.post("/org/appoint/", {"person": "江宗华"}).status_code == 302


def test_appoint_through_the_form(registry, client, staff):
    from zhengwu.org.models import AuditEntry
    from zhengwu.org.registry import add_person

    add_person("周新", by=BY)
    form = {"action": "appoint", "person": "周新", "post": "区应急局局长", "on": "2021-08-01",
            "reason": "第120次常务会"}
    page = client.post("/org/appoint/", form)
    assert page.status_code == 302
    assert "已任命 周新 为 区应急局局长，2021-08-01 起。" in text(client.get(page["Location"]))
    entry = AuditEntry.objects.filter(action="appoint").latest("pk")
    assert entry.by == "renshi" and entry.reason == "第120次常务会"
    seen = text(client.get(f"/org/bodies/{org('区安委会').pk}/?on=2021-08-02"))
    assert "周新" in seen


def test_remove_through_the_form(registry, client, staff):
    form = {"action": "remove", "person": "江宗华", "post": "区应急局局长", "on": "2021-09-01", "reason": "调任"}
    page = client.post("/org/appoint/", form)
    assert page.status_code == 302
    assert "已免去 江宗华 的 区应急局局长：最后在任 2021-08-31。" in text(client.get(page["Location"]))


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"person": "张无名"}, "person", "名录中没有“张无名”这个人。"),
    ({"post": "区应急局主要负责人"}, "post", "区应急局主要负责人由区应急局局长担任，不能直接任命"),
    ({"on": "2021-02-30"}, "on", "日期不存在：2021-02-30。"),
    ({"reason": ""}, "reason", "请写明理由"),
    ({"probation_months": "一年"}, "probation_months", "试用期应为月数"),
    ({"decision": "99999"}, "decision", "请从列表中选择任免决定。"),
])
def test_appoint_form_shows_the_error_by_the_field(registry, client, staff, change, field, message):
    form = {"action": "appoint", "person": "江宗华", "post": "区应急局局长", "on": "2021-08-01", "reason": "测试",
            **change}
    page = client.post("/org/appoint/", form)
    assert page.status_code == 400
    html = page.content.decode()
    error = re.search(rf'<p id="{field}-error" class="field-error" role="alert">(.*?)</p>', html, re.S)
    assert error and message in error.group(1)
    assert f'aria-describedby="{field}-error"' in html or f'{field}-error"' in html
    kept = change.get(field, form[field]) if field != "reason" else ""
    if field in ("person", "post", "reason"):
        assert f'value="{kept}"' in html


def test_remove_refused_when_not_a_holder(registry, client, staff):
    page = client.post("/org/appoint/", {"action": "remove", "person": "孙荣康", "post": "区应急局局长",
                                         "on": "2021-09-01", "reason": "测试"})
    assert page.status_code == 400
    assert "孙荣康在2021-08-31不担任区应急局局长，无从免职。" in text(page)


def test_staff_edit_only_their_units_posts(registry, client):
    from zhengwu.org.models import StaffUnit

    user = User.objects.create_user("minzheng", password="x", is_staff=True)
    StaffUnit.objects.create(user=user, organization=org("区民政局"))
    client.force_login(user)
    page = client.post("/org/appoint/", {"action": "remove", "person": "江宗华", "post": "区应急局局长",
                                         "on": "2021-09-01", "reason": "测试"})
    assert page.status_code == 400
    assert "区应急局局长属于区应急局，您只能任免区民政局的职务。" in text(page)
    assert "您可以任免区民政局的职务" in text(client.get("/org/appoint/"))
    bare = User.objects.create_user("nobody", password="x", is_staff=True)
    client.force_login(bare)
    page = client.post("/org/appoint/", {"action": "remove", "person": "江宗华", "post": "区应急局局长",
                                         "on": "2021-09-01", "reason": "测试"})
    assert "您的账号尚未关联任何单位" in text(page)


# --- Excel ------------------------------------------------------------------------------------------

def read_xlsx(data: bytes) -> list[tuple]:
    from openpyxl import load_workbook

    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def make_xlsx(rows: list[tuple]) -> io.BytesIO:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "holders.xlsx"
    return out


HEADER = ("单位", "职务", "姓名", "任职日期", "试用期满")


def test_export_holders_reads_back(registry):
    from zhengwu.org.excel import export_holders

    rows = read_xlsx(export_holders(day("2021-07-15")))
    assert rows[0] == HEADER
    by_person = {r[2]: r for r in rows[1:] if r[2]}
    assert by_person["江宗华"][:2] == ("区应急局", "局长")
    liao = by_person["廖建伟"]
    assert liao[3].date() == day("2021-06-27") and liao[4].date() == day("2022-06-26")
    assert not any(r[:2] == ("区应急局", "主要负责人") for r in rows[1:])  # held through 局长
    assert ("区教委", "主要负责人", None, None, None) in rows  # vacant: a row for the office to fill in


def test_exported_file_imports_as_no_change(registry):
    from zhengwu.org.excel import export_holders, import_holders
    from zhengwu.org.models import Membership

    before = Membership.objects.count()
    data = io.BytesIO(export_holders(day("2021-07-15")))
    rows = [r for r in read_xlsx(data.getvalue()) if r[2]]
    only_held = make_xlsx(rows)
    report = import_holders(only_held, by=BY, on=day("2021-07-15"))
    assert report.ok, report.problems
    assert not report.appointed and len(report.unchanged) == len(rows) - 1
    assert Membership.objects.count() == before


def test_import_appoints_each_row(registry):
    from zhengwu.org.excel import import_holders
    from zhengwu.org.registry import add_person
    from zhengwu.org.roster import roster

    add_person("周新", by=BY)
    report = import_holders(make_xlsx([HEADER, ("区应急局", "局长", "周 新", "2021-08-01", "2022-07-31")]),
                            by=BY)
    assert report.ok and report.appointed == ["周新 区应急局局长（2021-08-01起）"]
    history = [line for line in __import__("zhengwu.org.holders", fromlist=["x"]).post_history(post("区应急局局长"))
               if line.person.name == "周新"]
    assert history[0].probation_end == day("2022-07-31")
    assert "周新" in [line.person.name for line in roster(org("区安委会"), day("2021-08-02")) if line.person]


def test_import_is_all_or_nothing_and_reports_every_row(registry):
    from zhengwu.org.excel import import_holders
    from zhengwu.org.models import Membership
    from zhengwu.org.registry import add_person

    add_person("周新", by=BY)
    before = Membership.objects.count()
    report = import_holders(make_xlsx([
        HEADER,
        ("区应急局", "局长", "周新", "2021-08-01", None),  # good
        ("区不存在局", "局长", "周新", "2021-08-01", None),
        ("区应急局", "总监", "周新", "2021-08-01", None),
        ("区应急局", "局长", "张无名", "2021-08-01", None),
        ("区应急局", "局长", "周新", "2021-02-30", None),
        ("区应急局", "局长", "周新", "2021-08-01", "2022-07-15"),
        ("区应急局", "局长", None, None, None),
    ]), by=BY)
    assert not report.ok
    problems = [(p.row, p.column) for p in report.problems]
    assert problems == [(3, "单位"), (4, "职务"), (5, "姓名"), (6, "任职日期"), (7, "试用期满"), (8, "姓名")]
    assert "名录中没有“区不存在局”" in report.problems[0].why
    assert "请先登记该人员" in report.problems[2].why
    assert "日期不存在：2021-02-30。" in report.problems[3].why
    assert Membership.objects.count() == before
    assert "未导入任何一行" in report.summary()


def test_import_rolls_back_when_an_appointment_is_refused(registry):
    from zhengwu.org.excel import import_holders
    from zhengwu.org.models import Membership
    from zhengwu.org.registry import add_person

    add_person("周新", by=BY)
    before = Membership.objects.count()
    report = import_holders(make_xlsx([HEADER, ("区应急局", "局长", "周新", "2021-08-01", None),
                                       ("区应急局", "局长", "孙荣康", "2021-07-20", None)]), by=BY)
    assert [(p.row, p.column) for p in report.problems] == [(3, "任职日期")]
    assert "周新已定于2021-08-01起担任区应急局局长" in report.problems[0].why
    assert Membership.objects.count() == before and not report.appointed


def test_import_refuses_a_file_that_is_not_xlsx(registry):
    from zhengwu.core.errors import DomainError
    from zhengwu.org.excel import import_holders

    with pytest.raises(DomainError, match="不是 Excel"):
        import_holders(io.BytesIO(b"name,post\n"), by=BY)
    with pytest.raises(DomainError, match="第1行应为表头"):
        import_holders(make_xlsx([("姓名", "职务")]), by=BY)


def test_excel_page_download_and_upload(registry, client, staff):
    from zhengwu.org.registry import add_person

    download = client.get("/org/excel/?on=2021-07-15&download=1")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert read_xlsx(download.content)[0] == HEADER
    add_person("周新", by=BY)
    page = client.post("/org/excel/upload/", {"file": make_xlsx([HEADER, ("区应急局", "局长", "周新", "2021-08-01",
                                                                          None)])})
    assert page.status_code == 200
    assert "任命 1 项" in text(page) and "已任命 周新 区应急局局长（2021-08-01起）" in text(page)
    bad = client.post("/org/excel/upload/", {"file": make_xlsx([HEADER, ("区应急局", "总监", "周新", None, None)])})
    assert bad.status_code == 400
    assert "区应急局没有“总监”这个职务" in text(bad) and "未导入任何一行" in text(bad)
    assert client.post("/org/excel/upload/", {}).status_code == 400


def test_excel_upload_needs_staff(registry, client):
    assert client.post("/org/excel/upload/", {}).status_code == 302
    assert "工作人员登录" in text(client.get("/org/excel/"))


def test_pages_send_the_content_security_policy(registry, client):
    for url in ("/org/", f"/org/bodies/{org('区安委会').pk}/", "/org/probations/"):
        page = client.get(url)
        assert "default-src 'self'" in page["Content-Security-Policy"]
        assert "<script" not in page.content.decode() and "style=" not in page.content.decode()


def test_cli_export_and_import_excel(registry, tmp_path, capsys):
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    from zhengwu.org.registry import add_person

    out = tmp_path / "holders.xlsx"
    call_command("org", "export-excel", "-o", str(out), "--on", "2021-07-15")
    assert read_xlsx(out.read_bytes())[0] == HEADER
    add_person("周新", by=BY)
    good = tmp_path / "good.xlsx"
    good.write_bytes(make_xlsx([HEADER, ("区应急局", "局长", "周新", "2021-08-01", None)]).getvalue())
    capsys.readouterr()
    call_command("org", "import-excel", str(good), "--by", "人事科张三", "--json")
    assert json.loads(capsys.readouterr().out)["appointed"] == ["周新 区应急局局长（2021-08-01起）"]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(make_xlsx([HEADER, ("区应急局", "总监", "周新", None, None)]).getvalue())
    with pytest.raises(CommandError, match="未导入任何一行") as caught:
        call_command("org", "import-excel", str(bad), "--by", "人事科张三")
    assert caught.value.returncode == 1
    assert "第2行“职务”：区应急局没有“总监”这个职务" in capsys.readouterr().err
