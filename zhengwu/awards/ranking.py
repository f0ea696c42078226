"""Ranking (排名) from the experts' scores, ties reported and never broken silently, and the tiers
(区长奖, 区长提名奖, 候补) filled from the ranking within the edition's quotas."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db import connection, transaction

from zhengwu.core.errors import DomainError

from . import rules
from .editions import last_step_day, locked, log, not_before, require_state
from .models import Assignment, Candidate, Edition
from .vocab import State, Tier


@dataclass
class Row:
    candidate: Candidate
    score: Fraction
    experts: int
    place: int = 0  # 1-based; tied candidates share the place (并列)

    @property
    def shown(self) -> Decimal:
        return shown(self.score)


@dataclass
class Ranking:
    """The computed order: rows best first, tied groups (each ≥ 2 candidates), and unfinished reviews."""

    rows: list[Row] = field(default_factory=list)
    ties: list[list[Row]] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)


def shown(score: Fraction) -> Decimal:
    """A score as pages show it: three decimals, half up (the order itself uses the exact value)."""
    return (Decimal(score.numerator) / Decimal(score.denominator)).quantize(Decimal("0.001"), ROUND_HALF_UP)


def compute(edition: Edition) -> Ranking:
    """Every recommended candidate's exact mean score, best first; equal scores form a tie group."""
    ranking = Ranking()
    candidates = edition.candidates.filter(recommended=True).select_related("school").order_by("pk")
    # One flat read of the assignments: model instances for ~3 rows per candidate cost more than the ranking.
    reviews: dict[int, list[tuple]] = {}
    for row in Assignment.objects.filter(candidate__edition=edition, candidate__recommended=True).values_list(
            "candidate_id", "total", "submitted_on", "expert__name").order_by("pk"):
        reviews.setdefault(row[0], []).append(row[1:])
    for candidate in candidates:
        assignments = reviews.get(candidate.pk, [])
        pending = [name for _total, submitted, name in assignments if submitted is None]
        if pending or not assignments:
            ranking.unfinished.append(f"{candidate.name}（待评分：{'、'.join(pending) or '未分配专家'}）")
            continue
        ranking.rows.append(Row(candidate, rules.mean([total for total, _s, _n in assignments]),
                                len(assignments)))
    ranking.rows.sort(key=lambda r: (-r.score, r.candidate.pk))
    place = 0
    for index, row in enumerate(ranking.rows):
        if index == 0 or row.score != ranking.rows[index - 1].score:
            place = index + 1
        row.place = place
    groups: dict[Fraction, list[Row]] = {}
    for row in ranking.rows:
        groups.setdefault(row.score, []).append(row)
    ranking.ties = [g for g in groups.values() if len(g) > 1]
    return ranking


def order_with_ties(ranking: Ranking, tie_order: Sequence[int] | None) -> list[Row]:
    """The rows in final order: each tied group ordered as the bureau said (`tie_order`, candidate ids)."""
    position = {pk: i for i, pk in enumerate(tie_order or [])}
    for group in ranking.ties:
        missing = [r.candidate.name for r in group if r.candidate.pk not in position]
        if missing:
            names = "；".join("、".join(r.candidate.name for r in g) + f"（{g[0].shown}分）" for g in ranking.ties)
            raise DomainError(f"有并列得分，需由区科技局确定先后：{names}。", field="tie_order", code="ties")
    return sorted(ranking.rows, key=lambda r: (-r.score, position.get(r.candidate.pk, 0), r.candidate.pk))


@transaction.atomic
def fix_ranking(edition: Edition, on: dt.date, *, by: Any = None, tie_order: Sequence[int] | None = None) -> Ranking:
    """Fix the ranking (确定排名) once every expert has scored, the ties ordered by the bureau, and fill the
    tiers from it."""
    edition = locked(edition)
    require_state(edition, State.REVIEWING, action="确定排名")
    not_before(on, last_step_day(edition), "上一环节的日期")
    ranking = compute(edition)
    if ranking.unfinished:
        raise DomainError(f"还有评分未完成：{'；'.join(ranking.unfinished)}。", field="scores", code="unfinished")
    ordered = order_with_ties(ranking, tie_order)
    _write(["rank", "score"], [(rank, row.shown, row.candidate.pk) for rank, row in enumerate(ordered, start=1)])
    edition.state, edition.ranked_on = State.RANKED, on
    edition.version += 1
    edition.save()
    ties = [[r.candidate.name for r in g] for g in ranking.ties]
    note = f"；并列者由区科技局确定先后：{'；'.join('、'.join(g) for g in ties)}" if ties else ""
    log(edition, State.RANKED, on, f"确定排名：{len(ordered)}名候选人{note}", by=by, ties=ties,
        order=[r.candidate.pk for r in ordered])
    apply_tiers(edition, on, by=by)
    return ranking


def apply_tiers(edition: Edition, on: dt.date, *, by: Any = None) -> list[str]:
    """Fill 区长奖, then 区长提名奖, then 候补 in rank order, skipping removed candidates; record every move."""
    ranked = list(edition.candidates.filter(rank__isnull=False).order_by("rank"))
    moves, changed = [], []
    place = 0
    for candidate in ranked:
        if candidate.removed:
            new = ""
        else:
            place += 1
            new = (Tier.WINNER if place <= edition.winner_quota
                   else Tier.NOMINEE if place <= edition.winner_quota + edition.nominee_quota else Tier.RESERVE)
        if candidate.tier != new:
            if candidate.tier and new:
                moves.append(f"{candidate.name}由{Tier(candidate.tier).label}递补为{Tier(new).label}")
            candidate.tier = new
            changed.append(candidate)
    _write(["tier"], [(c.tier, c.pk) for c in changed])
    for text in moves:
        log(edition, "moved_up", on, text, by=by)
    return moves


def _write(columns: list[str], rows: list[tuple]) -> None:
    """UPDATE candidates by id with one prepared statement: bulk_update's CASE WHEN per row cost more Python
    time than everything else in the ranking (bench/awards_ranking_bench.py)."""
    if not rows:
        return
    table = connection.ops.quote_name(Candidate._meta.db_table)
    sets = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", rows)


def tier_list(edition: Edition, tier: str) -> list[Candidate]:
    """The candidates holding `tier`, in list order (rank for a live edition, the printed order otherwise)."""
    return list(edition.candidates.filter(tier=tier, removed=False).select_related("school")
                .order_by("rank", "list_order", "pk"))
