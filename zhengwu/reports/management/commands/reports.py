"""`zhengwu reports …` — thin shell; each sub-command lives in zhengwu/reports/commands/<name>.py."""
from zhengwu.core.subcommands import GroupCommand


class Command(GroupCommand):
    help = "安全生产举报奖励（綦应急发〔2021〕41号）：奖励计算、案件办理等。"
    package = "zhengwu.reports.commands"
