"""PostgreSQL's tsvector is written by the index (search/tsvector.py) instead of generated from stored term
text, and the term text columns go: they doubled what a rebuild wrote and made the server parse every term.

PostgreSQL: the generated column becomes a plain one, keeping its values (they equal what tsvector.py
writes for the same terms), so no reindex is needed. SQLite: an empty text column (its backend keeps
posting arrays). Going back restores the generated column over empty terms: run `zhengwu gazette reindex`
after that.
"""
from django.db import migrations

import zhengwu.gazette.search.models

ENTRY = "gazette_searchentry"


def detach(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {ENTRY} ALTER COLUMN search_vector DROP EXPRESSION")
    else:
        schema_editor.execute(f"ALTER TABLE {ENTRY} ADD COLUMN search_vector text NULL")


def regenerate(apps, schema_editor):
    # Runs after the term columns are back (empty): the generated column as migration 0002 made it.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {ENTRY}_search_vector")
        schema_editor.execute(f"ALTER TABLE {ENTRY} DROP COLUMN search_vector")
        schema_editor.execute(f"""ALTER TABLE {ENTRY} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
            || setweight(to_tsvector('simple'::regconfig, body_terms), 'D')) STORED""")
        schema_editor.execute(f"CREATE INDEX {ENTRY}_search_vector ON {ENTRY} USING GIN (search_vector)")
    else:
        schema_editor.execute(f"ALTER TABLE {ENTRY} DROP COLUMN search_vector")


class Migration(migrations.Migration):

    dependencies = [
        ("gazette", "0004_search_postings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(detach, regenerate)],
            state_operations=[
                migrations.AddField(
                    model_name="searchentry",
                    name="search_vector",
                    field=zhengwu.gazette.search.models.TermVectorField(
                        blank=True, editable=False, null=True, verbose_name="全文向量",
                        help_text="PostgreSQL 的 tsvector（tsvector.py）；SQLite 不用（倒排数组）"),
                ),
            ],
        ),
        migrations.RemoveField(model_name="searchentry", name="title_terms"),
        migrations.RemoveField(model_name="searchentry", name="body_terms"),
    ]
