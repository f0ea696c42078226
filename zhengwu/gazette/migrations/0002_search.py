"""The search index: the entry table, then its full-text part, which differs by database.

SQLite: an external-content FTS5 table over the entry table's terms (unicode61 splits on the spaces
between pre-segmented terms; diacritics kept, as PostgreSQL's 'simple' keeps them, so à never finds a), kept
in step by triggers. PostgreSQL: a generated tsvector column built with
to_tsvector('simple', …) on the same terms, with a GIN index. The SQL is written out here, not imported,
so this migration keeps meaning what it meant when it ran.
"""
import django.db.models.deletion
from django.db import migrations, models

FTS = "gazette_search_fts"
ENTRY = "gazette_searchentry"

SQL = {
    "sqlite": [
        f"""CREATE VIRTUAL TABLE {FTS} USING fts5(title_terms, body_terms, content='{ENTRY}', content_rowid='id',
            tokenize='unicode61 remove_diacritics 0')""",
        f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON {ENTRY} BEGIN
            INSERT INTO {FTS}(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);
            END""",
        f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON {ENTRY} BEGIN
            INSERT INTO {FTS}({FTS}, rowid, title_terms, body_terms)
            VALUES ('delete', old.id, old.title_terms, old.body_terms);
            END""",
        f"""CREATE TRIGGER {FTS}_update AFTER UPDATE ON {ENTRY} BEGIN
            INSERT INTO {FTS}({FTS}, rowid, title_terms, body_terms)
            VALUES ('delete', old.id, old.title_terms, old.body_terms);
            INSERT INTO {FTS}(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);
            END""",
    ],
    "postgresql": [
        f"""ALTER TABLE {ENTRY} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
            || setweight(to_tsvector('simple'::regconfig, body_terms), 'D')) STORED""",
        f"CREATE INDEX {ENTRY}_search_vector ON {ENTRY} USING GIN (search_vector)",
    ],
}
UNDO = {
    "sqlite": [f"DROP TRIGGER IF EXISTS {FTS}_{event}" for event in ("insert", "delete", "update")]
    + [f"DROP TABLE IF EXISTS {FTS}"],
    "postgresql": [f"DROP INDEX IF EXISTS {ENTRY}_search_vector",
                   f"ALTER TABLE {ENTRY} DROP COLUMN IF EXISTS search_vector"],
}


def create_full_text(apps, schema_editor):
    for statement in SQL.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop_full_text(apps, schema_editor):
    for statement in UNDO.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("gazette", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("document", "公文"), ("editorial", "卷首语"), ("news", "政务要闻")],
                                          max_length=20, verbose_name="类型")),
                ("title", models.CharField(max_length=300, verbose_name="标题")),
                ("number", models.CharField(blank=True, max_length=60, verbose_name="发文字号")),
                ("issuers", models.JSONField(blank=True, default=list, verbose_name="发文机关")),
                ("doc_types", models.JSONField(blank=True, default=list, help_text="公文本身及其印发的文本",
                                               verbose_name="文种")),
                ("section", models.CharField(blank=True, max_length=50, verbose_name="栏目")),
                ("year", models.PositiveIntegerField(blank=True, null=True, verbose_name="年份")),
                ("date", models.DateField(blank=True, help_text="成文日期，要闻和卷首语为出版日期", null=True,
                                          verbose_name="日期")),
                ("text", models.TextField(blank=True, help_text="摘要从这里截取", verbose_name="正文")),
                ("title_terms", models.TextField(blank=True, verbose_name="标题分词")),
                ("body_terms", models.TextField(blank=True, verbose_name="正文分词")),
                ("document", models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                                  related_name="search_entry", to="gazette.document")),
                ("issue", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                            related_name="+", to="gazette.issue")),
                ("item", models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                              related_name="search_entry", to="gazette.item")),
            ],
            options={
                "verbose_name": "检索条目",
                "verbose_name_plural": "检索条目",
            },
        ),
        migrations.RunPython(create_full_text, drop_full_text),
    ]
