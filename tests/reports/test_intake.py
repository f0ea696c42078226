"""Intake (第三条): what a report must say, references, deadlines, joint reports, evidence, API clients."""
import datetime as dt
import io
import zipfile

import pytest
from django.db import connection

from zhengwu.core.errors import DomainError
from zhengwu.reports import crypto
from zhengwu.reports.clients import authenticate_client, create_client, deactivate_client
from zhengwu.reports.intake import file_report
from zhengwu.reports.models import CaseEvent, Evidence, ReferenceCounter, Report, Signatory

from .conftest import CONTENT, IDENTITY, RECEIVED

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64
PDF = b"%PDF-1.7\n" + "% 现场照片说明\n".encode() + b"0" * 64


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_report_is_accepted_on_receipt_with_sequential_reference_and_deadline(file, db):
    first = file().report
    second = file().report
    assert (first.reference, second.reference) == ("JB2021-000001", "JB2021-000002")
    assert first.state == "accepted" and first.accepted_on == dt.date(2021, 9, 1)
    # 60 days after 2021-09-01 is Sunday 2021-10-31: the period ends on Monday 2021-11-01 (第四条; 民法典 203)
    assert first.verification_due == dt.date(2021, 11, 1)
    basis = first.deadline_basis["verification_due"]
    assert "第四条" in basis[0] and "2021年11月1日" in basis[-1]
    event = CaseEvent.objects.get(report=first)
    assert (event.action, event.from_state, event.to_state, event.who) == ("filed", "", "accepted", None)


def test_reference_counts_per_year(file, db):
    file()
    later = file(received_at=dt.datetime(2022, 1, 4, 9, 0, tzinfo=RECEIVED.tzinfo)).report
    assert later.reference == "JB2022-000001"
    assert file().report.reference == "JB2021-000002"


def test_references_continue_after_the_highest_serial_already_given(file, db):
    """A database whose 2021 reports were numbered before (by the counter row, or restored from a backup
    without its sequences) goes on after the highest serial, never giving a reference twice."""
    first = file().report
    Report.objects.filter(pk=first.pk).update(serial=41, reference="JB2021-000041")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SEQUENCE reports_reference_2021")
    else:
        ReferenceCounter.objects.filter(year=2021).update(last=41)
    assert file().report.reference == "JB2021-000042"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL numbers from a sequence")
def test_a_rolled_back_intake_leaves_its_number_unused(file, db):
    """Decision (docs/reports.md): intakes never wait on each other for a number, so one that fails after
    taking its number leaves a gap instead of blocking every other intake until it ends."""
    from django.db import transaction

    file()
    with pytest.raises(RuntimeError), transaction.atomic():
        file()
        raise RuntimeError("the intake failed after numbering")
    assert file().report.reference == "JB2021-000003"


def test_content_and_identity_are_sealed_and_readable(file, db):
    report = file().report
    assert crypto.unseal(report.content_sealed)["description"] == CONTENT["description"]
    assert crypto.unseal(report.identity_sealed)["name"] == IDENTITY["name"]
    assert len(report.credit_code_index) == 64 and report.credit_code_index != CONTENT["credit_code"]


@pytest.mark.parametrize("key, label", [("occurred_at", "发生时间"), ("place", "地点"),
                                        ("description", "情形"), ("unit_name", "被举报单位名称")])
def test_when_where_what_and_unit_are_required(file, db, key, label):
    content = dict(CONTENT, **{key: "  "})
    with pytest.raises(DomainError) as caught:
        file(content=content)
    assert caught.value.field == f"content.{key}" and label in caught.value.message
    assert "第三条" in caught.value.message
    assert not Report.objects.exists()


