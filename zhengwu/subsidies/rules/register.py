"""The firm register (企业名录) the science bureau holds: read from CSV or XLSX, kept column by column.

Columns (header in English or Chinese, any order, case and spaces ignored; other columns are ignored):

    name                  名称 / 企业名称 / 单位名称          text, required
    kind                  类型 / 单位类型                     firm | other | 企业 | 其他 (blank: firm)
    scale                 规模                                above | below | 规上 | 限上 | 规下 | 限下 (blank: unknown)
    revenue               营业收入                            yuan, to the fen (blank: 0)
    rd_spend              研发投入                            yuan: R&D spending declared for the super-deduction
    has_rd_institution    区级以上研发机构                    是/否, true/false, 1/0, yes/no (blank: no)
    gets_rd_reserve       享受研发准备金                      同上
    recognitions          首次认定                            recognition codes or names, separated by ; or ；
    patents_cn            国内发明专利                        inventions counted here (see below)
    patents_eu_us_jp      欧美日发明专利
    patents_other_foreign 其他境外发明专利
    tech_contracts_total  技术合同登记额                      yuan: registered technology contracts' total
    sales                 高新技术产品销售收入                 yuan: sales in the year after recognition
    high_tech_products    高新技术产品数                      municipal-or-higher high-tech products
    incubated_high_tech   引进成长高企数                      firms an incubator brought in that became 高企

Patents (十三 pays one grant per invention): count each invention once, in the first column that applies —
patents_eu_us_jp if granted in Europe, the US or Japan, else patents_other_foreign if granted in another
country or region, else patents_cn. For a unit that is not a firm only CNIPA grants pay: count in patents_cn
every invention CNIPA granted. Recognitions listed are first recognitions (首次认定) of the year forecast.

Errors name the row (the file's line, the header being row 1) and the column as the file spells it.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

from zhengwu.core.errors import DomainError

from .recognitions import RECOGNITIONS

MONEY_RE = re.compile(r"^(?:\d{1,12}(?:\.\d{0,2})?|\.\d{1,2})$")
COUNT_RE = re.compile(r"^\d{1,6}$")
TRUE = {"是", "true", "1", "yes", "y", "有", "√"}
FALSE = {"否", "false", "0", "no", "n", "无", "×", ""}
KINDS = {"firm": "firm", "企业": "firm", "other": "other", "其他": "other", "其他单位": "other", "": "firm"}
SCALES = {"above": 1, "规上": 1, "限上": 1, "规上（限上）": 1, "规上(限上)": 1,
          "below": 2, "规下": 2, "限下": 2, "规下（限下）": 2, "规下(限下)": 2, "": 0}
SCALE_NAMES = {0: None, 1: "above", 2: "below"}
NAMES_TO_CODES = {r.name: code for code, r in RECOGNITIONS.items()} | {code: code for code in RECOGNITIONS}


@dataclass(frozen=True)
class Column:
    """One register column: its English name, Chinese headers accepted, and kind of value."""

    name: str
    headers: tuple[str, ...]
    kind: str  # text | kind | scale | money | bool | count | codes
    label: str


COLUMNS: tuple[Column, ...] = (
    Column("name", ("名称", "企业名称", "单位名称"), "text", "名称"),
    Column("kind", ("类型", "单位类型"), "kind", "类型（企业/其他）"),
    Column("scale", ("规模",), "scale", "规模（规上/规下）"),
    Column("revenue", ("营业收入",), "money", "营业收入（元）"),
    Column("rd_spend", ("研发投入",), "money", "研发投入（元）"),
    Column("has_rd_institution", ("区级以上研发机构",), "bool", "是否已成立区级以上研发机构"),
    Column("gets_rd_reserve", ("享受研发准备金",), "bool", "是否享受研发准备金"),
    Column("recognitions", ("首次认定",), "codes", "首次认定（代码，以;分隔）"),
    Column("patents_cn", ("国内发明专利",), "count", "国内发明专利（件）"),
    Column("patents_eu_us_jp", ("欧美日发明专利",), "count", "欧美日发明专利（件）"),
    Column("patents_other_foreign", ("其他境外发明专利",), "count", "其他境外发明专利（件）"),
    Column("tech_contracts_total", ("技术合同登记额",), "money", "技术合同认定登记总额（元）"),
    Column("sales", ("高新技术产品销售收入",), "money", "高新技术产品认定次年销售收入（元）"),
    Column("high_tech_products", ("高新技术产品数",), "count", "市级以上高新技术产品数"),
    Column("incubated_high_tech", ("引进成长高企数",), "count", "引进并成长为高新技术企业的企业数"),
)
HEADERS = {header: column for column in COLUMNS for header in (column.name, *column.headers)}
NUMERIC = [c.name for c in COLUMNS if c.kind in ("money", "count")]


@dataclass(frozen=True)
class Firm:
    """One firm of the register (名录中的企业), amounts in yuan."""

    name: str
    kind: str = "firm"
    scale: str | None = None
    revenue: Decimal = Decimal(0)
    rd_spend: Decimal = Decimal(0)
    has_rd_institution: bool = False
    gets_rd_reserve: bool = False
    recognitions: tuple[str, ...] = ()
    patents_cn: int = 0
    patents_eu_us_jp: int = 0
    patents_other_foreign: int = 0
    tech_contracts_total: Decimal = Decimal(0)
    sales: Decimal = Decimal(0)
    high_tech_products: int = 0
    incubated_high_tech: int = 0
    row: int | None = None


@dataclass
class Register:
    """The register column by column (名录): money in fen as int64, counts as int64, flags as bool.

    Forecasting works on these arrays; `firm(i)` gives one firm back for an explanation.
    """

    names: list[str]
    rows: list[int]
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    recognitions: list[tuple[str, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.names)

    def firm(self, index: int) -> Firm:
        c = self.columns
        money = {name: Decimal(int(c[name][index])) / 100 for name in ("revenue", "rd_spend", "tech_contracts_total",
                                                                        "sales")}
        counts = {name: int(c[name][index]) for name in ("patents_cn", "patents_eu_us_jp", "patents_other_foreign",
                                                          "high_tech_products", "incubated_high_tech")}
        return Firm(name=self.names[index], kind="firm" if c["firm"][index] else "other",
                    scale=SCALE_NAMES[int(c["scale"][index])], has_rd_institution=bool(c["has_rd_institution"][index]),
                    gets_rd_reserve=bool(c["gets_rd_reserve"][index]), recognitions=self.recognitions[index],
                    row=self.rows[index], **money, **counts)

    def firms(self) -> Iterable[Firm]:
        return (self.firm(i) for i in range(len(self)))

    def code_counts(self) -> dict[str, np.ndarray]:
        """For each recognition code, 1 where the firm lists it (each code once per firm)."""
        found = {code: np.zeros(len(self), dtype=np.int64) for code in RECOGNITIONS}
        for index, codes in enumerate(self.recognitions):
            for code in codes:
                found[code][index] = 1
        return found

    @classmethod
    def from_firms(cls, firms: Sequence[Firm]) -> Register:
        """A register from Firm objects (tests, the web side's own records)."""
        table = [[_cell(firm, column) for column in COLUMNS] for firm in firms]
        return _build([c.name for c in COLUMNS], table, rows=[firm.row or i + 2 for i, firm in enumerate(firms)])


def read_register(path: str | Path, *, data: bytes | None = None) -> Register:
    """A register from a .csv (UTF-8, with or without BOM; GB18030 also read) or .xlsx file."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, data)
    if path.suffix.lower() != ".csv":
        raise DomainError(f"企业名录应为 .csv 或 .xlsx 文件，而不是“{path.name}”。", field="FIRMS")
    try:
        raw = data if data is not None else path.read_bytes()
    except OSError as exc:
        raise DomainError(f"无法读取企业名录：{exc}", field="FIRMS") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # registers saved by Excel on a Chinese Windows are GB18030
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise DomainError("企业名录不是 UTF-8 或 GB18030 编码的文本。", field="FIRMS") from None
    simple = _simple_columns(text)
    if simple is not None:
        header, columns = simple
        positions, spelled = _positions(header)
        return _assemble(positions, spelled, columns, list(range(2, len(columns[0]) + 2)))
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise DomainError("企业名录是空的。", field="FIRMS")
    return _build(rows[0], rows[1:])


def _simple_columns(text: str) -> tuple[list[str], list[list[str]]] | None:
    """The columns of a plain CSV — no quoting, no blank row, the same number of commas on every line —
    cut out of one split of the whole text (C-speed slices, no per-row lists); None for any other CSV,
    which the csv module reads."""
    if '"' in text:
        return None
    text = text.replace("\r\n", "\n").rstrip("\n")
    if "\r" in text or "\n" not in text:
        return None
    header_line, _, rest = text.partition("\n")
    header = header_line.split(",")
    width = len(header)
    body = rest.split("\n")
    if "," * (width - 1) in body or set(map(str.count, body, [","] * len(body))) != {width - 1}:
        return None
    flat = ",".join(body).split(",")
    return header, [flat[k::width] for k in range(width)]


def _read_xlsx(path: Path, data: bytes | None) -> Register:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data) if data is not None else path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a file that is not a workbook
        raise DomainError(f"无法读取 Excel 企业名录：{exc}", field="FIRMS") from None
    try:
        sheet = book.worksheets[0]
        rows = [[_xlsx_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    if not rows:
        raise DomainError("企业名录是空的。", field="FIRMS")
    return _build(rows[0], rows[1:])


def _xlsx_text(value: Any) -> str:
    """A cell as the CSV would hold it: numbers without float noise, booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # repr is the shortest text that reads back as the same float: 1234.56 stays 1234.56
        number = Decimal(repr(value))
        return f"{number.normalize():f}" if number == number.to_integral_value() else repr(value)
    return str(value)


def _positions(header: Sequence[Any]) -> tuple[dict[str, int], dict[str, str]]:
    """Where each known column is, and how the file spells its header."""
    positions: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for position, title in enumerate(header):
        key = re.sub(r"\s+", "", str(title or "")).lower()
        column = HEADERS.get(key) or HEADERS.get(str(title or "").strip())
        if column is None:
            continue  # other columns (统一社会信用代码, 地址 …) are the bureau's own business
        if column.name in positions:
            raise DomainError(f"有两列都是 {column.name}（{column.label}）：“{spelled[column.name]}”和“{title}”。",
                              line=1, field=str(title))
        positions[column.name], spelled[column.name] = position, str(title)
    if "name" not in positions:
        raise DomainError("企业名录缺少名称列（name 或 名称）。", line=1, field="name")
    return positions, spelled


def _build(header: Sequence[Any], body: Sequence[Sequence[Any]], *, rows: list[int] | None = None) -> Register:
    """A register from rows (the csv module's, a workbook's, Firm objects')."""
    positions, spelled = _positions(header)
    lines = rows or list(range(2, len(body) + 2))  # the header is row 1
    at = positions["name"]
    # Blank rows are skipped; only a row without a name can be one, so only those are looked at closely.
    blank = {i for i, row in enumerate(body)
             if (len(row) <= at or not str(row[at]).strip()) and not any(str(c or "").strip() for c in row)}
    if blank:
        body = [row for i, row in enumerate(body) if i not in blank]
        lines = [line for i, line in enumerate(lines) if i not in blank]
    width = max(len(header), *map(len, body)) if body else len(header)
    table = [row if len(row) == width else [*row, *[""] * (width - len(row))] for row in body]
    # Column by column from here: one transposition, then each column parsed as a whole.
    columns = [list(c) for c in zip(*table, strict=True)] if table else [[] for _ in range(width)]
    return _assemble(positions, spelled, columns, lines)


def _assemble(positions: dict[str, int], spelled: dict[str, str], columns: Sequence[list[str]],
              lines: list[int]) -> Register:
    """Parse each known column as a whole; `lines` are the file's row numbers, for errors."""
    register = Register(names=[], rows=lines)
    empty = [""] * len(lines)
    for column in COLUMNS:
        values = columns[positions[column.name]] if column.name in positions else empty
        _parse_column(register, column, values, spelled.get(column.name, column.name))
    return register


def _parse_column(register: Register, column: Column, values: list[str], where: str) -> None:
    lines = register.rows

    def fail(index: int, message: str) -> DomainError:
        return DomainError(f"第{lines[index]}行“{where}”列：{message}", line=lines[index], field=where)

    if column.kind == "text":
        names = [value.strip() for value in values]
        if "" in names:
            raise fail(names.index(""), "名称不能为空。")
        register.names = names
    elif column.kind == "kind":
        register.columns["firm"] = _mapped(values, lambda v: KINDS[v.strip().lower()] == "firm", fail,
                                           "应为 firm（企业）或 other（其他）", bool)
    elif column.kind == "scale":
        register.columns["scale"] = _mapped(values, lambda v: SCALES[v.strip().lower() if v.isascii() else v.strip()],
                                            fail, "应为 above（规上/限上）或 below（规下/限下），或留空", np.int8)
    elif column.kind == "bool":
        register.columns[column.name] = _mapped(values, _flag, fail, "应为 是/否（true/false）", bool)
    elif column.kind == "money":
        register.columns[column.name] = _numbers(values, fail, money=True)
    elif column.kind == "count":
        register.columns[column.name] = _numbers(values, fail, money=False)
    else:  # codes
        known = {value: _codes(value, fail, index) for value, index in _first_of_each(values).items()}
        register.recognitions = [known[value] for value in values]


def _first_of_each(values: list[str]) -> dict[str, int]:
    """Each distinct value with the index of its first row (registers repeat few values: check each once)."""
    first: dict[str, int] = {}
    for index, value in enumerate(values):
        first.setdefault(value, index)
    return first


def _mapped(values: list[str], convert: Any, fail: Any, expected: str, dtype: Any) -> np.ndarray:
    """A column of few distinct words → an array, each word converted once; the first bad one named."""
    known = {}
    for value in set(values):
        try:
            known[value] = convert(value)
        except KeyError:
            index = values.index(value)
            raise fail(index, f"{expected}，而不是“{value}”。") from None
    return np.array([known[value] for value in values], dtype=dtype)


def _flag(value: str) -> bool:
    word = value.strip().lower()
    if word in TRUE:
        return True
    if word in FALSE:
        return False
    raise KeyError(value)


# Bytes a number's text may hold on the fast path: digits, the dot, and the newline joining cells.
ALLOWED = np.zeros(256, dtype=bool)
ALLOWED[[*range(ord("0"), ord("9") + 1), ord("."), ord("\n")]] = True


def _numbers(values: list[str], fail: Any, *, money: bool) -> np.ndarray:
    """A money column in fen or a count column, as int64.

    Fast path, for a whole column at once: the cells are joined and read byte-wise with numpy — only
    digits, at most one dot per cell with at most two decimals after it, at most 12 digits before it (6 for
    a count) — and each digit adds digit × 10^place to its cell (an exact float sum: every value stays below
    2^53). Anything the fast path doubts (a space, a sign, a comma, a lone dot …) goes to the exact per-cell
    reader, which names the first bad row or reads the column after all.
    """
    if not values:
        return np.zeros(0, dtype=np.int64)
    try:
        data = np.frombuffer("\n".join(values).encode("ascii"), dtype=np.uint8)
    except UnicodeEncodeError:
        return _numbers_slowly(values, fail, money=money)
    breaks = np.flatnonzero(data == 10)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(data)]))
    dots = np.flatnonzero(data == 46)
    cells = np.searchsorted(breaks, dots)  # the cell of each dot
    boundary = ends.copy()  # where each cell's whole part ends
    boundary[cells] = dots
    doubtful = (not ALLOWED[data].all() or (boundary - starts > (12 if money else 6)).any()
                or (dots.size and (not money or np.bincount(cells).max() > 1 or (ends[cells] - dots > 3).any()
                                   or (ends[cells] - starts[cells] == 1).any())))
    if doubtful:
        return _numbers_slowly(values, fail, money=money)
    at = np.flatnonzero(data != 10)
    at = at[data[at] != 46]  # the digits
    owner = np.searchsorted(breaks, at)
    place = np.where(at < boundary[owner], boundary[owner] - at - 1, boundary[owner] - at)
    if money:
        place = place + 2  # fen: the first decimal is 10^1, the second 10^0
    weights = (data[at] - 48) * np.power(10.0, place)
    return np.rint(np.bincount(owner, weights=weights, minlength=len(values))).astype(np.int64)


