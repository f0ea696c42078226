"""Public intake throughput of the reports system, and what a kill -9 of the server loses.

    .venv/bin/python bench/intake_bench.py                      # SQLite and PostgreSQL, 60 s each
    .venv/bin/python bench/intake_bench.py --seconds 20 --backends postgres

For each database: a fresh database is migrated, gunicorn serves the product on loopback, and client threads
file evidence-free anonymous reports through the public form (/report/: GET once for the CSRF token, then
POST after POST on a kept-alive connection), for --seconds. A report counts as acknowledged when the receipt
page with its reference came back. At --kill-at seconds the whole server (master and workers) gets SIGKILL and
is started again at once; clients reconnect. Afterwards every acknowledged reference is looked up in the
database: the run fails (exit 1) if one is missing. Baseline in the same run: the same form posted without its
description, which the product refuses (400) after the same parsing and checks but writes nothing.
Goal (issue): ≥ 200 reports/s on PostgreSQL with zero acknowledged reports lost. Report written to
bench/out/intake.txt; see docs/PERFORMANCE.md.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from common import cpu_model

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
VENV_BIN = Path(sys.executable).parent
PG_SERVER = os.environ.get("ZW_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DB = "zw_intake_bench"
PORT = int(os.environ.get("ZW_BENCH_PORT", "8765"))
SERVER_LOG = OUT / "intake-server.log"
GOAL_RPS = 200

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE_RE = re.compile(r'id="reference">(JB\d{4}-\d{6})<')


def form_body(token: str, n: int, *, complete: bool = True) -> bytes:
    fields = {"csrfmiddlewaretoken": token, "mode": "anonymous", "occurred_at": "2026年11月20日夜间",
              "place": f"綦江区古南街道某工地{n % 97}号楼", "unit_name": f"重庆某建筑工程有限公司{n % 13}",
              "description": f"工地夜间违规动火作业，现场无人监护，未配备灭火器材（压测样本 {n}）。"}
    if not complete:
        del fields["description"]
    return urllib.parse.urlencode(fields).encode()


class Client(threading.Thread):
    """One reporter's browser: a kept-alive connection, the CSRF cookie and token, POST after POST."""

    def __init__(self, index: int, stop: threading.Event, complete: bool) -> None:
        super().__init__(daemon=True)
        self.index, self.stop, self.complete = index, stop, complete
        self.latencies: list[tuple[float, float]] = []  # (finished at, seconds)
        self.acknowledged: list[str] = []
        self.errors = 0
        self.connection: http.client.HTTPConnection | None = None
        self.cookie = self.token = ""

    def connect(self) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        self.connection.request("GET", "/report/")
        response = self.connection.getresponse()
        page = response.read().decode()
        cookies = response.headers.get_all("Set-Cookie") or []
        self.cookie = "; ".join(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
        self.token = TOKEN_RE.search(page).group(1)

    def run(self) -> None:
        n = self.index * 10_000_000
        while not self.stop.is_set():
            try:
                if self.connection is None:
                    self.connect()
                n += 1
                start = time.perf_counter()
                self.connection.request("POST", "/report/", body=form_body(self.token, n, complete=self.complete),
                                        headers={"Content-Type": "application/x-www-form-urlencoded",
                                                 "Cookie": self.cookie})
                response = self.connection.getresponse()
                page = response.read().decode()
                seconds = time.perf_counter() - start
                expected = 200 if self.complete else 400
                if response.status != expected:
                    self.errors += 1
                    continue
                if self.complete:
                    m = REFERENCE_RE.search(page)
                    if not m:
                        self.errors += 1
                        continue
                    self.acknowledged.append(m.group(1))
                self.latencies.append((time.perf_counter(), seconds))
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
            except (OSError, http.client.HTTPException, AttributeError):
                # The server is down (killed) or closed the connection: not acknowledged, try again.
                self.errors += 1
                if self.connection is not None:
                    self.connection.close()
                self.connection = None
                time.sleep(0.05)


def _answers() -> bool:
    try:
        http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).connect()
    except OSError:
        return False
    return True


