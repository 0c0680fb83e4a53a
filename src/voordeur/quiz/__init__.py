"""Case quizzes: question banks as YAML, pure logic, an ipywidgets view.

::

    from voordeur import quiz
    quiz.toon("voorbeeld")                       # a bank in data/quizzes/, or a path
    quiz.toon("les3", ids=["l3-peuter-blauwe-plekken"], klasmodus=True)
    quiz.klasmodus(True)                         # class mode for all later quizzes
    quiz.controleer_bank("data/quizzes/les3.yaml")   # -> list of problems

This module stays cheap to import: pydantic, PyYAML and ipywidgets load only when needed.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from voordeur.quiz.fouten import QuizFout

if TYPE_CHECKING:
    from voordeur.quiz.bank import Probleem
    from voordeur.quiz.schema import Bank
    from voordeur.quiz.widgets import Quiz

__all__ = [
    "Bank", "Probleem", "Quiz", "QuizFout", "bewaar", "controleer_bank", "klasmodus", "laad_bank",
    "lees_antwoorden", "toon",
]

_klasmodus: bool | None = None


def klasmodus(aan: bool | None = None) -> bool:
    """Switch class mode on or off for all later quizzes; without an argument, return the current mode.

    Without a call, the environment variable ``VOORDEUR_KLASMODUS=1`` switches it on.
    """
    global _klasmodus
    if aan is not None:
        _klasmodus = bool(aan)
    return klasmodus_actief()


def klasmodus_actief(keuze: bool | None = None) -> bool:
    """The mode that applies: an explicit choice, else ``klasmodus(...)``, else the environment."""
    if keuze is not None:
        return bool(keuze)
    if _klasmodus is not None:
        return _klasmodus
    return os.environ.get("VOORDEUR_KLASMODUS", "").strip().lower() in ("1", "true", "ja", "aan", "yes")


def toon(bank: Any, ids: list[str] | None = None, klasmodus: bool | None = None, schud: bool = True,
         seed: int | None = None) -> Quiz:
    """Show the questions of *bank* (a name in ``data/quizzes/``, a path, or a loaded Bank).

    All quiz cells of one bank in a kernel share one session (:func:`voordeur.quiz.sessie.voor_bank`):
    one score for the lesson, one saved file, and answers kept when a cell is run again. Without
    *seed* the session's own random seed shuffles the options: every student gets another order.
    """
    from voordeur.les import installeer_foutmeldingen

    installeer_foutmeldingen()  # a QuizFout shows as a short message, also without les.start() first
    ids = _controleer_aanroep(bank, ids)
    from voordeur.quiz.bank import laad_bank
    from voordeur.quiz.sessie import voor_bank
    from voordeur.quiz.widgets import Quiz

    geladen = laad_bank(bank) if isinstance(bank, str | os.PathLike) else bank
    modus = klasmodus_actief(klasmodus)
    sessie = voor_bank(geladen, klasmodus=modus)
    return Quiz(geladen, ids=ids, klasmodus=modus, schud=schud, seed=sessie.seed if seed is None else seed,
                sessie=sessie)


def _controleer_aanroep(bank: Any, ids: Any) -> list[str] | None:
    """Misuse from a notebook cell gets a Dutch message that shows the right call (no traceback)."""
    if bank is None or not (isinstance(bank, str | os.PathLike) or hasattr(bank, "vragen")):
        from voordeur.quiz.bank import banken

        soort = "niets (None)" if bank is None else f"een {type(bank).__name__}"
        raise QuizFout(f"Geef de naam van een vragenbank als tekst, bijvoorbeeld quiz.toon(\"les1\"). Je gaf "
                       f"{soort}. Beschikbare banken: {', '.join(banken()) or '(geen)'}.")
    if isinstance(bank, str) and not bank.strip():
        raise QuizFout("De naam van de vragenbank is leeg. Schrijf bijvoorbeeld quiz.toon(\"les1\").")
    naam = bank if isinstance(bank, str) else getattr(bank, "bank", "les1")
    if ids is None:
        return None
    if isinstance(ids, str):
        raise QuizFout(f"ids moet een lijst zijn, ook bij één vraag: zet er blokhaken omheen, zo: "
                       f"quiz.toon(\"{naam}\", ids=[\"{ids}\"]).")
    if not isinstance(ids, list | tuple):
        raise QuizFout(f"ids moet een lijst met vraag-id's zijn, bijvoorbeeld quiz.toon(\"{naam}\", "
                       f"ids=[\"l1-...\"]). Je gaf een {type(ids).__name__}.")
    if not ids:
        raise QuizFout(f"De lijst ids is leeg, dus er is geen vraag om te tonen. Noem de vragen, zoals "
                       f"quiz.toon(\"{naam}\", ids=[\"l1-...\"]), of laat ids weg voor alle vragen: "
                       f"quiz.toon(\"{naam}\").")
    fout = [i for i in ids if not isinstance(i, str)]
    if fout:
        raise QuizFout(f"Elk vraag-id is tekst tussen aanhalingstekens, zoals ids=[\"l1-...\"]. Dit is geen "
                       f"tekst: {fout[0]!r}.")
    return list(ids)


def laad_bank(pad_of_naam: Any) -> Bank:
    from voordeur.quiz.bank import laad_bank as _laad

    return _laad(pad_of_naam)


def controleer_bank(pad: Any) -> list[Probleem]:
    from voordeur.quiz.bank import controleer_bank as _controleer

    return _controleer(pad)


def bewaar(quiz: Any, pad: Any = None, map: Any = None) -> Any:
    """Save the answers of the quiz's lesson session (format 2) to a local JSON file; never overwrites.

    The same file as the "Bewaar mijn antwoorden" button (see ``opslaan`` and docs/dev/antwoordenbestand.md).
    """
    from voordeur.quiz.opslaan import bewaar as _bewaar

    return _bewaar(quiz, pad, map)


def lees_antwoorden(pad: Any, bank: Any = None) -> dict[str, Any]:
    """Read a saved-answers file (format 1 or 2); a clear :class:`QuizFout` for a missing, broken or
    other-version file."""
    from voordeur.quiz.opslaan import lees_antwoorden as _lees

    return _lees(pad, bank)


def __getattr__(naam: str) -> Any:
    if naam == "Bank":
        from voordeur.quiz.schema import Bank

        return Bank
    if naam == "Probleem":
        from voordeur.quiz.bank import Probleem

        return Probleem
    if naam == "Quiz":
        from voordeur.quiz.widgets import Quiz

        return Quiz
    raise AttributeError(f"module 'voordeur.quiz' has no attribute {naam!r}")
