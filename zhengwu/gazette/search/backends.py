"""The two full-text backends behind one interface, chosen by the database engine (`connection.vendor`).

Both read the same pre-segmented terms (segment.index_terms), so they find the same entries; only the
scores differ (bm25 on SQLite, ts_rank on PostgreSQL). The tables are made by migration 0002_search, whose
SQL is written out there: on SQLite an external-content FTS5 table with triggers, on PostgreSQL a generated
tsvector column with a GIN index.
"""
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

FTS_TABLE = "gazette_search_fts"
ENTRY_TABLE = "gazette_searchentry"
KEY_INDEX = "gazette_search_key"  # (id, date, issue_id) on the entry table: see migration 0003
TITLE_WEIGHT = 4.0  # a word in the title, number or issuers counts four times one in the body

# ts_rank's weights for D, C, B, A: title (A) four times body (D), like bm25 above.
POSTGRES_WEIGHTS = "{0.25, 0.5, 0.75, 1.0}"


class Backend(Protocol):
    def match(self, terms: list[str]) -> dict[int, float]:
        """Entry id → score (higher is better) of every entry that holds all `terms`."""

    def rebuild(self) -> None:
        """Make the full-text index agree with the entry table again."""

    def ids_sql(self, terms: list[str]) -> tuple[str, list]:
        """SQL selecting `id` of every entry that holds all `terms`, and its parameters (no scores)."""

    def ranked_sql(self, terms: list[str]) -> tuple[str, list]:
        """SQL selecting `id, score` (the score `match` gives) of every entry that holds all `terms`."""

    # The entry table as the ranking query joins it (as `e`), reading only (id, date, issue_id).
    entry_key: str


class Fts5Backend:
    """SQLite: an FTS5 table (unicode61 splits on the spaces between terms), ranked by bm25."""

    # SQLite would read each match's row itself, walking the overflow pages of its long text to issue_id.
    entry_key = f"{ENTRY_TABLE} AS e INDEXED BY {KEY_INDEX}"

    @staticmethod
    def expression(terms: list[str]) -> str:
        # Each term a quoted string, so FTS5 never reads AND/OR/NOT/NEAR or a column name in it; side by
        # side they must all match.
        return " ".join('"' + term.replace('"', '""') + '"' for term in terms)

    def match(self, terms: list[str]) -> dict[int, float]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid, bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0) FROM {FTS_TABLE} "
                           f"WHERE {FTS_TABLE} MATCH %s", [self.expression(terms)])
            return {rowid: -rank for rowid, rank in cursor.fetchall()}  # bm25 is negative, lower is better

    def ids_sql(self, terms: list[str]) -> tuple[str, list]:
        return f"SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [self.expression(terms)]

    def ranked_sql(self, terms: list[str]) -> tuple[str, list]:
        return (f"SELECT rowid AS id, -bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0) AS score FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s", [self.expression(terms)])

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


class PostgresBackend:
    """PostgreSQL: a tsvector of the terms ('simple': no stemming, no stop words), GIN index, ts_rank."""

    def match(self, terms: list[str]) -> dict[int, float]:
        # plainto_tsquery reads the terms with the parser that built the vector and ANDs them.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, ts_rank('{POSTGRES_WEIGHTS}', search_vector, query) "
                           f"FROM {ENTRY_TABLE}, plainto_tsquery('simple', %s) AS query "
                           f"WHERE search_vector @@ query", [" ".join(terms)])
            return dict(cursor.fetchall())

    def rebuild(self) -> None:
        """Nothing to do: the vector is a generated column."""

    entry_key = f"{ENTRY_TABLE} AS e"

    def ids_sql(self, terms: list[str]) -> tuple[str, list]:
        return (f"SELECT id FROM {ENTRY_TABLE} WHERE search_vector @@ plainto_tsquery('simple', %s)",
                [" ".join(terms)])

    def ranked_sql(self, terms: list[str]) -> tuple[str, list]:
        return (f"SELECT id, ts_rank('{POSTGRES_WEIGHTS}', search_vector, query) AS score "
                f"FROM {ENTRY_TABLE}, plainto_tsquery('simple', %s) AS query WHERE search_vector @@ query",
                [" ".join(terms)])


def backend() -> Backend:
    if connection.vendor == "sqlite":
        return Fts5Backend()
    if connection.vendor == "postgresql":
        return PostgresBackend()
    raise ImproperlyConfigured(f"全文搜索只支持 SQLite 和 PostgreSQL，不支持 {connection.vendor}")
