"""A synthetic search corpus: N gazette documents recombined from the seed's paragraphs, and a query set.

`make_documents(n, seed=…)` returns N `SynthDocument`s. Document i depends only on (seed, i) for its
content; its serial number also depends on how many earlier documents share its agency code and year, so
the first k documents of a larger corpus are the same as a k-document corpus. What each document gets:

- an issuer (the seed's five bodies, weighted, plus sixteen made-up bodies of the district; 8 % are joint
  documents of two bodies) with its agency code, a year 2015–2026 (more documents in later years), an issue
  1–24 of that year, a signing date before the issue's date, and a canonical number 代字〔年〕序号号;
- a document type (通知 half the time; 40 % of the 通知 transmit a 方案/办法/政策/规则 with its own title,
  as the seed's notices do) and a title “<issuer>关于<topic>的<type>”, the topic taken from the seed's titles
  and headings;
- a section (栏目): the seed's three document sections by issuer, or a made-up 规范性文件 (10 %);
- a body of runs of 1–6 consecutive body nodes (number, title, text) of the seed's parts, until a length
  drawn from a log-normal distribution is reached (≈ 1,260 characters a document with title and number on
  average, median ≈ 1,100, longest ≈ 10,000); 15 % get an attachment made of the seed's attachment paragraphs.

The vocabulary is therefore the seed's (a few thousand words): document frequencies are far higher than in
a real gazette of this size, so many queries match a large share of the corpus. That is the hard case for
ranking and facets; it is stated with the figures.

`make_queries(documents, n, seed=…)` makes the query set from the same vocabulary, cut with the product's
own segmentation (zhengwu.gazette.search.segment).

    .venv/bin/python bench/search_corpus.py --docs 20 --queries 20     # look at a few of each
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from zhengwu.core.docnumber import parse_number  # noqa: E402
from zhengwu.gazette.parsing import parse_file  # noqa: E402

SEED_PATH = ROOT / "zhengwu" / "demo" / "seed" / "000_c62ba9d0d4872cf1.txt"
DEFAULT_SEED = 20261125
YEARS = range(2015, 2027)
ISSUES_PER_YEAR = 24
BODY_MEDIAN_CHARS = 730  # log-normal body length target; with the runs' overshoot ≈ 1,260 characters a document
BODY_SIGMA = 0.65
BODY_MIN_CHARS, BODY_MAX_CHARS = 120, 20_000

# (issuer, agency code, weight): the seed's bodies first, then made-up bodies of the district.
ISSUERS = [
    ("重庆市綦江区人民政府", "綦江府发", 10),
    ("重庆市綦江区人民政府办公室", "綦江府办发", 14),
    ("重庆市綦江区普法工作办公室", "綦普法办", 2),
    ("重庆市綦江区应急管理局", "綦应急发", 4),
    ("重庆市綦江区财政局", "綦财发", 4),
    ("重庆市綦江区教育委员会", "綦教委发", 5),
    ("重庆市綦江区人力资源和社会保障局", "綦人社发", 5),
    ("重庆市綦江区民政局", "綦民政发", 3),
    ("重庆市綦江区生态环境局", "綦环发", 3),
    ("重庆市綦江区住房和城乡建设委员会", "綦住建发", 3),
    ("重庆市綦江区农业农村委员会", "綦农委发", 3),
    ("重庆市綦江区卫生健康委员会", "綦卫健发", 3),
    ("重庆市綦江区交通局", "綦交发", 2),
    ("重庆市綦江区市场监督管理局", "綦市监发", 2),
    ("重庆市綦江区科学技术局", "綦科发", 2),
    ("重庆市綦江区文化和旅游发展委员会", "綦文旅发", 2),
    ("重庆市綦江区发展和改革委员会", "綦发改发", 3),
    ("重庆市綦江区规划和自然资源局", "綦规资发", 2),
    ("重庆市綦江区医疗保障局", "綦医保发", 1),
    ("重庆市綦江区古南街道办事处", "古南街道发", 1),
    ("重庆市綦江区文龙街道办事处", "文龙街道发", 1),
]
ISSUER_NAMES = [name for name, _, _ in ISSUERS]
JOINT_PROBABILITY = 0.08
# Main document types (文种) and their weights; a 通知 may transmit one of TRANSMITTED.
MAIN_TYPES = [("通知", 50), ("决定", 8), ("意见", 8), ("通报", 6), ("批复", 6), ("函", 6), ("报告", 4),
              ("公告", 4), ("通告", 3), ("请示", 2), ("纪要", 2), ("命令", 1)]
TRANSMITTED = ["方案", "办法", "政策", "规则"]
TRANSMIT_PROBABILITY = 0.4
SECTIONS = ["重庆市綦江区人民政府文件", "重庆市綦江区人民政府办公室文件", "重庆市綦江区人民政府部门文件", "规范性文件"]
SPECIAL_SECTION_PROBABILITY = 0.1
ATTACHMENT_PROBABILITY = 0.15

_TOPIC_RE = re.compile(r"关于(.+)的(?:通知|决定)$")
_TYPE_SUFFIX_RE = re.compile(r"(实施方案|方案|办法|政策|规则)$")


@dataclass(frozen=True)
class SynthNode:
    number: str
    title: str
    text: str


@dataclass
class SynthPart:
    kind: str  # main | transmitted
    title: str
    doc_type: str
    nodes: list[SynthNode] = field(default_factory=list)


@dataclass
class SynthAttachment:
    number: int
    title: str
    paragraphs: list[str]


@dataclass
class SynthDocument:
    index: int
    number: str
    agency_code: str
    year: int
    serial: int
    issue_number: int  # of the year
    issuers: list[str]
    title: str
    doc_type: str
    section: str
    signed_on: dt.date
    parts: list[SynthPart]
    attachments: list[SynthAttachment]

    def body_text(self) -> str:
        """The body as the product's search.sources.document_text builds it from the saved rows (checked after loading)."""
        lines: list[str] = []
        for part in self.parts:
            if part.kind == "transmitted":
                lines.append(part.title)
            for node in part.nodes:
                lines.extend(x for x in (f"{node.number}{node.title}", node.text) if x)
        for att in self.attachments:
            lines.append(f"附件{att.number} {att.title}".strip())
            lines.extend(att.paragraphs)
        return "\n".join(lines)

    def title_text(self) -> str:
        """What the product segments as the entry's title: title, number, issuers."""
        return "\n".join([self.title, self.number, "、".join(self.issuers)])

    def chars(self) -> int:
        return len(self.title_text()) + len(self.body_text())


