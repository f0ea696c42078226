"""`zhengwu waste …` — thin shell; each sub-command lives in zhengwu/waste/commands/<name>.py."""
from zhengwu.core.subcommands import GroupCommand


class Command(GroupCommand):
    help = "生活垃圾分类（撤桶并点）（綦江府办发〔2021〕23号）。"
    package = "zhengwu.waste.commands"
