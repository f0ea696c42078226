"""Importing the seed issue into the real database: what is written, re-import, lone documents, atomicity."""
import datetime as dt
import hashlib

import pytest

from zhengwu.core.errors import DomainError
from zhengwu.gazette import models as m
from zhengwu.gazette.importer import ImportRefused, import_bytes, import_file

pytestmark = pytest.mark.django_db

# The nine documents in printed order, numbers in canonical 〔〕 form.
CANONICAL_NUMBERS = [
    "綦江府人〔2021〕3号",
    "綦江府发〔2021〕10号",
    "綦江府办发〔2021〕23号",
    "綦江府办〔2021〕24号",
    "綦江府办发〔2021〕24号",
    "綦江府办〔2021〕25号",
    "綦江府办发〔2021〕26号",
    "綦普法办〔2021〕16号",
    "綦应急发〔2021〕41号",
]
SECTIONS = [
    "卷首语",
    "重庆市綦江区人民政府文件",
    "重庆市綦江区人民政府办公室文件",
    "重庆市綦江区人民政府部门文件",
    "政务要闻",
]
ITEM_KINDS = ["editorial"] + ["document"] * 9 + ["news"] * 4
ITEM_PAGES = [1, 4, 5, 8, 13, 17, 24, 29, 33, 36, 40, 40, 40, 40]
ITEM_SECTIONS = [SECTIONS[0]] + [SECTIONS[1]] * 2 + [SECTIONS[2]] * 5 + [SECTIONS[3]] * 2 + [SECTIONS[4]] * 4
NEWS_TITLES = [
    "区商务委推动全区商贸服务业发展成效显著",
    "区政务服务办围绕四个“一”深化政务服务改革",
    "安稳镇“三色经济”领跑转型发展",
    "横山镇“三新”开启经济发展新篇章",
]
TRANSMITTED = {
    "綦江府办发〔2021〕23号": "綦江区居民小区“楼层撤桶楼下并点、定时定点分类投放生活垃圾”实施方案",
    "綦江府办发〔2021〕24号": "南岸区、綦江区与石柱县“十四五”“一区两群”对口协同发展实施方案",
    "綦江府办发〔2021〕26号": "綦江区支持科技创新若干财政金融政策",
    "綦应急发〔2021〕41号": "重庆市綦江区安全生产举报奖励办法",
}
GAZETTE_MODELS = [m.Issue, m.BoardMember, m.Section, m.Item, m.Document, m.Part, m.Node, m.Attachment,
                  m.Citation, m.ImportRun]

# Lines 126–184 of the seed (1-based, inclusive): 綦江府发[2021]10号 from its header line to its 印发 line.
LONE_FIRST, LONE_LAST = 126, 184


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in GAZETTE_MODELS}


def seed_issue() -> m.Issue:
    return m.Issue.objects.get(year=2021, number=6)


def doc(number: str) -> m.Document:
    return m.Document.objects.get(number=number)


def walk_count(result) -> int:
    return sum(1 for d in result.documents for p in d.parts for root in p.body for _ in root.walk())


class Boom(Exception):
    """Raised by a patched ORM call to fail an import in the middle of its transaction."""


def fail_on_call(monkeypatch, manager, method: str, on_call: int, seen: dict) -> None:
    """Make `manager.method` raise Boom on its `on_call`-th call; record what the DB held just then."""
    original = getattr(manager, method)
    seen["calls"] = 0

    def wrapper(*args, **kwargs):
        seen["calls"] += 1
        if seen["calls"] == on_call:
            seen["at_failure"] = counts()  # what the open transaction holds when it breaks
            raise Boom(f"{method} call {on_call}")
        return original(*args, **kwargs)

    monkeypatch.setattr(manager, method, wrapper)


# --- a fresh import of the seed ------------------------------------------------------------------------


def test_seed_import_creates_one_issue(imported_seed):
    issue = seed_issue()
    assert m.Issue.objects.count() == 1
    assert (issue.year, issue.number, issue.cumulative_number) == (2021, 6, 112)
    assert issue.gazette == "重庆市綦江区人民政府公报"
    assert issue.published_on == dt.date(2021, 7, 10)
    assert issue.label == "2021年第6期（总第112期）"
    assert issue.supervisor == "重庆市綦江区人民政府"
    assert issue.postcode == "401420"
    assert issue.website == "http://www.cqqj.gov.cn"
    assert issue.print_permit == "NO.43700"
    assert issue.slogans == ["传达政令 宣传政策", "指导工作 服务社会"]
    assert imported_seed.issue == issue
    assert imported_seed.created is True


