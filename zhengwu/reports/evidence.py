"""Evidence files (证据材料, 第三条): what is accepted, how it is stored (encrypted) and read back.

A file is accepted when its bytes are one of the allowed kinds — images, PDF, Office documents, common
audio and video — whatever its name says, and its name (when it has an extension) agrees with its bytes;
at most `MAX_BYTES` each, `MAX_FILES` at a time (`POLICY`, checked by core.uploads). The stored file is a
Fernet token under a random name; name, content type and size are sealed in the database row.
"""
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from zhengwu.core import uploads
from zhengwu.core.uploads import CheckedFile

from . import crypto
from .models import Evidence, Report

MAX_BYTES = 20 * 1024 * 1024
MAX_FILES = 20
# Every kind core.uploads knows: a reporter sends what the phone took (photos, video, sound) or papers.
POLICY = uploads.UploadPolicy(kinds=None, max_bytes=MAX_BYTES, max_count=MAX_FILES, noun="证据文件",
                              folder="reports/evidence", field="evidence")


def check_file(name: str, data: bytes, *, field: str = "evidence") -> CheckedFile:
    """`data` as an accepted evidence file, or a DomainError naming the file and what is wrong."""
    return uploads.check_file((name, data), POLICY, field=field)


def check_files(files, *, field: str = "evidence") -> list[CheckedFile]:
    """Every evidence file of one report checked, at most MAX_FILES."""
    return uploads.check_files(files, POLICY, field=field)


def store(report: Report, checked: CheckedFile, written: list[str]) -> Evidence:
    """Encrypt and store one checked file for `report`; its storage name is appended to `written` at once,
    so a caller whose transaction fails can delete what was written."""
    stored = default_storage.save(crypto.evidence_storage_name(), ContentFile(crypto.seal_bytes(checked.data)))
    written.append(stored)
    meta = {"name": checked.name, "content_type": checked.content_type, "size": len(checked.data)}
    return Evidence.objects.create(report=report, stored_name=stored, meta_sealed=crypto.seal(meta))


@dataclass(frozen=True)
class EvidenceFile:
    name: str
    content_type: str
    size: int
    data: bytes


def open_evidence(item: Evidence) -> EvidenceFile:
    """Decrypt one evidence file (callers check access first: access.read_evidence)."""
    meta = crypto.unseal(item.meta_sealed)
    with default_storage.open(item.stored_name, "rb") as handle:
        data = crypto.unseal_bytes(handle.read())
    return EvidenceFile(meta["name"], meta["content_type"], meta["size"], data)


def describe(item: Evidence) -> dict:
    """Name, type and size of one evidence file without reading the file."""
    meta = crypto.unseal(item.meta_sealed)
    return {"id": item.pk, "name": meta["name"], "content_type": meta["content_type"], "size": meta["size"]}
