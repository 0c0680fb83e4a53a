"""Write the generated fixed parts (title, content note, sources, navigation) into the lessons.

Usage: python tools/lesson_parts.py [--check]

Cells are found by their tag (cell metadata ``tags``). The sources a lesson cites are listed in the
notebook metadata ``voordeur.bronnen``. With ``--check`` nothing is written; the exit code is 1 when a
notebook differs from what would be generated.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from voordeur import vaste_delen
from voordeur.lessen import LESSEN

ROOT = Path(__file__).resolve().parents[1]


def expected_cell(tag: str, nummer: int, meta: dict) -> str | None:
    if tag == "kop":
        return vaste_delen.kop(nummer)
    if tag == "veilig-leren":
        return vaste_delen.veilig_leren(nummer)
    if tag == "bronnen":
        return vaste_delen.bronnen(list(meta.get("bronnen", [])), ROOT / "data")
    if tag == "navigatie":
        return vaste_delen.navigatie(nummer)
    if tag == "overzicht":
        return "## De lessen\n\n" + vaste_delen.overzicht()
    return None


def process(path: Path, nummer: int, check: bool) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    meta = nb.metadata.get("voordeur", {})
    problems: list[str] = []
    changed = False
    for cell in nb.cells:
        for tag in cell.get("metadata", {}).get("tags", []):
            want = expected_cell(tag, nummer, meta)
            if want is None:
                continue
            if cell.source != want:
                problems.append(f"{path.name}: cell tagged '{tag}' differs from the generated text")
                cell.source = want
                changed = True
    if changed and not check:
        nbformat.write(nb, path)
    return problems


def main(argv: list[str]) -> int:
    check = "--check" in argv
    problems: list[str] = []
    for item in LESSEN:
        path = ROOT / "notebooks" / item.bestand
        if path.exists():
            problems += process(path, item.nummer, check)
    for p in problems:
        print(p)
    return 1 if (check and problems) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
