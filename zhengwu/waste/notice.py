"""The notice (告知书) of 綦江府办发〔2021〕23号 附件1, filled in from a community's data, as DOCX and PDF.

The text is the attachment's reference text with its blanks (xx) filled: street or town, start date,
community, morning and evening windows, the drop-off points (with their cleaning frequency, 五（三）), the
points card, contact and phone, issuer and date. A community missing any of them is refused with every
missing field named — a notice with blanks must not be posted.

**Decision**: the start date is the notice's own start date, else the removal date; the date under the
signature is the notice date, else the day it is generated. When the points keep different hours, the
sentence gives the hours of the first point and each point is listed with its own.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils import timezone

from zhengwu.core.chinese import chinese_date
from zhengwu.core.errors import DomainError

from .models import Community
from .units import issuer

LAWS = ("《中华人民共和国固体废物污染环境防治法》、《中华人民共和国消防法》、《重庆市消防条例》、"
        "重庆市生活垃圾分类工作领导小组办公室《关于印发2020年重庆市生活垃圾分类工作要点的通知》"
        "（渝分类办〔2020〕4号）")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Notice:
    """A filled-in notice: every paragraph as it is printed."""

    community: Community
    title: str
    greeting: str
    paragraphs: tuple[str, ...]
    signer: str
    signed_on: dt.date

    @property
    def title_lines(self) -> tuple[str, ...]:
        """The title in two lines, broken after 、 as 附件1 prints it (…并点、/分类投放生活垃圾”告知书)."""
        cut = self.title.find("、")
        return (self.title[: cut + 1], self.title[cut + 1:]) if cut > 0 else (self.title,)


def notice_for(community: Community, *, today: dt.date | None = None) -> Notice:
    points = list(community.points.filter(active=True).order_by("code"))
    start = community.notice_start or community.removed_on or community.handover_on
    missing = [label for label, value in (("告知书开始日期（或撤桶日期）", start), ("咨询人", community.contact),
                                          ("咨询电话", community.phone), ("集中投放点", points)) if not value]
    if missing:
        raise DomainError(f"{community.name}的告知书缺少：{'、'.join(missing)}。", field="notice", code="incomplete")
    unit = community.unit.name
    town = unit.endswith("镇")
    first = points[0]
    spots = []
    for p in points:
        extra = [p.cleaning] if p.cleaning else []
        if any(q.windows_text() != first.windows_text() for q in points):
            extra.append(p.windows_text())
        spots.append(p.name + (f"（{'；'.join(extra)}）" if extra else ""))
    paragraphs = (
        "为深入贯彻习近平总书记关于生活垃圾分类工作的系列重要批示指示精神，认真落实" + LAWS + "等相关文件的工作要求，"
        "切实深化我区生活垃圾分类工作，同时改善小区楼道卫生，保持消防通道安全通畅，经过深入调研、广泛征求意见及研究后，"
        f"本{'镇' if town else '街道'}决定从{chinese_date(start)}开始在{community.name}进行“楼层撤桶楼下并点、"
        "分类投放生活垃圾”，推行定点投放，并倡导定时投放。",
        f"请居民们将分类好的垃圾在每天早上{first.morning_from:%H:%M}—{first.morning_to:%H:%M}，"
        f"晚上{first.evening_from:%H:%M}—{first.evening_to:%H:%M}统一投放至小区指定的垃圾投放点"
        f"（具体点位为：{'、'.join(spots)}；或详见小区公示），同时带好积分卡，望各位居民积极支持配合。",
        f"咨询人：{community.contact}；咨询电话：{community.phone}。",
    )
    return Notice(community=community, title=f"{unit}“楼层撤桶楼下并点、分类投放生活垃圾”告知书",
                  greeting="居民朋友们：", paragraphs=paragraphs, signer=issuer(unit),
                  signed_on=community.notice_date or today or timezone.localdate())


def notices_docx(notices: list[Notice]) -> bytes:
    """One or more notices in one Word file, each on its own page, in the GB/T 9704 layout
    (A4, 版心 156 × 225 mm, 三号仿宋 body, 二号小标宋 title) of core.officialdoc's writer, as the gazette's."""
    from zhengwu.core.officialdoc import CENTER, TITLE_PT, XIAOBIAOSONG, OfficialWriter

    writer = OfficialWriter()
    for index, notice in enumerate(notices):
        # 标题 as the gazette sets it (二号小标宋, centred, a blank line under it), in 附件1's two lines.
        title = writer.paragraph(align=CENTER, new_page=index > 0, keep=True, snap=False)
        for number, line in enumerate(notice.title_lines):
            if number:
                title.runs[-1].add_break()
            writer.text(title, line, XIAOBIAOSONG, TITLE_PT)
        writer.blank()
        writer.text(writer.paragraph(), notice.greeting)
        for text in notice.paragraphs:
            writer.text(writer.paragraph(first=2), text)
        writer.signature([notice.signer], notice.signed_on)
    first = notices[0]
    writer.set_properties(title=first.title if len(notices) == 1 else f"{first.community.unit.name}撤桶并点告知书",
                          author=first.signer, subject="綦江府办发〔2021〕23号 附件1", category="告知书")
    return writer.to_bytes()


def notices_pdf(notices: list[Notice]) -> bytes:
    """The same notices as PDF (WeasyPrint, the system's CJK fonts; nothing fetched)."""
    from weasyprint import HTML

    from zhengwu.core.officialdoc.fonts import require_cjk_font

    fonts = require_cjk_font()
    html = render_to_string("waste/pdf/notices.html", {
        "notices": [{"n": n, "signed": chinese_date(n.signed_on)} for n in notices],
        "serif_stack": fonts.css_stack(fonts.serif), "sans_stack": fonts.css_stack(fonts.sans)})
    return HTML(string=html, base_url=None, url_fetcher=_refuse_fetch).write_pdf()


def _refuse_fetch(url: str, *args, **kwargs) -> dict:
    raise ValueError(f"PDF 不加载外部资源：{url}")


def street_notices(unit_name: str, *, today: dt.date | None = None) -> tuple[list[Notice], list[str]]:
    """Notices for every community of a unit that has what a notice needs, and the problems of the rest."""
    notices, problems = [], []
    for community in Community.objects.filter(unit__name=unit_name).select_related("unit").order_by("name"):
        try:
            notices.append(notice_for(community, today=today))
        except DomainError as exc:
            problems.append(exc.message)
    if not notices:
        raise DomainError(f"{unit_name}没有可以生成告知书的小区。" + "".join(problems[:3]), field="unit",
                          code="incomplete")
    return notices, problems


def attachment(filename_ascii: str, filename: str) -> str:
    return f"attachment; filename=\"{filename_ascii}\"; filename*=UTF-8''{quote(filename)}"
