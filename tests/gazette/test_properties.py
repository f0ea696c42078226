"""Property-based tests: the seed issue damaged at random, as PDF extraction and hand edits damage it.

(a) parsing never crashes: it returns a result whose line numbers point into the text and whose document
    numbers are canonical, or raises ParseError;
(b) importing is all or nothing: either the whole parsed file is in the database, or a DomainError is
    raised and the database is exactly as before.
"""
import json
import re
from collections import Counter

from django.db.models import CharField, Max
from django.db.models.functions import Length
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from tests.conftest import SEED
from zhengwu.core.errors import DomainError
from zhengwu.gazette import models as m
from zhengwu.gazette.importer import import_bytes
from zhengwu.gazette.parsing import ParseError, parse_bytes, parse_text

SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()
CANONICAL_NUMBER_RE = re.compile(r"^\S+〔\d{4}〕\d{1,5}号$")
PINYIN_HEADERS = [
    "ChongQingShiQiJiangQuRenMinZhengFuWenJian",
    "ChongQingShiQiJiangQuRenMinZhengFuBuMenWenJian",
    "ChongQingShiQiJiangQuRenMinZhengFuBanGongShiWenJian",
]
BRACKET_SWAP = str.maketrans({"〔": "[", "〕": "]", "[": "〔", "]": "〕", "（": "(", "）": ")", "(": "（", ")": "）"})
GAZETTE_MODELS = [m.Issue, m.BoardMember, m.Section, m.Item, m.Document, m.Part, m.Node, m.Attachment,
                  m.Citation, m.ImportRun]

# --- damage ------------------------------------------------------------------------------------------
# A damage is a list of operations applied in turn to the seed's lines. Positions are taken modulo the
# current number of lines, so every drawn list applies and shrinks towards the top of the file.

position = st.integers(min_value=0, max_value=2 * len(SEED_LINES))
operation = st.one_of(
    st.tuples(st.just("delete"), position),
    st.tuples(st.just("delete_range"), position, st.integers(min_value=2, max_value=40)),  # a lost page
    st.tuples(st.just("brackets"), position),
    st.tuples(st.just("blank"), position),
    st.tuples(st.just("pinyin"), position, st.integers(min_value=0, max_value=len(PINYIN_HEADERS) - 1)),
    st.tuples(st.just("bullet"), position),
    st.tuples(st.just("bold"), position, st.integers(min_value=0, max_value=200)),
    st.tuples(st.just("truncate"), position),
    st.tuples(st.just("duplicate"), position),
)
damages = st.lists(operation, min_size=1, max_size=8)


def apply(ops: list[tuple], lines: list[str] = SEED_LINES) -> str:
    lines = list(lines)
    for kind, at, *extra in ops:
        if not lines:
            break
        i = at % len(lines)
        if kind == "delete":
            del lines[i]
        elif kind == "delete_range":
            del lines[i:i + extra[0]]
        elif kind == "delete_lines":  # 1-based line numbers of the current text, for @example
            for no in sorted(extra[0], reverse=True):
                del lines[no - 1]
        elif kind == "brackets":
            lines[i] = lines[i].translate(BRACKET_SWAP)
        elif kind == "blank":
            lines.insert(at % (len(lines) + 1), "")
        elif kind == "pinyin":
            lines.insert(at % (len(lines) + 1), PINYIN_HEADERS[extra[0]])
        elif kind == "bullet":
            lines[i] = "- " + lines[i]
        elif kind == "bold":
            cut = extra[0] % (len(lines[i]) + 1)
            lines[i] = lines[i][:cut] + "**" + lines[i][cut:]
        elif kind == "truncate":
            lines = lines[:i]
        elif kind == "duplicate":
            lines.insert(i + 1, lines[i])
        else:
            raise AssertionError(kind)
    return "\n".join(lines) + ("\n" if lines else "")


