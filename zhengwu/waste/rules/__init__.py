"""Versioned parameters of the waste system, one TOML file per document (core.parameters).

`rulebook()` is 綦江府办发〔2021〕23号's targets plus the district's local points and guidance rules.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from zhengwu.core.parameters import Rulebook, load_rulebook

FOLDER = Path(__file__).resolve().parent
FILES = ("qijiang_fubanfa_2021_23.toml",)


class WasteRules(Rulebook):
    date_field = "on"


@cache
def rulebook() -> WasteRules:
    return load_rulebook(FOLDER, FILES, cls=WasteRules)
