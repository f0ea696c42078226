"""The layer contracts of pyproject.toml (import-linter): kept by the code, and broken by a forbidden import.

`make lint` runs the same check; these tests show the contracts are not a no-op: a copy of the package with one
forbidden import added fails with a message naming the two layers.
"""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed in this venv")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_code_keeps_every_contract():
    run = lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "broken" not in run.stdout.lower().replace("0 broken", "")


@pytest.mark.parametrize(
    ("module", "line", "said"),
    [
        # A programme reaching into another programme (the issue's own example).
        ("subsidies/__init__.py", "from zhengwu.reports.evidence import check_file",
         "zhengwu.subsidies is not allowed to import zhengwu.reports"),
        # core below every app.
        ("core/chinese.py", "import zhengwu.gazette.models", "zhengwu.core is not allowed to import zhengwu.gazette"),
        # A programme using a gazette internal instead of its public modules.
        ("awards/__init__.py", "from zhengwu.gazette.parsing import parse_text",
         "zhengwu.awards is not allowed to import zhengwu.gazette.parsing"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path, module, line, said):
    shutil.copytree(ROOT / "zhengwu", tmp_path / "zhengwu", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "zhengwu" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    run = lint_imports(tmp_path)
    assert run.returncode != 0
    assert said in run.stdout
