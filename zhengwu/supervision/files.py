"""Evidence files of task reports (佐证材料): accepted by their bytes, never by their name.

PDF, JPEG/PNG images and Word/Excel documents (kinds sniffed by core.uploads), at most POLICY.max_bytes each
and POLICY.max_count per report; a name whose extension disagrees with the bytes is refused.
Stored in the default storage (MEDIA_ROOT, never served directly) under supervision/<random name>; pages
hand them out through a view that checks who asks.
"""
from __future__ import annotations

from zhengwu.core import uploads

POLICY = uploads.UploadPolicy(kinds=uploads.DOCUMENT_KINDS, max_bytes=10 * 1024 * 1024, max_count=10, noun="文件",
                              folder="supervision", accepted=" PDF、JPEG/PNG 图片和 Word/Excel 文档", field="files",
                              name_length=150)
ACCEPT = POLICY.accept
HINT = f"PDF、JPEG/PNG 图片、Word/Excel 文档，每个不超过 {POLICY.max_mb} MB，每次最多 {POLICY.max_count} 个。"


def check(name: str, data: bytes, *, field: str = "files") -> tuple[str, str]:
    """(shown name, content type) of an acceptable file, or a DomainError naming the file and the problem."""
    checked = uploads.check_file((name, data), POLICY, field=field)
    return checked.name, checked.content_type


def save(data: bytes, written: list[str]) -> str:
    """Write `data` under a random name in supervision/; the name goes into `written` at once so a failed
    transaction's caller can delete it (`uploads.discard`)."""
    return uploads.save(data, POLICY, written)
