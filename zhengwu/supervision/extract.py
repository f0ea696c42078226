"""Reading work out of a document's text (no database): measures with unit brackets, and the report deadline.

A measure (措施) is a numbered paragraph ending in a bracket that names its units:
“…。（责任单位：区委组织部、区委宣传部；配合单位：区级有关部门；各街镇）”. The text came out of a PDF, so
both bracket widths, both colon widths and the separators 、，,；; are accepted; the part after 配合单位 may
itself contain ；(16号 measure 1 writes “区级有关部门；各街镇”).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from zhengwu.core.chinese import parse_chinese_date

BRACKET_RE = re.compile(r"[（(]\s*(?:责任单位|牵头单位)\s*[：:]\s*(?P<lead>[^（）()]*?)"
                        r"(?:\s*[；;，,]\s*配合单位\s*[：:]\s*(?P<coop>[^（）()]*?))?\s*[）)]\s*[。.]?\s*$")
SPLIT_RE = re.compile(r"[、，,；;\s]+")
DEADLINE_RE = re.compile(r"于\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*前")


@dataclass(frozen=True)
class Measure:
    """A measure read from a paragraph: its number, title, text without the bracket, and its units."""

    ref: str
    title: str
    text: str
    lead: tuple[str, ...]
    cooperating: tuple[str, ...]


def split_units(text: str) -> tuple[str, ...]:
    """“区委政法委、区公安局，各街镇” → the names in order, each once."""
    return tuple(dict.fromkeys(name for name in SPLIT_RE.split(text or "") if name))


def read_measure(number: str, title: str, text: str) -> Measure | None:
    """The measure of a numbered paragraph (`number` “1.”), or None when its text names no units."""
    found = BRACKET_RE.search(text or "")
    if not found:
        return None
    ref = number.strip().rstrip(".．、").strip("（）()") or number
    return Measure(ref=ref, title=title.strip().rstrip("。"), text=text[: found.start()].strip(),
                   lead=split_units(found.group("lead")), cooperating=split_units(found.group("coop") or ""))


def find_deadline(text: str):
    """(date, the words) of “请于2021年7月20日前…” in `text`, or None. A date that does not exist is a
    ValueError from parse_chinese_date naming it."""
    found = DEADLINE_RE.search(text or "")
    if not found:
        return None
    return parse_chinese_date(found.group("date")), found.group(0)
