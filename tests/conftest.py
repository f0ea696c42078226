"""Shared fixtures: the seed gazette as bytes, text and parse result; an imported seed in the database."""
import os
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


@pytest.fixture
def imported_seed(db, seed_path):
    """The seed issue imported into the test database, as an editor would."""
    from zhengwu.gazette.importer import import_file

    return import_file(seed_path)
