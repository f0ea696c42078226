"""Keys outside the database, sealing, blind indexes, key rotation (function and `zhengwu reports rotate-keys`)."""
import json
import stat

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from zhengwu.core.errors import DomainError
from zhengwu.reports import crypto
from zhengwu.reports.access import read_content, read_evidence, reveal_identity
from zhengwu.reports.conversation import ask_reporter, thread
from zhengwu.reports.models import CaseMessage, Evidence, Report, Signatory

from .conftest import DESCRIPTION, NAME, step, walk_to

PNG = b"\x89PNG\r\n\x1a\n" + b"\2" * 64


def test_key_file_created_on_first_use_owner_only(report_keys):
    assert not report_keys.exists()
    token = crypto.seal({"a": "举报"})
    assert stat.S_IMODE(report_keys.stat().st_mode) == 0o600
    lines = [line.split()[0] for line in report_keys.read_text().splitlines() if line and not line.startswith("#")]
    assert lines == ["fernet", "index"]
    crypto.reset_keys()
    assert crypto.unseal(token) == {"a": "举报"}  # read back from the file, not a cached key


def test_key_file_readable_by_others_refused(report_keys):
    crypto.seal({})
    report_keys.chmod(0o644)
    crypto.reset_keys()
    with pytest.raises(ImproperlyConfigured, match="chmod 600"):
        crypto.seal({})


def test_keys_from_the_environment(monkeypatch, report_keys):
    key = Fernet.generate_key().decode()
    monkeypatch.setenv(crypto.KEYS_ENV, key)
    crypto.reset_keys()
    with pytest.raises(ImproperlyConfigured, match=crypto.INDEX_KEY_ENV):
        crypto.seal({})
    monkeypatch.setenv(crypto.INDEX_KEY_ENV, crypto.new_index_key())
    crypto.reset_keys()
    token = crypto.seal({"x": 1})
    assert Fernet(key.encode()).decrypt(token) == b'{"x":1}'
    assert not report_keys.exists()  # no file written when the environment has the keys


def test_sealed_token_does_not_contain_the_plaintext():
    token = crypto.seal({"name": NAME})
    assert NAME.encode() not in token and crypto.unseal(token) == {"name": NAME}
    assert crypto.unseal(None) is None


def test_blind_index_normalises_and_is_keyed():
    same = crypto.blind_index("credit_code", "91350100M000100Y43")
    assert crypto.blind_index("credit_code", " ９１３５０１００ｍ０００１００ｙ４３") == same
    assert crypto.blind_index("unit_name", "91350100M000100Y43") != same  # kinds kept apart
    assert crypto.blind_index("unit_name", "重庆市綦江区某某建材有限责任公司") == crypto.blind_index("unit_name", "某某建材公司")
    assert crypto.blind_index("unit_name", "") == ""
    crypto.reset_keys()
    crypto.key_file_path().unlink()
    crypto.reset_keys()
    assert crypto.blind_index("credit_code", "91350100M000100Y43") != same  # another key, another index


def test_wrong_key_is_a_clear_error(report_keys):
    token = crypto.seal({"a": 1})
    report_keys.unlink()
    crypto.reset_keys()
    with pytest.raises(DomainError) as caught:
        crypto.unseal(token)
    assert caught.value.code == "bad_key"


def raw_sealed(report) -> list[bytes]:
    fresh = Report.objects.get(pk=report.pk)
    return [bytes(fresh.identity_sealed), bytes(fresh.content_sealed)]


