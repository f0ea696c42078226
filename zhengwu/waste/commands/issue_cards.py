"""`zhengwu waste issue-cards --community ID FILE [-o CODES.csv] [--json]` — points cards for a list of
households (CSV or XLSX with 卡号,住户), all or nothing. The check codes go to the output file (to print on
the cards) and are not kept anywhere else."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from zhengwu.core.cli import print_json
from zhengwu.core.errors import DomainError
from zhengwu.waste.cards import issue_cards
from zhengwu.waste.models import Community
from zhengwu.waste.register import read_table

from .refusals import failing_on_the_file

NAME = "issue-cards"
HELP = "按住户清单批量发放积分卡（全部正确才发放），校验码写入输出文件供印卡"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, called_from_command_line=True)
    parser.add_argument("--community", type=int, required=True, metavar="ID", help="小区编号")
    parser.add_argument("file", metavar="FILE", help="住户清单：.csv 或 .xlsx，表头 卡号,住户")
    parser.add_argument("-o", "--output", metavar="FILE", help="校验码清单（默认 积分卡校验码-<小区>.csv）")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON（不含校验码）")


def run(command: Any, options: dict) -> None:
    as_json = options["json"]
    with failing_on_the_file(command, options):
        community = Community.objects.select_related("unit").filter(pk=options["community"]).first()
        if community is None:
            raise DomainError(f"没有编号为 {options['community']} 的小区。", field="--community")
        issued = issue_cards(community, read_table(options["file"]))
    output = Path(options["output"] or f"积分卡校验码-{community.name}.csv")
    with output.open("w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel opens Chinese correctly
        writer = csv.writer(handle)
        writer.writerow(["卡号", "住户", "校验码"])
        writer.writerows([i.card.number, i.card.household, i.check_code] for i in issued)
    if as_json:
        print_json({"community": community.name, "issued": len(issued), "codes_file": str(output)})
        return
    command.stdout.write(f"已为{community.name}发放 {len(issued)} 张积分卡；校验码见 {output}（只此一份）")
