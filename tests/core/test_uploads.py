"""Uploads judged by their bytes (core.uploads): sniffing, a policy's kinds, size and count, and the
Chinese messages naming the file and the field."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.core import uploads
from zhengwu.core.errors import DomainError

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
POLICY = uploads.UploadPolicy(kinds=uploads.DOCUMENT_KINDS, max_bytes=1024, max_count=2, noun="文件", folder="t",
                              accepted=" PDF 和图片", field="files")


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "kind"), [
    (PDF, "pdf"), (PNG, "png"), (b"\xff\xd8\xff\xe0" + b"\0" * 20, "jpeg"), (b"GIF89a" + b"\0" * 10, "gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8, "ole"), (b"\0\0\0\x18ftypisom" + b"\0" * 8, "mp4"),
    (b"\0\0\0\x18ftypqt  " + b"\0" * 8, "mov"), (b"RIFF\0\0\0\0WAVE", "wav"), (b"ID3\x03", "mp3"),
    (_zip("[Content_Types].xml", "word/document.xml"), "docx"), (_zip("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
    (_zip("a.txt"), None), (b"MZ\x90\0", None), (b"plain text", None),
])
def test_sniff_tells_the_kind_from_the_bytes(data, kind):
    assert uploads.sniff(data) == kind


def test_a_policy_takes_its_kinds_and_names_the_file_otherwise():
    checked = uploads.check_file(("报告.pdf", PDF), POLICY)
    assert (checked.name, checked.kind, checked.content_type, checked.extension) == (
        "报告.pdf", "pdf", "application/pdf", ".pdf")
    with pytest.raises(DomainError) as info:
        uploads.check_file(("录音.mp3", b"ID3\x03" + b"\0" * 10), POLICY)
    assert info.value.field == "files" and info.value.code == "file_type"
    assert info.value.message == "文件“录音.mp3”不是可接收的类型（按文件内容判断）：只接收 PDF 和图片。"


@pytest.mark.parametrize(("name", "data", "code", "words"), [
    ("空.pdf", b"", "empty_file", "文件“空.pdf”是空的。"),
    ("大.pdf", PDF + b"\0" * 2048, "file_too_large", "超过每个文件 0 MB 的上限"),
    ("照片.pdf", PNG, "file_mismatch", "扩展名是 .pdf，但内容是PNG 图片"),
])
def test_each_refusal_says_what_is_wrong(name, data, code, words):
    with pytest.raises(DomainError) as info:
        uploads.check_file((name, data), POLICY, field="files[2]")
    assert info.value.code == code and words in info.value.message and info.value.field == "files[2]"


def test_an_uploaded_file_is_read_whole_and_left_at_its_start():
    upload = SimpleUploadedFile("c:\\Users\\李\\扫描件.PDF", PDF)
    upload.read(3)
    checked = uploads.check_file(upload, POLICY)
    assert checked.data == PDF and upload.tell() == 0 and checked.name == "c:\\Users\\李\\扫描件.PDF"


def test_check_files_counts_first_and_numbers_the_fields():
    with pytest.raises(DomainError) as info:
        uploads.check_files([("a.pdf", PDF)] * 3, POLICY)
    assert info.value.code == "too_many_files" and info.value.message == "一次最多上传 2 个文件，收到 3 个。"
    with pytest.raises(DomainError) as info:
        uploads.check_files([("a.pdf", PDF), ("b.pdf", b"no")], POLICY)
    assert info.value.field == "files[2]"
    with pytest.raises(DomainError) as info:
        uploads.check_files([("a.pdf", PDF), 7], POLICY)
    assert info.value.code == "bad_file" and info.value.message == "第2个文件应为（文件名, 内容）。"
    assert [c.name for c in uploads.check_files([("a.pdf", PDF), ("b.png", PNG)], POLICY)] == ["a.pdf", "b.png"]


def test_a_policy_gives_the_accept_list_and_random_names_in_its_folder():
    assert POLICY.accept.split(",") == sorted(POLICY.accept.split(","))
    assert ".pdf" in POLICY.accept and ".mp3" not in POLICY.accept and ".wps" in POLICY.accept
    every = uploads.UploadPolicy(kinds=None, max_bytes=1, max_count=1, noun="证据文件", folder="x")
    assert ".mp3" in every.accept and every.accepted == uploads.EVERY_KIND
    first, second = POLICY.new_name(".pdf"), POLICY.new_name(".pdf")
    assert first.startswith("t/") and first.endswith(".pdf") and first != second


def test_save_read_and_discard(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    written: list[str] = []
    name = uploads.save(PDF, POLICY, written)
    assert written == [name] and name.startswith("t/") and uploads.read(name) == PDF
    uploads.discard(written)
    assert not (tmp_path / name).exists()