def test_seed_import_documents_have_canonical_numbers(imported_seed):
    assert m.Document.objects.count() == 9
    assert sorted(m.Document.objects.values_list("number", flat=True)) == sorted(CANONICAL_NUMBERS)
    in_order = [item.document.number for item in seed_issue().items.filter(kind="document").order_by("order")]
    assert in_order == CANONICAL_NUMBERS
    assert [d.number for d in imported_seed.documents] == CANONICAL_NUMBERS
    decision = doc("綦江府发〔2021〕10号")
    assert decision.number_as_printed == "綦江府发[2021]10号"
    assert (decision.agency_code, decision.year, decision.serial) == ("綦江府发", 2021, 10)
    assert decision.title == "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定"
    assert decision.doc_type == "决定"
    assert decision.signed_on == dt.date(2021, 5, 24)
    assert decision.printed_on == dt.date(2021, 5, 24)
    assert decision.public is True
    joint = doc("綦应急发〔2021〕41号")
    assert joint.issuers == ["重庆市綦江区应急管理局", "重庆市綦江区财政局"]


def test_seed_import_sections_in_printed_order(imported_seed):
    assert list(seed_issue().sections.order_by("order").values_list("name", flat=True)) == SECTIONS


def test_seed_import_items_kinds_order_pages_sections(imported_seed):
    # The brief guessed 15 items; the issue has 1 editorial + 9 documents + 4 news briefs = 14.
    items = list(seed_issue().items.order_by("order").select_related("section"))
    assert len(items) == 14
    assert [i.kind for i in items] == ITEM_KINDS
    assert [i.order for i in items] == list(range(14))
    assert [i.page for i in items] == ITEM_PAGES
    assert [i.section.name for i in items] == ITEM_SECTIONS
    editorial = items[0]
    assert editorial.title == "做党和人民的“骆驼”（人民论坛）"
    assert (editorial.source, editorial.source_date, editorial.source_page) == ("人民日报", dt.date(2021, 6, 1), "第04版")
    assert len(editorial.paragraphs) == 7
    assert [i.title for i in items[10:]] == NEWS_TITLES
    assert all(i.paragraphs for i in items[10:])
    for item in items[1:10]:
        assert item.document.title == item.title


def test_seed_import_editorial_board(imported_seed):
    board = list(seed_issue().board.order_by("order"))
    assert len(board) == 15
    assert (board[0].role, board[0].name) == ("顾问", "罗成")
    assert [b.name for b in board if b.role == "副主任"] == ["王健", "孙荣康", "张扬", "邹鸿", "陈雪", "吴峰",
                                                            "陈智", "吕春林", "李昌凤"]
    assert [(b.role, b.name) for b in board[-4:]] == [("主编", "陈智"), ("责任编辑", "高琳"), ("编辑", "李倩"),
                                                      ("编辑", "李科")]


def test_seed_import_parts(imported_seed):
    for number in CANONICAL_NUMBERS:
        parts = list(doc(number).parts.order_by("order"))
        assert parts[0].kind == "main" and parts[0].order == 0
        assert parts[0].title == doc(number).title
        transmitted = [p for p in parts if p.kind == "transmitted"]
        if number in TRANSMITTED:
            assert len(transmitted) == 1, number
            assert transmitted[0].title == TRANSMITTED[number]
            assert transmitted[0].anchor == "t1"
        else:
            assert transmitted == [], number
    assert m.Part.objects.filter(kind="transmitted").count() == 4
    assert m.Part.objects.count() == 13
    assert m.Part.objects.get(document__number="綦应急发〔2021〕41号", kind="transmitted").doc_type == "办法"


def test_seed_import_attachments(imported_seed):
    names = list(doc("綦江府发〔2021〕10号").attachments.order_by("order"))
    assert [(a.number, a.omitted, a.listed) for a in names] == [(1, False, True), (2, False, True)]
    assert names[0].title == "綦江区第九届青少年科技创新区长奖获奖名单"
    assert names[1].title == "綦江区第九届青少年科技创新区长提名奖获奖名单"
    assert [len(a.paragraphs) for a in names] == [10, 10]
    assert names[0].paragraphs[0].startswith("王 烁")
    assert names[1].paragraphs[-1].startswith("梅锋睿")

    garbage = list(doc("綦江府办发〔2021〕23号").attachments.order_by("order"))
    assert [(a.number, a.omitted) for a in garbage] == [(1, False), (2, True)]
    assert garbage[0].paragraphs and garbage[1].paragraphs == []

    reward = list(doc("綦应急发〔2021〕41号").attachments.all())
    assert len(reward) == 1
    assert reward[0].omitted is True
    assert reward[0].title == "各行业领域安全生产重点举报事项清单"
    assert m.Attachment.objects.count() == 5