# Notable damages, as 1-based seed line numbers.
TOC_ENTRY_LINES = [33, 37, 38, 42, 43, 44, 45, 46, 79, 80, 84, 85, 86, 87]
ALL_TOC_DELETED = [("delete_lines", 0, TOC_ENTRY_LINES + [29])]  # the entries and the 目录 heading
MASTHEAD_DELETED = [("delete_lines", 0, [23])]  # 重庆市綦江区人民政府公报: the file reads as nine lone documents
ISSUE_LINE_DELETED = [("delete_lines", 0, [25])]  # 2021年第6期(总第112期)
ALL_BRACKETS_SWAPPED = [("brackets", no - 1) for no in (103, 128, 190, 316, 433, 557, 767, 859, 929)]
NEWS_HEADING_DELETED = [("delete_lines", 0, [1033])]
# PRODUCT BUG 1 (found by hypothesis): a line holding only a bold mark "**" (here seed line 339, one of three
# blank lines in the 24号 roster) is non-blank when lines.clean_lines checks it but empty once _repair strips
# the mark, and is kept as an empty Line; body._continues then indexes it → IndexError, not a ParseError.
EMPTY_AFTER_BOLD = [("bold", 338, 0)]  # IndexError in body._continues: line.text[0]
EMPTY_AFTER_BOLD_PREV = [("bold", 337, 0)]  # IndexError in body._continues: prev.text[-1]
# PRODUCT BUG 2: with the 抄送 line and the printing agency line of 26号 gone (seed lines 851, 853), the last
# body paragraph (162 characters) is taken as 印发机关 (document._tail) and written unchecked into
# Document.printed_by (max_length 100): PostgreSQL raises DataError (not a DomainError); SQLite stores it.
CC_AND_PRINTER_DELETED = [("delete_lines", 0, [851, 853])]


# --- (a) parsing never crashes -----------------------------------------------------------------------


def check_result(text: str, result) -> None:
    n = len(text.splitlines())
    for problem in result.problems:
        assert 1 <= problem.line <= n, problem
        assert problem.severity in ("error", "warning"), problem
    for repair in result.repairs:
        assert 1 <= repair.line <= n, repair
    for document in result.documents:
        assert document.number is None or CANONICAL_NUMBER_RE.match(document.number), document.number
        assert 1 <= document.line <= document.end_line <= n, (document.line, document.end_line)
        for citation in document.citations:
            assert citation.number is None or CANONICAL_NUMBER_RE.match(citation.number), citation.number
    json.dumps(result.as_json(), ensure_ascii=False)  # what `zhengwu parse --json` prints


def parse_or_parse_error(text: str):
    try:
        result = parse_text(text)
    except ParseError as exc:
        assert exc.line is None or 1 <= exc.line <= max(len(text.splitlines()), 1), exc.line
        return None
    check_result(text, result)
    return result


@settings(max_examples=150, deadline=None)
@example(ALL_TOC_DELETED)
@example(MASTHEAD_DELETED)
@example(ISSUE_LINE_DELETED)
@example(ALL_BRACKETS_SWAPPED)
@example(NEWS_HEADING_DELETED)
@example(EMPTY_AFTER_BOLD)
@example(EMPTY_AFTER_BOLD_PREV)
@given(damages)
def test_damaged_seed_parses_or_raises_parse_error(ops):
    parse_or_parse_error(apply(ops))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_random_text_parses_or_raises_parse_error(text):
    parse_or_parse_error(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(SEED_LINES[120:190] + ["", "附件", "附件 1", "抄送：", "2021年2月30日"]),
                max_size=40))
def test_shuffled_seed_lines_parse_or_raise_parse_error(lines):
    """Real gazette lines in random order: the parser's structural assumptions under stress."""
    parse_or_parse_error("\n".join(lines))


