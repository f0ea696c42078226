"""Firms without accounts: the magic link (申报链接) and the firm's details as typed.

**Decision**: a firm gets no password account. Starting an application makes an ApplicantKey and shows
its link once: /subsidy/k/<key>/. Opening the link puts the key's id in the session and goes on to the
firm's page (/subsidy/my/), so the key stays out of later addresses; the link keeps working from any
browser until the bureau turns it off (ApplicantKey.active). The key is 256 random bits; the database
keeps its SHA-256 hash only (a fast hash is enough for a random key). The self-check needs no link.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.db import transaction
from django.utils import timezone

from zhengwu.core.errors import DomainError
from zhengwu.core.identifiers import compact, credit_code_problem

from .models import ApplicantKey, Firm

KEY_PREFIX = "zws_"
SESSION_KEY = "subsidies_applicant_key"
NAME_LIMIT = 200
PHONE_RE = re.compile(r"^[0-9+\- ]{7,20}$")


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key(firm: Firm) -> tuple[ApplicantKey, str]:
    """A new magic link for `firm`: (row, key). The key is returned this once and stored nowhere."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApplicantKey.objects.create(firm=firm, key_hash=_hash(key), key_prefix=key[:8])
    return row, key


def open_key(key: str) -> ApplicantKey:
    """The active ApplicantKey of `key`, marked used now; the same DomainError for unknown and inactive."""
    digest = _hash(key or "")
    row = ApplicantKey.objects.select_related("firm").filter(key_hash=digest).first()
    if row is None or not row.active or not hmac.compare_digest(row.key_hash, digest):
        raise DomainError("申报链接无效或已停用。请使用申报时保存的完整链接；链接遗失的，请联系区科技局。", field="key",
                          code="bad_key")
    ApplicantKey.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row


def clean_credit_code(value: str, *, field: str = "credit_code") -> str:
    """A unified social credit code (统一社会信用代码): 18 characters with a valid check character."""
    code = compact(str(value or ""))
    if not code:
        raise DomainError("请填写统一社会信用代码（18位，见营业执照或法人证书）。", field=field, code="required")
    problem = credit_code_problem(code)
    if problem:
        raise DomainError(problem, field=field, code="bad_credit_code")
    return code


def clean_name(value: str, *, field: str = "name") -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise DomainError("请填写单位名称（与营业执照一致）。", field=field, code="required")
    if len(name) > NAME_LIMIT:
        raise DomainError(f"单位名称过长（{len(name)}字，最多{NAME_LIMIT}字）。", field=field, code="too_long")
    return name


def clean_contact(name: str, phone: str) -> tuple[str, str]:
    contact = " ".join(str(name or "").split())
    if not contact:
        raise DomainError("请填写联系人。", field="contact_name", code="required")
    if len(contact) > 60:
        raise DomainError("联系人最多60个字。", field="contact_name", code="too_long")
    phone = str(phone or "").strip()
    if not PHONE_RE.match(phone):
        raise DomainError("请填写联系电话（手机或固定电话，7至20位数字）。", field="contact_phone", code="bad_phone")
    return contact, phone


def firm_for(credit_code: str, name: str, kind: str, *, is_sample: bool = False) -> Firm:
    """The firm with this credit code, created if new. An existing firm keeps its registered name: the
    code identifies it, and a name typed by whoever applies does not rename it."""
    if kind not in Firm.Kind.values:
        raise DomainError("单位类型应为企业或其他单位。", field="kind", code="bad_kind")
    with transaction.atomic():
        firm, _ = Firm.objects.get_or_create(credit_code=credit_code,
                                             defaults={"name": name, "kind": kind, "is_sample": is_sample})
    return firm
