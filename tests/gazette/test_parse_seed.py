"""The seed issue (重庆市綦江区人民政府公报 2021年第6期) read field by field.

Every expectation below was written by reading the seed text
(zhengwu/demo/seed/000_c62ba9d0d4872cf1.txt), not by copying parser output: the line numbers
are the seed's own, the titles are the printed titles with the PDF's stray spaces taken out.
"""
import re

import pytest

CJK_RE = re.compile(r"[\u4e00-\u9fff]")

# The cc line most documents of the 办公室 carry (printed with half-width commas).
CC_OFFICE = ["区委办公室", "人大常委会办公室", "区政协办公室", "区纪委监委机关", "区法院", "区检察院", "区人武部"]

GOV = "重庆市綦江区人民政府"
OFFICE = "重庆市綦江区人民政府办公室"
GOV_SECTION = "重庆市綦江区人民政府文件"
OFFICE_SECTION = "重庆市綦江区人民政府办公室文件"
DEPT_SECTION = "重庆市綦江区人民政府部门文件"

# One row per document, in printed order, as an editor would fill it in from the page.
DOCUMENTS = [
    {
        "number": "綦江府人〔2021〕3号",
        "number_as_printed": "綦江府人〔2021〕3号",
        "header": GOV_SECTION,
        "issuers": [GOV],
        "signers": [GOV],
        "title": "重庆市綦江区人民政府关于王昌鹏等同志职务任免的通知",
        "type": "通知",
        "addressees": ["各街道办事处", "各镇人民政府", "区政府各部门", "在綦市属机构"],
        "signed_on": "2021-06-27",
        "attachments": [],
        # printed over two lines (123–124), the first ending in a comma
        "cc": ["区委各部委办局", "区人大常委会办公室", "区政协办公室", "区纪委监委机关", "区法院", "区检察院",
               "区人武部", "区级群团部门"],
        "printed_by": None,
        "printed_on": None,
        "public": False,
        "section": GOV_SECTION,
        "page": 4,
        "line": 101,
    },
    {
        "number": "綦江府发〔2021〕10号",
        "number_as_printed": "綦江府发[2021]10号",
        "header": GOV_SECTION,
        "issuers": [GOV],
        "signers": [GOV],
        "title": "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定",
        "type": "决定",
        "addressees": ["各街道办事处", "各镇人民政府", "区政府各部门", "在綦市属机构", "有关单位"],
        "signed_on": "2021-05-24",
        "attachments": [
            {"number": 1, "title": "綦江区第九届青少年科技创新区长奖获奖名单", "omitted": False},
            {"number": 2, "title": "綦江区第九届青少年科技创新区长提名奖获奖名单", "omitted": False},
        ],
        "cc": CC_OFFICE,
        "printed_by": OFFICE,
        "printed_on": "2021-05-24",
        "public": True,
        "section": GOV_SECTION,
        "page": 5,
        "line": 126,
    },
    {
        "number": "綦江府办发〔2021〕23号",
        "number_as_printed": "綦江府办发〔2021〕23号",
        "header": OFFICE_SECTION,
        "issuers": [OFFICE],
        "signers": [OFFICE],
        "title": "重庆市綦江区人民政府办公室关于印发綦江区居民小区“楼层撤桶楼下并点、定时定点分类投放生活垃圾”"
                 "实施方案的通知",
        "type": "通知",
        "addressees": ["各街道办事处", "各镇人民政府", "区级各部门", "在綦市属机构", "有关单位"],
        "signed_on": "2021-05-21",
        "attachments": [
            {"number": 1, "title": "xx街道（镇）“楼层撤桶楼下并点、分类投放生活垃圾”告知书（参考）", "omitted": False},
            {"number": 2, "title": "相关法规和文件内容（参考）", "omitted": True},
        ],
        "cc": CC_OFFICE,
        "printed_by": OFFICE,
        "printed_on": "2021-05-21",
        "public": False,
        "section": OFFICE_SECTION,
        "page": 8,
        "line": 188,
    },
    {
        "number": "綦江府办〔2021〕24号",
        "number_as_printed": "綦江府办〔2021〕24号",
        "header": OFFICE_SECTION,
        "issuers": [OFFICE],
        "signers": [OFFICE],
        "title": "重庆市綦江区人民政府办公室关于成立綦河流域水环境综合治理PPP项目工作推进领导小组等2个议事协调机构的通知",
        "type": "通知",
        "addressees": ["各街道办事处", "各镇人民政府", "区政府各部门", "在綦市属机构", "有关单位"],
        "signed_on": "2021-06-18",
        "attachments": [],
        "cc": ["区委办公室", "区人大常委会办公室", "区政协办公室", "区纪委监委机关", "区法院", "区检察院", "区人武部"],
        "printed_by": None,
        "printed_on": None,
        "public": False,
        "section": OFFICE_SECTION,
        "page": 13,
        "line": 314,
    },
    {
        "number": "綦江府办发〔2021〕24号",
        "number_as_printed": "綦江府办发[2021]24号",
        "header": OFFICE_SECTION,
        "issuers": [OFFICE],
        "signers": [OFFICE],
        "title": "重庆市綦江区人民政府办公室关于印发南岸区、綦江区与石柱县“十四五”“一区两群”对口协同发展实施方案的通知",
        "type": "通知",
        # printed with half-width commas
        "addressees": ["各街道办事处", "各镇人民政府", "区级国家机关有关部门", "有关单位"],
        "signed_on": "2021-06-03",
        "attachments": [],
        "cc": CC_OFFICE,
        "printed_by": OFFICE,
        "printed_on": "2021-06-03",
        "public": False,
        "section": OFFICE_SECTION,
        "page": 17,
        "line": 431,
    },
    {
        "number": "綦江府办〔2021〕25号",
        "number_as_printed": "綦江府办〔2021〕25号",
        "header": OFFICE_SECTION,
        "issuers": [OFFICE],
        "signers": [OFFICE],
        "title": "重庆市綦江区人民政府办公室关于调整重庆市綦江区安全生产委员会和重庆市綦江区减灾委员会组成机构及人员的通知",
        "type": "通知",
        "addressees": ["各街道办事处", "各镇人民政府", "区政府各部门", "有关单位"],
        "signed_on": "2021-06-29",
        "attachments": [],
        "cc": [],
        "printed_by": None,
        "printed_on": None,
        "public": True,
        "section": OFFICE_SECTION,
        "page": 24,
        "line": 555,
    },
    {
        "number": "綦江府办发〔2021〕26号",
        "number_as_printed": "綦江府办发〔2021〕26号",
        "header": OFFICE_SECTION,
        "issuers": [OFFICE],
        "signers": [OFFICE],
        "title": "重庆市綦江区人民政府办公室关于印发綦江区支持科技创新若干财政金融政策的通知",
        "type": "通知",
        "addressees": ["各街道办事处", "各镇人民政府", "区政府各部门", "有关单位"],
        "signed_on": "2021-06-16",
        "attachments": [],
        "cc": CC_OFFICE,
        "printed_by": OFFICE,
        "printed_on": "2021-06-16",
        "public": False,
        "section": OFFICE_SECTION,
        "page": 29,
        "line": 765,
    },
    {
        "number": "綦普法办〔2021〕16号",
        "number_as_printed": "綦普法办〔2021〕16号",
        "header": "重庆市綦江区普法工作办公室文件",
        "issuers": ["重庆市綦江区普法工作办公室"],
        "signers": ["重庆市綦江区普法工作办公室"],
        "title": "重庆市綦江区普法工作办公室关于开展《中华人民共和国长江保护法》专项普法宣传活动的通知",
        "type": "通知",
        "addressees": ["各街道办事处", "各镇人民政府", "区委各部委办局", "区级各部门", "各人民团体", "在綦市管单位"],
        "signed_on": "2021-06-02",  # printed "2021 年 6 月 2 日"
        "attachments": [],
        "cc": [],
        "printed_by": None,
        "printed_on": None,
        "public": False,
        "section": DEPT_SECTION,
        "page": 33,
        "line": 857,
    },
    {
        "number": "綦应急发〔2021〕41号",
        "number_as_printed": "綦应急发[2021]41号",
        "header": "重庆市綦江区应急管理局文件",
        "issuers": ["重庆市綦江区应急管理局", "重庆市綦江区财政局"],
        "signers": ["重庆市綦江区应急管理局", "重庆市綦江区财政局"],
        # printed "…奖励办法》的 通 知": only the space between the joint issuers stays
        "title": "重庆市綦江区应急管理局 重庆市綦江区财政局关于印发《重庆市綦江区安全生产举报奖励办法》的通知",
        "type": "通知",
        "addressees": ["各街道办事处", "各镇人民政府", "区政府有关部门", "有关单位"],
        "signed_on": "2021-06-18",
        "attachments": [{"number": None, "title": "各行业领域安全生产重点举报事项清单", "omitted": True}],
        "cc": [],
        "printed_by": None,
        "printed_on": None,
        "public": False,
        "section": DEPT_SECTION,
        "page": 36,
        "line": 927,
    },
]
NUMBERS = [d["number"] for d in DOCUMENTS]
# Test ids in ASCII (pytest escapes the Chinese), e.g. "qjfbf-2021-23" for 綦江府办发〔2021〕23号.
CODES = {"綦江府人": "qjfr", "綦江府发": "qjff", "綦江府办发": "qjfbf", "綦江府办": "qjfb", "綦普法办": "qpfb",
         "綦应急发": "qyjf"}


