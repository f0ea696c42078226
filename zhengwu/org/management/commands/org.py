"""`zhengwu org …` — thin shell over the registry's functions; one method per sub-command.

Dates are YYYY-MM-DD (default: today in Asia/Shanghai). With --json only JSON goes to stdout; errors are
one Chinese message on stderr and exit code 1 (with --json also {"error": …} on stdout).
"""
import getpass
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zhengwu.core.cli import fail, print_json
from zhengwu.core.dates import parse_date
from zhengwu.core.errors import DomainError
from zhengwu.gazette.models import Issue

from ...appointments import appoint, remove
from ...changes import KINDS, changes
from ...directory import bodies
from ...excel import export_holders, import_holders
from ...from_gazette import find_document, import_document, import_issue
from ...holders import holdings, post_history
from ...popolo import export_popolo
from ...probations import probations_ending
from ...registry import add_person, add_post
from ...resolve import find_organization, find_person, find_post
from ...roster import roster, seats_of
from ...vocab import EndReason

JSON_HELP = "只在标准输出打印 JSON"


def _default_by() -> str:
    try:
        return f"命令行:{getpass.getuser()}"
    except Exception:  # no login name in some containers; the audit still needs an author
        return "命令行"


class Command(BaseCommand):
    help = "组织机构名录：从公报导入，查询职务、席位、组成人员，任免，导出 Popolo。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))

        def command(name: str, help_text: str, *, json: bool = True, on: bool = False) -> CommandParser:
            p = sub.add_parser(name, help=help_text, called_from_command_line=True)
            if json:
                p.add_argument("--json", action="store_true", help=JSON_HELP)
            if on:
                p.add_argument("--on", metavar="日期", help="YYYY-MM-DD，默认今天")
            return p

        p = command("import-document", "把公报中的一篇任免通知或议事协调机构通知读入名录")
        p.add_argument("number", metavar="文号")
        p.add_argument("--by", default=_default_by(), help="操作人（记入操作记录）")
        p = command("import-issue", "读入一期公报中所有相关公文和刊头编辑委员会")
        p.add_argument("year", type=int, metavar="年份")
        p.add_argument("number", type=int, metavar="期号")
        p.add_argument("--by", default=_default_by(), help="操作人（记入操作记录）")
        command("bodies", "某日存在的议事协调机构（含下设机构和办公室）", on=True)
        command("seats", "某人某日担任的所有席位", on=True).add_argument("person", metavar="姓名")
        command("roster", "某机构某日的组成人员", on=True).add_argument("body", metavar="机构")
        command("holders", "某职务某日的任职者", on=True).add_argument("post", metavar="职务")
        command("history", "某职务的历任任职者").add_argument("post", metavar="职务")
        p = command("changes", "某机构在一段时间内的人员变动")
        p.add_argument("body", metavar="机构")
        p.add_argument("--from", dest="date_from", required=True, metavar="日期")
        p.add_argument("--to", dest="date_to", required=True, metavar="日期")
        p = command("probations", "试用期即将届满的任职", on=True)
        p.add_argument("--within", type=int, default=60, metavar="天数", help="默认60天")
        p = command("appoint", "任命（或用 --remove 免去）某人的职务")
        p.add_argument("--person", required=True, metavar="姓名")
        p.add_argument("--post", required=True, metavar="职务")
        p.add_argument("--on", required=True, metavar="日期", help="任职的第一天；免职时为不再任职的第一天")
        p.add_argument("--remove", action="store_true", help="免去而不是任命")
        p.add_argument("--keep-previous", action="store_true", help="不结束原任者的任职")
        p.add_argument("--probation-months", type=int, metavar="月数", help="试用期（月），1年写12")
        p.add_argument("--reason", default="", help="理由，记入操作记录")
        p.add_argument("--by", default=_default_by(), help="操作人（记入操作记录）")
        p = command("add-person", "登记一位人员")
        p.add_argument("name", metavar="姓名")
        p.add_argument("--gender-note", default="", metavar="注记", help="如 女")
        p.add_argument("--reason", default="")
        p.add_argument("--by", default=_default_by())
        p = command("add-post", "在某单位设立一个职务")
        p.add_argument("unit", metavar="单位")
        p.add_argument("title", metavar="职务名称")
        p.add_argument("--max-holders", type=int, default=1, metavar="人数", help="职数，默认1")
        p.add_argument("--unlimited", action="store_true", help="职数不限（分管负责人、副职）")
        p.add_argument("--reason", default="")
        p.add_argument("--by", default=_default_by())
        p = command("export-popolo", "导出 Popolo JSON（persons, organizations, posts, memberships）", json=False,
                    on=True)
        p.add_argument("-o", "--output", metavar="文件", help="默认打印到标准输出")
        p.add_argument("--base-url", metavar="网址", help="如 http://127.0.0.1:8000，用于公文链接")
        p = command("export-excel", "导出某日各职务的任职者（xlsx：单位、职务、姓名、任职日期、试用期满）", json=False,
                    on=True)
        p.add_argument("-o", "--output", required=True, metavar="文件")
        p = command("import-excel", "从 xlsx 导入任职者（全部无误才导入，逐行报告问题）", on=True)
        p.add_argument("file", metavar="文件")
        p.add_argument("--by", default=_default_by(), help="操作人（记入操作记录）")

    def handle(self, *args, **options) -> None:
        as_json = options.get("json", False)
        try:
            getattr(self, "_" + options["action"].replace("-", "_"))(options)
        except DomainError as exc:
            raise fail(exc, as_json=as_json) from None

    def _day(self, options: dict):
        return parse_date(options["on"], field="on") if options.get("on") else timezone.localdate()

    def _out(self, options: dict, data, lines: list[str]) -> None:
        if options.get("json"):
            print_json(data)
        else:
            for line in lines or ["（无）"]:
                self.stdout.write(line)

    # --- reading the gazette -------------------------------------------------------------------------

    def _import_document(self, options: dict) -> None:
        report = import_document(find_document(options["number"]), by=options["by"])
        self._report([report], options)

    def _import_issue(self, options: dict) -> None:
        issue = Issue.objects.filter(year=options["year"], number=options["number"]).first()
        if issue is None:
            raise DomainError(f"没有{options['year']}年第{options['number']}期公报；请先导入。", field="number",
                              code="unknown_issue")
        self._report(import_issue(issue, by=options["by"]), options)

    def _report(self, reports: list, options: dict) -> None:
        if options["json"]:
            print_json(reports[0].as_json() if len(reports) == 1 else [r.as_json() for r in reports])
        else:
            for report in reports:
                self.stdout.write(report.summary())
        for report in reports:
            for problem in report.problems:
                self.stderr.write(f"{report.source} {problem}")

    # --- queries ------------------------------------------------------------------------------------

    def _bodies(self, options: dict) -> None:
        lines = bodies(self._day(options))
        self._out(options, [line.as_json() for line in lines],
                  [f"{'  ' * line.depth}{line.body.label}（席位 {line.seats}）" for line in lines])

    def _seats(self, options: dict) -> None:
        lines = seats_of(find_person(options["person"]), self._day(options))
        self._out(options, [line.as_json() for line in lines],
                  [f"{line.body.label}  {line.role}  {line.post.label if line.post else '（本人）'}" for line in lines])

    def _roster(self, options: dict) -> None:
        lines = roster(find_organization(options["body"]), self._day(options))
        self._out(options, [line.as_json() for line in lines],
                  [f"{line.role}  {line.person.name if line.person else '（空缺）'}  "
                   f"{line.post.label if line.post else ''}" for line in lines])

    def _holders(self, options: dict) -> None:
        lines = holdings(find_post(options["post"]), self._day(options))
        self._out(options, [line.as_json() for line in lines],
                  [f"{line.person.name}  {line.post.label}  自{line.start_date or '（不详）'}" for line in lines])

    def _history(self, options: dict) -> None:
        lines = post_history(find_post(options["post"]))
        self._out(options, [line.as_json() for line in lines],
                  [f"{line.person.name}  {line.start_date or '不详'} — {line.end_date or '今'}  "
                   f"{EndReason(line.end_reason).label if line.end_reason else ''}" for line in lines])

    def _changes(self, options: dict) -> None:
        found = changes(find_organization(options["body"]), parse_date(options["date_from"], field="from"),
                        parse_date(options["date_to"], field="to"))
        self._out(options, [c.as_json() for c in found],
                  [f"{c.date}  {KINDS[c.kind]}  {c.role}  {c.post.label if c.post else ''}  "
                   f"{c.previous.name if c.previous else ''} → {c.person.name if c.person else ''}" for c in found])

    def _probations(self, options: dict) -> None:
        found = probations_ending(options["within"], self._day(options))
        self._out(options, [p.as_json() for p in found],
                  [f"{p.membership.person.name}  {p.membership.post.label}  试用期至{p.membership.probation_end}"
                   f"（还有{p.days_left}天）" for p in found])

    # --- changes ------------------------------------------------------------------------------------

    def _appoint(self, options: dict) -> None:
        person, post = find_person(options["person"]), find_post(options["post"])
        on = parse_date(options["on"], field="on")
        if options["remove"]:
            m = remove(person, post, on, by=options["by"], reason=options["reason"])
            text = f"已免去 {person.name} 的 {post.label}：最后在任 {m.end_date}。"
        else:
            m = appoint(person, post, on, keep_previous=options["keep_previous"],
                        probation_months=options["probation_months"], by=options["by"], reason=options["reason"])
            text = f"已任命 {person.name} 为 {post.label}，{on} 起。"
        data = {"person": person.name, "post": post.label, "start_date": m.start_date, "end_date": m.end_date,
                "end_reason": m.end_reason or None, "probation_end": m.probation_end}
        self._out(options, data, [text])

    def _add_person(self, options: dict) -> None:
        person = add_person(options["name"], gender_note=options["gender_note"], by=options["by"],
                            reason=options["reason"])
        self._out(options, {"person": person.name, "id": person.pk}, [f"已登记 {person.name}。"])

    def _add_post(self, options: dict) -> None:
        post = add_post(options["unit"], options["title"], max_holders=None if options["unlimited"]
                        else options["max_holders"], by=options["by"], reason=options["reason"])
        self._out(options, {"post": post.label, "id": post.pk, "max_holders": post.max_holders},
                  [f"已设立 {post.label}。"])

    def _export_excel(self, options: dict) -> None:
        on = self._day(options)
        Path(options["output"]).write_bytes(export_holders(on))
        self.stderr.write(f"已导出 {on} 的任职名单到 {options['output']}。")

    def _import_excel(self, options: dict) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise DomainError(f"找不到文件 {path}。", field="file", code="no_file")
        with path.open("rb") as handle:
            report = import_holders(handle, by=options["by"], on=self._day(options))
        if report.ok:
            self._out(options, report.as_json(), [report.summary(), *[f"已任命 {a}" for a in report.appointed]])
            return
        if options.get("json"):
            print_json(report.as_json())
        for problem in report.problems:
            self.stderr.write(str(problem))
        raise CommandError(f"file: {report.summary()}", returncode=1)

    def _export_popolo(self, options: dict) -> None:
        data = export_popolo(self._day(options), base_url=options["base_url"])
        if options["output"]:
            Path(options["output"]).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            self.stderr.write(f"已导出到 {options['output']}：人员 {len(data['persons'])}，机构 "
                              f"{len(data['organizations'])}，职务与席位 {len(data['posts'])}，任职 "
                              f"{len(data['memberships'])}。")
        else:
            print_json(data)
