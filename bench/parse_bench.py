"""Gazette parser benchmark: the seed issue, a synthetic corpus, a baseline, memory — in one process.

    taskset -c 0 .venv/bin/python bench/parse_bench.py            # 1,000 issues, report to bench/out/parse.txt
    .venv/bin/python bench/parse_bench.py --issues 100 --out /tmp/parse.txt

Goal: 1,000 issues parsed in under 30 s on one core. See bench/README.md for what each figure means.
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import re
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from common import cpu_model, percentile, rss_mib
from corpus import DEFAULT_SEED, SEED_PATH, SyntheticIssue, make_corpus

from zhengwu.gazette.parsing import parse_bytes

GOAL_ISSUES, GOAL_SECONDS = 1000, 30.0
DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "parse.txt"
BASELINE_RE = re.compile(r"[〔\[]\d{4}[〕\]]\d{1,5}号$")  # the trivial per-line regex: a document number








def bench_seed(data: bytes, runs: int) -> list[float]:
    """Seconds per parse of the seed, `runs` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_bytes(data)
        times.append(time.perf_counter() - start)
    return times


def bench_corpus(corpus: list[SyntheticIssue]) -> tuple[float, float, list[float], list[str], int]:
    """Parse every issue once: wall seconds, CPU seconds, per-issue seconds, failures, documents found."""
    per_issue: list[float] = []
    failures: list[str] = []
    documents = 0
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    for issue in corpus:
        start = time.perf_counter()
        result = parse_bytes(issue.data)
        per_issue.append(time.perf_counter() - start)
        documents += len(result.documents)
        found = (len(result.documents), len(result.news), result.issue.year if result.issue else None,
                 result.issue.number if result.issue else None,
                 result.issue.cumulative_number if result.issue else None)
        expected = (issue.documents, issue.news, issue.year, issue.number, issue.cumulative_number)
        if result.errors or found != expected:
            errors = ", ".join(f"{p.code}@{p.line}" for p in result.errors) or "none"
            failures.append(f"{issue.name}: errors [{errors}]; found {found}, expected {expected}")
    wall, cpu = time.perf_counter() - wall_start, time.process_time() - cpu_start
    return wall, cpu, per_issue, failures, documents


def bench_baseline(corpus: list[SyntheticIssue]) -> tuple[float, int]:
    """Decode, split into lines, one regex search per line: the floor any line-based reader pays."""
    hits = 0
    start = time.perf_counter()
    for issue in corpus:
        for line in issue.data.decode("utf-8").splitlines():
            if BASELINE_RE.search(line):
                hits += 1
    return time.perf_counter() - start, hits


