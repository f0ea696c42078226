"""The JSON API under /api/gazette/ (django-ninja) and its OpenAPI description, over the imported seed."""
import json
from urllib.parse import quote

import pytest
from django.urls import reverse

from zhengwu.gazette.models import Issue

DOC10 = "綦江府发〔2021〕10号"
DOC41 = "綦应急发〔2021〕41号"
NUMBERS = {
    "綦江府人〔2021〕3号", "綦江府发〔2021〕10号", "綦江府办发〔2021〕23号", "綦江府办〔2021〕24号",
    "綦江府办发〔2021〕24号", "綦江府办〔2021〕25号", "綦江府办发〔2021〕26号", "綦普法办〔2021〕16号",
    "綦应急发〔2021〕41号",
}
SECTIONS = ["卷首语", "重庆市綦江区人民政府文件", "重庆市綦江区人民政府办公室文件",
            "重庆市綦江区人民政府部门文件", "政务要闻"]
ISSUE_SUMMARY = {"year": 2021, "number": 6, "cumulative_number": 112, "published_on": "2021-07-10",
                 "gazette": "重庆市綦江区人民政府公报", "url": "/issues/2021/6/"}
PATHS = ["/api/gazette/issues", "/api/gazette/issues/{year}/{number}", "/api/gazette/documents",
         "/api/gazette/documents/{number}"]


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def document_url(printed: str) -> str:
    return "/api/gazette/documents/" + quote(printed)


# --- issues -----------------------------------------------------------------------------------------

def test_issue_list(client, imported_seed):
    assert get_json(client, "/api/gazette/issues") == [ISSUE_SUMMARY]


def test_issue_list_is_empty_without_issues(client, db):
    assert get_json(client, "/api/gazette/issues") == []


def test_issue_with_masthead_board_sections_and_toc(client, imported_seed):
    issue = get_json(client, "/api/gazette/issues/2021/6")
    assert {k: issue[k] for k in ISSUE_SUMMARY} == ISSUE_SUMMARY
    masthead = issue["masthead"]
    assert masthead["supervisor"] == "重庆市綦江区人民政府"
    assert masthead["sponsor"] == "重庆市綦江区人民政府办公室"
    assert masthead["print_permit"] == "NO.43700"
    assert masthead["postcode"] == "401420"
    assert set(masthead) == {"supervisor", "sponsor", "publisher", "address", "postcode", "phone", "fax",
                             "website_name", "website", "print_permit"}
    board = issue["editorial_board"]
    assert len(board) == 15
    assert board[0] == {"role": "顾问", "name": "罗成"}
    assert {"role": "主任", "name": "陈正科"} in board
    assert {"role": "责任编辑", "name": "高琳"} in board
    assert issue["sections"] == SECTIONS


def test_issue_toc_has_14_entries_with_pages(client, imported_seed):
    toc = get_json(client, "/api/gazette/issues/2021/6")["toc"]
    assert len(toc) == 14
    assert [e["order"] for e in toc] == list(range(14))
    assert [e["page"] for e in toc] == [1, 4, 5, 8, 13, 17, 24, 29, 33, 36, 40, 40, 40, 40]
    assert [e["kind"] for e in toc] == ["editorial"] + ["document"] * 9 + ["news"] * 4
    assert [e["section"] for e in toc] == (
        ["卷首语"] + ["重庆市綦江区人民政府文件"] * 2 + ["重庆市綦江区人民政府办公室文件"] * 5
        + ["重庆市綦江区人民政府部门文件"] * 2 + ["政务要闻"] * 4)
    documents = [e for e in toc if e["kind"] == "document"]
    assert {e["number"] for e in documents} == NUMBERS
    for entry in documents:
        assert entry["url"] == reverse("gazette:document", args=[entry["number"]])
    for entry in toc:
        if entry["kind"] != "document":
            assert entry["number"] is None
            assert entry["url"] == f"/issues/2021/6/items/{entry['order']}/"
    assert toc[2] == {"order": 2, "kind": "document", "title": "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定",
                      "page": 5, "section": "重庆市綦江区人民政府文件", "number": DOC10,
                      "url": reverse("gazette:document", args=[DOC10])}