def _numbers_slowly(values: list[str], fail: Any, *, money: bool) -> np.ndarray:
    if money:
        return np.array([_fen(value.strip(), fail, index) for index, value in enumerate(values)], dtype=np.int64)
    counts = []
    for index, value in enumerate(values):
        word = value.strip()
        if word and not COUNT_RE.match(word):
            raise fail(index, f"应为不为负的整数（件、个），而不是“{value}”。")
        counts.append(int(word) if word else 0)
    return np.array(counts, dtype=np.int64)


def _fen(value: str, fail: Any, index: int) -> int:
    """Yuan as text → fen; blank is 0. Exact: no float on the way."""
    if not value:
        return 0
    if not MONEY_RE.match(value):
        if value.startswith("-"):
            raise fail(index, f"金额不能为负数：“{value}”。")
        raise fail(index, f"应为金额（元，最多两位小数，不带千位分隔符，少于一万亿），而不是“{value}”。")
    whole, _, cents = value.partition(".")
    return int(whole) * 100 + int(cents.ljust(2, "0") or 0)


def _codes(value: str, fail: Any, index: int) -> tuple[str, ...]:
    if not value.strip():
        return ()
    found: list[str] = []
    for part in re.split(r"[;；]", value):
        word = part.strip()
        if not word:
            continue
        code = NAMES_TO_CODES.get(word)
        if code is None:
            raise fail(index, f"未知的认定类型“{word}”（代码见 zhengwu subsidy items）。")
        if code not in found:
            found.append(code)
    return tuple(found)


