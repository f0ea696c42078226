"""JSON API of the waste system under /api/waste/.

- `POST /api/waste/events` — a batch of drop-off events from a card reader or an inspector's phone
  (Authorization: Bearer <device token>, `zhengwu waste add-reader`). Body: `{"events": [{"id", "card",
  "point", "at", "category", "correct"}, …]}`. Answer 200: `{"stored", "duplicates", "refused": [{"index",
  "id", "field", "reason"}], "outside_window": [ids], "points", "stored_ids", "duplicate_ids"}` — idempotent
  by event id, so a device resends a batch whose answer it did not get; refused events are named and the
  rest of the batch is kept. 400 when the body is not a batch at all, 401 without a valid token.
- `GET /api/waste/progress?on=YYYY-MM-DD` — the same list as `zhengwu waste progress --json`.
"""
from __future__ import annotations

import json

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from ninja import Router
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from zhengwu.core.dates import parse_date
from zhengwu.core.errors import DomainError

from .ingest import BatchError, ingest
from .models import ReaderKey
from .progress import progress
from .readers import reader_for

router = Router(tags=["waste"])
MAX_BODY_BYTES = 4 * 1024 * 1024  # 5,000 events of ~200 bytes with room to spare


class ReaderToken(HttpBearer):
    """The device's token (采集设备令牌)."""

    def __call__(self, request: HttpRequest) -> ReaderKey:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationError(message="请在请求头中提供设备令牌：Authorization: Bearer <令牌>。")
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ReaderKey:
        reader = reader_for(token)
        if reader is None:
            raise AuthenticationError(message="设备令牌无效或已停用。")
        return reader


def _error(message: str, field: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"code": "bad_batch", "field": field, "message": message}}, status=status,
                        json_dumps_params={"ensure_ascii": False})


EVENT_SCHEMA = {
    "type": "object", "required": ["events"],
    "properties": {"events": {"type": "array", "maxItems": 5000, "items": {
        "type": "object", "required": ["id", "card", "point", "at", "category", "correct"],
        "properties": {"id": {"type": "string", "pattern": "^[A-Za-z0-9._:-]{1,64}$", "description": "设备自己的事件编号（幂等键）"},
                       "card": {"type": "string", "description": "积分卡号"},
                       "point": {"type": "string", "description": "投放点编号"},
                       "at": {"type": "string", "format": "date-time", "description": "投放时间；无时区按北京时间"},
                       "category": {"type": "string", "enum": ["recyclable", "kitchen", "hazardous", "other"]},
                       "correct": {"type": "boolean", "description": "是否分类正确"}}}}}}


@router.post("/events", auth=ReaderToken(), summary="批量接收投放记录（按事件编号幂等）",
             openapi_extra={"requestBody": {"required": True,
                                            "content": {"application/json": {"schema": EVENT_SCHEMA}}}})
def events(request: HttpRequest) -> JsonResponse:
    length = request.META.get("CONTENT_LENGTH") or "0"
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        return _error(f"请求体过大（最多 {MAX_BODY_BYTES} 字节）。", "body", 413)
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return _error(f"请求体不是有效的 UTF-8 JSON：{exc}。", "body", 400)
    batch = body.get("events") if isinstance(body, dict) else None
    try:
        result = ingest(batch, source=request.auth.name)
    except BatchError as exc:
        return _error(str(exc), "events", 400)
    return JsonResponse(result.as_json(), json_dumps_params={"ensure_ascii": False})


@router.get("/progress", summary="各街镇撤桶并点进度与目标")
def progress_view(request: HttpRequest, on: str | None = None) -> JsonResponse:
    try:
        day = parse_date(on, field="on") if on else timezone.localdate()
        found = progress(day)
    except DomainError as exc:
        return _error(exc.message, exc.field or "on", 400)
    return JsonResponse([u.as_json() for u in found], safe=False, json_dumps_params={"ensure_ascii": False})
