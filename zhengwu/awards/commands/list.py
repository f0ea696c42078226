"""`zhengwu awards list --edition N [--json]` — an edition's name lists (区长奖 then 区长提名奖)."""
from __future__ import annotations

from typing import Any

from zhengwu.core.cli import fail, print_json
from zhengwu.core.errors import DomainError

from ..editions import get_edition
from ..queries import flag_texts, listed, name_list

NAME = "list"
HELP = "列出某一届的获奖（或公示）名单：区长奖、区长提名奖"
EPILOG = 'JSON：[{"tier": "区长奖" | "区长提名奖", "name", "school", "grade", "class", "flags": [...]}]'


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, epilog=EPILOG, called_from_command_line=True)
    parser.add_argument("--edition", type=int, required=True, metavar="N", help="届次，如 9")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    as_json = options["json"]
    try:
        edition = get_edition(options["edition"], field="--edition")
    except DomainError as exc:
        raise fail(exc, as_json=as_json) from None
    if as_json:
        print_json(name_list(edition))
        return
    write = command.stdout.write
    write(f"{edition.title}（{edition.get_state_display()}）")
    tier = None
    for candidate in listed(edition):
        if candidate.get_tier_display() != tier:
            tier = candidate.get_tier_display()
            write(f"【{tier}】")
        flags = f"  ⚠ {'；'.join(flag_texts(candidate))}" if candidate.flags else ""
        write(f"  {candidate.name}  {candidate.school.name}{candidate.grade}{candidate.class_label}{flags}")
