"""Full-text search benchmark: index build and query latency of the product's search, side by side.

    .venv/bin/python bench/search_bench.py                               # 50,000 documents, 200 queries
    .venv/bin/python bench/search_bench.py --docs 2000 --queries 50      # a quick look
    .venv/bin/python bench/search_bench.py --backends sqlite,like        # only some of them

Backends: `sqlite` (the product on SQLite: posting arrays + numpy), `postgres` (the product on PostgreSQL tsvector/GIN, in a
scratch database zw_search_bench that is dropped at the end), `like` (a plain LIKE '%…%' full scan of the
same texts on the SQLite file: the baseline), `tantivy` (the same pre-segmented terms in tantivy, whitespace
tokenizer: the speed reference). Goals: index build ≥ 1 M characters/s; query p95 ≤ 15 ms with facets on
SQLite. Each database backend runs in its own process (Django binds one database per process); the
report is printed and written to bench/out/search.txt. See bench/README.md for what each figure means.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from common import cpu_model
from search_corpus import (
    DEFAULT_SEED,
    SEED_PATH,
    BenchQuery,
    SynthDocument,
    issue_date_of,
    make_documents,
    make_queries,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
DEFAULT_OUT = OUT / "search.txt"
SQLITE_PATH = OUT / "search-bench.sqlite3"
STATE_PATH = OUT / "search-state.pickle"
TANTIVY_PATH = OUT / "search-tantivy"
PG_SERVER = os.environ.get("ZW_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DB = "zw_search_bench"
BACKENDS = ("sqlite", "postgres", "like", "tantivy")
GOAL_BUILD_CHARS_PER_S = 1_000_000
GOAL_P95_MS = 15.0
# Measured before the search existed (bench notes of the issue), quoted in the report for comparison.
REFERENCE = {"jieba": "0.15 M chars/s", "rjieba": "2.9 M chars/s", "fts5_top20_p95": "61 ms (no facets)",
             "tantivy_top20_p95": "0.4 ms", "like_p95": "635 ms"}
SEGMENT_SAMPLE_CHARS = 1_000_000
TOP = 20
WARMUP_QUERIES = 10


# --- small helpers -------------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def latency(values: list[float]) -> dict:
    """Milliseconds: p50, p95, p99, max, mean of a list of seconds."""
    ms = [v * 1000 for v in values]
    return {"n": len(ms), "p50": percentile(ms, 0.5), "p95": percentile(ms, 0.95), "p99": percentile(ms, 0.99),
            "max": max(ms) if ms else float("nan"), "mean": statistics.fmean(ms) if ms else float("nan")}


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024




def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


class Stopwatch:
    """Accumulates the wall time spent inside wrapped functions, by name (≈ 0.2 µs of overhead a call)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: Counter = Counter()

    def wrap(self, name: str, fn: Callable) -> Callable:
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1
        timed.__wrapped__ = fn
        return timed

    def reset(self) -> None:
        self.seconds.clear()
        self.calls.clear()


def bucket(matches: int) -> str:
    for limit, name in ((0, "0"), (99, "1–99"), (999, "100–999"), (9_999, "1k–10k")):
        if matches <= limit:
            return name
    return "≥10k"


BUCKETS = ["0", "1–99", "100–999", "1k–10k", "≥10k"]


# --- segmentation speed (this process; no database) ---------------------------------------------------

