"""Intake API for other systems (对接平台, e.g. the 12345 hotline): POST /api/reports/intake.

Authorization: Bearer <key> (clients.authenticate_client); a missing, unknown or deactivated key is
401 {"detail": "<message>"} with `WWW-Authenticate: Bearer`. No session or cookie is involved, so CSRF
does not apply (ninja checks CSRF only for cookie-based auth).

Body (JSON object), the arguments of intake.file_report:
  content      {occurred_at, place, description, unit_name, credit_code?}     required (第三条)
  anonymous    true / false (default false)
  identity     {name, id_number, phone, email, address, bank_account} or null (none for a joint report)
  signatories  [{name, id_number, phone, email, address, authorised}, …] in signing order (联名举报)
  evidence     [{"name": "现场.jpg", "data_base64": "…"}, …]                 optional
  received_at  ISO 8601 with a time zone, when the platform received it (default: now)

Answers: 201 {"reference", "receipt_code", "verification_due": "YYYY-MM-DD", "basis": [...]} — the
receipt code exists only in this answer, the platform passes it on to the reporter; 400 {"error":
{"code", "field", "message"}} for anything wrong, nothing written; 413 when the body is over
MAX_BODY_BYTES. channel is "api" and the report names the client.
"""
import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

try:
    from ninja import Status  # django-ninja ≥ 1.5: (status, body) tuples are deprecated
except ImportError:  # older django-ninja, still allowed by pyproject: the tuple is the way there
    def Status(status_code: int, value):  # noqa: N802 - stands in for the class
        return status_code, value

from zhengwu.core.errors import DomainError

from .clients import authenticate_client
from .evidence import MAX_FILES
from .headers import confidential
from .intake import file_report
from .models import IntakeClient
from .vocab import Channel

router = Router(tags=["reports"])

MAX_BODY_BYTES = 64 * 1024 * 1024  # base64 makes files a third larger: 20 MB of evidence is 27 MB
BODY_KEYS = ("content", "anonymous", "identity", "signatories", "evidence", "received_at")


class ClientKey(HttpBearer):
    """The platform's key (对接平台密钥) as a bearer token."""

    def __call__(self, request: HttpRequest) -> IntakeClient:
        # Parsed here rather than by HttpBearer, which under DEBUG logs a malformed header — the key with it.
        scheme, _, key = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise AuthenticationError(message="请在请求头中提供对接平台密钥：Authorization: Bearer <密钥>。")
        return self.authenticate(request, key.strip())

    def authenticate(self, request: HttpRequest, token: str) -> IntakeClient:
        try:
            return authenticate_client(token)
        except DomainError as exc:
            raise AuthenticationError(message=exc.message) from None


