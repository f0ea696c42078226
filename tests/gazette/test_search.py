"""Full-text search over the imported seed issue: the function, segmentation, index upkeep, CLI and API.

Runs on whichever database DATABASE_URL names (SQLite posting arrays or PostgreSQL tsvector); every trap is asserted on
facts of the seed text, so both backends must give the same answers.
"""
import html
import json
import re

import pytest
import rjieba
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import SEED
from zhengwu.core.errors import DomainError
from zhengwu.gazette.importer import import_bytes
from zhengwu.gazette.models import Document, Issue
from zhengwu.gazette.search import rebuild_index, search
from zhengwu.gazette.search.backends import PostgresBackend, PostingsBackend, backend
from zhengwu.gazette.search.models import SearchEntry
from zhengwu.gazette.search.segment import fold_case, index_terms, normalize, query_terms, tokens

DOC3 = "綦江府人〔2021〕3号"
DOC10 = "綦江府发〔2021〕10号"
DOC23 = "綦江府办发〔2021〕23号"
OFFICE24 = "綦江府办〔2021〕24号"  # the PPP and 未成年人保护 groups
PLAN24 = "綦江府办发〔2021〕24号"  # 南岸区、綦江区与石柱县 对口协同
DOC25 = "綦江府办〔2021〕25号"
DOC26 = "綦江府办发〔2021〕26号"
LAW16 = "綦普法办〔2021〕16号"
DOC41 = "綦应急发〔2021〕41号"
ALL_NUMBERS = {DOC3, DOC10, DOC23, OFFICE24, PLAN24, DOC25, DOC26, LAW16, DOC41}
GOVERNMENT = "重庆市綦江区人民政府"
OFFICE = "重庆市綦江区人民政府办公室"
LONE_DOCUMENT = """綦江府发〔2021〕99号

重庆市綦江区人民政府关于测试搜索转义的通知

各街道办事处：

请在网页中显示 <script>alert(1)</script> 与 A&B 公司的“就业”补贴名单。

重庆市綦江区人民政府

2021年6月30日
"""


def numbers(result) -> set[str]:
    return {hit.number for hit in result.results}


def visible_text(snippet: str) -> str:
    return html.unescape(re.sub(r"</?mark>", "", str(snippet))).strip("…")


def marked(snippet: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", str(snippet))


@pytest.fixture
def seed(imported_seed):
    return imported_seed


# --- segmentation -----------------------------------------------------------------------------------------

def test_precise_mode_keeps_people_government_whole_where_search_mode_splits_it():
    # The trap itself: jieba's search mode emits 民政 from inside 人民政府; the index never does.
    assert "民政" in rjieba.cut_for_search("各镇人民政府")
    assert "民政" not in index_terms("各镇人民政府").split()
    assert {"人民政府", "人民", "政府"} <= set(index_terms("各镇人民政府").split())
    assert "民政" in index_terms("设在区民政局").split()


def test_the_district_dictionary_keeps_place_and_body_names_whole():
    words = [w for w, _, _ in tokens("建成区古南街道、石角镇、区应急局、区安委会、綦江区")]
    assert words == ["建成区", "古南街道", "石角镇", "区应急局", "区安委会", "綦江区"]


def test_query_terms_are_precise_lower_case_and_fold_full_width():
    assert query_terms("PPP项目") == ["ppp", "项目"]
    assert query_terms("ＰＰＰ项目") == ["ppp", "项目"]
    assert query_terms("人民政府") == ["人民政府"]
    assert query_terms("“就业”，奖励！") == ["就业", "奖励"]
    assert query_terms("！？。") == []
    assert query_terms("0¼ ①号") == ["0", "号"]  # other numerals are no word characters (PostgreSQL drops them)


def test_normalize_keeps_offsets():
    text = "ＰＰＰ\u3000项目\x00"
    assert len(normalize(text)) == len(text) and normalize(text) == "PPP 项目 "


# --- the traps --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    ("就业", {DOC3, PLAN24}),  # 就业和人才中心; 就业信息共享机制
    ("奖励", {DOC41, OFFICE24, PLAN24, DOC26}),
])
def test_two_character_queries_find_their_documents(seed, query, expected):
    assert numbers(search(query)) == expected


def test_a_prize_document_that_says_jiang_but_never_jiangli_is_not_a_hit(seed):
    text = SearchEntry.objects.get(number=DOC10).text
    assert "区长奖" in text and "奖励" not in text
    assert DOC10 not in numbers(search("奖励"))
    assert DOC10 in numbers(search("奖"))  # one character: every document that has it


