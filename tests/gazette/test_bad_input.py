"""Input that is not a clean gazette issue: empty, binary, GBK, prose, truncated, a TOC that lies, a bad date,
and a lone document. Every refusal speaks Chinese, names a line, and leaves the database empty."""
import random
import re

import pytest

from zhengwu.core.errors import DomainError
from zhengwu.gazette.importer import ImportRefused, import_bytes
from zhengwu.gazette.parsing import ParseError, parse_bytes, parse_text

CJK_RE = re.compile(r"[\u4e00-\u9fff]")

NOVEL = (
    "那年冬天，祖母还在，家里的小院子里种着一棵老槐树。每到傍晚，炊烟从屋顶升起，"
    "母亲便站在门口喊我们回家吃饭。我和弟弟总是玩到天黑才肯回去，裤脚上沾满了泥。\n\n"
    "后来我们都离开了那个小镇，槐树也在一场大雪之后倒下了。多年以后我再回去，"
    "院子已经换了主人，只有墙角那口井还在，井水依旧清凉。"
)


def random_bytes(seed: int, size: int = 4096, *, nul: bool = True) -> bytes:
    data = random.Random(seed).randbytes(size)
    return data if nul else data.replace(b"\x00", b"\x01")


def db_is_empty() -> bool:
    from zhengwu.gazette import models as m

    return all(model.objects.count() == 0 for model in (m.Issue, m.Document, m.Item, m.ImportRun))


def assert_clear(error: DomainError) -> None:
    """A message an editor can act on: in Chinese, pointing at a line."""
    assert CJK_RE.search(error.message), error.message
    assert error.line is not None and error.line >= 1
    assert CJK_RE.search(str(error))


# ---------------------------------------------------------------- files that are no gazette at all

UNREADABLE_BYTES = [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b" \n\n\t \r\n", "empty", id="whitespace"),
    pytest.param(" \n\u3000\u3000\n\n".encode(), "empty", id="full-width-whitespace"),
    pytest.param(b"\x00\x01\x02\x03PK\x03\x04" + bytes(range(256)) * 8, "binary", id="binary-with-nul"),
    pytest.param(random_bytes(20210710), "binary", id="random-bytes"),
]


@pytest.mark.parametrize(("data", "code"), UNREADABLE_BYTES)
def test_it_refuses_bytes_that_hold_no_text(data, code):
    with pytest.raises(ParseError) as caught:
        parse_bytes(data)
    assert caught.value.code == code
    assert_clear(caught.value)


def test_it_refuses_random_bytes_without_nul():
    with pytest.raises(ParseError) as caught:
        parse_bytes(random_bytes(7, nul=False))
    assert caught.value.code in {"binary", "encoding"}
    assert_clear(caught.value)


UNREADABLE_TEXT = [
    pytest.param("", "empty", id="empty"),
    pytest.param("  \n\n\t\n\u3000 \n", "empty", id="whitespace"),
    pytest.param("".join(chr(i) for i in range(1, 32)) * 40, "binary", id="control-characters"),
    pytest.param(NOVEL, "not_a_gazette", id="novel"),
]


@pytest.mark.parametrize(("text", "code"), UNREADABLE_TEXT)
def test_it_refuses_text_that_is_no_gazette(text, code):
    with pytest.raises(ParseError) as caught:
        parse_text(text)
    assert caught.value.code == code
    assert_clear(caught.value)


def test_it_says_what_it_looked_for_in_prose():
    with pytest.raises(ParseError) as caught:
        parse_bytes(NOVEL.encode())
    assert caught.value.code == "not_a_gazette"
    assert caught.value.line == 1
    assert "公报" in caught.value.message and "发文字号" in caught.value.message


@pytest.mark.parametrize(("data", "code"), [
    *UNREADABLE_BYTES,
    pytest.param(NOVEL.encode(), "not_a_gazette", id="novel"),
    pytest.param(NOVEL.encode("gbk"), "not_a_gazette", id="novel-gbk"),
])
def test_it_imports_nothing_from_a_file_that_is_no_gazette(db, data, code):
    with pytest.raises(DomainError) as caught:
        import_bytes(data, source="bad.txt")
    assert caught.value.code == code
    assert_clear(caught.value)
    assert db_is_empty()


# ---------------------------------------------------------------- encodings


def test_it_reads_a_gbk_issue_as_it_reads_utf8(seed_text, seed_json):
    result = parse_bytes(seed_text.encode("gbk"))
    data = result.as_json()
    assert data["documents"] == seed_json["documents"]
    assert data["issue"] == seed_json["issue"]
    assert data["news"] == seed_json["news"]
    assert result.encoding in {"gbk", "gb18030"}


