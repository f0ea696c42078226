"""The page, grid, fonts and sizes of an official document (公文) per GB/T 9704-2012 (党政机关公文格式).

Page (标准 5.2): A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, a grid of 22 lines × 28 characters of
三号仿宋. The font names are the ones offices' WPS and Word know; `ooxml.ALT_NAMES` says what to use on a
machine without them. Plain values and helpers, no document.
"""
import math
import re
from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import RGBColor

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # 天头, 地脚, 订口, 翻口
LINES, CHARS = 22, 28
# Word puts the footer's last line this far above the page edge; the dashes then sit about 7 mm under the
# text area, where 标准 7.5 wants them.
FOOTER_MM = 25
MASTHEAD_TOP_MM = 34  # 标准 7.2.1: masthead 35 mm under the text area's top; the line box adds about 1 mm

FANGSONG, KAITI, HEITI, XIAOBIAOSONG, SONGTI = "仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"
BODY_PT, TITLE_PT, MASTHEAD_PT, SMALL_PT = 16, 22, 36, 14  # 三号, 二号, 小初, 四号
RED, BLACK = RGBColor(0xFF, 0x00, 0x00), "000000"
# 结构层次 (标准 7.3.3): 一、 黑体, （一） 楷体, 1. and （1） 仿宋 — 1. bold, as offices set it.
HEADING_FONTS = {1: (HEITI, False), 2: (KAITI, False), 3: (FANGSONG, True), 4: (FANGSONG, False)}
CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY  # 两端对齐: body lines end flush right, as printed documents do
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Characters XML 1.0 cannot hold; an editor may paste one into the admin, and python-docx would refuse it.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return NOT_XML.sub("", text)


def text_width(text: str) -> float:
    """Width in characters (字): a half-width character is half of one."""
    return sum(0.5 if c.isascii() else 1 for c in text)


@dataclass(frozen=True)
class Grid:
    """版心 and its grid, in twips as Word stores them."""

    width: int
    height: int
    line_pitch: int  # 22 lines fit the height
    char_space: int  # w:charSpace: 4096ths of a point added to the 三号 character so 28 fit the width

    @classmethod
    def of(cls, width: int, height: int) -> "Grid":
        pitch_pt = width / 20 / CHARS
        return cls(width, height, height // LINES, math.floor((pitch_pt - BODY_PT) * 4096))
