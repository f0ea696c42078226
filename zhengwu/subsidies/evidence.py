"""Evidence files of an application (证明材料): what is accepted and where it is kept.

Accepted by their bytes (magic numbers, reports.evidence.sniff), never by their name: PDF, images (JPEG,
PNG) and Office documents (Word, Excel, WPS/Office 97), at most MAX_BYTES each and MAX_FILES per
application; a name whose extension disagrees with the bytes is refused. Stored in the default storage
(MEDIA_ROOT, outside static: never served directly) under subsidies/evidence/<random name>; staff and the
firm's own link download them through views that check who asks.
"""
from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from zhengwu.core.errors import DomainError
from zhengwu.reports.evidence import KINDS, check_file

from .models import Application, EvidenceFile

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 20
ALLOWED = ("pdf", "jpeg", "png", "docx", "xlsx", "ole")
ACCEPTED = " PDF、JPEG/PNG 图片和 Word/Excel 文档"
ACCEPT = ",".join(sorted({ext for kind in ALLOWED for ext in KINDS[kind].extensions}))
HINT = f"PDF、JPEG/PNG 图片、Word/Excel 文档，每个不超过 {MAX_BYTES // 2**20} MB，每份申请最多 {MAX_FILES} 个。"


def check(name: str, data: bytes, *, field: str = "evidence") -> tuple[str, str]:
    """(shown name, content type) of an acceptable file, or a DomainError naming the file and the problem."""
    checked = check_file(name, data, field=field, allowed=ALLOWED, accepted=ACCEPTED, max_bytes=MAX_BYTES,
                         noun="文件", name_length=150)
    return checked.name, checked.content_type


def store(application: Application, name: str, data: bytes, written: list[str]) -> EvidenceFile:
    """Check and store one file for `application`; its storage name goes into `written` at once, so a
    caller whose transaction fails can delete what was written (`discard`)."""
    if application.evidence.count() >= MAX_FILES:
        raise DomainError(f"每份申请最多 {MAX_FILES} 个证明材料文件。", field="evidence", code="too_many_files")
    shown, content_type = check(name, data)
    stored = default_storage.save(f"subsidies/evidence/{secrets.token_hex(16)}", ContentFile(data))
    written.append(stored)
    return EvidenceFile.objects.create(application=application, stored_name=stored, name=shown,
                                       content_type=content_type, size=len(data))


def discard(written: list[str]) -> None:
    """Delete files written by a transaction that did not commit."""
    for name in written:
        default_storage.delete(name)


def read(item: EvidenceFile) -> bytes:
    with default_storage.open(item.stored_name, "rb") as handle:
        return handle.read()
