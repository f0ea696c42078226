"""The 9th edition from the seed gazette: both lists, joined names, the flagged “五年 3 班”, the meeting."""
import json

from django.core.management import call_command

from zhengwu.awards.models import Edition
from zhengwu.awards.vocab import State

WINNERS = ["王烁", "唐艾琳", "王梓涵", "许圣哲", "李欣妍", "张成城", "赵远霖", "赵鸿宇", "陈裔程", "杨越"]
NOMINEES = ["张程祥", "吴沛琪", "胡景程", "赵俊熙", "蔡翔秋皓", "周飞翔", "杨韩", "周渝", "陈熙", "梅锋睿"]


def list_json(capsys, edition=9):
    call_command("awards", "list", "--edition", str(edition), "--json")
    return json.loads(capsys.readouterr().out)


def test_all_twenty_in_printed_order(ninth, capsys):
    entries = list_json(capsys)
    assert len(entries) == 20
    assert [e["name"] for e in entries] == WINNERS + NOMINEES
    assert [e["tier"] for e in entries] == ["区长奖"] * 10 + ["区长提名奖"] * 10
    assert entries[0] == {"tier": "区长奖", "name": "王烁", "school": "綦江区康德城第一小学", "grade": "六年级",
                          "class": "2班", "flags": []}
    assert set(entries[0]) == {"tier", "name", "school", "grade", "class", "flags"}


def test_padded_names_joined_and_grades(ninth, capsys):
    entries = {e["name"]: e for e in list_json(capsys)}
    assert entries["杨越"]["school"] == "綦江区万兴中学" and entries["杨越"]["grade"] == "九年级"
    assert entries["张程祥"]["grade"] == "高二年级" and entries["张程祥"]["class"] == "13班"
    assert entries["唐艾琳"]["school"] == "綦江区文龙小学校"
    assert not any(" " in name for name in entries)


def test_wunian_three_ban_is_read_and_flagged(ninth, capsys):
    entries = list_json(capsys)
    flagged = [e for e in entries if e["flags"]]
    assert flagged == [{"tier": "区长提名奖", "name": "蔡翔秋皓", "school": "綦江区中山路小学", "grade": "五年级",
                        "class": "3班", "flags": ["grade_abbreviated"]}]
    assert any("蔡翔秋皓" in p and "五年级3班" in p for p in ninth.problems)


def test_edition_facts_from_the_document(ninth):
    edition = Edition.objects.get(number=9)
    assert edition.state == State.DECIDED and edition.from_gazette
    assert edition.meeting == "第二届区政府第108次常务会"
    assert edition.decision_number == "綦江府发〔2021〕10号"
    assert edition.decided_on.isoformat() == "2021-05-24"
    assert ninth.counts == {"区长奖": 10, "区长提名奖": 10}
    assert not [p for p in ninth.problems if "正文写" in p]


def test_import_again_changes_nothing(ninth, capsys):
    from zhengwu.awards.seed import import_document

    before = list_json(capsys)
    again = import_document("綦江府发〔2021〕10号")
    assert not again.created
    assert list_json(capsys) == before
    assert Edition.objects.count() == 1


def test_unknown_edition_exits_non_zero_with_json(db, capsys):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as info:
        call_command("awards", "list", "--edition", "42", "--json")
    assert info.value.returncode == 1
    assert json.loads(capsys.readouterr().out)["error"]["field"] == "--edition"
