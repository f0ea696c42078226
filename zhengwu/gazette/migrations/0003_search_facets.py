"""Search facets in SQL: a narrow table of each entry's facet values (issuer, year, type, section), and an
index on the entry table holding what ranking reads of every match (id, date, issue), so a query counts
facets, filters and ranks without loading the wide entry rows. Existing entries get their facet rows here;
the rule is written out (not imported) so this migration keeps meaning what it meant when it ran.
"""
import django.db.models.deletion
from django.db import migrations, models


def fill_facets(apps, schema_editor):
    entries = apps.get_model("gazette", "SearchEntry").objects.using(schema_editor.connection.alias)
    facet = apps.get_model("gazette", "SearchFacet")
    batch = []
    for row in entries.values("id", "issuers", "year", "doc_types", "section").order_by("id").iterator(2000):
        found = [("issuer", str(v)) for v in row["issuers"] or []]
        found += [("year", str(row["year"]))] if row["year"] else []
        found += [("type", str(v)) for v in row["doc_types"] or []]
        found += [("section", row["section"])] if row["section"] else []
        batch += [facet(entry_id=row["id"], name=name, value=value) for name, value in found]
        if len(batch) >= 5000:
            facet.objects.using(schema_editor.connection.alias).bulk_create(batch)
            batch = []
    facet.objects.using(schema_editor.connection.alias).bulk_create(batch)


class Migration(migrations.Migration):

    dependencies = [
        ("gazette", "0002_search"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchFacet",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=10, verbose_name="筛选项")),
                ("value", models.TextField(verbose_name="值")),
            ],
            options={
                "verbose_name": "检索筛选值",
                "verbose_name_plural": "检索筛选值",
            },
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["id", "date", "issue"], name="gazette_search_key"),
        ),
        migrations.AddField(
            model_name="searchfacet",
            name="entry",
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="facets", to="gazette.searchentry"),
        ),
        migrations.AddIndex(
            model_name="searchfacet",
            index=models.Index(fields=["entry", "name", "value"], name="gazette_search_facet_entry"),
        ),
        migrations.AddIndex(
            model_name="searchfacet",
            index=models.Index(fields=["name", "value", "entry"], name="gazette_search_facet_value"),
        ),
        migrations.RunPython(fill_facets, migrations.RunPython.noop),
    ]
