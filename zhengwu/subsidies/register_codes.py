"""The credit codes of a firm register (统一社会信用代码), read beside the engine's register reader.

The rules engine reads what a forecast needs (scale, revenue, R&D spend …) and leaves other columns alone;
the web side needs the code to know a register's firm as the same unit as an applicant (invitations,
duplicates). The column is optional: a register without it can be matched and forecast, not invited
from. A code that is there must be valid; a bad one is a DomainError naming the row and column.

Rows are counted as the engine counts them: data rows with at least one non-blank cell, in order.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from zhengwu.core.errors import DomainError

from .applicants import clean_credit_code

HEADERS = {"credit_code", "统一社会信用代码", "信用代码", "社会信用代码"}


def _rows(filename: str, data: bytes) -> list[list[str]]:
    if Path(filename).suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # the engine's reader has already said what is wrong with the file
            return []
        try:
            return [["" if v is None else str(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return list(csv.reader(io.StringIO(data.decode(encoding))))
        except UnicodeDecodeError:
            continue
    return []


def credit_codes(filename: str, data: bytes, *, expected: int) -> list[str]:
    """One code per data row ("" where the register has none); `expected` rows, as the engine read them."""
    rows = _rows(filename, data)
    if not rows:
        return [""] * expected
    header = [re.sub(r"\s+", "", str(cell or "")).lower() for cell in rows[0]]
    position = next((i for i, title in enumerate(header) if title in HEADERS), None)
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(str(c or "").strip() for c in row)]
    if position is None:
        return [""] * expected
    spelled = str(rows[0][position]).strip()
    found = []
    for number, row in body:
        value = str(row[position] if position < len(row) else "").strip()
        if value:
            try:
                value = clean_credit_code(value)
            except DomainError as exc:
                raise DomainError(f"第{number}行“{spelled}”列：{exc.message}", line=number, field=spelled,
                                  code=exc.code) from None
        found.append(value)
    return (found + [""] * expected)[:expected]
