"""`zhengwu gazette search|reindex` — the sub-commands' arguments and output; the command file only routes."""
import html
import re

from django.core.management.base import BaseCommand

from zhengwu.core.cli import fail, print_json
from zhengwu.core.errors import DomainError

from .index import rebuild_index
from .query import FACETS, MAX_PER_PAGE, SearchResult, search

_MARK_RE = re.compile(r"</?mark>")


def add_parsers(sub) -> None:
    """Add `search` and `reindex` to the gazette command's sub-parsers."""
    s = sub.add_parser("search", help="全文搜索公文、卷首语和政务要闻（所有词都须出现；输入文号直接找到该公文）",
                       called_from_command_line=True)
    s.add_argument("query", nargs="+", metavar="搜索词", help="一个或多个词，或一个文号，如 綦江府发[2021]10号")
    s.add_argument("--issuer", metavar="发文机关", help="只看这个机关发的，如 重庆市綦江区人民政府办公室")
    s.add_argument("--year", metavar="年份", help="只看这一年的，如 2021")
    s.add_argument("--type", dest="doc_type", metavar="文种", help="只看这一文种，如 通知、决定、政策")
    s.add_argument("--section", metavar="栏目", help="只看这一栏目，如 政务要闻")
    s.add_argument("--limit", type=int, default=20, metavar="N", help=f"每页条数（1–{MAX_PER_PAGE}，默认 20）")
    s.add_argument("--page", type=int, default=1, metavar="N", help="第几页（默认 1）")
    s.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")
    r = sub.add_parser("reindex", help="重建全文搜索索引（改过词典或在后台改过公文后运行）",
                       called_from_command_line=True)
    r.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run_search(command: BaseCommand, options: dict) -> None:
    as_json = options["json"]
    filters = {"issuer": options["issuer"], "year": options["year"], "type": options["doc_type"],
               "section": options["section"]}
    try:
        result = search(" ".join(options["query"]), filters=filters, page=options["page"], per_page=options["limit"])
    except DomainError as exc:
        raise fail(exc, as_json=as_json) from None
    if as_json:
        print_json(result.as_json())
    else:
        _describe(command, result)


def plain(snippet: str) -> str:
    """A snippet for the terminal: 【】 around the matched words instead of <mark>, entities unescaped."""
    return html.unescape(_MARK_RE.sub(lambda m: "】" if m.group().startswith("</") else "【", snippet))


def _describe(command: BaseCommand, result: SearchResult) -> None:
    out = command.stdout
    if result.exact:
        hit = result.results[0]
        out.write(f"文号完全匹配：{hit.number}  {hit.title}  {hit.url}")
        return
    if result.number:
        out.write(f"公报中没有文号 {result.number}。")
        if result.suggestions:
            out.write("您要找的是不是：" + "、".join(s.number for s in result.suggestions))
    out.write(f"“{result.query}”：共 {result.total} 条结果（第 {result.page}/{result.pages} 页）")
    first = (result.page - 1) * result.per_page + 1
    for i, hit in enumerate(result.results, start=first):
        out.write(f"{i}. {hit.number or '（' + ('政务要闻' if hit.kind == 'news' else '卷首语') + '）'}  {hit.title}")
        meta = ["、".join(hit.issuers), hit.date.isoformat() if hit.date else "", hit.section]
        out.write("   " + " · ".join(x for x in meta if x))
        if hit.snippet:
            out.write("   " + plain(hit.snippet))
    for name, label in FACETS.items():
        if result.facets[name]:
            out.write(f"{label}：" + "、".join(f"{v.value} {v.count}" for v in result.facets[name]))


def run_reindex(command: BaseCommand, options: dict) -> None:
    counts = rebuild_index()
    if options["json"]:
        print_json({"indexed": counts, "total": sum(counts.values())})
    else:
        command.stdout.write(f"搜索索引已重建：公文 {counts['document']} 篇，卷首语 {counts['editorial']} 篇，"
                             f"政务要闻 {counts['news']} 条。")
