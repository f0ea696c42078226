"""`zhengwu org …`: the JSON shapes of every query, appointments from the command line, and errors.

Most tests call the command in-process over the seeded test database; the last ones run the installed
console script against a demo database file, as staff run it, to check stdout, stderr and exit codes.
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def run_json(capsys, *args) -> object:
    capsys.readouterr()
    call_command("org", *args, "--json")
    return json.loads(capsys.readouterr().out)


def failing(capsys, *args) -> tuple[CommandError, str]:
    capsys.readouterr()
    with pytest.raises(CommandError) as caught:
        call_command("org", *args)
    return caught.value, capsys.readouterr().out


def test_seats_prints_body_role_post(registry, capsys):
    seats = run_json(capsys, "seats", "孙荣康", "--on", "2021-07-15")
    assert len(seats) == 7 and len({s["body"] for s in seats}) == 7
    assert all(list(s) == ["body", "role", "post"] for s in seats)
    assert seats[0] == {"body": "綦河流域水环境综合治理PPP项目工作推进领导小组", "role": "副组长",
                        "post": "区电子政务中心主任"}
    assert seats[-1] == {"body": "编辑委员会", "role": "副主任", "post": None}


def test_roster_prints_role_person_post_unit(registry, capsys):
    assert run_json(capsys, "roster", "区安委会办公室", "--on", "2021-07-15") == [
        {"role": "主任", "person": "江宗华", "post": "区应急局主要负责人", "unit": "区应急局"},
        {"role": "副主任", "person": None, "post": "区应急局分管负责人", "unit": "区应急局"},
    ]


def test_appoint_from_the_command_line_then_the_roster_follows(registry, capsys):
    call_command("org", "add-person", "周新", "--gender-note", "女", "--by", "人事科")
    done = run_json(capsys, "appoint", "--person", "周新", "--post", "区应急局局长", "--on", "2021-08-01",
                    "--probation-months", "12", "--reason", "常务会决定", "--by", "人事科")
    assert done == {"person": "周新", "post": "区应急局局长", "start_date": "2021-08-01", "end_date": None,
                    "end_reason": None, "probation_end": "2022-07-31"}
    assert run_json(capsys, "roster", "区安委会办公室", "--on", "2021-08-02")[0]["person"] == "周新"
    assert run_json(capsys, "holders", "区应急局局长", "--on", "2021-07-31")[0]["person"] == "江宗华"
    removed = run_json(capsys, "appoint", "--person", "周新", "--post", "区应急局局长", "--on", "2021-10-01",
                       "--remove", "--by", "人事科")
    assert (removed["end_date"], removed["end_reason"]) == ("2021-09-30", "removed")
    assert run_json(capsys, "history", "区应急局局长")[-1]["end_date"] == "2021-09-30"


def test_holders_changes_and_probations_print_lists(registry, capsys):
    holders = run_json(capsys, "holders", "区政府副区长", "--on", "2021-07-01")
    assert [h["person"] for h in holders] == ["刘芳敏", "蒋华江", "蒲德洪"]
    found = run_json(capsys, "changes", "区自然灾害应急总指挥部", "--from", "2021-06-01", "--to", "2021-07-01")
    assert [(c["date"], c["kind"]) for c in found] == [("2021-06-29", "dissolved")]
    assert run_json(capsys, "probations", "--within", "60", "--on", "2022-05-01") == [{
        "person": "廖建伟", "post": "重庆兴能物产发展有限公司副总经理", "unit": "重庆兴能物产发展有限公司",
        "start_date": "2021-06-27", "probation_months": 12, "probation_end": "2022-06-26", "days_left": 56,
        "document": "綦江府人〔2021〕3号"}]


def test_bodies_prints_the_tree(registry, capsys):
    call_command("org", "bodies", "--on", "2021-07-15")
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["綦河流域水环境综合治理PPP项目工作推进领导小组（席位 40）",
                       "  綦河流域水环境综合治理PPP项目工作推进领导小组办公室（席位 3）"]
    assert "    区森林草原防灭火指挥部办公室（席位 2）" in out


def test_import_document_reports_in_json(registry, capsys):
    report = run_json(capsys, "import-document", "綦江府办[2021]24号")
    assert (report["source"], report["kind"], report["seats"]) == ("綦江府办〔2021〕24号", "composition", 90)
    assert report["problems"] == [{"line": 417, "code": "not_modelled", "severity": "info",
                                   "message": "名录不记录这一规定：“办公室成员由领导小组成员单位有关科室负责人担任”"}]


def test_export_popolo_writes_a_file(registry, tmp_path, capsys):
    target = tmp_path / "popolo.json"
    call_command("org", "export-popolo", "--on", "2021-07-15", "-o", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert set(data) == {"persons", "organizations", "posts", "memberships"}
    assert any(p["name"] == "孙荣康" for p in data["persons"])


@pytest.mark.parametrize(("args", "message"), [
    (["roster", "区安委会", "--on", "2021-02-30"], "on: 日期不存在：2021-02-30。"),
    (["seats", "李四", "--on", "2021-07-15"], "person: 名录中没有“李四”这个人。"),
    (["holders", "区应急局处长"], "post: 区应急局没有“处长”这个职务；已有：三级调研员、局长、主要负责人、分管负责人。"),
    (["changes", "区安委会", "--from", "2021-08-01", "--to", "2021-07-01"], "to: 结束日期2021-07-01早于开始日期2021-08-01。"),
    (["appoint", "--person", "江宗华", "--post", "区应急局局长", "--on", "2021-09-01"],
     "on: 江宗华自2021-06-29起担任区应急局局长（仍在任），与2021-09-01起的任职重叠，不能重复任职。"),
    (["appoint", "--person", "江宗华", "--post", "区应急局局长", "--on", "2021-06-01", "--remove"],
     "on: 江宗华自2021-06-29起担任区应急局局长，免职日期2021-06-01不能早于或等于任职日期。"),
    (["import-document", "綦江府发〔2021〕10号"],
     "number: 綦江府发〔2021〕10号既不是任免通知，也没有议事协调机构的组成人员名单。"),
])
def test_bad_input_exits_1_with_one_chinese_message(registry, capsys, args, message):
    error, out = failing(capsys, *args)
    assert (error.returncode, str(error)) == (1, message)
    assert out == ""
    error, out = failing(capsys, *args, "--json")
    assert json.loads(out)["error"]["message"] == message.split(": ", 1)[1]


# --- the installed script, as staff run it --------------------------------------------------------------

ZHENGWU = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "zhengwu")
if not Path(ZHENGWU).exists():
    ZHENGWU = str(Path(sys.executable).parent / "zhengwu")


def zhengwu(*args: str, db_file: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env |= {"DATABASE_URL": f"sqlite:///{db_file}", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([ZHENGWU, *args], env=env, cwd=db_file.parent, capture_output=True, text=True,
                          encoding="utf-8", timeout=180, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    """`zhengwu demo` once: the gazette and the registry built from the seed."""
    db_file = tmp_path_factory.mktemp("org-demo") / "demo.sqlite3"
    done = zhengwu("demo", db_file=db_file)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db_file) as conn:  # fold the WAL into the file so a copy is complete
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    return db_file


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Path:
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, copy)
    return copy


def test_the_demo_builds_the_registry_and_the_script_prints_json_alone(demo_db):
    done = zhengwu("org", "seats", "孙荣康", "--on", "2021-07-15", "--json", db_file=demo_db)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 7
    done = zhengwu("org", "roster", "区 应急局", "--on", "2021-07-15", "--json", db_file=demo_db)
    assert done.returncode == 0 and json.loads(done.stdout) == []  # a unit, not a body: no seats


def test_the_script_exits_1_with_a_chinese_message_and_no_traceback(demo_db):
    done = zhengwu("org", "roster", "区安委会", "--on", "2021-02-30", db_file=demo_db)
    assert done.returncode == 1
    assert "日期不存在：2021-02-30" in done.stderr and CJK_RE.search(done.stderr)
    assert "Traceback" not in done.stderr and done.stdout == ""
    done = zhengwu("org", "seats", "李四", "--json", db_file=demo_db)
    assert done.returncode == 1 and json.loads(done.stdout)["error"]["field"] == "person"


def test_an_appointment_made_by_the_script_is_kept(demo_db):
    assert zhengwu("org", "add-person", "周新", db_file=demo_db).returncode == 0
    done = zhengwu("org", "appoint", "--person", "周新", "--post", "区应急局局长", "--on", "2021-08-01",
                   "--reason", "常务会决定", db_file=demo_db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "已任命 周新 为 区应急局局长，2021-08-01 起。"
    done = zhengwu("org", "roster", "区安委会办公室", "--on", "2021-08-02", db_file=demo_db)
    assert done.stdout.splitlines()[0] == "主任  周新  区应急局主要负责人"
    with sqlite3.connect(demo_db) as conn:
        by, reason = conn.execute("SELECT by, reason FROM org_auditentry WHERE action='appoint' ORDER BY id DESC").fetchone()
    assert by.startswith("命令行") and reason == "常务会决定"
