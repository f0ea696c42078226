"""Public pages of the gazette, rendered by the Django test client over the imported seed issue."""
import html
import re
from collections import Counter
from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengwu.gazette.models import Document, Issue, Item

GAZETTE = "重庆市綦江区人民政府公报"
LABEL = "2021年第6期（总第112期）"
DOC10 = "綦江府发〔2021〕10号"
DOC10_TITLE = "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定"
DOC3 = "綦江府人〔2021〕3号"
DOC23 = "綦江府办发〔2021〕23号"
DOC41 = "綦应急发〔2021〕41号"
NUMBERS = [
    "綦江府人〔2021〕3号", "綦江府发〔2021〕10号", "綦江府办发〔2021〕23号", "綦江府办〔2021〕24号",
    "綦江府办发〔2021〕24号", "綦江府办〔2021〕25号", "綦江府办发〔2021〕26号", "綦普法办〔2021〕16号",
    "綦应急发〔2021〕41号",
]
SECTIONS = ["卷首语", "重庆市綦江区人民政府文件", "重庆市綦江区人民政府办公室文件",
            "重庆市綦江区人民政府部门文件", "政务要闻"]
NEWS_TITLES = ["区商务委推动全区商贸服务业发展成效显著", "区政务服务办围绕四个“一”深化政务服务改革",
               "安稳镇“三色经济”领跑转型发展", "横山镇“三新”开启经济发展新篇章"]
# (order, title, page) of the printed table of contents.
TOC = [
    (0, "做党和人民的“骆驼”（人民论坛）", 1),
    (1, "重庆市綦江区人民政府关于王昌鹏等同志职务任免的通知", 4),
    (2, DOC10_TITLE, 5),
    (3, "重庆市綦江区人民政府办公室关于印发綦江区居民小区“楼层撤桶楼下并点、定时定点分类投放生活垃圾”实施方案的通知", 8),
    (4, "重庆市綦江区人民政府办公室关于成立綦河流域水环境综合治理PPP项目工作推进领导小组等2个议事协调机构的通知", 13),
    (5, "重庆市綦江区人民政府办公室关于印发南岸区、綦江区与石柱县“十四五”“一区两群”对口协同发展实施方案的通知", 17),
    (6, "重庆市綦江区人民政府办公室关于调整重庆市綦江区安全生产委员会和重庆市綦江区减灾委员会组成机构及人员的通知", 24),
    (7, "重庆市綦江区人民政府办公室关于印发綦江区支持科技创新若干财政金融政策的通知", 29),
    (8, "重庆市綦江区普法工作办公室关于开展《中华人民共和国长江保护法》专项普法宣传活动的通知", 33),
    (9, "重庆市綦江区应急管理局 重庆市綦江区财政局关于印发《重庆市綦江区安全生产举报奖励办法》的通知", 36),
    *[(10 + i, title, 40) for i, title in enumerate(NEWS_TITLES)],
]


# --- helpers ---------------------------------------------------------------------------------------

def doc_url(number: str) -> str:
    return reverse("gazette:document", args=[number])


def page_html(response) -> str:
    return response.content.decode("utf-8")


