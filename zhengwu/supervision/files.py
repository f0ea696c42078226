"""Evidence files of task reports (佐证材料): accepted by their bytes, never by their name.

PDF, JPEG/PNG images and Word/Excel documents (kinds sniffed by zhengwu.reports.evidence), at most
MAX_BYTES each and MAX_FILES per report; a name whose extension disagrees with the bytes is refused.
Stored in the default storage (MEDIA_ROOT, never served directly) under supervision/<random name>; pages
hand them out through a view that checks who asks.
"""
from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from zhengwu.reports.evidence import KINDS, check_file

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
ALLOWED = ("pdf", "jpeg", "png", "docx", "xlsx", "ole")
ACCEPTED = " PDF、JPEG/PNG 图片和 Word/Excel 文档"
ACCEPT = ",".join(sorted({ext for kind in ALLOWED for ext in KINDS[kind].extensions}))
HINT = f"PDF、JPEG/PNG 图片、Word/Excel 文档，每个不超过 {MAX_BYTES // 2**20} MB，每次最多 {MAX_FILES} 个。"


def check(name: str, data: bytes, *, field: str = "files") -> tuple[str, str]:
    """(shown name, content type) of an acceptable file, or a DomainError naming the file and the problem."""
    checked = check_file(name, data, field=field, allowed=ALLOWED, accepted=ACCEPTED, max_bytes=MAX_BYTES,
                         noun="文件", name_length=150)
    return checked.name, checked.content_type


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