def ascii_id(number: str) -> str:
    code, year, serial = re.fullmatch(r"(.+)〔(\d{4})〕(\d+)号", number).groups()
    return f"{CODES[code]}-{year}-{serial}"


IDS = [ascii_id(n) for n in NUMBERS]
FIELDS = ["number_as_printed", "header", "issuers", "signers", "title", "type", "addressees", "signed_on", "cc",
          "printed_by", "printed_on", "public", "section", "page", "line"]

# The texts a notice transmits (印发), printed after its signature with their own titles.
TRANSMITTED = {
    "綦江府人〔2021〕3号": None,
    "綦江府发〔2021〕10号": None,
    "綦江府办发〔2021〕23号": ("綦江区居民小区“楼层撤桶楼下并点、定时定点分类投放生活垃圾”实施方案", "方案", 202),
    "綦江府办〔2021〕24号": None,
    "綦江府办发〔2021〕24号": ("南岸区、綦江区与石柱县“十四五”“一区两群”对口协同发展实施方案", "方案", 447),
    "綦江府办〔2021〕25号": None,
    "綦江府办发〔2021〕26号": ("綦江区支持科技创新若干财政金融政策", "政策", 781),
    "綦普法办〔2021〕16号": None,
    "綦应急发〔2021〕41号": ("重庆市綦江区安全生产举报奖励办法", "办法", 961),
}