def test_notable_damages_parse_as_expected():
    masthead_gone = parse_text(apply(MASTHEAD_DELETED))
    assert masthead_gone.issue is None
    assert len(masthead_gone.documents) == 9
    assert masthead_gone.errors == []
    toc_gone = parse_text(apply(ALL_TOC_DELETED))
    assert toc_gone.issue is not None and toc_gone.issue.toc == []
    assert {p.code for p in toc_gone.errors} == {"item_not_in_toc"}


# --- (b) importing is all or nothing -------------------------------------------------------------------


def db_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in GAZETTE_MODELS}


def overlong_values() -> list[tuple[str, str, int, int]]:
    """Stored strings longer than their column allows: PostgreSQL refuses them, SQLite keeps them silently."""
    found = []
    for model in GAZETTE_MODELS:
        fields = [f for f in model._meta.concrete_fields if isinstance(f, CharField) and f.max_length]
        longest = model.objects.aggregate(**{f.name: Max(Length(f.name)) for f in fields})
        found += [(model.__name__, f.name, longest[f.name], f.max_length) for f in fields
                  if (longest[f.name] or 0) > f.max_length]
    return found


class DamagedImportTests(HypothesisTestCase):
    """Each example runs in its own transaction, rolled back afterwards, so every import starts empty."""

    def assert_all_or_nothing(self, data: bytes) -> None:
        before = db_counts()
        try:
            result = parse_bytes(data)
        except ParseError:
            result = None
        try:
            outcome = import_bytes(data, source="damaged.txt")
        except DomainError:
            self.assertEqual(db_counts(), before)
            self.assertTrue(result is None or result.errors, "refused a file without error-level problems")
            return
        self.assertIsNotNone(result, "import_bytes succeeded where parse_bytes raised")
        self.assertEqual(result.errors, [], "an import with error-level problems was not refused")
        self.assertEqual(overlong_values(), [], "import wrote values that do not fit their columns")
        after = db_counts()
        self.assertEqual(after["ImportRun"], before["ImportRun"] + 1)
        self.assertEqual(after["Document"], len(result.documents))
        self.assertEqual([d.number for d in outcome.documents], [d.number for d in result.documents])
        parts = sum(len(d.parts) for d in result.documents)
        nodes = sum(1 for d in result.documents for p in d.parts for root in p.body for _ in root.walk())
        self.assertEqual(after["Part"], parts)
        self.assertEqual(after["Node"], nodes)
        self.assertEqual(after["Attachment"], sum(len(d.attachments) for d in result.documents))
        self.assertEqual(after["Citation"], sum(len(d.citations) for d in result.documents))
        if result.issue is None:
            self.assertEqual((after["Issue"], after["Item"], after["Section"]), (0, 0, 0))
            self.assertIsNone(outcome.issue)
            return
        issue = m.Issue.objects.get()
        self.assertEqual((issue.year, issue.number), (result.issue.year, result.issue.number))
        items = (1 if result.issue.editorial else 0) + len(result.documents) + len(result.news)
        self.assertEqual(issue.items.count(), items)
        self.assertEqual(after["Item"], items)
        self.assertEqual(issue.items.filter(kind="document").count(), len(result.documents))
        self.assertEqual(m.Document.objects.filter(item__issue=issue).count(), len(result.documents))
        self.assertEqual(list(issue.sections.order_by("order").values_list("name", flat=True)),
                         result.issue.sections)
        self.assertEqual(issue.board.count(), len(result.issue.board))

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @example(ALL_TOC_DELETED)
    @example(MASTHEAD_DELETED)
    @example(ISSUE_LINE_DELETED)
    @example(ALL_BRACKETS_SWAPPED)
    @example(EMPTY_AFTER_BOLD)
    @example(CC_AND_PRINTER_DELETED)
    @given(damages)
    def test_damaged_import_is_all_or_nothing(self, ops):
        self.assert_all_or_nothing(apply(ops).encode("utf-8"))

    def test_undamaged_seed_imports_whole(self):
        self.assert_all_or_nothing(SEED.read_bytes())
        self.assertEqual(m.Issue.objects.count(), 1)
        self.assertEqual(m.Document.objects.count(), 9)


