"""`zhengwu subsidy quote FACTS [--json] [--rules FILE]…` — what an applicant gets, claim by claim, and why.

FACTS is a JSON text, a file holding one, or `-` for standard input. Thin shell over subsidies.rules.quote.
"""
from __future__ import annotations

import argparse
from typing import Any

from zhengwu.core.cli import add_facts_arguments, print_json, run_on_facts
from zhengwu.subsidies.rules import default_rules, load_rules, quote

NAME = "quote"
HELP = "测算綦江府办发〔2021〕26号的补助金额（逐项给出依据）"
EPILOG = """\
事实（FACTS）示例：
  {"applicant": {"name": "某公司", "kind": "firm"}, "on": "2021-09-01", "claims": [
     {"item": "六", "scale": "above", "rd_spend": "8000000", "revenue": "100000000",
      "has_rd_institution": true, "gets_rd_reserve": false},
     {"item": "一", "recognition": "national_key_lab", "first": true,
      "also_paid": [{"policy": "渝府办发〔2021〕47号", "amount": "300000"}]}]}
各条目的申报事项与字段：zhengwu subsidy items。

取舍（Decision）：金额按四舍五入（ROUND_HALF_UP）精确到分；“以上”“以下”“达”“不超过”包括本数；
只补助首次认定；同一事项已获其他政策补助的，按就高原则（二十二）只补足差额。
"""


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, epilog=EPILOG, called_from_command_line=True,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    add_facts_arguments(parser, rules_help="附加的参数版本文件（TOML，如调整后的标准），可重复")


def run(command: Any, options: dict) -> None:
    result, rules = run_on_facts(options, compute=quote, load=load_rules, default=default_rules)
    if options["json"]:
        print_json(result.as_json())
        return
    write = command.stdout.write
    day = f"，按 {result.on.isoformat()} 有效的标准" if result.on else ""
    write(f"补助合计：{result.total:.2f} 元（{rules.document.number}{day}）")
    for line in result.as_json()["lines"]:
        write(f"第{line['claim'] + 1}项 （{line['item']}）{line['rule']}：{line['amount']} 元")
        if line.get("reason"):
            write(f"  原因：{line['reason']}")
        if "up_to" in line:
            write(f"  一事一议：{'最高 ' + line['up_to'] + ' 元' if line['up_to'] else '无上限'}")
        write("  依据：")
        for basis in line["basis"]:
            write(f"    {basis['cite']}：{basis['text']}")
