"""Organisation registry benchmark: roster and seats queries over a large synthetic registry.

    .venv/bin/python bench/org_bench.py                       # SQLite scratch file bench/out/org_bench.sqlite3
    .venv/bin/python bench/org_bench.py --postgres            # also a scratch PostgreSQL database, dropped at the end

Builds 20,000 people, 5,000 organisations (1,500 units with posts, 3,500 coordinating bodies in a tree),
about 15,000 posts, 200,000 memberships and 70,000 seats with bulk_create straight into the models (no
audit entries: this is data, not transitions), then times the product functions `roster.roster(body, on)`
and `roster.seats_of(person, on)` over a fixed set of random (body, day) and (person, day) pairs.
Goal: p95 under 20 ms per query on SQLite. See bench/README.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import cpu_model, percentile

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
GOAL_MS = 20.0
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_NAME = "zw_org_bench"


def day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


FIRST, LAST = dt.date(2000, 1, 1), dt.date(2026, 11, 25)


def build(people: int, units: int, bodies: int, memberships: int, seed: int) -> dict:
    """Fill the empty registry; returns counts."""
    from django.db import transaction

    from zhengwu.org.models import Membership, Organization, Person, Post, Seat
    from zhengwu.org.vocab import Classification, EndReason, SeatBasis, StartBasis

    rng = random.Random(seed)
    with transaction.atomic():
        Person.objects.bulk_create([Person(name=f"人员{i:05d}") for i in range(people)], batch_size=5000)
        person_ids = list(Person.objects.values_list("pk", flat=True))
        Organization.objects.bulk_create(
            [Organization(name=f"重庆市綦江区单位{i:04d}", short_name=f"区单位{i:04d}",
                          classification=Classification.DISTRICT_BODY) for i in range(units)], batch_size=2000)
        unit_ids = list(Organization.objects.values_list("pk", flat=True))
        kinds = [Classification.LEADING_GROUP, Classification.COMMITTEE, Classification.COMMAND_HQ,
                 Classification.JOINT_MEETING]
        body_rows = []
        for i in range(bodies):
            founded = day(rng, FIRST, dt.date(2020, 12, 31)) if rng.random() < 0.9 else None
            dissolved = (day(rng, (founded or FIRST) + dt.timedelta(days=365), LAST)
                         if rng.random() < 0.15 else None)
            body_rows.append(Organization(name=f"区议事协调机构{i:04d}", classification=rng.choice(kinds),
                                          founding_date=founded, dissolution_date=dissolved,
                                          hosted_in_id=rng.choice(unit_ids)))
        Organization.objects.bulk_create(body_rows, batch_size=2000)
        body_ids = list(Organization.objects.exclude(pk__in=unit_ids).values_list("pk", flat=True))
        # a tree: a third of the bodies sit under an earlier body
        parents = []
        for index, pk in enumerate(body_ids):
            if index > 10 and rng.random() < 0.33:
                parents.append(Organization(pk=pk, parent_id=body_ids[rng.randrange(index)]))
        Organization.objects.bulk_update(parents, ["parent"], batch_size=2000)

        # posts: per unit a head (局长, one holder), a 主要负责人 filled by it, deputies (several) and others
        post_rows = []
        for unit in unit_ids:
            post_rows.append(Post(organization_id=unit, title="局长", max_holders=1))
            post_rows.append(Post(organization_id=unit, title="副局长", max_holders=None))
            post_rows.append(Post(organization_id=unit, title="分管负责人", max_holders=None))
            for k in range(6):
                post_rows.append(Post(organization_id=unit, title=f"职务{k}", max_holders=1))
        Post.objects.bulk_create(post_rows, batch_size=5000)
        heads = dict(Post.objects.filter(title="局长").values_list("organization_id", "pk"))
        Post.objects.bulk_create([Post(organization_id=u, title="主要负责人", max_holders=1, filled_by_id=heads[u])
                                  for u in unit_ids], batch_size=5000)
        posts = list(Post.objects.values_list("pk", "max_holders", "filled_by_id"))
        holdable = [(pk, cap) for pk, cap, filled in posts if filled is None]

        # memberships: each holdable post a chain of terms from 2000 on; multi-holder posts get 2–3 chains
        rows: list[Membership] = []
        per_post = memberships // len(holdable) + 1
        for pk, cap in holdable:
            chains = 1 if cap == 1 else rng.choice((2, 3))
            for _ in range(chains):
                start = day(rng, FIRST, dt.date(2001, 12, 31))
                for _ in range(max(1, per_post // chains)):
                    if len(rows) >= memberships or start > LAST:
                        break
                    length = rng.randrange(120, 900)
                    end = start + dt.timedelta(days=length)
                    last = end if end < LAST else None
                    rows.append(Membership(person_id=rng.choice(person_ids), post_id=pk, start_date=start,
                                           end_date=last, start_basis=StartBasis.ENTERED,
                                           end_reason=EndReason.SUCCESSION if last else ""))
                    start = end + dt.timedelta(days=1)
        Membership.objects.bulk_create(rows, batch_size=5000)

        # seats: ~20 per body, mostly ex officio (主要负责人 / 分管负责人), some named, a few personal
        by_title: dict[str, list[int]] = {}
        for pk, title in Post.objects.values_list("pk", "title"):
            by_title.setdefault(title, []).append(pk)
        seat_rows = []
        for pk in body_ids:
            start = day(rng, FIRST, dt.date(2020, 12, 31))
            end = day(rng, start, LAST) if rng.random() < 0.3 else None
            for order in range(rng.randrange(12, 29)):
                r = rng.random()
                role = "组长" if order == 0 else ("副组长" if order < 3 else "成员")
                if r < 0.6:
                    seat = Seat(basis=SeatBasis.EX_OFFICIO, post_id=rng.choice(by_title["主要负责人"]))
                elif r < 0.75:
                    seat = Seat(basis=SeatBasis.EX_OFFICIO, post_id=rng.choice(by_title["分管负责人"]))
                elif r < 0.97:
                    seat = Seat(basis=SeatBasis.NAMED, post_id=rng.choice(by_title["局长"] + by_title["副局长"]),
                                named_person_id=rng.choice(person_ids))
                else:
                    seat = Seat(basis=SeatBasis.PERSONAL, named_person_id=rng.choice(person_ids))
                seat.body_id, seat.role, seat.order, seat.start_date, seat.end_date = pk, role, order, start, end
                seat_rows.append(seat)
        Seat.objects.bulk_create(seat_rows, batch_size=5000)
    return {"people": Person.objects.count(), "organizations": Organization.objects.count(),
            "posts": Post.objects.count(), "memberships": Membership.objects.count(), "seats": Seat.objects.count()}


def time_queries(samples: int, seed: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from zhengwu.org.models import Organization, Person
    from zhengwu.org.roster import roster, seats_of
    from zhengwu.org.vocab import Classification

    rng = random.Random(seed + 1)
    bodies = list(Organization.objects.exclude(classification=Classification.DISTRICT_BODY).order_by("pk"))
    people = list(Person.objects.order_by("pk"))
    body_cases = []
    while len(body_cases) < samples:
        body, on = rng.choice(bodies), day(rng, dt.date(2005, 1, 1), LAST)
        if body.exists_on(on):
            body_cases.append((body, on))
    person_cases = [(rng.choice(people), day(rng, dt.date(2005, 1, 1), LAST)) for _ in range(samples)]
    results = {}
    for name, func, cases in (("roster", roster, body_cases), ("seats_of", seats_of, person_cases)):
        for subject, on in cases[:10]:  # warm the caches and the connection
            func(subject, on)
        times, queries, lines = [], [], []
        for subject, on in cases:
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                found = func(subject, on)
                times.append((time.perf_counter() - start) * 1000)
            queries.append(len(captured))
            lines.append(len(found))
        results[name] = {"n": len(times), "p50": statistics.median(times), "p95": percentile(times, 0.95),
                         "max": max(times), "mean": statistics.fmean(times), "queries": statistics.median(queries),
                         "lines": statistics.fmean(lines)}
    return results


def run(label: str, args) -> int:
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    counts = build(args.people, args.units, args.bodies, args.memberships, args.seed)
    built = time.perf_counter() - started
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    results = time_queries(args.samples, args.seed)
    report = [f"Organisation registry benchmark — {label} ({connection.vendor})",
              f"machine: {cpu_model()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"date {dt.date.today().isoformat()}",
              "data: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()) + f" (built in {built:.1f} s)",
              f"samples: {args.samples} per query, seed {args.seed}; goal p95 < {GOAL_MS:.0f} ms"]
    for name, r in results.items():
        verdict = "meets" if r["p95"] < GOAL_MS else "MISSES"
        report.append(f"{name:9s} p50 {r['p50']:6.2f} ms  p95 {r['p95']:6.2f} ms  max {r['max']:7.2f} ms  "
                      f"mean {r['mean']:6.2f} ms  queries {r['queries']:.0f}  lines {r['lines']:.1f}  "
                      f"→ {verdict} the goal")
    text = "\n".join(report)
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"org_{connection.vendor}.txt").write_text(text + "\n", encoding="utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--units", type=int, default=1_500, help="units with posts (of the organisations)")
    parser.add_argument("--bodies", type=int, default=3_500, help="coordinating bodies (of the organisations)")
    parser.add_argument("--memberships", type=int, default=200_000)
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--postgres", action="store_true", help=f"also run on a scratch database {PG_NAME}")
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "zhengwu.settings"
    if args.child:
        return run(args.child, args)
    # each database in its own process: settings read DATABASE_URL once
    OUT.mkdir(parents=True, exist_ok=True)
    scratch = OUT / "org_bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    child = [sys.executable, __file__, *sys.argv[1:]]
    child = [c for c in child if c != "--postgres"]
    status = subprocess.call([*child, "--child", "sqlite"], env=dict(os.environ, DATABASE_URL=f"sqlite:///{scratch}"))
    if args.postgres and status == 0:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
            conn.execute(f"CREATE DATABASE {PG_NAME}")
        try:
            status = subprocess.call([*child, "--child", "postgres"],
                                     env=dict(os.environ, DATABASE_URL=PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_NAME))
        finally:
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
    return status


if __name__ == "__main__":
    sys.exit(main())