@dataclass(frozen=True)
class _Seed:
    runs: tuple[tuple[SynthNode, ...], ...]  # the body nodes of each part of each seed document
    topics: tuple[str, ...]
    attachment_paragraphs: tuple[str, ...]


@cache
def _seed(path: Path = SEED_PATH) -> _Seed:
    result = parse_file(path)
    runs, topics, att = [], [], []
    for doc in result.documents:
        m = _TOPIC_RE.search(doc.title)
        if m:
            topics.append(re.sub(r"^印发", "", m[1]).strip("《》"))
        for part in doc.parts:
            nodes = tuple(SynthNode(n.number, n.title, n.text) for root in part.body for n in root.walk()
                          if n.title or n.text)
            if nodes:
                runs.append(nodes)
            if part.kind == "transmitted":
                topics.append(_TYPE_SUFFIX_RE.sub("", part.title))
            for root in part.body:
                for n in root.walk():
                    if 4 <= len(n.title) <= 24 and "：" not in n.title:
                        topics.append(n.title)
        for a in doc.attachments:
            att.extend(p for p in a.paragraphs if p)
    return _Seed(tuple(runs), tuple(dict.fromkeys(topics)), tuple(att))


def _weighted(rng: random.Random, pairs: list[tuple]) -> tuple:
    return rng.choices(pairs, weights=[p[-1] for p in pairs])[0]


def _body(rng: random.Random, runs: tuple[tuple[SynthNode, ...], ...], target: int) -> list[SynthNode]:
    nodes: list[SynthNode] = []
    length = 0
    while length < target:
        run = rng.choice(runs)
        start = rng.randrange(len(run))
        for node in run[start:start + rng.randint(1, 6)]:
            nodes.append(node)
            length += len(node.number) + len(node.title) + len(node.text) + 2
    return nodes