def test_minzheng_is_not_found_inside_people_government(seed):
    result = search("民政")
    assert numbers(result) == {OFFICE24, DOC25, LAW16}  # each names 区民政局
    # 綦江府人〔2021〕3号 says 人民政府 in its very title (人-民政-府) and never 民政 otherwise.
    doc3 = SearchEntry.objects.get(number=DOC3)
    assert "人民政府" in doc3.title and "民政" not in doc3.text.replace("人民政府", "")
    assert DOC3 not in numbers(result) and DOC10 not in numbers(result)
    for hit in result.results:
        assert "民政" in marked(hit.snippet)
        assert "人<mark>民政</mark>府" not in hit.snippet and "人<mark>民政" not in hit.title_html


@pytest.mark.parametrize("query", ["PPP项目", "ppp项目", "ＰＰＰ项目", "PPP 项目"])
def test_mixed_chinese_and_latin(seed, query):
    result = search(query)
    assert [h.number for h in result.results] == [OFFICE24]
    assert "PPP项目" in marked(result.results[0].snippet)


@pytest.mark.parametrize("query", ["綦江府发[2021]10号", "綦江府发［２０２１］１０号", "綦江府发 〔2021〕 10 号",
                                   "綦江府发〔2021〕10号", "綦江府发(2021)第010号"])
def test_a_document_number_in_any_form_is_the_single_exact_result(seed, query):
    result = search(query)
    assert result.exact and result.total == 1 and result.number == DOC10
    assert [(h.number, h.url) for h in result.results] == [(DOC10, Document.objects.get(number=DOC10).get_absolute_url())]


def test_a_number_finds_its_document_before_the_index_holds_it(seed):
    """A document saved outside the importer (the admin, a script) has no entry until the index is rebuilt;
    its number still goes straight to it, with its own title, issuer and facets."""
    assert DOC10 in [h.number for h in search("区长奖", per_page=50).results]
    SearchEntry.objects.filter(document__number=DOC10).delete()
    assert DOC10 not in [h.number for h in search("区长奖", per_page=50).results]  # words no longer find it
    result = search("綦江府发[2021]10号")
    assert result.exact and result.total == 1
    hit = result.results[0]
    assert (hit.number, hit.url) == (DOC10, Document.objects.get(number=DOC10).get_absolute_url())
    assert hit.title == Document.objects.get(number=DOC10).title
    assert [v.value for v in result.facets["issuer"]] == [GOVERNMENT]
    assert not SearchEntry.objects.filter(document__number=DOC10).exists()  # shown, not written


@pytest.mark.parametrize(("query", "nearest"), [
    ("綦江府发〔2021〕11号", DOC10),  # one digit off
    ("綦江府办发〔2021〕62号", DOC26),  # two digits swapped
])
def test_a_misspelt_number_offers_the_nearest_existing_numbers(seed, query, nearest):
    result = search(query)
    assert not result.exact and result.total == 0 and result.results == []
    assert result.suggestions[0].number == nearest
    assert result.suggestions[0].url == Document.objects.get(number=nearest).get_absolute_url()
    assert {s.number for s in result.suggestions} <= ALL_NUMBERS


def test_the_swapped_serial_lists_every_close_number_of_the_same_office(seed):
    assert [s.number for s in search("綦江府办发〔2021〕62号").suggestions] == [DOC26, PLAN24, DOC23]


def test_a_cited_number_the_gazette_does_not_hold_lists_who_cites_it(seed):
    result = search("渝应急发[2021]32号")
    assert not result.exact and result.number == "渝应急发〔2021〕32号"
    assert numbers(result) == {DOC41}
    assert marked(result.results[0].snippet) == ["渝应急发〔2021〕32号"]


def test_characters_typed_together_that_make_no_word_must_stand_together(seed):
    # 古南 is no dictionary word: it must appear as typed, not as 古 somewhere and 南 (西南大学) elsewhere.
    assert numbers(search("古南")) == {DOC23, OFFICE24}
    assert len(search("古 南").results) > 2
    assert marked(search("施崇刚").results[0].snippet) == ["施崇刚"]


# --- facets, filters, ranking, snippets, pages --------------------------------------------------------------

def facet_counts(result) -> dict[str, dict[str, int]]:
    return {name: {v.value: v.count for v in values} for name, values in result.facets.items()}


def test_facets_count_the_matching_set(seed):
    result = search("科技创新")
    assert numbers(result) == {DOC10, DOC26, PLAN24}
    assert facet_counts(result) == {
        "issuer": {OFFICE: 2, GOVERNMENT: 1},
        "year": {"2021": 3},
        "type": {"通知": 2, "决定": 1, "政策": 1, "方案": 1},
        "section": {"重庆市綦江区人民政府办公室文件": 2, "重庆市綦江区人民政府文件": 1},
    }


