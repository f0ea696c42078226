"""Evidence files (证据材料, 第三条): what is accepted, how it is stored (encrypted) and read back.

A file is accepted when its bytes are one of the allowed kinds — images, PDF, Office documents, common
audio and video — whatever its name says, and its name (when it has an extension) agrees with its bytes;
at most `MAX_BYTES` each. The stored file is a Fernet token under a random name; name, content type and
size are sealed in the database row.
"""
import io
import os
import zipfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from zhengwu.core.errors import DomainError

from . import crypto
from .models import Evidence, Report

MAX_BYTES = 20 * 1024 * 1024
MAX_FILES = 20


@dataclass(frozen=True)
class Kind:
    content_type: str
    label: str
    extensions: tuple[str, ...]


# Detected kind → the extensions a file of that kind may carry (lower case, with the dot).
KINDS = {
    "jpeg": Kind("image/jpeg", "JPEG 图片", (".jpg", ".jpeg", ".jfif")),
    "png": Kind("image/png", "PNG 图片", (".png",)),
    "gif": Kind("image/gif", "GIF 图片", (".gif",)),
    "webp": Kind("image/webp", "WebP 图片", (".webp",)),
    "bmp": Kind("image/bmp", "BMP 图片", (".bmp",)),
    "heic": Kind("image/heic", "HEIC 图片", (".heic", ".heif")),
    "pdf": Kind("application/pdf", "PDF 文档", (".pdf",)),
    "docx": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档", (".docx",)),
    "xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格", (".xlsx",)),
    "pptx": Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint 演示文稿",
                 (".pptx",)),
    "ole": Kind("application/x-ole-storage", "Office 97-2003 / WPS 文档", (".doc", ".xls", ".ppt", ".wps", ".et", ".dps")),
    "mp3": Kind("audio/mpeg", "MP3 音频", (".mp3",)),
    "wav": Kind("audio/wav", "WAV 音频", (".wav",)),
    "amr": Kind("audio/amr", "AMR 录音", (".amr",)),
    "m4a": Kind("audio/mp4", "M4A 音频", (".m4a", ".aac")),
    "aac": Kind("audio/aac", "AAC 音频", (".aac",)),
    "ogg": Kind("audio/ogg", "OGG 音频", (".ogg", ".oga", ".opus")),
    "mp4": Kind("video/mp4", "MP4 视频", (".mp4", ".m4v")),
    "mov": Kind("video/quicktime", "QuickTime 视频", (".mov",)),
    "3gp": Kind("video/3gpp", "3GP 视频", (".3gp", ".3g2")),
    "avi": Kind("video/x-msvideo", "AVI 视频", (".avi",)),
    "webm": Kind("video/webm", "WebM / MKV 视频", (".webm", ".mkv")),
}

_FTYP = {  # ISO base media "ftyp" brands → kind
    "heic": "heic", "heix": "heic", "hevc": "heic", "mif1": "heic", "msf1": "heic",
    "M4A ": "m4a", "M4B ": "m4a",
    "qt  ": "mov",
    "3gp4": "3gp", "3gp5": "3gp", "3gp6": "3gp", "3g2a": "3gp",
}


def sniff(data: bytes) -> str | None:
    """The kind of file `data` is, from its first bytes (magic numbers), or None if not an allowed kind."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"BM") and len(data) > 26 and head[6:10] == b"\0\0\0\0":
        return "bmp"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"RIFF") and len(head) >= 12:
        return {b"WEBP": "webp", b"WAVE": "wav", b"AVI ": "avi"}.get(head[8:12])
    if head[4:8] == b"ftyp" and len(head) >= 12:
        brand = head[8:12].decode("latin-1")
        if brand in _FTYP:
            return _FTYP[brand]
        if brand.startswith("3g"):
            return "3gp"
        return "mp4"  # isom, mp41, mp42, avc1, M4V … and the many brands phone cameras write
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return _ooxml(data)
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] in (0xFB, 0xF3, 0xF2)):
        return "mp3"
    if len(head) > 1 and head[0] == 0xFF and head[1] in (0xF1, 0xF9):
        return "aac"
    if head.startswith(b"#!AMR"):
        return "amr"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    return None


def _ooxml(data: bytes) -> str | None:
    """A ZIP is allowed only as a Word / Excel / PowerPoint file (a plain ZIP could hide anything)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
        if any(n.startswith(prefix) for n in names):
            return kind
    return None


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: str
    data: bytes

    @property
    def content_type(self) -> str:
        return KINDS[self.kind].content_type


# What every kind of KINDS is, in words, for the refusal of anything else.
EVERY_KIND = "图片、PDF、Office 文档和常见音频、视频文件"


def check_file(name: str, data: bytes, *, field: str = "evidence", allowed: tuple[str, ...] | None = None,
               accepted: str = EVERY_KIND, max_bytes: int = MAX_BYTES, noun: str = "证据文件",
               name_length: int | None = None) -> CheckedFile:
    """`data` as an accepted file, or a DomainError saying which file and what is wrong. Judged by its bytes
    (`sniff`), never by its name: its kind must be one of `allowed` (any of KINDS when None; `accepted` says
    them in words) and a name whose extension disagrees with the bytes is refused. Every system that takes
    uploads (reports, subsidies, supervision, awards) checks them here; `noun` names the file in messages."""
    shown = os.path.basename(name or "").strip()[:name_length] or "未命名文件"
    if not data:
        raise DomainError(f"{noun}“{shown}”是空的。", field=field, code="empty_file")
    if len(data) > max_bytes:
        raise DomainError(f"{noun}“{shown}”有 {len(data) / 1024 / 1024:.1f} MB，超过每个文件 "
                          f"{max_bytes // 2**20} MB 的上限。", field=field, code="file_too_large")
    kind = sniff(data)
    if kind is None or (allowed is not None and kind not in allowed):
        raise DomainError(f"{noun}“{shown}”不是可接收的类型（按文件内容判断）：只接收{accepted}。",
                          field=field, code="file_type")
    ext = os.path.splitext(shown)[1].lower()
    if ext and ext not in KINDS[kind].extensions:
        raise DomainError(f"{noun}“{shown}”的扩展名是 {ext}，但内容是{KINDS[kind].label}，与扩展名不符。",
                          field=field, code="file_mismatch")
    return CheckedFile(shown, kind, data)


def check_files(files, *, field: str = "evidence") -> list[CheckedFile]:
    files = list(files or ())
    if len(files) > MAX_FILES:
        raise DomainError(f"一次最多上传 {MAX_FILES} 个证据文件，收到 {len(files)} 个。", field=field, code="too_many_files")
    checked = []
    for index, item in enumerate(files, start=1):
        try:
            name, data = item
        except (TypeError, ValueError):
            raise DomainError(f"第{index}个证据应为（文件名, 内容）。", field=field, code="bad_file") from None
        checked.append(check_file(name, bytes(data), field=f"{field}[{index}]"))
    return checked


def store(report: Report, checked: CheckedFile, written: list[str]) -> Evidence:
    """Encrypt and store one checked file for `report`; its storage name is appended to `written` at once,
    so a caller whose transaction fails can delete what was written."""
    stored = default_storage.save(crypto.evidence_storage_name(), ContentFile(crypto.seal_bytes(checked.data)))
    written.append(stored)
    meta = {"name": checked.name, "content_type": checked.content_type, "size": len(checked.data)}
    return Evidence.objects.create(report=report, stored_name=stored, meta_sealed=crypto.seal(meta))


def discard(written: list[str]) -> None:
    """Delete files written by a transaction that did not commit."""
    for name in written:
        default_storage.delete(name)


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