def make_document(index: int, serials: dict[tuple[str, int], int], *, seed: int = DEFAULT_SEED) -> SynthDocument:
    s = _seed()
    rng = random.Random(f"{seed}:{index}")
    issuer, code, _ = _weighted(rng, ISSUERS)
    issuers = [issuer]
    if rng.random() < JOINT_PROBABILITY:
        other = _weighted(rng, ISSUERS)[0]
        if other != issuer:
            issuers.append(other)
    year = rng.choices(list(YEARS), weights=[6 + k for k in range(len(YEARS))])[0]
    issue_number = rng.randint(1, ISSUES_PER_YEAR)
    issue_date = issue_date_of(year, issue_number)
    signed_on = issue_date - dt.timedelta(days=rng.randint(3, 40))
    serials[(code, year)] = serial = serials.get((code, year), 0) + 1
    number = str(parse_number(f"{code}〔{year}〕{serial}号"))

    doc_type = _weighted(rng, MAIN_TYPES)[0]
    topic = rng.choice(s.topics)
    target = min(BODY_MAX_CHARS, max(BODY_MIN_CHARS, int(rng.lognormvariate(math.log(BODY_MEDIAN_CHARS), BODY_SIGMA))))
    parts = []
    issuer_label = " ".join(issuers)  # joint documents print both names, as the seed does
    if doc_type == "通知" and rng.random() < TRANSMIT_PROBABILITY:
        kind = rng.choice(TRANSMITTED)
        sub_title = f"{topic}{'实施' if kind == '方案' and rng.random() < 0.5 else ''}{kind}"
        title = f"{issuer_label}关于印发{sub_title}的通知"
        opening = _body(rng, s.runs, min(target // 5, 200))
        parts = [SynthPart("main", title, "通知", opening),
                 SynthPart("transmitted", sub_title, kind, _body(rng, s.runs, target - target // 5))]
    else:
        title = f"{issuer_label}关于{topic}的{doc_type}"
        parts = [SynthPart("main", title, doc_type, _body(rng, s.runs, target))]
    attachments = []
    if rng.random() < ATTACHMENT_PROBABILITY and s.attachment_paragraphs:
        k = rng.randint(2, min(10, len(s.attachment_paragraphs)))
        attachments.append(SynthAttachment(1, f"{rng.choice(s.topics)}名单",
                                           rng.sample(s.attachment_paragraphs, k)))
    if rng.random() < SPECIAL_SECTION_PROBABILITY:
        section = SECTIONS[3]
    elif issuer.endswith("人民政府"):
        section = SECTIONS[0]
    elif issuer.endswith("人民政府办公室"):
        section = SECTIONS[1]
    else:
        section = SECTIONS[2]
    return SynthDocument(index, number, code, year, serial, issue_number, issuers, title[:300], doc_type,
                         section, signed_on, parts, attachments)


def issue_date_of(year: int, number: int) -> dt.date:
    """Issues come out twice a month: number 1 on 1 January, 2 on 16 January, …"""
    return dt.date(year, (number + 1) // 2, 1 if number % 2 else 16)


def make_documents(n: int, *, seed: int = DEFAULT_SEED) -> list[SynthDocument]:
    serials: dict[tuple[str, int], int] = {}
    return [make_document(i, serials, seed=seed) for i in range(n)]


# --- queries -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchQuery:
    text: str
    filters: dict  # issuer / year / type / section → value (strings, as a query string gives them)
    kind: str  # how it was made, for the report: words-1 … words-4, mixed, fixed


def _words_of(text: str) -> list[str]:
    from zhengwu.gazette.search.segment import tokens
    return [w for w, _, _ in tokens(text)]


@cache
def _query_words(word: str) -> tuple[str, ...]:
    from zhengwu.gazette.search.segment import query_terms
    return tuple(query_terms(word))


# Function words nobody types into a search box; left out of the drawn queries (the product has no stop list).
_STOP = ("的 了 和 与 及 或 或者 对 将 并 由 于 为 在 是 等 以 其 之 按 把 被 从 向 到 也 都 而 且 但 如 "
         "你们 我们 他们 各 个 日 月 年 号 上 下 中 有 不 可 应 要 这 该 此 所 即 已 后 前 时")
STOP_WORDS = frozenset(_STOP.split())


def _usable(word: str) -> bool:
    """A word the query segmentation keeps as one term (so a query of k words has k terms)."""
    return not word.isdigit() and word not in STOP_WORDS and _query_words(word) == (word,)


FIXED_QUERIES = ["就业", "奖励", "PPP项目", "安全生产", "垃圾分类", "科技创新 补助", "长江保护法", "5G", "举报 奖励",
                 "LED"]


def make_queries(documents: list[SynthDocument], n: int, *, seed: int = DEFAULT_SEED) -> list[BenchQuery]:
    """n queries: a fixed handful (就业, 奖励, PPP项目 …), mixed ASCII/Chinese words of the seed (PPP项目, 5G基站),
    then 1–4 words taken from one node of a random document, so each query (without its filter) matches at
    least that document. A quarter get a filter: year (most), issuer, type or section."""
    rng = random.Random(f"{seed}:queries")
    seed_text = SEED_PATH.read_text(encoding="utf-8")
    words = _words_of(seed_text)
    mixed = []
    for a, b in zip(words, words[1:], strict=False):
        if (a.isascii() and a.isalnum() and not a.isdigit() and len(a) >= 2 and not b.isascii() and len(b) >= 2
                and a not in ("xx", "xxxx", "qq", "com", "http", "www") and _usable(b)):
            mixed.append(a.upper() + b)
    mixed = list(dict.fromkeys(mixed))
    queries: list[BenchQuery] = []
    texts = list(FIXED_QUERIES)
    kinds = ["fixed"] * len(texts)
    for m in mixed[:max(0, min(len(mixed), n // 20))]:
        texts.append(m)
        kinds.append("mixed")
    while len(texts) < n:
        doc = rng.choice(documents)
        nodes = [node for part in doc.parts for node in part.nodes if len(node.text) >= 20]
        if not nodes:
            continue
        node = rng.choice(nodes)
        candidates = [w for w in dict.fromkeys(_words_of(node.text)) if _usable(w)]
        k = rng.choices([1, 2, 3, 4], weights=[40, 30, 20, 10])[0]
        if len(candidates) < k:
            continue
        if k == 1 and rng.random() < 0.15:  # some one-character words (税, 房, 水 …)
            singles = [w for w in candidates if len(w) == 1]
            if singles:
                texts.append(rng.choice(singles))
                kinds.append("words-1")
                continue
        chosen = rng.sample(candidates, k)
        texts.append(" ".join(chosen))
        kinds.append(f"words-{k}")
    for text, kind in zip(texts[:n], kinds[:n], strict=True):
        filters: dict = {}
        if rng.random() < 0.25:
            roll = rng.random()
            if roll < 0.55:
                filters["year"] = str(rng.choice(list(YEARS)))
            elif roll < 0.8:
                filters["issuer"] = _weighted(rng, ISSUERS)[0]
            elif roll < 0.92:
                filters["type"] = rng.choice(["通知", "决定", "意见", "方案", "办法"])
            else:
                filters["section"] = rng.choice(SECTIONS)
        queries.append(BenchQuery(text, filters, kind))
    return queries


def main() -> None:
    parser = argparse.ArgumentParser(description="Print a few synthetic documents and queries.")
    parser.add_argument("--docs", type=int, default=5)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    docs = make_documents(args.docs, seed=args.seed)
    for d in docs[:10]:
        print(f"#{d.index} {d.number} {d.year}-{d.issue_number:02d} {d.section} {'、'.join(d.issuers)} "
              f"[{d.doc_type}] {d.chars():,} chars")
        print(f"   {d.title}")
        print("   " + d.body_text()[:120].replace("\n", " ") + "…")
    print(f"{len(docs):,} documents, {sum(d.chars() for d in docs):,} characters")
    for q in make_queries(docs, args.queries, seed=args.seed):
        print(f"{q.kind:8} {q.text!r} {q.filters or ''}")


if __name__ == "__main__":
    main()
