"""Helpers of the registry tests. The seed issue imported and read into the registry once per module is
the shared `seeded` / `registry` of tests/conftest.py."""
import datetime as dt

from tests.conftest import REGISTRY_BY as BY  # noqa: F401  (the registry tests name who acted)


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