def segmentation_speed(documents: list[SynthDocument]) -> dict:
    """chars/s of rjieba alone and of the product's segmentation, over the first documents (≈ 1 M chars)."""
    import cProfile
    import pstats

    import rjieba

    from zhengwu.gazette.search import segment

    texts, total = [], 0
    for d in documents:
        for text in (d.title_text(), d.body_text()):
            texts.append(text)
            total += len(text)
        if total >= SEGMENT_SAMPLE_CHARS:
            break
    segment.jieba()  # load the district dictionary once, as the first use in a process does
    cpu0 = time.process_time()
    for text in texts:  # first pass of the product's segmentation: parts() caches are cold
        segment.index_terms(text)
    cold = time.process_time() - cpu0

    def rate(fn: Callable[[str], object]) -> tuple[float, float]:
        """chars/s by CPU time and by wall time."""
        cpu0, start = time.process_time(), time.perf_counter()
        for text in texts:
            fn(text)
        return total / (time.process_time() - cpu0), total / (time.perf_counter() - start)

    rates = {
        "rjieba.cut (HMM on)": rate(rjieba.cut),
        "rjieba.tokenize as the product calls it": rate(
            lambda t: segment.jieba().tokenize(segment.normalize(t), "default", True)),
        "segment.tokens (+ normalize, lower, punctuation dropped)": rate(segment.tokens),
        "segment.index_terms (+ parts and characters of each word)": rate(segment.index_terms),
        "segment.query_terms (precise, no HMM)": rate(segment.query_terms),
    }
    # Where index_terms spends its time: cProfile over a third of the sample (the profiler inflates times).
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts[: max(1, len(texts) // 3)]:
        segment.index_terms(text)
    profiler.disable()
    stats = pstats.Stats(profiler)
    top = []
    total_tt = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    for (filename, line, name), (_cc, calls, tt, _ct, _callers) in sorted(
            stats.stats.items(), key=lambda kv: -kv[1][2])[:8]:  # type: ignore[attr-defined]
        where = f"{Path(filename).name}:{line}" if line else filename
        top.append((f"{name} ({where})", calls, tt / total_tt if total_tt else 0.0))
    n_terms = sum(len(segment.index_terms(t).split()) for t in texts[:200])
    n_chars = sum(len(t) for t in texts[:200])
    return {"chars": total, "texts": len(texts), "cold_index_terms": total / cold, "rates": rates,
            "profile": top, "terms_per_char": n_terms / n_chars if n_chars else 0.0}


# --- the database worker (one process per database) ----------------------------------------------------

def _rows(documents: list[SynthDocument]):
    """The gazette rows the corpus stands for: issues, sections, items, documents, parts, nodes, attachments.
    Explicit ids, so one pass writes every table."""
    import datetime as dt

    from search_corpus import SECTIONS
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    issues = sorted({(d.year, d.issue_number) for d in documents})
    issue_id = {key: i for i, key in enumerate(issues, start=1)}
    tables: dict[str, tuple[list[str], list[tuple]]] = {}
    tables["gazette_issue"] = (
        ["id", "gazette", "year", "number", "cumulative_number", "published_on", "supervisor", "sponsor",
         "publisher", "address", "postcode", "phone", "fax", "website_name", "website", "print_permit", "slogans",
         "published", "created_at", "updated_at"],
        [(i, "重庆市綦江区人民政府公报", y, n, None, issue_date_of(y, n).isoformat(), "", "", "", "", "", "", "", "",
          "", "", "[]", True, now, now) for (y, n), i in issue_id.items()])
    section_id = {}
    sections = []
    for i in issue_id.values():
        for order, name in enumerate(SECTIONS):
            section_id[(i, name)] = sid = len(sections) + 1
            sections.append((sid, name, order, i))
    tables["gazette_section"] = (["id", "name", "order", "issue_id"], sections)
    items, docs, parts, nodes, atts = [], [], [], [], []
    orders: Counter = Counter()
    for k, d in enumerate(documents, start=1):
        iid = issue_id[(d.year, d.issue_number)]
        orders[iid] += 1
        items.append((k, "document", orders[iid], d.title, None, None, "[]", "", None, "", iid,
                      section_id[(iid, d.section)]))
        docs.append((k, d.number, d.number, d.agency_code, d.year, d.serial, "", json.dumps(d.issuers, ensure_ascii=False),
                     d.title, d.doc_type, "[]", "[]", d.signed_on.isoformat(), True, "", "[]", "", None, None, now, now,
                     k))
        for order, part in enumerate(d.parts):
            pid = len(parts) + 1
            parts.append((pid, part.kind, order, part.title, part.doc_type, "", k))
            for n_order, node in enumerate(part.nodes):
                nodes.append((len(nodes) + 1, n_order, "paragraph" if not node.number else "heading",
                              1 if node.number else 0, node.number, node.title, node.text, "", None, None, pid))
        for order, att in enumerate(d.attachments):
            atts.append((len(atts) + 1, order, att.number, att.title, False, True,
                         json.dumps(att.paragraphs, ensure_ascii=False), k))
    tables["gazette_item"] = (["id", "kind", "order", "title", "page", "line", "paragraphs", "source", "source_date",
                               "source_page", "issue_id", "section_id"], items)
    tables["gazette_document"] = (
        ["id", "number", "number_as_printed", "agency_code", "year", "serial", "header", "issuers", "title",
         "doc_type", "addressees", "signers", "signed_on", "public", "public_note", "cc", "printed_by",
         "printed_on", "line", "created_at", "updated_at", "item_id"], docs)
    tables["gazette_part"] = (["id", "kind", "order", "title", "doc_type", "anchor", "document_id"], parts)
    tables["gazette_node"] = (["id", "order", "kind", "level", "number", "title", "text", "anchor", "line",
                               "parent_id", "part_id"], nodes)
    tables["gazette_attachment"] = (["id", "order", "number", "title", "omitted", "listed", "paragraphs",
                                     "document_id"], atts)
    return tables


def _defaults(model, columns: list[str]) -> dict:
    """Column → database value of the model's default, for the model's columns that `columns` leaves out."""
    import datetime as dt

    from django.db import connection
    found = {}
    for f in model._meta.concrete_fields:
        if f.column in columns:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = dt.datetime.now(dt.UTC)
        else:
            value = f.get_default()
        prepared = f.get_db_prep_save(value, connection)
        if prepared is None and not f.null:
            raise RuntimeError(f"bench: {model._meta.db_table}.{f.column} needs a value; teach search_bench._rows it")
        found[f.column] = prepared
    return found


def load_rows(documents: list[SynthDocument]) -> dict:
    """Bulk-write the minimal gazette rows (COPY on PostgreSQL, executemany on SQLite). Not a product path:
    the importer is measured by the parse benchmark; here only the index the rows give is measured."""
    from django.apps import apps
    from django.db import connection, transaction
    tables = _rows(documents)
    models = {m._meta.db_table: m for m in apps.get_app_config("gazette").get_models()}
    with transaction.atomic(), connection.cursor() as cursor:
        for table, (columns, rows) in tables.items():
            extra = _defaults(models[table], columns)  # columns added to the models since this was written
            if extra:
                columns = [*columns, *extra]
                rows = [(*row, *extra.values()) for row in rows]
            cols = ", ".join(f'"{c}"' for c in columns)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
    return {table: len(rows) for table, (_, rows) in tables.items()}


def db_sizes() -> dict:
    from django.db import connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database()), pg_total_relation_size('gazette_searchentry'), "
                           "pg_relation_size('gazette_searchentry_search_vector')")
            database, entries, gin = cursor.fetchone()
            return {"database": database, "search entries (table + TOAST + indexes)": entries, "GIN index": gin}
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        sizes = {"database file": SQLITE_PATH.stat().st_size}
        try:
            cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'gazette_search_posting%'")
            sizes["posting arrays (dbstat)"] = cursor.fetchone()[0]
            cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name = 'gazette_searchentry'")
            sizes["search entries table (dbstat)"] = cursor.fetchone()[0]
        except Exception:  # noqa: BLE001 - dbstat is a compile-time option
            pass
        return sizes


