"""Shared helpers for the quiz tests (headless: no kernel, no browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BROKEN = Path(__file__).parent / "broken"
VOORBEELD = ROOT / "data" / "quizzes" / "voorbeeld.yaml"


def tekst_van(html_waarde: str) -> str:
    """The visible text of an HTML widget value (tags removed, entities kept as escaped)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html_waarde).split())


@pytest.fixture(autouse=True)
def _geen_klasmodus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without class mode, whatever the environment says."""
    import voordeur.quiz as quiz

    monkeypatch.delenv("VOORDEUR_KLASMODUS", raising=False)
    monkeypatch.setattr(quiz, "_klasmodus", None)


@pytest.fixture(autouse=True)
def _nieuwe_sessies() -> None:
    """quiz.toon shares one session per bank in a kernel: every test starts with none."""
    from voordeur.quiz import sessie

    sessie.vergeet_alles()