@pytest.mark.parametrize("url", ["/api/gazette/issues/2021/7", "/api/gazette/issues/1999/6"])
def test_unknown_issue_is_404_json(client, imported_seed, url):
    body = get_json(client, url, status=404)
    assert isinstance(body["detail"], str) and body["detail"]


# --- documents --------------------------------------------------------------------------------------

def test_document_list(client, imported_seed):
    documents = get_json(client, "/api/gazette/documents")
    assert len(documents) == 9
    assert {d["number"] for d in documents} == NUMBERS
    by_number = {d["number"]: d for d in documents}
    assert by_number[DOC10] == {
        "number": DOC10, "number_as_printed": "綦江府发[2021]10号",
        "title": "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定",
        "issuers": ["重庆市綦江区人民政府"], "doc_type": "决定", "signed_on": "2021-05-24",
        "url": reverse("gazette:document", args=[DOC10])}
    assert by_number[DOC41]["issuers"] == ["重庆市綦江区应急管理局", "重庆市綦江区财政局"]


def test_document_list_filters(client, imported_seed):
    assert len(get_json(client, "/api/gazette/documents", year=2021)) == 9
    assert get_json(client, "/api/gazette/documents", year=2020) == []
    joint = get_json(client, "/api/gazette/documents", issuer="重庆市綦江区财政局")
    assert [d["number"] for d in joint] == [DOC41]
    office = get_json(client, "/api/gazette/documents", issuer="重庆市綦江区人民政府办公室")
    assert len(office) == 5


@pytest.mark.parametrize("printed", [
    "綦江府发[2021]10号", "綦江府发〔2021〕10号", "綦江府发［2021］10号", "綦江府发【2021】10号",
    "綦江府发 〔2021〕 10 号", "綦江府发〔２０２１〕１０号",
])
def test_document_by_number_in_any_form(client, imported_seed, printed):
    assert get_json(client, document_url(printed))["number"] == DOC10


def test_document_by_number(client, imported_seed):
    doc = get_json(client, document_url("綦江府发[2021]10号"))
    assert doc["number"] == DOC10
    assert doc["number_as_printed"] == "綦江府发[2021]10号"
    assert doc["title"] == "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定"
    assert doc["issuers"] == ["重庆市綦江区人民政府"]
    assert doc["doc_type"] == "决定"
    assert doc["signed_on"] == "2021-05-24"
    assert doc["header"] == "重庆市綦江区人民政府文件"
    assert doc["addressees"] == ["各街道办事处", "各镇人民政府", "区政府各部门", "在綦市属机构", "有关单位"]
    assert doc["signers"] == ["重庆市綦江区人民政府"]
    assert doc["public"] is True
    assert doc["cc"][0] == "区委办公室" and len(doc["cc"]) == 7
    assert doc["printed_by"] == "重庆市綦江区人民政府办公室"
    assert doc["printed_on"] == "2021-05-24"
    assert doc["attachments"] == [
        {"number": 1, "title": "綦江区第九届青少年科技创新区长奖获奖名单", "omitted": False},
        {"number": 2, "title": "綦江区第九届青少年科技创新区长提名奖获奖名单", "omitted": False},
    ]
    assert doc["issue"] == ISSUE_SUMMARY
    assert doc["section"] == "重庆市綦江区人民政府文件"
    assert doc["page"] == 5
    assert doc["url"] == reverse("gazette:document", args=[DOC10])
    [main] = doc["parts"]
    assert main["kind"] == "main" and main["type"] == "决定" and main["title"] == doc["title"]
    assert [n["kind"] for n in main["body"]] == ["paragraph", "paragraph"]
    assert main["body"][0]["text"].startswith("为深入贯彻落实国务院《全民科学素质行动计划纲要》")
    assert doc["citations"] == [
        {"title": "全民科学素质行动计划纲要", "number": None, "url": None},
        {"title": "重庆市綦江区青少年科技创新区长奖评选办法", "number": None, "url": None},
    ]


