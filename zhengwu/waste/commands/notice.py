"""`zhengwu waste notice (--community ID | --unit NAME) [--pdf] [-o FILE]` — the 告知书 (附件1) as DOCX or PDF:
one community's, or the batch for every community of a street or town."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from zhengwu.core.cli import fail
from zhengwu.core.errors import DomainError
from zhengwu.waste.models import Community
from zhengwu.waste.notice import notice_for, notices_docx, notices_pdf, street_notices
from zhengwu.waste.units import unit_name

NAME = "notice"
HELP = "生成撤桶并点告知书（綦江府办发〔2021〕23号 附件1），DOCX 或 PDF"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, called_from_command_line=True)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--community", type=int, metavar="ID", help="小区编号（页面地址中的数字）")
    which.add_argument("--unit", metavar="NAME", help="街镇：为其全部小区批量生成")
    parser.add_argument("--pdf", action="store_true", help="生成 PDF（默认 DOCX）")
    parser.add_argument("-o", "--output", metavar="FILE", help="输出文件（默认 告知书-….docx/.pdf）")


def run(command: Any, options: dict) -> None:
    try:
        if options["community"] is not None:
            community = Community.objects.select_related("unit").filter(pk=options["community"]).first()
            if community is None:
                raise DomainError(f"没有编号为 {options['community']} 的小区。", field="--community")
            notices, skipped, label = [notice_for(community)], [], community.name
        else:
            unit = unit_name(options["unit"])
            if unit is None:
                raise DomainError(f"“{options['unit']}”不是撤桶并点的实施街镇。", field="--unit")
            notices, skipped = street_notices(unit)
            label = unit
        data = notices_pdf(notices) if options["pdf"] else notices_docx(notices)
    except DomainError as exc:
        raise fail(exc, as_json=False) from None
    path = Path(options["output"] or f"告知书-{label}.{'pdf' if options['pdf'] else 'docx'}")
    path.write_bytes(data)
    command.stdout.write(f"已生成 {len(notices)} 份告知书：{path}")
    for problem in skipped:
        command.stderr.write(f"未生成：{problem}")
