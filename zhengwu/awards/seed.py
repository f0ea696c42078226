"""Past editions read from the gazette (往届): the decision document and its two name-list attachments.

Reads imported gazette rows (gazette.Document, Attachment, Node), never the text file: 第九届 from
綦江府发〔2021〕10号. Each list line becomes a candidate in its tier, in the printed order; what had to be read
generously (“五年 3 班”) is flagged on the entry, and what does not add up (the body says 等10人 but a list
has another length) is a problem of the edition.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction

from zhengwu.core.chinese import chinese_numeral
from zhengwu.core.docnumber import normalize_number
from zhengwu.core.errors import DomainError
from zhengwu.gazette import models as g

from . import grades, rules
from .applications import school_named
from .editions import log
from .models import Candidate, Edition
from .vocab import State, Tier

EDITION = re.compile(r"第([一二三四五六七八九十百零〇\d]+)届青少年科技创新区长奖")
MEETING = re.compile(r"并?经(第.{1,30}?常务会(?:议)?)审定")
COUNTS = re.compile(r"授予(\S{1,10}?)等(\d+)人綦江区第.{1,4}届青少年科技创新区长奖[，,、]\s*(\S{1,10}?)等(\d+)人")


@dataclass
class SeedImport:
    """What was read: the edition, entries per tier, flagged entries and problems of the whole."""

    edition: Edition
    counts: dict[str, int] = field(default_factory=dict)
    flagged: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    created: bool = False

    def as_json(self) -> dict:
        return {"edition": self.edition.number, "document": self.edition.decision_number, "created": self.created,
                "counts": self.counts, "flagged": self.flagged, "problems": self.problems}


def tier_of(title: str) -> str:
    if "提名奖" in title:
        return Tier.NOMINEE
    if "区长奖" in title:
        return Tier.WINNER
    raise DomainError(f"附件“{title}”不是区长奖或区长提名奖的名单。", field="attachment")


@transaction.atomic
def import_document(number: str) -> SeedImport:
    """The edition decided by gazette document `number` (any printed form), created or brought up to date."""
    canonical = normalize_number(number or "")
    document = g.Document.objects.filter(number=canonical).first() if canonical else None
    if document is None:
        raise DomainError(f"公报中没有文号为“{number}”的公文，请先导入公报。", field="number", code="not_found")
    found = EDITION.search(document.title)
    if not found:
        raise DomainError(f"{document.number}《{document.title}》不是青少年科技创新区长奖的决定。", field="number")
    ordinal = found.group(1)
    edition_no = int(ordinal) if ordinal.isdigit() else chinese_numeral(ordinal)
    body = "".join(n.text for p in document.parts.all() for n in p.nodes.order_by("order"))
    meeting = MEETING.search(body)
    signed = document.signed_on
    if signed is None:
        raise DomainError(f"{document.number}没有成文日期。", field="signed_on")
    edition = Edition.objects.filter(number=edition_no).first()
    created = edition is None
    if edition is None:
        edition = Edition.objects.create(
            number=edition_no, year=signed.year, state=State.DECIDED, from_gazette=True,
            winner_quota=rules.whole("quota.winner", signed), nominee_quota=rules.whole("quota.nominee", signed),
            school_quota=rules.whole("school.quota", signed), notice_days=rules.whole("notice.days", signed),
            experts_per_candidate=rules.whole("review.experts_per_candidate", signed))
    elif not edition.from_gazette:
        raise DomainError(f"第{edition_no}届是在本系统中评选的，不能用公报名单覆盖。", field="number", code="exists")
    result = SeedImport(edition, created=created)
    seen: set[tuple[int, str]] = set()
    for attachment in document.attachments.order_by("order"):
        tier = tier_of(attachment.title)
        entries = []
        for index, text in enumerate(attachment.paragraphs, start=1):
            try:
                entries.append(grades.parse_list_line(text, line=index))
            except DomainError as exc:
                raise DomainError(f"附件{attachment.number}第{index}行：{exc.message}", field=f"附件{attachment.number}",
                                  line=index) from None
        result.counts[Tier(tier).label] = len(entries)
        for order, entry in enumerate(entries, start=1):
            school = school_named(entry.school)
            candidate, _ = Candidate.objects.update_or_create(
                edition=edition, school=school, name=entry.name,
                defaults={"grade": entry.grade, "class_no": entry.class_no, "tier": tier, "flags": entry.flags,
                          "list_order": order + (0 if tier == Tier.WINNER else 1000), "source_text": entry.text,
                          "source_line": order, "removed": False})
            seen.add((school.pk, entry.name))
            if entry.flags:
                result.flagged.append({"tier": Tier(tier).label, "name": entry.name, "text": entry.text,
                                       "flags": entry.flags})
    for stale in edition.candidates.all():
        if (stale.school_id, stale.name) not in seen:
            stale.delete()
    counts = COUNTS.search(body)
    if counts:
        for label, printed in (("区长奖", int(counts.group(2))), ("区长提名奖", int(counts.group(4)))):
            if result.counts.get(label, 0) != printed:
                result.problems.append(f"正文写{label}{printed}人，名单有{result.counts.get(label, 0)}人")
    else:
        result.problems.append("正文中找不到“授予某某等N人”，无法核对人数")
    if meeting is None:
        result.problems.append("正文中找不到审定的常务会")
    for entry in result.flagged:
        result.problems.append(f"{entry['name']}：“{entry['text']}”— " + "；".join(grades.FLAGS[f] for f in entry["flags"]))
    edition.meeting = meeting.group(1) if meeting else ""
    edition.approved_on = None
    edition.decided_on = signed
    edition.decision_number = document.number or ""
    edition.document = document
    edition.problems = result.problems
    edition.save()
    if created:
        log(edition, "imported", signed, f"由公报{document.number}导入第{edition_no}届获奖名单："
                                         + "，".join(f"{k}{v}人" for k, v in result.counts.items()),
            problems=result.problems)
    return result