def test_document_with_transmitted_text_nested_body_and_omitted_attachment(client, imported_seed):
    doc = get_json(client, document_url("綦应急发[2021]41号"))
    assert doc["number"] == DOC41
    assert doc["attachments"] == [{"number": None, "title": "各行业领域安全生产重点举报事项清单", "omitted": True}]
    main, transmitted = doc["parts"]
    assert main["kind"] == "main"
    assert [n["anchor"] for n in main["body"] if n["kind"] == "heading"] == ["s1", "s2", "s3", "s4"]
    assert main["body"][1]["number"] == "一、" and main["body"][1]["title"] == "高度重视"
    assert transmitted["kind"] == "transmitted"
    assert transmitted["title"] == "重庆市綦江区安全生产举报奖励办法"
    assert transmitted["anchor"] == "t1"
    articles = [n for n in transmitted["body"] if n["kind"] == "article"]
    assert [a["number"] for a in articles][:3] == ["第一条", "第二条", "第三条"]
    assert len(articles) == 16
    art5 = next(a for a in articles if a["anchor"] == "t1-art5")
    assert art5["number"] == "第五条"
    assert [c["anchor"] for c in art5["children"]] == ["t1-art5-1", "t1-art5-2"]
    assert art5["children"][1]["children"][0]["kind"] == "paragraph"
    assert art5["children"][1]["children"][0]["children"] == []
    art8 = next(a for a in articles if a["anchor"] == "t1-art8")
    assert len(art8["children"]) == 8
    for node in _walk(doc["parts"]):
        assert set(node) == {"kind", "number", "title", "text", "anchor", "children"}
    citations = {c["title"]: c for c in doc["citations"]}
    assert citations["重庆市安全生产领域举报奖励办法"] == {
        "title": "重庆市安全生产领域举报奖励办法", "number": "渝应急发〔2021〕32号", "url": None}
    assert citations["中华人民共和国安全生产法"]["number"] is None


def _walk(parts):
    stack = [n for p in parts for n in p["body"]]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node["children"])


def test_citation_of_a_document_in_the_gazette_links_to_it(client, imported_seed):
    from zhengwu.gazette.models import Citation, Document

    citing = Document.objects.get(number=DOC41)
    Citation.objects.create(document=citing, title="重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定",
                            number=DOC10, line=99999)
    citations = get_json(client, document_url(DOC41))["citations"]
    assert {"title": "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定", "number": DOC10,
            "url": reverse("gazette:document", args=[DOC10])} in citations


def test_unknown_number_is_404_json_with_canonical_form(client, imported_seed):
    body = get_json(client, document_url("綦江府发[2021]99号"), status=404)
    assert set(body) == {"detail"}
    assert "綦江府发〔2021〕99号" in body["detail"]


def test_non_number_is_404_json_explaining_the_format(client, imported_seed):
    body = get_json(client, document_url("hello"), status=404)
    assert "hello" in body["detail"]
    assert "机关代字〔年份〕序号号" in body["detail"]


def test_unpublished_issue_is_hidden_from_the_api(client, imported_seed):
    Issue.objects.filter(year=2021, number=6).update(published=False)
    assert get_json(client, "/api/gazette/issues") == []
    get_json(client, "/api/gazette/issues/2021/6", status=404)
    assert get_json(client, "/api/gazette/documents") == []
    assert "detail" in get_json(client, document_url(DOC10), status=404)


# --- OpenAPI ----------------------------------------------------------------------------------------

def test_openapi_is_valid_json_listing_the_endpoints(client, db):
    schema = get_json(client, "/api/openapi.json")
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"]
    for path in PATHS:
        assert path in schema["paths"], path
        operation = schema["paths"][path]["get"]
        assert "200" in operation["responses"]
        assert operation.get("summary")
    assert "404" in schema["paths"]["/api/gazette/documents/{number}"]["get"]["responses"]
    assert "404" in schema["paths"]["/api/gazette/issues/{year}/{number}"]["get"]["responses"]
    parameters = {p["name"] for p in schema["paths"]["/api/gazette/documents"]["get"]["parameters"]}
    assert {"year", "issuer"} <= parameters
    assert "DocumentOut" in schema["components"]["schemas"]


def test_no_docs_page_loading_a_cdn(client, db):
    assert client.get("/api/docs").status_code == 404
