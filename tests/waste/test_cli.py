"""The `zhengwu waste` command: JSON alone on stdout, rows reported, non-zero exit on errors."""
from __future__ import annotations

import json

import pytest

from tests import cli

from .helpers import csv_bytes


@pytest.fixture
def run(db, tmp_path):
    """`zhengwu waste …` in-process over the test database (tests/cli.py): the console script's streams
    and exit codes, without migrating a file database in another process first."""
    def zhengwu(*args: str) -> cli.Result:
        return cli.run("waste", *args, cwd=tmp_path)

    return zhengwu


def test_import_then_progress(run, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes("古南街道,翠湖小区,物业,高层,320,40,4,某物业,2021-08-01",
                               "古南街道,老街院子,非物业,小高层,60,8,1,,"))
    done = run("import-communities", str(good), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"created": 2, "updated": 0, "units": {"古南街道": 2}}
    answer = json.loads(run("progress", "--on", "2021-08-31", "--json").stdout)
    assert answer[0] == {"unit": "古南街道", "communities": 2, "done": 1, "share": "0.50", "targets": [
        {"due": "2021-08-31", "required": "0.50", "met": True}, {"due": "2021-11-30", "required": "0.90", "met": None}]}


def test_refused_file_prints_every_problem(run, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes("某街道,甲,物业,高层,1,0,0,,", "古南街道,乙,物业,高层,1,0,0,,2021-02-30"))
    done = run("import-communities", str(bad), "--json")
    assert done.returncode == 1
    error = json.loads(done.stdout)["error"]
    assert [(p["row"], p["column"]) for p in error["problems"]] == [(2, "街镇"), (3, "撤桶日期")]
    text = run("import-communities", str(bad))
    assert text.returncode == 1 and "第3行“撤桶日期”列" in text.stderr