# Documents cited with their number (《…》（number）), in the document's own text.
CITED_NUMBERS = {
    "綦江府人〔2021〕3号": set(),
    "綦江府发〔2021〕10号": set(),
    "綦江府办发〔2021〕23号": {"渝府令〔2018〕324号", "渝分类组〔2020〕1号", "渝分类办〔2021〕5号", "渝分类办〔2021〕10号",
                           "綦江府办发〔2019〕24号", "綦江府办发〔2019〕42号"},
    "綦江府办〔2021〕24号": set(),
    "綦江府办发〔2021〕24号": {"渝委发〔2020〕15号", "渝委办发〔2020〕37号", "渝发改振兴〔2021〕174号"},
    "綦江府办〔2021〕25号": set(),
    "綦江府办发〔2021〕26号": {"渝府办发〔2021〕47号"},
    "綦普法办〔2021〕16号": {"渝普法办〔2021〕10号"},
    "綦应急发〔2021〕41号": {"渝应急发〔2021〕32号", "安监总财〔2018〕19号", "应急〔2020〕69号"},
}

TOC = [
    (1, "卷首语", "做党和人民的“骆驼”（人民论坛）"),
    (4, GOV_SECTION, "重庆市綦江区人民政府关于王昌鹏等同志职务任免的通知"),
    (5, GOV_SECTION, "重庆市綦江区人民政府关于颁发第九届青少年科技创新区长奖的决定"),
    (8, OFFICE_SECTION, DOCUMENTS[2]["title"]),
    (13, OFFICE_SECTION, DOCUMENTS[3]["title"]),
    (17, OFFICE_SECTION, DOCUMENTS[4]["title"]),
    (24, OFFICE_SECTION, DOCUMENTS[5]["title"]),
    (29, OFFICE_SECTION, DOCUMENTS[6]["title"]),
    (33, DEPT_SECTION, DOCUMENTS[7]["title"]),
    (36, DEPT_SECTION, DOCUMENTS[8]["title"]),
    (40, "政务要闻", "区商务委推动全区商贸服务业发展成效显著"),
    (40, "政务要闻", "区政务服务办围绕四个“一”深化政务服务改革"),
    (40, "政务要闻", "安稳镇“三色经济”领跑转型发展"),
    (40, "政务要闻", "横山镇“三新”开启经济发展新篇章"),
]
NEWS_TITLES = [title for _, section, title in TOC if section == "政务要闻"]


def document(seed_json: dict, number: str) -> dict:
    found = [d for d in seed_json["documents"] if d["number"] == number]
    assert len(found) == 1, f"{number}: found {len(found)} documents with this number"
    return found[0]


def walk(nodes: list[dict]):
    for node in nodes:
        yield node
        yield from walk(node["children"])


