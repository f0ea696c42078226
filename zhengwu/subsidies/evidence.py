"""Evidence files of an application (证明材料): what is accepted and where it is kept.

Accepted by their bytes (magic numbers, core.uploads.sniff), never by their name: PDF, images (JPEG,
PNG) and Office documents (Word, Excel, WPS/Office 97), at most POLICY.max_bytes each and POLICY.max_count
per application; a name whose extension disagrees with the bytes is refused. Stored in the default storage
(MEDIA_ROOT, outside static: never served directly) under subsidies/evidence/<random name>; staff and the
firm's own link download them through views that check who asks (`read`).
"""
from __future__ import annotations

from zhengwu.core import uploads
from zhengwu.core.errors import DomainError

from .models import Application, EvidenceFile

POLICY = uploads.UploadPolicy(kinds=uploads.DOCUMENT_KINDS, max_bytes=10 * 1024 * 1024, max_count=20, noun="文件",
                              folder="subsidies/evidence", accepted=" PDF、JPEG/PNG 图片和 Word/Excel 文档",
                              field="evidence", name_length=150)
ACCEPT = POLICY.accept
HINT = f"PDF、JPEG/PNG 图片、Word/Excel 文档，每个不超过 {POLICY.max_mb} MB，每份申请最多 {POLICY.max_count} 个。"


def check(name: str, data: bytes, *, field: str = "evidence") -> tuple[str, str]:
    """(shown name, content type) of an acceptable file, or a DomainError naming the file and the problem."""
    checked = uploads.check_file((name, data), POLICY, field=field)
    return checked.name, checked.content_type


def store(application: Application, name: str, data: bytes, written: list[str]) -> EvidenceFile:
    """Check and store one file for `application`; its storage name goes into `written` at once, so a
    caller whose transaction fails can delete what was written (`discard`)."""
    if application.evidence.count() >= POLICY.max_count:
        raise DomainError(f"每份申请最多 {POLICY.max_count} 个证明材料文件。", field="evidence", code="too_many_files")
    shown, content_type = check(name, data)
    stored = uploads.save(data, POLICY, written)
    return EvidenceFile.objects.create(application=application, stored_name=stored, name=shown,
                                       content_type=content_type, size=len(data))


def read(item: EvidenceFile) -> bytes:
    return uploads.read(item.stored_name)
