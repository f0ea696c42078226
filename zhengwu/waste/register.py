"""The community register (小区台账) from Excel or CSV: the June baseline survey (摸底调研, 四（一）).

Canonical headers, as the office writes them (English aliases accepted, any order, spaces ignored):

    街镇 (unit, street)   小区 (community, name)   管理类型 (management: 物业/非物业/单梯)
    楼型 (building: 高层/小高层/洋房/新建)   户数 (households)   楼层桶数 (floor_bins)
    保洁人数 (cleaners)   物业公司 (property_company)   撤桶日期 (removed_on; empty when not yet done)
    optional: 业委会 (committee), 交付日期 (handover_on)

**Decision**: a new build (新建) never had floor bins; it counts as done from its handover date, taken from
交付日期 or, when the file has none, from 撤桶日期. A new build with floor bins is refused as contradictory.

All or nothing: every bad row is reported (row = the file's line, header = row 1; column as spelled) and
nothing is written unless the whole file is good. A community already in the register (same unit and
name) is updated: importing the survey again after corrections is the normal way to fix it.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from zhengwu.core.errors import DomainError

from .models import Community
from .units import resolve_unit, unit_name
from .vocab import BuildingType, Management

COLUMNS: dict[str, tuple[str, ...]] = {
    "unit": ("街镇", "街道", "街道（镇）", "unit", "street", "town"),
    "name": ("小区", "小区名称", "community", "name"),
    "management": ("管理类型", "management"),
    "building": ("楼型", "building", "building_type"),
    "households": ("户数", "households"),
    "floor_bins": ("楼层桶数", "floor_bins", "bins"),
    "cleaners": ("保洁人数", "cleaners"),
    "property_company": ("物业公司", "property_company"),
    "removed_on": ("撤桶日期", "removed_on", "removal_date"),
    "committee": ("业委会", "自管会", "业委会（自管会）", "committee"),
    "handover_on": ("交付日期", "handover_on", "handover_date"),
}
REQUIRED = ("unit", "name", "management", "building", "households", "floor_bins", "cleaners", "property_company",
            "removed_on")
CANONICAL = "街镇,小区,管理类型,楼型,户数,楼层桶数,保洁人数,物业公司,撤桶日期"
BUILDINGS = {"高层": BuildingType.HIGH_RISE, "小高层": BuildingType.MID_RISE, "洋房": BuildingType.VILLA,
             "新建": BuildingType.NEW_BUILD, "新建楼盘": BuildingType.NEW_BUILD} | {b.value: b for b in BuildingType}
MANAGEMENTS = {"物业": Management.MANAGED, "非物业": Management.UNMANAGED, "无物业": Management.UNMANAGED,
               "单梯": Management.SINGLE_STAIR} | {m.value: m for m in Management}
DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        return f"第{self.row}行“{self.column}”列：{self.message}"


class ImportRefused(DomainError):
    """The file was refused; `problems` lists every bad row. Nothing was written."""

    code = "import_refused"

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        more = f"（另有{len(problems) - 1}处问题）" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}，未导入任何小区。", line=first.row, field=first.column)
        self.problems = problems

    def as_dict(self) -> dict:
        return super().as_dict() | {"problems": [p.as_dict() for p in self.problems]}


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    units: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"created": self.created, "updated": self.updated, "units": self.units}


def read_table(path: str | Path | None = None, *, data: bytes | None = None, name: str = "") -> list[list[str]]:
    """The file's rows as text cells (header first). XLSX by its magic bytes, anything else as CSV text."""
    if data is None:
        try:
            data = Path(path).read_bytes()  # type: ignore[arg-type]
        except OSError as exc:
            raise DomainError(f"无法读取文件：{exc.strerror or exc}", field="FILE") from None
    if data[:4] == b"PK\x03\x04":
        return _xlsx_rows(data)
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves CSV as GBK
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DomainError("文件既不是 Excel（.xlsx），也不是 UTF-8 或 GBK 编码的 CSV。", field="FILE")
    if "\x00" in text:
        raise DomainError("文件不是文本 CSV（含空字节）。", field="FILE")
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook
        raise DomainError(f"Excel 文件无法打开：{exc}", field="FILE") from None
    sheet = book.worksheets[0]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_day(text: str) -> dt.date:
    """2021-08-01, 2021/8/1, 2021.8.1 or 2021年8月1日; ValueError naming what is wrong."""
    match = DATE_RE.match("".join(text.split()))
    if not match:
        raise ValueError(f"“{text}”不是日期（应写作 2021-08-01）")
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValueError(f"“{text}”这一天不存在") from None


