"""`zhengwu subsidy …` — thin shell; each sub-command lives in zhengwu/subsidies/commands/<name>.py."""
from zhengwu.core.subcommands import GroupCommand


class Command(GroupCommand):
    help = "科技政策兑现（綦江府办发〔2021〕26号）：政策条目、测算、预算预测。"
    package = "zhengwu.subsidies.commands"
    # The sub-commands compute from the policy file and the files given; Django's system checks import every
    # URL and view of the project (about 1 s a call) and check nothing they use. `zhengwu check` runs them.
    requires_system_checks = []
