"""The public report form /report/ (第三条): what a member of the public sees, filing anonymous, real-name and
joint reports with real evidence files, the receipt shown once, and refused submissions (400, nothing written).

Also the page helpers the other public tests share: real PNG / PDF bytes, an HTML reader, a form filler."""
import io
import re
import struct
import zlib
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from zhengwu.reports.evidence import open_evidence
from zhengwu.reports.models import CaseEvent, Evidence, Report, Signatory
from zhengwu.reports.receipts import check_receipt

from .conftest import CREDIT_CODE, DESCRIPTION, ID_NUMBER, PLACE, UNIT

UA = "Mozilla/5.0 (ZhengwuTest; SecretAgent-7Q) Reporter/1.0"
CODE_RE = re.compile(r"JB\d{4}-\d{6}-[23456789A-HJ-NP-Z]{10}")


def png_bytes(width: int = 3, height: int = 2) -> bytes:
    """A real, decodable PNG (RGB, one red row after another)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def pdf_bytes() -> bytes:
    """A real one-page PDF (pypdf)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=100)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class Page(HTMLParser):
    """What a test needs from a page: its elements with attributes, label targets, visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.label_for: set[str] = set()
        self.text_parts: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text_parts))

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def by_id(self, element_id: str) -> dict:
        found = [a for _, a in self.elements if a.get("id") == element_id]
        assert len(found) == 1, (element_id, found)
        return found[0]

    def urls(self) -> list[str]:
        return [a[k] for _, a in self.elements for k in ("href", "src", "action") if a.get(k)]


def page_of(response) -> Page:
    return Page(response.content.decode())


def form_data(mode: str = "anonymous", **overrides) -> dict:
    """A complete submission of the form; override or blank any field."""
    data = {"mode": mode, "occurred_at": "2026年11月20日夜间", "place": PLACE, "description": DESCRIPTION,
            "unit_name": UNIT, "credit_code": CREDIT_CODE}
    if mode == "real_name":
        data.update(name="李四", phone="13987654321", id_number=ID_NUMBER)
    data.update(overrides)
    return data


def upload(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def client() -> Client:
    return Client(HTTP_USER_AGENT=UA)


def submit(client: Client, data: dict, files=()):
    payload = dict(data)
    if files:
        payload["evidence"] = list(files)
    return client.post("/report/", payload)


def receipt_code(response) -> str:
    page = page_of(response)
    codes = CODE_RE.findall(page.text)
    assert len(set(codes)) == 1, codes
    return codes[0]


# ---- the empty form ---------------------------------------------------------------------------------

def test_form_has_a_label_for_every_input_and_fieldsets_with_legends(client, db):
    response = client.get("/report/")
    assert response.status_code == 200
    page = page_of(response)
    form = page.find("form", id="report-form")[0]
    assert (form["method"], form["enctype"]) == ("post", "multipart/form-data")
    inputs = [a for t, a in page.elements if t in ("input", "textarea", "select")
              and a.get("type") not in ("hidden", "submit")]
    assert len(inputs) >= 5 + 5 + 3 + 1 + 3 * 5  # content, reporter, modes, evidence, 5 signatory rows
    unlabelled = [a.get("name") for a in inputs if a.get("id") not in page.label_for]
    assert unlabelled == []
    html = response.content.decode()
    assert html.count("<fieldset") == html.count("<legend>") >= 9
    for required in ("occurred_at", "place", "description", "unit_name"):
        assert "required" in page.by_id(required)
    assert "（必填）" in page.text and "（可不填）" in page.text
    assert "multiple" in page.by_id("evidence") and ".png" in page.by_id("evidence")["accept"]
    assert page.by_id("name")["autocomplete"] == "name" and page.by_id("phone")["autocomplete"] == "tel"
    assert page.by_id("sig1_name")["autocomplete"] == "off"
    assert page.find("input", name="csrfmiddlewaretoken")
    # the other ways to report and the confidentiality statement (第三条, 第十条)
    for text in ("12350", "61271258", "61271200", "372935518@qq.com", "yjglj@qj.cq", "通惠大道56号附5号", "第十条"):
        assert text in page.text, text
    assert "checked" in page.by_id("mode-real_name")
    assert not page.find("img")  # no CAPTCHA or any other image to read


@pytest.mark.parametrize("path", ["/report/", "/report/follow-up/", "/report/announcements/"])
def test_public_pages_load_nothing_from_outside_and_run_no_inline_code(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    page = page_of(response)
    outside = [u for u in page.urls() if re.match(r"^(?:[a-z]+:)?//", u, re.I)]
    assert outside == []
    assert not page.find("script") and not page.find("style")
    assert not [a for _, a in page.elements if "style" in a or any(k.startswith("on") for k in a)]
    assert "/static/reports/public.css" in page.urls()


# ---- filing -----------------------------------------------------------------------------------------

def test_anonymous_report_with_a_png_and_a_pdf_is_filed_and_the_receipt_shown_once(client, db):
    png, pdf = png_bytes(), pdf_bytes()
    response = submit(client, form_data("anonymous", phone=""),
                      [upload("现场照片.png", png, "image/png"), upload("整改通知.pdf", pdf, "application/pdf")])
    assert response.status_code == 200
    assert "Location" not in response.headers  # no redirect: the code would need a URL or the session
    page = page_of(response)
    assert "举报已受理" in page.text
    code = receipt_code(response)
    report = Report.objects.get()
    assert code.startswith(report.reference + "-")
    assert (report.channel, report.anonymous, report.joint, report.identity_sealed) == ("web", True, False, None)
    assert "只显示这一次" in page.text and "无法查看、再次显示或找回" in page.text
    assert page.by_id("verification-due") is not None and "第四条" in page.text
    assert report.deadline_basis["verification_due"][0] in page.text
    assert page.find("a", href="/report/follow-up/")
    assert not any(code in url or report.reference in url for url in page.urls())
    # the evidence, decrypted, is the bytes that were sent
    stored = sorted((f.name, f.content_type, f.data) for f in map(open_evidence, Evidence.objects.all()))
    assert stored == [("整改通知.pdf", "application/pdf", pdf), ("现场照片.png", "image/png", png)]
    assert check_receipt(code) == report
    assert "sessionid" not in response.cookies and not client.session.keys()


def test_real_name_report_keeps_the_identity_sealed(client, db):
    from zhengwu.reports import crypto

    response = submit(client, form_data("real_name", email="lisi@example.cn"))
    assert response.status_code == 200
    report = Report.objects.get()
    assert not report.anonymous
    assert crypto.unseal(report.identity_sealed) == {"name": "李四", "phone": "13987654321", "id_number": ID_NUMBER,
                                                      "email": "lisi@example.cn"}
    assert check_receipt(receipt_code(response)) == report


def test_joint_report_counts_only_the_filled_rows_in_order(client, db):
    from zhengwu.reports import crypto

    rows = {"sig2_name": "王五", "sig2_phone": "13811112222", "sig4_name": "赵六", "sig4_id_number": ID_NUMBER}
    response = submit(client, form_data("joint", **rows))
    assert response.status_code == 200, page_of(response).text[:500]
    report = Report.objects.get()
    assert report.joint and report.identity_sealed is None
    people = [(s.order, crypto.unseal(s.identity_sealed)) for s in Signatory.objects.filter(report=report)]
    assert people == [(1, {"name": "王五", "phone": "13811112222"}), (2, {"name": "赵六", "id_number": ID_NUMBER})]
    event = CaseEvent.objects.get(report=report)
    assert event.details["signatories"] == 2 and event.details["channel"] == "web"
    receipt_code(response)


# ---- refused submissions ------------------------------------------------------------------------------

def test_missing_fields_are_all_listed_in_the_summary_linked_to_their_inputs(client, db):
    response = submit(client, form_data("real_name", place="", unit_name=" ", name="", phone="", id_number=""))
    assert response.status_code == 400
    assert Report.objects.count() == 0
    page = page_of(response)
    summary = re.search(r'<div class="error-summary".*?</div>', response.content.decode(), re.S).group(0)
    targets = re.findall(r'href="#([\w-]+)"', summary)
    assert targets == ["place", "unit_name", "name"]
    assert "请填写地点" in summary and "请填写被举报单位名称" in summary and "实名举报请填写姓名" in summary
    place = page.by_id("place")
    assert place["aria-invalid"] == "true" and "place-error" in place["aria-describedby"].split()
    assert re.search(r'<p id="place-error" class="field-error">请填写地点', response.content.decode())
    assert page.by_id("description").get("aria-invalid") is None
    # what was typed is still there
    assert page.by_id("occurred_at")["value"] == "2026年11月20日夜间"
    assert DESCRIPTION in response.content.decode()
    assert "checked" in page.by_id("mode-real_name")
    assert response.context["form"].errors and "错误：" in re.search(r"<title>(.*?)</title>",
                                                                    response.content.decode()).group(1)


def test_a_wrong_file_refuses_everything_and_asks_to_choose_files_again(client, db):
    response = submit(client, form_data("anonymous"),
                      [upload("现场.png", png_bytes(), "image/png"), upload("照片.jpg", pdf_bytes(), "image/jpeg")])
    assert response.status_code == 400
    assert Report.objects.count() == 0 and Evidence.objects.count() == 0
    page = page_of(response)
    assert "照片.jpg" in page.text and "与扩展名不符" in page.text
    assert page.find("a", href="#evidence")
    assert "请重新选择证据文件" in page.text
    assert page.by_id("evidence")["aria-invalid"] == "true"
    assert page.by_id("place")["value"] == PLACE


def test_errors_from_file_report_itself_are_shown_too(client, db):
    """A rule only file_report knows (a contact for at least one signatory) still lands on the right row."""
    response = submit(client, form_data("joint", sig2_name="王五", sig3_name="赵六"))
    assert response.status_code == 400
    assert Report.objects.count() == 0
    page = page_of(response)
    assert "请至少为一名署名人留下有效联系方式" in page.text
    assert page.find("a", href="#sig2_phone")  # the first filled row, not form row 1


@pytest.mark.parametrize(("data", "target", "message"), [
    (form_data("anonymous", name="李四"), "name", "匿名举报不登记姓名"),
    (form_data("joint", sig1_name="王五", sig1_phone="13811112222"), "sig2_name", "至少填写两名署名人"),
    (form_data("real_name", sig1_name="王五"), "sig1_name", "没有选择“多人联名举报”"),
    (form_data("joint", name="李四", sig1_name="王五", sig1_phone="13811112222", sig2_name="赵六"), "name",
     "联名举报的举报人信息请按署名顺序填写在署名人中"),
    (form_data("anonymous", credit_code="91350100M000100Y44"), "credit_code", "校验码不对"),
    (form_data("real_name", phone="12345"), "phone", "不是有效的手机或固定电话号码"),
    (form_data("joint", sig1_name="王五", sig1_id_number="110105194912310021", sig2_name="赵六"),
     "sig1_id_number", "身份证号码不对"),
    ({k: v for k, v in form_data("anonymous").items() if k != "mode"}, "mode-real_name", "请选择实名举报"),
])
def test_each_refusal_names_its_field(client, db, data, target, message):
    response = submit(client, data)
    assert response.status_code == 400
    assert Report.objects.count() == 0
    page = page_of(response)
    assert message in page.text
    assert page.find("a", href=f"#{target}"), re.findall(r'href="#[^"]+"', response.content.decode())


def test_csrf_is_enforced_on_the_form(db):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/report/", form_data("anonymous"))
    assert response.status_code == 403
    assert Report.objects.count() == 0
    token = page_of(strict.get("/report/")).find("input", name="csrfmiddlewaretoken")[0]["value"]
    response = strict.post("/report/", {**form_data("anonymous"), "csrfmiddlewaretoken": token})
    assert response.status_code == 200 and Report.objects.count() == 1


@pytest.mark.parametrize("secure", [False, True])
def test_origin_null_from_our_no_referrer_pages_still_needs_the_token(db, secure):
    """Browsers post a no-referrer page's form with Origin: null (and no Referer): accepted with the token,
    refused without it; a real foreign origin is refused even with the token."""
    strict = Client(enforce_csrf_checks=True)
    token = page_of(strict.get("/report/", secure=secure)).find("input", name="csrfmiddlewaretoken")[0]["value"]
    data = form_data("anonymous")
    assert strict.post("/report/", data, HTTP_ORIGIN="null", secure=secure).status_code == 403
    response = strict.post("/report/", {**data, "csrfmiddlewaretoken": token}, HTTP_ORIGIN="https://evil.example",
                           secure=secure)
    assert response.status_code == 403
    assert Report.objects.count() == 0
    response = strict.post("/report/", {**data, "csrfmiddlewaretoken": token}, HTTP_ORIGIN="null", secure=secure)
    assert response.status_code == 200 and Report.objects.count() == 1
    code = receipt_code(response)
    follow = strict.post("/report/follow-up/", {"code": code, "csrfmiddlewaretoken": token}, HTTP_ORIGIN="null",
                         secure=secure)
    assert follow.status_code == 200 and "已受理" in page_of(follow).text
    assert strict.post("/report/follow-up/", {"code": code}, HTTP_ORIGIN="null", secure=secure).status_code == 403


def test_an_oversized_request_is_refused_unread(client, db):
    from zhengwu.reports.forms_public import MAX_REQUEST_BYTES

    response = client.post("/report/", data=b"x", content_type="multipart/form-data; boundary=zz",
                           CONTENT_LENGTH=str(MAX_REQUEST_BYTES + 1))
    assert response.status_code == 413
    assert "合计不能超过 100 MB" in page_of(response).text
    assert Report.objects.count() == 0


def test_files_past_the_total_are_skipped_and_named(client, db, monkeypatch):
    from zhengwu.reports import forms_public

    big = png_bytes(40, 40)
    monkeypatch.setattr(forms_public, "MAX_UPLOAD_BYTES", len(big) + 10)  # room for one file, not two
    response = submit(client, form_data("anonymous"),
                      [upload("一.png", big, "image/png"), upload("二.png", big, "image/png")])
    assert response.status_code == 400
    assert "证据文件“二.png”未能接收" in page_of(response).text
    assert Report.objects.count() == 0
