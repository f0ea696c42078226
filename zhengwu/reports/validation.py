"""What a report must say (第三条) and the checks of the numbers in it.

- `clean_content(content)`: when (时间), where (地点), what (情形) and the unit (被举报单位名称) are required;
  a unified social credit code (统一社会信用代码) is checked against GB 32100-2015 when given;
- `clean_identity(identity, anonymous=…)`: a real-name report needs a name and a contact (有效联系方式);
  an anonymous one carries no name or ID number;

The identifiers themselves (GB 32100-2015 credit codes, GB 11643-1999 ID numbers) are checked by
`core.identifiers`, which says what is wrong.

Every error is a DomainError naming the field, e.g. `content.place`.
"""
import re
import unicodedata

from zhengwu.core.errors import DomainError
from zhengwu.core.identifiers import compact, credit_code_problem, id_number_problem

CONTENT_FIELDS = {  # key → (label, required, max length)
    "occurred_at": ("发生时间", True, 100),
    "place": ("地点", True, 200),
    "description": ("情形（举报内容）", True, 10000),
    "unit_name": ("被举报单位名称", True, 200),
    "credit_code": ("被举报单位统一社会信用代码", False, 30),
}
IDENTITY_FIELDS = {
    "name": ("姓名", 50),
    "id_number": ("身份证号码", 30),
    "phone": ("联系电话", 30),
    "email": ("电子邮箱", 100),
    "address": ("联系地址", 200),
    "bank_account": ("银行账号", 40),
}
CONTACT_KEYS = ("phone", "email", "address")

MOBILE_RE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^(?:\+?86)?(?:0\d{2,3})?\d{7,8}(?:-\d{1,6})?$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
BANK_RE = re.compile(r"^\d{12,30}$")


def _text(value, *, field: str, label: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DomainError(f"{label}应为文字。", field=field, code="bad_type")
    text = unicodedata.normalize("NFC", value).strip()
    if len(text) > limit:
        raise DomainError(f"{label}过长（{len(text)}字，最多{limit}字）。", field=field, code="too_long")
    return text


def clean_bank_account(value: str, *, field: str = "bank_account") -> str:
    """A bank account number without spaces or dashes; 12 to 30 digits."""
    account = compact(value or "")
    if not account:
        raise DomainError("请填写银行账号。", field=field, code="required")
    if not BANK_RE.match(account):
        raise DomainError("银行账号应为12至30位数字。", field=field, code="bad_bank_account")
    return account


def clean_content(content: dict, *, field: str = "content") -> dict:
    """The report's content with text trimmed; a DomainError naming the first missing or wrong field."""
    if not isinstance(content, dict):
        raise DomainError("举报内容应包括发生时间、地点、情形和被举报单位名称。", field=field, code="bad_type")
    unknown = sorted(set(content) - set(CONTENT_FIELDS))
    if unknown:
        raise DomainError(f"举报内容中没有“{unknown[0]}”这一项。", field=f"{field}.{unknown[0]}", code="unknown_field")
    cleaned = {}
    for key, (label, required, limit) in CONTENT_FIELDS.items():
        text = _text(content.get(key), field=f"{field}.{key}", label=label, limit=limit)
        if required and not text:
            raise DomainError(f"请填写{label}（綦应急发〔2021〕41号 第三条：举报内容应当说明发生的时间、地点、情形、"
                              "被举报单位名称）。", field=f"{field}.{key}", code="required")
        cleaned[key] = text
    if cleaned["credit_code"]:
        code = compact(cleaned["credit_code"])
        problem = credit_code_problem(code)
        if problem:
            raise DomainError(problem, field=f"{field}.credit_code", code="bad_credit_code")
        cleaned["credit_code"] = code
    return cleaned


def clean_identity(identity: dict | None, *, anonymous: bool, field: str = "identity",
                   need_contact: bool = True) -> dict:
    """The reporter's identity, checked; {} for an anonymous report that left nothing.

    Real name (实名): a name and at least one contact (phone, e-mail or address) unless `need_contact` is
    False (a joint report's later signatories). Anonymous: no name or ID number; a contact may be left.
    """
    identity = identity or {}
    if not isinstance(identity, dict):
        raise DomainError("举报人信息格式不对。", field=field, code="bad_type")
    unknown = sorted(set(identity) - set(IDENTITY_FIELDS))
    if unknown:
        raise DomainError(f"举报人信息中没有“{unknown[0]}”这一项。", field=f"{field}.{unknown[0]}", code="unknown_field")
    cleaned = {}
    for key, (label, limit) in IDENTITY_FIELDS.items():
        text = _text(identity.get(key), field=f"{field}.{key}", label=label, limit=limit)
        if text:
            cleaned[key] = text
    if anonymous and ("name" in cleaned or "id_number" in cleaned):
        raise DomainError("匿名举报不登记姓名和身份证号码；如愿意实名，请不要选择匿名。", field=f"{field}.name",
                          code="anonymous_with_name")
    if not anonymous and "name" not in cleaned:
        raise DomainError("实名举报请填写姓名；不愿留名可以选择匿名举报。", field=f"{field}.name", code="required")
    if "phone" in cleaned:
        phone = compact(cleaned["phone"])
        if not (MOBILE_RE.match(phone) or LANDLINE_RE.match(phone)):
            raise DomainError(f"联系电话“{cleaned['phone']}”不是有效的手机或固定电话号码。", field=f"{field}.phone",
                              code="bad_phone")
        cleaned["phone"] = phone
    if "email" in cleaned and not EMAIL_RE.match(cleaned["email"]):
        raise DomainError(f"电子邮箱“{cleaned['email']}”格式不对。", field=f"{field}.email", code="bad_email")
    if "id_number" in cleaned:
        number = compact(cleaned["id_number"])
        problem = id_number_problem(number)
        if problem:
            raise DomainError(problem, field=f"{field}.id_number", code="bad_id_number")
        cleaned["id_number"] = number
    if "bank_account" in cleaned:
        cleaned["bank_account"] = clean_bank_account(cleaned["bank_account"], field=f"{field}.bank_account")
    if not anonymous and need_contact and not any(k in cleaned for k in CONTACT_KEYS):
        raise DomainError("请留下有效联系方式：电话、电子邮箱或地址（第三条）；不便留下的可以选择匿名举报。",
                          field=f"{field}.phone", code="contact_required")
    return cleaned
