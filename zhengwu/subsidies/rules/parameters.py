"""The policy's parameters (政策参数): 綦江府办发〔2021〕26号's TOML file, read by zhengwu.core.parameters.

The loader API every programme's rules package has: `FOLDER`, `FILES`, `load_rules(*extra)` and
`default_rules()`; `cite(item)` writes how a basis cites one of the policy's items.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from zhengwu.core.citations import cite as core_cite
from zhengwu.core.parameters import Rulebook, load_rulebook

FOLDER = Path(__file__).resolve().parent
POLICY = "綦江府办发〔2021〕26号"
FILES = ("qijiang_fuban_2021_26.toml",)


def cite(item: str) -> str:
    """How the basis cites an item: 綦江府办发〔2021〕26号（六）."""
    return core_cite(POLICY, f"（{item}）")


def load_rules(*extra: str | Path | Mapping[str, Any]) -> Rulebook:
    """The policy's parameters plus `extra` versions (TOML files or dicts; see core.parameters.load_rulebook)."""
    return load_rulebook(FOLDER, FILES, *extra)


@cache
def default_rules() -> Rulebook:
    """The parameters as shipped, read once."""
    return load_rules()
