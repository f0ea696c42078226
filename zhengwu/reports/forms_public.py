"""The public report form (举报表单, 綦应急发〔2021〕41号 第三条): its fields, what a POST becomes, its errors.

`ReportForm` turns the posted fields and files into the arguments of `intake.file_report` and collects
the problems to show: each section (content, reporter, signatories, evidence) is checked with the core's
own functions before filing, so one submission lists every section's problem instead of one at a time;
`file_report` then checks everything again and writes nothing when it refuses. A DomainError's field
("content.place", "signatories[2].phone", "evidence[1]") becomes the id of the input to link to.

`EvidenceUploadHandler` keeps uploaded files in memory: evidence never lands unencrypted in a temporary
file on disk (Django writes uploads over 2.5 MB to one), and the core reads every file whole anyway.
"""
import io
import re
from dataclasses import dataclass

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import QueryDict

from zhengwu.core.errors import DomainError

from .evidence import MAX_BYTES, MAX_FILES, POLICY, check_file, check_files
from .validation import CONTENT_FIELDS, IDENTITY_FIELDS, clean_content, clean_identity

MAX_UPLOAD_BYTES = 5 * MAX_BYTES  # all evidence files of one submission together: 100 MB
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 2 * 1024 * 1024  # larger requests are refused unread (413)
SIGNATORY_ROWS = 5
SIGNATORY_KEYS = ("name", "id_number", "phone")
IDENTITY_KEYS = ("name", "id_number", "phone", "email", "address")
PLACEHOLDER = "-"
FORM_TARGET = "report-form"  # errors that belong to no one input link to the form itself
MODE_TARGET = "mode-real_name"

MODES = {
    "real_name": ("实名举报（提倡）", "填写下面的“举报人信息”：姓名和至少一种联系方式。"),
    "anonymous": ("匿名举报", "不填姓名和身份证号码；联系方式可以不填，留下则便于核实和通知领奖。凭回执码查询办理情况和领奖。"),
    "joint": ("多人联名举报", "在“联名举报署名人”中按署名顺序填写至少两人，不填“举报人信息”。奖金由第一署名人或其书面委托的署名人领取（第六条）。"),
}

ACCEPT = POLICY.accept


@dataclass
class Field:
    """One input of the form: what the template needs to render it accessibly, and what was typed."""

    name: str  # the input's name and id
    label: str
    need: str = ""  # "必填", "可不填" …, shown in the label
    hint: str = ""
    autocomplete: str = "off"
    input_type: str = "text"
    inputmode: str = ""
    multiline: bool = False
    maxlength: int | None = None
    required: bool = False
    value: str = ""
    error: str = ""

    @property
    def hint_id(self) -> str:
        return f"{self.name}-hint"

    @property
    def error_id(self) -> str:
        return f"{self.name}-error"

    @property
    def describedby(self) -> str:
        ids = [self.hint_id] if self.hint else []
        return " ".join([*ids, self.error_id] if self.error else ids)


def _content_fields() -> dict[str, Field]:
    hints = {
        "occurred_at": "可以写日期，也可以写大致时间，如“2026年11月20日夜间”“近一个月每天夜里”。",
        "place": "尽量具体到街道、厂区、车间或楼层。",
        "description": "重大事故隐患或安全生产违法行为的具体情形：发生了什么、涉及哪些设备或人员、持续多久。",
        "unit_name": "单位全称；不知道全称的，写出您知道的名称。",
        "credit_code": "18位，可在营业执照上找到；不知道可以不填。",
    }
    fields = {}
    for key, (label, required, limit) in CONTENT_FIELDS.items():
        label = {"description": "情形（举报内容）"}.get(key, label)
        fields[key] = Field(key, label, need="必填" if required else "可不填", hint=hints[key], maxlength=limit,
                            required=required, multiline=key == "description")
    fields["credit_code"].label = "统一社会信用代码"
    return fields


def _identity_fields() -> dict[str, Field]:
    limits = {key: limit for key, (_, limit) in IDENTITY_FIELDS.items()}
    return {
        "name": Field("name", "姓名", need="实名举报必填", autocomplete="name", maxlength=limits["name"]),
        "id_number": Field("id_number", "身份证号码", need="可不填", hint="18位；领奖时须凭有效证件（第七条）。",
                           maxlength=limits["id_number"]),
        "phone": Field("phone", "联系电话", need="可不填", hint="手机或固定电话。", autocomplete="tel", input_type="tel",
                       maxlength=limits["phone"]),
        "email": Field("email", "电子邮箱", need="可不填", autocomplete="email", input_type="email",
                       maxlength=limits["email"]),
        "address": Field("address", "联系地址", need="可不填", autocomplete="street-address",
                         maxlength=limits["address"]),
    }


