"""Notices of a case (告知书、通知书、公告) as Word files in GB/T 9704-2012 style, 綦应急发〔2021〕41号.

`notice_docx(report, kind, *, user)` → (file name, DOCX bytes) for one of `KINDS`:

- "receipt" 受理告知书 (第三条, 第四条): reference, day accepted, verification due and its basis, how to
  follow up — never the receipt code, which exists only once, at intake;
- "extension" 核查延期告知书 (第四条): the new due date, the reason and who approved it;
- "reward_notice" 领奖通知书 (第七条（二）（三）): amount, claim due 60 days after the notice, where and how
  to claim (in person with valid ID, or bank transfer); addressed to the payee by name (第六条第二款).
  Once the notice was sent it is dated and counted as sent (a re-print); before, it is dated today;
- "lapse" 逾期未领奖金告知书 (第七条（三）);
- "announcement" 领奖公告 for a reporter who cannot be told (第七条（三）): reference and claim deadline only —
  no identity, no content, no amount (第十条).

Issuer (发文机关): the receipt and the announcement come from the department that accepted the report,
区应急局 (第三条 统一受理; 第七条（三） 受理举报的部门可以公告); the extension, the reward notice and the lapse
from the unit that verifies and rewards (第七条（一） 举报奖励由受理核查处理的部门实施), 区应急局 until routed.

Access (第十条): `user` None is the system (the command line), allowed only for notices that read nothing
sealed. With a user, only the office or the handling unit may produce a notice. The reward notice reads the
sealed reward and, for a named reporter, the identity: both reads go through access.py with the reason
“生成领奖通知书” and are logged against the user, who must hold the rights (identity: permission
`reports.view_reporter_identity`) — so it always needs a user. A kind that does not fit the case's state is
refused with DomainError code "wrong_state"; `kinds_for(report)` lists the kinds that fit.
"""
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from zhengwu.core.chinese import chinese_date
from zhengwu.core.errors import DomainError
from zhengwu.core.officialdoc import HEITI, KAITI, OfficialWriter
from zhengwu.org.resolve import lookup_organization

from .access import IDENTITY_PERM, check_can_handle, read_reward, reveal_identity
from .deadlines import CLAIM_DAYS, DOC, compute_due
from .models import CaseEvent, Report
from .vocab import Channel, State
from .workflow import is_office_unit

KINDS: dict[str, str] = {
    "receipt": "受理告知书",
    "extension": "核查延期告知书",
    "reward_notice": "领奖通知书",
    "lapse": "逾期未领奖金告知书",
    "announcement": "领奖公告",
}
MEASURES = "《重庆市綦江区安全生产举报奖励办法》（綦应急发〔2021〕41号）"
OFFICE_NAME = "重庆市綦江区应急管理局"  # used when the registry has no 区应急局 (a bare database)
# 第三条 gives the office's address and hotlines; other units' addresses are not known to the system.
OFFICE_ADDRESS = "重庆市綦江区通惠大道56号附5号"
HOTLINES = "12350、61271258"
REASON = "生成领奖通知书"
CHANNEL_PHRASES = {Channel.PHONE_12350: "12350举报电话", Channel.PHONE_61271258: "61271258举报电话", Channel.WEB: "网络",
                   Channel.FAX: "传真", Channel.LETTER: "信函", Channel.EMAIL: "电子邮件", Channel.IN_PERSON: "来访",
                   Channel.API: "对接平台"}
# A reward notice exists from the decision on (a draft dated today) and is re-printed as sent afterwards;
# an announcement only while the reward can still be claimed.
REWARD_NOTICE_STATES = (State.REWARD_DECIDED, State.NOTICE_SENT, State.CLAIMED, State.LAPSED)
ANNOUNCEMENT_STATES = (State.REWARD_DECIDED, State.NOTICE_SENT)
FOLLOW_UP = (f"凭举报编号和受理时告知的回执码，可以在网上举报查询页面查询办理情况、回复办理人员的询问或者留言；"
             f"也可以拨打举报电话{HOTLINES}咨询。")
