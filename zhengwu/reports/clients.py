"""API clients that may file reports (对接平台, e.g. the 12345 hotline): create one, check a key, turn one off."""
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from zhengwu.core.errors import DomainError

from .models import IntakeClient

KEY_PREFIX = "zwr_"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewClient:
    """A client just created and its key — the only time the key is shown."""

    client: IntakeClient
    key: str


def create_client(name: str) -> NewClient:
    """Register an API client (对接平台) and return it with its key, shown once; only its hash is kept."""
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写对接平台名称。", field="name", code="required")
    key = KEY_PREFIX + secrets.token_urlsafe(32)  # 256 random bits
    try:
        with transaction.atomic():
            client = IntakeClient.objects.create(name=name, key_hash=_hash(key), key_prefix=key[:12])
    except IntegrityError:
        raise DomainError(f"已有名为“{name}”的对接平台。", field="name", code="duplicate") from None
    return NewClient(client, key)


def authenticate_client(key: str) -> IntakeClient:
    """The active client whose key this is, or a DomainError (the same one for unknown and inactive keys)."""
    digest = _hash(key or "")
    client = IntakeClient.objects.filter(key_hash=digest).first()
    # compare_digest: the look-up is by hash already; this keeps the final check constant-time too.
    if client is None or not client.active or not hmac.compare_digest(client.key_hash, digest):
        raise DomainError("对接平台密钥无效或已停用。", field="key", code="bad_client_key")
    return client


def deactivate_client(client: IntakeClient) -> IntakeClient:
    """Turn a client off (kept, so reports it filed still name their source)."""
    with transaction.atomic():
        IntakeClient.objects.filter(pk=client.pk).update(active=False)
    client.refresh_from_db()
    return client
