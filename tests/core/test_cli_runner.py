"""tests/cli.py's in-process `zhengwu` gives what the installed console script gives: the same exit code,
stdout and stderr, for a refused input (CommandError) and for a usage error (argparse's exit 2)."""
import subprocess
from pathlib import Path

import pytest

from tests import cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("args", [
    ("days", "add", "2021-08-02", "abc", "--json"),  # a CommandError: JSON on stdout, the message on stderr
    ("days", "add", "2021-08-02"),  # argparse: usage on stderr, exit 2
])
def test_in_process_matches_the_console_script(args):
    real = subprocess.run([str(cli.SCRIPT), *args], capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                          timeout=120, stdin=subprocess.DEVNULL)
    here = cli.run(*args, cwd=ROOT)
    assert real.returncode != 0
    assert (here.returncode, here.stdout, here.stderr) == (real.returncode, real.stdout, real.stderr)
