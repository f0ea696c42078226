"""The search page /search/, rendered by the Django test client over the imported seed issue, as a reader
without JavaScript uses it: type, submit, follow the facet and page links."""
import html
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from zhengwu.gazette.models import Document

DOC10 = "綦江府发〔2021〕10号"
DOC26 = "綦江府办发〔2021〕26号"
OFFICE = "重庆市綦江区人民政府办公室"


@pytest.fixture
def seed(imported_seed):
    return imported_seed


def get(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, params, response.status_code)
    return response


def main(response) -> str:
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)


def hits(markup: str) -> list[tuple[str, str]]:
    """(link, title as read) of every result."""
    return [(html.unescape(href), re.sub(r"<[^>]+>", "", title))
            for href, title in re.findall(r'<li class="hit">\s*<h2><a href="([^"]+)">(.*?)</a></h2>', markup, re.S)]


def facet_links(markup: str) -> dict[str, tuple[str, str]]:
    """Facet value → (href, count) for every facet link."""
    aside = re.search(r'<aside class="facets".*?</aside>', markup, re.S).group(0)
    return {html.unescape(value): (html.unescape(href), count) for href, value, count in re.findall(
        r'<li><a href="([^"]+)"[^>]*>(.*?)</a> <span class="count">(\d+)</span></li>', aside)}


def test_results_show_title_link_number_issuer_date_and_snippet(seed, client):
    markup = main(get(client, "/search/", q="民政"))
    assert "找到 3 条结果，这是第 1–3 条。" in markup
    found = hits(markup)
    assert {title for _, title in found} == {
        "重庆市綦江区人民政府办公室关于成立綦河流域水环境综合治理PPP项目工作推进领导小组等2个议事协调机构的通知",
        "重庆市綦江区人民政府办公室关于调整重庆市綦江区安全生产委员会和重庆市綦江区减灾委员会组成机构及人员的通知",
        "重庆市綦江区普法工作办公室关于开展《中华人民共和国长江保护法》专项普法宣传活动的通知",
    }
    for href, _ in found:
        assert get(client, href).status_code == 200
    item = re.search(r'<li class="hit">.*?綦普法办〔2021〕16号.*?</li>', markup, re.S).group(0)
    assert "重庆市綦江区普法工作办公室" in item and '<time datetime="2021-06-02">2021年6月2日</time>' in item
    assert '<p class="snippet">' in item and "区<mark>民政</mark>局" in item


def test_facet_links_are_plain_links_that_filter(seed, client):
    links = facet_links(main(get(client, "/search/", q="科技创新")))
    assert {value: count for value, (_, count) in links.items()} == {
        OFFICE: "2", "重庆市綦江区人民政府": "1", "2021": "3", "通知": "2", "决定": "1", "政策": "1", "方案": "1",
        "重庆市綦江区人民政府办公室文件": "2", "重庆市綦江区人民政府文件": "1"}
    href = links["政策"][0]
    assert parse_qs(urlsplit(href).query) == {"q": ["科技创新"], "type": ["政策"]}
    filtered = main(get(client, "/search/" + href))
    assert [title for _, title in hits(filtered)] == ["重庆市綦江区人民政府办公室关于印发綦江区支持科技创新若干财政金融政策的通知"]
    assert re.search(r'aria-current="true" class="selected">政策</a>', filtered)
    # The selected value's link and the 不限 link take the filter away again.
    again = facet_links(filtered)["政策"][0]
    assert parse_qs(urlsplit(again).query) == {"q": ["科技创新"]}
    assert re.search(r'<a class="clear" href="\?q=[^"]+">不限文种</a>', filtered)


def test_filters_from_the_query_string(seed, client):
    markup = main(get(client, "/search/", q="民政", issuer="重庆市綦江区普法工作办公室", year="2021"))
    assert [title for _, title in hits(markup)] == [
        "重庆市綦江区普法工作办公室关于开展《中华人民共和国长江保护法》专项普法宣传活动的通知"]