def traced_peak(corpus: list[SyntheticIssue]) -> tuple[float, float]:
    """tracemalloc peak (MiB) over a separate pass of the corpus, and that pass's seconds."""
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    for issue in corpus:
        parse_bytes(issue.data)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--issues", type=int, default=GOAL_ISSUES, help="synthetic issues (default 1000)")
    parser.add_argument("--seed-runs", type=int, default=200, help="parses of the seed issue (default 200)")
    parser.add_argument("--baseline-runs", type=int, default=3, help="baseline passes; the median is kept")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus random seed")
    parser.add_argument("--trace-issues", type=int, default=100,
                        help="issues parsed under tracemalloc in a separate pass (default 100; 0 skips it)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"report file (default {DEFAULT_OUT})")
    args = parser.parse_args()
    if args.issues < 1 or args.seed_runs < 1 or args.baseline_runs < 1:
        parser.error("--issues, --seed-runs and --baseline-runs must be at least 1")

    rss_at_start = rss_mib()
    seed_data = SEED_PATH.read_bytes()
    seed_lines = seed_data.count(b"\n") + 1
    start = time.perf_counter()
    corpus = make_corpus(args.issues, seed=args.seed)
    generation = time.perf_counter() - start
    corpus_bytes = sum(len(issue.data) for issue in corpus)
    corpus_lines = sum(issue.data.count(b"\n") + 1 for issue in corpus)
    expected_documents = sum(issue.documents for issue in corpus)
    rss_after_generation = rss_mib()

    for _ in range(5):  # warm-up: imports, regex compilation, caches
        parse_bytes(seed_data)
    gc.collect()

    seed_times = bench_seed(seed_data, args.seed_runs)
    gc.collect()
    baseline_runs = [bench_baseline(corpus) for _ in range(args.baseline_runs)]
    baseline, baseline_hits = statistics.median(t for t, _ in baseline_runs), baseline_runs[0][1]
    gc.collect()
    wall, cpu, per_issue, failures, documents = bench_corpus(corpus)
    rss_after_parse = rss_mib()
    traced = traced_peak(corpus[:args.trace_issues]) if args.trace_issues > 0 else None

    n = len(corpus)
    projected = wall / n * GOAL_ISSUES if n else 0.0
    ms = 1000
    verdict = f"{wall:.2f} s for {n:,} issues"
    if n != GOAL_ISSUES:
        verdict += f" (projected {projected:.2f} s for {GOAL_ISSUES:,})"
    verdict += " — met" if projected < GOAL_SECONDS else " — NOT met"
    affinity = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    report = [
        "zhengwu gazette parser benchmark",
        "================================",
        f"date        {time.strftime('%Y-%m-%d %H:%M:%S %Z')}",
        f"command     {' '.join([Path(sys.executable).name, *sys.argv])}",
        f"python      {platform.python_implementation()} {platform.python_version()}",
        f"system      {platform.platform()}",
        f"cpu         {cpu_model()}; {os.cpu_count()} logical CPUs; this process may run on {affinity}",
        "",
        f"seed        {SEED_PATH.name}: {len(seed_data):,} bytes, {seed_lines:,} lines",
        f"corpus      {n:,} issues (random seed {args.seed}): {corpus_bytes / 2**20:.1f} MiB, {corpus_lines:,} lines, "
        f"{expected_documents:,} documents, {sum(i.news for i in corpus):,} news, "
        f"{sum(i.dropped_news for i in corpus)} with the last news dropped",
        f"generation  {generation:.2f} s (not counted below)",
        "",
        f"(a) seed issue, parsed {len(seed_times)} times",
        f"    median {statistics.median(seed_times) * ms:.2f} ms/parse   min {min(seed_times) * ms:.2f}   "
        f"p90 {percentile(seed_times, 0.9) * ms:.2f}   max {max(seed_times) * ms:.2f}",
        "",
        f"(b) corpus, {n:,} issues parsed once each",
        f"    total {wall:.2f} s wall, {cpu:.2f} s CPU",
        f"    {n / wall:,.1f} issues/s   {documents / wall:,.1f} documents/s   ({documents:,} documents found)",
        f"    per issue: median {statistics.median(per_issue) * ms:.2f} ms   p95 {percentile(per_issue, 0.95) * ms:.2f} ms"
        f"   max {max(per_issue) * ms:.2f} ms",
        f"    errors: {len(failures)} issue(s) with an error-severity problem or a wrong count",
        "",
        f"(c) baseline: decode + splitlines + one regex per line, median of {len(baseline_runs)} passes",
        f"    {baseline:.3f} s for the corpus ({baseline_hits:,} number lines matched)",
        f"    parser / baseline = {wall / baseline:,.0f}x",
        "",
        "(d) memory",
        f"    peak RSS (ru_maxrss) after imports                {rss_at_start:.1f} MiB",
        f"    peak RSS (ru_maxrss) after generating the corpus  {rss_after_generation:.1f} MiB"
        f"  (the corpus itself holds {corpus_bytes / 2**20:.1f} MiB of bytes)",
        f"    peak RSS (ru_maxrss) after parsing the corpus     {rss_after_parse:.1f} MiB",
    ]
    if traced:
        peak, seconds = traced
        traced_n = min(args.trace_issues, n)
        slowdown = (seconds / traced_n) / (wall / n)
        report.append(f"    tracemalloc peak while parsing                  {peak:.2f} MiB "
                      f"(separate pass over the first {traced_n:,} issues: {seconds:.2f} s, "
                      f"{slowdown:.1f}x slower per issue than untraced)")
    report += [
        "",
        f"goal        {GOAL_ISSUES:,} issues in under {GOAL_SECONDS:.0f} s on one core: {verdict}",
    ]
    if len(affinity) > 1:
        report.append("note        not pinned to one core; run under `taskset -c 0` for the one-core figure")
    if failures:
        report += ["", "FAILURES", *(f"    {f}" for f in failures[:20])]
        if len(failures) > 20:
            report.append(f"    … and {len(failures) - 20} more")
    text = "\n".join(report) + "\n"
    print(text, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"(written to {args.out})")
    assert not failures, f"{len(failures)} generated issue(s) did not parse cleanly"
    assert documents == expected_documents, f"{documents} documents found, {expected_documents} expected"
    return 0


if __name__ == "__main__":
    sys.exit(main())
