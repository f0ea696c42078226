"""Word (DOCX) of a document, GB/T 9704-2012 layout: written, then read back with python-docx and as raw XML."""
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import quote

import docx
import pytest
from django.urls import reverse
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import cli
from zhengwu.core.officialdoc.ooxml import PPR_ORDER, RPR_ORDER
from zhengwu.gazette.models import Document, Issue, Node, Part
from zhengwu.gazette.queries import find_document
from zhengwu.gazette.render.docx import document_docx

DOC3 = "綦江府人〔2021〕3号"
DOC10 = "綦江府发〔2021〕10号"
DOC26 = "綦江府办发〔2021〕26号"
DOC41 = "綦应急发〔2021〕41号"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ARTICLES = ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条", "第七条", "第八条", "第九条", "第十条",
            "第十一条", "第十二条", "第十三条", "第十四条", "第十五条", "第十六条"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM_PER_TWIP = 25.4 / 1440


# --- helpers ---------------------------------------------------------------------------------------

def written(number: str, tmp_path: Path) -> Path:
    """The DOCX of a seed document, written to a real file."""
    path = tmp_path / f"{number}.docx"
    path.write_bytes(document_docx(find_document(number)))
    return path


def part_xml(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def east_asia(run) -> str | None:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


def paragraph(document, text: str):
    """The paragraph whose text starts with `text`."""
    found = [p for p in document.paragraphs if p.text.startswith(text)]
    assert found, f"no paragraph starts with {text!r}"
    return found[0]


def exactly(document, text: str):
    """The paragraph whose text is `text`."""
    found = [p for p in document.paragraphs if p.text == text]
    assert found, f"no paragraph reads {text!r}"
    return found[0]


def twips(length) -> int:
    return round(length / 635)


def indent_chars(p, name: str) -> float:
    ind = p._p.pPr.find(qn("w:ind"))
    return int(ind.get(qn(f"w:{name}Chars"), 0)) / 100 if ind is not None else 0


def width(text: str) -> float:
    return sum(0.5 if c.isascii() else 1 for c in text)


@pytest.fixture
def doc41(imported_seed, tmp_path):
    return docx.Document(written(DOC41, tmp_path))


# --- page and grid ---------------------------------------------------------------------------------

@pytest.mark.parametrize("number", [DOC3, DOC10, DOC41])
def test_the_page_is_a4_with_a_156_by_225_mm_text_area(imported_seed, tmp_path, number):
    section = docx.Document(written(number, tmp_path)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    text_width = section.page_width.mm - section.left_margin.mm - section.right_margin.mm
    text_height = section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm
    assert text_width == pytest.approx(156, abs=0.1)
    assert text_height == pytest.approx(225, abs=0.1)


@pytest.mark.parametrize("number", [DOC3, DOC10, DOC41])
def test_the_grid_holds_22_lines_of_28_characters(imported_seed, tmp_path, number):
    path = written(number, tmp_path)
    section = docx.Document(path).sections[0]
    grid = re.search(r"<w:docGrid [^>]*/>", part_xml(path, "word/document.xml")).group(0)
    assert 'w:type="linesAndChars"' in grid
    pitch = int(re.search(r'w:linePitch="(\d+)"', grid).group(1))
    char_space = int(re.search(r'w:charSpace="(-?\d+)"', grid).group(1))
    height = twips(section.page_height - section.top_margin - section.bottom_margin)
    width_pt = twips(section.page_width - section.left_margin - section.right_margin) / 20
    assert pitch * 22 <= height < pitch * 23
    # Word's character pitch is the Normal style's size plus charSpace/4096 pt; Normal is 三号 (16 pt).
    assert re.search(r'w:styleId="Normal".*?<w:sz w:val="32"/>', part_xml(path, "word/styles.xml"), re.S)
    char_pitch = 16 + char_space / 4096
    assert char_pitch * 28 <= width_pt < char_pitch * 29
    body = paragraph(docx.Document(path), "经2021年6月22日" if number == DOC3 else "为")
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert twips(body.paragraph_format.line_spacing) == pitch


# --- masthead, title, body -------------------------------------------------------------------------

@pytest.mark.parametrize("number,header", [(DOC10, "重庆市綦江区人民政府文件"),
                                           (DOC41, "重庆市綦江区应急管理局文件")])
def test_the_masthead_is_red_and_the_number_sits_over_a_red_rule(imported_seed, tmp_path, number, header):
    document = docx.Document(written(number, tmp_path))
    first = document.paragraphs[0]
    assert first.text == header
    assert first.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = first.runs[0]
    assert str(run.font.color.rgb) == "FF0000"
    assert east_asia(run) == "方正小标宋简体" and run.font.size.pt > 22
    line = paragraph(document, number)
    assert line.alignment == WD_ALIGN_PARAGRAPH.CENTER
    rule = line._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"


@pytest.mark.parametrize("number", [DOC3, DOC10, DOC41])
def test_the_title_is_xiaobiaosong_22_pt_centred(imported_seed, tmp_path, number):
    source = find_document(number)
    document = docx.Document(written(number, tmp_path))
    title = paragraph(document, source.title)
    assert title.text == source.title
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in title.runs:
        assert east_asia(run) == "方正小标宋简体"
        assert run.font.size.pt == 22


def test_body_text_is_fangsong_16_pt_indented_two_characters(doc41):
    body = paragraph(doc41, "为及时发现和严厉打击安全生产领域违法行为")
    assert indent_chars(body, "firstLine") == 2
    run = body.runs[0]
    assert east_asia(run) == "仿宋_GB2312"
    assert run.font.name == "仿宋_GB2312"  # ascii/hAnsi too: digits and Latin letters in the same face
    assert run.font.size.pt == 16
    addressees = paragraph(doc41, "各街道办事处")
    assert addressees.text == "各街道办事处，各镇人民政府，区政府有关部门，有关单位："
    assert indent_chars(addressees, "firstLine") == 0  # 顶格


def test_headings_take_the_fonts_of_their_level(doc41, imported_seed, tmp_path):
    heading = paragraph(doc41, "一、高度重视")
    assert [east_asia(r) for r in heading.runs] == ["黑体"]
    # a numbered item without a title inside an article is body text
    item = paragraph(doc41, "（一）举报各类安全生产违法行为")
    assert {east_asia(r) for r in item.runs} == {"仿宋_GB2312"}
    policy = docx.Document(written(DOC26, tmp_path))
    run_in = paragraph(policy, "（一）支持创新平台加快集聚、高效运行。")
    assert [(r.text, east_asia(r)) for r in run_in.runs][0] == ("（一）支持创新平台加快集聚、高效运行。", "楷体_GB2312")
    assert east_asia(run_in.runs[1]) == "仿宋_GB2312" and run_in.runs[1].text.startswith("对首次认定为国家重点实验室")
    plan = docx.Document(written("綦江府办发〔2021〕24号", tmp_path))
    third = paragraph(plan, "1.协同推进骨干水源和智慧水利建设。")
    assert east_asia(third.runs[0]) == "仿宋_GB2312" and third.runs[0].font.bold
    assert not third.runs[1].font.bold


def test_the_text_comes_in_reading_order_with_every_article_of_the_transmitted_rules(doc41):
    texts = [p.text for p in doc41.paragraphs if p.text]
    expected = [
        "重庆市綦江区应急管理局文件", DOC41,
        "重庆市綦江区应急管理局 重庆市綦江区财政局关于印发《重庆市綦江区安全生产举报奖励办法》的通知",
        "各街道办事处，各镇人民政府，区政府有关部门，有关单位：", "一、高度重视", "二、广泛宣传", "三、突出重点",
        "四、保障到位", "附件：各行业领域安全生产重点举报事项清单（略）", "重庆市綦江区应急管理局",
        "重庆市綦江区财政局", "2021年6月18日", "重庆市綦江区安全生产举报奖励办法",
        *ARTICLES, "附件", "各行业领域安全生产重点举报事项清单",
    ]
    position = -1
    for text in expected:
        later = [i for i, t in enumerate(texts) if i > position and t.startswith(text)]
        assert later, f"{text!r} missing or out of order"
        position = later[0]
    articles = [t.split("\u3000")[0] for t in texts if t.startswith("第") and "条\u3000" in t[:6]]
    assert articles == ARTICLES
    assert paragraph(doc41, "第十六条").text == "第十六条\u3000本办法自印发之日起施行。"
    assert east_asia(paragraph(doc41, "第一条").runs[0]) == "黑体"


def test_the_transmitted_rules_start_a_new_page_under_their_own_centred_title(doc41):
    title = paragraph(doc41, "重庆市綦江区安全生产举报奖励办法")
    assert title.paragraph_format.page_break_before
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia(title.runs[0]) == "方正小标宋简体"


def test_signers_and_date_are_right_aligned_the_date_two_characters_in(imported_seed, tmp_path):
    document = docx.Document(written(DOC3, tmp_path))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[texts.index("重庆市綦江区人民政府") + 1] == "2021年6月27日"
    signer, date = exactly(document, "重庆市綦江区人民政府"), exactly(document, "2021年6月27日")
    assert signer.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert indent_chars(signer, "right") == 2  # 右空二字
    signer_starts = 28 - indent_chars(signer, "right") - width(signer.text)
    date_starts = 28 - indent_chars(date, "right") - width(date.text)
    assert date_starts - signer_starts == 2  # 成文日期首字比署名首字右移二字


def test_the_cc_line_closes_the_document(imported_seed, tmp_path):
    document = docx.Document(written(DOC3, tmp_path))
    cc = document.paragraphs[-2]
    assert cc.text == ("抄送：区委各部委办局，区人大常委会办公室，区政协办公室，区纪委监委机关，区法院，区检察院，"
                       "区人武部，区级群团部门。")
    assert cc.runs[0].font.size.pt == 14 and east_asia(cc.runs[0]) == "仿宋_GB2312"


def test_attachments_each_get_a_page_of_their_own_and_the_imprint_comes_last(imported_seed, tmp_path):
    document = docx.Document(written(DOC10, tmp_path))
    note = paragraph(document, "附件：1.")
    assert note.text == "附件：1.綦江区第九届青少年科技创新区长奖获奖名单"
    assert paragraph(document, "2.綦江区").text == "2.綦江区第九届青少年科技创新区长提名奖获奖名单"
    assert indent_chars(note, "left") - indent_chars(note, "hanging") == 2  # 左空二字
    assert paragraph(document, "（此件公开发布）")
    texts = [p.text for p in document.paragraphs]
    for n, title, name in ((1, "綦江区第九届青少年科技创新区长奖获奖名单", "王 烁 綦江区康德城第一小学六年级2班学生"),
                           (2, "綦江区第九届青少年科技创新区长提名奖获奖名单", "梅锋睿 綦江区万兴中学九年级1班学生")):
        heading = paragraph(document, f"附件{n}")
        assert heading.text == f"附件{n}" and heading.paragraph_format.page_break_before
        assert east_asia(heading.runs[0]) == "黑体"
        assert texts[texts.index(f"附件{n}") + 1] == title
        assert name in texts
    # 版记: 抄送, then 印发机关 and 印发日期, between black rules — thick, thin, thick
    tail = document.paragraphs[texts.index("附件2"):]
    rules = [(i, p._p.pPr.find(qn("w:pBdr"))) for i, p in enumerate(tail)]
    rules = [(i, b.find(qn("w:bottom"))) for i, b in rules if b is not None]
    assert [(r.get(qn("w:color")), r.get(qn("w:sz"))) for _, r in rules] == [("000000", "8"), ("000000", "6"),
                                                                              ("000000", "8")]
    (first, _), (middle, _), (last, _) = rules
    assert tail[first + 1].text.startswith("抄送：区委办公室，") and tail[first + 1].text.endswith("区人武部。")
    assert tail[middle + 1].text == "\u3000重庆市綦江区人民政府办公室\t2021年5月24日印发"
    assert last == len(tail) - 1


def test_page_numbers_are_a_page_field_between_dashes_on_the_outer_side(imported_seed, tmp_path):
    path = written(DOC41, tmp_path)
    section = docx.Document(path).sections[0]
    assert 'w:evenAndOddHeaders' in part_xml(path, "word/settings.xml")
    for footer, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer,
                                                                      WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        assert p.alignment == side
        xml = p._p.xml
        assert 'w:fldCharType="begin"' in xml and "PAGE" in xml and 'w:fldCharType="end"' in xml
        assert p.text.startswith("— ") and p.text.endswith(" —")
        for run in p.runs:
            assert east_asia(run) == "宋体" and run.font.size.pt == 14


def test_every_paragraph_and_run_property_is_in_schema_order(imported_seed, tmp_path):
    """Word refuses to open a file whose w:pPr or w:rPr children are out of order."""
    for number in (DOC10, DOC41):
        path = written(number, tmp_path)
        root = docx.Document(path).element
        for props, order in (("pPr", PPR_ORDER), ("rPr", RPR_ORDER)):
            for element in root.iter(f"{W}{props}"):
                tags = ["w:" + child.tag.removeprefix(W) for child in element]
                known = [t for t in tags if t in order]
                assert known == sorted(known, key=order.index), f"{number}: {props} children {tags}"


def test_the_chinese_fonts_have_windows_alternatives_in_the_font_table(imported_seed, tmp_path):
    fonts = part_xml(written(DOC3, tmp_path), "word/fontTable.xml")
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
    assert '<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>' in fonts


def test_core_properties_name_title_number_and_issuers(imported_seed, tmp_path):
    props = docx.Document(written(DOC41, tmp_path)).core_properties
    assert props.title == find_document(DOC41).title
    assert props.subject == DOC41
    assert props.author == "重庆市綦江区应急管理局、重庆市綦江区财政局"
    assert props.comments == "录自《重庆市綦江区人民政府公报》2021年第6期（总第112期）"


# Any text a database column can hold: PostgreSQL refuses NUL, so no editor can have saved one.
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=60)
XML_SAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, body=st.lists(TEXT, min_size=1, max_size=4), signer=TEXT)
def test_any_text_an_editor_types_comes_out_in_order(db, title, body, signer):
    """Whatever the admin holds — control characters, emoji, Latin — the file opens and keeps the text."""
    document = Document.objects.create(title=title, issuers=[signer], signers=[signer])
    part = Part.objects.create(document=document, kind=Part.Kind.MAIN, title=title)
    for order, text in enumerate(body):
        Node.objects.create(part=part, order=order, kind="paragraph", text=text)
    texts = [p.text for p in docx.Document(io.BytesIO(document_docx(document))).paragraphs if p.text]
    expected = [t for t in (XML_SAFE.sub("", x) for x in (title, *body, signer)) if t]
    position = -1
    for text in expected:
        later = [i for i, t in enumerate(texts) if i > position and t == text.replace("\r", "\n")]
        assert later, f"{text!r} missing or out of order in {texts}"
        position = later[0]