def part(doc: dict, kind: str) -> dict:
    found = [p for p in doc["parts"] if p["kind"] == kind]
    assert found, f"{doc['number']} has no {kind} part"
    return found[0]


def node(doc: dict, anchor: str) -> dict:
    found = [n for p in doc["parts"] for n in walk(p["body"]) if n["anchor"] == anchor]
    assert len(found) == 1, f"{doc['number']}: {len(found)} nodes anchored {anchor!r}"
    return found[0]


def body_text(doc: dict) -> str:
    """Every heading title and text of every part, one piece per line."""
    return "\n".join(n["title"] + n["text"] for p in doc["parts"] for n in walk(p["body"]))


# ---------------------------------------------------------------- the issue


def test_it_reads_the_issue_number_year_and_publication_date(seed_json):
    issue = seed_json["issue"]
    assert issue["gazette"] == "重庆市綦江区人民政府公报"
    assert (issue["year"], issue["number"], issue["cumulative_number"]) == (2021, 6, 112)
    assert issue["published_on"] == "2021-07-10"
    assert issue["line"] == 23


def test_it_reads_the_masthead(seed_json):
    assert seed_json["issue"]["masthead"] == {
        "supervisor": "重庆市綦江区人民政府",
        "sponsor": "重庆市綦江区人民政府办公室",
        "publisher": "重庆市綦江区人民政府公报室",
        "address": "重庆市綦江区古南街道中山路1号",
        "postcode": "401420",
        "phone": "(023)48659622",
        "fax": "(023)48659622",
        "website_name": "重庆市綦江区政府公众信息网",
        "website": "http://www.cqqj.gov.cn",
        "print_permit": "NO.43700",
    }


def test_it_reads_the_editorial_board_with_each_role(seed_json):
    board = [(m["role"], m["name"]) for m in seed_json["issue"]["editorial_board"]]
    assert board == [
        ("顾问", "罗成"),
        ("主任", "陈正科"),
        # 副主任 runs on over two lines of names without the role repeated
        *[("副主任", n) for n in ["王健", "孙荣康", "张扬", "邹鸿", "陈雪", "吴峰", "陈智", "吕春林", "李昌凤"]],
        ("主编", "陈智"),
        ("责任编辑", "高琳"),
        ("编辑", "李倩"),
        ("编辑", "李科"),
    ]


def test_it_reads_the_slogans_and_sections(seed_json):
    issue = seed_json["issue"]
    assert issue["slogans"] == ["传达政令 宣传政策", "指导工作 服务社会"]
    assert issue["sections"] == ["卷首语", GOV_SECTION, OFFICE_SECTION, DEPT_SECTION, "政务要闻"]


def test_it_reads_the_table_of_contents_with_pages_and_sections(seed_json):
    toc = seed_json["issue"]["toc"]
    assert len(toc) == 14
    assert [e["page"] for e in toc] == [1, 4, 5, 8, 13, 17, 24, 29, 33, 36, 40, 40, 40, 40]
    assert [e["section"] for e in toc] == [section for _, section, _ in TOC]
    # the news entries are printed with a △ marker; the title is what follows it
    assert [e["title"].removeprefix("△") for e in toc] == [title for _, _, title in TOC]
    assert [e["line"] for e in toc] == [33, 37, 38, 42, 43, 44, 45, 46, 79, 80, 84, 85, 86, 87]


def test_it_reads_the_editorial_with_its_source(seed_json):
    editorial = seed_json["issue"]["editorial"]
    assert editorial["title"] == "做党和人民的“骆驼”（人民论坛）"
    assert editorial["source"] == "人民日报"
    assert editorial["source_date"] == "2021-06-01"
    assert editorial["source_page"] == "第04版"
    assert (editorial["page"], editorial["section"], editorial["line"]) == (1, "卷首语", 3)
    paragraphs = editorial["paragraphs"]
    assert len(paragraphs) == 7
    assert paragraphs[0] == ("百年征程波澜壮阔，百年初心历久弥坚。我们党的历史中，蕴含着弥足珍贵的精神财富。"
                             "前不久，参观一场“永远跟党走”的展览，深为感动。")
    assert paragraphs[-1].startswith("山再高，往上攀，总能登顶；")


def test_it_reads_the_four_news_briefs(seed_json):
    news = seed_json["news"]
    assert [n["title"] for n in news] == NEWS_TITLES
    assert [n["line"] for n in news] == [1035, 1039, 1043, 1047]
    assert all(n["page"] == 40 and n["section"] == "政务要闻" for n in news)
    assert all(len(n["paragraphs"]) == 1 for n in news)
    assert news[0]["paragraphs"][0].startswith("一是电子商务飞速发展。")
    assert news[3]["paragraphs"][0].endswith("已对外营业。")


