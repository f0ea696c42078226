"""The subsidy demo: accounts of 区科技局, sample firms and applications in every state, a duplicate refused,
a sample register matched; passwords and links printed once; a second run adds nothing; samples marked
示例 on the pages that show them."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from zhengwu.subsidies.demo import ACCOUNTS, MARK, build_demo
from zhengwu.subsidies.models import Application, ApplicationEvent, Firm, RegisterUpload

from . import web
from .web import text

isolated = web.isolated

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("isolated")]


@pytest.fixture
def built(db):
    from zhengwu.org.models import Organization

    Organization.objects.create(name="重庆市綦江区科学技术局", short_name="区科技局")
    out = io.StringIO()
    result = build_demo(stream=out)
    return result, out.getvalue()


def test_accounts_samples_and_register(built):
    result, printed = built
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[a.username for a in ACCOUNTS])}
    assert users["demo_kjj"].has_perm("subsidies.review_application")
    assert users["demo_kjj_pay"].has_perm("subsidies.record_payment")
    assert not users["demo_kjj_pay"].has_perm("subsidies.review_application")
    for name, password in result.passwords.items():
        assert password and password in printed and users[name].check_password(password)
    states = set(Application.objects.filter(is_sample=True).values_list("state", flat=True))
    assert states == {"draft", "submitted", "under_review", "approved", "rejected", "paid"}
    assert all(f.name.endswith(MARK) and f.is_sample for f in Firm.objects.all())
    assert "重复申报被拒绝" in printed and "首次认定" in printed
    lowered = Application.objects.get(state="approved")
    assert lowered.approved_amount < lowered.quoted_amount
    assert lowered.events.get(to_state="approved").reason.startswith("【示例】")
    assert all("/subsidy/k/" in link for _, link in result.links)
    assert RegisterUpload.objects.get().is_sample and RegisterUpload.objects.get().firms == 7
    assert ApplicationEvent.objects.filter(application__is_sample=True, who__username="demo_kjj").exists()


def test_second_run_adds_nothing_and_prints_no_password(built):
    counts = (Application.objects.count(), Firm.objects.count(), RegisterUpload.objects.count())
    out = io.StringIO()
    again = build_demo(stream=out)
    assert (Application.objects.count(), Firm.objects.count(), RegisterUpload.objects.count()) == counts
    assert all(p is None for p in again.passwords.values()) and "密码" not in out.getvalue()


def test_samples_are_marked_on_the_pages(built, client):
    client.force_login(get_user_model().objects.get(username="demo_kjj"))
    listing = text(client.get(reverse("subsidies_staff:dashboard")))
    assert listing.count("示例") >= 4
    paid = Application.objects.get(state="paid")
    assert "示例" in text(client.get(reverse("subsidies_staff:application", args=[paid.reference])))
    register = RegisterUpload.objects.get()
    assert "示例" in text(client.get(reverse("subsidies_staff:matches", args=[register.pk])))
    budget = text(client.get(reverse("subsidies_staff:budget"), {"samples": "on"}))
    assert "（示例）" in budget
    result, _ = built
    firm = client.__class__()
    firm.get(result.links[0][1])
    assert "示例" in text(firm.get(reverse("subsidies_public:mine")))
