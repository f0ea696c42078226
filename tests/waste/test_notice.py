"""The notice (告知书, 附件1) filled in from a community's data, read back from the DOCX and the PDF."""
from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from zhengwu.core.errors import DomainError
from zhengwu.waste.notice import notice_for, notices_docx, street_notices

from .helpers import make_community, make_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    c = make_community("古南街道", "翠湖小区", notice_start=dt.date(2021, 8, 1), contact="王明", phone="023-48661234",
                       notice_date=dt.date(2021, 7, 20))
    make_point(c, "GN-1", "1栋东侧", cleaning="每日清洗消杀一次")
    make_point(c, "GN-2", "3栋北门")
    return c


def text_of(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def test_docx_carries_every_blank_filled(community):
    lines = text_of(notices_docx([notice_for(community)]))
    assert lines[0] == "古南街道“楼层撤桶楼下并点、\n分类投放生活垃圾”告知书"
    assert lines[1] == "居民朋友们："
    body = "".join(lines)
    assert "本街道决定从2021年8月1日开始在翠湖小区进行“楼层撤桶楼下并点、分类投放生活垃圾”" in body
    assert "每天早上07:00—09:00，晚上19:00—21:00统一投放至小区指定的垃圾投放点" in body
    assert "具体点位为：1栋东侧（每日清洗消杀一次）、3栋北门；或详见小区公示" in body
    assert "同时带好积分卡" in body
    assert "咨询人：王明；咨询电话：023-48661234。" in body
    assert lines[-2:] == ["古南街道办事处", "2021年7月20日"]
    assert "xx" not in body.lower()


def test_town_notice_and_different_hours(community):
    town = make_community("东溪镇", "东溪小区", removed_on=dt.date(2021, 9, 1), contact="李红", phone="13800000000")
    make_point(town, "DX-1", "大门", morning_from=dt.time(6, 30), morning_to=dt.time(8, 30))
    make_point(town, "DX-2", "后门")
    lines = text_of(notices_docx([notice_for(town, today=dt.date(2021, 8, 25))]))
    body = "".join(lines)
    assert "本镇决定从2021年9月1日开始在东溪小区" in body
    assert "早上06:30—08:30" in body and "后门（早上07:00—09:00，晚上19:00—21:00）" in body
    assert lines[-2:] == ["东溪镇人民政府", "2021年8月25日"]


def test_missing_data_is_named(community):
    bare = make_community("古南街道", "空白小区")
    with pytest.raises(DomainError) as caught:
        notice_for(bare)
    assert caught.value.message == "空白小区的告知书缺少：告知书开始日期（或撤桶日期）、咨询人、咨询电话、集中投放点。"


def test_batch_for_a_street_has_one_page_per_community(community):
    other = make_community("古南街道", "滨江小区", notice_start=dt.date(2021, 8, 2), contact="赵", phone="1")
    make_point(other, "GN-3", "南门")
    make_community("古南街道", "空白小区")
    notices, skipped = street_notices("古南街道")
    assert [n.community.name for n in notices] == ["滨江小区", "翠湖小区"]
    assert skipped == ["空白小区的告知书缺少：告知书开始日期（或撤桶日期）、咨询人、咨询电话、集中投放点。"]
    document = docx.Document(io.BytesIO(notices_docx(notices)))
    titles = [p for p in document.paragraphs if p.text.endswith("告知书")]
    assert len(titles) == 2 and titles[1].paragraph_format.page_break_before


def test_pdf_has_the_text(community):
    pytest.importorskip("weasyprint")
    from zhengwu.waste.notice import notices_pdf

    try:
        data = notices_pdf([notice_for(community)])
    except DomainError as exc:  # no CJK font on this machine
        pytest.skip(str(exc))
    assert data.startswith(b"%PDF")
    import subprocess

    try:
        text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    except FileNotFoundError:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    flat = "".join(text.split())
    assert "咨询人：王明；咨询电话：023-48661234。" in flat and "古南街道办事处" in flat
