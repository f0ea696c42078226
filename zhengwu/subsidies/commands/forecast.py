"""`zhengwu subsidy forecast FIRMS [--set NAME=VALUE]… [--on DATE] [--explain ROW] [--json]` — budget forecast.

FIRMS is the firm register (.csv or .xlsx; columns in docs/subsidies.md). Thin shell over
subsidies.rules.forecast; `--set` adds a version of a parameter from the forecast's day (what-if).
"""
from __future__ import annotations

import argparse
from typing import Any

from zhengwu.core.cli import fail, print_json
from zhengwu.core.dates import parse_date
from zhengwu.core.errors import DomainError
from zhengwu.subsidies.rules import default_rules
from zhengwu.subsidies.rules.forecast import explain, forecast
from zhengwu.subsidies.rules.register import read_register

NAME = "forecast"
HELP = "按企业名录测算綦江府办发〔2021〕26号的补助预算（分条目合计），可假设参数变化（--set）"
EPILOG = """\
示例：
  zhengwu subsidy forecast firms.csv --on 2021-09-01 --json
  zhengwu subsidy forecast firms.xlsx --set 六.above.cap=600000 --set 十七.contracts.rate=0.0002
  zhengwu subsidy forecast firms.csv --explain 5        # 第5行企业的逐项测算与依据
参数名见 zhengwu subsidy items --json（各条目的 parameters）。
JSON：{"on", "firms", "totals": {"一": "…", …}, "total", "paid_firms", "overrides",
       "baseline": {"totals", "total"} | null, "difference": {"totals", "total"} | null}
"""


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, epilog=EPILOG, called_from_command_line=True,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("firms", metavar="FIRMS", help="企业名录：.csv 或 .xlsx 文件")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", dest="overrides",
                        help="假设某参数自测算日起取该值，如 六.above.cap=600000，可重复")
    parser.add_argument("--on", metavar="DATE", help="测算日期（YYYY-MM-DD，默认今天），按当日有效的参数")
    parser.add_argument("--explain", metavar="ROW", type=int, help="另给出名录中第 ROW 行企业的逐项测算")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    as_json = options["json"]
    try:
        overrides = dict(_assignment(text) for text in options["overrides"])
        on = parse_date(options["on"], field="--on") if options["on"] else None
        register = read_register(options["firms"])
        rules = default_rules()
        result = forecast(register, rules, overrides, on=on)
        explained = None
        if options["explain"] is not None:
            if options["explain"] not in register.rows:
                raise DomainError(f"名录中没有第{options['explain']}行企业（数据行为第2行至第{len(register) + 1}行）。",
                                  field="--explain")
            firm = register.firm(register.rows.index(options["explain"]))
            explained = (firm, explain(firm, rules, on=result.on))
    except DomainError as exc:
        raise fail(exc, as_json=as_json, context=options["firms"]) from None
    answer = result.as_json()
    if explained is not None:
        answer["explain"] = {"row": explained[0].row, "name": explained[0].name} | explained[1].as_json()
    if as_json:
        print_json(answer)
        return
    write = command.stdout.write
    write(f"测算日期 {answer['on']}，企业 {answer['firms']} 户，合计 {answer['total']} 元")
    for item, amount in answer["totals"].items():
        line = f"  （{item}）{amount} 元，{answer['paid_firms'][item]} 户"
        if answer["difference"]:
            line += f"；现行参数 {answer['baseline']['totals'][item]} 元，差额 {answer['difference']['totals'][item]} 元"
        write(line)
    for change in answer["overrides"]:
        write(f"假设：{change['name']} = {change['value']}（原为 {change['was']}）")
    if answer["difference"]:
        write(f"现行参数合计 {answer['baseline']['total']} 元，差额 {answer['difference']['total']} 元")
    if explained is not None:
        detail = answer["explain"]
        write(f"第{detail['row']}行 {detail['name']}：{detail['total']} 元")
        for line in detail["lines"]:
            write(f"  （{line['item']}）{line['rule']}：{line['amount']} 元" + (f"（{line['reason']}）" if line.get("reason") else ""))
            for basis in line["basis"]:
                write(f"      {basis['cite']}：{basis['text']}")


def _assignment(text: str) -> tuple[str, str]:
    name, sign, value = text.partition("=")
    if not sign or not name.strip() or not value.strip():
        raise DomainError(f"--set 应写作 NAME=VALUE（如 六.above.cap=600000），而不是“{text}”。", field="--set")
    return name.strip(), value.strip()