def test_rotation_keeps_everything_readable_and_changes_ciphertext(file, world, settings,
                                                                  django_capture_on_commit_callbacks):
    report = file(evidence=[("现场.png", PNG)], identity=None,
                  signatories=[{"name": "甲一", "phone": "13800000001"}, {"name": "乙二"}]).report
    report = walk_to(report, "reward_decided", world)
    ask_reporter(world.a_staff, report, "请补充照片")
    before = {"content": bytes(Report.objects.get(pk=report.pk).content_sealed),
              "reward": bytes(Report.objects.get(pk=report.pk).reward_sealed),
              "signatory": bytes(Signatory.objects.filter(report=report).first().identity_sealed),
              "message": bytes(CaseMessage.objects.get(report=report).text_sealed)}
    old_evidence = Evidence.objects.get(report=report)
    old_file = settings.MEDIA_ROOT / old_evidence.stored_name
    old_bytes = old_file.read_bytes()
    old_key = crypto.keyring().fernet_keys[0]

    crypto.add_key_to_file()
    with django_capture_on_commit_callbacks(execute=True):  # old files go only once the commit is done
        counts = crypto.rotate_all()
    assert counts["reports.Report"] == 1 and counts["reports.Signatory"] == 2
    assert counts["reports.CaseMessage"] == 1 and counts["reports.Evidence"] == 1 and counts["evidence_files"] == 1

    fresh = Report.objects.get(pk=report.pk)
    after = {"content": bytes(fresh.content_sealed), "reward": bytes(fresh.reward_sealed),
             "signatory": bytes(Signatory.objects.filter(report=report).first().identity_sealed),
             "message": bytes(CaseMessage.objects.get(report=report).text_sealed)}
    assert all(before[k] != after[k] for k in before)
    new_evidence = Evidence.objects.get(report=report)
    assert new_evidence.stored_name != old_evidence.stored_name and not old_file.exists()
    assert (settings.MEDIA_ROOT / new_evidence.stored_name).read_bytes() != old_bytes

    # Only the new key is needed now: drop the old one and read everything.
    path = crypto.key_file_path()
    text = path.read_text().replace(f"fernet {old_key.decode()}\n", "")
    path.write_text(text)
    crypto.reset_keys()
    assert len(crypto.keyring().fernet_keys) == 1
    assert read_content(world.a_staff, fresh)["description"] == DESCRIPTION
    assert [s["name"] for s in reveal_identity(world.a_officer, fresh, "轮换后核对")["signatories"]] == ["甲一", "乙二"]
    assert read_evidence(world.a_staff, new_evidence).data == PNG
    assert [text for _, text in thread(fresh)] == ["请补充照片"]
    assert crypto.unseal(fresh.reward_sealed)["amount"] == "15000.00"


def test_rotation_failure_changes_nothing(file, world, settings, monkeypatch):
    report = step(file(evidence=[("现场.png", PNG)]).report, "routed", world.clerk, unit=world.dept_a)
    before = raw_sealed(report)
    stored = Evidence.objects.get(report=report).stored_name
    crypto.add_key_to_file()
    real = crypto.rotate_token
    calls = []

    def flaky(token):
        calls.append(1)
        if len(calls) == 3:
            raise DomainError("boom", code="bad_key")
        return real(token)

    monkeypatch.setattr(crypto, "rotate_token", flaky)
    with pytest.raises(DomainError):
        crypto.rotate_all()
    assert raw_sealed(report) == before
    assert Evidence.objects.get(report=report).stored_name == stored
    assert sorted(p.name for p in (settings.MEDIA_ROOT / "reports" / "evidence").iterdir()) == [stored.rsplit("/")[-1]]


def test_rotate_keys_command_json(file, db, capsys):
    file()
    call_command("reports", "rotate-keys", "--new-key", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["counts"]["reports.Report"] == 1 and out["keys"] == 2
    assert out["new_key_added_to"] == str(crypto.key_file_path())


def test_rotate_keys_command_refuses_new_key_when_keys_come_from_env(db, monkeypatch, capsys):
    from django.core.management.base import CommandError

    monkeypatch.setenv(crypto.KEYS_ENV, Fernet.generate_key().decode())
    monkeypatch.setenv(crypto.INDEX_KEY_ENV, crypto.new_index_key())
    crypto.reset_keys()
    with pytest.raises(CommandError, match="ZHENGWU_REPORTS_KEYS"):
        call_command("reports", "rotate-keys", "--new-key", "--json")
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "keys_from_env"
