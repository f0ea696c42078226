"""What the parser produces: plain dataclasses, turned into the `parse --json` shape by `as_json`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass
class Line:
    """One non-blank source line after character repairs; `gap` counts the blank lines before it."""

    no: int
    text: str
    gap: int
    raw: str


@dataclass
class Repair:
    """A PDF artefact the parser mended (修复): its kind and source line."""

    kind: str
    line: int
    before: str = ""
    after: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "line": self.line, "before": self.before, "after": self.after}


@dataclass
class Problem:
    """Something wrong with the input (问题). Errors stop an import; warnings are shown to editors."""

    code: str
    line: int
    message: str
    severity: str = "warning"

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "line": self.line, "message": self.message, "severity": self.severity}


@dataclass
class Node:
    """A piece of body text (正文结构): heading (一、(一)1.(1)), article (第N条) or paragraph."""

    kind: str  # heading | article | paragraph
    level: int  # 0 for a plain paragraph at top; 1.. for numbered parts
    number: str  # as printed, e.g. "（一）", "第五条", "" for paragraphs
    title: str
    text: str
    line: int
    anchor: str = ""
    children: list[Node] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "level": self.level, "number": self.number, "title": self.title,
            "text": self.text, "anchor": self.anchor, "line": self.line,
            "children": [c.as_json() for c in self.children],
        }

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Attachment:
    """An attachment (附件); `omitted` when the gazette prints it as （略）."""

    number: int | None
    title: str
    omitted: bool
    line: int
    listed: bool = True  # named in the attachment note (附件说明)
    paragraphs: list[str] = field(default_factory=list)
    body_line: int | None = None  # where its own text starts (附件 N)
    body_title: str | None = None  # the title printed above that text
    source_lines: list[Line] = field(default_factory=list, repr=False)

    def as_json(self) -> dict[str, Any]:
        return {"number": self.number, "title": self.title, "omitted": self.omitted, "line": self.line,
                "listed": self.listed, "body_line": self.body_line, "body_title": self.body_title,
                "paragraphs": self.paragraphs}


@dataclass
class Citation:
    """A cited document (引用): 《title》 and, when printed, its number."""

    title: str
    number: str | None
    number_as_printed: str | None
    line: int

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "number": self.number, "number_as_printed": self.number_as_printed,
                "line": self.line}


@dataclass
class Part:
    """A text with its own title and structure: the notice itself, or a 方案/办法/政策 it transmits (印发)."""

    kind: str  # main | transmitted
    title: str
    doc_type: str
    anchor: str
    line: int
    body: list[Node] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "title": self.title, "type": self.doc_type, "anchor": self.anchor,
                "line": self.line, "body": [n.as_json() for n in self.body]}


@dataclass
class Document:
    """An official document (公文) with the elements of GB/T 9704-2012."""

    number: str | None
    number_as_printed: str | None
    header: str | None  # 发文机关标志, e.g. 重庆市綦江区人民政府文件
    issuers: list[str]
    title: str
    doc_type: str
    addressees: list[str]
    signers: list[str]
    signed_on: dt.date | None
    public: bool
    public_note: str | None
    cc: list[str]
    printed_by: str | None
    printed_on: dt.date | None
    line: int
    end_line: int
    parts: list[Part] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    section: str | None = None
    page: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number, "number_as_printed": self.number_as_printed, "header": self.header,
            "issuers": self.issuers, "title": self.title, "type": self.doc_type,
            "addressees": self.addressees, "signers": self.signers, "signed_on": _iso(self.signed_on),
            "attachments": [a.as_json() for a in self.attachments], "cc": self.cc,
            "printed_by": self.printed_by, "printed_on": _iso(self.printed_on), "public": self.public,
            "public_note": self.public_note, "section": self.section, "page": self.page,
            "line": self.line, "end_line": self.end_line,
            "parts": [p.as_json() for p in self.parts],
            "citations": [c.as_json() for c in self.citations],
        }


@dataclass
class NewsBrief:
    """A news brief (政务要闻), printed as △title then its body."""

    title: str
    paragraphs: list[str]
    line: int
    page: int | None = None
    section: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "paragraphs": self.paragraphs, "line": self.line, "page": self.page,
                "section": self.section}


@dataclass
class Editorial:
    """The editorial (卷首语): a reprint with its source, e.g. 《人民日报》2021-06-01 第04版."""

    title: str
    source: str | None
    source_date: dt.date | None
    source_page: str | None
    paragraphs: list[str]
    line: int
    page: int | None = None
    section: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "source": self.source, "source_date": _iso(self.source_date),
                "source_page": self.source_page, "paragraphs": self.paragraphs, "line": self.line,
                "page": self.page, "section": self.section}


@dataclass
class TocEntry:
    """A table-of-contents line (目录): title, first page, section."""

    title: str
    page: int
    section: str | None
    line: int

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "page": self.page, "section": self.section, "line": self.line}


@dataclass
class BoardMember:
    """One name on the editorial board (编辑委员会) with its role (顾问, 主任, …)."""

    role: str
    name: str


@dataclass
class Issue:
    """A gazette issue (公报期): 2021年第6期（总第112期）."""

    gazette: str
    year: int
    number: int
    cumulative_number: int | None
    published_on: dt.date | None
    line: int
    toc: list[TocEntry] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    masthead: dict[str, str] = field(default_factory=dict)
    board: list[BoardMember] = field(default_factory=list)
    slogans: list[str] = field(default_factory=list)
    editorial: Editorial | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "gazette": self.gazette, "year": self.year, "number": self.number,
            "cumulative_number": self.cumulative_number, "published_on": _iso(self.published_on),
            "line": self.line, "toc": [t.as_json() for t in self.toc], "sections": self.sections,
            "masthead": self.masthead, "editorial_board": [{"role": m.role, "name": m.name} for m in self.board],
            "slogans": self.slogans, "editorial": self.editorial.as_json() if self.editorial else None,
        }


@dataclass
class ParseResult:
    """Everything read from one file."""

    issue: Issue | None
    documents: list[Document]
    news: list[NewsBrief]
    repairs: list[Repair]
    problems: list[Problem]
    encoding: str = "utf-8"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def as_json(self) -> dict[str, Any]:
        return {
            "issue": self.issue.as_json() if self.issue else None,
            "documents": [d.as_json() for d in self.documents],
            "news": [n.as_json() for n in self.news],
            "repairs": [r.as_json() for r in self.repairs],
            "problems": [p.as_json() for p in self.problems],
            "encoding": self.encoding,
        }
