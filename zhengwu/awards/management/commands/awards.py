"""`zhengwu awards …` — thin shell; each sub-command lives in zhengwu/awards/commands/<name>.py."""
from zhengwu.core.subcommands import GroupCommand


class Command(GroupCommand):
    help = "区长青少年科技创新奖（綦江府发〔2021〕10号）。"
    package = "zhengwu.awards.commands"
