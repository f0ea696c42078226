"""`zhengwu supervision targets --document NUMBER [--year YEAR] [--json]` — quantified targets."""
from __future__ import annotations

from typing import Any

from zhengwu.core.cli import fail, print_json
from zhengwu.core.errors import DomainError
from zhengwu.supervision.listing import imported_programme, targets_json

NAME = "targets"
HELP = "列出公文的量化目标：指标、责任方（各自或联手）、目标值（元为单位的数字）、单位、年度、出处"
EPILOG = ('JSON：[{"code", "indicator", "party", "parties": [...], "joint", "threshold": "50000000", "unit",'
          ' "period": "2021", "aspirational", "cite", "text"}]')


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, epilog=EPILOG, called_from_command_line=True)
    parser.add_argument("--document", required=True, metavar="NUMBER", help="文号，如 綦江府办发〔2021〕24号")
    parser.add_argument("--year", type=int, help="只列该年度")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    try:
        programme = imported_programme(options["document"])
    except DomainError as exc:
        raise fail(exc, as_json=options["json"]) from None
    found = targets_json(programme, options["year"])
    if options["json"]:
        print_json(found)
        return
    for target in found:
        how = "联手" if target["joint"] else "各自"
        aim = "力争" if target["aspirational"] else ""
        command.stdout.write(f"{target['period']} {target['party']}（{how}）{target['indicator']} {aim}≥ "
                             f"{target['threshold']} {target['unit']}（{target['cite']}）")
