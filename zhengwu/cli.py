"""The `zhengwu` command: Django's management commands plus the product's own (gazette, demo, …)."""
import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv or sys.argv)
