"""`zhengwu reports reward FACTS [--json] [--rules FILE]…` — the reward for a verified report, with its basis.

FACTS is a JSON text, a file holding one, or `-` for standard input (core.cli.read_facts). Thin shell
over reports.rules.
"""
from __future__ import annotations

import argparse
from typing import Any

from zhengwu.core.cli import add_facts_arguments, print_json, run_on_facts
from zhengwu.reports.rules import compute_reward, default_rules, load_rules

NAME = "reward"

HELP = "计算举报奖励（綦应急发〔2021〕41号 第五条、第八条），并给出依据"
EPILOG = """\
事实（FACTS）示例：
  {"kind": "violation", "fine": "1000000"}
  {"kind": "concealed_accident", "grade": "较大", "concealed_deaths": 5}
  {"kind": "concealed_accident", "deaths": 10, "serious_injuries": 3, "direct_loss": "2000000", "concealed_deaths": 6}
可选："exclusions": ["media_exposed", …]（第八条情形）、"verified_on": "2021-09-01"（按当日有效的标准，默认今天）。

取舍（Decision）：金额按四舍五入（ROUND_HALF_UP）精确到分；本办法未规定最低奖励；
恰为最高奖励30万元时照付（“不超过”包括本数）；事故等级依国务院令第493号 第三条，“以上”包括本数、“以下”不包括本数。
"""


def add_parser(sub: Any) -> None:
    # RawDescription keeps the examples in the epilog on their own lines
    parser = sub.add_parser(NAME, help=HELP, description=HELP, epilog=EPILOG, called_from_command_line=True,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    add_facts_arguments(parser, rules_help="附加的参数版本文件（TOML，如部门调整后的标准），可重复")


def run(command: Any, options: dict) -> None:
    reward, _ = run_on_facts(options, compute=compute_reward, load=load_rules, default=default_rules)
    if options["json"]:
        print_json(reward.as_json())
        return
    command.stdout.write(f"奖励金额：{reward.amount:.2f} 元")
    command.stdout.write("依据：")
    for line in reward.basis:
        command.stdout.write(f"  {line['cite']}：{line['text']}")
