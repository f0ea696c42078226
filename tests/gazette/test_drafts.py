"""The gazette's door for programmes (gazette.drafts): a programme's document lands in the draft issue,
unpublished but indexed, is updated in place when added again, and bad text writes nothing."""
import datetime as dt
import io

import docx
import pytest

from zhengwu.core.errors import DomainError
from zhengwu.gazette import drafts
from zhengwu.gazette import models as g
from zhengwu.gazette.search import search
from zhengwu.gazette.search.models import SearchEntry

NUMBER = "綦江府发〔2030〕7号"
TEXT = """重庆市綦江区人民政府文件

綦江府发[2030]7号

重庆市綦江区人民政府关于开展稿件入口测试工作的通知

各街道办事处、各镇人民政府，区政府各部门：

为检验公报稿件入口，现将有关事项通知如下。

一、稿件由各系统生成后放入正在编辑的一期公报。

二、编辑发布该期公报后，稿件对公众可见。

重庆市綦江区人民政府

2030年3月1日

(此件公开发布)
"""
SECTION = "区人民政府文件"


def _counts() -> tuple[int, ...]:
    return (g.Issue.objects.count(), g.Item.objects.count(), g.Document.objects.count(), g.ImportRun.objects.count(),
            SearchEntry.objects.count())


def test_a_programme_document_lands_unpublished_in_a_new_draft_issue(db, client):
    draft = drafts.add_to_draft_issue(TEXT, section=SECTION, source="test:1")
    assert draft.created and draft.number == NUMBER and draft.parsed.number == NUMBER
    document = g.Document.objects.get(number=NUMBER)
    assert document == draft.document and document.issue == draft.issue
    issue = draft.issue
    assert not issue.published and issue.year == 2030 and issue.number == 1
    assert issue.gazette == drafts.GAZETTE_NAME
    assert document.item.section.name == SECTION and document.item.order == 0
    assert client.get(document.get_absolute_url()).status_code == 404  # a draft until the issue is published
    assert SearchEntry.objects.filter(document=document, issue=issue).exists()
    assert search("稿件入口").total == 0
    g.Issue.objects.filter(pk=issue.pk).update(published=True)
    assert search("稿件入口").total == 1
    assert client.get(document.get_absolute_url()).status_code == 200


def test_adding_the_same_number_again_updates_it_in_place(db):
    first = drafts.add_to_draft_issue(TEXT, section=SECTION, source="test:1")
    before = _counts()
    again = drafts.add_to_draft_issue(TEXT.replace("开展稿件入口测试工作", "开展稿件入口复查工作"), section=SECTION,
                                      source="test:2")
    assert not again.created and again.document.pk == first.document.pk and again.issue.pk == first.issue.pk
    assert _counts() == (before[0], before[1], before[2], before[3] + 1, before[4])  # one more import run only
    item = g.Item.objects.get(issue=first.issue)
    assert item.title == "重庆市綦江区人民政府关于开展稿件入口复查工作的通知" == again.document.title
    assert SearchEntry.objects.filter(document=again.document).count() == 1


def test_a_second_document_follows_the_first_in_the_same_draft(db):
    first = drafts.add_to_draft_issue(TEXT, section=SECTION, source="test:1")
    second = drafts.add_to_draft_issue(TEXT.replace("7号", "8号"), section="区政府办公室文件", source="test:2")
    assert second.issue.pk == first.issue.pk
    assert second.document.item.order == 1 and second.document.item.section.order == 1


def test_an_imported_issue_is_left_alone_and_its_numbers_refused(imported_seed):
    seed_issue = imported_seed.issue
    draft = drafts.add_to_draft_issue(TEXT, section=SECTION, source="test:1")
    assert draft.issue.pk != seed_issue.pk and draft.issue.number == 1 and draft.issue.year == 2030
    assert draft.issue.cumulative_number == seed_issue.cumulative_number + 1
    taken = imported_seed.documents[0].number
    before = _counts()
    with pytest.raises(DomainError) as info:
        drafts.add_to_draft_issue(TEXT.replace("綦江府发[2030]7号", taken), section=SECTION, source="test:2")
    assert info.value.code == "number_taken" and taken in info.value.message
    assert _counts() == before


@pytest.mark.parametrize(("text", "line", "code"), [
    (TEXT.replace("2030年3月1日", "2030年2月30日"), 17, "bad_date"),
    (TEXT + "\n" + TEXT.replace("7号", "8号"), None, "not_one_document"),
    ("这不是公文", 1, "not_a_gazette"),
])
def test_bad_text_names_the_line_and_writes_nothing(db, text, line, code):
    with pytest.raises(DomainError) as info:
        drafts.add_to_draft_issue(text, section=SECTION, source="test:bad")
    assert info.value.code == code and info.value.line == line
    if line:
        assert str(info.value).startswith(f"第{line}行")
    assert _counts() == (0, 0, 0, 0, 0)


def test_document_docx_gives_the_gazette_word_file(db):
    draft = drafts.add_to_draft_issue(TEXT, section=SECTION, source="test:1")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(drafts.document_docx(draft.document))).paragraphs]
    assert "重庆市綦江区人民政府文件" in paragraphs and NUMBER in paragraphs and "2030年3月1日" in paragraphs


def test_an_imported_unpublished_issue_is_not_used_as_the_draft(imported_seed):
    imported = imported_seed.issue
    imported.published = False
    imported.save()
    draft = drafts.draft_issue(dt.date(2022, 4, 28))
    assert draft != imported and not draft.published and (draft.year, draft.number) == (2022, 1)
    assert draft.gazette == imported.gazette
    assert drafts.draft_issue(dt.date(2022, 5, 1)) == draft  # the issue this system opened is reused