def test_a_notice_that_transmits_a_policy_counts_as_both(seed):
    result = search("财政金融政策")
    assert numbers(result) == {DOC26}
    assert facet_counts(result)["type"] == {"通知": 1, "政策": 1}


def test_each_facet_is_counted_with_the_other_filters(seed):
    result = search("科技创新", filters={"type": "政策"})
    assert numbers(result) == {DOC26}
    counts = facet_counts(result)
    assert counts["type"] == {"通知": 2, "决定": 1, "政策": 1, "方案": 1}  # switchable
    assert counts["issuer"] == {OFFICE: 1}
    assert [v.value for v in result.facets["type"] if v.selected] == ["政策"]


@pytest.mark.parametrize(("filters", "expected"), [
    ({"issuer": "重庆市綦江区普法工作办公室"}, {LAW16}),
    ({"issuer": OFFICE}, {OFFICE24, DOC25}),
    ({"year": "2021"}, {OFFICE24, DOC25, LAW16}),
    ({"year": 2021, "type": "通知", "section": "重庆市綦江区人民政府部门文件"}, {LAW16}),
    ({"year": "2020"}, set()),
    ({"type": "决定"}, set()),
])
def test_filters(seed, filters, expected):
    result = search("民政", filters=filters)
    assert numbers(result) == expected and result.total == len(expected)


def test_an_empty_filtered_result_still_shows_the_selected_value(seed):
    result = search("民政", filters={"year": "2020"})
    assert facet_counts(result)["year"] == {"2021": 3, "2020": 0}


def test_section_filter_finds_news(seed):
    result = search("安稳镇", filters={"section": "政务要闻"})
    assert [(h.kind, h.title, h.number) for h in result.results] == [("news", "安稳镇“三色经济”领跑转型发展", None)]
    assert result.results[0].url == "/issues/2021/6/items/12/"


@pytest.mark.parametrize(("filters", "field"), [
    ({"year": "二〇二一"}, "year"), ({"year": "21x"}, "year"), ({"colour": "red"}, "colour"),
    ({"issuer": "局" * 101}, "issuer"),
])
def test_bad_filters_are_clear_errors(seed, filters, field):
    with pytest.raises(DomainError) as caught:
        search("民政", filters=filters)
    assert caught.value.field == field and re.search(r"[\u4e00-\u9fff]", caught.value.message)


@pytest.mark.parametrize(("query", "code"), [("", "empty_query"), ("   ", "empty_query"), ("！？。", "no_terms"),
                                              ("就" * 201, "query_too_long")])
def test_queries_without_words_are_clear_errors(seed, query, code):
    with pytest.raises(DomainError) as caught:
        search(query)
    assert caught.value.code == code and re.search(r"[\u4e00-\u9fff]", caught.value.message)


def test_best_first(seed):
    result = search("奖励")
    scores = [h.score for h in result.results]
    assert scores == sorted(scores, reverse=True)
    assert result.results[0].number == DOC41  # 奖励 in its title and throughout the 办法 it transmits


def test_the_title_weighs_more_than_the_body(seed):
    # 骆驼 is in the editorial's title; the documents never mention it.
    result = search("人民")
    titles = [h.title for h in result.results]
    assert titles[0] == "做党和人民的“骆驼”（人民论坛）"


def test_snippet_is_a_window_around_the_first_hit(seed):
    hit = search("就业", filters={"issuer": GOVERNMENT}).results[0]
    assert hit.number == DOC3
    text = visible_text(hit.snippet)
    assert 70 <= len(text) <= 82 and "就业和人才中心" in text
    assert marked(hit.snippet) == ["就业"]
    assert text in SearchEntry.objects.get(number=DOC3).text.replace("\n", " ")


def test_snippets_escape_everything_but_the_marks(seed):
    import_bytes(LONE_DOCUMENT.encode(), source="lone.txt")
    hit = next(h for h in search("就业").results if h.number == "綦江府发〔2021〕99号")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hit.snippet and "<script>" not in hit.snippet
    assert "A&amp;B" in hit.snippet and "“<mark>就业</mark>”" in hit.snippet
    assert re.sub(r"</?mark>", "", hit.snippet).count("<") == 0
    assert hit.issuers == [GOVERNMENT] and hit.section == ""  # a lone document: no issue, no section


def test_titles_are_highlighted_too(seed):
    hit = search("PPP项目").results[0]
    assert "<mark>PPP项目</mark>" in hit.title_html


