"""`zhengwu subsidy items [--json] [--on DATE]` — the policy's items, kinds, sub-rules, codes and claim fields."""
from __future__ import annotations

import argparse
from typing import Any

from zhengwu.core.cli import fail, print_json
from zhengwu.core.dates import parse_date, today
from zhengwu.core.errors import DomainError
from zhengwu.subsidies.rules import default_rules, fields_description, items_catalogue

NAME = "items"
HELP = "列出綦江府办发〔2021〕26号的全部条目：类别、申报事项（rule）、认定类型代码及金额、所需字段"
KIND_LABELS = {"fixed": "定额", "computed": "按公式测算", "case_by_case": "一事一议", "no_money": "无资金标准"}
EPILOG = """\
JSON：{"policy": {"number", "title", "effective"}, "on": "YYYY-MM-DD", "types": {…}, "common": [<field>…],
       "items": [{"item", "cite", "title", "text", "kind", "firms_only", "rules": [{"rule", "label", "function",
       "fields"}], "recognitions": [{"code", "name", "rule", "amount"}], "parameters": [...], "up_to" | "note"}]}
字段格式见 docs/subsidies.md（zhengwu.subsidies.rules.fields）。
"""


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, epilog=EPILOG, called_from_command_line=True,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")
    parser.add_argument("--on", metavar="DATE", help="按该日有效的金额（YYYY-MM-DD，默认今天）")


def run(command: Any, options: dict) -> None:
    as_json = options["json"]
    rules = default_rules()
    try:
        on = parse_date(options["on"], field="--on") if options["on"] else None
        items = items_catalogue(on=on, rules=rules)
    except DomainError as exc:
        raise fail(exc, as_json=as_json) from None
    fields = fields_description()
    document = rules.document
    if as_json:
        print_json({"policy": {"number": document.number, "title": document.title,
                               "effective": document.effective.isoformat()},
                    "on": (on or _today(rules)).isoformat(), "types": fields["types"], "common": fields["common"],
                    "items": items})
        return
    write = command.stdout.write
    write(f"{document.number}《{document.title}》，自 {document.effective.isoformat()} 起施行")
    for entry in items:
        firms = "（仅企业）" if entry["firms_only"] else ""
        write(f"（{entry['item']}）{entry['title']} — {KIND_LABELS[entry['kind']]}{firms}")
        for rule in entry["rules"]:
            names = "、".join(f"{f['name']}（{f['label']}）" for f in rule["fields"])
            write(f"    rule {rule['rule']}：{rule['label']}；字段：{names}")
        for code in entry.get("recognitions", []):
            write(f"    {code['code']}：{code['name']} {code['amount']} 元")
        if entry["kind"] == "case_by_case":
            write(f"    最高：{entry['up_to'] or '无上限'}（金额由评审确定）")
        if entry.get("note"):
            write(f"    {entry['note']}")


def _today(rules: Any) -> Any:
    return max(today(), rules.document.effective)
