"""Query speed of search() over a copy of the benchmark database: 50 fixed queries (1–2 character words,
common words, mixed PPP项目, runs such as 古南, with and without filters), each once after a warm-up;
prints p50/p95/max and dumps every result (total, hits, snippets, facets) to the JSON file given, so two
runs can be compared for equality.

    cp bench/out/search-bench.sqlite3 /tmp/sb.sqlite3
    DATABASE_URL=sqlite:////tmp/sb.sqlite3 .venv/bin/python bench/search_query_speed.py /tmp/after.json
"""
import json
import os
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
django.setup()
from zhengwu.gazette.search.query import search  # noqa: E402

GOV = "重庆市綦江区人民政府"
HR = "重庆市綦江区人力资源和社会保障局"
QUERIES = [
    ("就业", {}), ("奖励", {}), ("市", {}), ("一", {}), ("好", {}), ("任", {}), ("区", {}), ("税", {}),
    ("工作", {}), ("发展", {}), ("创新", {}), ("管理", {}), ("安全", {}), ("重庆市", {}), ("通知", {}),
    ("人民政府", {}), ("民政", {}), ("教育", {}), ("补贴", {}), ("农村", {}), ("医疗保险", {}),
    ("PPP项目", {}), ("5G基站", {}), ("2020年度", {}), ("第一条", {}), ("乡村振兴", {}),
    ("安全生产 责任", {}), ("就业 创业 补贴", {}), ("古南街道", {}), ("施崇刚", {}), ("古南", {}),
    ("市", {"year": "2019"}), ("工作", {"year": "2021"}), ("就业", {"year": "2020"}), ("发展", {"issuer": GOV}),
    ("奖励", {"issuer": HR}), ("管理", {"section": "规范性文件"}), ("通知", {"type": "通知"}),
    ("创新", {"year": "2018", "issuer": GOV}), ("补贴", {"type": "政策"}), ("教育", {"year": "2016"}),
    ("安全", {"issuer": GOV, "year": "2022"}), ("重庆市", {"year": "2025"}), ("PPP项目", {"year": "2019"}),
    ("一", {"section": "重庆市綦江区人民政府文件"}), ("好", {"type": "意见"}), ("税", {"issuer": HR}),
    ("工作", {}, 3), ("发展", {}, 50), ("民政", {"year": "2017"}, 2),
]

def run(out):
    search("热身")
    for q in QUERIES[:5]:
        search(q[0], filters=q[1])
    times, dump = [], []
    for q in QUERIES:
        query, filters = q[0], q[1]
        page = q[2] if len(q) > 2 else 1
        t = time.perf_counter()
        r = search(query, filters=filters, page=page)
        ms = (time.perf_counter() - t) * 1000
        times.append(ms)
        dump.append({"q": query, "f": filters, "page": page, "ms": round(ms, 1), "total": r.total,
                     "hits": [(h.url, round(h.score, 9), str(h.snippet), str(h.title_html)) for h in r.results],
                     "facets": {k: [(v.value, v.count, v.selected) for v in vs] for k, vs in r.facets.items()}})
    times.sort()
    q = statistics.quantiles(times, n=100)
    print(f"{len(times)} queries: p50 {statistics.median(times):.1f} ms, p95 {q[94]:.1f} ms, max {times[-1]:.1f} ms, mean {statistics.mean(times):.1f}")
    for d in sorted(dump, key=lambda d: -d["ms"])[:8]:
        print(f"  {d['ms']:8.1f} ms  {d['q']} {d['f']} p{d['page']} total {d['total']}")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(dump, f, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    run(sys.argv[1])
