"""Load a script from tools/ as a module, for the tests of the build and site tools (they are no package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

TOOLS = Path(__file__).resolve().parents[1] / "tools"


def laad_tool(naam: str) -> ModuleType:
    """Execute ``tools/<naam>.py`` afresh and register it as module *naam* (as its own imports expect)."""
    spec = importlib.util.spec_from_file_location(naam, TOOLS / f"{naam}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[naam] = module
    spec.loader.exec_module(module)
    return module
