"""`zhengwu supervision …` — thin shell; each sub-command lives in zhengwu/supervision/commands/<name>.py."""
from zhengwu.core.subcommands import GroupCommand


class Command(GroupCommand):
    help = "督查督办（綦普法办〔2021〕16号、綦江府办发〔2021〕24号）。"
    package = "zhengwu.supervision.commands"
    # Django's system checks import every URL and view of the project (about 1 s a call) and check nothing
    # these sub-commands use; `remind` runs from cron every day. `zhengwu check` runs them.
    requires_system_checks = []
