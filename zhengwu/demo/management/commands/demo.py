"""`zhengwu demo` — set every system up from the seed gazette."""
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from zhengwu.core.errors import DomainError
from zhengwu.demo.build import build_demo


class Command(BaseCommand):
    help = "用种子公报（綦江区政府公报 2021年第6期）建立演示数据；可重复运行。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-migrate", action="store_true", help="不先执行数据库迁移")

    def handle(self, *args, **options) -> None:
        if not options["no_migrate"]:
            call_command("migrate", verbosity=0, interactive=False)
        try:
            outcomes = build_demo()
        except DomainError as exc:
            raise CommandError(f"演示数据导入失败：{exc}", returncode=1) from None
        for o in outcomes:
            self.stderr.write(f"公报 {o.issue.label if o.issue else '单篇公文'}：公文 {len(o.documents)} 篇，"
                              f"要闻 {o.news} 条，修复 {o.repairs} 处，提示 {o.warnings} 个。")
        self.stderr.write("演示数据已就绪：zhengwu runserver 后打开 http://127.0.0.1:8000/")