# --- web --------------------------------------------------------------------------------------------

def test_the_download_is_a_docx_with_a_chinese_file_name(client, imported_seed):
    response = client.get(f"/docs/{DOC10}/docx")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(DOC10 + '.docx')}" in disposition
    document = docx.Document(io.BytesIO(response.content))
    assert document.core_properties.subject == DOC10
    assert "綦江区第九届青少年科技创新区长奖获奖名单" in [p.text for p in document.paragraphs]


@pytest.mark.parametrize("printed", ["綦江府发[2021]10号", "綦江府发（2021）10号", "綦江府发 〔2021〕 10 号"])
def test_any_printed_form_of_the_number_leads_to_the_docx(client, imported_seed, printed):
    response = client.get(f"/docs/{printed}/docx")
    assert response.status_code == 301
    assert response["Location"] == reverse("gazette:document_docx", args=[DOC10])
    final = client.get(f"/docs/{printed}/docx", follow=True)
    assert final.status_code == 200 and final["Content-Type"] == DOCX_TYPE


def test_an_unknown_or_unpublished_document_has_no_docx(client, imported_seed):
    missing = client.get("/docs/綦江府发〔2021〕99号/docx")
    assert missing.status_code == 404 and "没有找到" in missing.content.decode()
    Issue.objects.filter(year=2021, number=6).update(published=False)
    assert client.get(f"/docs/{DOC10}/docx").status_code == 404
    pk = find_document(DOC10).pk
    assert client.get(f"/docs/id/{pk}/docx").status_code == 404


