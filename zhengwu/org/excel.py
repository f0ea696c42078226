"""Excel (xlsx) for the personnel office: the posts and their holders on a day, out and back in.

Columns: 单位, 职务, 姓名, 任职日期, 试用期满. `export_holders(on)` writes one row per holder of each post on
`on` (a vacant post gives a row without a name, for the office to fill in); posts held through another
(主要负责人 ← 局长) are left out, because one appoints the 局长.

`import_holders(file, by=, on=)` reads the same columns back. It is all or nothing: every row is checked
and every problem reported (row, column, why); nothing is written unless every row is good. A row whose
person already holds that post on that day is left as it is (so an exported file imports as “no change”);
every other row is one `appointments.appoint` (a single-holder post passes to the new holder the day
before, as everywhere). 试用期满 must fall a whole number of months after 任职日期 (core.dates.period_end).
Unknown people are refused: register them first (`zhengwu org add-person`), so no one is created by a typo.
"""
import datetime as dt
import io
from dataclasses import dataclass, field

from django.db import transaction

from zhengwu.core.dates import parse_date, period_end
from zhengwu.core.errors import DomainError

from . import appointments, permissions
from .holders import holdings
from .models import Post
from .names import normalize_name
from .resolve import find_organization, find_person

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ("单位", "职务", "姓名", "任职日期", "试用期满")
FIELD_COLUMNS = {"person": "姓名", "post": "职务", "on": "任职日期", "probation_months": "试用期满", "unit": "单位"}
MAX_ROWS = 5000


def export_holders(on: dt.date) -> bytes:
    """The xlsx of every post's holders on `on` (sheet 任职名单), ordered by unit then post."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "任职名单"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    posts = (Post.objects.filter(filled_by__isnull=True).select_related("organization")
             .order_by("organization_id", "pk"))
    for post in posts:
        if not post.organization.exists_on(on):
            continue
        lines = holdings(post, on)
        for line in lines or [None]:
            sheet.append([post.organization.label, post.title, line.person.name if line else None,
                          line.start_date if line else None, line.probation_end if line else None])
    for column, width in zip("ABCDE", (30, 20, 10, 12, 12), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class RowProblem:
    row: int  # the row number Excel shows (the header is row 1)
    column: str  # a header of HEADERS, or "" for the whole row
    why: str

    def __str__(self) -> str:
        where = f"第{self.row}行" + (f"“{self.column}”" if self.column else "")
        return f"{where}：{self.why}"

    def as_json(self) -> dict:
        return {"row": self.row, "column": self.column, "why": self.why}


@dataclass
class ImportReport:
    rows: int = 0
    appointed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if not self.ok:
            return f"共 {self.rows} 行，{len(self.problems)} 处问题，未导入任何一行。"
        return f"共 {self.rows} 行：任命 {len(self.appointed)} 项，已在任未改动 {len(self.unchanged)} 项。"

    def as_json(self) -> dict:
        return {"ok": self.ok, "rows": self.rows, "appointed": self.appointed, "unchanged": self.unchanged,
                "problems": [p.as_json() for p in self.problems]}


@dataclass
class _Row:
    number: int
    post: Post
    person: object
    start: dt.date
    months: int | None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_name(str(value))


def _date(value, column: str, field_name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(str(value), field=field_name)
    except DomainError as exc:
        raise DomainError(exc.message, field=column) from None


def _months(start: dt.date, end: dt.date) -> int:
    for months in range(1, 121):
        if period_end(start, months) == end:
            return months
    raise DomainError(f"试用期满 {end.isoformat()} 不是任职日期 {start.isoformat()} 起整月数的试用期"
                      f"（如1年应为 {period_end(start, 12).isoformat()}）。", field="试用期满")


def _read(file) -> list[tuple[int, tuple]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not xlsx
        raise DomainError("文件不是 Excel（xlsx）文件，请用“导出”得到的表格填写后上传。", field="file",
                          code="not_xlsx") from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = tuple(_text(v) for v in next(rows, ()) or ())[:len(HEADERS)]
    if header != HEADERS:
        raise DomainError(f"第1行应为表头 {'、'.join(HEADERS)}，而不是 {'、'.join(h for h in header if h) or '空行'}。",
                          field="file", code="bad_header")
    found = []
    for number, values in enumerate(rows, start=2):
        values = tuple(values or ())[:len(HEADERS)]
        values += (None,) * (len(HEADERS) - len(values))
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        found.append((number, values))
        if len(found) > MAX_ROWS:
            raise DomainError(f"一次最多导入 {MAX_ROWS} 行。", field="file", code="too_many_rows")
    return found


def _check(number: int, values: tuple, on: dt.date, user) -> _Row:
    """One row → what to appoint; raises DomainError whose field is the column."""
    unit_name, title, name = (_text(v) for v in values[:3])
    if not unit_name:
        raise DomainError("请填写单位。", field="单位")
    if not title:
        raise DomainError("请填写职务。", field="职务")
    if not name:
        raise DomainError("请填写姓名（空缺的职务请删除这一行）。", field="姓名")
    try:
        org = find_organization(unit_name, field="单位")
    except DomainError as exc:
        raise DomainError(exc.message, field="单位") from None
    post = Post.objects.filter(organization=org, title=title).select_related("organization").first()
    if post is None:
        titles = "、".join(org.posts.values_list("title", flat=True)) or "（尚无职务）"
        raise DomainError(f"{org.label}没有“{title}”这个职务；已有：{titles}。", field="职务")
    try:
        permissions.check_can_edit(user, post, field="职务")
        person = find_person(name, field="姓名")
    except DomainError as exc:
        raise DomainError(exc.message + ("请先登记该人员（zhengwu org add-person）。" if exc.code == "unknown_person"
                                         else ""), field=exc.field) from None
    start = _date(values[3], "任职日期", "任职日期") or on
    end = _date(values[4], "试用期满", "试用期满")
    months = _months(start, end) if end else None
    return _Row(number, post, person, start, months)


def import_holders(file, *, by: str, on: dt.date | None = None, user=None) -> ImportReport:
    """Read an xlsx in the export's columns and appoint each row, all or nothing (see the module doc).

    `on`: the 任职日期 of rows that leave it empty (default today). `user`: when given, rows for posts
    outside the user's units are refused (`permissions`). A file that is not xlsx or has the wrong header
    is a DomainError (field "file"); problems in rows are in the report, and then nothing is written.
    """
    from django.utils import timezone

    on = on or timezone.localdate()
    report = ImportReport()
    rows = _read(file)
    report.rows = len(rows)
    checked: list[_Row] = []
    for number, values in rows:
        try:
            checked.append(_check(number, values, on, user))
        except DomainError as exc:
            report.problems.append(RowProblem(number, exc.field if exc.field in HEADERS else "", exc.message))
    if report.problems:
        return report
    with transaction.atomic():
        for row in checked:
            label = f"{row.person.name} {row.post.label}（{row.start.isoformat()}起）"
            if any(line.person.pk == row.person.pk for line in holdings(row.post, row.start)):
                report.unchanged.append(label)
                continue
            try:
                appointments.appoint(row.person, row.post, row.start, probation_months=row.months, by=by,
                                     reason=f"Excel 导入第{row.number}行")
            except DomainError as exc:
                report.problems.append(RowProblem(row.number, FIELD_COLUMNS.get(exc.field or "", ""), exc.message))
            else:
                report.appointed.append(label)
        if report.problems:
            report.appointed.clear()
            report.unchanged.clear()
            transaction.set_rollback(True)
    return report
