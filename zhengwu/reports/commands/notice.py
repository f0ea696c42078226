"""`zhengwu reports notice REFERENCE KIND [-o FILE] [--user USERNAME]` — write a notice of a case as DOCX
(告知书、领奖通知书、公告). Thin shell over reports.documents.notice_docx.

Without --user the command acts as the system (the server's operators), which may produce only the notices
that read nothing sealed: receipt, extension, lapse, announcement. The reward notice reads the sealed
reward and names the payee, and every such read is logged against a person (第十条): it needs --user with
the rights (the office or the handling unit; for a named reporter also 查看举报人身份).
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model

from zhengwu.core.cli import fail
from zhengwu.core.errors import DomainError
from zhengwu.reports.documents import KINDS, notice_docx
from zhengwu.reports.models import Report
from zhengwu.reports.receipts import normalize_code

NAME = "notice"
HELP = "生成举报案件的告知书、领奖通知书或公告（DOCX，GB/T 9704-2012 格式）"
EPILOG = "文书种类（KIND）：\n" + "\n".join(f"  {kind:<16}{label}" for kind, label in KINDS.items()) + """

不加 --user 时以系统身份生成，只能生成不读取密文的文书（receipt、extension、lapse、announcement）；
领奖通知书（reward_notice）载有奖励金额和领奖人姓名，须用 --user 指定有权限的工作人员，读取记入查阅记录。"""


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, epilog=EPILOG, called_from_command_line=True,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reference", metavar="REFERENCE", help="举报编号，如 JB2021-000001")
    parser.add_argument("kind", metavar="KIND", help="文书种类（见下）")
    parser.add_argument("-o", "--output", metavar="FILE", help="输出文件（默认：当前文件夹下的 <举报编号>_<文书>.docx）")
    parser.add_argument("--user", metavar="USERNAME", help="以该工作人员身份生成（权限检查和查阅记录都按此人）")


def run(command: Any, options: dict) -> None:
    reference = normalize_code(options["reference"])
    try:
        report = _find_report(reference)
        user = _find_user(options["user"]) if options["user"] else None
        filename, data = notice_docx(report, options["kind"], user=user)
        path = Path(options["output"]) if options["output"] else Path(filename)
        _write(path, data)
    except DomainError as exc:
        raise fail(exc, as_json=False, context=f"reports notice {reference}") from None
    command.stdout.write(f"已写入 {path}（{KINDS[options['kind']]}，举报 {report.reference}）。")


def _find_report(reference: str) -> Report:
    report = Report.objects.filter(reference=reference).first()
    if report is None:
        raise DomainError(f"没有举报编号为“{reference}”的举报（格式如 JB2021-000001）。", field="REFERENCE",
                          code="not_found")
    return report


def _find_user(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise DomainError(f"没有用户名为“{username}”的工作人员。", field="--user", code="unknown_user")
    if not user.is_active:
        raise DomainError(f"工作人员“{username}”的账号已停用。", field="--user", code="inactive_user")
    return user


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        reason = {FileNotFoundError: "所在文件夹不存在", PermissionError: "没有写入权限",
                  IsADirectoryError: "这是一个文件夹"}.get(type(exc), exc.strerror or str(exc))
        raise DomainError(f"无法写入文件 {path}：{reason}。", field="-o", code="write_error") from None
