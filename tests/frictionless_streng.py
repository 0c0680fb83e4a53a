"""Frictionless validation with the package's real rules made explicit (used by the data tests).

Frictionless alone guesses the separator (so it reads a Dutch-Excel ';' file happily) and calls a file
with only a header row valid. Here every resource must use ',' and have at least one row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def valideer(pakket: Path) -> Any:
    """The Frictionless report for ``pakket/datapackage.json`` with the strict rules."""
    import frictionless
    from frictionless import Checklist, Dialect, formats
    from frictionless import checks as fchecks

    p = frictionless.Package(str(pakket / "datapackage.json"))
    for r in p.resources:
        r.dialect = Dialect(controls=[formats.CsvControl(delimiter=",")])
    return p.validate(checklist=Checklist(checks=[fchecks.table_dimensions(min_rows=1)]))


def geldig(pakket: Path) -> tuple[bool, list[str]]:
    rapport = valideer(pakket)
    return rapport.valid, [f"{t.name}: {e.message}" for t in rapport.tasks for e in t.errors] + [
        e.message for e in rapport.errors]
