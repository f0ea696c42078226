"""Migration 0003: tasks and targets imported before citations had one spelling are rewritten canonically."""
import importlib

from django.apps import apps

from zhengwu.core.citations import is_canonical

MIGRATION = importlib.import_module("zhengwu.supervision.migrations.0003_canonical_cites")


def test_old_spellings_become_canonical_and_the_quoted_deadline_stays_as_printed(campaign, plan):
    from zhengwu.supervision.models import Target, Task

    task = Task.objects.filter(programme=campaign).exclude(cite="").first()
    target = Target.objects.filter(programme=plan).exclude(cite="").first()
    canonical_task, canonical_target = task.cite, target.cite
    assert is_canonical(canonical_task) and is_canonical(canonical_target)  # as an import writes them now
    # As an import before the canonical spelling wrote them: 、 after the heading number, half-width brackets.
    old_task = canonical_task.replace("（", "、(", 1).replace("）", ")", 1)
    Task.objects.filter(pk=task.pk).update(cite=old_task, due_cite=f"{campaign.number} {old_task}：“6月底前(含)完成”")
    Target.objects.filter(pk=target.pk).update(cite=canonical_target.replace("（", "(").replace("）", ")"))

    MIGRATION.canonical(apps, None)

    task.refresh_from_db()
    target.refresh_from_db()
    assert task.cite == canonical_task
    assert task.due_cite == f"{campaign.number}{canonical_task}：“6月底前(含)完成”"
    assert target.cite == canonical_target
