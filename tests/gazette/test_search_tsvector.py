"""PostgreSQL's tsvector written by Python in the server's binary form (search/tsvector.py): the same vector
the server's parser made from the terms (so ranking did not change), lexemes of any characters, PostgreSQL's
limits.

The vectors are read back here (`as_text`, the server's text form); the tests that store them on the server
run on PostgreSQL only.
"""
import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengwu.gazette.search.segment import index_terms, term_list
from zhengwu.gazette.search.sources import document_sources, item_sources
from zhengwu.gazette.search.tsvector import (
    MAX_POSITION,
    MAX_POSITIONS,
    BinaryVector,
    quoted,
    term_vector,
    tsquery_literal,
    tsvectors,
)

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="stores vectors on PostgreSQL")


def as_text(vector: bytes) -> str:
    """A binary vector in tsvector's text form (tsvector_out), read field by field; nothing may be left."""
    count, at, lexemes = int.from_bytes(vector[:4], "big"), 4, []
    for _ in range(count):
        end = vector.index(0, at)
        lexeme, at = vector[at:end].decode("utf-8"), end + 1
        positions = int.from_bytes(vector[at:at + 2], "big")
        at += 2
        labels = []
        for _ in range(positions):
            value = int.from_bytes(vector[at:at + 2], "big")
            at += 2
            labels.append(f"{value & MAX_POSITION}{'A' if value >> 14 == 3 else ''}")
        lexemes.append(f"{quoted(lexeme)}:{','.join(labels)}")
    assert at == len(vector)
    return " ".join(lexemes)


def reference(title: list[str], body: list[str]) -> list[str]:
    """The vector's lexemes worked out one term at a time, as the server's parser would: long terms
    skipped, positions clamped with repeats dropped, 256 a lexeme at most."""
    positions: dict[str, list[str]] = {}
    seen: dict[str, set[int]] = {}
    counted = 0
    for terms, weight in ((title, "A"), (body, "")):
        for term in terms:
            if not term or len(term.encode("utf-8")) > 2047:
                continue
            counted += 1
            at = min(counted, MAX_POSITION)
            taken = seen.setdefault(term, set())
            if at not in taken and len(taken) < MAX_POSITIONS:
                taken.add(at)
                positions.setdefault(term, []).append(f"{at}{weight}")
    return sorted(f"{quoted(term)}:{','.join(where)}" for term, where in positions.items())


def test_title_terms_are_weighted_a_and_body_terms_follow_the_title():
    assert as_text(term_vector(["就业", "奖励"], ["就业", "补贴"])) == "'奖励':2A '就业':1A,3 '补贴':4"


def test_lexemes_are_in_the_servers_byte_order_and_quotes_read_back():
    assert as_text(term_vector([], ["o'neil", "a\\b", "中", "z"])) == "'a\\\\b':2 'o''neil':1 'z':4 '中':3"
    assert tsquery_literal(["o'neil", "就业", "就业"]) == "'o''neil' & '就业'"


def test_positions_stop_at_the_last_and_a_lexeme_keeps_at_most_256():
    body = ["的"] * (MAX_POSITION + 50) + ["尾"]
    lexemes = dict(lexeme.split(":") for lexeme in as_text(term_vector([], body)).split(" "))
    assert lexemes["'的'"].split(",") == [str(p) for p in range(1, MAX_POSITIONS + 1)]
    assert lexemes["'尾'"] == str(MAX_POSITION)


def test_a_word_too_long_for_postgresql_is_left_out_without_a_position():
    assert as_text(term_vector(["长" * 700], ["长" * 700, "短"])) == "'短':1"  # 2,100 bytes


def test_no_terms_is_the_empty_vector():
    assert as_text(term_vector([], [])) == ""
    assert tsvectors([("", "")]) == [(b"\0\0\0\0", 0)]


def test_texts_give_the_terms_segmentation_gives_and_count_them():
    (vector, count), = tsvectors([("区民政局通知", "各镇人民政府：就业补贴")])
    title, body = term_list("区民政局通知"), term_list("各镇人民政府：就业补贴")
    assert count == len(title) + len(body)
    assert as_text(vector).split(" ") == reference(title, body)


TERM = st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=0, max_size=6)


@given(st.lists(TERM, max_size=6), st.lists(TERM, max_size=300))
def test_the_vector_holds_what_a_term_by_term_reading_holds(title, body):
    text = as_text(term_vector(title, body))
    assert (text.split(" ") if text else []) == reference(title, body)


@settings(max_examples=10, deadline=None)
@given(st.lists(st.sampled_from(["的", "就业", "长" * 700, "尾"]), min_size=1, max_size=40),
       st.integers(MAX_POSITION - 5, MAX_POSITION + 400))
def test_long_entries_past_the_limits_too(pattern, length):
    body = (pattern * (length // len(pattern) + 1))[:length]
    text = as_text(term_vector(["就业"], body))
    assert (text.split(" ") if text else []) == reference(["就业"], body)


def _stored(cursor, vector: bytes) -> str:
    """The vector through a binary COPY into a temporary table, read back as the server prints it."""
    cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS vectors (v tsvector)")
    cursor.execute("TRUNCATE vectors")
    raw = cursor.cursor
    raw.adapters.register_dumper(None, BinaryVector)
    with raw.copy("COPY vectors (v) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(["tsvector"])
        copy.write_row((vector,))
    cursor.execute("SELECT v::text FROM vectors")
    return cursor.fetchone()[0]


@on_postgres
@pytest.mark.django_db
def test_the_seed_vectors_equal_what_the_server_parser_made_of_the_terms(imported_seed):
    """Every entry of the seed: the written vector equals setweight(to_tsvector(title), 'A') ||
    setweight(to_tsvector(body), 'D') of the same terms — what the generated column held."""
    sources = [*document_sources(), *item_sources()]
    assert sum(s.kind == "document" for s in sources) >= 9 and any(s.kind != "document" for s in sources)
    differ = []
    with connection.cursor() as cursor:
        for source in sources:
            column, pk = ("document_id", source.document_id) if source.document_id else ("item_id", source.item_id)
            cursor.execute(
                "SELECT search_vector = setweight(to_tsvector('simple', %s), 'A') "
                f"|| setweight(to_tsvector('simple', %s), 'D') FROM gazette_searchentry WHERE {column} = %s",
                [index_terms(source.heading), index_terms(source.text), pk])
            if not cursor.fetchone()[0]:
                differ.append((column, pk))
    assert differ == []


@on_postgres
@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=12),
                min_size=1, max_size=8))
def test_any_terms_store_read_back_and_each_finds_its_vector(terms):
    with connection.cursor() as cursor:
        stored = _stored(cursor, term_vector(terms[:1], terms[1:]))
        assert stored == as_text(term_vector(terms[:1], terms[1:]))
        cursor.execute("SELECT %s::tsvector @@ %s::tsquery, array_length(tsvector_to_array(%s::tsvector), 1)",
                       [stored, tsquery_literal(terms), stored])
        matches, lexemes = cursor.fetchone()
    assert matches
    assert lexemes == len(set(terms))
