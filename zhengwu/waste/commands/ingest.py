"""`zhengwu waste ingest FILE [--json]` — store a batch of drop-off events from a JSON file (or - for stdin).

The file is a list of events or {"events": [...]}; the same function as the batch API (waste.ingest), so a
file sent twice counts once.
"""
from __future__ import annotations

from typing import Any

from zhengwu.core.cli import fail, print_json, read_facts, source_context
from zhengwu.core.errors import DomainError
from zhengwu.waste.ingest import BatchError, ingest

NAME = "ingest"
HELP = "导入一批投放记录（JSON；按事件编号去重，重复发送不重复计分）"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, called_from_command_line=True)
    parser.add_argument("file", metavar="FILE", help="JSON 文件（事件列表或 {\"events\": [...]}），或 - 表示标准输入")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    as_json = options["json"]
    try:
        data = read_facts(options["file"])
        events = data.get("events") if isinstance(data, dict) else data
        result = ingest(events, source=f"zhengwu waste ingest {options['file']}")
    except BatchError as exc:
        raise fail(DomainError(str(exc), field="events"), as_json=as_json) from None
    except DomainError as exc:
        raise fail(exc, as_json=as_json, context=source_context(options["file"])) from None
    if as_json:
        print_json(result.as_json())
        return
    command.stdout.write(f"新存 {len(result.stored)} 条，重复 {len(result.duplicates)} 条，拒收 {len(result.refused)} 条，"
                         f"时段外 {len(result.outside_window)} 条，积分 {result.points}")
    for refusal in result.refused:
        command.stderr.write(f"第{refusal.index + 1}条（{refusal.id or '无编号'}）{refusal.field}：{refusal.reason}")
