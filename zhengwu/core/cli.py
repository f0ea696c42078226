"""Helpers for the `zhengwu` commands: JSON on stdout alone, messages on stderr, clear failures."""
import json
import sys
from typing import Any

from django.core.management.base import CommandError

from .errors import DomainError


def print_json(data: Any) -> None:
    """JSON alone on stdout (Chinese kept readable), so scripts can pipe it."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def fail(error: DomainError, *, as_json: bool, context: str = "") -> CommandError:
    """Turn a domain error into a non-zero exit with one clear message (and JSON when asked)."""
    prefix = f"{context}: " if context else ""
    if as_json:
        print_json({"error": error.as_dict() | {"source": context or None}})
    return CommandError(f"{prefix}{error}", returncode=1)
