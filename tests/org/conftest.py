"""Registry fixtures: the seed issue imported and read into the registry once per test module.

`seeded` opens a transaction around the whole module and rolls it back at the end; each test runs in
a savepoint inside it (pytest-django's `db`), so what a test changes is gone before the next one.
"""
import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import transaction

BY = "测试"


@dataclass
class Seeded:
    issue: object
    reports: dict  # source → ImportReport


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, seed_path):
    from zhengwu.gazette.importer import import_file
    from zhengwu.org.from_gazette import import_issue

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            outcome = import_file(seed_path)
            reports = {r.source: r for r in import_issue(outcome.issue, by=BY)}
            yield Seeded(outcome.issue, reports)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def registry(seeded, db) -> Seeded:
    """The seeded registry, for a test that may change it (its changes are rolled back)."""
    return seeded


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def roster_json(body: str, on: str) -> list[dict]:
    from zhengwu.org.resolve import find_organization
    from zhengwu.org.roster import roster

    return [line.as_json() for line in roster(find_organization(body), day(on))]


def seats_json(person: str, on: str) -> list[dict]:
    from zhengwu.org.resolve import find_person
    from zhengwu.org.roster import seats_of

    return [line.as_json() for line in seats_of(find_person(person), day(on))]
