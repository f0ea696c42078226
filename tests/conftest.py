"""Shared fixtures: the seed gazette as bytes, text and parse result; the seed imported into the database
(and read into the organisation registry) once per test module.

Importing the seed takes about a second; a hundred and sixty tests need it present and nothing more. So
`gazette_seed` imports it once per module inside a transaction that is rolled back when the module ends,
and each test runs in a savepoint inside it (pytest-django's `db`), so what a test changes is gone before
the next one. A test that needs the import to happen in the test itself asks for `fresh_seed`; a
transactional test (live_server, `transaction=True`) cannot run inside the module's transaction.

Within a module the tests that do not ask for the seed run first, then those that need the gazette
alone, then those that need the registry too (`pytest_collection_modifyitems`): a test that expects an
empty database still gets one, and the registry is never present for a test that did not ask for it.
A transactional test that would still land inside a module's transaction fails with a clear message
(`no_transactional_test_inside`) instead of committing into it.
"""
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests with a fixed seed, so a submission is judged on the same examples every
# time; developers' runs stay random and keep exploring (and keep what they find in .hypothesis/).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SEED = Path(__file__).resolve().parent.parent / "zhengwu" / "demo" / "seed" / "000_c62ba9d0d4872cf1.txt"


def _seed_level(item: pytest.Item) -> int:
    """0: no shared seed; 1: the imported gazette; 2: the gazette and the organisation registry."""
    names = getattr(item, "fixturenames", ())
    return 2 if "seeded" in names else 1 if "gazette_seed" in names else 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Stable within each level and each module; modules keep their order.
    modules: dict[str, int] = {}
    for index, item in enumerate(items):
        modules.setdefault(item.nodeid.split("::", 1)[0], index)
    items.sort(key=lambda item: (modules[item.nodeid.split("::", 1)[0]], _seed_level(item)))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="session")
def seed_text(seed_bytes: bytes) -> str:
    return seed_bytes.decode("utf-8")


@pytest.fixture(scope="session")
def seed_result(seed_bytes: bytes):
    from zhengwu.gazette.parsing import parse_bytes

    return parse_bytes(seed_bytes)


@pytest.fixture(scope="session")
def seed_json(seed_result) -> dict:
    return seed_result.as_json()


# Modules whose shared transaction is open now (at most one: pytest finishes a module before the next).
_OPEN_MODULE_SEEDS: set[str] = set()


@pytest.fixture(scope="module")
def gazette_seed(request, django_db_setup, django_db_blocker, seed_path):
    """The seed issue imported once for the module, in a transaction rolled back at the module's end."""
    from django.db import transaction

    from zhengwu.gazette.importer import import_file

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        _OPEN_MODULE_SEEDS.add(request.module.__name__)
        try:
            yield import_file(seed_path)
        finally:
            _OPEN_MODULE_SEEDS.discard(request.module.__name__)
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def imported_seed(gazette_seed, db):
    """The seed issue imported into the test database, as an editor would (once per module; a test's
    changes are rolled back). The issue is re-read, so no test sees another's unsaved attribute."""
    if gazette_seed.issue is not None:
        gazette_seed.issue.refresh_from_db()
    return gazette_seed


@pytest.fixture
def fresh_seed(db, seed_path):
    """The seed imported inside this test itself, for a test about what one import does."""
    from zhengwu.gazette.importer import import_file

    return import_file(seed_path)


@dataclass
class Seeded:
    """The seed issue and what reading it into the organisation registry reported."""

    issue: object
    reports: dict  # source → ImportReport


@pytest.fixture(scope="module")
def seeded(gazette_seed, django_db_blocker) -> Seeded:
    """The seed imported and read into the organisation registry once for the module, as `zhengwu demo`
    does (inside gazette_seed's module transaction, so rolled back with it)."""
    from zhengwu.org.from_gazette import import_issue

    with django_db_blocker.unblock():
        reports = {r.source: r for r in import_issue(gazette_seed.issue, by=REGISTRY_BY)}
    return Seeded(gazette_seed.issue, reports)


REGISTRY_BY = "测试"  # who read the seed into the registry, as the audit trail records it


@pytest.fixture
def registry(seeded, db) -> Seeded:
    """The seeded registry, for a test that may change it (its changes are rolled back)."""
    seeded.issue.refresh_from_db()
    return seeded


@pytest.fixture(autouse=True)
def no_transactional_test_inside(request):
    """A transactional test would commit into (and flush) a module's shared seed: refuse it clearly."""
    if not _OPEN_MODULE_SEEDS:
        return
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))) \
        or {"transactional_db", "live_server", "django_db_reset_sequences"} & set(request.fixturenames)
    if transactional:
        pytest.fail(f"{request.node.nodeid} is transactional but its module imported the shared seed "
                    f"(imported_seed / registry); move it to a module of its own", pytrace=False)
