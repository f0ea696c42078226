"""Drop-off event ingestion benchmark (waste, SPEC S4): bursts of card-reader batches on SQLite and PostgreSQL.

    .venv/bin/python bench/waste_ingest_bench.py                  # SQLite (var/test_waste.sqlite3, rebuilt)
    .venv/bin/python bench/waste_ingest_bench.py --postgres       # also PostgreSQL (database zw_waste, rebuilt)

For each database, in a fresh schema with 20,000 cards in 100 communities (one point each):

1. baseline — the naive path a first version would take: one transaction per event (get_or_create by id,
   then F() + 1 on the card), over `--baseline-events` events;
2. bursts — `--events` events in batches of `--batch` (500) through `waste.ingest.ingest`, every batch sent
   twice (a retry storm: the second send must store and count nothing); events/s over the whole run
   including the retries, and p50/p95 per batch for first sends and retries;
3. API — `--crash-events` more events through POST /api/waste/events (Django's test client);
4. kill -9 — a sender process ingests `--crash-events` more events and is killed with SIGKILL after
   `--kill-after` acknowledged batches; a new sender resends every batch from the start (it cannot know
   what the dead one committed after its last acknowledgement);
5. race — two sender processes send the same `--crash-events` new events at the same time.

Then it checks, in SQL: exactly one row per distinct event id, every card's balance equal to the sum of its
events' points, and the total equal to the points the generator expects. Any difference fails the run.
Goal (issue 7): ≥ 2,000 events/s on PostgreSQL on this machine. Reports go to bench/out/waste_<db>.txt.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import cpu_model, percentile

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SQLITE = ROOT / "var" / "test_waste.sqlite3"
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_NAME = "zw_waste"
GOAL = 2000.0
CARDS, COMMUNITIES = 20_000, 100
CATEGORIES = ("recyclable", "kitchen", "hazardous", "other")


def make_events(prefix: str, count: int, seed: int) -> tuple[list[dict], dict[str, int]]:
    """`count` events with ids prefix-000000…; a card's point is its community's; 85 % in a window, 90 %
    correctly sorted. Returns the events and the points each card should get (1 per correct in-window)."""
    rng = random.Random(f"{seed}:{prefix}")
    events, expected = [], {}
    day = dt.date(2021, 9, 1)
    for i in range(count):
        card = rng.randrange(CARDS)
        in_window = rng.random() < 0.85
        hour = rng.choice((7, 8, 19, 20)) if in_window else rng.choice((10, 12, 15, 22))
        moment = dt.datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))
        correct = rng.random() < 0.9
        number = f"QJ{card:07d}"
        events.append({"id": f"{prefix}-{i:07d}", "card": number, "point": f"PT{card % COMMUNITIES:04d}",
                       "at": moment.isoformat() + "+08:00", "category": rng.choice(CATEGORIES), "correct": correct})
        if correct and in_window:
            expected[number] = expected.get(number, 0) + 1
    return events, expected


def batches(events: list[dict], size: int) -> list[list[dict]]:
    return [events[i:i + size] for i in range(0, len(events), size)]


def build() -> None:
    from django.db import transaction

    from zhengwu.waste.cards import code_hash
    from zhengwu.waste.models import Card, Community, DropPoint
    from zhengwu.waste.units import resolve_unit

    with transaction.atomic():
        unit = resolve_unit("古南街道")
        Community.objects.bulk_create([Community(unit=unit, name=f"基准小区{i:03d}", management="managed", building="high_rise",
                                                 households=CARDS // COMMUNITIES) for i in range(COMMUNITIES)])
        communities = list(Community.objects.order_by("name").values_list("pk", flat=True))
        DropPoint.objects.bulk_create([DropPoint(community_id=c, code=f"PT{i:04d}", name=f"{i}号点")
                                       for i, c in enumerate(communities)])
        digest = code_hash("000000")
        Card.objects.bulk_create([Card(community_id=communities[i % COMMUNITIES], number=f"QJ{i:07d}",
                                       household=f"{i}号", check_hash=digest) for i in range(CARDS)], batch_size=5000)


def baseline(events: list[dict]) -> float:
    """One transaction per event, the ORM way; returns events/s."""
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from zhengwu.core.dates import DISTRICT_ZONE
    from zhengwu.waste.ingest import parse_moment
    from zhengwu.waste.models import Card, DropEvent, DropPoint

    points = {p.code: p for p in DropPoint.objects.all()}
    start = time.perf_counter()
    for e in events:
        with transaction.atomic():
            card = Card.objects.get(number=e["card"])
            point = points[e["point"]]
            moment = parse_moment(e["at"])
            inside = point.in_window(moment.astimezone(DISTRICT_ZONE).time())
            earned = 1 if e["correct"] and inside else 0
            _row, created = DropEvent.objects.get_or_create(event_id=e["id"], defaults={
                "card": card, "point": point, "at": moment, "category": e["category"], "correct": e["correct"],
                "in_window": inside, "points": earned, "received_at": timezone.now()})
            if created and earned:
                Card.objects.filter(pk=card.pk).update(balance=F("balance") + earned)
    return len(events) / (time.perf_counter() - start)


def bursts(events: list[dict], size: int) -> dict:
    from zhengwu.waste.ingest import ingest

    first, retry = [], []
    start = time.perf_counter()
    for batch in batches(events, size):
        t0 = time.perf_counter()
        stored = ingest(batch)
        t1 = time.perf_counter()
        again = ingest(batch)  # the retry storm: the sender never saw the answer
        t2 = time.perf_counter()
        assert not stored.refused and not again.stored and len(again.duplicates) == len(batch), "retry stored events"
        first.append((t1 - t0) * 1000)
        retry.append((t2 - t1) * 1000)
    total = time.perf_counter() - start
    return {"events": len(events), "seconds": total, "rate": len(events) / total,
            "first_rate": len(events) / (sum(first) / 1000), "first_p50": statistics.median(first),
            "first_p95": percentile(first, 0.95), "retry_p50": statistics.median(retry),
            "retry_p95": percentile(retry, 0.95), "batches": len(first)}


def through_api(events: list[dict], size: int) -> dict:
    """The same batches through POST /api/waste/events (Django's test client: the whole request path —
    routing, the device token, JSON both ways — without a network or a server process)."""
    from django.test import Client

    from zhengwu.waste.readers import add_reader

    _reader, token = add_reader(f"bench-{time.time_ns()}")
    client = Client()
    client.get("/api/waste/progress?on=2021-09-01")  # the first request imports every URL and view: not timed
    times = []
    start = time.perf_counter()
    for batch in batches(events, size):
        body = json.dumps({"events": batch})
        t0 = time.perf_counter()
        answer = client.post("/api/waste/events", body, content_type="application/json",
                             HTTP_AUTHORIZATION=f"Bearer {token}")
        times.append((time.perf_counter() - t0) * 1000)
        assert answer.status_code == 200 and answer.json()["stored"] == len(batch), answer.content[:200]
    total = time.perf_counter() - start
    return {"rate": len(events) / total, "p50": statistics.median(times), "p95": percentile(times, 0.95)}


def sender(path: str, size: int, ack: str) -> int:
    """Child process: ingest the batches of the JSON file, appending each acknowledged batch index to `ack`."""
    from zhengwu.waste.ingest import ingest

    events = json.loads(Path(path).read_text())
    with open(ack, "a", buffering=1) as log:
        for index, batch in enumerate(batches(events, size)):
            ingest(batch)
            log.write(f"{index}\n")
    return 0


def crash(events: list[dict], size: int, kill_after: int, env: dict) -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    data, ack = OUT / "waste_crash_events.json", OUT / "waste_crash_ack.txt"
    data.write_text(json.dumps(events))
    ack.write_text("")
    command = [sys.executable, __file__, "--sender", str(data), "--batch", str(size), "--ack", str(ack)]
    process = subprocess.Popen(command, env=env)
    while process.poll() is None and len(ack.read_text().split()) < kill_after:
        time.sleep(0.005)
    acked_before = len(ack.read_text().split())
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed = process.returncode == -signal.SIGKILL
    ack.write_text("")
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True)  # resend everything
    return {"acked_before_kill": acked_before, "killed": killed, "resend_seconds": time.perf_counter() - start,
            "batches": len(batches(events, size))}


def concurrent(events: list[dict], size: int, env: dict) -> dict:
    """Two sender processes send the same batches at the same time (a retry storm racing itself)."""
    OUT.mkdir(parents=True, exist_ok=True)
    data = OUT / "waste_concurrent_events.json"
    data.write_text(json.dumps(events))
    acks = [OUT / f"waste_concurrent_ack{n}.txt" for n in (1, 2)]
    start = time.perf_counter()
    senders = []
    for ack in acks:
        ack.write_text("")
        senders.append(subprocess.Popen([sys.executable, __file__, "--sender", str(data), "--batch", str(size),
                                         "--ack", str(ack)], env=env))
    codes = [p.wait() for p in senders]
    assert codes == [0, 0], f"senders exited with {codes}"
    return {"seconds": time.perf_counter() - start, "rate": len(events) / (time.perf_counter() - start)}


def verify(expected: dict[str, int], distinct: int) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), COUNT(DISTINCT event_id), COALESCE(SUM(points), 0) FROM waste_dropevent")
        rows, ids, points = cursor.fetchone()
        cursor.execute("SELECT c.number, c.balance, COALESCE(SUM(e.points), 0) FROM waste_card c "
                       "LEFT JOIN waste_dropevent e ON e.card_id = c.id GROUP BY c.id, c.number, c.balance")
        cards = cursor.fetchall()
    wrong_balance = [n for n, balance, summed in cards if balance != summed]
    wrong_expected = [n for n, balance, _ in cards if balance != expected.get(n, 0)]
    assert rows == ids == distinct, f"{rows} rows, {ids} distinct ids, {distinct} events sent"
    assert not wrong_balance, f"balances differ from their events on {len(wrong_balance)} cards"
    assert not wrong_expected, f"balances differ from the generator's on {len(wrong_expected)} cards"
    assert points == sum(expected.values())
    return {"rows": rows, "points": points, "cards_checked": len(cards)}


def run(vendor: str, args: argparse.Namespace) -> int:
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection

    call_command("migrate", verbosity=0)
    build()
    base_events, base_expected = make_events("base", args.baseline_events, args.seed)
    base_rate = baseline(base_events)
    main_events, main_expected = make_events("burst", args.events, args.seed)
    burst = bursts(main_events, args.batch)
    api_events, api_expected = make_events("api", args.crash_events, args.seed)
    api = through_api(api_events, args.batch)
    crash_events, crash_expected = make_events("crash", args.crash_events, args.seed)
    connection.close()  # the senders are other processes; this one must not hold a write lock meanwhile
    crashed = crash(crash_events, args.batch, args.kill_after, dict(os.environ))
    race_events, race_expected = make_events("race", args.crash_events, args.seed)
    raced = concurrent(race_events, args.batch, dict(os.environ))
    expected = dict(base_expected)
    for part in (main_expected, api_expected, crash_expected, race_expected):
        for card, points in part.items():
            expected[card] = expected.get(card, 0) + points
    checked = verify(expected, len(base_events) + len(main_events) + len(api_events) + len(crash_events)
                     + len(race_events))
    version = connection.cursor().connection.execute("select version()").fetchone()[0] if vendor == "postgres" \
        else f"SQLite {__import__('sqlite3').sqlite_version}"
    report = [
        f"waste ingestion — {vendor} ({version.split(',')[0]})",
        f"machine: {cpu_model()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.2f} at the end; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"data: {CARDS:,} cards in {COMMUNITIES} communities; batch {args.batch}",
        f"baseline (one transaction per event, ORM): {base_rate:,.0f} events/s over {len(base_events):,} events",
        f"bursts: {burst['events']:,} events in {burst['batches']} batches, each sent twice: "
        f"{burst['seconds']:.2f} s, {burst['rate']:,.0f} events/s including the retries "
        f"({burst['first_rate']:,.0f} events/s counting first sends only); "
        f"per batch first send p50 {burst['first_p50']:.1f} ms, p95 {burst['first_p95']:.1f} ms; "
        f"retry p50 {burst['retry_p50']:.1f} ms, p95 {burst['retry_p95']:.1f} ms",
        f"speed-up over the baseline: {burst['rate'] / base_rate:.1f}× (with retries)",
        f"through POST /api/waste/events (test client, token, JSON): {len(api_events):,} events, {api['rate']:,.0f} "
        f"events/s, per batch p50 {api['p50']:.1f} ms, p95 {api['p95']:.1f} ms",
        f"kill -9: {len(crash_events):,} events ({crashed['batches']} batches); sender killed "
        f"{'by SIGKILL' if crashed['killed'] else 'NOT KILLED (finished first)'} after {crashed['acked_before_kill']} "
        f"acknowledged batches; resend of all batches {crashed['resend_seconds']:.2f} s",
        f"two senders racing with the same {len(race_events):,} events (every batch twice, at the same time): "
        f"{raced['seconds']:.2f} s, {raced['rate']:,.0f} distinct events/s (process start-up included)",
        f"checked: {checked['rows']:,} event rows = distinct ids sent; {checked['cards_checked']:,} balances equal "
        f"their events' points and the generator's; total {checked['points']:,} points",
    ]
    if vendor == "postgres":
        report.append(f"goal ≥ {GOAL:,.0f} events/s: {'met' if burst['rate'] >= GOAL else 'NOT met'}")
    text = "\n".join(report)
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"waste_{vendor}.txt").write_text(text + "\n", encoding="utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--baseline-events", type=int, default=2_000)
    parser.add_argument("--crash-events", type=int, default=20_000)
    parser.add_argument("--kill-after", type=int, default=10, help="acknowledged batches before the kill -9")
    parser.add_argument("--seed", type=int, default=20211130)
    parser.add_argument("--postgres", action="store_true", help=f"also run on PostgreSQL (database {PG_NAME})")
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    parser.add_argument("--sender", help=argparse.SUPPRESS)
    parser.add_argument("--ack", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "zhengwu.settings"
    if args.sender:
        import django

        django.setup()
        return sender(args.sender, args.batch, args.ack)
    if args.child:
        return run(args.child, args)
    child = [c for c in [sys.executable, __file__, *sys.argv[1:]] if c != "--postgres"]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE}{suffix}").unlink(missing_ok=True)
    SQLITE.parent.mkdir(exist_ok=True)
    status = subprocess.call([*child, "--child", "sqlite"], env=dict(os.environ, DATABASE_URL=f"sqlite:///{SQLITE}"))
    if args.postgres and status == 0:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_NAME}")
        status = subprocess.call([*child, "--child", "postgres"],
                                 env=dict(os.environ, DATABASE_URL=PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_NAME))
    return status


if __name__ == "__main__":
    sys.exit(main())
