"""Uploaded files (上传文件): what a file is, judged by its bytes, and each system's upload policy.

`sniff` tells the kind of a file from its first bytes (magic numbers: images, PDF, Office documents, common
audio and video), never from its name. An `UploadPolicy` says what one system takes — which kinds, how big,
how many, how a file is named in messages, and the storage folder — and `check_file` / `check_files` apply
it with a Chinese message naming the file and the field. `save`, `discard` and `read` keep files in the
default storage (MEDIA_ROOT, never served directly) under the policy's folder and a random name.

Every system that takes files (reports evidence, subsidy evidence, supervision files, award applications)
declares its `UploadPolicy` and uses these; what is special to one system (e.g. the reports' sealing
of evidence) stays in that system.
"""
from __future__ import annotations

import io
import os
import secrets
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from .errors import DomainError


@dataclass(frozen=True)
class Kind:
    """A kind of file: its content type, its name in messages and the extensions a file of it may carry."""

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
# What every kind of KINDS is, in words, for the refusal of anything else.
EVERY_KIND = "图片、PDF、Office 文档和常见音频、视频文件"
# The kinds of a document with its proofs: PDF, photos of papers, Word/Excel and WPS/Office 97.
DOCUMENT_KINDS = ("pdf", "jpeg", "png", "docx", "xlsx", "ole")

_FTYP = {  # ISO base media "ftyp" brands → kind
    "heic": "heic", "heix": "heic", "hevc": "heic", "mif1": "heic", "msf1": "heic",
    "M4A ": "m4a", "M4B ": "m4a",
    "qt  ": "mov",
    "3gp4": "3gp", "3gp5": "3gp", "3gp6": "3gp", "3g2a": "3gp",
}


def sniff(data: bytes) -> str | None:
    """The kind of file `data` is, from its first bytes (magic numbers), or None if not a kind of KINDS."""
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
class UploadPolicy:
    """What one system takes (上传要求): `kinds` (None: every kind of KINDS, `accepted` says them in
    words), at most `max_bytes` each and `max_count` at a time, `noun` naming a file in messages, stored
    under `folder`; `field` is the form field messages name, `name_length` cuts a shown name."""

    kinds: tuple[str, ...] | None
    max_bytes: int
    max_count: int
    noun: str
    folder: str
    accepted: str = EVERY_KIND
    field: str = "file"
    name_length: int | None = None

    @property
    def accept(self) -> str:
        """The extensions for an `<input type=file accept=…>`, comma separated."""
        kinds = KINDS if self.kinds is None else self.kinds
        return ",".join(sorted({ext for kind in kinds for ext in KINDS[kind].extensions}))

    @property
    def max_mb(self) -> int:
        return self.max_bytes // 2**20

    def new_name(self, extension: str = "") -> str:
        """A fresh random storage name under the folder (the name says nothing about the file)."""
        return f"{self.folder}/{secrets.token_hex(16)}{extension}"


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed its policy: the name shown to people, its kind and its bytes."""

    name: str
    kind: str
    data: bytes

    @property
    def content_type(self) -> str:
        return KINDS[self.kind].content_type

    @property
    def extension(self) -> str:
        """The usual extension of its kind (.pdf, .jpg …), for a stored name that keeps it."""
        return KINDS[self.kind].extensions[0]


def _name_and_bytes(upload: Any) -> tuple[str, bytes]:
    """(name, bytes) of a (name, bytes) pair or of a Django File (read whole: a ZIP is told apart by its listing)."""
    if hasattr(upload, "read"):
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        return upload.name or "", bytes(data)
    name, data = upload
    return name, bytes(data)


def check_file(upload: Any, policy: UploadPolicy, *, field: str | None = None) -> CheckedFile:
    """`upload` — a (name, bytes) pair or an uploaded file — as an accepted file, or a DomainError saying
    which file and what is wrong. Judged by its bytes (`sniff`), never by its name: its kind must be one of
    the policy's and a name whose extension disagrees with the bytes is refused."""
    field = field or policy.field
    name, data = _name_and_bytes(upload)
    noun = policy.noun
    shown = os.path.basename(name or "").strip()[:policy.name_length] or "未命名文件"
    if not data:
        raise DomainError(f"{noun}“{shown}”是空的。", field=field, code="empty_file")
    if len(data) > policy.max_bytes:
        raise DomainError(f"{noun}“{shown}”有 {len(data) / 1024 / 1024:.1f} MB，超过每个文件 "
                          f"{policy.max_mb} MB 的上限。", field=field, code="file_too_large")
    kind = sniff(data)
    if kind is None or (policy.kinds is not None and kind not in policy.kinds):
        raise DomainError(f"{noun}“{shown}”不是可接收的类型（按文件内容判断）：只接收{policy.accepted}。",
                          field=field, code="file_type")
    ext = os.path.splitext(shown)[1].lower()
    if ext and ext not in KINDS[kind].extensions:
        raise DomainError(f"{noun}“{shown}”的扩展名是 {ext}，但内容是{KINDS[kind].label}，与扩展名不符。",
                          field=field, code="file_mismatch")
    return CheckedFile(shown, kind, data)


def check_count(count: int, policy: UploadPolicy, *, field: str | None = None) -> None:
    """Refuse more than the policy's `max_count` files at a time."""
    if count > policy.max_count:
        raise DomainError(f"一次最多上传 {policy.max_count} 个{policy.noun}，收到 {count} 个。",
                          field=field or policy.field, code="too_many_files")


def check_files(uploads: Iterable[Any] | None, policy: UploadPolicy, *, field: str | None = None) -> list[CheckedFile]:
    """Every upload checked (`check_file`, the field numbered from 1: evidence[2]) after their count."""
    field = field or policy.field
    uploads = list(uploads or ())
    check_count(len(uploads), policy, field=field)
    checked = []
    for index, item in enumerate(uploads, start=1):
        if not hasattr(item, "read"):
            try:
                name, data = item
            except (TypeError, ValueError):
                raise DomainError(f"第{index}个{policy.noun}应为（文件名, 内容）。", field=field,
                                  code="bad_file") from None
            item = (name, data)
        checked.append(check_file(item, policy, field=f"{field}[{index}]"))
    return checked


def save(data: bytes, policy: UploadPolicy, written: list[str], *, extension: str = "") -> str:
    """Write `data` under a random name in the policy's folder; the name goes into `written` at once so a
    caller whose transaction fails can delete it (`discard`)."""
    stored = default_storage.save(policy.new_name(extension), ContentFile(data))
    written.append(stored)
    return stored


def discard(written: list[str]) -> None:
    """Delete files written by a transaction that did not commit."""
    for name in written:
        default_storage.delete(name)


def read(stored_name: str) -> bytes:
    with default_storage.open(stored_name, "rb") as handle:
        return handle.read()
