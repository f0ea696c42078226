"""The `zhengwu supervision` commands through the installed entry point: JSON alone on stdout, errors
naming the field with a non-zero exit."""
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .conftest import CAMPAIGN, PLAN


def run(capsys, *args):
    call_command("supervision", *args)
    return capsys.readouterr()


def test_import_then_list_tasks_as_json(registry, capsys):
    out = run(capsys, "import-document", CAMPAIGN, "--json").out
    report = json.loads(out)
    assert report["tasks_created"] == 8 and {"ref": "1", "name": "区委党校", "role": "lead"}.items() <= report[
        "unresolved"][1].items()
    tasks = json.loads(run(capsys, "tasks", "--document", CAMPAIGN, "--json").out)
    assert tasks[0] == {"ref": "1", "title": "深化领导干部学习教育",
                        "lead_units": ["区委组织部", "区委宣传部", "区司法局", "区普法办", "区委党校"],
                        "cooperating_units": ["区级有关部门", "各街镇"], "due": "2021-07-20"}
    assert len(tasks) == 8


def test_targets_as_json_and_in_words(registry, capsys):
    run(capsys, "import-document", PLAN)
    found = json.loads(run(capsys, "targets", "--document", "綦江府办发[2021]24号", "--year", "2021", "--json").out)
    assert len(found) == 21
    assert next(t for t in found if t["code"] == "investment_in_place")["threshold"] == "50000000"
    words = run(capsys, "targets", "--document", PLAN, "--year", "2022").out
    assert "2022 南岸区、綦江区（联手）协作引资实际到位资金 力争≥ 50000000 元（綦江府办发〔2021〕24号二（二）5）" in words


def test_unknown_document_exits_non_zero_with_json(registry, capsys):
    with pytest.raises(CommandError) as caught:
        call_command("supervision", "tasks", "--document", "綦普法办〔2021〕99号", "--json")
    assert caught.value.returncode == 1
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["field"] == "NUMBER" and "99号" in error["message"]
    with pytest.raises(CommandError):
        call_command("supervision", "tasks", "--document", PLAN)  # not imported yet


def test_remind_and_sheet(registry, capsys, tmp_path):
    run(capsys, "import-document", CAMPAIGN)
    first = json.loads(run(capsys, "remind", "--on", "2021-07-18", "--json").out)
    again = json.loads(run(capsys, "remind", "--on", "2021-07-18", "--json").out)
    assert first["due_soon"] > 0 and again == {"on": "2021-07-18", "due_soon": 0, "overdue": 0,
                                               "already_sent": first["due_soon"]}
    target = tmp_path / "通报.docx"
    run(capsys, "sheet", "--document", CAMPAIGN, "quarter", "2021Q3", "-o", str(target))
    import docx

    assert docx.Document(str(target)).paragraphs[0].text == "2021年第三季度督查通报"
    with pytest.raises(CommandError):
        call_command("supervision", "sheet", "--document", CAMPAIGN, "quarter", "2021Q7", "--json")
    assert json.loads(capsys.readouterr().out)["error"]["field"] == "period"
    with pytest.raises(CommandError):
        call_command("supervision", "remind", "--on", "2021-02-30")