def _signatory_fields(row: int) -> dict[str, Field]:
    limits = {key: limit for key, (_, limit) in IDENTITY_FIELDS.items()}
    # autocomplete off: these are other people's details, not the browser owner's.
    return {
        "name": Field(f"sig{row}_name", "姓名", need="填写此行时必填", maxlength=limits["name"]),
        "id_number": Field(f"sig{row}_id_number", "身份证号码", need="可不填", maxlength=limits["id_number"]),
        "phone": Field(f"sig{row}_phone", "联系电话", need="至少一人填写", input_type="tel",
                       maxlength=limits["phone"]),
    }


@dataclass(frozen=True)
class FormError:
    target: str  # id of the input the summary links to
    message: str


_SIGNATORY_RE = re.compile(r"^signatories\[(\d+)\](?:\.(\w+))?$")
_EVIDENCE_RE = re.compile(r"^evidence(?:\[\d+\])?$")


class EvidenceUploadHandler(FileUploadHandler):
    """Uploads kept in memory only, at most MAX_UPLOAD_BYTES in all; a file that would go past that is
    skipped (the rest of the form still arrives) and named in `skipped`."""

    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.stored = 0
        self.current = 0
        self.skipped: list[str] = []

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.file = io.BytesIO()
        self.current = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.current += len(raw_data)
        if self.stored + self.current > MAX_UPLOAD_BYTES:
            self.skipped.append(self.file_name)
            raise SkipFile()
        self.file.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.stored += self.current
        self.file.seek(0)
        return InMemoryUploadedFile(file=self.file, field_name=self.field_name, name=self.file_name,
                                    content_type=self.content_type, size=file_size, charset=self.charset,
                                    content_type_extra=self.content_type_extra)


