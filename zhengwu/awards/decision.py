"""The decision (决定) with its two name-list attachments, in gazette form.

The decision is written as gazette text in the layout of 綦江府发〔2021〕10号 (header, number, title,
addressees, body, 附件说明, signature, date, 附注, 附件 1 and 2, 抄送, 印发) and handed to the gazette's public
door for programmes (`gazette.drafts.add_to_draft_issue`): read back with the gazette's own parser — so what
is stored is exactly what the parser makes of a real document — and saved as a **draft**, an item of the
gazette issue being put together (an issue that is not published yet; a new one is opened when there is
none). Editors publish it by publishing that issue, the gazette's existing step; nothing is visible to the
public before that. The DOCX is the gazette's own GB/T 9704 rendering of that document (`drafts.document_docx`).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from zhengwu.core.chinese import chinese_date
from zhengwu.core.docnumber import parse_number
from zhengwu.core.errors import DomainError
from zhengwu.gazette import drafts
from zhengwu.gazette import models as g

from .editions import locked, log, not_before, require_state
from .models import Candidate, Edition
from .ranking import tier_list
from .vocab import State, Tier

ISSUER = "重庆市綦江区人民政府"
HEADER = "重庆市綦江区人民政府文件"
SECTION = "区人民政府文件"
ADDRESSEES = "各街道办事处、各镇人民政府，区政府各部门，在綦市属机构，有关单位："
CC = "区委办公室,人大常委会办公室,区政协办公室,区纪委监委机关,区法院,区检察院,区人武部"
PRINTER = "重庆市綦江区人民政府办公室"
OPENING = ("为深入贯彻落实国务院《全民科学素质行动计划纲要》，推进“科教兴綦”和“人才强区”战略，培养青少年的科技创新能力，"
           "不断提高青少年的综合素质，提高全区青少年科技创新意识和实践能力，根据《重庆市綦江区青少年科技创新区长奖评选办法》，"
           "经学生申报、学校推荐、专家评审和社会公示等程序，并经{meeting}审定，决定授予{awards}。")
CLOSING = ("希望获奖人员发扬成绩，珍惜荣誉，再接再厉，再创佳绩。区政府号召全区广大青少年以获奖人员为榜样，踊跃投身科技创新实践活动，"
           "不断增强自主创新意识，争做科技创新先锋，为加快我区经济建设和全面建设小康社会作出新贡献。")


def list_title(edition: Edition, tier: str) -> str:
    return f"綦江区第{edition.ordinal}届青少年科技创新{Tier(tier).label}获奖名单"


def list_line(candidate: Candidate) -> str:
    """One line of a name list as the seed prints it: 王 烁 綦江区康德城第一小学六年级2班学生."""
    return f"{candidate.spaced_name} {candidate.school.name}{candidate.grade}{candidate.class_label}学生"


def title_of(edition: Edition) -> str:
    return f"{ISSUER}关于颁发第{edition.ordinal}届青少年科技创新区长奖的决定"


def decision_text(edition: Edition, number: str, signed_on: dt.date) -> str:
    """The whole decision as gazette text (the seed's layout), lists from the current tiers."""
    lists = {tier: tier_list(edition, tier) for tier in (Tier.WINNER, Tier.NOMINEE)}
    awards = []
    for tier, people in lists.items():
        if people:
            awards.append(f"{people[0].name}等{len(people)}人綦江区第{edition.ordinal}届青少年科技创新{Tier(tier).label}")
    if not lists[Tier.WINNER]:
        raise DomainError("区长奖名单为空，不能生成决定。", field="candidates", code="empty_list")
    used = [tier for tier, people in lists.items() if people]
    note = [f"附件：1.{list_title(edition, used[0])}"] + [f"{i}.{list_title(edition, t)}"
                                                          for i, t in enumerate(used[1:], start=2)]
    lines = [HEADER, number, title_of(edition), ADDRESSEES,
             OPENING.format(meeting=edition.meeting, awards="，".join(awards)), CLOSING, *note, ISSUER,
             chinese_date(signed_on), "(此件公开发布)", ""]
    for i, tier in enumerate(used, start=1):
        lines += [f"附件 {i}", list_title(edition, tier), "\n".join(list_line(c) for c in lists[tier])]
    lines += [f"抄送:{CC}。", PRINTER, f"{chinese_date(signed_on)}印发"]
    return "\n\n".join(lines) + "\n"


@transaction.atomic
def issue_decision(edition: Edition, *, number: str, signed_on: dt.date, by: Any = None) -> g.Document:
    """Write the decision into the gazette as a draft and close the edition (决定已印发)."""
    edition = locked(edition)
    require_state(edition, State.APPROVED, action="印发决定")
    not_before(signed_on, edition.approved_on, "常务会审定日期", field="signed_on")
    parsed_number = parse_number(number or "")
    if parsed_number is None:
        raise DomainError(f"“{number}”不是文号（如 綦江府发〔2022〕3号）。", field="number", code="bad_number")
    canonical = str(parsed_number)
    if g.Document.objects.filter(number=canonical).exists():
        raise DomainError(f"公报中已有文号为{canonical}的公文。", field="number", code="number_taken")
    text = decision_text(edition, canonical, signed_on)
    try:
        draft = drafts.add_to_draft_issue(text, section=SECTION, source=f"awards:{edition.number}")
    except DomainError as exc:
        raise DomainError(f"生成的决定未能按公报格式读回：{exc.message}", field="document", code="gazette_form") from None
    check_parsed(draft, edition, canonical)  # a wrong read-back undoes the draft: this is one transaction
    document, issue = draft.document, draft.issue
    edition.state, edition.decision_number, edition.decided_on = State.DECIDED, canonical, signed_on
    edition.document = document
    edition.version += 1
    edition.save()
    log(edition, State.DECIDED, signed_on, f"印发{canonical}《{document.title}》，已放入公报{issue.label}（未发布）待编辑发布",
        by=by, document=document.pk, issue=[issue.year, issue.number])
    return document


def check_parsed(draft: drafts.DraftResult, edition: Edition, number: str) -> None:
    """The gazette parser must have read back our number and both lists, line for line."""
    parsed = draft.parsed
    if parsed.number != number:
        raise DomainError(f"生成的决定未能按公报格式读回：读出的文号是“{parsed.number or ''}”，应为{number}。",
                          field="document", code="gazette_form")
    for attachment in parsed.attachments:
        tier = Tier.WINNER if attachment.number == 1 else Tier.NOMINEE
        if len(attachment.paragraphs) != len(tier_list(edition, tier)):
            raise DomainError(f"附件{attachment.number}读回的名单行数不符。", field="document", code="gazette_form")


def decision_docx(edition: Edition) -> bytes:
    """The decision as Word, laid out per GB/T 9704 by the gazette's renderer."""
    if edition.document is None:
        raise DomainError(f"{edition}还没有决定文件。", field="edition", code="no_decision")
    return drafts.document_docx(edition.document)


def docx_name(edition: Edition) -> str:
    return f"第{edition.ordinal}届青少年科技创新区长奖决定.docx"
