"""Sub-commands found in a package (`zhengwu reports …`, `zhengwu subsidy …`), one module each.

A module in such a package defines `NAME`, `add_parser(sub)` (adds its sub-parser to the argparse
sub-parsers) and `run(command, options)`; adding a sub-command touches one file.
"""
from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


def modules(package: str) -> list[ModuleType]:
    """The sub-command modules of `package` (dotted name), in file-name order."""
    found = []
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        module = importlib.import_module(f"{package}.{info.name}")
        if hasattr(module, "add_parser") and hasattr(module, "run"):
            found.append(module)
    return found


class GroupCommand(BaseCommand):
    """A management command whose sub-commands are the modules of `package`."""

    package = ""

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        self._runners: dict[str, Any] = {}
        for module in modules(self.package):
            module.add_parser(sub)
            self._runners[module.NAME] = module.run

    def handle(self, *args: Any, **options: Any) -> None:
        self._runners[options["action"]](self, options)
