"""Encryption at rest for reports (保密, 綦应急发〔2021〕41号 第十条): sealing, blind indexes, key rotation.

Keys are kept outside the database, so a copy of the database alone reveals nobody:

- `ZHENGWU_REPORTS_KEYS`: comma-separated Fernet keys, the first one current (encrypts), the others only
  decrypt (older keys kept until `rotate_all` has re-encrypted everything); with it,
  `ZHENGWU_REPORTS_INDEX_KEY` (the HMAC key of the blind indexes) must be set too;
- otherwise the key file `settings.REPORTS_KEY_FILE` (env `ZHENGWU_REPORTS_KEY_FILE`), created on first
  use with mode 0600 and one new Fernet key and one index key. Its lines are `fernet <key>` (first =
  current) and `index <key>`; `#` starts a comment.

`seal(obj)` / `unseal(token)` encrypt JSON-able dicts for the sealed columns; `seal_bytes` / `unseal_bytes`
do the same for evidence files; `blind_index(kind, value)` is a keyed hash for equality look-ups
(same unit, same credit code) that reveals nothing without the index key; `rotate_all()` re-encrypts every
sealed column and evidence file with the current key.
"""
import base64
import contextlib
import hmac
import json
import os
import re
import secrets
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache
from hashlib import sha256
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from zhengwu.core.errors import DomainError

KEYS_ENV = "ZHENGWU_REPORTS_KEYS"
INDEX_KEY_ENV = "ZHENGWU_REPORTS_INDEX_KEY"


@dataclass(frozen=True)
class Keyring:
    """The keys in force: Fernet keys (first = current) and the blind-index HMAC key."""

    fernet_keys: tuple[bytes, ...]
    index_key: bytes
    source: str  # "env" or the key file's path, for messages

    @property
    def multi(self) -> MultiFernet:
        return MultiFernet([Fernet(k) for k in self.fernet_keys])


def _check_fernet_key(key: bytes, where: str) -> bytes:
    try:
        Fernet(key)
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(f"{where}: not a Fernet key (32 url-safe base64 bytes): {exc}") from None
    return key


