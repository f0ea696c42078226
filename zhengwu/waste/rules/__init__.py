"""Versioned parameters of the waste system, one TOML file per document (core.parameters).

The loader API every programme's rules package has: `FOLDER`, `FILES`, `load_rules(*extra)` and
`default_rules()` — 綦江府办发〔2021〕23号's targets plus the district's local points and guidance rules.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from zhengwu.core.parameters import Rulebook, load_rulebook

FOLDER = Path(__file__).resolve().parent
FILES = ("qijiang_fubanfa_2021_23.toml",)


class WasteRules(Rulebook):
    """The waste system's rulebook (垃圾分类规则集); a computation's day is the fact `on`."""

    date_field = "on"


def load_rules(*extra: str | Path | Mapping[str, Any]) -> WasteRules:
    """The document's parameters plus `extra` versions (TOML files or dicts; see core.parameters.load_rulebook)."""
    return load_rulebook(FOLDER, FILES, *extra, cls=WasteRules)


@cache
def default_rules() -> WasteRules:
    """The parameters as shipped, read once."""
    return load_rules()
