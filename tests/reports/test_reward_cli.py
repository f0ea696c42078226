"""The `zhengwu reports reward` command, as staff run it: JSON text, file, stdin, people's output, extra
versions and error exits. Most tests run it in-process (tests/cli.py); those taking `script` start the
installed console script, for the entry point, a real stdin and the process's exit code."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import cli

# The installed console script of the venv running these tests.
ZHENGWU = str(Path(sys.executable).parent / "zhengwu")
TEXT_5_1 = "举报各类安全生产违法行为,奖励金额按照行政处罚金额的15%计算,最高不超过30万元。"


@pytest.fixture
def run(tmp_path):
    """`zhengwu reports reward …` in-process (the command needs no database)."""
    def zhengwu(*args: str, stdin: str | None = None) -> cli.Result:
        return cli.run("reports", "reward", *args, stdin=stdin, cwd=tmp_path)

    return zhengwu


@pytest.fixture
def script(tmp_path):
    """`zhengwu reports reward …` as a process of the installed console script."""
    # The command needs no database; pointing DATABASE_URL at a scratch file keeps the working tree clean.
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}", "PYTHONIOENCODING": "utf-8"}

    def zhengwu(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([ZHENGWU, "reports", "reward", *args], env=env, cwd=tmp_path, input=stdin,
                              capture_output=True, text=True, encoding="utf-8", timeout=120,
                              stdin=None if stdin is not None else subprocess.DEVNULL)

    return zhengwu


def test_json_text_in_json_out(run):
    done = run('{"kind": "violation", "fine": "1000000", "verified_on": "2021-09-01"}', "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)  # stdout holds the JSON alone
    assert list(answer) == ["amount", "basis"]
    assert answer["amount"] == "150000.00"
    assert answer["basis"][0] == {"cite": "綦应急发〔2021〕41号第五条（一）", "text": TEXT_5_1}


def test_a_json_number_is_read_exactly_not_as_a_float(run):
    done = run('{"kind": "violation", "fine": 1999999.99, "verified_on": "2021-09-01"}', "--json")
    answer = json.loads(done.stdout)
    assert answer["amount"] == "300000.00"
    assert {"cite": "取舍（Decision）", "text": "金额精确到分，按四舍五入（ROUND_HALF_UP）：299999.9985 元 → 300000.00 元。"} \
        in answer["basis"]


def test_facts_from_a_file(run, tmp_path):
    facts = tmp_path / "facts.json"
    facts.write_text('{\n  "kind": "concealed_accident",\n  "deaths": 10,\n  "concealed_deaths": 6,\n'
                     '  "verified_on": "2021-09-01"\n}\n', encoding="utf-8")
    done = run(str(facts), "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["amount"] == "300000.00"  # 重大 6 × 50000 reaches the cap exactly
    cites = [line["cite"] for line in answer["basis"]]
    assert cites[:3] == ["綦应急发〔2021〕41号第五条（二）", "国务院令第493号第三条（二）", "国务院令第493号第三条第三款"]


def test_facts_from_stdin(script):
    done = script("-", "--json", stdin='{"kind": "violation", "fine": "0.30", "verified_on": "2021-09-01"}')
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["amount"] == "0.05"


def test_output_for_people(run):
    done = run('{"kind": "violation", "fine": "3000000", "verified_on": "2021-09-01"}')
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "奖励金额：300000.00 元"
    assert lines[1] == "依据："
    assert lines[2] == f"  綦应急发〔2021〕41号第五条（一）：{TEXT_5_1}"
    assert lines[3] == "  计算：行政处罚金额 3000000 元 × 15% = 450000.00 元，超过最高奖励 300000 元，按 300000 元。"
    assert len(lines) == 4


def test_an_exclusion_prints_zero_and_the_case(run):
    done = run('{"kind": "violation", "fine": "1000", "exclusions": ["media_exposed"], "verified_on": "2021-09-01"}')
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "奖励金额：0.00 元"
    assert "  綦应急发〔2021〕41号第八条（五）：举报事项已被新闻媒体曝光的;" in done.stdout.splitlines()


def test_extra_versions_from_a_file(run, tmp_path):
    extra = tmp_path / "cap.toml"
    extra.write_text('[[value]]\nname = "accident_cap"\nvalue = 400000\neffective = 2022-01-01\n'
                     'cite = "调整公告 第一条"\ntext = "最高奖励不超过40万元。"\n', encoding="utf-8")
    facts = '{"kind": "concealed_accident", "grade": "特别重大", "concealed_deaths": 7, "verified_on": "%s"}'
    assert json.loads(run(facts % "2021-12-31", "--json", "--rules", str(extra)).stdout)["amount"] == "300000.00"
    done = run(facts % "2022-01-01", "--json", "--rules", str(extra))
    assert json.loads(done.stdout)["amount"] == "400000.00"
    assert {"cite": "调整公告 第一条", "text": "最高奖励不超过40万元。"} in json.loads(done.stdout)["basis"]


def test_help_shows_the_decisions(run):
    done = run("--help")
    assert done.returncode == 0
    assert "ROUND_HALF_UP" in done.stdout and "未规定最低奖励" in done.stdout


# --- errors -------------------------------------------------------------------------------------------------

def test_a_negative_fine_fails_naming_the_field(script):
    done = script('{"kind": "violation", "fine": "-100"}')
    assert done.returncode == 1
    assert done.stdout == ""
    assert "fine: 行政处罚金额不能为负数" in done.stderr


def test_with_json_the_error_is_json_on_stdout(run):
    done = run('{"kind": "violation", "fine": "12.345"}', "--json")
    assert done.returncode == 1
    error = json.loads(done.stdout)["error"]
    assert error["field"] == "fine" and "两位小数" in error["message"]


def test_bad_json_names_line_and_column(run, tmp_path):
    facts = tmp_path / "bad.json"
    facts.write_text('{"kind": "violation",\n "fine": 100,\n}\n', encoding="utf-8")
    done = run(str(facts))
    assert done.returncode == 1
    assert f"{facts}: FACTS: 不是有效的 JSON：第3行第1列" in done.stderr


def test_nan_in_json_reaches_the_fine_check(run):
    done = run("-", stdin='{"kind": "violation", "fine": NaN}')
    assert done.returncode == 1
    assert "标准输入: fine: 行政处罚金额应为有限的数字" in done.stderr


def test_neither_json_nor_a_file(run):
    done = run("facts.json")
    assert done.returncode == 1
    assert "FACTS: “facts.json”既不是 JSON 文本，也不是存在的文件" in done.stderr


@pytest.mark.parametrize(("facts", "field"), [
    ('{"kind": "theft", "fine": "1"}', "kind"),
    ('{"kind": "concealed_accident", "grade": "较大", "deaths": 30, "concealed_deaths": 2}', "grade"),
    ('{"kind": "violation", "fine": "1", "verified_on": "2021-02-29"}', "verified_on"),
    ('{"kind": "violation", "fine": "1", "exclusions": ["too_late"]}', "exclusions"),
    ('["violation"]', "facts"),
])
def test_other_bad_facts_exit_non_zero_naming_the_field(run, facts, field):
    done = run(facts, "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["error"]["field"] == field
    assert f"{field}: " in done.stderr


def test_a_bad_version_file_fails(run, tmp_path):
    extra = tmp_path / "cap.toml"
    extra.write_text('[[value]]\nname = "cap"\nvalue = 1\neffective = 2022-01-01\ncite = "c"\ntext = "t"\n',
                     encoding="utf-8")
    done = run('{"kind": "violation", "fine": "1"}', "--rules", str(extra))
    assert done.returncode == 1
    assert "没有名为 cap 的参数" in done.stderr
