"""`zhengwu awards decision --edition N [-o FILE]` — the decision of an edition as DOCX (GB/T 9704)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from zhengwu.core.cli import fail
from zhengwu.core.errors import DomainError

from ..decision import decision_docx, docx_name
from ..editions import get_edition

NAME = "decision"
HELP = "把某一届的决定（含两个获奖名单附件）写成 Word 文件（GB/T 9704 版式）"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, called_from_command_line=True)
    parser.add_argument("--edition", type=int, required=True, metavar="N")
    parser.add_argument("-o", "--output", metavar="FILE", help="输出文件（默认：当前目录下按届次命名）")


def run(command: Any, options: dict) -> None:
    try:
        edition = get_edition(options["edition"], field="--edition")
        target = Path(options["output"] or docx_name(edition))
        if not target.parent.is_dir():
            raise DomainError(f"目录 {target.parent} 不存在。", field="--output")
        target.write_bytes(decision_docx(edition))
    except DomainError as exc:
        raise fail(exc, as_json=False) from None
    command.stdout.write(str(target))