# ---------------------------------------------------------------- the documents


def test_it_reads_nine_documents_in_printed_order(seed_json):
    assert [d["number"] for d in seed_json["documents"]] == NUMBERS


@pytest.mark.parametrize("expected", DOCUMENTS, ids=IDS)
@pytest.mark.parametrize("field", FIELDS)
def test_it_reads_each_document_field(seed_json, expected, field):
    assert document(seed_json, expected["number"])[field] == expected[field]


@pytest.mark.parametrize("expected", DOCUMENTS, ids=IDS)
def test_it_reads_the_attachments_of_each_document(seed_json, expected):
    attachments = document(seed_json, expected["number"])["attachments"]
    assert [{"number": a["number"], "title": a["title"], "omitted": a["omitted"]} for a in attachments] \
        == expected["attachments"]
    for attachment in attachments:
        assert "（略）" not in attachment["title"] and "(略)" not in attachment["title"]
        assert attachment["listed"] is True
        if attachment["omitted"]:
            assert attachment["body_line"] is None and attachment["paragraphs"] == []


def test_it_reads_the_printed_attachments_of_the_10_decision(seed_json):
    first, second = document(seed_json, "綦江府发〔2021〕10号")["attachments"]
    assert (first["line"], first["body_line"], len(first["paragraphs"])) == (138, 150, 10)
    assert (second["line"], second["body_line"], len(second["paragraphs"])) == (140, 165, 10)
    assert first["paragraphs"][1] == "唐艾琳 綦江区文龙小学校六年级1班学生"
    assert second["paragraphs"][-1] == "梅锋睿 綦江区万兴中学九年级1班学生"


def test_it_reads_the_printed_notice_attached_to_the_23_plan(seed_json):
    notice = document(seed_json, "綦江府办发〔2021〕23号")["attachments"][0]
    assert notice["body_line"] == 290
    assert notice["paragraphs"][0] == "居民朋友们："
    assert "咨询人：xx；咨询电话：xxxxxxx。" in notice["paragraphs"]
    assert notice["body_title"].replace(" ", "").startswith("XX街道（镇）")


# Spaces the PDF put around digits and Latin letters inside Chinese text are taken out.
SPACED_LATIN = [
    ("綦江府办发〔2021〕23号", "渝分类办〔2020〕4号"),  # printed "〔2020〕4 号", attachment 1 (line 298)
    ("綦江府办发〔2021〕24号", "重点推进5G基站建设"),  # printed "推进 5G 基站" (line 483)
    ("綦江府办发〔2021〕24号", "优化布局石油、CNG、LNG储存和加注设施"),  # printed "LNG 储存" (line 481)
    ("綦普法办〔2021〕16号", "载体推送H5、长图"),  # printed "推送 H5、" (line 909)
    ("綦应急发〔2021〕41号", "应在核查属实后20日内发出领奖通知"),  # printed "后 20 日内" (line 993)
]


@pytest.mark.parametrize(("number", "words"), SPACED_LATIN, ids=[f"{ascii_id(n)}-{i}" for i, (n, _) in
                                                                  enumerate(SPACED_LATIN)])
def test_it_closes_spaces_around_digits_and_latin_inside_chinese(seed_json, number, words):
    doc = document(seed_json, number)
    text = body_text(doc) + "\n" + "\n".join(p for a in doc["attachments"] for p in a["paragraphs"])
    assert words in text


@pytest.mark.parametrize("number", NUMBERS, ids=IDS)
def test_it_reads_titles_without_stray_spaces(seed_json, number):
    title = document(seed_json, number)["title"]
    expected_spaces = 1 if number == "綦应急发〔2021〕41号" else 0
    assert title.count(" ") == expected_spaces
    assert "\u3000" not in title


@pytest.mark.parametrize("number", NUMBERS, ids=IDS)
def test_it_makes_punctuation_next_to_chinese_full_width(seed_json, number):
    doc = document(seed_json, number)
    for text in [doc["title"], *doc["addressees"], *doc["cc"], *(a["title"] for a in doc["attachments"])]:
        assert not re.search(r"[,:;()]", text), text


