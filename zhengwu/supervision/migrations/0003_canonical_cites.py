"""Stored citations (出处) of tasks and targets rewritten in the canonical spelling of core.citations
(四、（一）1. → 四（一）1), as an import writes them now. Backwards leaves them: both spellings read alike."""
from django.db import migrations

from zhengwu.core.citations import canonical_cite


def spelt(value: str) -> str:
    """The cite canonical; a due_cite's quoted sentence after ：“ is the document's text and stays as printed."""
    head, quote, rest = value.partition("：“")
    return canonical_cite(head) + quote + rest


def canonical(apps, schema_editor):
    for model, fields in (("Task", ("cite", "due_cite")), ("Target", ("cite",))):
        rows = apps.get_model("supervision", model).objects.all()
        for row in rows.iterator(chunk_size=500):
            changed = {f: spelt(getattr(row, f)) for f in fields if getattr(row, f)}
            changed = {f: v for f, v in changed.items() if v != getattr(row, f)}
            if changed:
                rows.filter(pk=row.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("supervision", "0002_help_text")]
    operations = [migrations.RunPython(canonical, migrations.RunPython.noop)]