SECRECY = (f"根据{MEASURES}第十条，参与举报事项调查处理的人员必须严格遵守保密纪律，未经举报人同意，不得以任何方式透露"
           "举报人身份、举报内容和奖励等情况。")


@dataclass
class _Notice:
    """What a notice says, before layout: issuer, addressee (主送, None for a public notice), paragraphs."""

    kind: str
    issuer: str
    dated: dt.date
    addressee: str | None
    # (lead, lead font, text): a lead such as “一、奖励金额。” runs in before the text (标准 7.3.3).
    paragraphs: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, text: str, lead: str = "", font: str = HEITI) -> None:
        self.paragraphs.append((lead, font, text))


def kinds_for(report: Report) -> list[str]:
    """The kinds whose conditions `report` meets now (who may produce them is checked by notice_docx)."""
    kinds = ["receipt"]
    if report.extended_due:
        kinds.append("extension")
    if report.state in REWARD_NOTICE_STATES and not _is_zero(report):
        kinds.append("reward_notice")
        if report.state in ANNOUNCEMENT_STATES:
            kinds.append("announcement")
    if report.state == State.LAPSED:
        kinds.append("lapse")
    return kinds


def notice_docx(report: Report, kind: str, *, user) -> tuple[str, bytes]:
    """The notice `kind` (see KINDS) of `report` as (file name, DOCX bytes); see the module docstring for
    who may produce which. DomainError codes: "unknown_kind", "wrong_state", "user_required", "forbidden"."""
    if kind not in KINDS:
        names = "、".join(f"{k}（{v}）" for k, v in KINDS.items())
        raise DomainError(f"没有“{kind}”这种文书；可选：{names}。", field="kind", code="unknown_kind")
    report = Report.objects.select_related("handling_unit").get(pk=report.pk)  # the state as it is now
    if user is not None:
        check_can_handle(user, report)
    notice = BUILDERS[kind](report, user)
    return f"{report.reference}_{KINDS[kind]}.docx", _render(report, notice)


# ---- the notices ---------------------------------------------------------------------------------------

def _receipt(report: Report, user) -> _Notice:
    office = _office_name()
    notice = _Notice("receipt", office, report.accepted_on, "举报人")
    notice.add(f"您于{chinese_date(report.accepted_on)}通过{_channel(report)}反映的安全生产问题，本局已于当日受理，举报编号为"
               f"{report.reference}。根据{MEASURES}第三条，区安委会办公室（区应急局）统一受理各行业领域安全生产举报。")
    notice.add(f"根据第四条，属于本局核查范围的，本局立即开展核查；属于其他部门核查的，移交具有核查权限的部门核查。核查工作"
               f"原则上应当在60日内完成，本举报的核查期限至{chinese_date(report.verification_due)}。",
               lead="一、核查期限。")
    notice.add(_basis_text(report.deadline_basis.get("verification_due")), lead="期限计算：", font=KAITI)
    notice.add(f"{FOLLOW_UP}为保护举报人，本告知书不载明回执码；回执码只在受理时告知一次，请妥善保管。",
               lead="二、查询办理情况。")
    notice.add(SECRECY, lead="三、保密。")
    return notice