def test_pagination(seed):
    everything = search("綦江", per_page=100)
    assert everything.total == 10  # nine documents and one news brief
    seen = []
    for page in (1, 2, 3):
        result = search("綦江", page=page, per_page=4)
        assert result.total == 10 and result.pages == 3 and result.page == page
        seen += [(h.number, h.title) for h in result.results]
    assert seen == [(h.number, h.title) for h in everything.results]
    beyond = search("綦江", page=4, per_page=4)
    assert beyond.results == [] and beyond.total == 10


@pytest.mark.parametrize(("page", "per_page"), [(0, 20), (-1, 20), (1, 0), (1, 101)])
def test_bad_pages_are_errors(seed, page, per_page):
    with pytest.raises(DomainError):
        search("綦江", page=page, per_page=per_page)


def test_unpublished_issues_are_not_searched(seed):
    Issue.objects.update(published=False)
    assert search("民政").total == 0 and search("骆驼").total == 0
    assert search("綦江府发〔2021〕10号").exact is False


# --- keeping the index in step --------------------------------------------------------------------------------

def snapshot() -> list:
    shots = []
    for query in ("民政", "奖励", "科技创新", "綦江", "骆驼", "綦江府办发〔2021〕62号"):
        result = search(query)
        shots.append((query, result.total, [(h.number, h.title, str(h.snippet), h.url) for h in result.results],
                      facet_counts(result), [s.number for s in result.suggestions]))
    return shots


def test_the_importer_indexes_what_it_writes(seed):
    assert SearchEntry.objects.count() == 14  # 9 documents, the editorial, 4 news briefs
    assert sorted(SearchEntry.objects.values_list("kind", flat=True)) == ["document"] * 9 + ["editorial"] + ["news"] * 4


def test_reindex_is_idempotent(seed):
    before = snapshot()
    assert rebuild_index() == {"document": 9, "editorial": 1, "news": 4}
    assert snapshot() == before
    rebuild_index()
    assert snapshot() == before and SearchEntry.objects.count() == 14


def test_reimport_keeps_one_entry_per_document(seed, seed_bytes):
    before = snapshot()
    import_bytes(seed_bytes, source="again.txt")
    assert SearchEntry.objects.count() == 14
    after = snapshot()
    assert [s[:2] for s in after] == [s[:2] for s in before]
    result = search("民政")
    assert len([h.number for h in result.results]) == len(numbers(result)) == 3


def test_reimport_with_changed_text_changes_the_index(seed, seed_bytes):
    assert numbers(search("PPP")) == {OFFICE24}
    import_bytes(seed_bytes.decode().replace("PPP", "BOT").encode(), source="changed.txt")
    assert search("PPP").total == 0
    assert numbers(search("BOT项目")) == {OFFICE24}


def test_deleting_a_document_takes_its_entry_along(seed):
    Document.objects.filter(number=OFFICE24).delete()
    assert numbers(search("民政")) == {DOC25, LAW16}
    assert search("PPP").total == 0  # a word only the deleted document held


def test_each_database_gets_its_own_backend(db):
    expected = {"sqlite": PostingsBackend, "postgresql": PostgresBackend}[connection.vendor]
    assert isinstance(backend(), expected)


# --- CLI ----------------------------------------------------------------------------------------------------

def run_cli(capsys, *args):
    call_command("gazette", *args)
    return capsys.readouterr()


def test_cli_json_shape(seed, capsys):
    out = run_cli(capsys, "search", "民政", "--json")
    data = json.loads(out.out)  # JSON alone on stdout
    assert data["total"] == 3 and data["exact"] is False
    assert {r["number"] for r in data["results"]} == {OFFICE24, DOC25, LAW16}
    for r in data["results"]:
        assert set(r) >= {"number", "title", "snippet", "score"} and "<mark>民政</mark>" in r["snippet"]
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)
    assert data["facets"]["issuer"] == [{"value": OFFICE, "count": 2, "selected": False},
                                        {"value": "重庆市綦江区普法工作办公室", "count": 1, "selected": False}]


def test_cli_filters_and_limit(seed, capsys):
    data = json.loads(run_cli(capsys, "search", "民政", "--type", "通知", "--issuer", OFFICE, "--year", "2021",
                              "--section", "重庆市綦江区人民政府办公室文件", "--limit", "1", "--json").out)
    assert data["total"] == 2 and len(data["results"]) == 1 and data["pages"] == 2


