"""Pure quiz logic: checking, scoring, feedback, scenario navigation and the set summary.

Plain Python on the bank objects from :mod:`voordeur.quiz.schema` (duck-typed, so this module imports
neither pydantic nor ipywidgets). The widgets only call these functions and show what they return.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from voordeur import getallen
from voordeur.oordeel import DEELS, FOUT, GOED, LEEG, ONLEESBAAR, kop, tekst_blok, telt
from voordeur.quiz.tekst import platte_tekst

__all__ = ["DEELS", "FOUT", "GOED", "LEEG", "ONLEESBAAR", "kop"]  # the verdicts live in voordeur.oordeel


def getal_tekst(x: float) -> str:
    """A number in a quiz text: Dutch notation, up to six decimals (``0.125 -> "0,125"``)."""
    return getallen.getal(x, max_decimalen=6)


@dataclass(frozen=True)
class Resultaat:
    """The outcome of checking one answer."""

    status: str
    score: float
    feedback: str
    details: tuple[str, ...] = ()
    antwoord: Any = None

    @property
    def telt(self) -> bool:
        """False for an empty or unreadable answer: the student can simply try again."""
        return telt(self.status)

    def als_tekst(self) -> str:
        return tekst_blok(self.status, self.feedback, punten=self.details)


# --- enkel / meer ---------------------------------------------------------------------------------------

def controleer_enkel(vraag: Any, keuze: int | None) -> Resultaat:
    """*keuze* is the index of the chosen option in the bank's order (``None``: nothing chosen)."""
    if keuze is None:
        return Resultaat(LEEG, 0.0, "Kies eerst een antwoord.")
    optie = vraag.opties[keuze]
    if optie.goed:
        return Resultaat(GOED, 1.0, optie.feedback, antwoord=optie.tekst)
    return Resultaat(FOUT, 0.0, optie.feedback, antwoord=optie.tekst)


def controleer_meer(vraag: Any, gekozen: Iterable[int]) -> Resultaat:
    """Partial score: (good ones chosen - wrong ones chosen) / number of good ones, at least 0."""
    keuzes = sorted(set(gekozen))
    if not keuzes:
        return Resultaat(LEEG, 0.0, "Kies eerst een of meer antwoorden.")
    n_goed = sum(1 for o in vraag.opties if o.goed)
    raak = sum(1 for i in keuzes if vraag.opties[i].goed)
    mis = len(keuzes) - raak
    score = max(0.0, (raak - mis) / n_goed)
    details = tuple(
        f"{'✔ Terecht gekozen' if vraag.opties[i].goed else '✘ Niet goed gekozen'}: "
        f"{vraag.opties[i].tekst} — {vraag.opties[i].feedback}" for i in keuzes
    )
    antwoord = [vraag.opties[i].tekst for i in keuzes]
    if raak == n_goed and mis == 0:
        return Resultaat(GOED, 1.0, "Je hebt alle goede antwoorden gekozen, en geen foute.", details,
                         antwoord)
    delen = [f"je hebt {raak} van de {n_goed} goede antwoorden gekozen"]
    if mis:
        delen.append(f"{mis} {'keuze klopt' if mis == 1 else 'keuzes kloppen'} niet")
    tekst = " en ".join(delen)
    tekst = tekst[0].upper() + tekst[1:] + "."
    return Resultaat(DEELS if score > 0 else FOUT, score, tekst, details, antwoord)


# --- volgorde -------------------------------------------------------------------------------------------

def controleer_volgorde(vraag: Any, volgorde: Sequence[str]) -> Resultaat:
    """*volgorde*: the items as the student put them. Feedback names the FIRST misplaced item."""
    items = list(vraag.items)
    volgorde = list(volgorde)
    if sorted(volgorde) != sorted(items):
        return Resultaat(LEEG, 0.0, "Zet alle stappen in een volgorde.", antwoord=volgorde)
    op_plek = sum(1 for a, b in zip(volgorde, items, strict=True) if a == b)
    score = op_plek / len(items)
    if volgorde == items:
        return Resultaat(GOED, 1.0, vraag.uitleg or "Alles staat in de goede volgorde.", antwoord=volgorde)
    i = next(k for k, (a, b) in enumerate(zip(volgorde, items, strict=True)) if a != b)
    item = volgorde[i]
    richting = "later" if items.index(item) > i else "eerder"
    tekst = (f"'{item}' staat nog niet op de goede plek (nu plek {i + 1}). Die hoort {richting}. "
             f"{op_plek} van de {len(items)} staan al goed.")
    return Resultaat(DEELS if op_plek else FOUT, score, tekst, antwoord=volgorde)


# --- getal -----------------------------------------------------------------------------------------------

def met_eenheid(x: float, eenheid: str) -> str:
    if not eenheid:
        return getal_tekst(x)
    tussen = "" if eenheid in ("%", "‰") else " "
    return f"{getal_tekst(x)}{tussen}{eenheid}"