def test_credit_code_check_digit(file, db):
    with pytest.raises(DomainError) as caught:
        file(content=dict(CONTENT, credit_code="91350100M000100Y44"))
    assert caught.value.field == "content.credit_code" and "GB 32100-2015" in caught.value.message
    with pytest.raises(DomainError, match="18位"):
        file(content=dict(CONTENT, credit_code="9135010"))
    # full-width and spaced as people type it: accepted and normalised
    report = file(content=dict(CONTENT, credit_code="９１３５０１００Ｍ０００１００Ｙ４３ ")).report
    assert crypto.unseal(report.content_sealed)["credit_code"] == "91350100M000100Y43"
    assert file(content={k: v for k, v in CONTENT.items() if k != "credit_code"}).report.credit_code_index == ""


def test_contact_required_unless_anonymous(file, db):
    with pytest.raises(DomainError) as caught:
        file(identity={"name": "李四"})
    assert caught.value.field == "identity.phone" and "联系方式" in caught.value.message
    with pytest.raises(DomainError, match="姓名"):
        file(identity={"phone": "13900000000"})
    anonymous = file(identity=None, anonymous=True).report
    assert anonymous.anonymous and anonymous.identity_sealed is None
    with pytest.raises(DomainError, match="匿名举报不登记姓名"):
        file(identity={"name": "王五"}, anonymous=True)


@pytest.mark.parametrize("identity, field", [
    ({"name": "李四", "phone": "12345"}, "identity.phone"),
    ({"name": "李四", "phone": "13800000000", "id_number": "110105194912310021"}, "identity.id_number"),
    ({"name": "李四", "email": "not-an-email"}, "identity.email"),
    ({"name": "李四", "phone": "13800000000", "bank_account": "12ab"}, "identity.bank_account"),
    ({"name": "李四", "phone": "13800000000", "wechat": "x"}, "identity.wechat"),
])
def test_bad_identity_fields_named(file, db, identity, field):
    with pytest.raises(DomainError) as caught:
        file(identity=identity)
    assert caught.value.field == field


def test_joint_report_signatories_in_order(file, db):
    signatories = [{"name": "甲", "phone": "13800000001"}, {"name": "乙"}, {"name": "丙", "authorised": True}]
    report = file(identity=None, signatories=signatories).report
    assert report.joint
    rows = list(Signatory.objects.filter(report=report))
    assert [(s.order, crypto.unseal(s.identity_sealed)["name"], s.authorised) for s in rows] == [
        (1, "甲", False), (2, "乙", False), (3, "丙", True)]


@pytest.mark.parametrize("signatories, kwargs, message", [
    ([{"name": "甲", "phone": "13800000001"}], {}, "至少需要两名"),
    ([{"name": "甲", "phone": "13800000001"}, {"name": "乙"}], {"anonymous": True}, "须实名"),
    ([{"name": "甲", "phone": "13800000001", "authorised": True}, {"name": "乙"}], {}, "第一署名人本人"),
    ([{"name": "甲"}, {"name": "乙", "authorised": True}, {"name": "丙", "authorised": True}], {}, "只能有一名"),
    ([{"name": "甲"}, {"name": "乙"}], {}, "联系方式"),
])
def test_joint_report_rules(file, db, signatories, kwargs, message):
    with pytest.raises(DomainError, match=message):
        file(identity=None, signatories=signatories, **kwargs)


def test_evidence_accepted_by_content_and_stored_encrypted(file, db, settings):
    report = file(evidence=[("现场.png", PNG), ("整改通知.pdf", PDF), ("说明.docx", docx_bytes()),
                            ("no-extension", JPEG)]).report
    kinds = [crypto.unseal(e.meta_sealed)["content_type"] for e in Evidence.objects.filter(report=report)]
    assert kinds == ["image/png", "application/pdf",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "image/jpeg"]
    for item in Evidence.objects.filter(report=report):
        assert item.stored_name.startswith("reports/evidence/")
        on_disk = (settings.MEDIA_ROOT / item.stored_name).read_bytes()
        assert b"PNG" not in on_disk and b"%PDF" not in on_disk and "现场".encode() not in on_disk


