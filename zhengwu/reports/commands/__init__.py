"""Sub-commands of `zhengwu reports …`, one module each.

A module here defines `NAME`, `add_parser(sub)` (adds its sub-parser to the argparse sub-parsers) and
`run(command, options)`; the management command finds them all, so adding a sub-command touches one file.
"""
import importlib
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "add_parser") and hasattr(module, "run"):
            found.append(module)
    return found