# --- (b') re-importing a damaged issue over the imported seed is all or nothing too -----------------------

PER_DOCUMENT = [(m.Part, "document__number"), (m.Node, "part__document__number"),
                (m.Attachment, "document__number"), (m.Citation, "document__number")]


def parsed_counts(document) -> dict[str, int]:
    return {"Part": len(document.parts), "Attachment": len(document.attachments),
            "Citation": len(document.citations),
            "Node": sum(1 for p in document.parts for root in p.body for _ in root.walk())}


def db_state() -> dict:
    """Everything a failed re-import must leave exactly as it was."""
    return {
        "counts": db_counts(),
        "per_document": {model.__name__: Counter(model.objects.values_list(path, flat=True))
                         for model, path in PER_DOCUMENT},
        "documents": sorted(m.Document.objects.values_list("pk", "number", "title", "item_id", "printed_by")),
        "items": sorted(m.Item.objects.values_list("pk", "issue_id", "kind", "order", "title", "page")),
        "issues": sorted(m.Issue.objects.values_list("pk", "year", "number", "cumulative_number")),
        "board": sorted(m.BoardMember.objects.values_list("pk", "role", "name")),
    }


class DamagedReimportTests(HypothesisTestCase):
    """The seed is imported once for the class; each example re-imports a damaged copy and is rolled back."""

    @classmethod
    def setUpTestData(cls):
        import_bytes(SEED.read_bytes(), source="seed.txt")

    @settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @example(ALL_TOC_DELETED)
    @example(MASTHEAD_DELETED)
    @example(EMPTY_AFTER_BOLD)
    @example(CC_AND_PRINTER_DELETED)
    @given(damages)
    def test_damaged_reimport_is_all_or_nothing(self, ops):
        data = apply(ops).encode("utf-8")
        before = db_state()
        self.assertEqual(before["counts"]["Document"], 9)
        try:
            result = parse_bytes(data)
        except ParseError:
            result = None
        try:
            import_bytes(data, source="damaged.txt")
        except DomainError:
            self.assertEqual(db_state(), before)
            return
        self.assertEqual(result.errors, [])
        self.assertEqual(overlong_values(), [])
        after = db_state()
        self.assertEqual(after["counts"]["ImportRun"], before["counts"]["ImportRun"] + 1)
        numbers = {d.number for d in result.documents}
        seed_numbers = {n for _, n, *_ in before["documents"]}
        # Documents are matched by number: updated in place, new numbers added, none removed.
        self.assertEqual(after["counts"]["Document"], len(seed_numbers | numbers))
        kept = {pk for pk, n, *_ in before["documents"] if n in numbers}
        self.assertTrue(kept <= {pk for pk, *_ in after["documents"]})
        # A re-imported document's parts, nodes, attachments and citations are replaced; the others' kept.
        for model, _ in PER_DOCUMENT:
            name = model.__name__
            expected = {n: c for n, c in before["per_document"][name].items() if n not in numbers}
            expected.update({d.number: parsed_counts(d)[name] for d in result.documents})
            self.assertEqual(after["per_document"][name], Counter({n: c for n, c in expected.items() if c}), name)
        if result.issue is None:
            self.assertEqual(after["items"], before["items"])
            self.assertEqual(after["issues"], before["issues"])
            return
        issue = m.Issue.objects.get(year=result.issue.year, number=result.issue.number)
        items = (1 if result.issue.editorial else 0) + len(result.documents) + len(result.news)
        self.assertEqual(issue.items.count(), items)
        self.assertEqual(sorted(m.Document.objects.filter(item__issue=issue).values_list("number", flat=True)),
                         sorted(numbers))
        self.assertEqual(issue.board.count(), len(result.issue.board))