@pytest.mark.parametrize("query", ["綦江府发[2021]10号", "綦江府发［２０２１］１０号", "綦江府发 〔2021〕 10 号"])
def test_a_number_redirects_to_its_document(seed, client, query):
    response = get(client, "/search/", 302, q=query)
    assert response["Location"] == f"/docs/{quote(DOC10)}"
    assert get(client, response["Location"]).status_code == 200


def test_a_misspelt_number_offers_links_to_the_nearest(seed, client):
    markup = main(get(client, "/search/", q="綦江府办发〔2021〕62号"))
    assert "公报中没有文号 <strong>綦江府办发〔2021〕62号</strong>" in markup
    suggestions = re.search(r'<div class="suggestions">.*?</div>', markup, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', suggestions)[0] == (
        Document.objects.get(number=DOC26).get_absolute_url(), DOC26)


def test_pages_link_to_each_other(seed, client, monkeypatch):
    from zhengwu.gazette.views import search as view

    real = view.search
    monkeypatch.setattr(view, "search", lambda q, **kw: real(q, **{**kw, "per_page": 4}))
    first = main(get(client, "/search/", q="綦江"))
    assert "找到 10 条结果，这是第 1–4 条。" in first
    nav = re.search(r'<nav class="pagination".*?</nav>', first, re.S).group(0)
    assert re.search(r'<a href="\?q=[^"]+" aria-current="page">1</a>', nav)
    next_href = html.unescape(re.search(r'<a href="([^"]+)" rel="next">下一页</a>', nav).group(1))
    assert parse_qs(urlsplit(next_href).query) == {"q": ["綦江"], "page": ["2"]}
    second = main(get(client, "/search/" + next_href))
    assert "这是第 5–8 条" in second and not set(hits(first)) & set(hits(second))
    assert '<ol class="results" start="5">' in second
    beyond = main(get(client, "/search/", q="綦江", page="9"))
    assert "没有第 9 页了" in beyond


@pytest.mark.parametrize(("params", "message"), [
    ({"q": "！！"}, "没有可以搜索的字词"),
    ({"q": "民政", "year": "去年"}, "年份应是四位数字"),
    ({"q": "民政", "page": "x"}, "页码应是从 1 开始的整数"),
])
def test_bad_requests_say_what_is_wrong(seed, client, params, message):
    markup = main(get(client, "/search/", 400, **params))
    assert re.search(rf'<p class="notice" role="alert">[^<]*{message}', markup)


def test_nothing_found(seed, client):
    markup = main(get(client, "/search/", q="量子计算"))
    assert "没有找到包含“量子计算”的内容。" in markup and 'class="hit"' not in markup


def test_the_empty_page_is_a_form(db, client):
    markup = main(get(client, "/search/"))
    assert re.search(r'<form class="search-form" action="/search/" method="get" role="search">', markup)
    assert '<label for="search-main">' in markup and 'id="search-main" name="q"' in markup


def test_search_boxes_on_the_home_page_and_in_the_header(seed, client):
    page = get(client, "/").content.decode()
    header = re.search(r'<header class="site">.*?</header>', page, re.S).group(0)
    assert re.search(r'<form class="lookup site-search" action="/search/" method="get" role="search">', header)
    assert '<label for="site-q">搜索</label>' in header
    assert re.search(r'<label for="home-q">搜索公报</label>\s*<input id="home-q" name="q"', main(get(client, "/")))
    # The header box keeps what was searched.
    assert 'value="民政"' in get(client, "/search/", q="民政").content.decode().split("</header>")[0]


def test_the_query_is_escaped_everywhere(seed, client):
    page = get(client, "/search/", q='<script>"就业"</script>').content.decode()
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("params", [{"q": "民政"}, {"q": "科技创新", "type": "政策"}, {}])
def test_no_inline_script_style_or_outside_resources(seed, client, params):
    response = get(client, "/search/", **params)
    page = response.content.decode()
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"<script\b|<style\b|\sstyle=|\son[a-z]+=", page, re.I)
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)