def controleer_getal(vraag: Any, invoer: str | float | None) -> Resultaat:
    """Accepts Dutch input such as ``"8,3"`` or ``"8,3%"``; a non-number gives a friendly message."""
    if invoer is None or (isinstance(invoer, str) and not invoer.strip()):
        return Resultaat(LEEG, 0.0, "Typ eerst een getal, bijvoorbeeld 8,3.")
    waarde = float(invoer) if isinstance(invoer, int | float) else getallen.lees(invoer, vraag.eenheid)
    if waarde is None:
        return Resultaat(ONLEESBAAR, 0.0, f"'{str(invoer).strip()}' is geen getal. Typ alleen een getal, "
                         "bijvoorbeeld 8,3 (met een komma of een punt).", antwoord=str(invoer))
    speling = vraag.marge + 1e-9 * max(1.0, abs(vraag.antwoord))
    if abs(waarde - vraag.antwoord) <= speling:
        tekst = vraag.feedback_goed or f"Het antwoord is {met_eenheid(vraag.antwoord, vraag.eenheid)}."
        return Resultaat(GOED, 1.0, tekst, antwoord=waarde)
    if waarde < vraag.antwoord:
        return Resultaat(FOUT, 0.0, vraag.feedback_te_laag or "Jouw antwoord is te laag.", antwoord=waarde)
    return Resultaat(FOUT, 0.0, vraag.feedback_te_hoog or "Jouw antwoord is te hoog.", antwoord=waarde)


# --- scenario --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ScenarioStap:
    """What happened after one choice in a scenario."""

    punt: str
    keuze: int
    goed: bool
    feedback: str
    uitkomst: Any = None  # the outcome object when this choice ended the scenario

    @property
    def status(self) -> str:
        return GOED if self.goed else FOUT


@dataclass
class ScenarioStand:
    """Where a student is in a branching case. ``kies(i)`` moves on; ``resultaat()`` when done."""

    vraag: Any
    punt_id: str | None = None
    stappen: list[ScenarioStap] = field(default_factory=list)
    uitkomst: Any = None

    def __post_init__(self) -> None:
        if self.punt_id is None:
            self.punt_id = self.vraag.start

    @property
    def punt(self) -> Any:
        if self.uitkomst is not None:
            return None
        return next(p for p in self.vraag.punten if p.id == self.punt_id)

    @property
    def klaar(self) -> bool:
        return self.uitkomst is not None

    def kies(self, keuze: int) -> ScenarioStap:
        punt = self.punt
        if punt is None:
            raise ValueError("Het scenario is al afgelopen.")
        optie = punt.opties[keuze]
        uitkomst = None
        if optie.uitkomst is not None:
            uitkomst = next(u for u in self.vraag.uitkomsten if u.id == optie.uitkomst)
            self.uitkomst = uitkomst
        else:
            self.punt_id = optie.naar
        stap = ScenarioStap(punt.id, keuze, optie.goed, optie.feedback, uitkomst)
        self.stappen.append(stap)
        return stap

    def opnieuw(self) -> None:
        self.punt_id = self.vraag.start
        self.stappen.clear()
        self.uitkomst = None

    def resultaat(self) -> Resultaat:
        """Score = share of best choices taken on the way; the outcome's explanation is the feedback."""
        if not self.klaar:
            return Resultaat(LEEG, 0.0, "Het scenario is nog niet af.")
        beste = sum(1 for s in self.stappen if s.goed)
        score = beste / len(self.stappen)
        alles_goed = beste == len(self.stappen) and self.uitkomst.goed
        status = GOED if alles_goed else (DEELS if beste else FOUT)
        tekst = f"{self.uitkomst.titel}. {self.uitkomst.uitleg}"
        details = (f"Je koos {beste} van de {len(self.stappen)} keer de beste stap.",)
        antwoord = [{"punt": s.punt, "keuze": self.punt_optie(s).tekst, "goed": s.goed} for s in self.stappen]
        antwoord.append({"uitkomst": self.uitkomst.id})
        return Resultaat(status, score, tekst, details, antwoord)

    def punt_optie(self, stap: ScenarioStap) -> Any:
        punt = next(p for p in self.vraag.punten if p.id == stap.punt)
        return punt.opties[stap.keuze]


# --- one entry point for all types -----------------------------------------------------------------------

def beoordeel(vraag: Any, antwoord: Any) -> Resultaat:
    """Check *antwoord* for any non-scenario question (scenario: use :class:`ScenarioStand`)."""
    if vraag.type == "enkel":
        return controleer_enkel(vraag, antwoord)
    if vraag.type == "meer":
        return controleer_meer(vraag, antwoord or ())
    if vraag.type == "volgorde":
        return controleer_volgorde(vraag, antwoord or ())
    if vraag.type == "getal":
        return controleer_getal(vraag, antwoord)
    raise ValueError(f"Gebruik ScenarioStand voor type {vraag.type!r}.")


