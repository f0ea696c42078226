"""`zhengwu days add START N [--json]` — thin shell over core.days: when a period of N days ends."""
import re

from django.core.management.base import BaseCommand, CommandParser

from zhengwu.core.cli import fail, print_json
from zhengwu.core.dates import parse_date
from zhengwu.core.days import calendar_years, due_after
from zhengwu.core.errors import DomainError

WHOLE_NUMBER_RE = re.compile(r"^\s*[+-]?\d+\s*$")
WEEKDAYS = "一二三四五六日"


def parse_days(text: str) -> int:
    """The N typed by a person → int; anything that is not a whole number is a DomainError on `days`."""
    # Read here rather than with argparse's type=int, so a bad N is reported like a bad date (and in JSON).
    if not WHOLE_NUMBER_RE.match(text or ""):
        raise DomainError(f"期限天数应为不小于1的整数（如 60），而不是“{text}”。", field="days", code="bad_days")
    return int(text)


class Command(BaseCommand):
    help = "期限计算：N日内的期限何时届满（民法典第二百零一条、第二百零三条，国务院办公厅放假安排）。"
    # Pure date arithmetic: no database or models, so the project checks would only slow it down.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        first, last = calendar_years()
        add = sub.add_parser(
            "add", called_from_command_line=True,
            help=f"起算日之后N日内的期限届满日（起算日不计入；遇休息日、法定休假日顺延；日历覆盖{first}—{last}年）",
        )
        add.add_argument("start", metavar="起算日", help="YYYY-MM-DD，如 2021-08-02（当日不计入）")
        add.add_argument("days", metavar="天数", help="期限天数N，不小于1")
        add.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")

    def handle(self, *args, **options) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _add(self, options: dict) -> None:
        as_json = options["json"]
        try:
            start = parse_date(options["start"], field="start")
            result = due_after(start, parse_days(options["days"]))
        except DomainError as exc:
            raise fail(exc, as_json=as_json) from None
        if as_json:
            print_json(result.as_json())
            return
        due = result.due
        self.stdout.write(f"期限届满日：{due.year}年{due.month}月{due.day}日"
                          f"（{due.isoformat()}，星期{WEEKDAYS[due.weekday()]}）")
        self.stdout.write("依据：")
        for number, sentence in enumerate(result.basis, start=1):
            self.stdout.write(f"  {number}. {sentence}")