@pytest.mark.parametrize("number", NUMBERS, ids=IDS)
def test_it_reads_the_transmitted_text_of_each_notice(seed_json, number):
    doc = document(seed_json, number)
    transmitted = [p for p in doc["parts"] if p["kind"] == "transmitted"]
    main = [p for p in doc["parts"] if p["kind"] == "main"]
    assert len(main) == 1 and main[0]["title"] == doc["title"] and main[0]["anchor"] == ""
    expected = TRANSMITTED[number]
    if expected is None:
        assert transmitted == []
    else:
        title, doc_type, line = expected
        assert [(p["title"], p["type"], p["line"], p["anchor"]) for p in transmitted] == [(title, doc_type, line, "t1")]


@pytest.mark.parametrize("number", NUMBERS, ids=IDS)
def test_it_reads_the_numbers_each_document_cites(seed_json, number):
    citations = document(seed_json, number)["citations"]
    numbered = {c["number"] for c in citations if c["number"]}
    assert CITED_NUMBERS[number] <= numbered
    for citation in citations:
        if citation["number"]:
            assert re.fullmatch(r".+〔\d{4}〕\d+号", citation["number"])


def test_it_reads_the_citation_of_the_26_policy_with_its_title(seed_json):
    citations = document(seed_json, "綦江府办发〔2021〕26号")["citations"]
    cited = [c for c in citations if c["number"] == "渝府办发〔2021〕47号"]
    assert len(cited) == 1
    assert cited[0]["title"] == "重庆市人民政府办公厅关于印发支持科技创新若干财政金融政策的通知"
    assert cited[0]["line"] == 783


@pytest.mark.parametrize("number", NUMBERS, ids=IDS)
def test_it_gives_every_heading_of_a_document_its_own_anchor(seed_json, number):
    doc = document(seed_json, number)
    anchors = [n["anchor"] for p in doc["parts"] for n in walk(p["body"]) if n["kind"] != "paragraph"]
    assert len(anchors) == len(set(anchors))
    assert all(anchors)


def test_it_reads_the_sixteen_articles_of_the_reward_measures(seed_json):
    measures = part(document(seed_json, "綦应急发〔2021〕41号"), "transmitted")
    articles = [n for n in measures["body"] if n["kind"] == "article"]
    assert [a["anchor"] for a in articles] == [f"t1-art{i}" for i in range(1, 17)]
    assert [a["number"] for a in articles] == [
        "第一条", "第二条", "第三条", "第四条", "第五条", "第六条", "第七条", "第八条", "第九条", "第十条",
        "第十一条", "第十二条", "第十三条", "第十四条", "第十五条", "第十六条"]
    assert articles[0]["line"] == 963 and articles[-1]["line"] == 1029
    assert articles[-1]["text"] == "本办法自印发之日起施行。"
    # 第八条 lists eight cases （一）…（八）
    assert [c["anchor"] for c in articles[7]["children"] if c["kind"] != "paragraph"] \
        == [f"t1-art8-{i}" for i in range(1, 9)]


def test_it_anchors_the_headings_of_the_reward_notice_itself(seed_json):
    notice = part(document(seed_json, "綦应急发〔2021〕41号"), "main")
    headings = [(n["anchor"], n["number"], n["title"]) for n in notice["body"] if n["kind"] == "heading"]
    assert headings == [("s1", "一、", "高度重视"), ("s2", "二、", "广泛宣传"), ("s3", "三、", "突出重点"),
                        ("s4", "四、", "保障到位")]


def test_it_keeps_the_repeated_five_of_the_23_plan_apart(seed_json):
    plan = part(document(seed_json, "綦江府办发〔2021〕23号"), "transmitted")
    top = [n for n in plan["body"] if n["kind"] == "heading"]
    assert [(n["number"], n["title"]) for n in top] == [
        ("一、", "指导思想"), ("二、", "工作目标"), ("三、", "实施范围及对象"), ("四、", "推进时序"),
        ("五、", "工作措施"), ("五、", "职责分工")]
    assert [n["anchor"] for n in top[:5]] == ["t1-s1", "t1-s2", "t1-s3", "t1-s4", "t1-s5"]
    assert top[5]["anchor"].startswith("t1-s5") and top[5]["anchor"] != "t1-s5"
    assert top[5]["line"] == 264
    assert [c["title"] for c in top[4]["children"] if c["kind"] == "heading"] == [
        "党建引领，骨干带头", "深入调研，制定方案", "广泛宣传，全面公示", "撤桶并点，优化巩固"]


