"""Settings read from the environment: a persistent database connection by default, bad values refused."""
import os
import subprocess
import sys

SHOW = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"


def _settings(**env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "zhengwu.settings", **env}
    code = f"import django; django.setup(); {SHOW}"
    return subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True, timeout=60)


def test_connections_are_kept_between_requests_unless_told_otherwise():
    environ = {k: v for k, v in os.environ.items() if k != "ZHENGWU_DB_CONN_MAX_AGE"}
    kept = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {SHOW}"],
                          env={**environ, "DJANGO_SETTINGS_MODULE": "zhengwu.settings"},
                          capture_output=True, text=True, timeout=60)
    assert kept.stdout.strip() == "600"
    assert _settings(ZHENGWU_DB_CONN_MAX_AGE="0").stdout.strip() == "0"


def test_a_bad_connection_age_is_named():
    bad = _settings(ZHENGWU_DB_CONN_MAX_AGE="ten")
    assert bad.returncode != 0
    assert "ZHENGWU_DB_CONN_MAX_AGE" in bad.stderr and "'ten'" in bad.stderr
