"""`zhengwu demo`'s waste part: units from the seed, sample data marked 示例, and a second run changes nothing."""
import io

import pytest

from zhengwu.waste.demo import build_demo
from zhengwu.waste.models import Card, Community, DropEvent, Inspection
from zhengwu.waste.units import UNITS

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    from zhengwu.org.models import Organization

    return (Community.objects.count(), Card.objects.count(), DropEvent.objects.count(), Inspection.objects.count(),
            Organization.objects.count(), sum(Card.objects.values_list("balance", flat=True)))


def test_demo_is_marked_and_runs_again_unchanged():
    out = io.StringIO()
    build_demo(stream=out)
    assert "demo_fenlei" in out.getvalue()
    first = counts()
    assert first[0] > 40 and first[2] > 1000
    assert not Community.objects.filter(is_sample=False).exists()
    assert all(name.endswith("（示例）") for name in Community.objects.values_list("name", flat=True))
    from zhengwu.org.models import Organization

    assert set(UNITS) <= set(Organization.objects.values_list("name", flat=True))
    again = io.StringIO()
    build_demo(stream=again)
    assert counts() == first and again.getvalue() == ""
