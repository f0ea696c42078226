"""Fixtures and helpers of the subsidy web and workflow tests (test_web_*.py, test_workflow*.py).

Kept out of a conftest.py so the rules-engine tests beside them stay untouched: each test module imports
the fixtures it uses. Every test gets its own media folder (evidence files never land in var/) and a
cheap password hasher; staff of each role; a real second factor for money steps (`verify`).
"""
from __future__ import annotations

import datetime as dt
import time

import pytest
from django.urls import reverse

from tests.personas import person
from zhengwu.core.identifiers import complete_credit_code

ON = dt.date(2021, 9, 1)

RD_CLAIM = {"item": "六", "rule": "rd_input", "scale": "above", "rd_spend": "8000000", "revenue": "100000000",
            "has_rd_institution": True, "gets_rd_reserve": False}  # intensity 8 % → 1 % of 8,000,000 = 80,000.00
LAB_CLAIM = {"item": "一", "rule": "recognition", "recognition": "national_key_lab", "first": True}  # 600,000.00
STAR_CLAIM = {"item": "十一", "rule": "star_listing"}  # case by case, up to 20,000,000.00

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def credit_code(serial: int, *, head: str = "91500222") -> str:
    """A unified social credit code with a valid GB 32100-2015 check character."""
    return complete_credit_code(f"{head}{serial:09d}"[:17])


FIRM_CODE = credit_code(1)
OTHER_CODE = credit_code(2)


@pytest.fixture
def isolated(tmp_path, settings):
    """A media folder of the test's own and a cheap hasher."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return tmp_path


def _user(username: str, *perms: str):
    """A 区科技局 staff member with these subsidy rights (tests/personas.py)."""
    return person(username, app="subsidies", perms=perms)


class Bureau:
    """区科技局 staff: a reviewer, a payer, a budget reader, and someone with no subsidy right."""

    def __init__(self) -> None:
        self.reviewer = _user("kjj_reviewer", "review_application", "view_budget")
        self.second = _user("kjj_second", "review_application")
        self.payer = _user("kjj_payer", "record_payment", "view_budget")
        self.reader = _user("kjj_reader", "view_budget")
        self.nobody = _user("nobody")


@pytest.fixture
def bureau(db) -> Bureau:
    return Bureau()


def start(claims=None, *, code: str = FIRM_CODE, name: str = "重庆綦江示范科技有限公司", on: dt.date = ON):
    """Drafts for `claims` (default: the R&D claim) through applications.start."""
    from zhengwu.subsidies.applications import start as start_applications

    return start_applications(name=name, credit_code=code, kind="firm", contact_name="李工", contact_phone="13800000000",
                              on=on, claims=[dict(c) for c in (claims or [RD_CLAIM])])


def step(app, to_state: str, user=None, reason: str = "", **data):
    from zhengwu.subsidies.workflow import transition

    return transition(app, to_state, user=user, reason=reason, expected_version=app.version, **data)


def walk_to(app, state: str, bureau: Bureau, **approve):
    """Take a draft along the main path up to `state`."""
    path = [("submitted", None, {}), ("under_review", bureau.reviewer, {}),
            ("approved", bureau.reviewer, {"decided_on": dt.date(2021, 10, 8), **approve}),
            ("paid", bureau.payer, {"paid_on": dt.date(2021, 10, 20), "payment_reference": "KJ-2021-001"})]
    order = ["draft"] + [target for target, _, _ in path]
    for target, user, data in path[order.index(app.state):]:
        if app.state == state:
            break
        app = step(app, target, user, **data)
    assert app.state == state
    return app


def token_for(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def verify(client, user):
    """Log `user` in and verify the session with a real TOTP code, as the 2FA page does."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.post(reverse("desk:2fa_verify"), {"token": token_for(device)})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def text(response) -> str:
    """The page's main part as text, without tags: what a user reads."""
    import re

    body = response.content.decode()
    if "<main" in body:
        body = body[body.index("<main"):]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))
