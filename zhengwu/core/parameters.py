"""Versioned rule parameters (参数及其版本), read from one TOML file per document — shared by every rules pack.

A rules pack (the reward rules of zhengwu.reports, the subsidy policy of zhengwu.subsidies) keeps its
parameter files in its own folder and calls `load_rulebook(folder, files, *extra)`. Every value carries the
day it takes effect, the article or item it comes from and that text; a computation asks for the version in
force on its day. An adjusted standard is one more version — in the document's file or in an extra file or
dict passed in — so changing a standard never touches code.

File shape (TOML): one `[document]` table (number, title, effective, cite, text), any number of `[[value]]`
tables (name, value, effective, cite, text; value an integer, a decimal written as a string, or "none") and
of `[[clause]]` tables (code, cite, text: quoted text that carries no number). In a file every `effective` is a
TOML date (`effective = 2021-06-16`), never a string: a quoted "2021-06-16" is refused, naming the file and
key, so every pack writes its days one way. A dict passed as an extra version comes from Python or JSON, which
has no date type, so there `effective` may also be an ISO date string.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from .dates import parse_date, today
from .errors import DomainError

NONE = "none"  # a value the document does not set (e.g. no minimum reward)

VALUE_KEYS = {"name", "value", "effective", "cite", "text"}
CLAUSE_KEYS = {"code", "cite", "text"}
DOCUMENT_KEYS = {"number", "title", "effective", "cite", "text"}


@dataclass(frozen=True)
class Version:
    """One version of a parameter (参数版本): `value` is in force from `effective` on.

    `value` is None when the document sets nothing (no minimum reward); `cite` and `text` quote the article.
    """

    name: str
    value: Decimal | None
    effective: dt.date
    cite: str
    text: str
    source: str

    @property
    def basis(self) -> dict[str, str]:
        return {"cite": self.cite, "text": self.text}


@dataclass(frozen=True)
class Clause:
    """A quoted article or item that carries no number (条款), e.g. one case of 第八条."""

    code: str
    cite: str
    text: str

    @property
    def basis(self) -> dict[str, str]:
        return {"cite": self.cite, "text": self.text}


@dataclass(frozen=True)
class Document:
    """A document the parameters come from (文件): its number, title and the day it took effect."""

    number: str
    title: str
    effective: dt.date
    cite: str
    text: str

    def day_of(self, value: Any, *, field: str, label: str, note: str = "") -> dt.date:
        """The day a computation runs on (核查日期, 测算日期): an ISO date or a date, today when not given, and
        never before this document took effect — its rules did not exist then. `note` adds to the citation."""
        if value is None:
            day = today()
        elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            day = value
        elif isinstance(value, str):
            day = parse_date(value, field=field)
        else:
            raise DomainError(f"{label}应写作 YYYY-MM-DD，而不是 {value!r}。", field=field)
        if day < self.effective:
            raise DomainError(f"{label} {day.isoformat()} 早于{self.number}施行之日 {self.effective.isoformat()}"
                              f"（{self.cite}：{self.text}{note}）。", field=field)
        return day


R = TypeVar("R", bound="Rulebook")


@dataclass(frozen=True)
class Rulebook:
    """Every version of every parameter, and the quoted clauses, of the documents loaded (规则集).

    `document` is the first file's document: the one whose rules these are (its effective date is the
    earliest day a computation may use). A pack may subclass this to name its own date field in errors.
    """

    document: Document
    documents: tuple[Document, ...]
    versions: Mapping[str, tuple[Version, ...]]
    clauses: Mapping[str, Clause]

    # The fact that carries the computation's day, named in the error when no version is in force yet.
    date_field: ClassVar[str] = "on"

    def names(self) -> list[str]:
        """The parameter names, in the order the files define them."""
        return list(self.versions)

    def version(self, name: str, on: dt.date) -> Version:
        """The version of `name` in force on `on`: the latest whose effective date is not after `on`."""
        if name not in self.versions:
            raise DomainError(f"没有名为 {name} 的参数（可用：{', '.join(self.names())}）。", field="rules")
        in_force = [v for v in self.versions[name] if v.effective <= on]
        if not in_force:
            raise DomainError(f"{on.isoformat()} 时参数 {name} 尚无生效的版本（最早自 "
                              f"{self.versions[name][0].effective.isoformat()} 起）。", field=self.date_field)
        return in_force[-1]

    def value(self, name: str, on: dt.date) -> Decimal | None:
        return self.version(name, on).value

    def clause(self, code: str) -> Clause:
        return self.clauses[code]

    def with_versions(self: R, *added: Version) -> R:
        """A copy with `added` versions, each replacing a version of the same name on the same day.

        For what-if computations (测算假设): unlike an extra file, which may never clash with a shipped
        version, an assumption is meant to stand in for whatever is in force from its day.
        """
        versions = {name: list(found) for name, found in self.versions.items()}
        for version in added:
            if version.name not in versions:
                raise DomainError(f"没有名为 {version.name} 的参数（可用：{', '.join(self.names())}）。",
                                  field="rules")
            kept = [v for v in versions[version.name] if v.effective != version.effective]
            versions[version.name] = sorted([*kept, version], key=lambda v: v.effective)
        return replace(self, versions={name: tuple(found) for name, found in versions.items()})


def load_rulebook(folder: Path, files: Sequence[str], *extra: str | Path | Mapping[str, Any],
                  cls: type[R] = Rulebook) -> R:  # type: ignore[assignment]
    """The documents' parameter files in `folder` (the pack's own document first) plus `extra` versions.

    An extra is a TOML file, or a dict: either one version ({"name", "value", "effective", "cite", "text"})
    or a whole file's table ({"value": [...]}). Extra versions may only add versions of parameters the
    documents define, and never a second version of a parameter on the same day — either would be a silent
    mistake otherwise.
    """
    documents: list[Document] = []
    versions: dict[str, list[Version]] = {}
    clauses: dict[str, Clause] = {}
    for file in files:
        table = read_toml(Path(folder) / file)
        documents.append(_document(table.get("document"), file, in_file=True))
        _collect(table, file, versions, clauses, known=None, in_file=True)
    known = set(versions)
    for index, item in enumerate(extra, start=1):
        in_file = not isinstance(item, Mapping)
        if isinstance(item, Mapping):
            source = f"附加版本 #{index}"
            table = {"value": [dict(item)]} if "name" in item else dict(item)
        else:
            source = str(item)
            table = read_toml(Path(item))
        if "document" in table:
            documents.append(_document(table["document"], source, in_file=in_file))
        _collect(table, source, versions, clauses, known=known, in_file=in_file)
    ordered = {name: tuple(sorted(found, key=lambda v: v.effective)) for name, found in versions.items()}
    return cls(document=documents[0], documents=tuple(documents), versions=ordered, clauses=clauses)


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise DomainError(f"找不到参数文件 {path}。", field="rules") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DomainError(f"参数文件 {path} 不是有效的 TOML：{exc}", field="rules") from None


def parameter_number(value: Any, source: str, where: str) -> Decimal | None:
    """A parameter's value: an integer, a decimal written as text, or "none"; never negative, never a float."""
    # Floats are refused: 0.15 as a binary float is not 0.15, and money must be exact.
    if isinstance(value, bool | float):
        raise DomainError(f"{source}：{where} 应为整数或写成文字的小数（如 \"0.15\"），或 \"{NONE}\"。", field=where)
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str) and value.strip().lower() == NONE:
        return None
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise DomainError(f"{source}：{where} 不是数字：“{value}”。", field=where) from None
    else:
        raise DomainError(f"{source}：{where} 应为数字或 \"{NONE}\"。", field=where)
    if not number.is_finite() or number < 0:
        raise DomainError(f"{source}：{where} 应为非负的有限数，而不是 {value}。", field=where)
    return number