def server_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL server process (read from /proc: the server
    runs on this machine); 0 on SQLite, which runs inside this process."""
    from django.db import connection
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def delete_all_entries() -> float:
    """Seconds to delete every entry, the first step of the next `reindex` (rolled back afterwards)."""
    from django.db import transaction

    from zhengwu.gazette.search.models import SearchEntry
    with transaction.atomic():
        start = time.perf_counter()
        SearchEntry.objects.all().delete()
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    return seconds


def build_index(documents: list[SynthDocument]) -> dict:
    """`rebuild_index()` — what `zhengwu gazette reindex` runs — timed, with where its time goes."""
    from django.db import connection

    from zhengwu.gazette.search import index as index_mod
    from zhengwu.gazette.search.models import SearchEntry

    watch = Stopwatch()
    workers = index_mod.index_workers(len(documents))
    postings = index_mod.postings
    saved = (index_mod._segment_chunk, postings.write_segment)
    # With worker processes, segmentation and the posting segments are made there, out of this process's
    # sight: the stage then only shows up as time this process waits, inside "the rest".
    if not workers:  # a wrapped function cannot be sent to a worker process
        index_mod._segment_chunk = watch.wrap("segmentation + posting segments (in this process)",
                                              index_mod._segment_chunk)
    manager = SearchEntry.objects
    manager.bulk_create = watch.wrap("writing entries (bulk_create: INSERT; on PostgreSQL + tsvector + GIN)",
                                     manager.bulk_create)
    postings.write_segment = watch.wrap("postings: writing the arrays (SQLite)", postings.write_segment)
    try:
        server0 = server_cpu()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        counts = index_mod.rebuild_index()
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        server = server_cpu() - server0
    finally:
        index_mod._segment_chunk, postings.write_segment = saved
        del manager.bulk_create
    expected_chars = sum(d.chars() for d in documents)
    with connection.cursor() as cursor:  # the product's own text agrees with the corpus's count
        cursor.execute("SELECT COUNT(*), SUM(LENGTH(text)) FROM gazette_searchentry")
        entries, body_chars = cursor.fetchone()
    title_chars = sum(len(d.title_text()) for d in documents)
    indexed_chars = int(body_chars or 0) + title_chars
    assert entries == len(documents), f"{entries} entries for {len(documents)} documents"
    assert indexed_chars == expected_chars, f"{indexed_chars} characters indexed, {expected_chars} expected"
    parts = dict(watch.seconds)
    rest = "reading rows + document_text + entries (the rest)"
    if workers:
        rest = f"reading rows + entries, waiting for the {workers} segmenting process(es) (the rest)"
    parts[rest] = wall - sum(parts.values())
    return {"workers": workers, "wall": wall, "cpu": cpu, "server_cpu": server, "chars": indexed_chars, "entries": entries,
            "counts": counts, "parts": parts}


def run_queries(queries: list[BenchQuery], warmup: list[BenchQuery]) -> dict:
    """The product's `search()` for each query (top 20, facets as the product counts them), once each, with
    the time of each stage taken by wrapping the stage's function."""
    from zhengwu.gazette.search import backends
    from zhengwu.gazette.search import query as q

    watch = Stopwatch()
    names = {"query_terms": "segmentation", "query_runs": "segmentation", "_visible_rows": "facet rows (SQL)",
             "_facets": "facet counts (Python)", "_hits": "20 hits: reading + snippets + highlight",
             "_holding_runs": "runs as typed (LIKE over the matches)"}
    # A stage the query module no longer has is left out; its time then shows under "other".
    names = {name: label for name, label in names.items() if hasattr(q, name)}
    saved = {name: getattr(q, name) for name in names}
    saved_match = backends.PostingsBackend.scored
    for name, label in names.items():
        setattr(q, name, watch.wrap(label, saved[name]))
    matched = []

    def counting(fn: Callable) -> Callable:
        def scored(self, terms, table):
            positions, scores = fn(self, terms, table)
            matched.append(len(positions))
            return positions, scores
        return scored
    backends.PostingsBackend.scored = watch.wrap("match + bm25 (posting arrays, numpy)", counting(saved_match))
    try:
        for query in warmup:
            q.search(query.text, filters=query.filters, per_page=TOP)
        out = []
        server0 = server_cpu()
        for query in queries:
            watch.reset()
            matched.clear()
            cpu0, start = time.process_time(), time.perf_counter()
            result = q.search(query.text, filters=query.filters, per_page=TOP)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu0
            stages = dict(watch.seconds)
            stages["other (sorting, in_bulk of the page, …)"] = seconds - sum(stages.values())
            # matches before filters and visibility: what the backend returned
            out.append({"text": query.text, "filters": query.filters, "kind": query.kind, "seconds": seconds,
                        "cpu": cpu, "total": result.total, "engine_matches": sum(matched) if matched else None, "terms": result.terms,
                        "hits": len(result.results),
                        "stages": stages})
        server = server_cpu() - server0
    finally:
        for name in names:
            setattr(q, name, saved[name])
        backends.PostingsBackend.scored = saved_match
    return {"queries": out, "server_cpu": server}


