"""`zhengwu gazette parse|import …` — thin shell over gazette.parsing and gazette.importer."""
import argparse
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhengwu.core.cli import fail, print_json
from zhengwu.core.errors import DomainError
from zhengwu.gazette.importer import import_file
from zhengwu.gazette.lint import lint_file
from zhengwu.gazette.parsing import parse_file
from zhengwu.gazette.render.docx import write_document_docx
from zhengwu.gazette.render.pdf import write_issue_pdf
from zhengwu.gazette.search import cli as search_cli


def _whole_number(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"应为数字，而不是“{text}”")
    return int(text)


class Command(BaseCommand):
    help = "政府公报：解析（parse）、导入（import）公报文本。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        p = sub.add_parser("parse", help="解析一个文本文件并输出结构，不写数据库",
                           called_from_command_line=True)
        p.add_argument("file")
        p.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")
        i = sub.add_parser("import", help="导入一个或多个公报文本（文件或文件夹），每期一个事务",
                           called_from_command_line=True)
        i.add_argument("paths", nargs="+")
        i.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")
        docx = sub.add_parser("docx", help="把一篇公文导出为 Word（DOCX），按 GB/T 9704-2012 排版（含未发布的期）",
                              called_from_command_line=True)
        docx.add_argument("number", metavar="文号", help="发文字号，任何印刷形式，如 綦江府发[2021]10号")
        docx.add_argument("-o", "--output", metavar="文件", help="默认为当前目录下的“文号.docx”")
        lint = sub.add_parser("lint", help="按 GB/T 9704-2012 检查公报或公文文本（退出码：0 无问题，1 有问题，2 无法读取）",
                              called_from_command_line=True)
        lint.add_argument("file")
        lint.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")
        pdf = sub.add_parser("pdf", help="生成一期公报的 PDF（含未发布的期，供校对）", called_from_command_line=True)
        pdf.add_argument("year", type=_whole_number, metavar="年份")
        pdf.add_argument("number", type=_whole_number, metavar="期号")
        pdf.add_argument("-o", "--output", metavar="文件", help="默认为当前目录下的“刊名+年第期.pdf”")
        search_cli.add_parsers(sub)  # search, reindex

    def handle(self, *args, **options) -> None:
        # one method per sub-command: _parse, _import, _lint, …
        getattr(self, f"_{options['action']}")(options)

    def _search(self, options: dict) -> None:
        search_cli.run_search(self, options)

    def _reindex(self, options: dict) -> None:
        search_cli.run_reindex(self, options)

    def _pdf(self, options: dict) -> None:
        try:
            path, pages, seconds = write_issue_pdf(options["year"], options["number"], options["output"])
        except DomainError as exc:
            raise fail(exc, as_json=False) from None
        self.stderr.write(f"已生成 {path}：{pages} 页，用时 {seconds:.1f} 秒。")

    def _lint(self, options: dict) -> None:
        file, as_json = options["file"], options["json"]
        try:
            findings = lint_file(file)
        except DomainError as exc:
            error = fail(exc, as_json=as_json, context=file)
            error.returncode = 2
            raise error from None
        if as_json:
            print_json([f.as_json() for f in findings])
        else:
            for f in findings:
                self.stdout.write(f"{file}:{f.line}: {f.code} [{f.document or '—'}] {f.message}")
            self.stdout.write(f"共 {len(findings)} 个问题。" if findings else "没有发现问题。")
        if findings:
            raise CommandError(f"{file}: 发现 {len(findings)} 个问题。", returncode=1)

    def _docx(self, options: dict) -> None:
        try:
            path, document = write_document_docx(options["number"], options["output"])
        except DomainError as exc:
            raise fail(exc, as_json=False) from None
        self.stderr.write(f"已生成 {path}：{document.number} {document.title}")

    def _parse(self, options: dict) -> None:
        file, as_json = options["file"], options["json"]
        try:
            result = parse_file(file)
        except DomainError as exc:
            raise fail(exc, as_json=as_json, context=file) from None
        if as_json:
            print_json(result.as_json())
        else:
            self._describe(result)
        for problem in result.problems:
            self.stderr.write(f"{file}:{problem.line}: [{problem.severity}] {problem.code} {problem.message}")
        if result.errors:
            raise CommandError(f"{file}: {len(result.errors)} 个错误，不能导入。", returncode=1)

    def _describe(self, result) -> None:
        if result.issue:
            i = result.issue
            total = f"（总第{i.cumulative_number}期）" if i.cumulative_number else ""
            self.stdout.write(f"{i.gazette} {i.year}年第{i.number}期{total} 出版 {i.published_on or '未注明'}")
            for entry in i.toc:
                self.stdout.write(f"  {entry.page:>4}  {entry.title}")
        for doc in result.documents:
            self.stdout.write(f"{doc.number or '（无文号）'}  {doc.title}  {doc.signed_on or ''}")
        self.stdout.write(f"公文 {len(result.documents)} 篇，要闻 {len(result.news)} 条，"
                          f"修复 {len(result.repairs)} 处，问题 {len(result.problems)} 个。")

    def _import(self, options: dict) -> None:
        paths, as_json = options["paths"], options["json"]
        files = self._expand(paths)
        outcomes, failures = [], []
        progress = None
        if sys.stderr.isatty() and not as_json and len(files) > 1:
            from rich.progress import Progress
            progress = Progress(transient=True)
            progress.start()
            task = progress.add_task("导入中", total=len(files))
        for path in files:
            try:
                outcomes.append(import_file(path))
            except DomainError as exc:
                failures.append({"source": str(path), **exc.as_dict()})
                self.stderr.write(f"{path}: {exc}")
            if progress:
                progress.advance(task)
        if progress:
            progress.stop()
        if as_json:
            print_json({"imported": [o.as_json() for o in outcomes], "failed": failures})
        else:
            for o in outcomes:
                what = o.issue.label if o.issue else "单篇公文"
                verb = "新建" if o.created else "更新"
                self.stdout.write(f"{verb} {what}：公文 {len(o.documents)} 篇，要闻 {o.news} 条，"
                                  f"修复 {o.repairs} 处，提示 {o.warnings} 个  ← {o.source}")
                for p in o.problems:  # the editor sees what to correct right away
                    self.stderr.write(f"  {o.source}:{p['line']}: {p['code']} {p['message']}")
            self.stdout.write(f"共 {len(files)} 个文件：成功 {len(outcomes)}，失败 {len(failures)}。")
        if failures:
            raise CommandError(f"{len(failures)} 个文件没有导入（其余已导入）。", returncode=1)

    def _expand(self, paths: list[str]) -> list[Path]:
        files: list[Path] = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt")
                if not found:
                    raise CommandError(f"文件夹 {path} 里没有 .txt 文件。", returncode=1)
                files.extend(found)
            elif path.exists():
                files.append(path)
            else:
                raise CommandError(f"找不到文件 {path}。", returncode=1)
        return files
