"""`zhengwu reports rotate-keys [--new-key] [--json]` — re-encrypt every sealed column and evidence file with
the current key (第十条). Thin shell over reports.crypto.

With --new-key a new current key is first put at the top of the key file (older keys stay there, to read
what they encrypted, until an operator removes them after this command succeeded). With keys from the
environment (ZHENGWU_REPORTS_KEYS), put the new key first there and run without --new-key.
"""
from __future__ import annotations

from typing import Any

from zhengwu.core.cli import fail, print_json
from zhengwu.core.errors import DomainError
from zhengwu.reports import crypto

NAME = "rotate-keys"
HELP = "用当前密钥重新加密全部举报密文和证据文件（綦应急发〔2021〕41号 第十条）"


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(NAME, help=HELP, description=HELP, called_from_command_line=True)
    parser.add_argument("--new-key", action="store_true", help="先在密钥文件最前面加入一把新密钥，再重新加密")
    parser.add_argument("--json", action="store_true", help="只在标准输出打印 JSON")


def run(command: Any, options: dict) -> None:
    as_json = options["json"]
    try:
        added = str(crypto.add_key_to_file()) if options["new_key"] else None
        counts = crypto.rotate_all()
    except DomainError as exc:
        raise fail(exc, as_json=as_json, context="rotate-keys") from None
    ring = crypto.keyring()
    result = {"counts": counts, "keys": len(ring.fernet_keys), "source": ring.source, "new_key_added_to": added}
    if as_json:
        print_json(result)
        return
    if added:
        command.stdout.write(f"已在 {added} 最前面加入新密钥。")
    for name, count in counts.items():
        command.stdout.write(f"{name}: {count}")
    command.stdout.write(f"已用当前密钥重新加密（密钥共 {len(ring.fernet_keys)} 把，来源：{ring.source}）。"
                         "确认无误后可从密钥文件中删除旧密钥。")
