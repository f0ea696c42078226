"""`zhengwu awards editions [--json]` — every edition with its step, quotas and dates."""
from __future__ import annotations

from typing import Any

from zhengwu.core.cli import print_json

from ..models import Edition
from ..queries import edition_summary

NAME = "editions"
HELP = "列出各届：环节、名额、公示期、审定和决定"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, called_from_command_line=True)
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    rows = [edition_summary(e) for e in Edition.objects.order_by("number")]
    if options["json"]:
        print_json(rows)
        return
    for row in rows:
        sample = "【示例】" if row["sample"] else ""
        decision = f"，{row['decision']['number']}" if row["decision"] else ""
        command.stdout.write(f"{row['title']}{sample}：{row['state_label']}{decision}")