def test_seed_import_nodes_and_anchors(imported_seed, seed_result):
    assert m.Node.objects.count() == walk_count(seed_result)
    part = m.Part.objects.get(document__number="綦应急发〔2021〕41号", kind="transmitted")
    articles = list(part.nodes.filter(parent=None).order_by("order"))
    assert [a.anchor for a in articles] == [f"t1-art{i}" for i in range(1, 17)]
    assert all(a.kind == "article" for a in articles)
    assert articles[4].number == "第五条"
    items = list(articles[4].children.order_by("order"))
    assert [(c.number, c.anchor, c.kind) for c in items] == [("（一）", "t1-art5-1", "heading"),
                                                              ("（二）", "t1-art5-2", "heading")]
    # `order` is reading order across the whole part: each child follows its parent.
    assert all(c.order > articles[4].order for c in items)
    assert items[0].line == 977
    # Anchors are unique within a part.
    for p in m.Part.objects.all():
        anchors = [a for a in p.nodes.values_list("anchor", flat=True) if a]
        assert len(anchors) == len(set(anchors)), p.title


def test_seed_import_citations(imported_seed, seed_result):
    assert m.Citation.objects.count() == sum(len(d.citations) for d in seed_result.documents)
    policy = doc("綦江府办发〔2021〕26号")
    assert policy.citations.filter(number="渝府办发〔2021〕47号").count() == 1
    cited = policy.citations.get(number="渝府办发〔2021〕47号")
    assert cited.title.startswith("重庆市人民政府办公厅")
    # A citation of a document the gazette does not hold has no target; every number is canonical.
    assert cited.target is None
    assert all("〔" in n for n in m.Citation.objects.exclude(number="").values_list("number", flat=True))


def test_seed_import_records_one_run(imported_seed, seed_result, seed_bytes, seed_path):
    assert m.ImportRun.objects.count() == 1
    run = m.ImportRun.objects.get()
    assert run.issue == seed_issue()
    assert run.source == str(seed_path)
    assert run.sha256 == hashlib.sha256(seed_bytes).hexdigest()
    assert run.encoding == "utf-8"
    assert run.created is True
    assert run.documents == CANONICAL_NUMBERS
    assert run.repairs == [r.as_json() for r in seed_result.repairs]
    # the parser's problems, then the checker's own findings (shown to editors on import)
    kept = {(p["code"], p["line"], p["message"]) for p in run.problems}
    assert kept >= {(p.code, p.line, p.message) for p in seed_result.problems}
    checker = {(p["code"], p["line"], p["document"]) for p in run.problems}
    assert ("heading_repeated", 264, "綦江府办发〔2021〕23号") in checker
    assert ("stray_foreign_word", 487, "綦江府办发〔2021〕24号") in checker
    assert ("date_format", 184, "綦江府发〔2021〕10号") in checker
    assert len(run.repairs) > 0
    assert {p["code"] for p in run.problems} >= {"number_brackets"}
    assert all(p["severity"] == "warning" for p in run.problems)


# --- re-import -----------------------------------------------------------------------------------------


def test_reimport_updates_in_place(imported_seed, seed_path):
    before = counts()
    issue_pk = seed_issue().pk
    doc_pks = dict(m.Document.objects.values_list("number", "pk"))

    outcome = import_file(seed_path)

    after = counts()
    assert after.pop("ImportRun") == before.pop("ImportRun") + 1 == 2
    assert after == before
    assert outcome.created is False
    assert seed_issue().pk == issue_pk
    assert dict(m.Document.objects.values_list("number", "pk")) == doc_pks
    assert [d.pk for d in outcome.documents] == [doc_pks[n] for n in CANONICAL_NUMBERS]
    latest = m.ImportRun.objects.order_by("-pk").first()
    assert latest.created is False
    assert latest.issue_id == issue_pk
    # Every document points at one of the new items of the same issue.
    assert set(m.Document.objects.values_list("item__issue", flat=True)) == {issue_pk}


def test_reimport_overwrites_title_edited_in_database(imported_seed, seed_path):
    """Current behaviour: the text file wins — an editor's change in the DB is lost on re-import."""
    number = "綦江府办〔2021〕25号"
    original = doc(number).title
    m.Document.objects.filter(number=number).update(title="编辑在后台改过的标题")
    assert doc(number).title == "编辑在后台改过的标题"

    import_file(seed_path)

    assert doc(number).title == original
    assert doc(number).item.title == original


# --- a lone document, then its issue ---------------------------------------------------------------------


def lone_decision(seed_text: str) -> bytes:
    lines = seed_text.splitlines()
    assert lines[LONE_FIRST - 1] == "重庆市綦江区人民政府文件"
    assert lines[LONE_LAST - 1] == "2021 年 5 月 24 日印发"
    return ("\n".join(lines[LONE_FIRST - 1:LONE_LAST]) + "\n").encode("utf-8")


