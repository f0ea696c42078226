"""The `zhengwu subsidy items / quote / forecast` commands, run as staff run them: JSON alone on stdout,
a people's answer in Chinese, errors naming the field with a non-zero exit. Most tests run the command
in-process (tests/cli.py); those taking `script` start the installed console script (JSON alone on the
process's stdout, its exit code)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import cli

ZHENGWU = str(Path(sys.executable).parent / "zhengwu")
FACTS = {"applicant": {"name": "某公司", "kind": "firm"}, "on": "2021-09-01", "claims": [
    {"item": "六", "scale": "above", "rd_spend": "8000000", "revenue": "100000000", "has_rd_institution": True,
     "gets_rd_reserve": False},
    {"item": "一", "recognition": "national_key_lab", "first": True,
     "also_paid": [{"policy": "渝府办发〔2021〕47号", "amount": "200000"}]}]}
FIRMS = ("name,kind,scale,revenue,rd_spend,has_rd_institution,gets_rd_reserve,recognitions\n"
         "甲公司,firm,above,1000000000,70000000,是,否,national_key_lab\n乙公司,firm,below,5000000,150000,是,否,\n")


@pytest.fixture
def run(tmp_path):
    """`zhengwu subsidy …` in-process (the commands need no database)."""
    def zhengwu(*args: str, stdin: str | None = None) -> cli.Result:
        return cli.run("subsidy", *args, stdin=stdin, cwd=tmp_path)

    return zhengwu


@pytest.fixture
def script(tmp_path):
    """`zhengwu subsidy …` as a process of the installed console script."""
    # The commands need no database; pointing DATABASE_URL at a scratch file keeps the working tree clean.
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}", "PYTHONIOENCODING": "utf-8"}

    def zhengwu(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([ZHENGWU, "subsidy", *args], env=env, cwd=tmp_path, input=stdin,
                              capture_output=True, text=True, encoding="utf-8", timeout=120,
                              stdin=None if stdin is not None else subprocess.DEVNULL)

    return zhengwu


def test_items_json_lists_items_rules_and_codes(script):
    done = script("items", "--json", "--on", "2021-09-01")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["policy"]["number"] == "綦江府办发〔2021〕26号" and len(answer["items"]) == 23
    first = answer["items"][0]
    assert first["kind"] == "fixed" and first["recognitions"][0]["code"] == "national_key_lab"
    assert {"decimal", "int", "bool", "choice", "list"} <= set(answer["types"])


def test_quote_json_text_and_stdin(run):
    done = run("quote", json.dumps(FACTS, ensure_ascii=False), "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["total"] == "480000.00"
    assert [(line["item"], line["amount"]) for line in answer["lines"]] == [("六", "80000.00"), ("一", "400000.00")]
    assert answer["lines"][0]["basis"][1]["cite"] == "綦江府办发〔2021〕26号（六）"
    piped = run("quote", "-", "--json", stdin=json.dumps(FACTS))
    assert json.loads(piped.stdout) == answer


def test_quote_for_people_in_chinese(run, tmp_path):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(FACTS, ensure_ascii=False), encoding="utf-8")
    done = run("quote", str(path))
    assert done.returncode == 0, done.stderr
    assert "补助合计：480000.00 元" in done.stdout and "就高原则" in done.stdout


def test_quote_error_names_the_claim_and_field(script):
    bad = dict(FACTS, claims=[dict(FACTS["claims"][0], rd_spend="-1")])
    done = script("quote", json.dumps(bad), "--json")
    assert done.returncode != 0
    assert json.loads(done.stdout)["error"]["field"] == "claims[0].rd_spend"
    assert "不能为负数" in done.stderr


def test_forecast_json_with_a_what_if(run, tmp_path):
    (tmp_path / "firms.csv").write_text(FIRMS, encoding="utf-8")
    done = run("forecast", "firms.csv", "--set", "六.above.cap=600000", "--on", "2021-09-01", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["firms"] == 2 and answer["totals"]["六"] == "601500.00" and answer["totals"]["一"] == "600000.00"
    assert answer["baseline"]["totals"]["六"] == "501500.00" and answer["difference"]["total"] == "100000.00"
    explained = run("forecast", "firms.csv", "--on", "2021-09-01", "--explain", "3")
    assert "第3行 乙公司：1500.00 元" in explained.stdout


def test_forecast_refuses_an_unknown_parameter_and_a_bad_cell(run, tmp_path):
    (tmp_path / "firms.csv").write_text(FIRMS, encoding="utf-8")
    done = run("forecast", "firms.csv", "--set", "六.above.ceiling=1", "--json")
    assert done.returncode != 0 and "六.above.cap" in json.loads(done.stdout)["error"]["message"]
    (tmp_path / "bad.csv").write_text(FIRMS.replace("5000000,", "5,000,000,"), encoding="utf-8")
    bad = run("forecast", "bad.csv", "--json")
    assert bad.returncode != 0 and json.loads(bad.stdout)["error"]["line"] == 3