def plain(markup: str) -> str:
    """Text of a fragment of HTML: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()


def main_text(response) -> str:
    """Unescaped HTML of <main> only, so header/footer text cannot satisfy an assertion by accident."""
    markup = page_html(response)
    match = re.search(r"<main\b.*?</main>", markup, re.S)
    assert match, "page has no <main>"
    return html.unescape(match.group(0))


def definitions(markup: str) -> list[tuple[str, str]]:
    """(dt, dd) pairs of every description list, as text."""
    return [(plain(dt), plain(dd)) for dt, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", markup, re.S)]


def ids(markup: str) -> list[str]:
    return re.findall(r"""\bid\s*=\s*["']([^"']*)["']""", markup)


def headings(markup: str) -> list[str]:
    return [plain(h) for h in re.findall(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", markup, re.S)]


def toc_entries(markup: str) -> list[tuple[str, str, str]]:
    """(href, title, page label) of each entry of a table of contents."""
    entries = []
    for li in re.findall(r"<ol class=\"toc\">(.*?)</ol>", markup, re.S):
        for href, title, rest in re.findall(r"<li><a href=\"([^\"]+)\">(.*?)</a>(.*?)</li>", li, re.S):
            page = re.search(r"<span class=\"page\">(.*?)</span>", rest, re.S)
            entries.append((href, plain(title), plain(page.group(1)) if page else ""))
    return entries


# --- home, issue list, issue ------------------------------------------------------------------------

def test_home_shows_latest_issue_and_its_table_of_contents(client, imported_seed):
    response = client.get("/")
    assert response.status_code == 200
    text = main_text(response)
    assert GAZETTE in text
    assert LABEL in text
    assert "2021年7月10日出版" in text
    markup = page_html(response)
    assert f'href="{reverse("gazette:issue", args=[2021, 6])}"' in markup
    for number in NUMBERS:
        assert f'href="{doc_url(number)}"' in markup, f"home page does not link to {number}"
    assert [title for _, title, _ in toc_entries(markup)] == [title for _, title, _ in TOC]


def test_home_without_any_issue_says_so(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "还没有公报" in main_text(response)


def test_issue_list_links_to_the_issue(client, imported_seed):
    response = client.get("/issues/")
    assert response.status_code == 200
    assert f"{GAZETTE} {LABEL}" in main_text(response)
    assert 'href="/issues/2021/6/"' in page_html(response)
    assert "2021-07-10" in main_text(response)


def test_issue_page_shows_masthead(client, imported_seed):
    response = client.get("/issues/2021/6/")
    assert response.status_code == 200
    assert response.templates[0].name == "gazette/issue_detail.html"
    text = main_text(response)
    assert GAZETTE in text and LABEL in text and "2021年7月10日出版" in text
    masthead = re.search(r'<section class="masthead".*?</section>', page_html(response), re.S).group(0)
    fields = dict(definitions(masthead))
    assert fields["主管单位"] == "重庆市綦江区人民政府"
    assert fields["主办单位"] == "重庆市綦江区人民政府办公室"
    assert fields["编辑出版"] == "重庆市綦江区人民政府公报室"
    assert fields["内准印字号"] == "NO.43700"
    assert fields["邮编"] == "401420"
    assert fields["地址"] == "重庆市綦江区古南街道中山路1号"


def test_issue_page_shows_editorial_board(client, imported_seed):
    response = client.get("/issues/2021/6/")
    assert "编辑委员会" in main_text(response)
    board = dict(definitions(page_html(response)))
    assert board["顾问"] == "罗成"
    assert board["主任"] == "陈正科"
    assert board["主编"] == "陈智"
    assert board["责任编辑"] == "高琳"
    assert board["编辑"].split() == ["李倩", "李科"]
    deputies = board["副主任"].split()
    assert deputies[0] == "王健" and deputies[-1] == "李昌凤" and len(deputies) == 9


def test_issue_page_lists_sections_in_printed_order_with_items_and_pages(client, imported_seed):
    markup = page_html(client.get("/issues/2021/6/"))
    toc = markup[markup.index('<nav aria-label="目录">'):markup.index("</nav>", markup.index('<nav aria-label="目录">'))]
    section_names = [plain(h) for h in re.findall(r"<h3>(.*?)</h3>", toc, re.S)]
    assert section_names == SECTIONS
    entries = toc_entries(toc)
    assert [(title, page) for _, title, page in entries] == [(title, f"第{page}页") for _, title, page in TOC]
    # each item sits under its own section heading
    per_section = {plain(name): [plain(t) for t in re.findall(r"<a href=\"[^\"]+\">(.*?)</a>", body, re.S)]
                   for name, body in re.findall(r"<h3>(.*?)</h3>\s*<ol class=\"toc\">(.*?)</ol>", toc, re.S)}
    assert per_section["卷首语"] == ["做党和人民的“骆驼”（人民论坛）"]
    assert per_section["重庆市綦江区人民政府文件"] == [TOC[1][1], DOC10_TITLE]
    assert len(per_section["重庆市綦江区人民政府办公室文件"]) == 5
    assert len(per_section["重庆市綦江区人民政府部门文件"]) == 2
    assert per_section["政务要闻"] == NEWS_TITLES
    # documents link to their canonical page and show their number; the others link to the item page
    hrefs = {title: href for href, title, _ in entries}
    assert hrefs[DOC10_TITLE] == doc_url(DOC10)
    assert hrefs[NEWS_TITLES[0]] == "/issues/2021/6/items/10/"
    assert hrefs[TOC[0][1]] == "/issues/2021/6/items/0/"
    for number in NUMBERS:
        assert f'<span class="number">{number}</span>' in toc


def test_unknown_issue_is_404(client, imported_seed):
    assert client.get("/issues/2021/7/").status_code == 404
    assert client.get("/issues/2020/6/").status_code == 404


# --- items and news ---------------------------------------------------------------------------------

def test_editorial_item_page(client, imported_seed):
    response = client.get("/issues/2021/6/items/0/")
    assert response.status_code == 200
    text = main_text(response)
    assert "<h1>做党和人民的“骆驼”（人民论坛）</h1>" in text
    assert "来源：《人民日报》" in text
    assert "百年征程波澜壮阔，百年初心历久弥坚。" in text
    assert "公报第1页" in text
    assert f"{GAZETTE} {LABEL}" in text


@pytest.mark.parametrize("order,title", [(10 + i, t) for i, t in enumerate(NEWS_TITLES)])
def test_news_item_page(client, imported_seed, order, title):
    response = client.get(f"/issues/2021/6/items/{order}/")
    assert response.status_code == 200
    text = main_text(response)
    assert f"<h1>{title}</h1>" in text
    item = Item.objects.get(issue__year=2021, order=order)
    assert item.paragraphs, "every news brief of the seed has text"
    for paragraph in item.paragraphs:
        assert paragraph in text
    assert "公报第40页" in text


def test_document_item_redirects_to_the_document(client, imported_seed):
    response = client.get("/issues/2021/6/items/2/")
    assert response.status_code in (301, 302)
    assert response.url == doc_url(DOC10)


def test_unknown_item_is_404(client, imported_seed):
    assert client.get("/issues/2021/6/items/99/").status_code == 404


def test_news_page_lists_the_four_news_briefs(client, imported_seed):
    response = client.get("/news/")
    assert response.status_code == 200
    markup = page_html(response)
    titles = [plain(t) for t in re.findall(r"<h2><a href=\"[^\"]+\">(.*?)</a></h2>", markup, re.S)]
    assert titles == NEWS_TITLES
    for i in range(4):
        assert f'href="/issues/2021/6/items/{10 + i}/"' in markup
    assert "第40页" in main_text(response)


# --- document pages ---------------------------------------------------------------------------------

def test_document_page_shows_metadata(client, imported_seed):
    response = client.get(doc_url(DOC3))
    assert response.status_code == 200
    markup = page_html(response)
    meta = dict(definitions(re.search(r'<dl class="meta".*?</dl>', markup, re.S).group(0)))
    assert meta["发文字号"] == DOC3
    assert meta["发文机关"] == "重庆市綦江区人民政府"
    assert meta["成文日期"] == "2021年6月27日"
    assert meta["文种"] == "通知"
    assert meta["公报页码"] == "第4页"
    assert meta["主送机关"] == "各街道办事处、各镇人民政府、区政府各部门、在綦市属机构"
    assert headings(markup)[0] == "重庆市綦江区人民政府关于王昌鹏等同志职务任免的通知"
    text = main_text(response)
    assert f"{GAZETTE} {LABEL}" in text
    assert "王昌鹏同志任重庆兴能物产发展有限公司总经理" in text
    assert "廖建伟同志任重庆兴能物产发展有限公司副总经理（试用期1年）" in text


def test_document_page_shows_printed_number_and_joint_issuers(client, imported_seed):
    markup = page_html(client.get(doc_url(DOC41)))
    meta = dict(definitions(re.search(r'<dl class="meta".*?</dl>', markup, re.S).group(0)))
    assert meta["发文字号"] == f"{DOC41}（原印：綦应急发[2021]41号）"
    assert meta["发文机关"] == "重庆市綦江区应急管理局、重庆市綦江区财政局"
    assert meta["成文日期"] == "2021年6月18日"


@pytest.mark.parametrize("number", NUMBERS)
def test_document_page_has_full_text_and_an_anchor_per_heading(client, imported_seed, number):
    response = client.get(doc_url(number))
    assert response.status_code == 200
    markup = page_html(response)
    text = main_text(response)
    document = Document.objects.get(number=number)
    assert f'<h1 class="doc-title">{html.escape(document.title)}</h1>' in markup
    page_ids = ids(markup)
    duplicates = [i for i, n in Counter(page_ids).items() if n > 1]
    assert not duplicates, f"duplicate ids on {number}: {duplicates}"
    assert "" not in page_ids, f"empty id on {number}"
    for part in document.parts.all():
        for node in part.nodes.all():
            if node.text:
                assert node.text in text, f"{number}: text of node {node.anchor or node.pk} missing"
            if node.title:
                assert node.title in text
            if node.kind != "paragraph":
                assert node.anchor, f"{number}: {node.kind} {node.number} has no anchor"
                assert node.anchor in page_ids, f"{number}: no element with id={node.anchor}"
        if part.kind == "transmitted":
            assert part.anchor in page_ids
            assert part.title in headings(markup), f"{number}: transmitted text's title is not a heading"
    for attachment in document.attachments.all():
        assert attachment.anchor in page_ids
        assert f'href="#{attachment.anchor}"' in markup
        for paragraph in attachment.paragraphs:
            assert paragraph in text


def test_document_anchors_for_headings_and_articles(client, imported_seed):
    ids41 = ids(page_html(client.get(doc_url(DOC41))))
    for anchor in ["s1", "s2", "s3", "s4", "t1", "t1-art1", "t1-art5", "t1-art5-1", "t1-art16", "att1"]:
        assert anchor in ids41
    # 23号's headings are in the transmitted 实施方案 (part t1), so their ids carry its prefix
    ids23 = ids(page_html(client.get(doc_url(DOC23))))
    for anchor in ["t1", "t1-s1", "t1-s2", "t1-s4-1", "t1-s5_2-1-1", "att1", "att2"]:
        assert anchor in ids23


def test_document_page_heading_elements(client, imported_seed):
    markup = page_html(client.get(doc_url(DOC41)))
    assert re.search(r'<section id="s1"[^>]*>\s*<h\d[^>]*>一、高度重视</h\d>', markup)
    assert re.search(r'<div class="article" id="t1-art5"><p><span class="article-number">第五条</span>'
                     r"经查证属实后", markup)
    assert re.search(r'<h2[^>]*>重庆市綦江区安全生产举报奖励办法</h2>', markup)


def test_document_attachments_with_names(client, imported_seed):
    response = client.get(doc_url(DOC10))
    text = main_text(response)
    heads = headings(page_html(response))
    assert "附件1　綦江区第九届青少年科技创新区长奖获奖名单" in heads
    assert "附件2　綦江区第九届青少年科技创新区长提名奖获奖名单" in heads
    assert "王 烁" in text
    assert "唐艾琳" in text
    assert "张程祥" in text
    assert "（略）" not in text


def test_omitted_attachment_says_so(client, imported_seed):
    response = client.get(doc_url(DOC41))
    text = main_text(response)
    assert "附件　各行业领域安全生产重点举报事项清单" in headings(page_html(response))
    assert "各行业领域安全生产重点举报事项清单</a>（略）" in text
    assert "（略）本附件未在公报刊登。" in text


def test_document_signature_cc_and_public_note(client, imported_seed):
    text = main_text(client.get(doc_url(DOC10)))
    assert '<div class="signature"><p>重庆市綦江区人民政府</p><p>2021年5月24日</p></div>' in text
    assert "（此件公开发布）" in text
    assert "抄送：区委办公室，人大常委会办公室" in text


def test_document_citations(client, imported_seed):
    text = main_text(client.get(doc_url(DOC41)))
    assert "引用的文件" in text
    assert "《重庆市安全生产领域举报奖励办法》（渝应急发〔2021〕32号）" in text


# --- lookup by number -------------------------------------------------------------------------------

@pytest.mark.parametrize("printed", [
    "綦江府发[2021]10号",
    "綦江府发［2021］10号",
    "綦江府发【2021】10号",
    "綦江府发(2021)10号",
    "綦江府发 〔2021〕 10 号",
    "綦江府发〔２０２１〕１０号",
    "綦江府发［２０２１］１０号",
    "綦江府发〔2021〕第10号",
    "綦江府发〔2021〕010号",
])
def test_any_printed_form_redirects_permanently_to_the_canonical_url(client, imported_seed, printed):
    response = client.get("/docs/" + quote(printed))
    assert response.status_code == 301
    assert response.url == doc_url(DOC10)
    assert client.get(response.url).status_code == 200


def test_canonical_url_does_not_redirect(client, imported_seed):
    response = client.get(doc_url(DOC10))
    assert response.status_code == 200
    assert DOC10_TITLE in main_text(response)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    brackets=st.sampled_from(["〔〕", "[]", "［］", "【】", "()", "（）", "﹝﹞", "〖〗"]),
    full_width=st.booleans(),
    spaces=st.lists(st.sampled_from(["", " ", "\u3000"]), min_size=4, max_size=4),
)
def test_lookup_form_accepts_every_printed_form(client, imported_seed, brackets, full_width, spaces):
    year, serial = "2021", "10"
    if full_width:
        year, serial = year.translate(str.maketrans("0123456789", "０１２３４５６７８９")), "１０"
    s = spaces
    printed = f"綦江府发{s[0]}{brackets[0]}{s[1]}{year}{s[2]}{brackets[1]}{s[3]}{serial}号"
    response = client.get("/docs/", {"number": printed})
    assert response.status_code in (301, 302), printed
    assert response.url == doc_url(DOC10)


def test_lookup_page_without_number_shows_the_form(client, imported_seed):
    response = client.get("/docs/")
    assert response.status_code == 200
    markup = page_html(response)
    assert 'name="number"' in markup
    assert "綦江府发[2021]10号" in main_text(response)


@pytest.mark.parametrize("url", [
    "/docs/?number=" + quote("綦江府发〔2021〕99号"),
    "/docs/?number=" + quote("綦江府发[2021]99号"),
    "/docs/" + quote("綦江府发〔2021〕99号"),
    "/docs/" + quote("綦江府发［２０２１］９９号"),
])
def test_unknown_number_is_404_naming_the_canonical_form(client, imported_seed, url):
    response = client.get(url)
    assert response.status_code == 404
    text = main_text(response)
    assert "<strong>綦江府发〔2021〕99号</strong>" in text
    assert "还没有这篇公文" in text


@pytest.mark.parametrize("url", ["/docs/?number=hello", "/docs/" + quote("不是文号"), "/docs/" + quote("綦江府发2021-10")])
def test_non_number_is_404_explaining_the_format(client, imported_seed, url):
    response = client.get(url)
    assert response.status_code == 404
    text = main_text(response)
    assert "不像发文字号" in text
    assert "机关代字〔年份〕序号号" in text


# --- security headers, no external resources ---------------------------------------------------------

PUBLIC_URLS = [
    "/", "/issues/", "/issues/2021/6/", "/issues/2021/6/items/0/", "/issues/2021/6/items/10/", "/news/", "/docs/",
    *[doc_url(n) for n in NUMBERS],
    "/docs/?number=hello", "/docs/" + quote("綦江府发〔2021〕99号"), "/issues/1999/1/",
]
OTHER_URLS = ["/admin/login/", "/api/gazette/issues", "/api/gazette/documents/" + quote(DOC10), "/api/openapi.json"]
EXTERNAL = re.compile(r"""\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.mark.parametrize("url", PUBLIC_URLS + OTHER_URLS)
def test_every_page_sends_a_strict_content_security_policy(client, imported_seed, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives.get("default-src") == ["'self'"], csp
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in directives.get(directive, []), csp
    assert directives.get("object-src") == ["'none'"]
    assert directives.get("frame-ancestors") == ["'none'"]
    assert response.headers.get("X-Content-Type-Options") == "nosniff"


@pytest.mark.parametrize("url", PUBLIC_URLS + ["/admin/login/"])
def test_pages_load_nothing_from_other_hosts(client, imported_seed, url):
    markup = page_html(client.get(url))
    assert not EXTERNAL.findall(markup), f"{url} refers to another host"
    assert "@import" not in markup


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_need_no_inline_script_or_style(client, imported_seed, url):
    """The CSP forbids inline script and style, so the pages must not rely on them."""
    markup = page_html(client.get(url))
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", markup, re.I)
    assert not re.search(r"<style\b", markup, re.I)
    assert not re.search(r"\sstyle\s*=", markup, re.I)
    assert not re.search(r"\son[a-z]+\s*=", markup, re.I)


def test_stylesheet_is_served_from_this_site(client, imported_seed):
    markup = page_html(client.get("/"))
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', markup).group(1)
    assert href.startswith("/static/")
    response = client.get(href)
    assert response.status_code == 200
    css = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"url(http" not in css and b"@import" not in css


# --- admin ------------------------------------------------------------------------------------------

def test_admin_login_page_has_csrf_token(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', page_html(response))


def test_admin_requires_login(client, imported_seed):
    document = Document.objects.get(number=DOC10)
    response = client.get(reverse("admin:gazette_document_change", args=[document.pk]))
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


@pytest.fixture
def admin_client_seeded(client, django_user_model, imported_seed):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    client.force_login(user)
    return client


def test_superuser_opens_document_change_page(admin_client_seeded):
    document = Document.objects.get(number=DOC10)
    response = admin_client_seeded.get(reverse("admin:gazette_document_change", args=[document.pk]))
    assert response.status_code == 200
    markup = page_html(response)
    assert DOC10 in markup
    assert "綦江区第九届青少年科技创新区长奖获奖名单" in markup  # attachment inline
    assert "csrfmiddlewaretoken" in markup


def test_superuser_opens_issue_change_page(admin_client_seeded):
    issue = Issue.objects.get(year=2021, number=6)
    response = admin_client_seeded.get(reverse("admin:gazette_issue_change", args=[issue.pk]))
    assert response.status_code == 200
    markup = page_html(response)
    assert "NO.43700" in markup
    assert "陈正科" in markup  # board inline
    assert "政务要闻" in markup  # section inline


def test_superuser_opens_changelists(admin_client_seeded):
    for name in ["issue", "document", "item", "node", "importrun"]:
        response = admin_client_seeded.get(reverse(f"admin:gazette_{name}_changelist"))
        assert response.status_code == 200, name


# --- unpublished issues -----------------------------------------------------------------------------

@pytest.fixture
def unpublished(imported_seed):
    Issue.objects.filter(year=2021, number=6).update(published=False)


def test_unpublished_issue_is_not_shown(client, unpublished):
    home = main_text(client.get("/"))
    assert LABEL not in home and "还没有公报" in home
    assert LABEL not in main_text(client.get("/issues/"))
    assert client.get("/issues/2021/6/").status_code == 404
    assert client.get("/issues/2021/6/items/0/").status_code == 404
    assert client.get("/issues/2021/6/items/10/").status_code == 404
    news = main_text(client.get("/news/"))
    assert not any(title in news for title in NEWS_TITLES)


@pytest.mark.parametrize("number", NUMBERS)
def test_documents_of_an_unpublished_issue_are_404(client, unpublished, number):
    response = client.get(doc_url(number))
    assert response.status_code == 404
    document = Document.objects.get(number=number)
    assert document.title not in page_html(response)
    assert client.get(reverse("gazette:document_by_id", args=[document.pk])).status_code == 404


def test_lookup_of_an_unpublished_document_ends_in_404(client, unpublished):
    response = client.get("/docs/", {"number": "綦江府发[2021]10号"}, follow=True)
    assert response.status_code == 404
    assert DOC10_TITLE not in page_html(response)
    response = client.get("/docs/" + quote("綦江府发[2021]10号"), follow=True)
    assert response.status_code == 404
    assert DOC10_TITLE not in page_html(response)