def test_it_reports_the_encoding_of_a_gbk_issue(seed_text):
    problems = parse_bytes(seed_text.encode("gbk")).problems
    encoding = [p for p in problems if p.code == "encoding"]
    assert len(encoding) == 1
    assert encoding[0].line == 1 and encoding[0].severity == "warning"
    assert CJK_RE.search(encoding[0].message) and "UTF-8" in encoding[0].message
    assert [p for p in problems if p.severity == "error"] == []


def test_it_imports_a_gbk_issue_and_records_its_encoding(db, seed_text):
    from zhengwu.gazette import models as m

    outcome = import_bytes(seed_text.encode("gbk"), source="gbk.txt")
    assert len(outcome.documents) == 9
    run = m.ImportRun.objects.get()
    assert run.encoding in {"gbk", "gb18030"}
    assert any(p["code"] == "encoding" for p in run.problems)


def test_it_reads_an_issue_with_a_byte_order_mark_as_plain_utf8(seed_bytes, seed_json):
    result = parse_bytes(b"\xef\xbb\xbf" + seed_bytes)
    assert result.as_json()["documents"] == seed_json["documents"]
    assert not any(p.code == "encoding" for p in result.problems)


# ---------------------------------------------------------------- an issue with errors an editor must fix


def edited(seed_text: str, **changes: str) -> str:
    """The seed with some lines replaced: edited(text, l37="…") replaces line 37 (1-based)."""
    lines = seed_text.split("\n")
    for key, value in changes.items():
        lines[int(key[1:]) - 1] = value
    return "\n".join(lines)


def truncated(seed_text: str) -> str:
    lines = seed_text.split("\n")
    return "\n".join(lines[: int(len(lines) * 0.6)])


def toc_title_changed(seed_text: str) -> str:
    line = seed_text.split("\n")[36]
    assert line == "- 4 重庆市綦江区人民政府关于王昌鹏等同志职务任免的通知"
    return edited(seed_text, l37=line.replace("职务任免", "职务任命"))


def toc_lines_swapped(seed_text: str) -> str:
    lines = seed_text.split("\n")
    assert lines[36].endswith("职务任免的通知") and lines[37].endswith("区长奖的决定")
    return edited(seed_text, l37=lines[37], l38=lines[36])


def date_impossible(seed_text: str) -> str:
    assert seed_text.split("\n")[120] == "2021年6月27日"
    return edited(seed_text, l121="2021年2月30日")


# Each broken issue, with the (code, line) of every error an editor would expect from the text.
BROKEN = {
    # cut in 綦江府办〔2021〕25号: 26号, 16号, 41号 and the four news are gone; the TOC lines name them
    "truncated": (truncated, {("toc_item_missing", line) for line in (46, 79, 80, 84, 85, 86, 87)}),
    "toc-title-changed": (toc_title_changed, {("toc_item_missing", 37), ("item_not_in_toc", 101)}),
    "toc-lines-swapped": (toc_lines_swapped, None),
    "date-impossible": (date_impossible, {("bad_date", 121)}),
}


@pytest.fixture(params=list(BROKEN))
def broken(request, seed_text):
    make, expected = BROKEN[request.param]
    return request.param, make(seed_text), expected


def test_it_reports_errors_with_a_chinese_message_and_a_line(broken):
    name, text, _ = broken
    errors = [p for p in parse_text(text).problems if p.severity == "error"]
    assert errors, name
    for problem in errors:
        assert CJK_RE.search(problem.message), problem
        assert problem.line >= 1


def test_it_reports_each_missing_item_of_a_truncated_issue_at_its_toc_line(seed_text):
    result = parse_text(truncated(seed_text))
    errors = {(p.code, p.line) for p in result.problems if p.severity == "error"}
    assert errors == BROKEN["truncated"][1]
    missing = {p.line: p.message for p in result.problems if p.code == "toc_item_missing"}
    assert "綦江区支持科技创新若干财政金融政策" in missing[46]
    assert "29" in missing[46]


def test_it_reports_a_toc_title_that_matches_no_item(seed_text):
    result = parse_text(toc_title_changed(seed_text))
    errors = {(p.code, p.line) for p in result.problems if p.severity == "error"}
    assert errors == BROKEN["toc-title-changed"][1]
    missing = next(p for p in result.problems if p.code == "toc_item_missing")
    assert "职务任命" in missing.message


def test_it_reports_a_toc_out_of_the_items_order(seed_text):
    result = parse_text(toc_lines_swapped(seed_text))
    errors = [p for p in result.problems if p.severity == "error"]
    assert {p.code for p in errors} == {"toc_order"}
    assert all(p.line in (37, 38) for p in errors)


