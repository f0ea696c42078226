"""Edge cases found while benchmarking: each one a text an editor could really hand in."""
import pytest

from zhengwu.gazette.parsing import ParseError, parse_text

LONE = """綦江府发〔2021〕10号

重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定

各街道办事处，各镇人民政府：

决定授予王烁等10人綦江区第九届青少年科技创新区长奖。

重庆市綦江区人民政府

2021年5月24日

{note}
"""


def test_it_counts_lines_like_an_editor_when_form_feeds_mark_pages():
    result = parse_text("\f" + LONE.format(note="（此件公开发布）"))
    assert result.documents[0].line == 1
    assert result.documents[0].signed_on.isoformat() == "2021-05-24"


@pytest.mark.parametrize(("note", "public"), [("（此件公开发布）", True), ("（此件依申请公开）", False),
                                              ("（此件不予公开发布）", False)])
def test_it_calls_a_document_public_only_when_its_note_says_so(note, public):
    assert parse_text(LONE.format(note=note)).documents[0].public is public


def test_it_keeps_an_acronym_line_that_is_not_a_running_header():
    result = parse_text(LONE.format(note="APEC"))
    assert not [r for r in result.repairs if r.kind == "running_header"]


def test_it_drops_a_pinyin_running_header():
    result = parse_text(LONE.format(note="ChongQingShiQiJiangQuRenMinZhengFuWenJian"))
    assert [r.line for r in result.repairs if r.kind == "running_header"] == [13]


ISSUE_WITHOUT_DOCUMENTS = """卷首语标题

正文一段。

重庆市綦江区人民政府公报

2021年第7期（总第113期）

2021年8月10日出版

目录

卷首语

1 卷首语标题

政务要闻

2 △第一条要闻

政务要闻

△第一条要闻

要闻正文。
"""


def test_it_reads_the_news_of_an_issue_without_documents():
    result = parse_text(ISSUE_WITHOUT_DOCUMENTS)
    assert [n.title for n in result.news] == ["第一条要闻"]
    assert not result.errors


def test_it_is_not_thrown_by_a_document_number_quoted_before_the_masthead():
    text = ISSUE_WITHOUT_DOCUMENTS.replace("正文一段。", "国发〔2021〕1号")
    result = parse_text(text)
    assert result.issue.number == 7
    assert result.documents == []


def test_it_writes_heading_numbers_above_ten_in_chinese():
    articles = "\n\n".join(f"第{n}条 内容。" for n in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                                      "十一", "十二", "十二"])
    result = parse_text(LONE.format(note="").replace("决定授予王烁等10人綦江区第九届青少年科技创新区长奖。", articles))
    repeated = [p for p in result.problems if p.code == "heading_repeated"]
    assert len(repeated) == 1 and "第十三条" in repeated[0].message


def test_it_takes_issuers_from_the_signature_when_the_title_does_not_name_bodies():
    text = LONE.format(note="").replace("重庆市綦江区人民政府关于颁发", "转发市政府关于颁发")
    assert parse_text(text).documents[0].issuers == ["重庆市綦江区人民政府"]


def test_it_refuses_plain_prose():
    with pytest.raises(ParseError) as caught:
        parse_text("从前有座山，山里有座庙。\n庙里有个老和尚。")
    assert caught.value.code == "not_a_gazette"
