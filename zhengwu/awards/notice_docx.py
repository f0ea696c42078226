"""The public notice (公示) as Word, for the bureau's website and notice boards: the two lists, the period
and how to object, in the GB/T 9704 layout of core.officialdoc's writer, as the gazette's."""
from __future__ import annotations

from zhengwu.core.chinese import chinese_date
from zhengwu.core.errors import DomainError
from zhengwu.core.officialdoc import OfficialWriter

from .decision import list_line
from .editions import ORGANIZER
from .models import Edition
from .ranking import tier_list
from .text import chinese_ordinal
from .vocab import Tier


def notice_title(edition: Edition) -> str:
    return f"{edition.title}拟获奖名单公示"


def notice_docx(edition: Edition) -> bytes:
    """The notice as published: refused before the notice step (there is no period yet)."""
    if edition.notice_start is None or edition.notice_end is None:
        raise DomainError(f"{edition}还没有发布公示。", field="edition", code="no_notice")
    writer = OfficialWriter()
    writer.title(notice_title(edition))
    writer.body(f"根据《重庆市綦江区青少年科技创新区长奖评选办法》，经学生申报、学校推荐和专家评审，{edition.title}"
                f"拟获奖名单已经产生，现予以公示。")
    writer.body(f"公示期：{chinese_date(edition.notice_start)}至{chinese_date(edition.notice_end)}"
                f"（{edition.notice_days}日）。")
    for index, tier in enumerate((Tier.WINNER, Tier.NOMINEE), start=1):
        people = tier_list(edition, tier)
        writer.body("", lead=f"{chinese_ordinal(index)}、{Tier(tier).label}（{len(people)}名）")
        for candidate in people:
            writer.body(list_line(candidate))
    writer.body("公示期间，对公示对象有异议的，请以书面形式实名反映，写明异议对象、事实和理由，并留下联系方式；"
                f"受理方式：{edition.notice_contact}。公示期满后收到的异议不再受理。")
    organizer = edition.organizer.name if edition.organizer else ORGANIZER
    writer.signature([organizer], edition.notice_start)
    writer.set_properties(title=notice_title(edition), author=organizer, subject="綦江府发〔2021〕10号 社会公示",
                          category="公示")
    return writer.to_bytes()
