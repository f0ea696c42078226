"""Fixtures of the staff-desk tests: a cheap password hasher (the lockout tests check passwords many times;
the algorithm is not what they test)."""
import pytest


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