def _extension(report: Report, user) -> _Notice:
    event = _last_event(report, CaseEvent.Action.EXTEND_VERIFICATION)
    if not report.extended_due or event is None:
        raise _wrong_state(report, "核查延期告知书", "本举报的核查期限没有延长过")
    d = event.details
    approved_on = dt.date.fromisoformat(d["approved_on"])
    notice = _Notice("extension", _deciding_unit(report), approved_on, "举报人")
    reason = event.reason.rstrip("。；;. ")
    notice.add(f"您于{chinese_date(report.accepted_on)}反映的安全生产问题（举报编号{report.reference}），核查期限原定至"
               f"{chinese_date(report.verification_due)}。")
    notice.add(f"{reason}。", lead="一、延期理由。")
    notice.add(f"根据{MEASURES}第四条，情况复杂的，经上一级负有安全生产监督管理职责的部门批准，可以适当延长核查处理时间，"
               f"但延长期限不得超过30日，并告知举报人延期理由。本举报的核查期限经{d['approved_by']}于"
               f"{chinese_date(approved_on)}批准延长{d['days']}日，至{chinese_date(report.extended_due)}。",
               lead="二、批准和新的核查期限。")
    notice.add(_basis_text(report.deadline_basis.get("extended_due")), lead="期限计算：", font=KAITI)
    notice.add(FOLLOW_UP, lead="三、查询办理情况。")
    return notice


def _reward_notice(report: Report, user) -> _Notice:
    if report.state not in REWARD_NOTICE_STATES:
        raise _wrong_state(report, "领奖通知书", "决定奖励之后才有领奖通知书")
    _check_not_zero(report, "领奖通知书")
    if user is None:
        raise DomainError("领奖通知书载有奖励金额和领奖人姓名，每次读取都须记录查阅人（第十条）：请以具有权限的工作人员"
                          "身份生成（命令行用 --user）。", field="user", code="user_required")
    if not report.anonymous and not user.has_perm(IDENTITY_PERM):
        # Refused before anything is read, so a refusal leaves no half-made read in the log.
        raise DomainError("领奖通知书载明领奖人姓名，需要“查看举报人身份”权限（第十条）。", field="user", code="forbidden")
    reward = read_reward(user, report, reason=REASON)
    amount = Decimal(reward["amount"])
    payee, payee_line = _payee(report, user)
    dated, claim_due, basis = _claim_period(report)
    issuer = _deciding_unit(report)
    notice = _Notice("reward_notice", issuer, dated, payee or "举报人")
    cites = "、".join(dict.fromkeys(b["cite"].removeprefix(DOC).strip() for b in reward.get("basis", [])
                                    if b["cite"].startswith(DOC)))
    notice.add(f"您于{chinese_date(report.accepted_on)}反映的安全生产问题（举报编号{report.reference}）经核查属实。根据"
               f"{MEASURES}{cites or '第五条'}，决定给予奖励人民币{amount:.2f}元（大写：{amount_in_words(amount)}）。")
    notice.add(f"请于{chinese_date(claim_due)}前（含当日）领取奖金。根据第七条（三），举报人接到领奖通知后，应当在60日内领取"
               "奖金；逾期未领取奖金者，视为放弃领奖权利；能够说明理由的，可以适当延长领取时间。", lead="一、领取期限。")
    notice.add(_basis_text(basis), lead="期限计算：", font=KAITI)
    where = f"{issuer}（地址：{OFFICE_ADDRESS}）" if issuer == _office_name() else issuer
    proof = "回执码和有效身份证件" if report.anonymous else "本通知和领奖人有效身份证件"
    notice.add(payee_line, lead="二、领奖人。")
    notice.add("", lead="三、领取方式。")
    notice.add(f"凭{proof}到{where}领取。", lead="（一）现场领取：", font=KAITI)
    notice.add("认为不宜或者不便现场领取的，可以提供领奖人本人的银行账号转账：凭举报编号和回执码在网上举报查询页面提交，"
               f"或者书面告知{issuer}。", lead="（二）银行转账：", font=KAITI)
    notice.add(f"咨询电话：{HOTLINES}。{SECRECY}", lead="四、其他。")
    return notice


