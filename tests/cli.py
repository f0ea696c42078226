"""The `zhengwu` command run in-process, as the console script would run it, for CLI tests where a fresh
process adds nothing but its start-up (about a second each, with Django and the apps loaded again).

`run("reports", "reward", facts, "--json")` calls `zhengwu.cli.main` with stdin, stdout and stderr
replaced, and returns what a `subprocess.run(..., capture_output=True, text=True)` would: the exit code
(0; a CommandError's returncode; SystemExit's code; 1 and the traceback for an uncaught exception),
stdout and stderr as text. The database is the test's own (ask for `db` when the command uses it).
A few tests per command family still start the real console script, so the entry point, the process's
exit code and its streams stay covered.
"""
from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

# The installed console script of the venv running the tests (a test that starts the real process).
SCRIPT = Path(sys.executable).with_name("zhengwu")


@dataclass(frozen=True)
class Result:
    """What the command did; the field names are subprocess.CompletedProcess's, so a test reads the same."""

    returncode: int
    stdout: str
    stderr: str


def _stream(text: str = "") -> io.TextIOWrapper:
    # A text stream over bytes, as a process's are: code that writes to sys.stdout.buffer works too.
    stream = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8", write_through=True)
    return stream


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


def _exit_code(code: object) -> tuple[int, str]:
    """SystemExit's code as the interpreter turns it into an exit status (and what it prints)."""
    if code is None:
        return 0, ""
    if isinstance(code, int):
        return code, ""
    return 1, f"{code}\n"


def run(*args: str | Path, stdin: str | None = None, cwd: str | Path | None = None) -> Result:
    """`zhengwu *args` in this process; `stdin` is what is piped in (None: an empty stdin, like /dev/null)."""
    import django
    from django.db import connections

    from zhengwu.cli import main

    out, err, given = _stream(), _stream(), _stream(stdin or "")
    # The real process's root logger writes warnings to its stderr (settings.LOGGING); so does this one.
    to_err = logging.StreamHandler(err)
    to_err.setLevel(logging.WARNING)
    root = logging.getLogger()
    code, tail = 0, ""
    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.object(sys, "stdin", given))
        stack.enter_context(mock.patch.object(sys, "stdout", out))
        stack.enter_context(mock.patch.object(sys, "stderr", err))
        # The apps are loaded already; setting up again would reconfigure logging (and drop pytest's handlers).
        stack.enter_context(mock.patch.object(django, "setup", lambda *a, **k: None))
        # A command closes its connections when done; here that would end the test's transaction.
        stack.enter_context(mock.patch.object(connections, "close_all", lambda: None))
        if cwd is not None:
            stack.enter_context(contextlib.chdir(cwd))
        root.addHandler(to_err)
        stack.callback(root.removeHandler, to_err)
        try:
            main(["zhengwu", *map(os.fspath, args)])
        except SystemExit as exit_:
            code, tail = _exit_code(exit_.code)
        except Exception:  # noqa: BLE001 - the interpreter prints it and exits 1; so does this
            code, tail = 1, traceback.format_exc()
    if tail:
        err.write(tail)
    return Result(code, _text(out), _text(err))