def run_engine_top20(queries: list[BenchQuery]) -> list[dict]:
    """The engine alone: the product's terms, best 20 by the product's score, no facets, no filters."""
    import numpy as np
    from django.db import connection

    from zhengwu.gazette.search import stats
    from zhengwu.gazette.search.backends import ENTRY_TABLE, POSTGRES_WEIGHTS, PostingsBackend
    from zhengwu.gazette.search.segment import query_terms
    from zhengwu.gazette.search.tsvector import tsquery_literal
    out = []
    with connection.cursor() as cursor:
        for query in queries:
            terms = query_terms(query.text)
            cpu0, start = time.process_time(), time.perf_counter()
            if connection.vendor == "sqlite":
                table = stats.entry_table()
                positions, scores = PostingsBackend().scored(terms, table)
                best = np.argsort(-scores[np.argpartition(-scores, TOP)[:TOP]]) if len(scores) > TOP else scores
                rows = list(best)
            else:
                cursor.execute(f"SELECT id, ts_rank('{POSTGRES_WEIGHTS}', search_vector, query) AS r "
                               f"FROM {ENTRY_TABLE}, CAST(%s AS tsquery) AS query "
                               f"WHERE search_vector @@ query ORDER BY r DESC LIMIT {TOP}", [tsquery_literal(terms)])
                rows = cursor.fetchall()
            out.append({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu0, "hits": len(rows)})
    return out


def run_like(queries: list[BenchQuery]) -> list[dict]:
    """Baseline: every word of the query as typed must stand in the title or the text (LIKE '%word%'),
    filters in SQL, all matches fetched (a full scan), newest 20 kept. No ranking, no facets."""
    from django.db import connection
    out = []
    with connection.cursor() as cursor:
        for query in queries:
            where, params = ["(e.issue_id IS NULL OR e.issue_id IN (SELECT id FROM gazette_issue WHERE published))"], []
            for word in query.text.split():
                where.append("(e.title LIKE %s OR e.text LIKE %s)")
                params += [f"%{word}%", f"%{word}%"]
            f = query.filters
            if "year" in f:
                where.append("e.year = %s")
                params.append(int(f["year"]))
            if "section" in f:
                where.append("e.section = %s")
                params.append(f["section"])
            for name, column in (("issuer", "issuers"), ("type", "doc_types")):
                if name in f:
                    where.append(f"EXISTS (SELECT 1 FROM json_each(e.{column}) WHERE value = %s)")
                    params.append(f[name])
            cpu0, start = time.process_time(), time.perf_counter()
            cursor.execute(f"SELECT e.id, e.date FROM gazette_searchentry e WHERE {' AND '.join(where)}", params)
            rows = cursor.fetchall()
            top = sorted(rows, key=lambda r: (r[1] or ""), reverse=True)[:TOP]
            out.append({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu0, "total": len(rows),
                        "hits": len(top)})
    return out


