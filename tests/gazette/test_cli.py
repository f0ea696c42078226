"""The `zhengwu gazette parse|import` command, run as an editor runs it. Parsing needs no database and
is mostly run in-process (tests/cli.py); the JSON-alone test, the no-database test and the imports start
the installed console script against a throwaway SQLite file."""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests import cli

# The installed console script of the project's venv (the one running these tests).
ZHENGWU = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "zhengwu")
if not Path(ZHENGWU).exists():
    ZHENGWU = str(Path(sys.executable).parent / "zhengwu")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def environment(db_file: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env["DATABASE_URL"] = f"sqlite:///{db_file}"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def zhengwu(*args: str, db_file: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([ZHENGWU, *map(str, args)], env=environment(db_file), cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, stdin=subprocess.DEVNULL)


def in_process(*args: str, cwd: Path) -> cli.Result:
    """The same command in this process: same streams and exit code, no process start-up."""
    return cli.run(*args, cwd=cwd)


def count(db_file: Path, table: str) -> int:
    with sqlite3.connect(db_file) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed table names


@pytest.fixture(scope="module")
def migrated_template(tmp_path_factory) -> Path:
    """One migrated database for the module; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("template")
    db_file = folder / "template.sqlite3"
    done = zhengwu("migrate", "--noinput", db_file=db_file, cwd=folder)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db_file) as conn:  # fold the WAL into the file so a plain copy is complete
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    return db_file


@pytest.fixture
def db_file(tmp_path) -> Path:
    return tmp_path / "x.sqlite3"


@pytest.fixture
def migrated_db(migrated_template, db_file) -> Path:
    shutil.copyfile(migrated_template, db_file)
    return db_file


# ---------------------------------------------------------------- parse


def test_it_prints_the_parsed_seed_as_json_alone_on_stdout(seed_path, seed_json, db_file, tmp_path):
    done = zhengwu("gazette", "parse", seed_path, "--json", db_file=db_file, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data["documents"]) == 9
    assert data["issue"]["year"] == 2021 and data["issue"]["number"] == 6
    assert data == seed_json
    # warnings go to stderr, one per line, naming file and line
    assert f"{seed_path}:264:" in done.stderr and "heading_repeated" in done.stderr


def test_it_writes_no_database_when_it_only_parses(seed_path, db_file, tmp_path):
    done = zhengwu("gazette", "parse", seed_path, "--json", db_file=db_file, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not db_file.exists()
    assert not list(tmp_path.glob("*.sqlite3*"))


def test_it_summarises_the_parse_in_chinese_without_json(seed_path, tmp_path):
    done = in_process("gazette", "parse", seed_path, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "重庆市綦江区人民政府公报 2021年第6期（总第112期）" in done.stdout
    assert "綦应急发〔2021〕41号" in done.stdout
    assert "公文 9 篇，要闻 4 条" in done.stdout


def test_it_reports_an_empty_file_as_json_and_on_stderr(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = in_process("gazette", "parse", empty, "--json", cwd=tmp_path)
    assert done.returncode != 0
    error = json.loads(done.stdout)["error"]
    assert error["code"] == "empty"
    assert error["line"] == 1
    assert CJK_RE.search(error["message"])
    assert error["message"] in done.stderr
    assert "Traceback" not in done.stderr


def test_it_prints_the_json_of_an_issue_with_errors_and_exits_non_zero(seed_text, tmp_path):
    lines = seed_text.split("\n")
    broken = tmp_path / "truncated.txt"
    broken.write_text("\n".join(lines[: int(len(lines) * 0.6)]), encoding="utf-8")
    done = in_process("gazette", "parse", broken, "--json", cwd=tmp_path)
    assert done.returncode != 0
    data = json.loads(done.stdout)
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert errors and {p["code"] for p in errors} == {"toc_item_missing"}
    assert f"{broken}:46:" in done.stderr


@pytest.mark.parametrize("action", ["parse", "import"])
def test_it_says_clearly_that_a_path_does_not_exist(action, tmp_path):
    missing = tmp_path / "no-such-issue.txt"
    done = in_process("gazette", action, missing, cwd=tmp_path)
    assert done.returncode != 0
    assert "no-such-issue.txt" in done.stderr
    assert CJK_RE.search(done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stdout.strip() == ""


# ---------------------------------------------------------------- import


def test_it_imports_the_seed_then_updates_it_on_a_second_run(seed_path, migrated_db, tmp_path):
    first = zhengwu("gazette", "import", seed_path, db_file=migrated_db, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "新建" in first.stdout and "2021年第6期（总第112期）" in first.stdout
    second = zhengwu("gazette", "import", seed_path, db_file=migrated_db, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "更新" in second.stdout and "新建" not in second.stdout
    assert count(migrated_db, "gazette_issue") == 1
    assert count(migrated_db, "gazette_document") == 9
    assert count(migrated_db, "gazette_importrun") == 2
    with sqlite3.connect(migrated_db) as conn:
        numbers = {row[0] for row in conn.execute("SELECT number FROM gazette_document")}
        issue = conn.execute("SELECT year, number, cumulative_number, published_on FROM gazette_issue").fetchone()
    assert "綦应急发〔2021〕41号" in numbers and "綦江府发〔2021〕10号" in numbers
    assert issue == (2021, 6, 112, "2021-07-10")


def test_it_imports_the_good_files_of_a_folder_and_names_the_bad_one(seed_path, migrated_db, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copyfile(seed_path, folder / "2021-06.txt")
    (folder / "broken.txt").write_bytes(b"")
    done = zhengwu("gazette", "import", folder, db_file=migrated_db, cwd=tmp_path)
    assert done.returncode != 0
    assert "broken.txt" in done.stderr
    assert CJK_RE.search(done.stderr)
    assert "新建" in done.stdout and "2021-06.txt" in done.stdout
    assert count(migrated_db, "gazette_issue") == 1
    assert count(migrated_db, "gazette_document") == 9


def test_it_lists_imported_and_failed_files_as_json(seed_path, migrated_db, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copyfile(seed_path, folder / "2021-06.txt")
    (folder / "broken.txt").write_bytes(b"")
    done = zhengwu("gazette", "import", folder, "--json", db_file=migrated_db, cwd=tmp_path)
    assert done.returncode != 0
    data = json.loads(done.stdout)
    assert [Path(i["source"]).name for i in data["imported"]] == ["2021-06.txt"]
    imported = data["imported"][0]
    assert imported["issue"] == "2021年第6期（总第112期）"
    assert imported["created"] is True
    assert len(imported["documents"]) == 9 and imported["news"] == 4
    assert [Path(f["source"]).name for f in data["failed"]] == ["broken.txt"]
    failed = data["failed"][0]
    assert failed["code"] == "empty" and failed["line"] == 1 and CJK_RE.search(failed["message"])
    assert count(migrated_db, "gazette_document") == 9


def test_it_refuses_an_issue_with_errors_and_writes_nothing(seed_text, migrated_db, tmp_path):
    bad = tmp_path / "bad-date.txt"
    bad.write_text(seed_text.replace("2021年6月27日", "2021年2月30日"), encoding="utf-8")
    done = zhengwu("gazette", "import", bad, "--json", db_file=migrated_db, cwd=tmp_path)
    assert done.returncode != 0
    data = json.loads(done.stdout)
    assert data["imported"] == []
    assert [(f["code"], f["line"]) for f in data["failed"]] == [("bad_date", 121)]
    assert count(migrated_db, "gazette_issue") == 0
    assert count(migrated_db, "gazette_document") == 0
    assert count(migrated_db, "gazette_importrun") == 0
