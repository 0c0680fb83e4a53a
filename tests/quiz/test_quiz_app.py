"""The Voila quiz app (notebooks/quizzen.ipynb): what students see in the list (issue 16.7)."""

from __future__ import annotations

import json
from pathlib import Path

APP = Path(__file__).parents[2] / "notebooks" / "quizzen.ipynb"


def _uitvoer() -> str:
    nb = json.loads(APP.read_text(encoding="utf-8"))
    return "".join(
        "".join(o.get("data", {}).get("text/plain", ""))
        for c in nb["cells"]
        if c["cell_type"] == "code"
        for o in c.get("outputs", [])
    )


def test_demobank_staat_niet_in_de_lijst() -> None:
    from voordeur.lessen import LESSEN

    uit = _uitvoer()
    banken = [les for les in LESSEN if les.bank]  # one quiz per lesson with a bank, in lesson order
    assert f"{len(banken)} quizzen:" in uit and "Voorbeeld van alle vraagtypen" not in uit
    posities = [uit.index(f"- Les {les.nummer} · ") for les in banken]
    assert posities == sorted(posities)


def test_geen_link_naar_een_notebook_die_voila_weigert() -> None:
    """Issue 16.7: Voila serves only this notebook; a link to 00-start.ipynb gave a 403."""
    import re

    for app in (APP, APP.with_name("beamer.ipynb"), APP.with_name("klasoverzicht.ipynb")):
        nb = json.loads(app.read_text(encoding="utf-8"))
        md = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        assert not re.search(r"\]\([^)]*\.(ipynb|md)\)", md), app.name
