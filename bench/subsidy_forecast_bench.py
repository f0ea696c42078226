"""Subsidy budget forecast (綦江府办发〔2021〕26号) over a generated register of firms, against a per-firm loop.

    .venv/bin/python bench/subsidy_forecast_bench.py                  # 100,000 firms
    .venv/bin/python bench/subsidy_forecast_bench.py --firms 10000 --runs 3

A register of --firms firms is generated with a seeded RNG (--seed) and written as CSV (several claims per
firm: R&D input, recognitions, patents, sales, contracts, high-tech products, incubated firms). Timed:
(a) reading the CSV into columns, (b) the column-wise forecast, (c) a what-if forecast (--set
六.above.cap=600000: the baseline and the changed parameters), (d) one firm's explanation, and — the baseline
in the same run — (e) a plain loop calling quote() on each firm's facts. The loop's totals must equal the
forecast's, item by item, or the run fails. Goal (issue 6): the whole forecast of 100,000 firms under 2 s.
Report printed and written to bench/out/subsidy_forecast.txt; see docs/PERFORMANCE.md.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from common import cpu_model, rss_mib

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from zhengwu.subsidies.rules import RECOGNITIONS, default_rules, explain, forecast, quote  # noqa: E402
from zhengwu.subsidies.rules.register import COLUMNS, firm_claims, read_register  # noqa: E402

ON = dt.date(2021, 9, 1)


def generate(path: Path, firms: int, seed: int) -> int:
    """Write a register of `firms` firms; returns how many claims their facts hold."""
    rng = random.Random(seed)
    codes = list(RECOGNITIONS)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow([c.name for c in COLUMNS])
        for index in range(firms):
            above = rng.random() < 0.4
            revenue = rng.randint(1_000_000, 2_000_000_000) if above else rng.randint(0, 20_000_000)
            intensity = rng.choice([0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08])
            rd = round(revenue * intensity * rng.uniform(0.9, 1.1), 2)
            recognitions = rng.sample(codes, rng.choice([0, 0, 0, 1, 1, 2]))
            out.writerow([
                f"綦江测试企业{index:06d}有限公司", "other" if rng.random() < 0.05 else "firm",
                rng.choice(["above", "规上"]) if above else rng.choice(["below", "规下", ""]),
                f"{revenue}", f"{rd:.2f}", rng.choice(["是", "否", "true"]), rng.choice(["否", "否", "是"]),
                ";".join(recognitions), rng.choice([0, 0, 1, 2, 5]), rng.choice([0, 0, 0, 1]), rng.choice([0, 0, 0, 1]),
                f"{rng.randint(0, 2_000_000_000) / 100:.2f}" if rng.random() < 0.4 else "",
                f"{rng.randint(0, 8_000_000_000) / 100:.2f}" if rng.random() < 0.3 else "",
                rng.choice([0, 0, 1, 3]), rng.choice([0, 0, 0, 0, 1]),
            ])
    return 0


def timed(runs: int, work):
    seconds, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), min(seconds), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--firms", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="runs of each fast step; the median is reported")
    parser.add_argument("--seed", type=int, default=20210616)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "subsidy_forecast.txt")
    options = parser.parse_args()
    rules = default_rules()
    report = []

    def say(line: str = "") -> None:
        print(line, flush=True)
        report.append(line)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "firms.csv"
        start = time.perf_counter()
        generate(path, options.firms, options.seed)
        generated = time.perf_counter() - start
        size = path.stat().st_size
        read_s, read_min, register = timed(options.runs, lambda: read_register(path))
    claims = sum(len(firm_claims(register.firm(i))["claims"]) for i in range(len(register)))
    fc_s, fc_min, result = timed(options.runs, lambda: forecast(register, rules, on=ON))
    wi_s, wi_min, what_if = timed(options.runs, lambda: forecast(register, rules, {"六.above.cap": "600000"}, on=ON))
    sample = random.Random(options.seed).sample(range(len(register)), min(200, len(register)))
    explain_times = []
    for index in sample:
        start = time.perf_counter()
        explain(register.firm(index), rules, on=ON)
        explain_times.append(time.perf_counter() - start)

    start = time.perf_counter()
    loop = defaultdict(Decimal)
    for index in range(len(register)):
        for line in quote(firm_claims(register.firm(index), on=ON.isoformat()), rules=rules).lines:
            loop[line.item] += line.amount
    loop_s = time.perf_counter() - start
    for item, amount in result.totals.items():
        assert loop[item] == amount, (item, loop[item], amount)
    assert set(loop) <= set(result.totals), set(loop) - set(result.totals)

    say(f"Subsidy forecast bench — {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    say(f"CPU: {cpu_model()} ({os.cpu_count()} CPUs); Python {sys.version.split()[0]}")
    say(f"register: {len(register):,} firms, {claims:,} claims ({claims / len(register):.2f} per firm), "
        f"CSV {size / 2**20:.1f} MiB (generated in {generated:.1f} s, not counted); seed {options.seed}")
    say()
    say("| step | median s | min s |")
    say("|---|---|---|")
    say(f"| (a) read the CSV register into columns | {read_s:.3f} | {read_min:.3f} |")
    say(f"| (b) forecast, current parameters | {fc_s:.3f} | {fc_min:.3f} |")
    say(f"| (a)+(b) whole forecast from the file | {read_s + fc_s:.3f} | {read_min + fc_min:.3f} |")
    say(f"| (c) what-if forecast (--set 六.above.cap=600000: baseline + changed) | {wi_s:.3f} | {wi_min:.3f} |")
    say(f"| (d) one firm's explanation, median of {len(explain_times)} (ms) | "
        f"{statistics.median(explain_times) * 1000:.2f} | {min(explain_times) * 1000:.2f} |")
    say(f"| (e) baseline: per-firm loop of quote(), once | {loop_s:.2f} | — |")
    say()
    say(f"loop / forecast: {loop_s / fc_s:.0f}×; totals equal item by item: yes; peak RSS {rss_mib():.0f} MiB")
    say(f"total {result.total:,.2f} yuan; what-if difference {what_if.as_json()['difference']['total']} yuan")
    say("totals: " + ", ".join(f"{item} {amount:,.2f}" for item, amount in result.totals.items()))
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text("\n".join(report) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
