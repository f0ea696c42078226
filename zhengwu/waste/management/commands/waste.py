"""`zhengwu waste …` — thin shell; each sub-command lives in zhengwu/waste/commands/<name>.py."""
from zhengwu.core.subcommands import GroupCommand


class Command(GroupCommand):
    help = "生活垃圾分类（撤桶并点）（綦江府办发〔2021〕23号）：小区台账、进度、告知书、投放记录、上门指导。"
    package = "zhengwu.waste.commands"
    # Django's system checks import every URL and view of the project (about 1 s a call) and check nothing
    # these sub-commands use; `ingest` may run every few seconds from a collector. `zhengwu check` runs them.
    requires_system_checks = []
