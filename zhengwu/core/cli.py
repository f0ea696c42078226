"""Helpers for the `zhengwu` commands: JSON on stdout alone, messages on stderr, clear failures, and
FACTS given as a JSON text, a file or `-` for standard input."""
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from .errors import DomainError


def print_json(data: Any) -> None:
    """JSON alone on stdout (Chinese kept readable), so scripts can pipe it."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def fail(error: DomainError, *, as_json: bool, context: str = "") -> CommandError:
    """Turn a domain error into a non-zero exit with one clear message (and JSON when asked)."""
    prefix = f"{context}: " if context else ""
    if as_json:
        print_json({"error": error.as_dict() | {"source": context or None}})
    return CommandError(f"{prefix}{error}", returncode=1)


def read_facts(source: str) -> Any:
    """FACTS → the parsed JSON: `-` reads stdin, an existing file is read, anything else is JSON text."""
    if source == "-":
        text = sys.stdin.read()
    elif is_file(source):
        try:
            text = Path(source).read_text(encoding="utf-8-sig")  # a BOM from Windows editors is no error
        except (OSError, UnicodeDecodeError) as exc:
            raise DomainError(f"无法读取事实文件：{exc}", field="FACTS") from None
    else:
        text = source
        if not source.lstrip().startswith(("{", "[")):
            raise DomainError(f"“{source}”既不是 JSON 文本，也不是存在的文件。", field="FACTS")
    try:
        # Decimals, not floats: 1999999.99 must stay exactly that; NaN / Infinity reach the amount's check.
        return json.loads(text, parse_float=Decimal, parse_constant=Decimal)
    except json.JSONDecodeError as exc:
        raise DomainError(f"不是有效的 JSON：第{exc.lineno}行第{exc.colno}列，{exc.msg}。", field="FACTS") from None


def is_file(source: str) -> bool:
    try:
        return Path(source).is_file()
    except (OSError, ValueError):  # a long JSON text is no file name
        return False


def source_context(source: str) -> str:
    """Where the facts came from, for the message; a JSON text is named by the field alone."""
    if source == "-":
        return "标准输入"
    return source if is_file(source) else ""


def add_facts_arguments(parser: Any, *, rules_help: str) -> None:
    """The arguments of a command that runs a rulebook on FACTS: FACTS, --json and --rules FILE (repeatable)."""
    parser.add_argument("facts", metavar="FACTS", help="事实：JSON 文本、JSON 文件路径，或 - 表示标准输入")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")
    parser.add_argument("--rules", action="append", default=[], metavar="FILE", help=rules_help)


def run_on_facts(options: dict, *, compute: Callable[..., Any], load: Callable[..., Any],
                 default: Callable[[], Any]) -> tuple[Any, Any]:
    """Read FACTS, take the rulebook (--rules files, else the packaged one) and compute → (result, rules).

    Any DomainError becomes the command's failure, naming where the facts came from.
    """
    source = options["facts"]
    try:
        facts = read_facts(source)
        rules = load(*options["rules"]) if options["rules"] else default()
        return compute(facts, rules=rules), rules
    except DomainError as exc:
        raise fail(exc, as_json=options["json"], context=source_context(source)) from None
