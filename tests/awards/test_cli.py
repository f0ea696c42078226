"""The `zhengwu awards` command as staff run it (in-process, call_command): import-document's JSON and
its refusals, the editions list, and the 9th edition's decision DOCX."""
import io
import json

import docx
import pytest
from django.core.management import call_command


def test_import_document_json_and_editions(imported_seed, capsys):
    call_command("awards", "import-document", "綦江府发 [2021] 10 号", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["edition"] == 9 and data["created"] is True and data["counts"] == {"区长奖": 10, "区长提名奖": 10}
    assert data["flagged"] == [{"tier": "区长提名奖", "name": "蔡翔秋皓", "text": "蔡翔秋皓 綦江区中山路小学五年3班学生",
                                "flags": ["grade_abbreviated"]}]
    call_command("awards", "editions", "--json")
    (edition,) = json.loads(capsys.readouterr().out)
    assert edition["decision"] == {"number": "綦江府发〔2021〕10号", "signed_on": "2021-05-24"}
    assert edition["approved"] == {"meeting": "第二届区政府第108次常务会", "on": None}


def test_import_document_refuses_other_documents(imported_seed, capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("awards", "import-document", "綦江府办发〔2021〕23号", "--json")
    assert "不是青少年科技创新区长奖的决定" in json.loads(capsys.readouterr().out)["error"]["message"]
    with pytest.raises(CommandError):
        call_command("awards", "import-document", "綦江府发〔2021〕99号", "--json")
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "not_found"


def test_ninth_decision_docx_from_the_command_line(ninth, tmp_path, capsys):
    target = tmp_path / "10号.docx"
    call_command("awards", "decision", "--edition", "9", "-o", str(target))
    paragraphs = [p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs]
    assert "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定" in paragraphs
    assert "蔡翔秋皓 綦江区中山路小学五年3班学生" in paragraphs  # the gazette's text, as printed