def test_cli_exact_number(seed, capsys):
    data = json.loads(run_cli(capsys, "search", "綦江府发", "〔2021〕", "10", "号", "--json").out)
    assert data["exact"] is True and [r["number"] for r in data["results"]] == [DOC10]


def test_cli_text_output_marks_hits(seed, capsys):
    out = run_cli(capsys, "search", "民政").out
    assert "共 3 条结果" in out and "区【民政】局" in out and "<mark>" not in out


def test_cli_empty_query_fails_in_chinese(seed, capsys):
    with pytest.raises(CommandError) as caught:
        call_command("gazette", "search", "  ", "--json")
    assert caught.value.returncode == 1
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["code"] == "empty_query" and error["message"] == "请输入要搜索的词语或文号。"


def test_cli_reindex(seed, capsys):
    assert "公文 9 篇，卷首语 1 篇，政务要闻 4 条" in run_cli(capsys, "reindex").out
    assert json.loads(run_cli(capsys, "reindex", "--json").out) == {
        "indexed": {"document": 9, "editorial": 1, "news": 4}, "total": 14}


# --- API ----------------------------------------------------------------------------------------------------

def api(client, status=200, **params):
    response = client.get("/api/gazette/search", params)
    assert response.status_code == status, response.content[:300]
    return response.json()


def test_api_search(seed, client):
    data = api(client, q="民政", type="通知")
    assert data["total"] == 3 and {r["number"] for r in data["results"]} == {OFFICE24, DOC25, LAW16}
    assert data["filters"] == {"type": "通知"}
    assert all(r["url"].startswith("/docs/") and "<mark>民政</mark>" in r["snippet"] for r in data["results"])
    assert {v["value"]: v["count"] for v in data["facets"]["section"]} == {
        "重庆市綦江区人民政府办公室文件": 2, "重庆市綦江区人民政府部门文件": 1}


def test_api_filters_and_pages(seed, client):
    data = api(client, q="綦江", section="政务要闻")
    assert [r["kind"] for r in data["results"]] == ["news"]
    page = api(client, q="綦江", page=2, per_page=3)
    assert page["total"] == 10 and page["pages"] == 4 and len(page["results"]) == 3


def test_api_exact_number(seed, client):
    data = api(client, q="綦江府发［２０２１］１０号")
    assert data["exact"] is True and data["total"] == 1 and data["results"][0]["number"] == DOC10


def test_api_suggestions(seed, client):
    data = api(client, q="綦江府发〔2021〕11号")
    assert data["results"] == [] and data["suggestions"][0]["number"] == DOC10


@pytest.mark.parametrize(("params", "field"), [({"q": ""}, "q"), ({"q": "民政", "year": "abc"}, "year")])
def test_api_errors(seed, client, params, field):
    data = api(client, 400, **params)
    assert data["field"] == field and re.search(r"[\u4e00-\u9fff]", data["detail"])


def test_api_is_described(db, client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/gazette/search"]["get"]
    assert {"200", "400"} <= set(operation["responses"])
    assert {p["name"] for p in operation["parameters"]} >= {"q", "issuer", "year", "type", "section", "page"}


# --- any query --------------------------------------------------------------------------------------------------

SEED_TEXT = SEED.read_text(encoding="utf-8")
fragments = st.integers(0, len(SEED_TEXT) - 12).flatmap(
    lambda i: st.integers(1, 12).map(lambda n: SEED_TEXT[i:i + n]))
queries = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="民政人府就业奖励PPP项目ｐ〔〕[]［］()（）2021１０号綦江发 \u3000\t\"'*:^-+ORANDNOT", max_size=20),
    fragments,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries)
@example(query='"民政" OR 政府')
@example(query="NEAR(就业 奖励)")
@example(query="title_terms:就业")
@example(query="\x00就业")
@example(query="就业 & | ! <->")
@example(query="0¼")
@example(query="İ")
def test_any_query_gives_a_result_or_a_clear_error(seed, query):
    try:
        result = search(query)
    except DomainError as exc:
        assert re.search(r"[\u4e00-\u9fff]", exc.message)
        return
    assert result.total >= len(result.results)
    for hit in result.results:
        assert re.sub(r"</?mark>", "", hit.snippet).count("<") == 0
        if not result.number:  # every term is really in what was found
            entry = SearchEntry.objects.get(number=hit.number) if hit.number else SearchEntry.objects.get(
                title=hit.title)
            haystack = fold_case(normalize("\n".join([entry.title, entry.number, "、".join(entry.issuers), entry.text])))
            if entry.kind != "document":
                haystack += fold_case(normalize(entry.item.source))
            assert all(term in haystack for term in result.terms), (query, result.terms, hit.title)
