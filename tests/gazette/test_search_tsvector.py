"""PostgreSQL's tsvector written by Python (search/tsvector.py): the same vector the server's parser made from
the stored terms before (so ranking did not change), lexemes of any characters, PostgreSQL's limits.

The literal tests run everywhere; the ones that cast on the server only on PostgreSQL.
"""
import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengwu.gazette.models import Document, Item
from zhengwu.gazette.search.index import _document_entry, _item_entry
from zhengwu.gazette.search.segment import index_terms
from zhengwu.gazette.search.tsvector import (
    MAX_POSITION,
    MAX_POSITIONS,
    _careful_literal,
    tsquery_literal,
    tsvector_literal,
)

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="casts on the PostgreSQL server")


def test_title_terms_are_weighted_a_and_body_terms_follow_the_title():
    assert tsvector_literal(["就业", "奖励"], ["就业", "补贴"]) == "'奖励':2A '就业':1A,3 '补贴':4"


def test_quotes_and_backslashes_are_doubled():
    assert tsvector_literal([], ["o'neil", "a\\b"]) == "'a\\\\b':2 'o''neil':1"
    assert tsquery_literal(["o'neil", "就业", "就业"]) == "'o''neil' & '就业'"


def test_positions_stop_at_the_last_and_a_lexeme_keeps_at_most_256():
    body = ["的"] * (MAX_POSITION + 50) + ["尾"]
    literal = tsvector_literal([], body)
    first, last = literal.split(" ")
    assert len(first.split(":")[1].split(",")) == MAX_POSITIONS
    assert last == f"'尾':{MAX_POSITION}"


def test_a_word_too_long_for_postgresql_is_left_out():
    assert tsvector_literal([], ["长" * 700, "短"]) == "'短':1"  # 2,100 bytes


TERM = st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=6)


@given(st.lists(TERM, max_size=6), st.lists(TERM, max_size=300))
def test_the_quick_literal_says_what_the_careful_one_says(title, body):
    """Most entries take the sorted-and-grouped path; it must give the lexemes and positions of the loop."""
    assert sorted(tsvector_literal(title, body).split(" ")) == sorted(_careful_literal(title, body).split(" "))


@on_postgres
@pytest.mark.django_db
def test_the_seed_vectors_equal_what_the_server_parser_made_of_the_terms(imported_seed):
    """Every entry of the seed: the written vector equals setweight(to_tsvector(title), 'A') ||
    setweight(to_tsvector(body), 'D') of the same terms — what the generated column held."""
    made = [(d.pk, *_document_entry(d)[1:]) for d in Document.objects.all()]
    items = [(i.pk, *_item_entry(i)[1:]) for i in Item.objects.exclude(kind=Item.Kind.DOCUMENT)]
    assert len(made) >= 9 and items
    differ = []
    with connection.cursor() as cursor:
        for column, rows in (("document_id", made), ("item_id", items)):
            for pk, title, body in rows:
                cursor.execute(
                    "SELECT search_vector = setweight(to_tsvector('simple', %s), 'A') "
                    f"|| setweight(to_tsvector('simple', %s), 'D') FROM gazette_searchentry WHERE {column} = %s",
                    [index_terms(title), index_terms(body), pk])
                if not cursor.fetchone()[0]:
                    differ.append((column, pk))
    assert differ == []


@on_postgres
@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=12),
                min_size=1, max_size=8))
def test_any_terms_cast_and_each_finds_its_vector(terms):
    terms = [t for t in terms if "\x00" not in t]
    if not terms:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::tsvector @@ %s::tsquery, array_length(tsvector_to_array(%s::tsvector), 1)",
                       [tsvector_literal(terms[:1], terms[1:]), tsquery_literal(terms),
                        tsvector_literal([], terms)])
        matches, lexemes = cursor.fetchone()
    assert matches
    assert lexemes == len(set(terms))