def read_communities(rows: list[list[str]], *, allowed: frozenset[str] | None = None) -> list[dict]:
    """Check every row; the rows as field dicts (with `row`), or ImportRefused listing every problem."""
    # Blank rows are skipped but keep their numbers: a problem names the row the spreadsheet shows.
    numbered = [(number, r) for number, r in enumerate(rows, start=1) if any(cell.strip() for cell in r)]
    if not numbered:
        raise DomainError(f"文件是空的；第一行应为表头：{CANONICAL}。", field="FILE", code="empty")
    header_row, header = numbered[0]
    positions: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for index, cell in enumerate(header):
        key = "".join(cell.split()).lower()
        for name, aliases in COLUMNS.items():
            if key in (a.lower() for a in aliases) and name not in positions:
                positions[name], spelled[name] = index, cell.strip()
    missing = [COLUMNS[name][0] for name in REQUIRED if name not in positions]
    if missing:
        raise ImportRefused([Problem(header_row, m, f"缺少“{m}”列（表头应为：{CANONICAL}）") for m in missing])
    problems: list[Problem] = []
    found: list[dict] = []
    seen: dict[tuple[str, str], int] = {}
    for number, raw in numbered[1:]:
        values = {name: (raw[i].strip() if i < len(raw) else "") for name, i in positions.items()}
        row, bad = _row(values, number, spelled)
        problems.extend(bad)
        if row is not None and allowed is not None and row["unit"] not in allowed:
            problems.append(Problem(number, spelled["unit"], f"您只能导入{'、'.join(sorted(allowed))}的小区"))
            continue
        if row is None:
            continue
        key = (row["unit"], row["name"])
        if key in seen:
            problems.append(Problem(number, spelled["name"], f"“{row['name']}”与第{seen[key]}行重复（同一街镇的小区只能登记一次）"))
            continue
        seen[key] = number
        found.append(row)
    if problems:
        raise ImportRefused(problems)
    if not found:
        raise DomainError("文件只有表头，没有小区。", field="FILE", code="empty")
    return found


def _row(values: dict[str, str], number: int, spelled: dict[str, str]) -> tuple[dict | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(name: str, message: str) -> None:
        problems.append(Problem(number, spelled[name], message))

    row: dict[str, Any] = {"row": number, "committee": values.get("committee", ""),
                           "property_company": values["property_company"]}
    row["unit"] = unit_name(values["unit"]) if values["unit"] else None
    if not values["unit"]:
        bad("unit", "请填写街镇")
    elif row["unit"] is None:
        bad("unit", f"“{values['unit']}”不是撤桶并点的实施街镇")
    row["name"] = "".join(values["name"].split())
    if not row["name"]:
        bad("name", "请填写小区名称")
    elif len(row["name"]) > 100:
        bad("name", "小区名称超过100个字")
    row["management"] = MANAGEMENTS.get(values["management"])
    if row["management"] is None:
        bad("management", f"“{values['management']}”不是管理类型（物业、非物业、单梯）")
    row["building"] = BUILDINGS.get(values["building"])
    if row["building"] is None:
        bad("building", f"“{values['building']}”不是楼型（高层、小高层、洋房、新建）")
    for name, least in (("households", 1), ("floor_bins", 0), ("cleaners", 0)):
        text = values[name]
        if name != "households" and text == "":
            row[name] = 0
        elif not re.fullmatch(r"\d{1,7}", text) or int(text) < least:
            bad(name, f"“{text}”不是{'正整数' if least else '非负整数'}")
        else:
            row[name] = int(text)
    for name in ("removed_on", "handover_on"):
        row[name] = None
        if values.get(name):
            try:
                row[name] = parse_day(values[name])
            except ValueError as exc:
                bad(name, str(exc))
    if row["building"] == BuildingType.NEW_BUILD:
        if "handover_on" not in spelled or not values.get("handover_on"):
            row["handover_on"] = row["removed_on"]  # Decision: 撤桶日期 of a new build is its handover
        row["removed_on"] = None
        if row.get("floor_bins"):
            bad("floor_bins", "新建楼盘不设楼层桶（新建楼盘小区不设桶），楼层桶数应为0")
    return (None if problems else row), problems


def import_communities(path: str | Path | None = None, *, data: bytes | None = None, samples: bool = False,
                       allowed: frozenset[str] | None = None) -> ImportOutcome:
    """Read the file and write every community in one transaction (created or updated); `allowed` limits
    the units a street's staff may import (scope.editable_units)."""
    communities = read_communities(read_table(path, data=data), allowed=allowed)
    outcome = ImportOutcome()
    with transaction.atomic():
        units = {name: resolve_unit(name) for name in {c["unit"] for c in communities}}
        for row in communities:
            unit = units[row["unit"]]
            fields = {k: row[k] for k in ("management", "building", "households", "floor_bins", "cleaners",
                                          "property_company", "committee", "removed_on", "handover_on")}
            _, created = Community.objects.update_or_create(unit=unit, name=row["name"],
                                                            defaults=fields | {"is_sample": samples})
            outcome.created += created
            outcome.updated += not created
            outcome.units[unit.name] = outcome.units.get(unit.name, 0) + 1
    return outcome
