"""`zhengwu waste progress [--on DATE] [--unit NAME]… [--json]` — each unit's share against its targets.

JSON: [{"unit", "communities", "done", "share", "targets": [{"due", "required", "met"}]}]; `met` is null
until the due date; `share` has two decimals for display only (the comparison uses the exact fraction).
"""
from __future__ import annotations

import argparse
from typing import Any

from django.utils import timezone

from zhengwu.core.cli import fail, print_json
from zhengwu.core.dates import parse_date
from zhengwu.core.errors import DomainError
from zhengwu.waste.progress import progress
from zhengwu.waste.units import unit_name

NAME = "progress"
HELP = "各街镇撤桶并点进度与目标（綦江府办发〔2021〕23号 四、推进时序）"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, called_from_command_line=True,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--on", metavar="DATE", help="统计日期（YYYY-MM-DD，默认今天）")
    parser.add_argument("--unit", action="append", default=[], metavar="NAME", help="只看某街镇，可重复")
    parser.add_argument("--without-samples", action="store_true", help="不计示例数据（演示生成的小区）")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    as_json = options["json"]
    try:
        on = parse_date(options["on"], field="--on") if options["on"] else timezone.localdate()
        units = []
        for printed in options["unit"]:
            name = unit_name(printed)
            if name is None:
                raise DomainError(f"“{printed}”不是撤桶并点的实施街镇。", field="--unit")
            units.append(name)
        found = progress(on, units=units or None, samples=not options["without_samples"])
    except DomainError as exc:
        raise fail(exc, as_json=as_json) from None
    if as_json:
        print_json([u.as_json() for u in found])
        return
    write = command.stdout.write
    write(f"撤桶并点进度（截至 {on.isoformat()}）")
    for unit in found:
        answer = unit.as_json()
        goals = "；".join(f"{t['due']} 前 ≥{t['required']}：" + {True: "达标", False: "未达标", None: "未到期"}[t["met"]]
                         for t in answer["targets"])
        write(f"{unit.unit}：{unit.done}/{unit.communities}，{answer['share'] or '—'}（{goals}）")