def test_the_document_page_links_to_its_docx(client, imported_seed):
    markup = client.get(reverse("gazette:document", args=[DOC41])).content.decode()
    link = re.search(r'<a href="([^"]+)"[^>]*>下载 Word（DOCX）</a>', markup)
    assert link and link.group(1) == reverse("gazette:document_docx", args=[DOC41])
    assert client.get(link.group(1)).status_code == 200


def test_a_document_without_a_number_downloads_by_id_under_its_title(client, db):
    lone = Document.objects.create(title="重庆市綦江区人民政府关于某事的通知", issuers=["重庆市綦江区人民政府"],
                                   signers=["重庆市綦江区人民政府"])
    markup = client.get(lone.get_absolute_url()).content.decode()
    assert f'href="/docs/id/{lone.pk}/docx"' in markup
    response = client.get(f"/docs/id/{lone.pk}/docx")
    assert response.status_code == 200
    assert quote("重庆市綦江区人民政府关于某事的通知.docx") in response["Content-Disposition"]
    texts = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs if p.text]
    assert texts[0] == lone.title  # no masthead, no number line, no red rule


# --- command line -----------------------------------------------------------------------------------
# In-process over the test database's seed (tests/cli.py): the same streams and exit codes as the console
# script, without migrating and importing a file database in two more processes.