def test_it_anchors_the_policy_items_numbered_on_across_parts(seed_json):
    policy = part(document(seed_json, "綦江府办发〔2021〕26号"), "transmitted")
    top = [n for n in policy["body"] if n["kind"] == "heading"]
    assert [n["anchor"] for n in top] == [f"t1-s{i}" for i in range(1, 10)]
    assert [n["title"] for n in top] == ["加大科技创新投入", "扶持产业技术创新", "推进农业科技创新", "加大科技金融支撑",
                                        "增强知识产权保护", "鼓励科技人才集聚", "加强科技成果转化", "促进区域协同创新",
                                        "强化科技创新保障"]
    items = [c for n in top for c in n["children"] if c["kind"] == "heading"]
    assert len(items) == 23  # （一）…（二十三）
    assert items[-1]["number"] == "（二十三）" and items[-1]["title"] == "完善绩效管理机制"


def test_it_anchors_the_nested_headings_of_the_16_notice(seed_json):
    doc = document(seed_json, "綦普法办〔2021〕16号")
    top = [n for n in part(doc, "main")["body"] if n["kind"] == "heading"]
    assert [(n["anchor"], n["title"]) for n in top] == [
        ("s1", "指导思想"), ("s2", "活动安排"), ("s3", "宣传重点"), ("s4", "具体措施"), ("s5", "工作要求")]
    first = node(doc, "s4-1")
    assert (first["number"], first["title"]) == ("（一）", "深入开展学习宣讲")
    measure = first["children"][0]
    assert (measure["number"], measure["title"], measure["line"]) == ("1.", "深化领导干部学习教育", 891)
    assert measure["text"].startswith("严格落实领导干部学法用法制度，")


# A run-in heading's title is the words after its number; a heading that is only a title has no text.
HEADING_TITLES = [
    ("綦江府办〔2021〕25号", "s1", "区安委会", ""),
    ("綦江府办〔2021〕25号", "s2", "区减灾委（区自然灾害应急总指挥部）", ""),
    ("綦江府办〔2021〕25号", "s1-2-1", "道路交通安全办公室",
     "设在区公安交巡警支队，由区公安交巡警支队主要负责人兼任办公室主任、分管负责人兼任副主任。"),
    ("綦江府办发〔2021〕23号", "t1-s4-1", "第一阶段：前期准备（2021年6月）", ""),
    ("綦江府办发〔2021〕23号", "t1-s4-3", "第三阶段：全面开展（2021年9月）", ""),
    ("綦江府办发〔2021〕24号", "t1-s2-1-1", "协同推进骨干水源和智慧水利建设", None),
    ("綦江府办发〔2021〕24号", "t1-s1-4", "总体目标", ""),
    # （八）is the last of eight cases of 第八条, printed as a sentence like the seven before it
    ("綦应急发〔2021〕41号", "t1-art8-8", "", "具有监管、监察职责的工作人员及其近亲属或其授意他人举报的。"),
]


@pytest.mark.parametrize(("number", "anchor", "title", "text"), HEADING_TITLES,
                         ids=[f"{ascii_id(n)}-{a}" for n, a, _, _ in HEADING_TITLES])
def test_it_reads_heading_titles(seed_json, number, anchor, title, text):
    found = node(document(seed_json, number), anchor)
    assert found["title"] == title
    if text is not None:
        assert found["text"] == text


# ---------------------------------------------------------------- repairs


def repairs_of(seed_json: dict, kind: str) -> list[dict]:
    return [r for r in seed_json["repairs"] if r["kind"] == kind]


def test_it_removes_the_pinyin_running_header(seed_json):
    assert [r["line"] for r in repairs_of(seed_json, "running_header")] == [989]
    assert "ChongQing" not in body_text(document(seed_json, "綦应急发〔2021〕41号"))


def test_it_removes_the_bold_marks_around_the_news_heading(seed_json):
    assert [r["line"] for r in repairs_of(seed_json, "bold_mark")] == [1033]
    assert seed_json["issue"]["sections"][-1] == "政务要闻"


def test_it_removes_the_list_bullets(seed_json):
    assert sorted(r["line"] for r in repairs_of(seed_json, "bullet")) == [33, 37, 42, 79, 80, 84, 85, 86, 87, 376]


def test_it_closes_spaced_out_dates(seed_json):
    assert sorted(r["line"] for r in repairs_of(seed_json, "space_in_date")) == [184, 312, 919, 923]


def test_it_reports_repairs_in_line_order(seed_json):
    lines = [r["line"] for r in seed_json["repairs"]]
    assert lines == sorted(lines)
    assert all(r["line"] >= 1 for r in seed_json["repairs"])