def worker(backend: str, state_path: Path, result_path: Path) -> None:
    """One database: migrate, load rows, rebuild the index, run the queries; results as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    with state_path.open("rb") as fh:
        state = pickle.load(fh)
    documents, queries, warmup = state["documents"], state["queries"], state["warmup"]
    result: dict = {"backend": backend, "vendor": connection.vendor}
    start = time.perf_counter()
    call_command("migrate", "gazette", verbosity=0)
    result["migrate_s"] = time.perf_counter() - start
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version()")
            result["engine"] = cursor.fetchone()[0].split(" on ")[0]
            settings = {}
            for name in ("shared_buffers", "work_mem", "maintenance_work_mem", "gin_pending_list_limit"):
                cursor.execute(f"SHOW {name}")
                settings[name] = cursor.fetchone()[0]
            result["settings"] = settings
        else:
            cursor.execute("SELECT sqlite_version()")
            result["engine"] = f"SQLite {cursor.fetchone()[0]}"
    start = time.perf_counter()
    result["rows"] = load_rows(documents)
    result["load_s"] = time.perf_counter() - start
    log(f"[{backend}] gazette rows written in {result['load_s']:.1f} s; rebuilding the index …")
    result["build"] = build_index(documents)
    log(f"[{backend}] index built in {result['build']['wall']:.1f} s")
    if connection.vendor == "postgresql":
        # Autovacuum would get here on its own a little later; done now so every run queries the same state.
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE gazette_searchentry")
        result["vacuum_s"] = time.perf_counter() - start
    result["sizes"] = db_sizes()
    if state["measure_product"]:
        result["product"] = run_queries(queries, warmup)
        log(f"[{backend}] {len(queries)} queries through search()")
        result["engine_top20"] = run_engine_top20(queries)
    if state["measure_delete"]:
        result["delete_all_s"] = delete_all_entries()
    if backend == "sqlite" and state["like_queries"]:
        result["like"] = run_like(queries[:state["like_queries"]])
        log(f"[{backend}] LIKE baseline over {state['like_queries']} queries")
    result["peak_rss_mib"] = rss_mib()
    result_path.write_text(json.dumps(result, ensure_ascii=False, default=str), encoding="utf-8")


def log(message: str) -> None:
    # UTC: Django sets the process's time zone to settings.TIME_ZONE in the workers
    print(f"  {time.strftime('%H:%M:%S', time.gmtime())} UTC {message}", file=sys.stderr, flush=True)


# --- tantivy (this process, reading the terms the SQLite run wrote) ------------------------------------

def run_tantivy(queries: list[BenchQuery]) -> dict:
    import tantivy

    from zhengwu.gazette.search.backends import TITLE_WEIGHT
    from zhengwu.gazette.search.segment import query_terms

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("title", tokenizer_name="whitespace")
    builder.add_text_field("body", tokenizer_name="whitespace")
    builder.add_integer_field("year", indexed=True, fast=True)
    for name in ("issuer", "type", "section"):
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    schema = builder.build()
    shutil.rmtree(TANTIVY_PATH, ignore_errors=True)
    TANTIVY_PATH.mkdir(parents=True)
    index = tantivy.Index(schema, path=str(TANTIVY_PATH))

    from zhengwu.gazette.search.segment import index_terms

    db = sqlite3.connect(SQLITE_PATH)
    entries = db.execute("SELECT id, title, number, issuers, text, year, doc_types, section "
                         "FROM gazette_searchentry ORDER BY id").fetchall()
    db.close()
    # Pre-segmented, as the product segments a document entry (title, number and issuers as its title);
    # the SQLite backend keeps counts, not these strings, so they are made here, before the clock starts.
    rows = [(rid, index_terms("\n".join([title, number, "、".join(json.loads(issuers))])), index_terms(text),
             year, issuers, doc_types, section, len(text) + len(title))
            for rid, title, number, issuers, text, year, doc_types, section in entries]
    term_chars = sum(len(r[1]) + len(r[2]) for r in rows)
    cpu0, start = time.process_time(), time.perf_counter()
    writer = index.writer(heap_size=256_000_000)
    for rid, title_terms, body_terms, year, issuers, doc_types, section, _ in rows:
        doc = tantivy.Document()
        doc.add_integer("id", rid)
        doc.add_text("title", title_terms)
        doc.add_text("body", body_terms)
        if year:
            doc.add_integer("year", year)
        for issuer in json.loads(issuers):
            doc.add_text("issuer", issuer)
        for kind in json.loads(doc_types):
            doc.add_text("type", kind)
        if section:
            doc.add_text("section", section)
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    build, build_cpu = time.perf_counter() - start, time.process_time() - cpu0
    index.reload()
    searcher = index.searcher()
    size = sum(p.stat().st_size for p in TANTIVY_PATH.iterdir() if p.is_file())

    def term_query(field: str, value) -> tantivy.Query:
        return tantivy.Query.term_query(schema, field, value)

    def matching(terms: list[str], filters: dict, ignore: str | None = None) -> tantivy.Query:
        clauses = []
        for t in terms:  # each term in the title (weighted as the product weighs it) or in the body
            either = tantivy.Query.boolean_query([
                (tantivy.Occur.Should, tantivy.Query.boost_query(term_query("title", t), TITLE_WEIGHT)),
                (tantivy.Occur.Should, term_query("body", t))])
            clauses.append((tantivy.Occur.Must, either))
        for name, value in filters.items():
            if name != ignore:
                clauses.append((tantivy.Occur.Must, term_query(name, int(value) if name == "year" else value)))
        return tantivy.Query.boolean_query(clauses)

    aggs = {name: {"terms": {"field": name, "size": 1000}} for name in ("issuer", "year", "type", "section")}
    plain, faceted = [], []
    for query in queries:
        terms = query_terms(query.text)
        cpu0, start = time.process_time(), time.perf_counter()
        found = searcher.search(matching(terms, query.filters), limit=TOP, count=True)
        [searcher.doc(address)["id"][0] for _, address in found.hits]
        plain.append({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu0, "total": found.count,
                      "hits": len(found.hits)})
    for query in queries:
        terms = query_terms(query.text)
        cpu0, start = time.process_time(), time.perf_counter()
        found = searcher.search(matching(terms, query.filters), limit=TOP, count=True)
        [searcher.doc(address)["id"][0] for _, address in found.hits]
        # Facets as the product counts them: each over the matches with the *other* filters applied.
        facets = searcher.aggregate(matching(terms, query.filters), aggs) if len(query.filters) != 1 else {}
        for name in query.filters:
            facets.update(searcher.aggregate(matching(terms, query.filters, ignore=name), aggs))
        faceted.append({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu0, "total": found.count,
                        "facets": len(facets)})
    return {"build_s": build, "build_cpu": build_cpu, "docs": len(rows), "chars": sum(r[7] for r in rows), "term_chars": term_chars,
            "size": size, "plain": plain, "faceted": faceted, "version": getattr(tantivy, "__version__", "?")}


# --- orchestration and report ---------------------------------------------------------------------------

def run_worker(backend: str, env_url: str) -> dict:
    result_path = OUT / f"search-{backend}.json"
    result_path.unlink(missing_ok=True)
    env = dict(os.environ, DATABASE_URL=env_url, DJANGO_SETTINGS_MODULE="zhengwu.settings")
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", backend, "--state", str(STATE_PATH),
                    "--result", str(result_path)], env=env, check=True, cwd=ROOT)
    return json.loads(result_path.read_text(encoding="utf-8"))


def pg_admin(sql: str) -> None:
    import psycopg
    url = PG_SERVER.replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def fmt_rate(chars: float, seconds: float) -> str:
    return f"{chars / seconds / 1e6:.2f} M chars/s" if seconds > 0 else "–"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def code_version() -> str:
    """The commit measured, and whether zhengwu/ had uncommitted changes when the run began."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "zhengwu"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"commit {head}" + (" with uncommitted changes under zhengwu/" if dirty else " (zhengwu/ clean)")


