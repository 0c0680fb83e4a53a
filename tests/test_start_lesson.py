"""The start lesson puts the whole module in reach: every exercise and the docs are one click away."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
START = ROOT / "notebooks" / "00-start.ipynb"


def _markdown() -> str:
    nb = nbformat.read(START, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_start_lesson_links_every_exercise() -> None:
    links = set(re.findall(r"\]\(\.\./exercises/([^)]+)\)", _markdown()))
    exercises = {p.name for p in (ROOT / "exercises").glob("*.ipynb")}
    assert exercises, "no exercises to link"
    assert links == exercises


def test_start_lesson_links_resolve() -> None:
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", _markdown())
    relative = [t for t in targets if not re.match(r"^[a-z]+:", t)]
    assert any(t.startswith("../docs/") for t in relative), "the start lesson should link the docs"
    broken = [t for t in relative if not (START.parent / t).exists()]
    assert not broken, f"broken links in 00-start.ipynb: {broken}"
