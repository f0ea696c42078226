"""Expert review (专家评审): assigning experts with conflicts of interest avoided, and scoring."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from zhengwu.core.errors import DomainError

from . import rules
from .editions import last_step_day, locked, log, not_before, require_state
from .models import Assignment, Candidate, Edition, Expert, Score
from .vocab import State


@dataclass
class ReviewStart:
    """What starting the review did: assignments made, and candidates with fewer experts than wanted."""

    assignments: int = 0
    short: list[str] = field(default_factory=list)


def conflict(expert: Expert, candidate: Candidate) -> bool:
    """回避: an expert never reviews a student of their own school."""
    return expert.school_id is not None and expert.school_id == candidate.school_id


@transaction.atomic
def start_review(edition: Edition, on: dt.date, *, by: Any = None) -> ReviewStart:
    """Close the recommendation and assign experts to every recommended student: `experts_per_candidate`
    each, never from the student's school, spreading the work (fewest assignments first)."""
    edition = locked(edition)
    require_state(edition, State.RECOMMENDING, action="开始专家评审")
    not_before(on, last_step_day(edition), "上一环节的日期")
    candidates = list(edition.candidates.filter(recommended=True).select_related("school").order_by("pk"))
    if not candidates:
        raise DomainError("还没有学校推荐的学生，不能开始评审。", field="state", code="no_candidates")
    experts = list(Expert.objects.filter(active=True).order_by("pk"))
    load: Counter[int] = Counter()
    result = ReviewStart()
    rows = []
    for candidate in candidates:
        eligible = sorted((e for e in experts if not conflict(e, candidate)), key=lambda e: (load[e.pk], e.pk))
        if not eligible:
            raise DomainError(f"{candidate}没有可回避本校的评审专家，请先添加专家。", field="experts",
                              code="no_experts")
        chosen = eligible[:edition.experts_per_candidate]
        if len(chosen) < edition.experts_per_candidate:
            result.short.append(f"{candidate.name}只有{len(chosen)}名可用专家（应为{edition.experts_per_candidate}名）")
        for expert in chosen:
            load[expert.pk] += 1
            rows.append(Assignment(candidate=candidate, expert=expert))
    Assignment.objects.bulk_create(rows)
    result.assignments = len(rows)
    edition.state, edition.review_on = State.REVIEWING, on
    edition.version += 1
    edition.save()
    log(edition, State.REVIEWING, on, f"截止推荐，开始专家评审：{len(candidates)}名候选人，{len(rows)}份评审分配",
        by=by, short=result.short)
    return result


@transaction.atomic
def assign(candidate: Candidate, expert: Expert, *, on: dt.date, by: Any = None) -> Assignment:
    """Add one expert to a candidate by hand during the review (refused for the candidate's own school)."""
    edition = locked(candidate.edition)
    require_state(edition, State.REVIEWING, action="分配评审专家")
    if conflict(expert, candidate):
        raise DomainError(f"{expert.name}与{candidate.name}同属{candidate.school.name}，应当回避。", field="expert",
                          code="conflict_of_interest")
    if Assignment.objects.filter(candidate=candidate, expert=expert).exists():
        raise DomainError(f"{expert.name}已在评审{candidate.name}。", field="expert")
    assignment = Assignment.objects.create(candidate=candidate, expert=expert)
    log(edition, "assigned", on, f"分配{expert.name}评审{candidate.name}", by=by, candidate=candidate.pk,
        expert=expert.pk)
    return assignment


def parse_score(value: Any, *, field: str, maximum: int) -> Decimal:
    """A score between 0 and the maximum (both included), at most one decimal."""
    text = str(value if value is not None else "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise DomainError(f"“{text}”不是分数。", field=field, code="bad_score") from None
    if not number.is_finite() or not 0 <= number <= maximum:
        raise DomainError(f"分数 {text} 超出范围（0至{maximum}分）。", field=field, code="score_out_of_range")
    if number != number.quantize(Decimal("0.1")):
        raise DomainError(f"分数 {text} 最多保留一位小数。", field=field, code="bad_score")
    return number.quantize(Decimal("0.1"))


@transaction.atomic
def submit_scores(assignment: Assignment, values: dict[str, Any], *, expert: Expert, on: dt.date,
                  by: Any = None) -> Assignment:
    """The expert scores every criterion of one assignment (again, to correct it, until the ranking).

    Cites 取舍（Decision）.
    """
    assignment = Assignment.objects.select_related("candidate__edition").get(pk=assignment.pk)
    edition = locked(assignment.candidate.edition)
    if assignment.expert_id != expert.pk:
        raise DomainError("只能为分配给自己的候选人评分。", field="assignment", code="not_assigned")
    require_state(edition, State.REVIEWING, action="评分")
    not_before(on, edition.review_on, "专家评审开始日期")
    maximum = rules.whole("review.max_score", edition.review_on or on)
    criteria = rules.criteria(edition.review_on or on)
    unknown = set(values) - {c.code for c in criteria}
    if unknown:
        raise DomainError(f"没有评分标准 {', '.join(sorted(unknown))}。", field="criterion")
    scores = {}
    for criterion in criteria:
        if values.get(criterion.code) in (None, ""):
            raise DomainError(f"请为“{criterion.label}”打分。", field=criterion.code, code="missing_score")
        scores[criterion.code] = parse_score(values[criterion.code], field=criterion.code, maximum=maximum)
    assignment.scores.all().delete()
    Score.objects.bulk_create(Score(assignment=assignment, criterion=code, value=v) for code, v in scores.items())
    total = rules.weighted_total(scores, {c.code: c.weight for c in criteria})
    assignment.total, assignment.submitted_on = total, on
    assignment.save(update_fields=["total", "submitted_on"])
    log(edition, "scored", on, f"{expert.name}为{assignment.candidate.name}评分，加权总分{total.normalize():f}",
        by=by, candidate=assignment.candidate_id, expert=expert.pk, scores={k: str(v) for k, v in scores.items()})
    return assignment
