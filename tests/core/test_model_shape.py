"""One shape for every model of every zhengwu app: help_text on each concrete field, choices stored as
English lower-snake values (the Chinese is the label), and a reason beside every `on_delete`; plus the
waste data migration that moved its stored Chinese words to English values, run both ways."""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

PACKAGE = Path(__file__).resolve().parents[2] / "zhengwu"
VALUE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)*")


def zhengwu_models():
    return [m for m in apps.get_models() if m.__module__.startswith("zhengwu.")]


def test_every_concrete_field_says_what_it_holds():
    missing = [f"{model._meta.label}.{field.name}" for model in zhengwu_models()
               for field in model._meta.get_fields()
               if field.concrete and not field.auto_created and not str(field.help_text or "").strip()]
    assert missing == []


def test_choices_store_english_snake_case_values():
    bad = [f"{model._meta.label}.{field.name}={value!r}" for model in zhengwu_models()
           for field in model._meta.get_fields() if getattr(field, "choices", None)
           for value, _label in field.flatchoices if not VALUE.fullmatch(str(value))]
    assert bad == []


def model_sources() -> list[Path]:
    """Every module of the package but migrations: model bases live outside models/ too (desk/cases.py)."""
    return sorted(f for f in PACKAGE.glob("**/*.py") if "migrations" not in f.parts)


def unexplained_on_deletes(source: str) -> list[int]:
    """Lines with `on_delete=` that have no comment on them or on the line just above."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    comments = {t.start[0] for t in tokens if t.type == tokenize.COMMENT}
    lines = source.splitlines()
    found = []
    for i, token in enumerate(tokens):
        if token.type == tokenize.NAME and token.string == "on_delete" and tokens[i + 1].string == "=":
            row = token.start[0]
            above = row - 1
            comment_above = above in comments and lines[above - 1].lstrip().startswith("#")
            if row not in comments and not comment_above:
                found.append(row)
    return found


def test_the_scanner_finds_a_bare_on_delete_and_accepts_a_reason():
    bare = 'x = models.ForeignKey(A, on_delete=models.CASCADE)\n'
    trailing = 'x = models.ForeignKey(A, on_delete=models.CASCADE)  # part of A\n'
    above = '# part of A\nx = models.ForeignKey(A, on_delete=models.CASCADE)\n'
    assert (unexplained_on_deletes(bare), unexplained_on_deletes(trailing), unexplained_on_deletes(above)) == ([1], [], [])


def test_every_on_delete_gives_its_reason():
    sources = model_sources()
    assert any(f.name == "community.py" for f in sources)  # the walk finds the model packages
    bare = [f"{f.relative_to(PACKAGE.parent)}:{row}" for f in sources for row in unexplained_on_deletes(f.read_text())]
    assert bare == []


@pytest.mark.django_db(transaction=True)
def test_waste_vocabulary_migration_runs_forwards_and_backwards():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before, after = [("waste", "0001_initial")], [("waste", "0002_english_vocabulary")]
    try:
        executor.migrate(before)
        old = MigrationExecutor(connection).loader.project_state(before).apps
        unit = old.get_model("org", "Organization").objects.create(name="古南街道", classification="street")
        community = old.get_model("waste", "Community")
        for name, management, building in (("甲", "物业", "高层"), ("乙", "非物业", "小高层"), ("丙", "单梯", "洋房"),
                                           ("丁", "物业", "新建")):
            community.objects.create(unit=unit, name=name, management=management, building=building, households=1)

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps.get_model("waste", "Community")
        assert sorted(new.objects.values_list("name", "management", "building")) == [
            ("丁", "managed", "new_build"), ("丙", "single_stair", "villa"), ("乙", "unmanaged", "mid_rise"),
            ("甲", "managed", "high_rise")]

        executor = MigrationExecutor(connection)
        executor.migrate(before)
        back = executor.loader.project_state(before).apps.get_model("waste", "Community")
        assert sorted(back.objects.values_list("name", "management", "building")) == [
            ("丁", "物业", "新建"), ("丙", "单梯", "洋房"), ("乙", "非物业", "小高层"), ("甲", "物业", "高层")]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)


def test_every_vocabulary_lives_in_its_apps_vocab_module():
    """One module per app holds its TextChoices (a model may name one, `Kind = FirmKind`, but not define it)."""
    from django.db.models import Choices

    def walk(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from walk(sub)

    ours = [c for c in walk(Choices) if c.__module__.startswith("zhengwu.")]
    assert any(c.__name__ == "FirmKind" for c in ours)  # the walk sees the apps' vocabularies
    elsewhere = [f"{c.__module__}.{c.__qualname__}" for c in ours if not c.__module__.endswith(".vocab")]
    assert elsewhere == []