def report(args, documents, queries, seg, results, tantivy_result, timings) -> str:
    n_chars = sum(d.chars() for d in documents)
    affinity = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    lines = [
        "zhengwu search benchmark",
        "========================",
        f"date        {time.strftime('%Y-%m-%d %H:%M:%S %Z')}",
        f"command     {' '.join([Path(sys.executable).name, *sys.argv])}",
        f"python      {platform.python_implementation()} {platform.python_version()}",
        f"system      {platform.platform()}",
        f"cpu         {cpu_model()}; {os.cpu_count()} logical CPUs; this process may run on {affinity}",
        f"load        {timings['load_start']} at the start, {loadavg()} at the end (1/5/15-min load averages)",
        f"code        {timings['code']}",
        "",
        f"corpus      {len(documents):,} documents (random seed {args.seed}) recombined from {SEED_PATH.name}: "
        f"{n_chars:,} characters indexed (title + number + issuers + body), "
        f"{n_chars / len(documents):,.0f} a document on average",
        f"            years {min(d.year for d in documents)}–{max(d.year for d in documents)}, "
        f"{len({i for d in documents for i in d.issuers})} issuers, "
        f"{len({(d.year, d.issue_number) for d in documents})} issues, "
        f"{len({d.section for d in documents})} sections, "
        f"{sum(len(d.parts) - 1 for d in documents):,} transmitted texts, "
        f"{sum(bool(d.attachments) for d in documents):,} with an attachment",
        f"queries     {len(queries)} (+{WARMUP_QUERIES} warm-up, not counted): "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(q.kind for q in queries).items()))
        + f"; {sum(bool(q.filters) for q in queries)} with a filter ("
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(k for q in queries for k in q.filters).items())) + ")",
        f"generation  {timings['generate']:.1f} s (not counted below)",
        "",
        f"(a) segmentation, one core, over the first {seg['texts']:,} texts ({seg['chars']:,} characters)",
    ]
    lines.append(f"    {'M chars/s':>67} {'by CPU':>8} {'by wall':>8}")
    for name, (by_cpu, by_wall) in seg["rates"].items():
        lines.append(f"    {name:63} {by_cpu / 1e6:8.2f} {by_wall / 1e6:8.2f}")
    lines.append(f"    {'segment.index_terms, first pass (parts() caches cold)':63} {seg['cold_index_terms'] / 1e6:8.2f}")
    lines.append(f"    the index holds {seg['terms_per_char']:.2f} terms per character of text "
                 f"(words, their parts and their characters)")
    lines.append(f"    reference before the search existed: jieba {REFERENCE['jieba']}, rjieba {REFERENCE['rjieba']}")
    lines.append("    where index_terms spends its time (cProfile, share of the profiled time):")
    for name, calls, share in seg["profile"]:
        lines.append(f"      {share * 100:5.1f} %  {calls:>10,} calls  {name}")
    lines.append("")

    lines.append("(b) index build: rebuild_index() (= `zhengwu gazette reindex`) over the loaded gazette rows")
    for backend in ("sqlite", "postgres"):
        r = results.get(backend)
        if not r:
            continue
        b = r["build"]
        cpu = b["cpu"] + b["server_cpu"]
        server = f" + {b['server_cpu']:.1f} s of the PostgreSQL server process" if backend == "postgres" else ""
        lines.append(f"    {backend} ({r['engine']}): {b['entries']:,} entries, {b['chars']:,} characters")
        lines.append(f"      {b['wall']:.1f} s wall → {fmt_rate(b['chars'], b['wall'])}; CPU {b['cpu']:.1f} s of this "
                     f"process{server} → {fmt_rate(b['chars'], cpu)} by CPU time  "
                     f"[goal ≥ {GOAL_BUILD_CHARS_PER_S / 1e6:.0f} M chars/s: "
                     f"{verdict(b['chars'] / b['wall'] >= GOAL_BUILD_CHARS_PER_S)} by wall, "
                     f"{verdict(b['chars'] / cpu >= GOAL_BUILD_CHARS_PER_S)} by CPU]")
        for part, seconds in sorted(b["parts"].items(), key=lambda kv: -kv[1]):
            lines.append(f"      {seconds:7.1f} s  {seconds / b['wall'] * 100:5.1f} %  {part}")
        lines.append(f"      (not counted: migrate {r['migrate_s']:.1f} s, writing "
                     f"{sum(r['rows'].values()):,} gazette rows {r['load_s']:.1f} s"
                     + (f", VACUUM ANALYZE afterwards {r['vacuum_s']:.1f} s" if "vacuum_s" in r else "") + ")")
        if "delete_all_s" in r:
            lines.append(f"      deleting every entry, the first step of the next reindex: {r['delete_all_s']:.1f} s "
                         "(measured after the queries, rolled back)")
        lines.append("      sizes: " + ", ".join(f"{k} {v / 2**20:,.0f} MiB" for k, v in r["sizes"].items() if v))
        if "settings" in r:
            lines.append("      settings: " + ", ".join(f"{k}={v}" for k, v in r["settings"].items()))
    if tantivy_result:
        t = tantivy_result
        lines.append(f"    tantivy ({t['version']}): {t['docs']:,} documents, the product's terms made before the clock starts "
                     f"({t['term_chars']:,} characters of terms), no segmentation")
        lines.append(f"      {t['build_s']:.1f} s wall → {fmt_rate(t['chars'], t['build_s'])} of original text; CPU "
                     f"{t['build_cpu']:.1f} s (all indexing threads) → {fmt_rate(t['chars'], t['build_cpu'])}; "
                     f"index {t['size'] / 2**20:,.0f} MiB")
    lines.append("")

    lines.append(f"(c) queries: {len(queries)} queries, each once, top {TOP}; milliseconds of wall time, and of CPU "
                 "time of this process (SQLite and tantivy run inside it; PostgreSQL's server does not)")
    lines.append(f"    {'':44} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8} {'mean':>8} {'CPU p50':>8} {'CPU p95':>8}"
                 f"   goal p95 ≤ {GOAL_P95_MS:.0f} ms")
    rows = []
    for backend in ("sqlite", "postgres"):
        r = results.get(backend)
        if r and "product" in r:
            rows.append((f"{backend}: search() with facets, 20 hits", r["product"]["queries"], backend == "sqlite"))
            rows.append((f"{backend}: engine only, top 20, no facets", r["engine_top20"], False))
    if results.get("sqlite", {}).get("like"):
        like = results["sqlite"]["like"]
        rows.append((f"like: LIKE full scan (first {len(like)} queries)", like, False))
    if tantivy_result:
        rows.append(("tantivy: top 20 + count", tantivy_result["plain"], False))
        rows.append(("tantivy: top 20 + count + 4 facets", tantivy_result["faceted"], False))
    for name, measured, goal in rows:
        s = latency([x["seconds"] for x in measured])
        c = latency([x["cpu"] for x in measured])
        mark = f"   {verdict(s['p95'] <= GOAL_P95_MS)}" if goal else ""
        lines.append(f"    {name:44} {s['p50']:8.2f} {s['p95']:8.2f} {s['p99']:8.2f} {s['max']:8.2f} {s['mean']:8.2f} "
                     f"{c['p50']:8.2f} {c['p95']:8.2f}{mark}")
    lines.append(f"    references before the search existed (p95): FTS5 bm25 top 20 {REFERENCE['fts5_top20_p95']}, "
                 f"tantivy top 20 {REFERENCE['tantivy_top20_p95']}, LIKE {REFERENCE['like_p95']}")

    for backend in ("sqlite", "postgres"):
        r = results.get(backend)
        if not r or "product" not in r:
            continue
        qs = r["product"]["queries"]
        lines.append("")
        lines.append(f"    {backend}: where search() spends its time (sum over the {len(qs)} queries, share)")
        totals: dict[str, float] = defaultdict(float)
        for x in qs:
            for stage, seconds in x["stages"].items():
                totals[stage] += seconds
        whole = sum(x["seconds"] for x in qs)
        for stage, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
            lines.append(f"      {seconds:8.2f} s  {seconds / whole * 100:5.1f} %  {stage}")
        lines.append(f"      {whole:8.2f} s wall in all; CPU {sum(x['cpu'] for x in qs):.2f} s of this process"
                     + (f" + {r['product']['server_cpu']:.2f} s of the PostgreSQL server process"
                        if backend == "postgres" else ""))
        lines.append(f"    {backend}: latency by number of matches (after filters)   queries    p50 ms    p95 ms")
        by: dict[str, list[float]] = defaultdict(list)
        for x in qs:
            by[bucket(x["total"])].append(x["seconds"])
        for name in BUCKETS:
            if by[name]:
                s = latency(by[name])
                lines.append(f"      {name:>10} matches {'':34} {s['n']:5} {s['p50']:9.2f} {s['p95']:9.2f}")
        slow = sorted(qs, key=lambda x: -x["seconds"])[:5]
        lines.append(f"    {backend}: slowest: " + "; ".join(
            f"{x['text']!r}{' ' + str(x['filters']) if x['filters'] else ''} {x['seconds'] * 1000:.0f} ms "
            f"({x['total']:,} matches)" for x in slow))
    if "sqlite" in results and "postgres" in results and "product" in results["sqlite"] \
            and "product" in results["postgres"]:
        differ = [(a["text"], a["total"], b["total"]) for a, b in
                  zip(results["sqlite"]["product"]["queries"], results["postgres"]["product"]["queries"], strict=True)
                  if a["total"] != b["total"]]
        lines.append("")
        lines.append(f"    SQLite and PostgreSQL found the same number of matches for {len(queries) - len(differ)} of "
                     f"{len(queries)} queries" + (": differ " + "; ".join(f"{t!r} {a}/{b}" for t, a, b in differ[:5])
                                                  if differ else ""))
    if tantivy_result and "sqlite" in results and "product" in results["sqlite"]:
        same = sum(a["total"] == b["total"] for a, b in zip(results["sqlite"]["product"]["queries"],
                                                              tantivy_result["plain"], strict=True))
        lines.append(f"    tantivy found the same number of matches as SQLite for {same} of {len(queries)} queries "
                     "(tantivy ignores the product's runs of unknown characters, which must stand as typed)")
    product = results.get("sqlite", results.get("postgres", {})).get("product", {}).get("queries", [])
    totals = [x["total"] for x in product]
    engine = [x["engine_matches"] for x in product if x["engine_matches"] is not None]
    if totals:
        lines.append(f"    matches per query (product, after filters): median {statistics.median(totals):,.0f}, "
                     f"p95 {percentile(totals, 0.95):,.0f}, max {max(totals):,}; "
                     f"{sum(t == 0 for t in totals)} queries found nothing")
    if engine:  # only when search() still goes through Backend.match
        lines.append(f"    entries the full-text engine returned to Python (before filters and visibility): median "
                     f"{statistics.median(engine):,.0f}, p95 {percentile(engine, 0.95):,.0f}, max {max(engine):,}")
    lines += ["", "goals"]
    for backend, label in (("sqlite", "SQLite"), ("postgres", "PostgreSQL")):
        if backend in results:
            b = results[backend]["build"]
            cpu = b["cpu"] + b["server_cpu"]
            lines.append(f"    index build ≥ 1 M chars/s, {label}: {fmt_rate(b['chars'], b['wall'])} by wall — "
                         f"{verdict(b['chars'] / b['wall'] >= GOAL_BUILD_CHARS_PER_S)}; {fmt_rate(b['chars'], cpu)} "
                         f"by CPU — {verdict(b['chars'] / cpu >= GOAL_BUILD_CHARS_PER_S)}")
    if "sqlite" in results and "product" in results["sqlite"]:
        s = latency([x["seconds"] for x in results["sqlite"]["product"]["queries"]])
        c = latency([x["cpu"] for x in results["sqlite"]["product"]["queries"]])
        lines.append(f"    query p95 ≤ 15 ms with facets on SQLite: {s['p95']:.1f} ms wall — "
                     f"{verdict(s['p95'] <= GOAL_P95_MS)}; {c['p95']:.1f} ms CPU — {verdict(c['p95'] <= GOAL_P95_MS)}")
    lines += ["", f"run         {timings['total']:.0f} s in all; peak RSS of this process {rss_mib():.0f} MiB"
              + "".join(f", {k} worker {v['peak_rss_mib']:.0f} MiB" for k, v in results.items())]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=50_000, help="synthetic documents (default 50,000)")
    parser.add_argument("--queries", type=int, default=200, help="queries (default 200)")
    parser.add_argument("--backends", default=",".join(BACKENDS),
                        help=f"comma-separated, any of {', '.join(BACKENDS)} (default all)")
    parser.add_argument("--like-queries", type=int, default=50,
                        help="queries run by the LIKE baseline, the first of the set (default 50; each is a full scan)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus and query random seed")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"report file (default {DEFAULT_OUT})")
    parser.add_argument("--measure-delete", action="store_true",
                        help="also time deleting every entry (the first step of a reindex over an existing index; "
                        "≈ 40 s on SQLite at 50,000 documents), rolled back")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file, the tantivy index and the "
                        "PostgreSQL database afterwards")
    parser.add_argument("--worker", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    parser.add_argument("--state", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.state, args.result)
        return 0
    chosen = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(chosen) - set(BACKENDS)
    if unknown or not chosen:
        parser.error(f"unknown backend(s) {', '.join(sorted(unknown))}; choose from {', '.join(BACKENDS)}")
    if args.docs < 1 or args.queries < 1:
        parser.error("--docs and --queries must be at least 1")

    timings = {"load_start": loadavg(), "code": code_version()}
    run_start = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    log(f"generating {args.docs:,} documents and {args.queries} queries …")
    start = time.perf_counter()
    documents = make_documents(args.docs, seed=args.seed)
    queries = make_queries(documents, args.queries, seed=args.seed)
    warmup = make_queries(documents, WARMUP_QUERIES, seed=args.seed + 1)[-WARMUP_QUERIES:]
    timings["generate"] = time.perf_counter() - start
    log(f"segmentation speed over ≈ {SEGMENT_SAMPLE_CHARS / 1e6:.0f} M characters …")
    seg = segmentation_speed(documents)

    need_sqlite = bool({"sqlite", "like", "tantivy"} & set(chosen))
    with STATE_PATH.open("wb") as fh:
        pickle.dump({"documents": documents, "queries": queries, "warmup": warmup,
                     "like_queries": min(args.like_queries, len(queries)) if "like" in chosen else 0,
                     "measure_product": "sqlite" in chosen, "measure_delete": args.measure_delete}, fh)
    results: dict = {}
    try:
        if need_sqlite:
            for path in (SQLITE_PATH, Path(f"{SQLITE_PATH}-wal"), Path(f"{SQLITE_PATH}-shm")):
                path.unlink(missing_ok=True)
            log("SQLite worker …")
            r = run_worker("sqlite", f"sqlite:///{SQLITE_PATH}")
            results["sqlite"] = r
        if "postgres" in chosen:
            with STATE_PATH.open("wb") as fh:
                pickle.dump({"documents": documents, "queries": queries, "warmup": warmup, "like_queries": 0,
                             "measure_product": True, "measure_delete": args.measure_delete}, fh)
            pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
            pg_admin(f"CREATE DATABASE {PG_DB}")
            try:
                log("PostgreSQL worker …")
                results["postgres"] = run_worker("postgres", f"{PG_SERVER}/{PG_DB}")
            finally:
                if not args.keep:
                    pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
        tantivy_result = None
        if "tantivy" in chosen:
            log("tantivy …")
            tantivy_result = run_tantivy(queries)
    finally:
        STATE_PATH.unlink(missing_ok=True)
    timings["total"] = time.perf_counter() - run_start
    text = report(args, documents, queries, seg, results, tantivy_result, timings)
    if not args.keep:
        shutil.rmtree(TANTIVY_PATH, ignore_errors=True)
        for path in (SQLITE_PATH, Path(f"{SQLITE_PATH}-wal"), Path(f"{SQLITE_PATH}-shm")):
            path.unlink(missing_ok=True)
    print(text, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    (args.out.with_suffix(".json")).write_text(json.dumps(
        {"segmentation": seg, "results": results, "tantivy": tantivy_result}, ensure_ascii=False, default=str,
        indent=1), encoding="utf-8")
    print(f"(written to {args.out} and {args.out.with_suffix('.json')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
