"""Quality figures for question banks: does a bank test judgement, or only reading skill?

Pure functions on loaded banks (duck-typed, like :mod:`voordeur.quiz.model`). Definitions:

- a **decision point** is an ``enkel`` question or a point of a ``scenario``;
- a decision point is **single-answer** when exactly one of its options has ``goed: true``;
- in a single-answer point the right option is **uniquely the longest** when its text (without
  markup, spaces at the ends) is longer than the text of every other option;
- a scenario **branches** when at least one point sends different choices to different next points
  (two or more distinct ``naar:`` targets; an ``uitkomst:`` is an ending, not a next point).

:func:`meet` returns the figures (:class:`Kwaliteit`); :func:`waarschuwingen` turns them into the
warnings the bank checker shows a teacher (warnings, not errors: the bank still loads).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from voordeur.quiz.tekst import platte_tekst

MIN_PUNTEN_LENGTE = 3
"""The "right option is always the longest" warning needs at least this many single-answer points."""


@dataclass(frozen=True)
class Punt:
    """One decision point: where it is (``vraag_index``, ``punt_index`` or ``None``) and what it holds."""

    bank: str
    vraag: str
    vraag_index: int
    punt: str | None
    punt_index: int | None
    opties: int
    enkel_goed: bool
    goed_langst: bool


@dataclass(frozen=True)
class Kwaliteit:
    """The figures over one or more banks."""

    punten: list[Punt] = field(default_factory=list)
    scenarios: int = 0
    vertakt: int = 0
    niet_vertakt: list[tuple[str, str, int]] = field(default_factory=list)  # (bank, vraag id, index)

    @property
    def beslispunten(self) -> int:
        """Single-answer decision points."""
        return sum(1 for p in self.punten if p.enkel_goed)

    @property
    def goed_langst(self) -> int:
        """Single-answer decision points where the right option is uniquely the longest."""
        return sum(1 for p in self.punten if p.enkel_goed and p.goed_langst)

    @property
    def gemiddeld_opties(self) -> float:
        """Average number of options per decision point (0 when there are none)."""
        return sum(p.opties for p in self.punten) / len(self.punten) if self.punten else 0.0

    @property
    def een_optie(self) -> list[Punt]:
        return [p for p in self.punten if p.opties == 1]

    @property
    def altijd_langst(self) -> bool:
        """True when the right option is the longest in EVERY single-answer point (at least 3)."""
        return self.beslispunten >= MIN_PUNTEN_LENGTE and self.goed_langst == self.beslispunten

    def samen(self, ander: Kwaliteit) -> Kwaliteit:
        return Kwaliteit(self.punten + ander.punten, self.scenarios + ander.scenarios,
                         self.vertakt + ander.vertakt, self.niet_vertakt + ander.niet_vertakt)


def _lengte(tekst: str) -> int:
    return len(platte_tekst(tekst).strip())


def _punt(bank: str, vraag: Any, i: int, punt: Any, j: int | None, opties: list[Any]) -> Punt:
    goed = [o for o in opties if o.goed]
    langst = False
    if len(goed) == 1 and len(opties) > 1:
        lengte = _lengte(goed[0].tekst)
        langst = all(lengte > _lengte(o.tekst) for o in opties if o is not goed[0])
    return Punt(bank, vraag.id, i, None if punt is None else punt.id, j, len(opties), len(goed) == 1, langst)


def vertakt(vraag: Any) -> bool:
    """True when some point of scenario *vraag* sends choices to two or more different next points."""
    return any(len({o.naar for o in p.opties if o.naar is not None}) >= 2 for p in vraag.punten)


def meet_bank(bank: Any) -> Kwaliteit:
    """The figures of one bank."""
    punten: list[Punt] = []
    scenarios = 0
    vertakkend = 0
    niet: list[tuple[str, str, int]] = []
    for i, vraag in enumerate(bank.vragen):
        if vraag.type == "enkel":
            punten.append(_punt(bank.bank, vraag, i, None, None, list(vraag.opties)))
        elif vraag.type == "scenario":
            scenarios += 1
            for j, p in enumerate(vraag.punten):
                punten.append(_punt(bank.bank, vraag, i, p, j, list(p.opties)))
            if vertakt(vraag):
                vertakkend += 1
            else:
                niet.append((bank.bank, vraag.id, i))
    return Kwaliteit(punten, scenarios, vertakkend, niet)


def meet(banken: Iterable[Any]) -> Kwaliteit:
    """The figures over all *banken* together."""
    totaal = Kwaliteit()
    for bank in banken:
        totaal = totaal.samen(meet_bank(bank))
    return totaal


@dataclass(frozen=True)
class Waarschuwing:
    """A warning for a teacher: ``pad`` points into the bank (for the line number)."""

    pad: tuple[str | int, ...]
    vraag: str | None
    melding: str


def waarschuwingen(bank: Any) -> list[Waarschuwing]:
    """The quality warnings for one bank (see the module docstring)."""
    k = meet_bank(bank)
    uit: list[Waarschuwing] = []
    if k.altijd_langst:
        uit.append(Waarschuwing(("vragen",), None,
                                f"In alle {k.beslispunten} keuzes met één goed antwoord is het goede "
                                "antwoord de langste tekst. Leerlingen leren dan te kiezen op lengte in "
                                "plaats van op inhoud. Maak bij een paar vragen een fout antwoord even "
                                "lang of langer, of het goede antwoord korter."))
    for _, vid, i in k.niet_vertakt:
        uit.append(Waarschuwing(("vragen", i), vid,
                                "Dit scenario vertakt niet: geen enkel punt stuurt verschillende keuzes naar "
                                "verschillende volgende punten. Laat een minder goede keuze naar een eigen "
                                "punt leiden (een gevolg), waarna de leerling zich nog kan herstellen."))
    for p in k.een_optie:
        pad: tuple[str | int, ...] = ("vragen", p.vraag_index)
        if p.punt_index is not None:
            pad = (*pad, "punten", p.punt_index, "opties")
        wat = f"Het punt '{p.punt}'" if p.punt else "Deze vraag"
        uit.append(Waarschuwing(pad, p.vraag, f"{wat} heeft maar één keuze. Dan valt er niets te kiezen; "
                                "geef minstens twee (liefst drie) keuzes."))
    return uit


def rapport(per_bank: dict[str, Kwaliteit]) -> str:
    """The figures as Dutch text: one block per bank and a total."""
    from voordeur.getallen import getal

    regels: list[str] = []

    def blok(naam: str, k: Kwaliteit) -> None:
        regels.append(f"{naam}:")
        regels.append(f"  keuzes met één goed antwoord: {k.beslispunten}; daarvan is het goede antwoord de "
                      f"langste tekst in {k.goed_langst}")
        regels.append(f"  scenario's: {k.scenarios}; daarvan vertakt: {k.vertakt}")
        regels.append(f"  gemiddeld aantal opties per keuzepunt: {getal(k.gemiddeld_opties, 1)} "
                      f"({len(k.punten)} keuzepunten)")

    totaal = Kwaliteit()
    for naam, k in per_bank.items():
        blok(naam, k)
        totaal = totaal.samen(k)
    if len(per_bank) > 1:
        blok("Alle banken samen", totaal)
    return "\n".join(regels)
