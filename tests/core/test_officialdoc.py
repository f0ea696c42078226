"""The GB/T 9704 writer (core.officialdoc): the A4 page and its 22 × 28 grid, the masthead, the signature
date in Chinese, and properties chosen by the caller only."""
import datetime as dt
import io

import docx

from zhengwu.core.officialdoc import OfficialWriter, text_width, xml_safe
from zhengwu.core.officialdoc.layout import CHARS, LINES


def test_a_written_document_has_the_standard_page_and_elements():
    writer = OfficialWriter()
    writer.masthead_of("重庆市綦江区应急管理局", "綦江应急〔2021〕3号")
    writer.title("关于领取奖金的通知")
    writer.body("正文\x01内容。", lead="一、")
    writer.signature(["重庆市綦江区应急管理局"], dt.date(2021, 6, 27))
    writer.set_properties(title="通知", author="区应急局", when=dt.datetime(2021, 6, 27, 9, 0))
    document = docx.Document(io.BytesIO(writer.to_bytes()))
    section = document.sections[0]
    assert [round(x.mm) for x in (section.page_width, section.page_height)] == [210, 297]  # stored in twips
    assert [round(x.mm) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    assert writer.grid.height // writer.grid.line_pitch == LINES and CHARS == 28
    texts = [p.text for p in document.paragraphs]
    assert "重庆市綦江区应急管理局" in texts and "綦江应急〔2021〕3号" in texts and "关于领取奖金的通知" in texts
    assert "一、正文内容。" in texts  # a character XML cannot hold is dropped
    assert texts[-1] == "2021年6月27日"
    props = document.core_properties
    assert (props.title, props.author, props.last_modified_by, props.comments) == ("通知", "区应急局", "", "")


def test_widths_count_half_width_characters_as_half():
    assert text_width("綦江2021") == 4 and xml_safe("a\x00b\ufffe") == "ab"
