"""Supervision benchmark (督查督办, issue 8): the dashboard and the bulletin over a year of 2,000 tasks × 40 units.

    .venv/bin/python bench/supervision_bench.py                 # SQLite scratch file bench/out/supervision_bench.sqlite3
    .venv/bin/python bench/supervision_bench.py --postgres      # a scratch PostgreSQL database, dropped at the end
    .venv/bin/python bench/supervision_bench.py --tasks 200 --requests 20   # a quick look

Builds, with bulk_create into the real models: one programme (a gazette document row), 40 units of the org
registry, --tasks tasks each assigned to all 40 units (80,000 assignments: states and deadlines spread over
2021 by a seeded RNG), the 21 targets of 2021 from 24号's rules and --entries progress entries among them.
Timed through Django's test client as the office (middleware, queries, template — no network):
(a) the dashboard /supervision/ and the programme page with its per-task light counts, --requests each,
p50/p95; the baseline in the same run is the obvious way of counting lights — every assignment loaded and
status.light() called on each — timed --baseline-runs times; both must give the same counts or the run fails;
(b) the quarterly bulletin (build_sheet for 2021Q3) and its DOCX and Excel, --runs times, median; the
baseline is reading the same rows alone (the floor any bulletin pays).
Goals: dashboard p95 < 200 ms, bulletin < 5 s. Report printed and written to bench/out/supervision.txt.
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

from common import cpu_model, percentile, rss_mib

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_NAME = "zw_supervision_bench"
ON = dt.date(2021, 9, 24)  # a Friday near a quarter's end: red, yellow and green all present
STATES = ["assigned", "acknowledged", "in_progress", "reported", "reviewed", "closed", "returned"]


def setup_database(postgres: bool) -> str:
    OUT.mkdir(exist_ok=True)
    if postgres:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
            admin.execute(f"CREATE DATABASE {PG_NAME}")
        url = PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_NAME
    else:
        scratch = OUT / "supervision_bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{scratch}"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "zhengwu.settings"
    os.environ.setdefault("ZHENGWU_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url.split(":", 1)[0]


def build(tasks: int, units: int, entries: int, seed: int):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.db import transaction

    from zhengwu.gazette.models import Document
    from zhengwu.org.models import Organization
    from zhengwu.supervision.models import Assignment, Programme, ProgressEntry, Target, Task
    from zhengwu.supervision.rules import default_rules, target_specs

    rng = random.Random(seed)
    with transaction.atomic():
        document = Document.objects.create(number="綦江府办发〔2021〕24号", title="对口协同发展实施方案（基准测试）",
                                           year=2021, serial=24, signed_on=dt.date(2021, 6, 3))
        programme = Programme.objects.create(document=document, title="基准测试督办项目")
        orgs = Organization.objects.bulk_create(
            [Organization(name=f"基准单位{i:02d}", short_name=f"单位{i:02d}", classification="district_body")
             for i in range(units)])
        made = Task.objects.bulk_create(
            [Task(programme=programme, ref=str(i + 1), title=f"督办事项{i + 1}", cite="二（一）", order=i,
                  due=dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(365))) for i in range(tasks)])
        rows = []
        for task in made:
            for position, org in enumerate(orgs):
                state = rng.choice(STATES)
                reported = task.due - dt.timedelta(days=rng.randrange(-10, 30)) if state in STATES[3:6] else None
                rows.append(Assignment(task=task, unit_name=org.short_name, organization=org, order=position,
                                       role="lead" if position < 3 else "cooperating", state=state, due=task.due,
                                       reported_on=reported))
        Assignment.objects.bulk_create(rows, batch_size=5000)
        parties, specs = target_specs()
        rules = default_rules()
        targets = []
        for order, spec in enumerate(specs):
            holders = ["、".join(parties)] if spec.mode == "joint" else list(parties)
            for party in holders:
                targets.append(Target(programme=programme, code=spec.code, indicator=spec.indicator, party=party,
                                      joint=spec.mode == "joint", threshold=rules.value(spec.code, dt.date(2021, 7, 1)),
                                      unit=spec.unit, year=2021, order=order))
        targets = Target.objects.bulk_create(targets)
        ProgressEntry.objects.bulk_create(
            [ProgressEntry(target=(t := rng.choice(targets)), on=dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(365)),
                           value=(t.threshold / 8 * Decimal(rng.randint(1, 4)) / 2).quantize(Decimal("0.01")))
             for _ in range(entries)], batch_size=5000)
        office = get_user_model().objects.create_user("bench_office", password="x")
        office.user_permissions.add(*Permission.objects.filter(content_type__app_label="supervision"))
    return programme, office


def naive_counts(programme, on: dt.date) -> dict:
    """The baseline: every assignment loaded as a model and lit one by one in Python."""
    from zhengwu.supervision import status
    from zhengwu.supervision.models import Assignment

    days = status.yellow_days_for(programme, on)
    counts = {"total": 0, "done": 0, "red": 0, "yellow": 0}
    for row in Assignment.objects.filter(task__programme=programme, is_group=False):
        light = status.light(row.state, row.due, row.reported_on, on, days)
        counts["total"] += 1
        counts["done"] += row.state in status.DONE
        counts[light.colour] = counts.get(light.colour, 0) + 1
    return counts


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=50, help="page requests per page (default 50)")
    parser.add_argument("--baseline-runs", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3, help="bulletin builds (median kept)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--out", default=str(OUT / "supervision.txt"))
    args = parser.parse_args()

    backend = setup_database(args.postgres)
    start = time.perf_counter()
    programme, office = build(args.tasks, args.units, args.entries, args.seed)
    build_s = time.perf_counter() - start

    from django.test import Client

    from zhengwu.supervision.models import Assignment
    from zhengwu.supervision.rhythm import build_sheet, parse_period
    from zhengwu.supervision.rhythm.docx import sheet_docx
    from zhengwu.supervision.rhythm.xlsx import sheet_xlsx
    from zhengwu.supervision.views.office import light_counts

    client = Client()
    client.force_login(office)
    pages = {"dashboard": f"/supervision/?on={ON}", "programme": f"/supervision/p/{programme.pk}/?on={ON}"}
    for url in pages.values():  # warm: templates compiled, connection open
        assert client.get(url).status_code == 200
    page_ms = {name: [t * 1000 for t in timed(lambda u=url: client.get(u), args.requests)] for name, url in pages.items()}

    from zhengwu.supervision import status

    sql = Assignment.objects.filter(task__programme=programme, is_group=False).aggregate(
        **light_counts(ON, status.yellow_days_for(programme, ON)))
    baseline_counts = naive_counts(programme, ON)
    assert (sql["total"], sql["done"], sql["red"], sql["yellow"]) == tuple(
        baseline_counts[k] for k in ("total", "done", "red", "yellow")), (sql, baseline_counts)
    baseline_ms = [t * 1000 for t in timed(lambda: naive_counts(programme, ON), args.baseline_runs)]

    period = parse_period("quarter", "2021Q3")
    sheet_s = timed(lambda: build_sheet(programme, period), args.runs)
    sheet = build_sheet(programme, period)
    docx_s = timed(lambda: sheet_docx(sheet), args.runs)
    xlsx_s = timed(lambda: sheet_xlsx(sheet), args.runs)
    rows = Assignment.objects.filter(task__programme=programme, is_group=False).values_list(
        "unit_name", "state", "due", "reported_on", "task__ref", "task__title", "task__is_sample")
    floor_s = timed(lambda: sum(1 for _ in rows.iterator(chunk_size=5000)), args.runs)
    assigned = sum(u["assigned"] for u in sheet["units"])

    p95 = percentile(page_ms["dashboard"], 0.95)
    whole_bulletin = statistics.median(sheet_s) + statistics.median(docx_s)
    lines = [
        f"Supervision benchmark — {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        f"machine: {cpu_model()}, {os.cpu_count()} cores; Python {platform.python_version()}; database {backend}",
        f"data: {args.tasks} tasks × {args.units} units = {assigned} assignments, {args.entries} progress entries "
        f"over {programme.targets.count()} targets; built in {build_s:.1f} s",
        f"day: {ON} (red {sql['red']}, yellow {sql['yellow']}, done {sql['done']})",
        "",
        "pages through the test client, office account (ms):",
    ]
    for name, values in page_ms.items():
        lines.append(f"  {name:10s} p50 {percentile(values, 0.5):7.1f}  p95 {percentile(values, 0.95):7.1f}  "
                     f"max {max(values):7.1f}  ({len(values)} requests)")
    lines += [
        f"  baseline: every assignment lit in Python  median {statistics.median(baseline_ms):7.1f} ms "
        f"({args.baseline_runs} runs; same counts as the SQL aggregate)",
        "",
        f"quarterly bulletin 2021Q3 ({len(sheet['units'])} units, {len(sheet['overdue'])} overdue, "
        f"{len(sheet['targets'])} targets), median of {args.runs}:",
        f"  build_sheet {statistics.median(sheet_s):6.2f} s   DOCX {statistics.median(docx_s):6.2f} s   "
        f"Excel {statistics.median(xlsx_s):6.2f} s",
        f"  baseline: reading the same rows only {statistics.median(floor_s):6.2f} s",
        "",
        f"goal: dashboard p95 < 200 ms: {'met' if p95 < 200 else 'NOT met'} ({p95:.1f} ms); "
        f"bulletin (data + DOCX) < 5 s: {'met' if whole_bulletin < 5 else 'NOT met'} ({whole_bulletin:.2f} s)",
        f"peak RSS {rss_mib():.0f} MiB",
    ]
    report = "\n".join(lines)
    print(report)
    Path(args.out).write_text(report + "\n", encoding="utf-8")
    if args.postgres:
        from django.db import connections

        connections.close_all()
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")


if __name__ == "__main__":
    main()
