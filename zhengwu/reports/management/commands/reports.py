"""`zhengwu reports …` — thin shell; each sub-command lives in zhengwu/reports/commands/<name>.py."""
from django.core.management.base import BaseCommand, CommandParser

from zhengwu.reports.commands import modules


class Command(BaseCommand):
    help = "安全生产举报奖励（綦应急发〔2021〕41号）：奖励计算、案件办理等。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        self._runners = {}
        for module in modules():
            module.add_parser(sub)
            self._runners[module.NAME] = module.run

    def handle(self, *args, **options) -> None:
        self._runners[options["action"]](self, options)