def run(*args: str, cwd: Path) -> cli.Result:
    return cli.run(*args, cwd=cwd)


def test_the_command_writes_the_docx_named_after_the_number(imported_seed, tmp_path):
    done = run("gazette", "docx", "綦应急发[2021]41号", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    path = tmp_path / f"{DOC41}.docx"
    assert f"已生成 {DOC41}.docx" in done.stderr
    texts = [p.text for p in docx.Document(path).paragraphs]
    assert "重庆市綦江区安全生产举报奖励办法" in texts


def test_the_command_writes_where_it_is_told(imported_seed, tmp_path):
    target = tmp_path / "out" / "任免通知.docx"
    target.parent.mkdir()
    done = run("gazette", "docx", DOC3, "-o", target, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert docx.Document(target).core_properties.subject == DOC3


@pytest.mark.parametrize("text,expected", [
    ("綦江府发[2021]99号", "没有找到文号为“綦江府发〔2021〕99号”（“綦江府发[2021]99号”的规范写法）的公文。"
                          "同一机关代字和年份的公文有：綦江府发〔2021〕10号。"),
    ("十号文", "“十号文”不像发文字号。发文字号的格式是“机关代字〔年份〕序号号”，如 綦江府发〔2021〕10号。"),
])
def test_the_command_explains_an_unknown_number_and_fails(imported_seed, tmp_path, text, expected):
    done = run("gazette", "docx", text, cwd=tmp_path)
    assert done.returncode == 1
    assert expected in done.stderr
    assert "Traceback" not in done.stderr


def test_the_command_says_when_it_cannot_write(imported_seed, tmp_path):
    done = run("gazette", "docx", DOC3, "-o", tmp_path / "没有这个文件夹" / "x.docx", cwd=tmp_path)
    assert done.returncode == 1
    assert "所在文件夹不存在" in done.stderr and "Traceback" not in done.stderr


# --- optional: a real word processor ---------------------------------------------------------------

@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_it_to_pdf(imported_seed, tmp_path):
    path = written(DOC41, tmp_path)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    from pypdf import PdfReader

    reader = PdfReader(path.with_suffix(".pdf"))
    assert len(reader.pages) >= 3  # notice, the transmitted rules, the attachment page
    assert "第十六条" in "".join(page.extract_text() for page in reader.pages).replace(" ", "")