def _lapse(report: Report, user) -> _Notice:
    event = _last_event(report, CaseEvent.Action.TRANSITION, to_state=State.LAPSED)
    if report.state != State.LAPSED or event is None:
        raise _wrong_state(report, "逾期未领奖金告知书", "只有已认定逾期未领的举报才有这份告知书")
    due = report.claim_extended_due or report.claim_due
    notice = _Notice("lapse", _deciding_unit(report), dt.date.fromisoformat(event.details["on"]), "举报人")
    sent = f"于{chinese_date(report.notice_sent_on)}" if report.notice_sent_on else ""
    notice.add(f"您于{chinese_date(report.accepted_on)}反映的安全生产问题（举报编号{report.reference}）经核查属实，本单位"
               f"{sent}发出领奖通知，领奖期限至{chinese_date(due)}届满。")
    notice.add(f"期限届满，奖金未领取。根据{MEASURES}第七条（三），逾期未领取奖金者，视为放弃领奖权利。")
    notice.add(f"咨询电话：{HOTLINES}。")
    return notice


def _announcement(report: Report, user) -> _Notice:
    if report.state not in ANNOUNCEMENT_STATES:
        raise _wrong_state(report, "领奖公告", "只有已决定奖励、尚未领取的举报才能公告领奖")
    _check_not_zero(report, "领奖公告")
    dated, claim_due, _basis = _claim_period(report)
    office = _office_name()
    notice = _Notice("announcement", office, dated, None)
    notice.add(f"举报编号为{report.reference}的安全生产举报经核查属实，应予奖励。因无法通知举报人，根据{MEASURES}"
               "第七条（三）“无法通知举报人的，受理举报的部门可以在一定范围内进行公告”，特此公告。")
    notice.add(f"请该举报人于{chinese_date(claim_due)}前（含当日），凭有效身份证件（匿名举报的并凭回执码）与本局联系领取"
               f"奖金（地址：{OFFICE_ADDRESS}；电话：{HOTLINES}），也可以提供本人银行账号转账。逾期未领取奖金者，视为放弃领奖"
               "权利（第七条（三））。")
    notice.add("根据第十条，本公告不载明举报人身份、举报内容和奖励金额。")
    return notice


BUILDERS = {"receipt": _receipt, "extension": _extension, "reward_notice": _reward_notice, "lapse": _lapse,
            "announcement": _announcement}


# ---- helpers -------------------------------------------------------------------------------------------

def _channel(report: Report) -> str:
    if report.channel == Channel.API and report.intake_client_id:
        return report.intake_client.name
    return CHANNEL_PHRASES.get(report.channel, Channel(report.channel).label)


def _office_name() -> str:
    office = lookup_organization("区应急局")
    return office.name if office else OFFICE_NAME


def _deciding_unit(report: Report) -> str:
    """The unit that verifies and rewards (第七条（一）); the office until the case is routed."""
    unit = report.handling_unit
    if unit is None or is_office_unit(unit):
        return _office_name()
    return unit.name


def _last_event(report: Report, action: str, *, to_state: str | None = None) -> CaseEvent | None:
    events = report.events.filter(action=action)
    if to_state:
        events = events.filter(to_state=to_state)
    return events.order_by("-at", "-pk").first()


def _is_zero(report: Report) -> bool:
    """Whether the reward decided is zero (e.g. 第八条 applies). The decision's event says so, so the check
    reads nothing sealed (第十条)."""
    decided = _last_event(report, CaseEvent.Action.TRANSITION, to_state=State.REWARD_DECIDED)
    return bool(decided is not None and decided.details.get("zero"))


def _check_not_zero(report: Report, what: str) -> None:
    if _is_zero(report):
        raise _wrong_state(report, what, "奖励金额为零，无需通知领奖")


def _wrong_state(report: Report, what: str, why: str) -> DomainError:
    return DomainError(f"举报 {report.reference} 当前为“{State(report.state).label}”，不能生成{what}：{why}。",
                       field="kind", code="wrong_state")


def _basis_text(lines: list[str] | None) -> str:
    return "；".join(line.rstrip("。；") for line in lines or []) + "。" if lines else "见受理记录。"


