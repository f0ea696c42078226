"""The other `zhengwu waste` sub-commands in process: ingest, add-reader, issue-cards, notice, guidance."""
from __future__ import annotations

import datetime as dt
import json

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhengwu.waste.models import Card, DropEvent, ReaderKey

from .helpers import event, make_card, make_community, make_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    c = make_community(notice_start=dt.date(2021, 8, 1), contact="王明", phone="023-1")
    make_point(c, "P1")
    make_card(c, "C0001")
    return c


def out(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_ingest_a_file_twice(community, tmp_path, capsys):
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps({"events": [event("e1"), event("e2", card="NOPE")]}), encoding="utf-8")
    call_command("waste", "ingest", str(batch), "--json")
    first = out(capsys)
    assert first["stored"] == 1 and first["refused"][0]["reason"] == "没有卡号为“NOPE”的积分卡"
    call_command("waste", "ingest", str(batch), "--json")
    assert out(capsys)["duplicates"] == 1
    assert DropEvent.objects.get().source.startswith("zhengwu waste ingest")
    with pytest.raises(CommandError):
        call_command("waste", "ingest", '{"events": 5}', "--json")
    assert out(capsys)["error"]["field"] == "events"


def test_add_reader_prints_the_token_once(capsys):
    call_command("waste", "add-reader", "1号读卡器", "--json")
    answer = out(capsys)
    assert len(answer["token"]) > 30 and ReaderKey.objects.get().token_hash != answer["token"]
    with pytest.raises(CommandError):
        call_command("waste", "add-reader", "1号读卡器", "--json")


def test_issue_cards_writes_the_codes_once(community, tmp_path, capsys):
    households = tmp_path / "households.csv"
    households.write_text("卡号,住户\nC0100,1栋101\nC0101,1栋102\n", encoding="utf-8")
    codes = tmp_path / "codes.csv"
    call_command("waste", "issue-cards", "--community", str(community.pk), str(households), "-o", str(codes),
                 "--json")
    assert out(capsys)["issued"] == 2
    lines = codes.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "卡号,住户,校验码" and lines[1].startswith("C0100,1栋101,") and len(lines[1].split(",")[2]) == 6
    assert Card.objects.count() == 3


def test_notice_for_a_community_and_for_a_street(community, tmp_path, capsys):
    path = tmp_path / "one.docx"
    call_command("waste", "notice", "--community", str(community.pk), "-o", str(path))
    text = "".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "咨询人：王明；咨询电话：023-1。" in text
    with pytest.raises(CommandError, match="不是撤桶并点的实施街镇"):
        call_command("waste", "notice", "--unit", "南岸区", "-o", str(tmp_path / "x.docx"))


def test_guidance_json(community, capsys):
    from zhengwu.waste.ingest import ingest

    ingest([event(f"p{i}", correct=False, at=f"2021-09-{10 + i}T07:30:00+08:00") for i in range(3)])
    call_command("waste", "guidance", "--on", "2021-09-30", "--json")
    answer = out(capsys)
    assert (answer["threshold"], answer["days"]) == (3, 30)
    assert [(h["card"], h["poor"]) for h in answer["households"]] == [("C0001", 3)]