def _decode_index_key(text: str, where: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise ImproperlyConfigured(f"{where}: the index key is not url-safe base64") from None
    if len(key) < 32:
        raise ImproperlyConfigured(f"{where}: the index key must be at least 32 bytes")
    return key


def new_index_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")


def key_file_text(fernet_keys: list[str], index_key: str) -> str:
    lines = ["# 安全生产举报加密密钥（綦应急发〔2021〕41号 第十条）— keep out of the database and backups of it.",
             "# fernet: first line = current key; older keys only decrypt until `zhengwu reports rotate-keys`."]
    lines += [f"fernet {k}" for k in fernet_keys]
    lines.append(f"index {index_key}")
    return "\n".join(lines) + "\n"


def key_file_path() -> Path:
    return Path(getattr(settings, "REPORTS_KEY_FILE", None) or Path(settings.BASE_DIR).parent / "var" / "reports.keys")


def _write_new_file(path: Path, text: str) -> None:
    """Write `path` with mode 0600 atomically; when another process wins the race, keep its file."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".reports-keys-")  # mkstemp creates it 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # link is atomic and fails if the file exists: two first uses cannot end up with different keys
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        os.unlink(tmp)


def _read_key_file(path: Path) -> Keyring:
    if not path.exists():
        _write_new_file(path, key_file_text([Fernet.generate_key().decode("ascii")], new_index_key()))
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise ImproperlyConfigured(f"{path}: the reports key file must be readable by its owner only "
                                   f"(mode {mode:o}); run: chmod 600 {path}")
    fernet, index = [], None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, value = line.partition(" ")
        where = f"{path}:{number}"
        if kind == "fernet":
            fernet.append(_check_fernet_key(value.strip().encode("ascii"), where))
        elif kind == "index":
            index = _decode_index_key(value.strip(), where)
        else:
            raise ImproperlyConfigured(f"{where}: expected 'fernet <key>' or 'index <key>'")
    if not fernet or index is None:
        raise ImproperlyConfigured(f"{path}: needs at least one 'fernet' line and one 'index' line")
    return Keyring(tuple(fernet), index, str(path))


@cache
def keyring() -> Keyring:
    """The keys in force, read once per process (call `reset_keys()` after changing them)."""
    env_keys = os.environ.get(KEYS_ENV, "").strip()
    if env_keys:
        index_text = os.environ.get(INDEX_KEY_ENV, "").strip()
        if not index_text:
            # A silently created index key would not match the one the existing indexes were made with.
            raise ImproperlyConfigured(f"{KEYS_ENV} is set, so {INDEX_KEY_ENV} must be set too")
        keys = tuple(_check_fernet_key(k.strip().encode("ascii"), KEYS_ENV) for k in env_keys.split(",") if k.strip())
        return Keyring(keys, _decode_index_key(index_text, INDEX_KEY_ENV), "env")
    return _read_key_file(key_file_path())


def reset_keys() -> None:
    """Forget the cached keys (after a key was added, or in tests)."""
    keyring.cache_clear()


def add_key_to_file() -> Path:
    """Put a new current Fernet key at the top of the key file (older keys stay, to decrypt)."""
    if os.environ.get(KEYS_ENV, "").strip():
        raise DomainError(f"密钥由环境变量 {KEYS_ENV} 提供：请在其最前面加入新密钥后再轮换。", field="keys",
                          code="keys_from_env")
    path = key_file_path()
    ring = _read_key_file(path)
    keys = [Fernet.generate_key().decode("ascii")] + [k.decode("ascii") for k in ring.fernet_keys]
    index = base64.urlsafe_b64encode(ring.index_key).decode("ascii")
    tmp = path.with_name(path.name + ".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key_file_text(keys, index))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    reset_keys()
    return path


# ---- sealing --------------------------------------------------------------------------------------------

def seal(obj: dict) -> bytes:
    """A JSON-able dict → a Fernet token (bytes) for a sealed column."""
    data = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return keyring().multi.encrypt(data.encode("utf-8"))


def unseal(token: bytes | memoryview | None) -> dict | None:
    """A sealed column's token → the dict sealed into it (None stays None)."""
    if token is None:
        return None
    return json.loads(unseal_bytes(token).decode("utf-8"))


def seal_bytes(data: bytes) -> bytes:
    return keyring().multi.encrypt(data)


def unseal_bytes(token: bytes | memoryview) -> bytes:
    try:
        return keyring().multi.decrypt(bytes(token))
    except InvalidToken:
        raise DomainError("无法解密：没有加密这份数据时所用的密钥（密钥文件或环境变量是否配置正确？）",
                          field="keys", code="bad_key") from None


def rotate_token(token: bytes | memoryview) -> bytes:
    """The same plaintext, encrypted again with the current key."""
    try:
        return keyring().multi.rotate(bytes(token))
    except InvalidToken:
        raise DomainError("无法轮换：有数据不是用现有任何一把密钥加密的。", field="keys", code="bad_key") from None


# ---- blind indexes --------------------------------------------------------------------------------------

_PUNCT_SPACE = re.compile(r"[\s\W_]+", re.UNICODE)
# Prefixes and legal-form spellings that vary between reports of the same unit (重庆市X有限责任公司 / X公司).
_UNIT_PREFIXES = ("重庆市綦江区", "重庆市", "綦江区")
_UNIT_FORMS = (("股份有限公司", "公司"), ("有限责任公司", "公司"), ("有限公司", "公司"))


def normalize_credit_code(value: str) -> str:
    """Full-width → half-width, upper case, no spaces or dashes (统一社会信用代码 as printed varies)."""
    return _PUNCT_SPACE.sub("", unicodedata.normalize("NFKC", value or "")).upper()


def normalize_unit_name(value: str) -> str:
    """A unit's name reduced to what two reporters of the same unit would both write."""
    text = _PUNCT_SPACE.sub("", unicodedata.normalize("NFKC", value or "")).casefold()
    for prefix in _UNIT_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 1:
            text = text[len(prefix):]
            break
    for long, short in _UNIT_FORMS:
        if text.endswith(long):
            text = text[: -len(long)] + short
            break
    return text


def blind_index(kind: str, value: str) -> str:
    """HMAC-SHA256 (hex) of a normalised value; `kind` ("credit_code" / "unit_name") keeps indexes apart.

    Empty input gives "" so that "not given" never matches "not given".
    """
    normal = normalize_credit_code(value) if kind == "credit_code" else normalize_unit_name(value)
    if not normal:
        return ""
    return hmac.new(keyring().index_key, f"{kind}:{normal}".encode(), sha256).hexdigest()


# ---- rotation -------------------------------------------------------------------------------------------

def rotate_all() -> dict[str, int]:
    """Re-encrypt every sealed column and evidence file with the current key, in one transaction.

    Returns counts per table ("reports.Report": n rows, …) and "evidence_files". Evidence files are
    written under new names and the old ones deleted only after the commit, so a failure leaves the old
    files, still referenced, in place.
    """
    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import transaction

    counts: dict[str, int] = {}
    written: list[str] = []
    try:
        with transaction.atomic():
            for model in apps.get_app_config("reports").get_models():
                fields = getattr(model, "SEALED_FIELDS", ())
                if not fields:
                    continue
                rows = 0
                for row in list(model.objects.select_for_update().only("pk", *fields).order_by("pk")):
                    changes = {f: rotate_token(getattr(row, f)) for f in fields if getattr(row, f) is not None}
                    if changes:
                        model.objects.filter(pk=row.pk).update(**changes)
                        rows += 1
                counts[model._meta.label] = rows
            files, old_names = 0, []
            evidence_model = apps.get_model("reports", "Evidence")
            for item in list(evidence_model.objects.select_for_update().only("pk", "stored_name").order_by("pk")):
                with default_storage.open(item.stored_name, "rb") as handle:
                    token = handle.read()
                new_name = default_storage.save(evidence_storage_name(), ContentFile(rotate_token(token)))
                written.append(new_name)
                evidence_model.objects.filter(pk=item.pk).update(stored_name=new_name)
                old_names.append(item.stored_name)
                files += 1
            counts["evidence_files"] = files
            transaction.on_commit(lambda: [default_storage.delete(n) for n in old_names])
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return counts


def evidence_storage_name() -> str:
    """A fresh random name under reports/evidence/ (the name says nothing about the file)."""
    return f"reports/evidence/{secrets.token_hex(16)}"
