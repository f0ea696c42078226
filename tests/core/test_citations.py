"""Citations (core.citations) and every rules pack's cites: canonically spelt, and findable in the code.

The rules of the canonical spelling are in zhengwu/core/citations.py. The pack test loads every pack of every
programme and, for each value's and clause's `cite`, checks (a) it is canonical and (b) the code that applies
it says so in its docstring — so grepping a citation finds its code. The code is found by name: every call
that asks a rulebook for a value or clause (`.version("…")`, `.value("…")`, `.clause("…")`, `whole("…")`, an
f-string such as `f"六.{scale}.rate"` standing for the names it can build) is a site; a name is looked up
among the exact sites first, then the f-string sites, then the sites whose name is computed (a variable). The
docstring of the site's function, class or module (any of them) must contain the cite: either whole, or —
when it starts with the document's number — the article part after it, with the number itself in one of
those docstrings (綦应急发〔2021〕41号 in the module, 第五条（一） in the function).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhengwu.core.citations import canonical_cite, cite, is_canonical
from zhengwu.core.errors import DomainError
from zhengwu.core.parameters import load_rulebook

ROOT = Path(__file__).resolve().parents[2] / "zhengwu"
PROGRAMMES = ("reports", "subsidies", "waste", "supervision", "awards")


# ---- the canonical spelling ---------------------------------------------------------------------------

@pytest.mark.parametrize(("printed", "canonical"), [
    ("綦应急发〔2021〕41号 第五条(一)", "綦应急发〔2021〕41号第五条（一）"),
    ("綦应急发〔2021〕41号第五条（一）", "綦应急发〔2021〕41号第五条（一）"),
    ("綦江府办发〔2021〕23号 四、(二)", "綦江府办发〔2021〕23号四（二）"),
    ("綦江府办发〔2021〕24号 二、（七）1.", "綦江府办发〔2021〕24号二（七）1"),
    ("綦江府办发[2021]026号 (十三)", "綦江府办发〔2021〕26号（十三）"),
    ("綦江府办发〔２０２１〕２６号　（六）", "綦江府办发〔2021〕26号（六）"),
    ("国务院令第493号 第三条 第三款", "国务院令第493号第三条第三款"),
    ("二、工作目标", "二、工作目标"),  # a heading and its title: no deeper level follows
    ("一、二", "一、二"),  # two headings, not two levels
    ("取舍（Decision）", "取舍（Decision）"),
    ("  SPEC  S5 ", "SPEC S5"),
    ("比例 0.15", "比例0.15"),
])
def test_canonical_spelling(printed, canonical):
    assert canonical_cite(printed) == canonical


def test_cite_builds_a_canonical_citation():
    assert cite("綦江府办发〔2021〕26号", "（六）") == "綦江府办发〔2021〕26号（六）"
    assert cite("綦应急发〔2021〕41号", "第五条", "(一)") == "綦应急发〔2021〕41号第五条（一）"
    assert cite("綦江府办发〔2021〕24号", "二、（二）5.") == "綦江府办发〔2021〕24号二（二）5"
    assert cite("", "三、（二）") == "三（二）"


NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十三", "二十三"]
NUMBERS = ["綦江府办发〔2021〕26号", "綦应急发〔2021〕41号", "綦普法办〔2021〕16号", "国务院令第493号"]


@st.composite
def canonical_cites(draw) -> str:
    """A canonical citation: a number, then an article (第N条, maybe （N） and 第N款) or a heading path."""
    number = draw(st.sampled_from(NUMBERS))
    if draw(st.booleans()):
        parts = [f"第{draw(st.sampled_from(NUMERALS))}条"]
        if draw(st.booleans()):
            parts.append(f"（{draw(st.sampled_from(NUMERALS))}）")
        if draw(st.booleans()):
            parts.append(f"第{draw(st.sampled_from(NUMERALS[:3]))}款")
    else:
        parts = [draw(st.sampled_from(NUMERALS)), f"（{draw(st.sampled_from(NUMERALS))}）"]
        if draw(st.booleans()):
            parts.append(str(draw(st.integers(1, 9))))
    return number + "".join(parts)


FULL = str.maketrans("0123456789", "０１２３４５６７８９")


@st.composite
def variants(draw) -> tuple[str, str]:
    """(canonical, a printed variant of it): half-width brackets, spaces, 、 and . after heading numbers,
    full-width digits, [ ] or ( ) around the year."""
    canonical = draw(canonical_cites())
    text = canonical
    if draw(st.booleans()):
        text = text.replace("（", "(").replace("）", ")")
    if draw(st.booleans()):
        text = re.sub(r"(?<=[一二三四五六七八九十])(?=[（(])", "、", text)
    if draw(st.booleans()) and re.search(r"\d$", text) and text[-2] in "）)":
        text += "."
    if draw(st.booleans()):
        text = text.replace("〔", "[").replace("〕", "]")
    if draw(st.booleans()):
        text = text.translate(FULL)
    spaces = draw(st.lists(st.integers(0, len(text)), max_size=4))
    for at in sorted(spaces, reverse=True):
        if 0 < at < len(text) and all(c.isdigit() or c.isascii() for c in text[at - 1:at + 1]):
            continue  # a space inside 2021 or between two Latin words is not a spelling of the same cite
        text = text[:at] + draw(st.sampled_from([" ", "  ", "\u3000"])) + text[at:]
    return canonical, text


@given(variants())
def test_every_variant_of_a_spelling_maps_to_the_same_canonical_form(pair):
    canonical, printed = pair
    assert canonical_cite(printed) == canonical


ALPHABET = st.sampled_from(list("一二三四五六十第条款项号、.．()（）〔〕[]0123456789０１２ 　abcS綦江府办发"))


@given(st.text(ALPHABET, max_size=30))
def test_the_canonical_form_is_a_fixed_point(text):
    once = canonical_cite(text)
    assert canonical_cite(once) == once and is_canonical(once)


# ---- effective is a date ----------------------------------------------------------------------------

def test_a_quoted_effective_in_a_file_is_refused_naming_the_file_and_key(tmp_path):
    (tmp_path / "pack.toml").write_text('[document]\nnumber = "某文"\ntitle = "t"\neffective = 2021-01-01\n'
                                        'cite = "某文"\ntext = "t"\n\n[[value]]\nname = "x"\nvalue = 1\n'
                                        'effective = "2021-02-01"\ncite = "某文第一条"\ntext = "t"\n',
                                        encoding="utf-8")
    with pytest.raises(DomainError) as caught:
        load_rulebook(tmp_path, ["pack.toml"])
    assert caught.value.field == "value[1].effective"
    assert "pack.toml" in str(caught.value) and "value[1].effective" in str(caught.value)
    assert "TOML 日期" in str(caught.value)


def test_a_quoted_effective_of_the_document_is_refused_too(tmp_path):
    (tmp_path / "pack.toml").write_text('[document]\nnumber = "某文"\ntitle = "t"\neffective = "2021-01-01"\n'
                                        'cite = "某文"\ntext = "t"\n', encoding="utf-8")
    with pytest.raises(DomainError) as caught:
        load_rulebook(tmp_path, ["pack.toml"])
    assert caught.value.field == "document.effective" and "pack.toml" in str(caught.value)


def test_an_extra_version_given_as_a_dict_may_still_write_its_day_as_text():
    from zhengwu.reports.rules import load_rules

    rules = load_rules({"name": "violation_cap", "value": 400000, "effective": "2022-01-01",
                        "cite": "调整公告第一条", "text": "最高奖励不超过40万元。"})
    assert str(rules.versions["violation_cap"][-1].effective) == "2022-01-01"


# ---- every pack's cites -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Site:
    """A place that asks a rulebook for a value or clause: the file, the function, and the docstrings
    (function, class, module) that may cite it; `pattern` matches the names it can ask for (None: any)."""

    where: str
    kind: str
    pattern: re.Pattern[str] | None
    exact: bool
    docstrings: tuple[str, ...]


ASKS = {"version": "value", "value": "value", "whole": "value", "fen": "value", "clause": "clause"}


def _pattern(node: ast.expr) -> tuple[re.Pattern[str] | None, bool] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.compile(re.escape(node.value)), True
    if isinstance(node, ast.JoinedStr):
        pieces = [re.escape(p.value) if isinstance(p, ast.Constant) else ".+" for p in node.values]
        return re.compile("".join(pieces)), False
    return None, False


def _sites(app: str) -> list[Site]:
    found: list[Site] = []
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            found += _file_sites(path)
    return found


def _file_sites(path: Path) -> list[Site]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_doc = ast.get_docstring(tree) or ""

    def visit(node: ast.AST, scopes: tuple[tuple[str, str, set[str]], ...]) -> None:
        for child in ast.iter_child_nodes(node):
            inner = scopes
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                parameters = {a.arg for a in child.args.args} if not isinstance(child, ast.ClassDef) else set()
                inner = (*scopes, (child.name, ast.get_docstring(child) or "", parameters))
            if isinstance(child, ast.Call) and child.args:
                func = child.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                argument = child.args[0]
                # A wrapper that passes its own parameter on (Context.version(name)) applies no rule itself.
                passed_on = isinstance(argument, ast.Name) and bool(inner) and argument.id in inner[-1][2]
                if name in ASKS and not passed_on:
                    pattern, exact = _pattern(argument)
                    where = f"{path.relative_to(ROOT.parent)}:{'.'.join(s[0] for s in inner) or '<module>'}"
                    found.append(Site(where, ASKS[name], pattern, exact, (*(s[1] for s in inner), module_doc)))
            visit(child, inner)

    visit(tree, ())
    return found


def _appliers(kind: str, name: str, sites: list[Site]) -> list[Site]:
    sites = [s for s in sites if s.kind == kind]
    for tier in (lambda s: s.exact, lambda s: s.pattern is not None and not s.exact, lambda s: s.pattern is None):
        matching = list({s.where: s for s in sites
                         if tier(s) and (s.pattern is None or s.pattern.fullmatch(name))}.values())
        if matching:
            return matching
    return []


def _cited_in(canonical: str, number: str, docstrings: tuple[str, ...]) -> bool:
    if any(canonical in doc for doc in docstrings):
        return True
    article = canonical.removeprefix(number)
    return (article != canonical and bool(article) and any(article in doc for doc in docstrings)
            and any(number in doc for doc in docstrings))


# Clauses shipped for the record that no code reads (yet): quoted in docs and pages, applied by no formula.
UNREAD = {("waste", "due.phase2"), ("waste", "due.phase3"), ("waste", "order"),
          ("awards", "procedure"), ("awards", "replacement"), ("awards", "ties")}


def _packs() -> list[tuple[str, Path]]:
    return [(app, path) for app in PROGRAMMES for path in sorted((ROOT / app / "rules").glob("*.toml"))
            if path.name != "targets_2021_24.toml"]  # what each threshold measures: no cites


def test_every_programme_has_its_rules_in_one_place_with_one_loader_api():
    import importlib

    for app in PROGRAMMES:
        rules = importlib.import_module(f"zhengwu.{app}.rules")
        for attribute in ("FOLDER", "FILES", "load_rules", "default_rules"):
            assert hasattr(rules, attribute), f"zhengwu.{app}.rules has no {attribute}"
        assert rules.default_rules() is rules.default_rules()  # cached
        assert rules.load_rules().names() == rules.default_rules().names()
        assert {Path(rules.FOLDER) / f for f in rules.FILES} <= set((ROOT / app / "rules").glob("*.toml"))


@pytest.mark.parametrize(("app", "path"), _packs(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_cite_is_canonical_and_cited_by_the_code_that_applies_it(app, path):
    book = load_rulebook(path.parent, [path.name])
    number = book.document.number
    sites = _sites(app)
    entries = [("value", v.name, v.cite) for found in book.versions.values() for v in found]
    entries += [("clause", c.code, c.cite) for c in book.clauses.values()]
    problems = []
    for kind, name, text in entries:
        if not is_canonical(text):
            problems.append(f"{path.name}: {kind} {name}: cite “{text}” is not canonical: “{canonical_cite(text)}”")
            continue
        appliers = _appliers(kind, name, sites)
        if (app, name) in UNREAD:
            if appliers:
                problems.append(f"{path.name}: {kind} {name} is read now: take it off UNREAD")
        elif not appliers:
            problems.append(f"{path.name}: {kind} {name}: no code in zhengwu/{app} asks the rulebook for it")
        elif not any(_cited_in(text, number, site.docstrings) for site in appliers):
            problems.append(f"{path.name}: {kind} {name}: “{text}” is in no docstring of "
                            f"{', '.join(site.where for site in appliers)}")
    assert not problems, "\n".join(problems)


def test_the_document_cites_are_canonical():
    for _app, path in _packs():
        assert is_canonical(load_rulebook(path.parent, [path.name]).document.cite), path.name
