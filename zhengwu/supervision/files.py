"""Evidence files of task reports (佐证材料): accepted by their bytes, never by their name.

PDF, JPEG/PNG images and Word/Excel documents (kinds sniffed by zhengwu.reports.evidence), at most
MAX_BYTES each and MAX_FILES per report; a name whose extension disagrees with the bytes is refused.
Stored in the default storage (MEDIA_ROOT, never served directly) under supervision/<random name>; pages
hand them out through a view that checks who asks.
"""
from __future__ import annotations

import os
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from zhengwu.core.errors import DomainError
from zhengwu.reports.evidence import KINDS, sniff

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
ALLOWED = ("pdf", "jpeg", "png", "docx", "xlsx", "ole")
ACCEPT = ",".join(sorted({ext for kind in ALLOWED for ext in KINDS[kind].extensions}))
HINT = f"PDF、JPEG/PNG 图片、Word/Excel 文档，每个不超过 {MAX_BYTES // 2**20} MB，每次最多 {MAX_FILES} 个。"


def check(name: str, data: bytes, *, field: str = "files") -> tuple[str, str]:
    """(shown name, content type) of an acceptable file, or a DomainError naming the file and the problem."""
    shown = os.path.basename(name or "").strip()[:150] or "未命名文件"
    if not data:
        raise DomainError(f"文件“{shown}”是空的。", field=field, code="empty_file")
    if len(data) > MAX_BYTES:
        raise DomainError(f"文件“{shown}”超过每个文件 {MAX_BYTES // 2**20} MB 的上限。", field=field,
                          code="file_too_large")
    kind = sniff(data)
    if kind not in ALLOWED:
        raise DomainError(f"文件“{shown}”不是可接收的类型（按文件内容判断）：只接收 PDF、JPEG/PNG 图片和 Word/Excel 文档。",
                          field=field, code="file_type")
    ext = os.path.splitext(shown)[1].lower()
    if ext and ext not in KINDS[kind].extensions:
        raise DomainError(f"文件“{shown}”的扩展名是 {ext}，但内容是{KINDS[kind].label}。", field=field,
                          code="file_mismatch")
    return shown, KINDS[kind].content_type


def save(data: bytes, written: list[str]) -> str:
    """Write `data` under a random name; the name goes into `written` at once so a failed transaction's
    caller can delete it (`discard`)."""
    stored = default_storage.save(f"supervision/{secrets.token_hex(16)}", ContentFile(data))
    written.append(stored)
    return stored


def discard(written: list[str]) -> None:
    for name in written:
        default_storage.delete(name)


def read(stored_name: str) -> bytes:
    with default_storage.open(stored_name, "rb") as handle:
        return handle.read()
