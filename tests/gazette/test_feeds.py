"""Atom feeds of issues and documents, parsed as XML the way a feed reader reads them."""
import datetime
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.urls import reverse

from zhengwu.gazette.models import Document, Issue

ATOM = {"a": "http://www.w3.org/2005/Atom"}
BASE = "http://testserver"
DOC41 = "綦应急发〔2021〕41号"
NUMBERS = {
    "綦江府人〔2021〕3号", "綦江府发〔2021〕10号", "綦江府办发〔2021〕23号", "綦江府办〔2021〕24号",
    "綦江府办发〔2021〕24号", "綦江府办〔2021〕25号", "綦江府办发〔2021〕26号", "綦普法办〔2021〕16号", DOC41,
}


def feed(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entries(root: ET.Element) -> list[dict]:
    return [{"title": e.findtext("a:title", namespaces=ATOM),
             "link": e.find("a:link[@rel='alternate']", ATOM).get("href"),
             "updated": e.findtext("a:updated", namespaces=ATOM),
             "summary": e.findtext("a:summary", namespaces=ATOM),
             "id": e.findtext("a:id", namespaces=ATOM)} for e in root.findall("a:entry", ATOM)]


def doc_link(number: str) -> str:
    return BASE + reverse("gazette:document", args=[number])


# --- issues -----------------------------------------------------------------------------------------

def test_the_issues_feed_lists_the_published_issue(client, imported_seed):
    root = feed(client, "/feeds/issues.atom")
    assert root.findtext("a:title", namespaces=ATOM) == "政府公报 · 最新各期"
    assert root.find("a:link[@rel='self']", ATOM).get("href") == BASE + "/feeds/issues.atom"
    [entry] = entries(root)
    assert entry["title"] == "重庆市綦江区人民政府公报 2021年第6期（总第112期）"
    assert entry["link"] == BASE + "/issues/2021/6/"
    assert entry["updated"] == "2021-07-10T00:00:00+08:00"  # the publication date, in Beijing time
    assert entry["summary"] == "2021年第6期（总第112期），2021年7月10日出版，公文 9 篇。"
    assert root.findtext("a:updated", namespaces=ATOM) == "2021-07-10T00:00:00+08:00"


def test_unpublished_issues_are_absent_from_the_issues_feed(client, imported_seed):
    Issue.objects.create(gazette="重庆市綦江区人民政府公报", year=2021, number=7, published=False,
                         published_on=datetime.date(2021, 8, 10))
    assert [e["link"] for e in entries(feed(client, "/feeds/issues.atom"))] == [BASE + "/issues/2021/6/"]
    Issue.objects.filter(year=2021, number=6).update(published=False)
    assert entries(feed(client, "/feeds/issues.atom")) == []


# --- documents --------------------------------------------------------------------------------------

def test_the_documents_feed_lists_every_document_of_the_published_issue(client, imported_seed):
    found = entries(feed(client, "/feeds/documents.atom"))
    assert len(found) == 9
    by_link = {e["link"]: e for e in found}
    assert set(by_link) == {doc_link(n) for n in NUMBERS}
    entry = by_link[doc_link("綦江府发〔2021〕10号")]
    assert entry["title"] == "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定"
    assert entry["summary"] == "文号：綦江府发〔2021〕10号；发文机关：重庆市綦江区人民政府；成文日期：2021年5月24日"
    assert entry["updated"] == "2021-07-10T00:00:00+08:00"
    assert len({e["id"] for e in found}) == 9
    for e in found:  # every link opens the document page
        assert client.get(e["link"].removeprefix(BASE)).status_code == 200


def test_a_lone_document_is_in_the_feed_and_documents_of_unpublished_issues_are_not(client, imported_seed):
    lone = Document.objects.create(number="綦江府发〔2022〕1号", title="重庆市綦江区人民政府关于某事的决定",
                                   issuers=["重庆市綦江区人民政府"], signed_on=datetime.date(2022, 1, 5))
    found = entries(feed(client, "/feeds/documents.atom"))
    assert found[0]["link"] == doc_link(lone.number)  # newest first
    assert found[0]["updated"] == "2022-01-05T00:00:00+08:00"  # a lone document dates from its signing
    Issue.objects.filter(year=2021, number=6).update(published=False)
    assert [e["link"] for e in entries(feed(client, "/feeds/documents.atom"))] == [doc_link(lone.number)]


# --- per issuer -------------------------------------------------------------------------------------

@pytest.mark.parametrize("issuer", ["重庆市綦江区应急管理局", "重庆市綦江区财政局"])
def test_the_feed_of_an_issuer_holds_its_documents_only(client, imported_seed, issuer):
    url = reverse("gazette:feed_issuer", args=[issuer])
    assert url == f"/feeds/documents/{quote(issuer)}.atom"
    root = feed(client, url)
    assert issuer in root.findtext("a:title", namespaces=ATOM)
    [entry] = entries(root)
    assert entry["link"] == doc_link(DOC41)
    assert DOC41 in entry["summary"] and issuer in entry["summary"]
    assert root.findtext("a:id", namespaces=ATOM) != feed(client, "/feeds/documents.atom").findtext("a:id", namespaces=ATOM)


def test_the_feed_of_the_district_government_lists_its_documents(client, imported_seed):
    found = entries(feed(client, reverse("gazette:feed_issuer", args=["重庆市綦江区人民政府"])))
    assert {e["link"] for e in found} == {doc_link("綦江府人〔2021〕3号"), doc_link("綦江府发〔2021〕10号")}


def test_an_unknown_issuer_or_one_with_only_unpublished_documents_is_404(client, imported_seed):
    assert client.get(reverse("gazette:feed_issuer", args=["重庆市某某局"])).status_code == 404
    Issue.objects.filter(year=2021, number=6).update(published=False)
    assert client.get(reverse("gazette:feed_issuer", args=["重庆市綦江区应急管理局"])).status_code == 404


# --- discovery --------------------------------------------------------------------------------------

def test_every_page_announces_the_feeds(client, imported_seed):
    markup = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/feeds/issues.atom"' in markup
    assert '<link rel="alternate" type="application/atom+xml" href="/feeds/documents.atom"' in markup
