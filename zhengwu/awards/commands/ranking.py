"""`zhengwu awards ranking --edition N [--json]` — the scores so far, the order and the ties to decide."""
from __future__ import annotations

from typing import Any

from zhengwu.core.cli import fail, print_json
from zhengwu.core.errors import DomainError

from ..editions import get_edition
from ..ranking import compute
from ..vocab import State

NAME = "ranking"
HELP = "显示某一届的当前得分和排名：并列者、尚未完成的评分（不改变任何数据）"
EPILOG = ('JSON：{"edition", "state", "rows": [{"place", "name", "school", "score", "experts", "rank", "tier"}], '
          '"ties": [["姓名", …]], "unfinished": [...]}')


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, epilog=EPILOG, called_from_command_line=True)
    parser.add_argument("--edition", type=int, required=True, metavar="N")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    as_json = options["json"]
    try:
        edition = get_edition(options["edition"], field="--edition")
    except DomainError as exc:
        raise fail(exc, as_json=as_json) from None
    ranking = compute(edition)
    if edition.reached(State.RANKED):  # fixed: the stored order, ties already decided by the bureau
        ranking.rows.sort(key=lambda r: (r.candidate.rank or 0))
    rows = [{"place": r.place, "name": r.candidate.name, "school": r.candidate.school.name, "score": str(r.shown),
             "experts": r.experts, "rank": r.candidate.rank, "tier": r.candidate.get_tier_display() or None}
            for r in ranking.rows]
    data = {"edition": edition.number, "state": edition.state, "rows": rows,
            "ties": [[r.candidate.name for r in g] for g in ranking.ties], "unfinished": ranking.unfinished}
    if as_json:
        print_json(data)
        return
    write = command.stdout.write
    write(f"{edition.title}（{edition.get_state_display()}）")
    for row in rows:
        write(f"  第{row['place']}名 {row['name']} {row['school']} {row['score']}分 {row['tier'] or ''}")
    for group in data["ties"]:
        write(f"  并列：{'、'.join(group)}")
    for item in ranking.unfinished:
        write(f"  未完成：{item}")
