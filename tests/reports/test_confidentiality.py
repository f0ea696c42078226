"""第十条 at rest: no column of any table holds the reporter's identity or the report's content in clear,
no evidence file on disk holds its plaintext, and nothing anywhere has room for an IP address or user agent."""
import contextlib
import datetime as dt
import inspect
import json
import re

from django.apps import apps
from django.db import connection, models

from zhengwu.reports import access, intake, receipts
from zhengwu.reports.conversation import ask_reporter

from .conftest import CONTENT, DESCRIPTION, ID_NUMBER, NAME, PHONE, PLACE, UNIT, step, walk_to

MARKER = "现场照片-秘密标记-EVIDENCE-MARKER"
PNG = b"\x89PNG\r\n\x1a\n" + MARKER.encode() + b"\0" * 64
BANK = "6222021234567890123"
SIGNATORY = "欧阳联名"
SIGNATORY_PHONE = "13911112222"
ANSWER = "隐患在东侧第三个料仓下方"


def every_value() -> list[str]:
    """Every value of every column of every table, as text; JSON also decoded (SQLite stores \\u escapes)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    if value is None:
                        continue
                    if isinstance(value, memoryview | bytes | bytearray):
                        found.append(bytes(value).decode("utf-8", "replace"))
                        continue
                    if isinstance(value, dict | list):
                        found.append(json.dumps(value, ensure_ascii=False))
                        continue
                    text = str(value)
                    found.append(text)
                    if text[:1] in "{[\"":
                        with contextlib.suppress(ValueError):
                            found.append(json.dumps(json.loads(text), ensure_ascii=False))
    return found


def test_no_plaintext_identity_or_content_in_any_column(file, world):
    named = file(evidence=[("举报照片.png", PNG)]).report
    joint = file(identity=None, signatories=[{"name": SIGNATORY, "phone": SIGNATORY_PHONE},
                                             {"name": "第二署名人", "id_number": ID_NUMBER}]).report
    anonymous = file(identity={"phone": "13700001111"}, anonymous=True)
    # a whole life: routing, reading, identity reveal, questions and answers, reward, bank transfer claim
    named = walk_to(named, "notice_sent", world)
    access.read_content(world.a_staff, named, "核查")
    access.reveal_identity(world.a_officer, named, "联系举报人")
    ask_reporter(world.a_staff, named, "请说明隐患位置")
    report = step(anonymous.report, "routed", world.clerk, unit=world.dept_a)
    receipts.reply(anonymous.receipt_code, ANSWER)
    step(named, "claimed", world.clerk, method="bank_transfer", bank_account=BANK, claimed_on=dt.date(2021, 10, 1))
    step(joint, "routed", world.clerk, unit=world.dept_b)

    text = "\n".join(every_value())
    assert "JB2021-000001" in text and "区住房城乡建委" in text  # the scan does see plain columns
    secrets = {"name": NAME, "phone": PHONE, "ID number": ID_NUMBER, "description": DESCRIPTION,
               "description part": DESCRIPTION[5:20], "unit name": UNIT, "place": PLACE,
               "occurred at": CONTENT["occurred_at"], "credit code": CONTENT["credit_code"],
               "bank account": BANK, "signatory": SIGNATORY, "signatory phone": SIGNATORY_PHONE,
               "anonymous phone": "13700001111", "evidence name": "举报照片", "reporter answer": ANSWER,
               "staff question": "请说明隐患位置", "receipt secret": anonymous.receipt_code[-10:],
               "reward amount": "15000.00"}
    leaked = [label for label, secret in secrets.items() if secret in text]
    assert leaked == []
    assert report.reference in text


def test_evidence_files_on_disk_hold_no_plaintext(file, db, settings):
    file(evidence=[("举报照片.png", PNG)])
    stored = [p for p in (settings.MEDIA_ROOT / "reports" / "evidence").rglob("*") if p.is_file()]
    assert len(stored) == 1
    data = stored[0].read_bytes()
    assert MARKER.encode() not in data and b"PNG" not in data and "举报照片".encode() not in data
    assert re.fullmatch(r"[0-9a-f]{32}", stored[0].name)  # the name tells nothing either


FORBIDDEN_TOKENS = {"ip", "ipaddr", "ipaddress", "addr", "remote", "agent", "useragent", "ua", "browser", "host"}


def test_no_ip_address_or_user_agent_anywhere_in_the_reports_models():
    for model in apps.get_app_config("reports").get_models():
        for field in model._meta.get_fields():
            assert not isinstance(field, models.GenericIPAddressField), f"{model.__name__}.{field.name}"
            tokens = set(field.name.lower().split("_"))
            assert not tokens & FORBIDDEN_TOKENS, f"{model.__name__}.{field.name}"
            label = str(getattr(field, "verbose_name", ""))
            assert "IP" not in label.upper().split() and "浏览器" not in label and "用户代理" not in label


def test_intake_takes_no_connection_details():
    params = set(inspect.signature(intake.file_report).parameters)
    assert params.isdisjoint({"ip", "ip_address", "user_agent", "remote_addr", "request", "meta"})
