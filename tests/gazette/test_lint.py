"""The checker: each rule fires on a text that breaks it and stays quiet on one that does not."""
import json
import subprocess

import pytest

from tests import cli
from zhengwu.gazette.lint import lint_bytes

ZHENGWU = cli.SCRIPT

GOOD = """重庆市綦江区人民政府文件

{number}

重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定

各街道办事处，各镇人民政府：

{body}

附件：1.区长奖获奖名单

2.区长提名奖获奖名单

重庆市綦江区人民政府

{date}

（此件公开发布）

附件 1

{att1}

王烁 綦江区康德城第一小学六年级2班学生

附件 2

区长提名奖获奖名单

张程祥 綦江区实验中学高二年级13班学生
"""
BODY = "一、总体要求\n\n根据《重庆市綦江区青少年科技创新区长奖评选办法》（綦江府发〔2019〕3号），决定如下。\n\n二、具体事项\n\n表彰获奖人员。"


def lint(number="綦江府发〔2021〕10号", body=BODY, date="2021年5月24日", att1="区长奖获奖名单") -> list[tuple[str, int]]:
    text = GOOD.format(number=number, body=body, date=date, att1=att1)
    return [(f.code, f.line) for f in lint_bytes(text.encode())]


def codes(**kwargs) -> set[str]:
    return {code for code, _ in lint(**kwargs)}


def test_it_finds_nothing_in_a_well_formed_document():
    assert lint() == []


@pytest.mark.parametrize(("printed", "code"), [
    ("綦江府发[2021]10号", "number_brackets"),
    ("綦江府发（2021）10号", "number_brackets"),
    ("綦江府发〔2021〕第10号", "number_ordinal"),
    ("綦江府发〔2021〕010号", "number_leading_zero"),
    ("綦江府发 〔2021〕 10号", "number_spacing"),
    ("綦江府发〔２０２１〕１０号", "number_width"),
])
def test_it_reports_a_document_number_not_in_the_standard_form(printed, code):
    assert (code, 3) in lint(number=printed)


@pytest.mark.parametrize("date", ["2021 年 5 月 24 日", "2021年05月24日", "二〇二一年五月二十四日"])
def test_it_reports_a_date_not_written_like_2021年5月24日(date):
    found = lint(date=date)
    assert ("date_format", 23) in found and "signature_missing" not in {c for c, _ in found}


def test_it_reports_a_repeated_heading_number():
    assert ("heading_repeated", 13) in lint(body=BODY.replace("二、具体事项", "一、具体事项"))


def test_it_reports_a_skipped_heading_number():
    assert ("heading_skipped", 13) in lint(body=BODY.replace("二、具体事项", "三、具体事项"))


@pytest.mark.parametrize(("first", "then", "named"), [
    ("一、总体要求", "三、具体事项", ("“一、”", "“二、”")),
    ("（一）总体要求", "（三）具体事项", ("“（一）”", "“（二）”")),
    ("1.总体要求", "3.具体事项", ("“1.”", "“2.”")),
])
def test_a_skipped_heading_names_the_previous_heading_and_the_one_expected(first, then, named):
    body = BODY.replace("一、总体要求", first).replace("二、具体事项", then)
    text = GOOD.format(number="綦江府发〔2021〕10号", body=body, date="2021年5月24日", att1="区长奖获奖名单")
    [skipped] = [f for f in lint_bytes(text.encode()) if f.code == "heading_skipped"]
    previous, expected = named
    assert f"上一个同级标题是{previous}" in skipped.message and f"此处应为{expected}" in skipped.message


def test_it_reports_an_attachment_whose_title_differs_from_the_note():
    assert "attachment_title_mismatch" in codes(att1="区长奖名单（修订）")


def test_it_reports_an_attachment_listed_but_missing():
    text = GOOD.format(number="綦江府发〔2021〕10号", body=BODY, date="2021年5月24日", att1="区长奖获奖名单")
    cut = text[: text.index("附件 2")]
    found = [(f.code, f.line) for f in lint_bytes(cut.encode())]
    assert ("attachment_missing", 19) in found


@pytest.mark.parametrize("word", ["and", "with"])
def test_it_reports_a_stray_english_word_inside_chinese(word):
    assert ("stray_foreign_word", 15) in lint(body=BODY.replace("表彰获奖人员", f"表彰获奖 {word} 人员"))


@pytest.mark.parametrize("fine", ["表彰获奖人员（邮箱 qijiang@126.com）。", "推进5G基站和PPP项目。", "在 xx 小区张贴。"])
def test_it_leaves_mail_addresses_acronyms_and_placeholders_alone(fine):
    assert "stray_foreign_word" not in codes(body=BODY.replace("表彰获奖人员。", fine))


@pytest.mark.parametrize("cited", ["綦江府发[2019]3号", "綦江府发〔2019〕03号", "綦江府发〔2019〕第3号"])
def test_it_reports_a_malformed_cited_number(cited):
    assert ("cited_number_malformed", 11) in lint(body=BODY.replace("綦江府发〔2019〕3号", cited))


def test_it_reports_two_documents_with_the_same_number():
    one = GOOD.format(number="綦江府发〔2021〕10号", body=BODY, date="2021年5月24日", att1="区长奖获奖名单")
    found = {f.code for f in lint_bytes((one + "\n" + one).encode())}
    assert "duplicate_number" in found


def test_it_reports_what_the_issue_asks_for_on_the_seed(seed_bytes):
    found = {(f.code, f.line, f.document) for f in lint_bytes(seed_bytes)}
    assert ("number_brackets", 128, "綦江府发〔2021〕10号") in found
    assert ("number_brackets", 433, "綦江府办发〔2021〕24号") in found
    assert ("number_brackets", 929, "綦应急发〔2021〕41号") in found
    assert ("heading_repeated", 264, "綦江府办发〔2021〕23号") in found
    assert ("stray_foreign_word", 487, "綦江府办发〔2021〕24号") in found
    assert ("stray_foreign_word", 489, "綦江府办发〔2021〕24号") in found


def test_it_reports_a_toc_entry_that_disagrees_with_the_items(seed_text):
    damaged = seed_text.replace("13 重庆市綦江区人民政府办公室关于成立", "13 重庆市綦江区人民政府办公室关于设立", 1)
    found = {(f.code, f.line) for f in lint_bytes(damaged.encode())}
    assert ("toc_item_missing", 43) in found and ("item_not_in_toc", 314) in found


def _script(*args: str) -> subprocess.CompletedProcess:
    """The installed console script as a process (its exit status, its streams)."""
    return subprocess.run([str(ZHENGWU), "gazette", "lint", *args], capture_output=True, text=True, timeout=120)


def _run(*args: str) -> cli.Result:
    """The same command in-process (tests/cli.py); the lint reads files only, no database."""
    return cli.run("gazette", "lint", *args)


def test_the_command_prints_json_and_exits_1_on_problems(seed_path):
    done = _run(str(seed_path), "--json")
    assert done.returncode == 1
    findings = json.loads(done.stdout)
    assert {"code", "line", "document", "message"} <= set(findings[0])
    assert any(f["code"] == "heading_repeated" and f["line"] == 264 for f in findings)


def test_the_command_exits_0_on_a_clean_file(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(GOOD.format(number="綦江府发〔2021〕10号", body=BODY, date="2021年5月24日", att1="区长奖获奖名单"))
    done = _run(str(clean), "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == []


def test_the_command_exits_2_on_unusable_input(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = _script(str(empty), "--json")
    assert done.returncode == 2
    assert "空" in json.loads(done.stdout)["error"]["message"] and "空" in done.stderr
