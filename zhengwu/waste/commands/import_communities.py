"""`zhengwu waste import-communities FILE [--json]` — the community register from Excel or CSV.

All or nothing: every bad row is reported (row, column, why) and nothing is written. Thin shell over
waste.register.import_communities.
"""
from __future__ import annotations

import argparse
from typing import Any

from zhengwu.core.cli import print_json
from zhengwu.waste.register import CANONICAL, import_communities

from .refusals import failing_on_the_file

NAME = "import-communities"
HELP = "导入小区台账（Excel 或 CSV；全部正确才导入）"
EPILOG = f"""\
表头（中文，或英文别名）：{CANONICAL}
可选列：业委会、交付日期。管理类型：物业/非物业/单梯；楼型：高层/小高层/洋房/新建；
撤桶日期未撤桶时留空；新建楼盘的交付日期即计为完成（无交付日期列时取撤桶日期列）。
已登记的小区（同一街镇同名）按文件更新。
"""


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, epilog=EPILOG, called_from_command_line=True,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", metavar="FILE", help="小区台账：.xlsx 或 .csv")
    parser.add_argument("--sample", action="store_true", help="标记为示例数据")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    with failing_on_the_file(command, options):
        outcome = import_communities(options["file"], samples=options["sample"])
    if options["json"]:
        print_json(outcome.as_json())
        return
    command.stdout.write(f"已导入 {outcome.created + outcome.updated} 个小区（新增 {outcome.created}，"
                         f"更新 {outcome.updated}）：" + "，".join(f"{u} {n}" for u, n in outcome.units.items()))
