"""Awards benchmark: ranking an edition from the experts' scores, and an upheld objection's re-tiering.

    .venv/bin/python bench/awards_ranking_bench.py                      # 3,000 candidates, SQLite scratch file
    .venv/bin/python bench/awards_ranking_bench.py --candidates 500 --runs 3

A district has perhaps 100 schools recommending up to 5 students each (≈ 500 candidates); the default is
six times that. Builds schools, experts, recommended candidates and three scored assignments each with
bulk_create in a fresh SQLite file (bench/out/awards_bench.sqlite3), then times, median of --runs:

- ranking.compute(edition): the product's read (two queries + exact Fraction means, ties grouped);
- the baseline: the obvious loop, one query per candidate for its assignments, Decimal means;
- ranking.fix_ranking + apply_tiers (writes every rank and tier; rolled back after each run);
- notice.decide_objection(upheld) on the first winner: the re-tiering an objection causes (rolled back).

Fails (AssertionError) unless the baseline's order equals the product's. Report: bench/out/awards.txt.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from common import cpu_model

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DB = OUT / "awards_bench.sqlite3"


class Rollback(Exception):
    pass


def build(candidates: int, schools: int, experts: int, seed: int):
    from django.db import transaction

    from zhengwu.awards.models import Assignment, Candidate, Edition, Expert, School
    from zhengwu.awards.vocab import State

    rng = random.Random(seed)
    with transaction.atomic():
        School.objects.bulk_create([School(name=f"綦江区第{i:03d}小学", stages=["primary"]) for i in range(schools)])
        school_ids = list(School.objects.values_list("pk", flat=True))
        Expert.objects.bulk_create([Expert(name=f"专家{i:03d}", school_id=rng.choice(school_ids) if i % 2 else None)
                                    for i in range(experts)])
        expert_rows = list(Expert.objects.all())
        edition = Edition.objects.create(number=10, year=2022, state=State.REVIEWING, review_on=dt.date(2022, 4, 1))
        Candidate.objects.bulk_create([Candidate(edition=edition, school_id=school_ids[i % schools], name=f"学生{i:05d}",
                                                 grade="六年级", class_no=1, recommended=True) for i in range(candidates)],
                                      batch_size=2000)
        rows = []
        for candidate in Candidate.objects.filter(edition=edition):
            pool = [e for e in expert_rows if e.school_id != candidate.school_id]
            for expert in rng.sample(pool, 3):
                total = Decimal(rng.randrange(600, 1000)) / 10  # one decimal: ties happen, as in real scoring
                rows.append(Assignment(candidate=candidate, expert=expert, total=total, submitted_on=dt.date(2022, 4, 5)))
        Assignment.objects.bulk_create(rows, batch_size=5000)
    return edition


def baseline(edition) -> list[int]:
    """One query per candidate, Decimal means; equal means ordered by id (as compute() lists them)."""
    from zhengwu.awards.models import Assignment

    scored = []
    for candidate in edition.candidates.filter(recommended=True).order_by("pk"):
        totals = [a.total for a in Assignment.objects.filter(candidate=candidate)]
        scored.append((sum(totals) / len(totals), candidate.pk))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [pk for _, pk in scored]


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=3000)
    parser.add_argument("--schools", type=int, default=300)
    parser.add_argument("--experts", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--out", default=str(OUT / "awards.txt"))
    args = parser.parse_args()

    OUT.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from zhengwu.awards import notice, ranking
    from zhengwu.awards.models import Candidate, Edition, Objection
    from zhengwu.awards.vocab import State

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    edition = build(args.candidates, args.schools, args.experts, args.seed)
    built = time.perf_counter() - start

    product_s, computed = timed(lambda: ranking.compute(edition), args.runs)
    baseline_s, order = timed(lambda: baseline(edition), max(1, args.runs // 2))
    assert [r.candidate.pk for r in computed.rows] == order, "baseline and product disagree on the order"
    ties = computed.ties

    def fix() -> None:
        try:
            with transaction.atomic():
                tie_order = [r.candidate.pk for g in ties for r in g]
                ranking.fix_ranking(edition, dt.date(2022, 4, 10), tie_order=tie_order)
                raise Rollback
        except Rollback:
            pass

    fix_s, _ = timed(fix, args.runs)

    with transaction.atomic():  # a ranked edition in notice, kept for the objection runs
        ranking.fix_ranking(edition, dt.date(2022, 4, 10), tie_order=[r.candidate.pk for g in ties for r in g])
        notice.publish_notice(Edition.objects.get(pk=edition.pk), dt.date(2022, 4, 11), contact="区科技局")
    first = Candidate.objects.get(edition=edition, rank=1)

    def objection() -> None:
        try:
            with transaction.atomic():
                o = Objection.objects.create(candidate=first, received_on=dt.date(2022, 4, 12), text="bench")
                moves = notice.decide_objection(o, upheld=True, on=dt.date(2022, 4, 13), reason="bench")
                assert len(moves) == 2  # a nominee moves up, a reserve becomes a nominee
                raise Rollback
        except Rollback:
            pass

    objection_s, _ = timed(objection, args.runs)
    assert Edition.objects.get(pk=edition.pk).state == State.NOTICE

    lines = [
        f"awards ranking benchmark — {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        f"machine: {cpu_model()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite {DB.name}",
        f"data: {args.candidates} candidates, {args.schools} schools, {args.experts} experts, "
        f"{args.candidates * 3} scored assignments (built in {built:.1f} s); tie groups: {len(ties)}",
        f"ranking.compute (product)          {product_s * 1000:8.1f} ms  (median of {args.runs})",
        f"baseline: a query per candidate    {baseline_s * 1000:8.1f} ms  ({baseline_s / product_s:.1f}× the product)",
        f"fix_ranking + tiers (rolled back)  {fix_s * 1000:8.1f} ms",
        f"upheld objection + re-tiering      {objection_s * 1000:8.1f} ms",
        "orders equal: yes",
    ]
    report = "\n".join(lines)
    print(report)
    Path(args.out).write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
