"""`zhengwu waste guidance [--on DATE] [--json]` — households for door-to-door guidance visits (上门指导)."""
from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhengwu.core.cli import fail, print_json
from zhengwu.core.dates import parse_date
from zhengwu.core.errors import DomainError
from zhengwu.waste.guidance import guidance_list, threshold

NAME = "guidance"
HELP = "上门指导名单：近期多次分类不准确的住户（阈值为参数，默认30日内3次）"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, called_from_command_line=True)
    parser.add_argument("--on", metavar="DATE", help="统计截止日期（YYYY-MM-DD，默认今天）")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    try:
        on = parse_date(options["on"], field="--on") if options["on"] else timezone.localdate()
        rule = threshold(on)
        entries = guidance_list(on)
    except DomainError as exc:
        raise fail(exc, as_json=options["json"]) from None
    rows = [{"unit": e.card.community.unit.name, "community": e.card.community.name, "card": e.card.number,
             "household": e.card.household, "poor": e.poor, "last": e.last.isoformat(),
             "last_visit": e.last_visit.isoformat() if e.last_visit else None} for e in entries]
    if options["json"]:
        print_json({"on": on.isoformat(), "threshold": rule.times, "days": rule.days, "basis": rule.cite,
                    "households": rows})
        return
    command.stdout.write(f"上门指导名单（截至 {on.isoformat()}，{rule.days}日内分类不准确达{rule.times}次）：{len(rows)} 户")
    for r in rows:
        command.stdout.write(f"  {r['unit']} {r['community']} {r['household']}（卡 {r['card']}）：{r['poor']} 次")