def _document(table: Any, source: str, *, in_file: bool) -> Document:
    if not isinstance(table, Mapping) or set(table) != DOCUMENT_KEYS:
        raise DomainError(f"{source}：[document] 应恰有 {', '.join(sorted(DOCUMENT_KEYS))}。", field="document")
    return Document(number=_text(table, "number", source, "document"), title=_text(table, "title", source, "document"),
                    effective=_date(table["effective"], source, "document.effective", in_file=in_file),
                    cite=_text(table, "cite", source, "document"), text=_text(table, "text", source, "document"))


def _collect(table: Mapping[str, Any], source: str, versions: dict[str, list[Version]],
             clauses: dict[str, Clause], *, known: set[str] | None, in_file: bool) -> None:
    unknown = set(table) - {"document", "value", "clause"}
    if unknown:
        raise DomainError(f"{source}：不认识的表 {', '.join(sorted(unknown))}（应为 document、value、clause）。",
                          field="rules")
    for position, entry in enumerate(_entries(table, "value", source), start=1):
        where = f"value[{position}]"
        if not isinstance(entry, Mapping) or set(entry) != VALUE_KEYS:
            keys = sorted(entry) if isinstance(entry, Mapping) else entry
            raise DomainError(f"{source}：第{position}个版本应恰有 {', '.join(sorted(VALUE_KEYS))}，而不是 {keys}。",
                              field=where)
        name = _text(entry, "name", source, where)
        if known is not None and name not in known:
            raise DomainError(f"{source}：没有名为 {name} 的参数（可用：{', '.join(sorted(known))}）。",
                              field=f"{where}.name")
        version = Version(name=name, value=parameter_number(entry["value"], source, f"{where}.value"),
                          effective=_date(entry["effective"], source, f"{where}.effective", in_file=in_file),
                          cite=_text(entry, "cite", source, where), text=_text(entry, "text", source, where),
                          source=source)
        clash = [v for v in versions.get(name, []) if v.effective == version.effective]
        if clash:
            raise DomainError(f"{source}：参数 {name} 在 {version.effective.isoformat()} 已有一个版本"
                              f"（{clash[0].source}），同一天只能有一个。", field=f"{where}.effective")
        versions.setdefault(name, []).append(version)
    for position, entry in enumerate(_entries(table, "clause", source), start=1):
        where = f"clause[{position}]"
        if not isinstance(entry, Mapping) or set(entry) != CLAUSE_KEYS:
            raise DomainError(f"{source}：第{position}个条款应恰有 code、cite、text。", field=where)
        code = _text(entry, "code", source, where)
        clauses[code] = Clause(code=code, cite=_text(entry, "cite", source, where),
                               text=_text(entry, "text", source, where))


def _entries(table: Mapping[str, Any], key: str, source: str) -> list[Any]:
    entries = table.get(key, [])
    if not isinstance(entries, list):
        raise DomainError(f"{source}：{key} 应为列表（[[{key}]]）。", field=key)
    return entries


def _text(entry: Mapping[str, Any], key: str, source: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DomainError(f"{source}：{where}.{key} 应为非空文字。", field=f"{where}.{key}")
    return value


def _date(value: Any, source: str, where: str, *, in_file: bool) -> dt.date:
    if isinstance(value, dt.datetime):  # a TOML date-time is not a day
        raise DomainError(f"{source}：{where} 应为日期（YYYY-MM-DD），不带时刻。", field=where)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and in_file:
        raise DomainError(f"{source}：{where} 应写作 TOML 日期（如 effective = 2021-06-16），不加引号，"
                          f"而不是文字“{value}”。", field=where)
    if isinstance(value, str):
        return parse_date(value, field=where)
    raise DomainError(f"{source}：{where} 应为日期（YYYY-MM-DD）。", field=where)
