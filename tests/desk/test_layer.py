"""The staff desk sits below the programmes: nothing under zhengwu/desk/ imports reports, subsidies, waste,
supervision or awards (they register with it instead)."""
import ast
from pathlib import Path

import zhengwu.desk

PROGRAMMES = ("reports", "subsidies", "waste", "supervision", "awards")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_desk_imports_no_programme():
    root = Path(zhengwu.desk.__file__).parent
    files = sorted(root.rglob("*.py"))
    assert len(files) >= 8
    bad = {f"{path.relative_to(root)}: {name}" for path in files for name in imported_modules(path)
           if any(name == f"zhengwu.{p}" or name.startswith(f"zhengwu.{p}.") for p in PROGRAMMES)}
    assert bad == set()


def test_the_desk_templates_name_no_programme_page():
    root = Path(zhengwu.desk.__file__).parent / "templates"
    for path in root.rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        assert not any(f"'{p}_" in text or f"'{p}:" in text for p in PROGRAMMES), path