def _cell(firm: Firm, column: Column) -> str:
    value = getattr(firm, column.name)
    if column.kind == "codes":
        return ";".join(value)
    if column.kind == "bool":
        return "true" if value else "false"
    if column.kind == "money":
        return f"{Decimal(value):f}"
    return "" if value is None else str(value)


def firm_claims(firm: Firm, *, on: str | None = None) -> dict[str, Any]:
    """The facts a firm of the register appears to qualify on (免申即享): one claim per recognition and per
    sum or count the register holds; `quote()` of these facts is the firm's explanation.

    Claims that would pay nothing are still listed when the register holds their facts (an R&D spend below
    the intensity threshold), so the explanation says why; items the register cannot know (五, 十, 十四 …)
    need an application.
    """
    claims: list[dict[str, Any]] = [{"item": RECOGNITIONS[code].item, "recognition": code, "first": True}
                                    for code in firm.recognitions]
    if firm.scale is not None and firm.rd_spend > 0:
        claims.append({"item": "六", "scale": firm.scale, "rd_spend": f"{firm.rd_spend:f}",
                       "revenue": f"{firm.revenue:f}", "has_rd_institution": firm.has_rd_institution,
                       "gets_rd_reserve": firm.gets_rd_reserve})
    patents = ([{"invention": f"欧美日授权发明-{k}", "granted_in": "EU"} for k in range(1, firm.patents_eu_us_jp + 1)]
               + [{"invention": f"其他境外授权发明-{k}", "granted_in": "OTHER"}
                  for k in range(1, firm.patents_other_foreign + 1)]
               + [{"invention": f"国内授权发明-{k}", "granted_in": "CN"} for k in range(1, firm.patents_cn + 1)])
    if patents:
        claims.append({"item": "十三", "patents": patents})
    if firm.sales > 0:
        claims.append({"item": "十七", "rule": "sales_tiers", "sales": f"{firm.sales:f}"})
    if firm.high_tech_products > 0:
        claims.append({"item": "十七", "rule": "high_tech_products", "count": firm.high_tech_products})
    if firm.tech_contracts_total > 0:
        claims.append({"item": "十七", "rule": "technology_contracts",
                       "registered_total": f"{firm.tech_contracts_total:f}"})
    if firm.incubated_high_tech > 0:
        claims.append({"item": "十九", "rule": "incubated_high_tech", "count": firm.incubated_high_tech})
    facts: dict[str, Any] = {"applicant": {"name": firm.name, "kind": firm.kind}, "claims": claims}
    if on is not None:
        facts["on"] = on
    return facts