def test_it_reports_a_date_that_does_not_exist(seed_text):
    result = parse_text(date_impossible(seed_text))
    errors = [p for p in result.problems if p.severity == "error"]
    assert {(p.code, p.line) for p in errors} == {("bad_date", 121)}
    assert "2021年2月30日" in errors[0].message
    doc = next(d for d in result.documents if d.number == "綦江府人〔2021〕3号")
    assert doc.signed_on is None


def test_it_refuses_to_import_an_issue_with_errors_and_writes_nothing(db, broken):
    name, text, expected = broken
    with pytest.raises(ImportRefused) as caught:
        import_bytes(text.encode(), source=f"{name}.txt")
    assert_clear(caught.value)
    if expected is not None:
        first = min(expected, key=lambda e: e[1])
        assert (caught.value.code, caught.value.line) == first
    assert db_is_empty()


def test_it_refuses_the_impossible_date_naming_its_line(db, seed_text):
    with pytest.raises(ImportRefused) as caught:
        import_bytes(date_impossible(seed_text).encode(), source="date.txt")
    assert caught.value.code == "bad_date"
    assert caught.value.line == 121
    assert "第121行" in str(caught.value)
    assert db_is_empty()


def test_it_keeps_what_was_imported_when_a_later_import_is_refused(db, seed_bytes, seed_text):
    from zhengwu.gazette import models as m

    import_bytes(seed_bytes, source="seed.txt")
    before = (m.Issue.objects.count(), m.Document.objects.count(), m.Item.objects.count(),
              m.ImportRun.objects.count())
    with pytest.raises(ImportRefused):
        import_bytes(toc_title_changed(seed_text).encode(), source="changed.txt")
    after = (m.Issue.objects.count(), m.Document.objects.count(), m.Item.objects.count(),
             m.ImportRun.objects.count())
    assert after == before == (1, 9, 14, 1)
    assert m.Document.objects.get(number="綦江府人〔2021〕3号").signed_on.isoformat() == "2021-06-27"


# ---------------------------------------------------------------- a lone document


@pytest.fixture
def lone_text(seed_text) -> str:
    """Lines 126–184 of the seed: 綦江府发〔2021〕10号 from its header to its printing line."""
    lines = seed_text.split("\n")[125:184]
    assert lines[0] == "重庆市綦江区人民政府文件" and lines[-1] == "2021 年 5 月 24 日印发"
    return "\n".join(lines)


def test_it_reads_a_lone_document_without_an_issue(lone_text):
    result = parse_text(lone_text)
    data = result.as_json()
    assert data["issue"] is None
    assert data["news"] == []
    assert len(data["documents"]) == 1
    doc = data["documents"][0]
    assert doc["number"] == "綦江府发〔2021〕10号"
    assert doc["number_as_printed"] == "綦江府发[2021]10号"
    assert doc["header"] == "重庆市綦江区人民政府文件"
    assert doc["issuers"] == ["重庆市綦江区人民政府"]
    assert doc["title"] == "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定"
    assert doc["type"] == "决定"
    assert doc["addressees"] == ["各街道办事处", "各镇人民政府", "区政府各部门", "在綦市属机构", "有关单位"]
    assert doc["signed_on"] == "2021-05-24"
    assert [(a["number"], a["title"], a["omitted"]) for a in doc["attachments"]] == [
        (1, "綦江区第九届青少年科技创新区长奖获奖名单", False),
        (2, "綦江区第九届青少年科技创新区长提名奖获奖名单", False),
    ]
    assert doc["cc"] == ["区委办公室", "人大常委会办公室", "区政协办公室", "区纪委监委机关", "区法院", "区检察院", "区人武部"]
    assert doc["printed_by"] == "重庆市綦江区人民政府办公室"
    assert doc["printed_on"] == "2021-05-24"
    assert doc["public"] is True
    assert doc["section"] is None and doc["page"] is None
    assert (doc["line"], doc["end_line"]) == (1, 59)


def test_it_reports_only_the_bracket_number_of_a_lone_document(lone_text):
    problems = parse_text(lone_text).problems
    assert [(p.code, p.line, p.severity) for p in problems] == [("number_brackets", 3, "warning")]


def test_it_imports_a_lone_document_without_an_issue(db, lone_text):
    from zhengwu.gazette import models as m

    outcome = import_bytes(lone_text.encode(), source="lone.txt")
    assert outcome.issue is None
    assert [d.number for d in outcome.documents] == ["綦江府发〔2021〕10号"]
    assert m.Issue.objects.count() == 0 and m.Item.objects.count() == 0
    doc = m.Document.objects.get()
    assert doc.issue is None and doc.public is True and doc.attachments.count() == 2
