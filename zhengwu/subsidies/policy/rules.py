"""The policy's parameters (政策参数): 綦江府办发〔2021〕26号's TOML file, read by zhengwu.core.parameters."""
from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from zhengwu.core.parameters import Rulebook, load_rulebook

HERE = Path(__file__).resolve().parent
POLICY = "綦江府办发〔2021〕26号"
DOCUMENT_FILES = ("qijiang_fuban_2021_26.toml",)


def cite(item: str) -> str:
    """How the basis cites an item: 綦江府办发〔2021〕26号（六）."""
    return f"{POLICY}（{item}）"


def load_policy(*extra: str | Path | Mapping[str, Any]) -> Rulebook:
    """The policy's parameters plus `extra` versions (TOML files or dicts; see core.parameters.load_rulebook)."""
    return load_rulebook(HERE, DOCUMENT_FILES, *extra)


@cache
def default_policy() -> Rulebook:
    """The parameters as shipped, read once."""
    return load_policy()
