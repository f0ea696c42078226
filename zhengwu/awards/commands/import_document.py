"""`zhengwu awards import-document NUMBER [--json]` — a past edition's lists from its gazette decision."""
from __future__ import annotations

from typing import Any

from zhengwu.core.cli import fail, print_json
from zhengwu.core.errors import DomainError

from ..seed import import_document

NAME = "import-document"
HELP = "从公报中的决定（如 綦江府发〔2021〕10号）导入往届获奖名单；可重复运行"
EPILOG = ('JSON：{"edition", "document", "created", "counts": {"区长奖": 10, "区长提名奖": 10}, '
          '"flagged": [{"tier", "name", "text", "flags"}], "problems": [...]}')


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, epilog=EPILOG, called_from_command_line=True)
    parser.add_argument("number", metavar="NUMBER", help="决定的文号，任意括号写法")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    as_json = options["json"]
    try:
        result = import_document(options["number"])
    except DomainError as exc:
        raise fail(exc, as_json=as_json) from None
    if as_json:
        print_json(result.as_json())
        return
    counts = "，".join(f"{k}{v}人" for k, v in result.counts.items())
    command.stdout.write(f"第{result.edition.number}届（{result.edition.decision_number}）：{counts}")
    for problem in result.problems:
        command.stdout.write(f"  提示：{problem}")
