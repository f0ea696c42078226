"""Fixtures of the supervision tests: the two programmes, and accounts of the office, of units and of a
target party. The seed gazette with its organisation registry is the shared `registry` (tests/conftest.py),
imported once per module."""
import pytest
from django.contrib.auth import get_user_model

from tests.personas import person

CAMPAIGN = "綦普法办〔2021〕16号"
PLAN = "綦江府办发〔2021〕24号"


@pytest.fixture
def campaign(registry):
    from zhengwu.supervision.importer import import_document

    return import_document(CAMPAIGN).programme


@pytest.fixture
def plan(registry):
    from zhengwu.supervision.importer import import_document

    return import_document(PLAN).programme


def make_user(username: str, *, perms=(), unit: str | None = None, party: str = ""):
    from zhengwu.org.resolve import find_organization
    from zhengwu.supervision.models import ReporterLink

    user = person(username, app="supervision", perms=perms)
    if unit:
        ReporterLink.objects.create(user=user, organization=find_organization(unit))
    if party:
        ReporterLink.objects.create(user=user, party=party)
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def office(db):
    return make_user("dcs", perms=("manage_supervision", "view_supervision"))


@pytest.fixture
def sfj(registry):
    """The reporting account of 区司法局 (lead of measure 1, cooperating on 2)."""
    return make_user("sfj", unit="区司法局")


@pytest.fixture
def nanan(db):
    return make_user("nanan", party="南岸区")


def assignment(programme, ref: str, unit: str):
    return programme.tasks.get(ref=ref).assignments.get(unit_name=unit)


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
