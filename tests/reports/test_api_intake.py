"""POST /api/reports/intake (对接平台, e.g. the 12345 hotline): 201 with the receipt code, 400 naming the field
with nothing written, 401 for a missing, wrong or deactivated key; no CSRF; confidential headers."""
import base64
import json

import pytest
from django.test import Client

from zhengwu.reports import crypto
from zhengwu.reports.clients import create_client, deactivate_client
from zhengwu.reports.evidence import open_evidence
from zhengwu.reports.models import Evidence, Report, Signatory
from zhengwu.reports.receipts import check_receipt

from .conftest import CONTENT, IDENTITY, NAME
from .test_public_form import CODE_RE, UA, pdf_bytes, png_bytes

URL = "/api/reports/intake"


@pytest.fixture
def platform(db):
    return create_client("綦江区12345政务服务便民热线")


@pytest.fixture
def api() -> Client:
    return Client(enforce_csrf_checks=True, HTTP_USER_AGENT=UA)  # a key-authenticated API needs no CSRF token


def post(api: Client, body, key: str | None = None, **headers):
    if key is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    data = body if isinstance(body, (bytes, str)) else json.dumps(body, ensure_ascii=False)
    return api.post(URL, data=data, content_type="application/json", **headers)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def test_anonymous_report_with_evidence_is_filed(api, platform):
    png, pdf = png_bytes(), pdf_bytes()
    body = {"content": CONTENT, "anonymous": True, "identity": {"phone": "13900001111"},
            "evidence": [{"name": "现场.png", "data_base64": b64(png)}, {"name": "记录.pdf", "data_base64": b64(pdf)}]}
    response = post(api, body, platform.key)
    assert response.status_code == 201, response.content
    answer = response.json()
    assert set(answer) == {"reference", "receipt_code", "verification_due", "basis"}
    report = Report.objects.get()
    assert answer["reference"] == report.reference
    assert CODE_RE.fullmatch(answer["receipt_code"]) and answer["receipt_code"].startswith(report.reference)
    assert answer["verification_due"] == report.verification_due.isoformat()
    assert answer["basis"] == report.deadline_basis["verification_due"] and "第四条" in answer["basis"][0]
    assert (report.channel, report.intake_client, report.anonymous) == ("api", platform.client, True)
    assert sorted(open_evidence(e).data for e in Evidence.objects.all()) == sorted([png, pdf])
    assert check_receipt(answer["receipt_code"]) == report
    assert "no-store" in response.headers["Cache-Control"] and response.headers["Referrer-Policy"] == "no-referrer"


def test_real_name_and_joint_reports(api, platform):
    response = post(api, {"content": CONTENT, "identity": IDENTITY, "received_at": "2026-11-25T09:30:00+08:00"},
                    platform.key)
    assert response.status_code == 201, response.content
    report = Report.objects.get(reference=response.json()["reference"])
    assert crypto.unseal(report.identity_sealed)["name"] == NAME
    assert report.accepted_on.isoformat() == "2026-11-25"
    joint = {"content": CONTENT, "signatories": [{"name": "王五", "phone": "13811112222"},
                                                 {"name": "赵六", "authorised": True}]}
    response = post(api, joint, platform.key)
    assert response.status_code == 201, response.content
    report = Report.objects.get(reference=response.json()["reference"])
    assert report.joint and [s.authorised for s in Signatory.objects.filter(report=report)] == [False, True]


@pytest.mark.parametrize(("body", "field", "code"), [
    ({"content": {**CONTENT, "place": ""}, "anonymous": True}, "content.place", "required"),
    ({"anonymous": True}, "content", "bad_type"),
    ({"content": CONTENT}, "identity.name", "required"),
    ({"content": CONTENT, "anonymous": "yes"}, "anonymous", "bad_type"),
    ({"content": CONTENT, "anonymous": True, "identity": {"name": NAME}}, "identity.name", "anonymous_with_name"),
    ({"content": CONTENT, "signatories": [{"name": "王五", "phone": "13811112222"}]}, "signatories", "joint_too_few"),
    ({"content": CONTENT, "signatories": "王五"}, "signatories", "bad_type"),
    ({"content": CONTENT, "anonymous": True, "evidence": [{"name": "a.png", "data_base64": "不是base64"}]},
     "evidence[1].data_base64", "bad_base64"),
    ({"content": CONTENT, "anonymous": True, "evidence": [{"name": "a.png", "data_base64": b64(b"plain text")}]},
     "evidence[1]", "file_type"),
    ({"content": CONTENT, "anonymous": True, "evidence": [{"name": "photo.jpg", "data_base64": b64(pdf_bytes())}]},
     "evidence[1]", "file_mismatch"),
    ({"content": CONTENT, "anonymous": True, "evidence": {"name": "a.png"}}, "evidence", "bad_type"),
    ({"content": CONTENT, "anonymous": True, "received_at": "昨天"}, "received_at", "bad_datetime"),
    ({"content": CONTENT, "anonymous": True, "received_at": "2026-11-25T09:30:00"}, "received_at", "bad_datetime"),
    ({"content": CONTENT, "anonymous": True, "channel": "web"}, "channel", "unknown_field"),
    ([CONTENT], "body", "bad_json"),
    ("{not json", "body", "bad_json"),
])
def test_bad_requests_are_400_naming_the_field_and_write_nothing(api, platform, body, field, code):
    response = post(api, body, platform.key)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert (error["field"], error["code"]) == (field, code)
    assert error["message"] and not error["message"].isascii()  # a Chinese message for people
    assert Report.objects.count() == 0 and Evidence.objects.count() == 0
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token zwr_abc",
                                           "Bearer zwr_not-a-real-key"])
def test_missing_or_wrong_key_is_401(api, platform, authorization):
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    response = post(api, {"content": CONTENT, "anonymous": True}, **headers)
    assert response.status_code == 401
    assert response.json()["detail"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert Report.objects.count() == 0


def test_a_deactivated_key_is_401(api, platform):
    deactivate_client(platform.client)
    response = post(api, {"content": CONTENT, "anonymous": True}, platform.key)
    assert response.status_code == 401
    assert response.json() == {"detail": "对接平台密钥无效或已停用。"}
    assert Report.objects.count() == 0


def test_only_post(api, platform):
    response = api.get(URL, HTTP_AUTHORIZATION=f"Bearer {platform.key}")
    assert response.status_code == 405
    assert Report.objects.count() == 0


def test_oversized_body_is_413(api, platform):
    from zhengwu.reports.api import MAX_BODY_BYTES

    response = post(api, "{}", platform.key, CONTENT_LENGTH=str(MAX_BODY_BYTES + 1))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_the_openapi_document_describes_the_endpoint(api, db):
    schema = api.get("/api/openapi.json").json()
    operation = schema["paths"][URL]["post"]
    assert set(operation["responses"]) >= {"201", "400", "401"}
    assert operation["security"] and schema["components"]["securitySchemes"]
    assert "content" in operation["requestBody"]["content"]["application/json"]["schema"]["properties"]