# --- the right answer (class mode, "Toon antwoord") ---------------------------------------------------------

def goede_antwoord(vraag: Any, punt_id: str | None = None) -> str:
    """The key in words, for after the teacher presses "Toon antwoord"."""
    if vraag.type == "enkel":
        return "Het goede antwoord is: " + next(o.tekst for o in vraag.opties if o.goed)
    if vraag.type == "meer":
        goed = [o.tekst for o in vraag.opties if o.goed]
        return "De goede antwoorden zijn:\n" + "\n".join(f"- {t}" for t in goed)
    if vraag.type == "volgorde":
        regels = "\n".join(f"{i}. {t}" for i, t in enumerate(vraag.items, 1))
        return "De goede volgorde is:\n" + regels
    if vraag.type == "getal":
        tekst = f"Het goede antwoord is {met_eenheid(vraag.antwoord, vraag.eenheid)}"
        if vraag.marge:
            tekst += f" (goed gerekend van {met_eenheid(vraag.antwoord - vraag.marge, vraag.eenheid)} tot " \
                     f"{met_eenheid(vraag.antwoord + vraag.marge, vraag.eenheid)})"
        return tekst + "."
    punt = next(p for p in vraag.punten if p.id == (punt_id or vraag.start))
    beste = [o.tekst for o in punt.opties if o.goed]
    return "De beste keuze hier: " + " of ".join(beste)


def alle_feedback(vraag: Any, punt_id: str | None = None) -> list[str]:
    """Feedback for every option (class mode shows them all to discuss)."""
    if vraag.type in ("enkel", "meer"):
        opties = vraag.opties
    elif vraag.type == "scenario":
        opties = next(p for p in vraag.punten if p.id == (punt_id or vraag.start)).opties
    else:
        return []
    return [f"{kop(GOED) if o.goed else kop(FOUT)}: {o.tekst} — {o.feedback}" for o in opties]


# --- shuffling ---------------------------------------------------------------------------------------------

def schudvolgorde(n: int, seed: int, sleutel: str, niet_gelijk: bool = False) -> list[int]:
    """A reproducible permutation of ``range(n)`` (same seed and key -> same order, on every machine).

    ``niet_gelijk``: no item on its own place (for ordering questions: the question never starts solved,
    not even half-solved). Reshuffles with the same generator until that holds (a random
    derangement: about 1 in 3 shuffles qualifies), else shifts everything one place.
    """
    volgorde = list(range(n))
    rnd = random.Random(f"{seed}:{sleutel}")
    rnd.shuffle(volgorde)
    if niet_gelijk and n > 1:
        for _ in range(200):
            if all(i != x for i, x in enumerate(volgorde)):
                return volgorde
            rnd.shuffle(volgorde)
        volgorde = [*range(1, n), 0]
    return volgorde


# --- the set --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Samenvatting:
    totaal: int
    goed: int
    gedeeltelijk: int
    fout: int
    open: int
    punten: float

    def tekst(self) -> str:
        tekst = f"{self.goed} van {self.totaal} goed"
        extra = []
        if self.gedeeltelijk:
            extra.append(f"{self.gedeeltelijk} gedeeltelijk goed")
        if self.open:
            extra.append(f"{self.open} nog niet beantwoord")
        if extra:
            tekst += " (" + ", ".join(extra) + ")"
        if self.gedeeltelijk:
            tekst += f". Punten: {getal_tekst(round(self.punten, 1))} van {self.totaal}"
        return tekst


def samenvatten(resultaten: Sequence[Resultaat | None]) -> Samenvatting:
    """Summary over a set; ``None`` or an invalid answer counts as not answered."""
    geldig = [r for r in resultaten if r is not None and r.telt]
    return Samenvatting(
        totaal=len(resultaten),
        goed=sum(1 for r in geldig if r.status == GOED),
        gedeeltelijk=sum(1 for r in geldig if r.status == DEELS),
        fout=sum(1 for r in geldig if r.status == FOUT),
        open=len(resultaten) - len(geldig),
        punten=sum(r.score for r in geldig),
    )


# --- stable text summary (text/plain, nbval) ---------------------------------------------------------

TYPE_NAAM = {"enkel": "één antwoord kiezen", "meer": "meer antwoorden kiezen", "volgorde": "volgorde",
             "getal": "getal invullen", "scenario": "scenario met keuzes"}


def beschrijf_vraag(vraag: Any, nummer: int) -> str:
    vraagtekst = platte_tekst(vraag.vraag) if vraag.vraag else platte_tekst(vraag.casus)
    if len(vraagtekst) > 140:
        vraagtekst = vraagtekst[:137].rstrip() + "..."
    return f"{nummer}. [{TYPE_NAAM[vraag.type]}] {vraag.id}: {vraagtekst}"