def _bearer_challenge(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A 401 says how to authenticate (RFC 6750)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="reports"'
        return response

    return wrapped


class IntakeOut(Schema):
    reference: str
    receipt_code: str
    verification_due: str
    basis: list[str]


class ErrorDetail(Schema):
    code: str
    field: str | None
    message: str


class ErrorOut(Schema):
    error: ErrorDetail


class Unauthorized(Schema):
    detail: str


_TEXT = {"type": "string"}
_PERSON = {"type": "object", "properties": {k: _TEXT for k in ("name", "id_number", "phone", "email", "address",
                                                                "bank_account")}}
REQUEST_SCHEMA = {
    "type": "object", "required": ["content"],
    "properties": {
        "content": {"type": "object", "required": ["occurred_at", "place", "description", "unit_name"],
                    "properties": {k: _TEXT for k in ("occurred_at", "place", "description", "unit_name",
                                                      "credit_code")}},
        "anonymous": {"type": "boolean", "default": False},
        "identity": {**_PERSON, "type": ["object", "null"]},
        "signatories": {"type": "array", "items": {**_PERSON, "properties": {**_PERSON["properties"],
                                                                             "authorised": {"type": "boolean"}}}},
        "evidence": {"type": "array", "maxItems": MAX_FILES, "items": {
            "type": "object", "required": ["name", "data_base64"],
            "properties": {"name": _TEXT, "data_base64": {"type": "string", "contentEncoding": "base64"}}}},
        "received_at": {"type": "string", "format": "date-time"},
    },
}


def _error(exc: DomainError) -> dict:
    return {"error": {"code": exc.code, "field": exc.field, "message": exc.message}}


def _read_body(request: HttpRequest) -> dict:
    # Read from the stream: request.body would stop at DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) with an
    # HTML 400, too small for evidence; the size is capped here instead.
    raw = request.read()
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DomainError(f"请求体不是有效的 UTF-8 JSON：{exc}。", field="body", code="bad_json") from None
    if not isinstance(body, dict):
        raise DomainError("请求体应为 JSON 对象。", field="body", code="bad_json")
    unknown = sorted(set(body) - set(BODY_KEYS))
    if unknown:
        raise DomainError(f"请求体中没有“{unknown[0]}”这一项；可用：{'、'.join(BODY_KEYS)}。", field=unknown[0],
                          code="unknown_field")
    return body


def _evidence(items) -> list[tuple[str, bytes]]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise DomainError("evidence 应为数组：[{\"name\": 文件名, \"data_base64\": 内容}]。", field="evidence",
                          code="bad_type")
    files = []
    for index, item in enumerate(items, start=1):
        where = f"evidence[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) \
                or not isinstance(item.get("data_base64"), str):
            raise DomainError(f"第{index}个证据应为 {{\"name\": 文件名, \"data_base64\": 内容}}。", field=where,
                              code="bad_type")
        try:
            files.append((item["name"], base64.b64decode(item["data_base64"], validate=True)))
        except (binascii.Error, ValueError):
            raise DomainError(f"第{index}个证据“{item['name']}”的 data_base64 不是有效的 Base64。",
                              field=f"{where}.data_base64", code="bad_base64") from None
    return files


def _received_at(value) -> dt.datetime | None:
    """When the platform received the report; the core refuses one without a time zone or in the future."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise DomainError(f"received_at 应为带时区的 ISO 8601 日期时间，如 2026-11-25T09:30:00+08:00，而不是“{value}”。",
                      field="received_at", code="bad_datetime")


@router.post("/intake", auth=ClientKey(), summary="对接平台转来一件安全生产举报（受理并返回回执码）",
             response={201: IntakeOut, 400: ErrorOut, 401: Unauthorized, 413: ErrorOut},
             openapi_extra={"requestBody": {"required": True,
                                            "content": {"application/json": {"schema": REQUEST_SCHEMA}}}})
@decorate_view(confidential, _bearer_challenge)
def intake(request: HttpRequest):
    """File one report relayed by the authenticated platform (channel "api"), 綦应急发〔2021〕41号 第三条."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    length = int(length) if length.isdigit() else 0
    if length > MAX_BODY_BYTES:
        return Status(413, _error(DomainError(f"请求体过大（{length} 字节，最多 {MAX_BODY_BYTES} 字节）。", field="body",
                                              code="too_large")))
    try:
        body = _read_body(request)
        anonymous = body.get("anonymous", False)
        if not isinstance(anonymous, bool):
            raise DomainError("anonymous 应为 true 或 false。", field="anonymous", code="bad_type")
        signatories = body.get("signatories") or []
        if not isinstance(signatories, list):
            raise DomainError("signatories 应为数组（按署名顺序）。", field="signatories", code="bad_type")
        filed = file_report(channel=Channel.API, client=request.auth, content=body.get("content"),
                            identity=body.get("identity"), anonymous=anonymous, signatories=signatories,
                            evidence=_evidence(body.get("evidence")), received_at=_received_at(body.get("received_at")))
    except DomainError as exc:
        return Status(400, _error(exc))
    report = filed.report
    return Status(201, {"reference": report.reference, "receipt_code": filed.receipt_code,
                        "verification_due": report.verification_due.isoformat(),
                        "basis": report.deadline_basis.get("verification_due", [])})