class ReportForm:
    """The form's fields and values (GET: empty; POST: as typed), and after `check()`/`add_error()` its errors."""

    def __init__(self, data: QueryDict | None = None, files=(), skipped=()) -> None:
        data = data if data is not None else QueryDict()
        self.content = _content_fields()
        self.identity = _identity_fields()
        self.signatories = [_signatory_fields(row) for row in range(1, SIGNATORY_ROWS + 1)]
        for f in self._all_fields():
            f.value = (data.get(f.name) or "").strip()
        mode = data.get("mode", "")
        self.mode = mode if mode in MODES else ("" if data else "real_name")
        self.files = [(f.name, f.read()) for f in files]
        self.skipped = list(skipped)
        self.errors: list[FormError] = []
        self.submitted = bool(data)

    # -- for the template ---------------------------------------------------------------------------

    @property
    def modes(self) -> list[dict]:
        return [{"value": value, "label": label, "hint": hint, "id": f"mode-{value}", "checked": value == self.mode}
                for value, (label, hint) in MODES.items()]

    @property
    def mode_error(self) -> str:
        return " ".join(e.message for e in self.errors if e.target == MODE_TARGET)

    @property
    def evidence(self) -> Field:
        error = " ".join(e.message for e in self.errors if e.target == "evidence")
        return Field("evidence", "证据材料", need="可不选",
                     hint=f"照片、视频、录音、文件等，可以一次选择多个：最多{MAX_FILES}个，每个不超过{MAX_BYTES // 2**20} MB，"
                          f"合计不超过{MAX_UPLOAD_BYTES // 2**20} MB；接收图片、PDF、Office 文档和常见音频、视频。",
                     input_type="file", error=error)

    @property
    def files_to_choose_again(self) -> int:
        """How many files were sent with a submission that was refused: they are not kept."""
        return len(self.files) + len(self.skipped)

    @property
    def signatory_rows(self) -> list[dict]:
        return [{"number": row, "fields": list(fields.values())} for row, fields in enumerate(self.signatories, 1)]

    @property
    def accept(self) -> str:
        return ACCEPT

    # -- what the submission says ---------------------------------------------------------------------

    def _all_fields(self) -> list[Field]:
        return [*self.content.values(), *self.identity.values(), *(f for row in self.signatories for f in row.values())]

    def _content(self) -> dict:
        return {key: f.value for key, f in self.content.items()}

    def _identity(self) -> dict:
        return {key: f.value for key, f in self.identity.items() if f.value}

    def _filled_rows(self) -> list[tuple[int, dict]]:
        """(form row number, {key: value}) of the signatory rows with anything in them, in order."""
        rows = []
        for number, fields in enumerate(self.signatories, 1):
            values = {key: f.value for key, f in fields.items() if f.value}
            if values:
                rows.append((number, values))
        return rows

    def arguments(self) -> dict:
        """The keyword arguments of intake.file_report (without channel)."""
        # Typed reporter details go along in a joint report too: file_report refuses them there, not us.
        joint = self.mode == "joint"
        return {"content": self._content(), "anonymous": self.mode == "anonymous", "identity": self._identity(),
                "signatories": [values for _, values in self._filled_rows()] if joint else [],
                "evidence": self.files}

    # -- errors ---------------------------------------------------------------------------------------

    def target(self, name: str | None, *, rows: list[int] | None = None) -> str:
        """The input id for a DomainError field; `rows` maps a signatory's place among the filled rows
        (as file_report counts) to its form row."""
        name = name or ""
        if name.startswith("content.") and name[8:] in self.content:
            return name[8:]
        if name == "content":
            return "occurred_at"
        if name.startswith("identity"):
            key = name.partition(".")[2]
            return key if key in self.identity else "name"
        match = _SIGNATORY_RE.match(name)
        if match or name == "signatories":
            index = int(match[1]) if match else 1
            row = rows[index - 1] if rows and 0 < index <= len(rows) else index
            key = match[2] if match and match[2] in SIGNATORY_KEYS else "name"
            return f"sig{min(max(row, 1), SIGNATORY_ROWS)}_{key}"
        if _EVIDENCE_RE.match(name):
            return "evidence"
        return FORM_TARGET

    def _add(self, target: str, message: str) -> None:
        self.errors.append(FormError(target, message))
        for f in self._all_fields():
            if f.name == target and not f.error:
                f.error = message

    def add_error(self, exc: DomainError, *, rows: list[int] | None = None) -> None:
        self._add(self.target(exc.field, rows=rows), exc.message)

    def filled_row_numbers(self) -> list[int]:
        return [number for number, _ in self._filled_rows()]

    def check(self) -> bool:
        """Check each section with the core's checks; True when nothing is wrong (file_report may still refuse)."""
        if self.mode not in MODES:
            self._add(MODE_TARGET, "请选择实名举报、匿名举报或多人联名举报。")
        self._check_content()
        if self.mode in ("real_name", "anonymous"):
            self._check_identity()
        self._check_signatories()
        self._check_evidence()
        return not self.errors

    def _check_content(self) -> None:
        # clean_content stops at the first problem: blank each field it names and ask again, so every
        # problem is listed at once.
        probe = self._content()
        for _ in range(len(CONTENT_FIELDS)):
            try:
                clean_content(probe)
                return
            except DomainError as exc:
                self.add_error(exc)
                key = (exc.field or "").partition(".")[2]
                if key not in CONTENT_FIELDS or probe.get(key) == PLACEHOLDER:
                    return
                probe[key] = PLACEHOLDER if CONTENT_FIELDS[key][1] else ""

    def _check_identity(self) -> None:
        try:
            clean_identity(self._identity(), anonymous=self.mode == "anonymous")
        except DomainError as exc:
            self.add_error(exc)

    def _check_signatories(self) -> None:
        rows = self._filled_rows()
        if self.mode != "joint":
            if rows:
                self._add(f"sig{rows[0][0]}_name", "您填写了联名举报署名人，但没有选择“多人联名举报”："
                          "请选择多人联名举报，或清空署名人各栏。")
            return
        if len(rows) < 2:
            # With no row at all file_report would ask for the reporter's name instead: say it here.
            free = next(n for n in range(1, SIGNATORY_ROWS + 1) if n not in {r for r, _ in rows})
            self._add(f"sig{free}_name", "多人联名举报请按署名顺序至少填写两名署名人；一人举报请选择实名举报或匿名举报。")
        for number, values in rows:
            try:
                clean_identity(values, anonymous=False, field=f"signatories[{number}]", need_contact=False)
            except DomainError as exc:
                self.add_error(exc)

    def _check_evidence(self) -> None:
        for name in self.skipped:
            self._add("evidence", f"证据文件“{name}”未能接收：一次提交的证据文件合计不能超过"
                                  f"{MAX_UPLOAD_BYTES // 2**20} MB。")
        if len(self.files) > MAX_FILES:
            try:
                check_files(self.files)
            except DomainError as exc:
                self.add_error(exc)
            return
        for index, (name, data) in enumerate(self.files, start=1):
            try:
                check_file(name, data, field=f"evidence[{index}]")
            except DomainError as exc:
                self.add_error(exc)
