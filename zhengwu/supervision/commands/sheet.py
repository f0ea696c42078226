"""`zhengwu supervision sheet --document NUMBER {month,quarter,year} PERIOD [-o FILE] [--json]` — the
monthly dispatch sheet, quarterly bulletin or annual evaluation; FILE ending .xlsx or .docx."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from zhengwu.core.cli import fail, print_json
from zhengwu.core.errors import DomainError
from zhengwu.supervision.listing import imported_programme
from zhengwu.supervision.rhythm import build_sheet, parse_period
from zhengwu.supervision.rhythm.docx import sheet_docx
from zhengwu.supervision.rhythm.tables import number
from zhengwu.supervision.rhythm.xlsx import sheet_xlsx

NAME = "sheet"
HELP = "生成月调度表（month 2021-07）、季度通报（quarter 2021Q3）或年度评估（year 2021），可存为 .xlsx 或 .docx"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, called_from_command_line=True)
    parser.add_argument("--document", required=True, metavar="NUMBER", help="文号")
    parser.add_argument("kind", choices=("month", "quarter", "year"))
    parser.add_argument("period", metavar="PERIOD", help="2021-07、2021Q3 或 2021")
    parser.add_argument("-o", "--output", metavar="FILE", help="保存为 FILE（.xlsx 或 .docx）")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    as_json = options["json"]
    try:
        programme = imported_programme(options["document"])
        sheet = build_sheet(programme, parse_period(options["kind"], options["period"]))
        output = options["output"]
        if output:
            suffix = Path(output).suffix.lower()
            if suffix not in (".xlsx", ".docx"):
                raise DomainError("输出文件应以 .xlsx 或 .docx 结尾。", field="--output")
            data = sheet_xlsx(sheet) if suffix == ".xlsx" else sheet_docx(sheet)
            Path(output).write_bytes(data)
    except DomainError as exc:
        raise fail(exc, as_json=as_json) from None
    if as_json:
        print_json(sheet)
        return
    command.stdout.write(f"{sheet['title']}（{programme.number}）")
    for unit in sheet["units"][:20]:
        command.stdout.write(f"  {unit['rank']}. {unit['unit']} 报结 {unit['done']}/{unit['assigned']} "
                             f"红{unit['red']} 黄{unit['yellow']} 绿{unit['green']}")
    for target in sheet["targets"]:
        verdict = ("完成" if target["met"] else "未完成") if sheet["kind"] == "year" else target["light_label"]
        command.stdout.write(f"  {target['party']} {target['indicator']} {number(target['total'])}/"
                             f"{number(target['threshold'])} {target['unit']} {verdict}")
    if options["output"]:
        command.stderr.write(f"已保存 {options['output']}")
