"""Notices of a case as DOCX (告知书、领奖通知书、公告): written, read back with python-docx and as raw XML —
page set-up, fonts, the texts, who may produce which, what is logged, what the announcement leaves out;
and `zhengwu reports notice`."""
import datetime as dt
import io
import zipfile
from decimal import Decimal

import docx
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from docx.oxml.ns import qn

from zhengwu.core.errors import DomainError
from zhengwu.reports.deadlines import compute_due
from zhengwu.reports.documents import KINDS, amount_in_words, notice_docx
from zhengwu.reports.models import AccessLog
from zhengwu.reports.vocab import State
from zhengwu.reports.workflow import authorise_signatory, extend_verification

from .conftest import CONTENT, FACTS, ID_NUMBER, IDENTITY, NAME, PHONE, step, walk_to

OFFICE = "重庆市綦江区应急管理局"
DEPT_A = "重庆市綦江区住房和城乡建设委员会"
SIGNATORIES = [{"name": "李四光", "phone": "13900001111"}, {"name": "王五常", "phone": "13900002222"},
               {"name": "赵六合", "address": "綦江区古南街道1号"}]


# --- helpers ---------------------------------------------------------------------------------------

def opened(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def package_text(data: bytes) -> str:
    """Every XML part of the package (body, headers, footers, properties) as one text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith((".xml", ".rels")))


def body_text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def paragraph(document, start: str):
    found = [p for p in document.paragraphs if p.text.startswith(start)]
    assert found, f"no paragraph starts with {start!r}"
    return found[0]


def east_asia(run) -> str:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


def routed(file, world, unit=None, **kw):
    report = file(**kw).report
    return step(step(report, "routed", world.clerk, unit=unit or world.dept_a), "verifying", world.clerk)


def noticed(file, world, **kw):
    """A report whose reward notice was sent on 2021-09-24 (claim due 2021-11-23)."""
    return walk_to(file(**kw).report, "notice_sent", world)


# --- layout ----------------------------------------------------------------------------------------

def test_page_set_up_follows_gb_t_9704(file, world):
    _, data = notice_docx(file().report, "receipt", user=None)
    document = opened(data)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    text_height = section.page_height - section.top_margin - section.bottom_margin
    assert int(grid.get(qn("w:linePitch"))) * 22 <= round(text_height / 635) < int(grid.get(qn("w:linePitch"))) * 23
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in footer._p.xml


def test_masthead_title_and_body_fonts(file, world):
    _, data = notice_docx(file().report, "receipt", user=None)
    document = opened(data)
    masthead = paragraph(document, OFFICE)
    run = masthead.runs[0]
    assert east_asia(run) == "方正小标宋简体" and run.font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert run.font.size.pt == 36
    number = paragraph(document, "举报编号：JB2021-000001")
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"  # the red 分隔线 under the number
    title = paragraph(document, "安全生产举报受理告知书")
    assert east_asia(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    heading = paragraph(document, "一、核查期限。")
    assert [east_asia(r) for r in heading.runs] == ["黑体", "仿宋_GB2312"]
    assert all(r.font.size.pt == 16 for r in heading.runs)
    assert east_asia(paragraph(document, "期限计算：").runs[0]) == "楷体_GB2312"
    assert east_asia(paragraph(document, "举报人：").runs[0]) == "仿宋_GB2312"


def test_properties_name_the_issuer_and_nothing_else(file, world):
    report = file().report
    _, data = notice_docx(report, "receipt", user=None)
    props = opened(data).core_properties
    assert props.title == "安全生产举报受理告知书"
    assert props.author == OFFICE and props.subject == report.reference
    assert props.last_modified_by == "" and props.comments == ""
    assert "python-docx" not in package_text(data)


# --- receipt (受理告知书) -------------------------------------------------------------------------------

def test_receipt_gives_reference_dates_basis_and_follow_up_but_never_the_code(file, world):
    filed = file()
    name, data = notice_docx(filed.report, "receipt", user=world.clerk)
    assert name == "JB2021-000001_受理告知书.docx"
    document = opened(data)
    text = body_text(document)
    assert "您于2021年9月1日通过12350举报电话反映的安全生产问题，本局已于当日受理，举报编号为JB2021-000001" in text
    assert "核查期限至2021年11月1日" in text  # day 60 is Sunday 10-31 → Monday
    assert "民法典第二百零三条" in text and "綦应急发〔2021〕41号 第四条" in text
    assert "回执码" in text and "举报查询页面" in text and "12350、61271258" in text
    assert "第十条" in text
    everything = package_text(data)
    secret = filed.receipt_code.rsplit("-", 1)[1]
    assert filed.receipt_code not in everything and secret not in everything
    for private in (NAME, PHONE, ID_NUMBER, CONTENT["unit_name"], CONTENT["place"]):
        assert private not in everything
    assert document.paragraphs[-1].text == "2021年9月1日"  # 成文日期: the day of acceptance
    assert document.paragraphs[-2].text == OFFICE
    assert not AccessLog.objects.exists()  # nothing sealed was read


def test_receipt_of_a_relayed_report_names_the_platform(file, world):
    from zhengwu.reports.clients import create_client

    client = create_client("綦江区12345政务服务便民热线").client
    report = file(channel="api", client=client).report
    assert "通过綦江区12345政务服务便民热线反映" in body_text(opened(notice_docx(report, "receipt", user=None)[1]))


def test_only_the_office_and_the_handling_unit_may_produce_notices(file, world):
    report = routed(file, world)
    for user in (world.clerk, world.a_staff):
        notice_docx(report, "receipt", user=user)
    for user in (world.b_staff, world.finance, world.nobody):
        with pytest.raises(DomainError) as caught:
            notice_docx(report, "receipt", user=user)
        assert caught.value.code == "forbidden"


def test_unknown_kind(file, world):
    with pytest.raises(DomainError) as caught:
        notice_docx(file().report, "thank_you", user=None)
    assert caught.value.code == "unknown_kind" and "receipt" in caught.value.message


# --- extension (核查延期告知书) ---------------------------------------------------------------------------

def test_extension_notice_gives_new_due_date_reason_and_approval(file, world):
    report = routed(file, world)
    with pytest.raises(DomainError) as caught:
        notice_docx(report, "extension", user=None)
    assert caught.value.code == "wrong_state"
    report = extend_verification(report, user=world.a_staff, days=30, reason="涉及多个作业班组，需调取三个月的监控记录",
                                 approved_by=world.higher, approver="刘某", expected_version=report.version,
                                 on=dt.date(2021, 10, 20))
    name, data = notice_docx(report, "extension", user=world.a_staff)
    assert name.endswith("_核查延期告知书.docx")
    document = opened(data)
    text = body_text(document)
    assert "核查期限原定至2021年11月1日" in text
    assert "涉及多个作业班组，需调取三个月的监控记录。" in text
    assert "经市应急局于2021年10月20日批准延长30日，至2021年12月1日" in text
    assert "延长期限不得超过30日，并告知举报人延期理由" in text  # 第四条
    assert paragraph(document, DEPT_A).runs[0].font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)  # 承办单位发文
    assert document.paragraphs[-1].text == "2021年10月20日"


# --- reward notice (领奖通知书) -----------------------------------------------------------------------------

def test_reward_notice_names_the_reporter_amount_claim_due_and_how(file, world):
    report = noticed(file, world)
    name, data = notice_docx(report, "reward_notice", user=world.a_officer)
    assert name == "JB2021-000001_领奖通知书.docx"
    document = opened(data)
    text = body_text(document)
    assert paragraph(document, f"{NAME}：")  # 主送 the reporter
    assert "奖励人民币15000.00元（大写：壹万伍仟元整）" in text and "第五条（一）" in text
    assert "请于2021年11月23日前（含当日）领取奖金" in text  # 60 days after the notice of 2021-09-24
    assert "应当在60日内领取" in text and "视为放弃领奖权利" in text
    assert "本通知和领奖人有效身份证件" in text and f"到{DEPT_A}领取" in text
    assert "银行账号转账" in text
    assert f"由实名举报人{NAME}本人领取" in text
    assert document.paragraphs[-1].text == "2021年9月24日" and document.paragraphs[-2].text == DEPT_A
    for private in (PHONE, ID_NUMBER, IDENTITY["address"], CONTENT["description"]):
        assert private not in package_text(data)
    logged = sorted(AccessLog.objects.filter(user=world.a_officer).values_list("what", "reason"))
    assert logged == [("identity", "生成领奖通知书"), ("reward", "生成领奖通知书")]


def test_reward_notice_before_it_is_sent_runs_sixty_days_from_today(file, world):
    report = walk_to(file().report, "reward_decided", world)
    data = notice_docx(report, "reward_notice", user=world.a_officer)[1]
    today = timezone.localdate()
    due, _ = compute_due("claim_due", today, 60)
    text = body_text(opened(data))
    assert f"请于{due.year}年{due.month}月{due.day}日前" in text
    assert opened(data).paragraphs[-1].text == f"{today.year}年{today.month}月{today.day}日"


def test_reward_notice_needs_a_user_with_identity_rights_and_reads_nothing_when_refused(file, world):
    report = noticed(file, world)
    with pytest.raises(DomainError) as caught:
        notice_docx(report, "reward_notice", user=None)
    assert caught.value.code == "user_required"
    for user in (world.a_staff, world.clerk):  # may handle the case, may not see who reported
        with pytest.raises(DomainError) as caught:
            notice_docx(report, "reward_notice", user=user)
        assert caught.value.code == "forbidden"
    with pytest.raises(DomainError):
        notice_docx(report, "reward_notice", user=world.b_staff)
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("state", ["accepted", "verified_true"])
def test_reward_notice_refused_before_a_reward_was_decided(file, world, state):
    report = walk_to(file().report, state, world)
    with pytest.raises(DomainError) as caught:
        notice_docx(report, "reward_notice", user=_officer(world))
    assert caught.value.code == "wrong_state"
    assert State(state).label in caught.value.message


def test_reward_notice_is_reprinted_as_sent_after_the_claim(file, world):
    report = walk_to(file().report, "claimed", world)
    document = opened(notice_docx(report, "reward_notice", user=world.a_officer)[1])
    assert "请于2021年11月23日前" in body_text(document) and document.paragraphs[-1].text == "2021年9月24日"


def test_kinds_for_follows_the_case(file, world):
    from zhengwu.reports.documents import kinds_for

    report = file().report
    assert kinds_for(report) == ["receipt"]
    report = walk_to(report, "reward_decided", world)
    assert kinds_for(report) == ["receipt", "reward_notice", "announcement"]
    report = step(report, "notice_sent", world.clerk, sent_on=dt.date(2021, 9, 24))
    assert kinds_for(step(report, "lapsed", world.clerk, on=dt.date(2021, 12, 1))) == ["receipt", "reward_notice", "lapse"]
    zero = walk_to(file().report, "reward_decided", world, facts={**FACTS, "exclusions": ["judicial"]})
    assert kinds_for(zero) == ["receipt"]


def test_no_notice_of_a_zero_reward(file, world):
    report = walk_to(file().report, "reward_decided", world, facts={**FACTS, "exclusions": ["media_exposed"]})
    for kind in ("reward_notice", "announcement"):
        with pytest.raises(DomainError) as caught:
            notice_docx(report, kind, user=world.a_officer)
        assert caught.value.code == "wrong_state" and "零" in caught.value.message


def test_anonymous_reward_notice_is_addressed_without_a_name(file, world):
    report = noticed(file, world, identity={"phone": PHONE}, anonymous=True)
    data = notice_docx(report, "reward_notice", user=world.a_staff)[1]  # no identity right needed
    document = opened(data)
    assert paragraph(document, "举报人：")
    text = body_text(document)
    assert "匿名举报" in text and "凭回执码和有效身份证件" in text
    assert PHONE not in package_text(data)
    assert list(AccessLog.objects.values_list("what", flat=True)) == ["reward"]


def test_joint_reward_notice_names_the_first_signatory_or_the_authorised_one(file, world):
    report = noticed(file, world, identity=None, signatories=SIGNATORIES)
    text = body_text(opened(notice_docx(report, "reward_notice", user=world.a_officer)[1]))
    assert text.count("李四光") == 2 and "实名举报第一署名人李四光" in text and "王五常" not in text
    report = authorise_signatory(report, 2, user=world.clerk, expected_version=report.version)
    document = opened(notice_docx(report, "reward_notice", user=world.a_officer)[1])
    assert paragraph(document, "王五常：")
    assert "受第一署名人书面委托的署名人王五常" in body_text(document)
    assert "赵六合" not in body_text(document)


def test_office_as_handling_unit_gives_its_address(file, world):
    report = walk_to(routed(file, world, unit=world.office), "notice_sent", world)
    text = body_text(opened(notice_docx(report, "reward_notice", user=_officer(world))[1]))
    assert f"到{OFFICE}（地址：重庆市綦江区通惠大道56号附5号）领取" in text


def _officer(world):
    """An identity officer at the office (the world's officer works in department A)."""
    from .conftest import _user

    return _user("office_officer", perms=["route_report", "view_reporter_identity"], units=[world.office])


# --- lapse and announcement ---------------------------------------------------------------------------

def test_lapse_notice(file, world):
    report = noticed(file, world)
    with pytest.raises(DomainError) as caught:
        notice_docx(report, "lapse", user=None)
    assert caught.value.code == "wrong_state"
    report = step(report, "lapsed", world.clerk, on=dt.date(2021, 11, 26))
    name, data = notice_docx(report, "lapse", user=None)
    assert name.endswith("_逾期未领奖金告知书.docx")
    document = opened(data)
    text = body_text(document)
    assert "于2021年9月24日发出领奖通知，领奖期限至2021年11月23日届满" in text
    assert "第七条（三），逾期未领取奖金者，视为放弃领奖权利" in text
    assert document.paragraphs[-1].text == "2021年11月26日" and document.paragraphs[-2].text == DEPT_A
    assert "15000.00" not in package_text(data) and "壹万伍仟" not in package_text(data)


def test_announcement_has_reference_and_deadline_and_nothing_else(file, world):
    report = file(identity=dict(IDENTITY, email="zhang@example.com", bank_account="6222020200112345678")).report
    report = walk_to(report, "reward_decided", world)
    report = step(report, "notice_sent", world.clerk, sent_on=dt.date(2021, 9, 24), method="announcement")
    name, data = notice_docx(report, "announcement", user=None)
    assert name == "JB2021-000001_领奖公告.docx"
    document = opened(data)
    text = body_text(document)
    assert "举报编号为JB2021-000001的安全生产举报经核查属实" in text
    assert "请该举报人于2021年11月23日前" in text and "第七条（三）" in text
    assert "不载明举报人身份、举报内容和奖励金额" in text
    assert not any(p.text.endswith("：") and len(p.text) < 20 for p in document.paragraphs)  # no 主送
    assert document.paragraphs[-2].text == OFFICE  # 受理举报的部门 announces (第七条（三）)
    everything = package_text(data)
    private = [NAME, PHONE, ID_NUMBER, IDENTITY["address"], "zhang@example.com", "6222020200112345678",
               "15000.00", "15,000", "壹万伍仟", "张", *CONTENT.values(), DEPT_A, "住房"]
    assert [p for p in private if p in everything] == []
    assert not AccessLog.objects.exists()


def test_announcement_before_the_notice_is_recorded(file, world):
    report = walk_to(file().report, "reward_decided", world)
    text = body_text(opened(notice_docx(report, "announcement", user=world.clerk)[1]))
    due, _ = compute_due("claim_due", timezone.localdate(), 60)
    assert f"于{due.year}年{due.month}月{due.day}日前" in text


@pytest.mark.parametrize("state", ["accepted", "verifying", "verified_true", "claimed"])
def test_announcement_refused_outside_reward_states(file, world, state):
    report = walk_to(routed(file, world) if state == "verifying" else file().report, state, world)
    with pytest.raises(DomainError) as caught:
        notice_docx(report, "announcement", user=None)
    assert caught.value.code == "wrong_state"


def test_every_kind_has_a_title(file, world):
    assert set(KINDS) == {"receipt", "extension", "reward_notice", "lapse", "announcement"}


# --- amounts in capital figures ------------------------------------------------------------------------

@pytest.mark.parametrize("amount, words", [
    ("15000.00", "壹万伍仟元整"), ("30000", "叁万元整"), ("300000.00", "叁拾万元整"), ("100500.50", "壹拾万零伍佰元伍角"),
    ("1005", "壹仟零伍元整"), ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"), ("12.05", "壹拾贰元零伍分"),
    ("0.30", "叁角"), ("0.05", "伍分"), ("0", "零元整"), ("100010000", "壹亿零壹万元整"), ("1000.5", "壹仟元伍角"),
    ("200000000.00", "贰亿元整"), ("1010", "壹仟零壹拾元整"),
])
def test_amount_in_words(amount, words):
    assert amount_in_words(Decimal(amount)) == words


# --- zhengwu reports notice -----------------------------------------------------------------------------

def test_command_writes_the_file(file, world, tmp_path, capsys, monkeypatch):
    report = noticed(file, world)
    monkeypatch.chdir(tmp_path)
    call_command("reports", "notice", "jb2021-000001", "receipt")  # lower case is found too
    assert "已写入 JB2021-000001_受理告知书.docx" in capsys.readouterr().out
    assert "受理告知书" in body_text(docx.Document(tmp_path / "JB2021-000001_受理告知书.docx"))
    out = tmp_path / "通知.docx"
    call_command("reports", "notice", report.reference, "reward_notice", "-o", str(out), "--user", "a_officer")
    assert "奖励人民币15000.00元" in body_text(docx.Document(out))
    assert AccessLog.objects.filter(user=world.a_officer, what="identity").count() == 1


@pytest.mark.parametrize("args, message", [
    (["JB2099-000001", "receipt"], "没有举报编号为“JB2099-000001”的举报"),
    (["JB2021-000001", "thanks"], "没有“thanks”这种文书"),
    (["JB2021-000001", "reward_notice"], "请以具有权限的工作人员身份生成（命令行用 --user）"),
    (["JB2021-000001", "reward_notice", "--user", "ghost"], "没有用户名为“ghost”的工作人员"),
    (["JB2021-000001", "reward_notice", "--user", "a_staff"], "需要“查看举报人身份”权限"),
    (["JB2021-000001", "reward_notice", "--user", "b_staff"], "您无权办理举报"),
    (["JB2021-000001", "lapse"], "不能生成逾期未领奖金告知书"),
    (["JB2021-000001", "receipt", "-o", "/nonexistent/dir/x.docx"], "所在文件夹不存在"),
])
def test_command_errors_exit_non_zero_with_a_clear_message(file, world, tmp_path, monkeypatch, args, message):
    noticed(file, world)
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.chdir(folder)
    with pytest.raises(CommandError) as caught:
        call_command("reports", "notice", *args)
    assert caught.value.returncode == 1
    assert message in str(caught.value)
    assert list(folder.iterdir()) == []  # nothing written


def test_command_refuses_an_inactive_user(file, world, tmp_path):
    noticed(file, world)
    world.a_officer.is_active = False
    world.a_officer.save()
    with pytest.raises(CommandError, match="已停用"):
        call_command("reports", "notice", "JB2021-000001", "reward_notice", "--user", "a_officer",
                     "-o", str(tmp_path / "x.docx"))
