"""Build the demo from the seed gazette: 重庆市綦江区人民政府公报 2021年第6期 (a public official document)."""
from pathlib import Path

from zhengwu.awards.demo import build_demo as build_awards_demo
from zhengwu.gazette.importer import ImportOutcome, import_file
from zhengwu.org.from_gazette import import_issue as build_registry
from zhengwu.reports.demo import build_demo as build_reports_demo
from zhengwu.subsidies.demo import build_demo as build_subsidies_demo
from zhengwu.supervision.demo import build_demo as build_supervision_demo
from zhengwu.waste.demo import build_demo as build_waste_demo

SEED_DIR = Path(__file__).resolve().parent / "seed"
SEED_ISSUE = SEED_DIR / "000_c62ba9d0d4872cf1.txt"


def build_demo() -> list[ImportOutcome]:
    """Import (or re-import) every seed file, then read each issue into the organisation registry (its
    findings are kept in the registry's audit log), then set up the reports system's and the subsidy
    system's demo accounts and samples (their units come from the registry); safe to run again."""
    outcomes = [import_file(path) for path in sorted(SEED_DIR.glob("*.txt"))]
    for outcome in outcomes:
        if outcome.issue:
            build_registry(outcome.issue, by="演示数据")
    build_reports_demo()
    build_subsidies_demo()
    build_waste_demo()
    build_supervision_demo()
    build_awards_demo()
    return outcomes
