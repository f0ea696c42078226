"""`zhengwu supervision remind [--on DATE] [--json]` — the daily reminders job (cron / systemd timer)."""
from __future__ import annotations

from typing import Any

from zhengwu.core.cli import fail, print_json
from zhengwu.core.dates import parse_date, today
from zhengwu.core.errors import DomainError
from zhengwu.supervision import reminders

NAME = "remind"
HELP = "生成催办提醒（即将到期、已逾期）；每日由 cron 或 systemd 定时运行，重复运行不会重复提醒"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, called_from_command_line=True)
    parser.add_argument("--on", metavar="DATE", help="按该日计算（YYYY-MM-DD，默认今天）")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    try:
        on = parse_date(options["on"], field="--on") if options["on"] else today()
        outcome = reminders.run(on)
    except DomainError as exc:
        raise fail(exc, as_json=options["json"]) from None
    if options["json"]:
        print_json(outcome.as_json())
        return
    command.stdout.write(f"{on.isoformat()}：新提醒 即将到期 {outcome.due_soon}，已逾期 {outcome.overdue}；"
                         f"此前已提醒 {outcome.already}")