# (document, first line, continuation line, the words as they read once joined)
PAGE_BREAK_SPLITS = [
    ("綦江府办发〔2021〕23号", 226, 230, "制定撤桶并点详细实施方案"),
    ("綦江府办发〔2021〕23号", 268, 270, "分类办”）牵头，对实施情况进行跟踪指导"),
    ("綦江府办发〔2021〕24号", 471, 473, "加工品供给地和全国康养旅游消费目的地"),
    ("綦江府办发〔2021〕24号", 489, 493, "建立有效需求对接"),
    ("綦江府办发〔2021〕24号", 515, 519, "合作开展实用技术指导"),
    ("綦江府办发〔2021〕24号", 535, 537, "明确相应机构和人员"),
    ("綦江府办〔2021〕25号", 581, 583, "区发展改革委、区科技局、区公安局"),
    ("綦江府办〔2021〕25号", 721, 725, "国网市电力公司綦江分公司分管负责人。"),
    ("綦普法办〔2021〕16号", 905, 907, "推送《长江保护法》权威访谈和理论文章"),
    ("綦应急发〔2021〕41号", 943, 945, "向全社会进行广泛宣传和普及"),
]


@pytest.mark.parametrize(("number", "first", "second", "joined"), PAGE_BREAK_SPLITS,
                         ids=[f"{ascii_id(n)}-line{a}" for n, a, _, _ in PAGE_BREAK_SPLITS])
def test_it_joins_paragraphs_a_page_break_split(seed_json, number, first, second, joined):
    assert joined in body_text(document(seed_json, number))
    assert any(r["line"] in (first, second) for r in repairs_of(seed_json, "page_break_split"))


def test_it_keeps_roster_lines_apart_across_a_page_break(seed_json):
    text = body_text(document(seed_json, "綦江府办〔2021〕24号"))
    assert "王成伟 区城市管理局副局长\n胡辉明 区交通局副局长" in text
    assert "蔡 洪 綦江通发办副主任\n帅 宏 区烟草局副调研员" in text


def test_it_reports_no_join_that_is_not_in_the_list(seed_json):
    allowed = {line for _, first, second, _ in PAGE_BREAK_SPLITS for line in (first, second)}
    assert {r["line"] for r in repairs_of(seed_json, "page_break_split")} <= allowed


# ---------------------------------------------------------------- problems


def test_it_reports_the_problems_an_editor_would_see_in_the_seed(seed_json):
    found = {(p["code"], p["line"]) for p in seed_json["problems"]}
    assert found == {
        ("number_brackets", 128),  # 綦江府发[2021]10号
        ("heading_repeated", 264),  # the second 五、 of the 23 plan
        ("number_brackets", 433),  # 綦江府办发[2021]24号
        ("heading_skipped", 649),  # 25号 goes from （一） to （三）
        ("number_brackets", 929),  # 綦应急发[2021]41号
    }


def test_it_reports_no_error_on_the_seed(seed_json, seed_result):
    assert [p for p in seed_json["problems"] if p["severity"] == "error"] == []
    assert seed_result.errors == []
    assert seed_json["encoding"] == "utf-8"


def test_it_writes_every_problem_message_in_chinese(seed_json):
    for problem in seed_json["problems"]:
        assert CJK_RE.search(problem["message"]), problem
        assert problem["line"] >= 1


def test_it_names_the_bracket_numbers_as_printed_and_normalised(seed_json):
    messages = {p["line"]: p["message"] for p in seed_json["problems"] if p["code"] == "number_brackets"}
    assert "綦江府发[2021]10号" in messages[128] and "綦江府发〔2021〕10号" in messages[128]
    assert "綦应急发[2021]41号" in messages[929] and "綦应急发〔2021〕41号" in messages[929]


# ---------------------------------------------------------------- the same seed in the database


def test_it_stores_the_seed_as_it_reads_it(imported_seed):
    from zhengwu.gazette import models as m

    assert imported_seed.created is True
    assert m.Issue.objects.count() == 1 and m.Document.objects.count() == 9
    issue = m.Issue.objects.get()
    assert (issue.year, issue.number, issue.cumulative_number) == (2021, 6, 112)
    assert issue.items.count() == 14
    assert list(issue.sections.values_list("name", flat=True)) == [
        "卷首语", GOV_SECTION, OFFICE_SECTION, DEPT_SECTION, "政务要闻"]
    for expected in DOCUMENTS:
        doc = m.Document.objects.get(number=expected["number"])
        assert doc.title == expected["title"]
        assert doc.issuers == expected["issuers"]
        assert doc.public is expected["public"]
        assert doc.item.page == expected["page"]
        assert doc.item.section.name == expected["section"]
    measures = m.Part.objects.get(document__number="綦应急发〔2021〕41号", kind="transmitted")
    assert list(measures.nodes.filter(kind="article").values_list("anchor", flat=True)) \
        == [f"t1-art{i}" for i in range(1, 17)]
