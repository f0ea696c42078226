"""`zhengwu supervision import-document NUMBER [--json]` — tasks and targets from a gazette document."""
from __future__ import annotations

from typing import Any

from zhengwu.core.cli import fail, print_json
from zhengwu.core.errors import DomainError
from zhengwu.supervision.importer import import_document

NAME = "import-document"
HELP = "从公报公文建立督办事项（措施及其责任单位、配合单位）和量化目标；可重复运行"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, called_from_command_line=True)
    parser.add_argument("number", metavar="NUMBER", help="文号，如 綦普法办〔2021〕16号（[ ] 亦可）")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    try:
        report = import_document(options["number"])
    except DomainError as exc:
        raise fail(exc, as_json=options["json"]) from None
    if options["json"]:
        print_json(report.as_json())
        return
    write = command.stdout.write
    write(f"{report.programme.number}《{report.programme.title}》")
    write(f"事项：新建 {report.tasks_created}，更新 {report.tasks_updated}；承办单位新增 {report.assignments_created}；"
          f"目标：新建 {report.targets_created}，更新 {report.targets_updated}")
    for group in report.groups:
        write(f"  统称 {group['ref']}. {group['name']}：名录中 {group['members']} 个成员单位，可在页面上展开")
    for item in report.unresolved:
        write(f"  未关联 {item['ref']}. {item['name']}：{item['message']}")
    for note in report.notes:
        write(f"  {note}")
