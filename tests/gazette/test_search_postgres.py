"""PostgreSQL's search as the planner runs it: the match goes through the GIN index, and a rebuild leaves the
planner true statistics (each was seconds a search on the 50,000-document benchmark; PERFORMANCE.md)."""
import pytest
from django.db import connection

from zhengwu.gazette.search import backends, rebuild_index
from zhengwu.gazette.search.models import SearchEntry, SearchFacet

pytestmark = [pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
              pytest.mark.django_db]


def _plan(sql: str, params: list) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_search_matches_through_the_gin_index_even_for_a_word_in_every_entry(imported_seed):
    engine = backends.backend()
    sql, params = engine.ids_sql(["的"])
    with engine.planned():
        assert "gazette_searchentry_search_vector" in _plan(sql, params)
    with connection.cursor() as cursor:  # and only for the search: the setting is back as it was
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def test_a_rebuild_leaves_the_planner_the_tables_as_they_now_are(imported_seed):
    rebuild_index()
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relname IN (%s, %s)",
                       [SearchEntry._meta.db_table, SearchFacet._meta.db_table])
        estimated = dict(cursor.fetchall())
    assert estimated[SearchEntry._meta.db_table] == SearchEntry.objects.count()
    assert estimated[SearchFacet._meta.db_table] == SearchFacet.objects.count() > 0
