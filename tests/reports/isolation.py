"""One way for every reports test (unit or browser) to keep off the developer's keys and files."""
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from argon2 import PasswordHasher


@contextmanager
def isolated_reports(tmp_path: Path, settings, monkeypatch) -> Iterator[Path]:
    """A fresh key file and media folder under `tmp_path`, no keys from the environment, and a cheap
    Argon2 hasher (same algorithm, Argon2id: the suite files hundreds of reports). Yields the key file."""
    from zhengwu.reports import crypto, receipts

    monkeypatch.delenv(crypto.KEYS_ENV, raising=False)
    monkeypatch.delenv(crypto.INDEX_KEY_ENV, raising=False)
    settings.REPORTS_KEY_FILE = tmp_path / "keys" / "reports.keys"
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(receipts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    crypto.reset_keys()
    try:
        yield settings.REPORTS_KEY_FILE
    finally:
        crypto.reset_keys()