def test_lone_document_imports_without_issue(seed_text):
    outcome = import_bytes(lone_decision(seed_text), source="lone-10.txt")
    assert outcome.issue is None
    assert outcome.news == 0
    assert m.Issue.objects.count() == 0
    assert m.Item.objects.count() == 0
    decision = m.Document.objects.get()
    assert decision.number == "綦江府发〔2021〕10号"
    assert decision.item is None and decision.issue is None
    assert decision.attachments.count() == 2
    assert decision.printed_on == dt.date(2021, 5, 24)
    run = m.ImportRun.objects.get()
    assert run.issue is None
    assert run.documents == ["綦江府发〔2021〕10号"]


def test_issue_import_adopts_the_lone_document(seed_text, seed_path):
    import_bytes(lone_decision(seed_text), source="lone-10.txt")
    lone_pk = m.Document.objects.get().pk

    import_file(seed_path)

    assert m.Document.objects.count() == 9
    assert m.Document.objects.filter(number="綦江府发〔2021〕10号").count() == 1
    decision = doc("綦江府发〔2021〕10号")
    assert decision.pk == lone_pk
    assert decision.issue == seed_issue()
    assert decision.item.page == 5
    assert decision.item.order == 2
    assert decision.attachments.count() == 2  # replaced, not duplicated
    assert m.ImportRun.objects.count() == 2


# --- refusal and atomicity ---------------------------------------------------------------------------


def test_refused_import_writes_nothing(seed_text):
    # Deleting the TOC line of the 25号 notice (line 45) leaves a document the TOC does not list: an error.
    lines = seed_text.splitlines()
    assert lines[44].startswith("24 ")
    damaged = "\n".join(lines[:44] + lines[45:]).encode("utf-8")
    with pytest.raises(ImportRefused) as caught:
        import_bytes(damaged, source="damaged.txt")
    assert isinstance(caught.value, DomainError)
    assert caught.value.code == "item_not_in_toc"
    assert all(n == 0 for n in counts().values())


@pytest.mark.django_db(transaction=True)
def test_failure_midway_leaves_nothing(monkeypatch, seed_path):
    seen: dict = {}
    fail_on_call(monkeypatch, m.Citation.objects, "bulk_create", 5, seen)

    with pytest.raises(Boom):
        import_file(seed_path)

    assert seen["calls"] == 5
    # Inside the transaction the issue and four documents (and the fifth's row) had been written …
    assert seen["at_failure"]["Issue"] == 1
    assert seen["at_failure"]["Document"] == 5
    assert seen["at_failure"]["Node"] > 0
    # … and the rollback took every one of them away.
    assert counts() == {model.__name__: 0 for model in GAZETTE_MODELS}


@pytest.mark.django_db(transaction=True)
def test_failure_midway_attachments_leaves_nothing(monkeypatch, seed_path):
    seen: dict = {}
    fail_on_call(monkeypatch, m.Attachment.objects, "bulk_create", 5, seen)

    with pytest.raises(Boom):
        import_file(seed_path)

    assert seen["at_failure"]["Document"] == 5
    assert counts() == {model.__name__: 0 for model in GAZETTE_MODELS}


def snapshot() -> dict:
    return {
        "counts": counts(),
        "issue": m.Issue.objects.values("pk", "year", "number", "cumulative_number", "gazette").get(),
        "documents": {d.number: (d.pk, d.title, d.item.issue_id, d.item.page)
                      for d in m.Document.objects.select_related("item")},
        "items": list(m.Item.objects.order_by("order").values_list("pk", "kind", "title", "page")),
        "sections": list(m.Section.objects.order_by("order").values_list("pk", "name")),
        "board": list(m.BoardMember.objects.order_by("order").values_list("role", "name")),
        "nodes": list(m.Node.objects.order_by("pk").values_list("pk", "anchor", "parent_id")),
        "runs": list(m.ImportRun.objects.values_list("pk", "created")),
    }


@pytest.mark.django_db(transaction=True)
def test_reimport_failure_midway_keeps_first_import(monkeypatch, seed_path):
    import_file(seed_path)
    number = "綦江府办〔2021〕25号"
    m.Document.objects.filter(number=number).update(title="编辑改过的标题")
    before = snapshot()
    assert before["counts"]["Document"] == 9

    seen: dict = {}
    fail_on_call(monkeypatch, m.Citation.objects, "bulk_create", 5, seen)
    with pytest.raises(Boom):
        import_file(seed_path)

    assert seen["calls"] == 5
    # Mid-transaction the old items, sections and board had already been deleted and rewritten …
    assert seen["at_failure"]["ImportRun"] == 1
    # … yet afterwards the first import is exactly as it was, the editor's title included.
    assert snapshot() == before
    assert doc(number).title == "编辑改过的标题"
    assert doc("綦江府发〔2021〕10号").title == "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定"
    assert m.ImportRun.objects.count() == 1
