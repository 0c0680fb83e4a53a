"""A quiz session: the pure state of one student's (or one class's) answers to a bank.

The widgets observe a :class:`Sessie`; they never hold results themselves. A session records every
counted attempt per question (an empty or unreadable answer is not an attempt), whether the answer was
revealed in class mode, the first-try and the final result, and turns all that into the summary line and
the saved-answers file (format 2, :mod:`voordeur.quiz.bestand`). No ipywidgets here.

One session per lesson: :func:`voor_bank` gives every quiz cell of the same bank (in the same kernel and
mode) the same session, so the lesson has one score, one file, and answers survive a rerun of a cell.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from voordeur.oordeel import DEELS, FOUT, GOED
from voordeur.quiz import bestand
from voordeur.quiz.model import Resultaat, Samenvatting, samenvatten


@dataclass
class Vraagstand:
    """What happened to one question in this session."""

    vraag: Any
    pogingen: list[tuple[Resultaat, str]] = field(default_factory=list)  # (result, ISO time)
    getoond: bool = False  # class mode: "Toon antwoord" was pressed

    @property
    def eerste(self) -> Resultaat | None:
        return self.pogingen[0][0] if self.pogingen else None

    @property
    def laatste(self) -> Resultaat | None:
        return self.pogingen[-1][0] if self.pogingen else None


class Sessie:
    """The answers of one student (or, in class mode, one class) to the questions of one bank."""

    def __init__(self, bank: Any, *, klasmodus: bool = False, les: int | None = None) -> None:
        self.bank = bank
        self.klasmodus = klasmodus
        self.les = les if les is not None else _les_van(bank)
        self.id = secrets.token_hex(8)  # random: tells two saves of one session apart from two students
        #: The shuffle of this session: every student gets another order, a rerun keeps it.
        self.seed = secrets.randbelow(1_000_000)
        self.naam: str | None = None
        self._standen: dict[str, Vraagstand] = {}
        self._kijkers: list[Callable[[Sessie], None]] = []
        self.laatste_bestand: Path | None = None

    # --- questions --------------------------------------------------------------------------------------
    def voeg_toe(self, vragen: Iterable[Any]) -> None:
        """Questions shown by a cell join the session (again: nothing is lost on a rerun)."""
        for v in vragen:
            self._standen.setdefault(v.id, Vraagstand(v))
        volgorde = {v.id: i for i, v in enumerate(self.bank.vragen)}
        self._standen = dict(sorted(self._standen.items(), key=lambda kv: volgorde.get(kv[0], len(volgorde))))

    @property
    def vragen(self) -> list[Any]:
        return [s.vraag for s in self._standen.values()]

    def stand(self, vraag_id: str) -> Vraagstand:
        return self._standen[vraag_id]

    # --- observing ----------------------------------------------------------------------------------------
    def kijk(self, functie: Callable[[Sessie], None]) -> None:
        """Call *functie(sessie)* after every change (the widgets redraw the score)."""
        self._kijkers.append(functie)

    def vergeet_kijker(self, functie: Callable[[Sessie], None]) -> None:
        if functie in self._kijkers:
            self._kijkers.remove(functie)

    def _meld(self) -> None:
        for functie in list(self._kijkers):
            functie(self)

    # --- recording ----------------------------------------------------------------------------------------
    def registreer(self, vraag_id: str, resultaat: Resultaat, tijdstip: datetime | None = None) -> bool:
        """Record an attempt; returns False (and records nothing) for an answer that does not count."""
        if not resultaat.telt:
            return False
        self._standen[vraag_id].pogingen.append((resultaat, bestand.tijd(tijdstip)))
        self._meld()
        return True

    def getoond(self, vraag_id: str) -> None:
        """Class mode: the answer of *vraag_id* was revealed."""
        self._standen[vraag_id].getoond = True
        self._meld()

    def resultaat(self, vraag_id: str) -> Resultaat | None:
        """The final (last counted) result of a question, ``None`` when not answered."""
        s = self._standen.get(vraag_id)
        return s.laatste if s is not None else None

    def eerste_poging(self, vraag_id: str) -> Resultaat | None:
        s = self._standen.get(vraag_id)
        return s.eerste if s is not None else None

    def pogingen(self, vraag_id: str) -> int:
        s = self._standen.get(vraag_id)
        return len(s.pogingen) if s is not None else 0

    # --- summary -----------------------------------------------------------------------------------------
    def samenvatting(self, ids: Iterable[str] | None = None) -> Samenvatting:
        """The final results (over *ids*, default all questions of the session)."""
        kies = list(ids) if ids is not None else list(self._standen)
        return samenvatten([self.resultaat(i) for i in kies])

    def eerste_goed(self, ids: Iterable[str] | None = None) -> int:
        kies = list(ids) if ids is not None else list(self._standen)
        return sum(1 for i in kies if (r := self.eerste_poging(i)) is not None and r.status == GOED)

    def score_tekst(self) -> str:
        """``Score: 8 van 9 goed. 6 van 9 goed bij de eerste poging.``; in class mode before any answer
        was revealed: ``Score: nog geen antwoorden getoond.``"""
        s = self.samenvatting()
        if self.klasmodus and s.open == s.totaal:
            return "Score: nog geen antwoorden getoond."
        tekst = f"Score: {s.tekst()}."
        if s.open < s.totaal:
            tekst += f" {self.eerste_goed()} van {s.totaal} goed bij de eerste poging."
        return tekst

    # --- what gets saved ------------------------------------------------------------------------------------
    def als_bestand(self, tijdstip: datetime | None = None) -> dict[str, Any]:
        """The content of the saved-answers file (format 2) for this session."""
        vragen = []
        for vid, s in self._standen.items():
            pogingen = tuple(bestand.Poging(r.antwoord, _status(r), r.score, t) for r, t in s.pogingen)
            eerste, laatste = s.eerste, s.laatste
            vragen.append(
                bestand.VraagAntwoorden(
                    vid,
                    s.vraag.type,
                    pogingen,
                    bestand.Uitslag(_status(eerste), eerste.score) if eerste is not None else None,
                    bestand.Uitslag(_status(laatste), laatste.score) if laatste is not None else None,
                )
            )
        inhoud = bestand.maak(
            self.bank.bank,
            self.bank.versie,
            vragen,
            titel=self.bank.titel,
            les=self.les,
            naam=self.naam,
            tijdstip=tijdstip,
        )
        inhoud["sessie"] = self.id
        return inhoud

    def bewaar(self, map: str | os.PathLike[str] | None = None) -> Path:
        """Write the file (atomic, never over another file); returns the path. Raises ``VeiligFout``."""
        doelmap = Path(map) if map is not None else Path.cwd()
        doelmap.mkdir(parents=True, exist_ok=True)
        self.laatste_bestand = bestand.schrijf(self.als_bestand(), doelmap)
        return self.laatste_bestand


def _status(r: Resultaat) -> str:
    return r.status if r.status in (GOED, DEELS, FOUT) else FOUT


def _les_van(bank: Any) -> int | None:
    lessen = {v.les for v in getattr(bank, "vragen", []) if getattr(v, "les", None) is not None}
    return lessen.pop() if len(lessen) == 1 else None


# --- one session per lesson ------------------------------------------------------------------------------

_SESSIES: dict[tuple[str, int, bool], Sessie] = {}


def voor_bank(bank: Any, *, klasmodus: bool = False) -> Sessie:
    """The session of this bank (id and version) and mode in this kernel: made once, then shared."""
    sleutel = (bank.bank, bank.versie, bool(klasmodus))
    if sleutel not in _SESSIES:
        _SESSIES[sleutel] = Sessie(bank, klasmodus=klasmodus)
    return _SESSIES[sleutel]


def vergeet_alles() -> None:
    """Forget every session (a new start; the tests use it between tests)."""
    _SESSIES.clear()
