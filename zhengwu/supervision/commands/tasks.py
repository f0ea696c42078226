"""`zhengwu supervision tasks --document NUMBER [--json]` — the tasks of a document and their units."""
from __future__ import annotations

from typing import Any

from zhengwu.core.cli import fail, print_json
from zhengwu.core.errors import DomainError
from zhengwu.supervision.listing import imported_programme, tasks_json

NAME = "tasks"
HELP = "列出公文的督办事项：序号、名称、责任单位、配合单位、时限"
EPILOG = 'JSON：[{"ref", "title", "lead_units": [...], "cooperating_units": [...], "due": "YYYY-MM-DD"}]'


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, epilog=EPILOG, called_from_command_line=True)
    parser.add_argument("--document", required=True, metavar="NUMBER", help="文号，如 綦普法办〔2021〕16号")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    try:
        programme = imported_programme(options["document"])
    except DomainError as exc:
        raise fail(exc, as_json=options["json"]) from None
    found = tasks_json(programme)
    if options["json"]:
        print_json(found)
        return
    for task, entry in zip(programme.tasks.order_by("order", "pk"), found, strict=True):  # tasks_json's order
        command.stdout.write(f"{task.ref}. {task.title}（{programme.number} {task.cite}）时限：{entry['due'] or '未定'}")
        command.stdout.write(f"    责任单位：{'、'.join(entry['lead_units'])}")
        command.stdout.write(f"    配合单位：{'、'.join(entry['cooperating_units']) or '无'}")
