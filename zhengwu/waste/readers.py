"""Devices that send drop-off batches (采集设备): a random token each, only its SHA-256 stored."""
from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from zhengwu.core.errors import DomainError

from .models import ReaderKey


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def add_reader(name: str) -> tuple[ReaderKey, str]:
    name = name.strip()
    if not name:
        raise DomainError("请填写设备名称。", field="name")
    if ReaderKey.objects.filter(name=name).exists():
        raise DomainError(f"已有名为“{name}”的设备。", field="name", code="duplicate_reader")
    token = secrets.token_urlsafe(32)
    return ReaderKey.objects.create(name=name, token_hash=token_hash(token)), token


def reader_for(token: str) -> ReaderKey | None:
    if not token:
        return None
    return ReaderKey.objects.filter(token_hash=token_hash(token), active=True).first()