@pytest.mark.parametrize("name, data, code", [
    ("tool.exe", b"MZ\x90\x00" + b"\0" * 64, "file_type"),
    ("photo.jpg", PDF, "file_mismatch"),            # a PDF pretending to be a photo
    ("report.pdf", b"just text, not a PDF", "file_type"),
    ("archive.docx", None, "file_type"),            # a plain ZIP named .docx
    ("big.png", PNG + b"\0" * (20 * 1024 * 1024), "file_too_large"),
    ("empty.png", b"", "empty_file"),
])
def test_evidence_refused(file, db, settings, name, data, code):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("payload.bin", "x")
        data = buffer.getvalue()
    with pytest.raises(DomainError) as caught:
        file(evidence=[("ok.png", PNG), (name, data)])
    assert caught.value.code == code and caught.value.field == "evidence[2]"
    assert name in caught.value.message or code == "empty_file"
    assert not Report.objects.exists() and not Evidence.objects.exists()
    folder = settings.MEDIA_ROOT / "reports" / "evidence"
    assert not folder.exists() or not any(folder.iterdir())


def test_failure_inside_the_transaction_leaves_no_row_and_no_file(file, db, settings, monkeypatch):
    from zhengwu.reports import intake

    def boom(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(intake.CaseEvent.objects, "create", boom)
    with pytest.raises(RuntimeError):
        file(evidence=[("ok.png", PNG)])
    assert not Report.objects.exists()
    folder = settings.MEDIA_ROOT / "reports" / "evidence"
    assert not folder.exists() or not any(folder.iterdir())


def test_channel_checked_and_api_needs_a_client(file, db):
    with pytest.raises(DomainError, match="举报方式"):
        file(channel="pigeon")
    with pytest.raises(DomainError, match="对接平台"):
        file(channel="api")
    new = create_client("綦江区12345热线")
    report = file(channel="api", client=new.client).report
    assert report.intake_client == new.client and report.get_channel_display() == "对接平台（如12345热线）"


def test_intake_client_key_shown_once_and_stored_hashed(db):
    new = create_client("綦江区12345热线")
    assert new.key.startswith("zwr_") and len(new.key) > 40
    assert new.key not in (new.client.key_hash, new.client.key_prefix)
    assert authenticate_client(new.key) == new.client
    with pytest.raises(DomainError):
        authenticate_client(new.key + "x")
    deactivate_client(new.client)
    with pytest.raises(DomainError, match="无效或已停用"):
        authenticate_client(new.key)
    with pytest.raises(DomainError, match="已有"):
        create_client("綦江区12345热线")


def test_entered_by_must_be_office_staff(file, world):
    with pytest.raises(DomainError) as caught:
        file(entered_by=world.a_staff)
    assert caught.value.code == "forbidden"
    report = file(entered_by=world.clerk).report
    assert CaseEvent.objects.get(report=report).who == world.clerk


def test_received_in_the_future_refused(file, db):
    from django.utils import timezone

    with pytest.raises(DomainError, match="不能晚于现在"):
        file(received_at=timezone.now() + dt.timedelta(days=1))


def test_report_outside_the_holiday_calendar_is_still_accepted(db, monkeypatch):
    """A report must never be lost because the calendar package ends: plain days, and the basis says so."""
    from zhengwu.reports import deadlines

    def outside(start, days):
        raise DomainError("工作日历只覆盖2004年至2026年", field="days", code="outside_calendar")

    monkeypatch.setattr(deadlines, "due_after", outside)
    report = file_report(channel="web", content=dict(CONTENT), identity=None, anonymous=True,
                         received_at=RECEIVED).report
    assert report.state == "accepted"
    assert report.verification_due == dt.date(2021, 10, 31)  # plain 60th day, not moved off the Sunday
    assert "未按节假日顺延" in report.deadline_basis["verification_due"][-1]