class Server:
    def __init__(self, env: dict, workers: int, threads: int) -> None:
        self.env, self.workers, self.threads = env, workers, threads
        self.process: subprocess.Popen | None = None
        OUT.mkdir(exist_ok=True)
        self.log = SERVER_LOG.open("ab")

    def start(self) -> None:
        if self.process is None and _answers():
            # Another server on the port would be measured instead of this one (and get the reports).
            raise SystemExit(f"port {PORT} is taken by another server: stop it or set ZW_BENCH_PORT")
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "zhengwu.wsgi:application", "-b", f"127.0.0.1:{PORT}",
             "-w", str(self.workers), "-k", "gthread", "--threads", str(self.threads), "--keep-alive", "30",
             "--log-level", "warning"],
            # The server's log goes to a file: a pipe nobody reads fills after ~3,000 "Bad Request" lines of the
            # baseline and then blocks every worker thread on the logging lock.
            cwd=ROOT, env=self.env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
                c.request("GET", "/report/")
                if c.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"gunicorn did not answer within 30 s; its log: {SERVER_LOG}")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)  # master and every worker at once, no clean-up
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def prepare(backend: str) -> dict:
    """A fresh database and the environment the server runs with."""
    OUT.mkdir(exist_ok=True)
    env = dict(os.environ, ZHENGWU_DEBUG="0", ZHENGWU_SECRET_KEY="intake-bench-not-secret",
               ZHENGWU_ALLOWED_HOSTS="127.0.0.1", ZHENGWU_REPORTS_KEY_FILE=str(OUT / "intake-bench.keys"),
               PYTHONPATH=str(ROOT))
    if backend == "sqlite":
        path = OUT / "intake-bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        subprocess.run(["psql", PG_SERVER + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {PG_DB}"], check=True)
        subprocess.run(["psql", PG_SERVER + "/postgres", "-qc", f"CREATE DATABASE {PG_DB}"], check=True)
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DB}"
    subprocess.run([str(VENV_BIN / "zhengwu"), "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    return env


def stored_references(env: dict) -> set[str]:
    script = ("import os,json,django;os.environ.setdefault('DJANGO_SETTINGS_MODULE','zhengwu.settings');"
              "django.setup();from zhengwu.reports.models import Report;"
              "print(json.dumps(list(Report.objects.values_list('reference',flat=True))))")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True,
                         text=True).stdout
    return set(json.loads(out))


def load(seconds: float, clients: int, *, complete: bool, server: Server | None = None,
         kill_at: float | None = None) -> dict:
    stop = threading.Event()
    threads = [Client(i, stop, complete) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    killed_at = restarted_at = None
    while (elapsed := time.perf_counter() - start) < seconds:
        if kill_at is not None and killed_at is None and elapsed >= kill_at:
            killed_at = time.perf_counter()
            server.kill()
            server.start()
            restarted_at = time.perf_counter()
        time.sleep(0.01)
    stop.set()
    for t in threads:
        t.join(timeout=60)
    wall = time.perf_counter() - start
    latencies = sorted(s for t in threads for _, s in t.latencies)
    done = len(latencies)
    result = {"seconds": wall, "requests": done, "rps": done / wall, "errors": sum(t.errors for t in threads),
              "p50_ms": statistics.median(latencies) * 1000 if latencies else None,
              "p95_ms": latencies[int(0.95 * (done - 1))] * 1000 if latencies else None,
              "acknowledged": [r for t in threads for r in t.acknowledged]}
    if killed_at is not None:
        after = [at for t in threads for at, _ in t.latencies if at > killed_at]
        result["killed_at_s"] = killed_at - start
        result["restart_s"] = restarted_at - killed_at
        result["first_ack_after_kill_s"] = (min(after) - killed_at) if after else None
    return result


def run(backend: str, args: argparse.Namespace) -> dict:
    env = prepare(backend)
    workers = args.workers or (1 if backend == "sqlite" else 2)
    server = Server(env, workers, args.threads)
    server.start()
    try:
        load(3, args.clients, complete=True)  # warm-up: imports, connections, first rows
        baseline = load(args.baseline_seconds, args.clients, complete=False)
        measured = load(args.seconds, args.clients, complete=True, server=server, kill_at=args.kill_at)
    finally:
        server.stop()
    stored = stored_references(env)
    acknowledged = set(measured.pop("acknowledged"))
    baseline.pop("acknowledged")
    measured["acknowledged"] = len(acknowledged)
    measured["lost"] = sorted(acknowledged - stored)
    return {"backend": backend, "workers": workers, "threads": args.threads, "clients": args.clients,
            "baseline": baseline, "intake": measured}


def report(results: list[dict], args: argparse.Namespace) -> str:
    lines = [f"Public intake benchmark — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
             f"machine: {cpu_model()}, {os.cpu_count()} cores; gunicorn gthread ({args.threads} threads a worker), "
             f"{args.clients} client threads on the same machine, loopback",
             f"run: {args.seconds} s of anonymous evidence-free reports through the public form, kill -9 of the "
             f"server at {args.kill_at} s; baseline: the same form without its description ({args.baseline_seconds} s, "
             "refused with 400, nothing written)", ""]
    lines.append(f"{'':34}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'acked':>8}{'lost':>6}")
    for r in results:
        b, m = r["baseline"], r["intake"]
        name = f"{r['backend']} ({r['workers']} worker{'s' if r['workers'] > 1 else ''})"
        lines.append(f"{name + ': refused (baseline)':34}{b['rps']:8.1f}{b['p50_ms']:9.1f}{b['p95_ms']:9.1f}"
                     f"{b['errors']:8d}{'—':>8}{'—':>6}")
        lines.append(f"{name + ': filed':34}{m['rps']:8.1f}{m['p50_ms']:9.1f}{m['p95_ms']:9.1f}{m['errors']:8d}"
                     f"{m['acknowledged']:8d}{len(m['lost']):6d}")
        lines.append(f"{'':34}killed at {m['killed_at_s']:.1f} s; server back in {m['restart_s']:.1f} s; first "
                     f"acknowledged report {m['first_ack_after_kill_s']:.1f} s after the kill")
    pg = next((r for r in results if r["backend"] == "postgres"), None)
    if pg:
        met = pg["intake"]["rps"] >= GOAL_RPS and not pg["intake"]["lost"]
        lines += ["", f"goal: ≥ {GOAL_RPS} reports/s on PostgreSQL, none lost: {pg['intake']['rps']:.0f}/s, "
                      f"{len(pg['intake']['lost'])} lost — {'met' if met else 'NOT met'}"]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kill-at", type=float, default=30)
    parser.add_argument("--baseline-seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: 1 on SQLite, 2 on PostgreSQL)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--out", type=Path, default=OUT / "intake.txt")
    args = parser.parse_args()
    results = [run(b, args) for b in args.backends.split(",")]
    text = report(results, args)
    print(text)
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if any(r["intake"]["lost"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
