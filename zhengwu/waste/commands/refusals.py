"""How the waste commands that read a table (import-communities, issue-cards) fail: every problem of the
file on stderr, line by line, then the command's one failure (JSON when asked), naming the file."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from zhengwu.core.cli import fail
from zhengwu.core.errors import DomainError
from zhengwu.waste.register import ImportRefused


@contextmanager
def failing_on_the_file(command: Any, options: dict) -> Iterator[None]:
    """Run the body; a refused table lists each problem (plain output only), any DomainError exits 1."""
    as_json = options["json"]
    try:
        yield
    except ImportRefused as exc:
        if not as_json:
            for problem in exc.problems:
                command.stderr.write(str(problem))
        raise fail(exc, as_json=as_json, context=options["file"]) from None
    except DomainError as exc:
        raise fail(exc, as_json=as_json, context=options["file"]) from None