def _claim_period(report: Report) -> tuple[dt.date, dt.date, list[str]]:
    """(notice date, claim due, basis): as recorded once the notice was sent; before that, a notice dated
    today whose 60 days run from today (第七条（三）)."""
    if report.notice_sent_on and report.claim_due:
        if report.claim_extended_due:
            return report.notice_sent_on, report.claim_extended_due, report.deadline_basis.get("claim_extended_due", [])
        return report.notice_sent_on, report.claim_due, report.deadline_basis.get("claim_due", [])
    today = timezone.localdate()
    due, basis = compute_due("claim_due", today, CLAIM_DAYS)
    return today, due, basis


def _payee(report: Report, user) -> tuple[str | None, str]:
    """(name for 主送, sentence on who collects). A named payee is read with reveal_identity (logged);
    an anonymous reporter is addressed without a name."""
    if report.anonymous:
        return None, "本举报为匿名举报，由持有回执码的举报人凭回执码和有效身份证件领取。"
    identity = reveal_identity(user, report, REASON)
    if report.joint:
        signatories = identity["signatories"]
        chosen = next((s for s in signatories if s["authorised"]), signatories[0])
        if chosen["authorised"]:
            return chosen["name"], (f"本举报为多人联名举报。根据第六条第二款，由受第一署名人书面委托的署名人{chosen['name']}"
                                    "领取奖金，领取时须出示第一署名人的书面委托书。")
        return chosen["name"], f"本举报为多人联名举报。根据第六条第二款，由实名举报第一署名人{chosen['name']}领取奖金。"
    name = identity["identity"].get("name", "")
    return name or None, f"由实名举报人{name}本人领取。"


DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")
SECTIONS = ("", "万", "亿", "万亿")


def amount_in_words(amount: Decimal) -> str:
    """An amount in yuan in capital figures (中文大写金额) as payments are written: 15000.00 → 壹万伍仟元整,
    100500.50 → 壹拾万零伍佰元伍角, 12.05 → 壹拾贰元零伍分 (整 after 元 only when there are no 角/分)."""
    fen = int((Decimal(amount) * 100).to_integral_value())
    if fen < 0 or fen >= 10 ** 18:
        raise DomainError(f"金额 {amount} 超出可写成大写的范围。", field="amount", code="bad_amount")
    yuan, jiao, cent = fen // 100, fen // 10 % 10, fen % 10
    words, zero = "", False
    digits = str(yuan)
    for i, ch in enumerate(digits):
        pos, d = len(digits) - 1 - i, int(ch)
        if d == 0:
            zero = bool(words)  # zeros are written once, and only between figures
        else:
            words += ("零" if zero else "") + DIGITS[d] + PLACES[pos % 4]
            zero = False
        if pos % 4 == 0 and pos and digits[max(0, i - 3):i + 1].strip("0"):
            words += SECTIONS[pos // 4]
    if yuan:
        words += "元"
    if not jiao and not cent:
        return (words or "零元") + "整"
    if jiao:
        words += DIGITS[jiao] + "角"
    elif yuan:
        words += "零"
    if cent:
        words += DIGITS[cent] + "分"
    return words


# ---- layout --------------------------------------------------------------------------------------------

def _render(report: Report, notice: _Notice) -> bytes:
    """GB/T 9704-2012: 发文机关标志 (red) and the reference over the red rule, title, 主送, body, 署名 and
    成文日期 (no seal), page numbers."""
    title = f"安全生产举报{KINDS[notice.kind]}"
    writer = OfficialWriter()
    writer.masthead_of(notice.issuer, f"举报编号：{report.reference}")
    writer.title(title)
    if notice.addressee:
        writer.text(writer.paragraph(), f"{notice.addressee}：")
    for lead, font, text in notice.paragraphs:
        writer.body(text, lead=lead, lead_font=font)
    writer.signature([notice.issuer], notice.dated)
    writer.set_properties(title=title, author=notice.issuer, subject=report.reference, keywords=KINDS[notice.kind],
                          category="安全生产举报文书", when=timezone.now())
    return writer.to_bytes()
