"""The embedded (SQLite) search backend reads its own posting arrays instead of FTS5 (search/postings.py says
why), and each entry records its length in terms, which ranking needs.

SQLite: the FTS5 table and its triggers go; a posting table (term, segment → ids, weighted frequencies) and a
one-row state table whose random `token` triggers renew on every change to the entries or their facets
(search/stats.py caches per token). Existing entries get their lengths and postings here; the rule is
written out (not imported) so this migration keeps meaning what it meant when it ran. PostgreSQL keeps its
tsvector column; only the new field is added there.
"""
from collections import Counter, defaultdict

from django.db import migrations, models

FTS = "gazette_search_fts"
ENTRY = "gazette_searchentry"
FACET = "gazette_searchfacet"
POSTING = "gazette_search_posting"
STATE = "gazette_search_state"
TITLE_WEIGHT = 4.0

RENEW = f"UPDATE {STATE} SET token = randomblob(8) WHERE id = 1"
SQLITE = [f"DROP TRIGGER IF EXISTS {FTS}_{event}" for event in ("insert", "delete", "update")] + [
    f"DROP TABLE IF EXISTS {FTS}",
    f"""CREATE TABLE {POSTING} (term TEXT NOT NULL, seg INTEGER NOT NULL, ids BLOB NOT NULL, freqs BLOB NOT NULL,
        PRIMARY KEY (term, seg)) WITHOUT ROWID""",
    f"CREATE TABLE {STATE} (id INTEGER PRIMARY KEY CHECK (id = 1), token BLOB NOT NULL)",
    f"INSERT INTO {STATE} (id, token) VALUES (1, randomblob(8))",
] + [f"CREATE TRIGGER {table}_state_{event} AFTER {event.upper()} ON {table} BEGIN {RENEW}; END"
     for table in (ENTRY, FACET) for event in ("insert", "update", "delete")]
UNDO = [f"DROP TRIGGER IF EXISTS {table}_state_{event}" for table in (ENTRY, FACET)
        for event in ("insert", "update", "delete")] + [f"DROP TABLE IF EXISTS {STATE}",
                                                          f"DROP TABLE IF EXISTS {POSTING}"]


def create_postings(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    import numpy as np

    for statement in SQLITE:
        schema_editor.execute(statement)
    ids, freqs = defaultdict(list), defaultdict(list)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, title_terms, body_terms FROM {ENTRY} ORDER BY id")
        lengths = []
        for entry_id, title_terms, body_terms in cursor.fetchall():
            title, body = title_terms.split(), body_terms.split()
            weighted = dict(Counter(body))
            for term, count in Counter(title).items():
                weighted[term] = weighted.get(term, 0.0) + TITLE_WEIGHT * count
            for term, freq in weighted.items():
                ids[term].append(entry_id)
                freqs[term].append(freq)
            lengths.append((len(title) + len(body), entry_id))
        cursor.executemany(f"UPDATE {ENTRY} SET term_count = %s WHERE id = %s", lengths)
        cursor.executemany(f"INSERT INTO {POSTING} (term, seg, ids, freqs) VALUES (%s, 0, %s, %s)",
                           [(term, np.asarray(ids[term], "<i8").tobytes(), np.asarray(freqs[term], "<f4").tobytes())
                            for term in ids])


def drop_postings(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in UNDO:
        schema_editor.execute(statement)
    # Bring FTS5 back as 0002 made it, filled from the stored terms.
    schema_editor.execute(f"""CREATE VIRTUAL TABLE {FTS} USING fts5(title_terms, body_terms, content='{ENTRY}',
        content_rowid='id', tokenize='unicode61 remove_diacritics 0')""")
    schema_editor.execute(f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON {ENTRY} BEGIN
        INSERT INTO {FTS}(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms); END""")
    schema_editor.execute(f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON {ENTRY} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_terms, body_terms) VALUES ('delete', old.id, old.title_terms,
        old.body_terms); END""")
    schema_editor.execute(f"""CREATE TRIGGER {FTS}_update AFTER UPDATE ON {ENTRY} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title_terms, body_terms) VALUES ('delete', old.id, old.title_terms,
        old.body_terms);
        INSERT INTO {FTS}(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms); END""")
    schema_editor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


class Migration(migrations.Migration):

    dependencies = [
        ("gazette", "0003_search_facets"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="term_count",
            field=models.PositiveIntegerField(default=0, verbose_name="词数", help_text="标题和正文的分词数，排序用"),
        ),
        migrations.RunPython(create_postings, drop_postings),
    ]
