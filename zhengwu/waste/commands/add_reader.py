"""`zhengwu waste add-reader NAME` — register a card reader or phone app allowed to send event batches.

The token is printed once (only its SHA-256 is stored); the device sends it as `Authorization: Bearer …`.
"""
from __future__ import annotations

from typing import Any

from zhengwu.core.cli import fail, print_json
from zhengwu.core.errors import DomainError
from zhengwu.waste.readers import add_reader

NAME = "add-reader"
HELP = "登记一台采集设备（读卡器或巡检手机），打印一次其令牌"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, called_from_command_line=True)
    parser.add_argument("name", metavar="NAME", help="设备名称，如 古南街道-翠湖小区-1号点")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    try:
        _reader, token = add_reader(options["name"])
    except DomainError as exc:
        raise fail(exc, as_json=options["json"]) from None
    if options["json"]:
        print_json({"name": options["name"], "token": token})
        return
    command.stdout.write(f"设备“{options['name']}”的令牌（只显示这一次）：{token}")
