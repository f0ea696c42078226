"""Versioned reward parameters (奖励参数及其版本) of the reports rules, read by zhengwu.core.parameters.

Every value carries the day it takes effect, the article it comes from and that article's text; a computation
asks for the version in force on the verification day. A department's adjusted standard (綦应急发〔2021〕41号
第五条第二款: 细化或者调整 … 并向社会公告) is one more version — in the document's file or in an extra file or
dict passed to `load_rules` — so changing a standard never touches code.

The loader API every programme's rules package has: `FOLDER`, `FILES`, `load_rules(*extra)` and
`default_rules()` (re-exported by zhengwu.reports.rules).
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from zhengwu.core import parameters as core
from zhengwu.core.parameters import NONE, Clause, Document, Version

FOLDER = Path(__file__).resolve().parent
# The reward document first: its effective date is the earliest day a verification can be rewarded.
FILES = ("qiyingji_2021_41.toml", "guowuyuan_ling_493.toml")

__all__ = ["FILES", "FOLDER", "NONE", "Clause", "Document", "Rulebook", "Version", "default_rules", "load_rules"]


class Rulebook(core.Rulebook):
    """The reward rules' rulebook: the reward document is the first one; the day is the verification day."""

    date_field = "verified_on"

    @property
    def reward_document(self) -> Document:
        return self.document


def load_rules(*extra: str | Path | Any) -> Rulebook:
    """The documents' parameter files plus `extra` versions: TOML files, or dicts shaped like one
    (see zhengwu.core.parameters.load_rulebook)."""
    return core.load_rulebook(FOLDER, FILES, *extra, cls=Rulebook)


@cache
def default_rules() -> Rulebook:
    """The rules as shipped (the documents' files alone), read once."""
    return load_rules()
