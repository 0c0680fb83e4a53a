"""Load and check question banks: one Dutch message per problem, with file, line, question and field.

``controleer_bank(pad)`` returns a list of :class:`Probleem` (empty when the bank is fine);
``laad_bank(pad_of_naam)`` returns a validated :class:`~voordeur.quiz.schema.Bank` or raises
:class:`QuizFout` listing every problem.

Line numbers come from the YAML *compose* tree (nodes carry start marks), so a problem found by
pydantic or by the graph checks can be pointed at the line a teacher has to change.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import os
import re
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from voordeur import paden
from voordeur.quiz.fouten import QuizFout
from voordeur.veilig import VeiligFout, YamlGrens, laad_yaml, lees_tekst

if TYPE_CHECKING:
    from voordeur.quiz.schema import Bank

Pad = tuple[str | int, ...]

TYPEN = ("enkel", "meer", "volgorde", "getal", "scenario")
WAARSCHUWING = "waarschuwing"
MAX_OPTIES_VERGELIJKEN = 30
BANK_GRENS = YamlGrens(max_bytes=16 * 1024 * 1024, max_knopen=2_000_000, max_diepte=40)
"""Bounds for a bank file: far above a 10.000-question bank, far below a resource bomb."""


@dataclass(frozen=True)
class Uitslag:
    """The result of checking a bank: problems (errors), warnings, and the bank when it has no errors."""

    problemen: list[Probleem]
    waarschuwingen: list[Probleem]
    bank: Bank | None


@dataclass(frozen=True)
class Probleem:
    """One problem in a bank. ``str()`` gives the message a teacher reads."""

    bestand: str
    regel: int | None
    vraag: str | None
    veld: str | None
    melding: str
    ernst: str = "fout"  # "fout" (the bank cannot be used) or "waarschuwing" (it loads; please look)

    @property
    def is_waarschuwing(self) -> bool:
        return self.ernst == WAARSCHUWING

    def __str__(self) -> str:
        delen = [self.bestand]
        if self.regel is not None:
            delen.append(f"regel {self.regel}")
        if self.vraag is not None:
            delen.append(f"vraag '{self.vraag}'")
        if self.veld:
            delen.append(f"veld '{self.veld}'")
        return ", ".join(delen) + ": " + self.melding


# --- where the bank lives ----------------------------------------------------------------------------

def quizmappen() -> list[Path]:
    """Every folder with banks, first one first: ``quizzes/`` in each data folder that has one, found by
    :func:`voordeur.paden.datamappen` (a teacher's ``data/quizzes`` in the working folder comes before
    the banks packaged in the wheel)."""
    try:
        return [map_ / "quizzes" for map_ in paden.datamappen("quizzes")]
    except paden.MapFout as e:
        raise QuizFout(e.melding) from None


def quizmap() -> Path:
    """The first folder with banks (see :func:`quizmappen`)."""
    return quizmappen()[0]


def _natuurlijke_volgorde(naam: str) -> list[str | int]:
    """Sort key that reads numbers as numbers, so ``les2`` comes before ``les10``."""
    return [int(deel) if i % 2 else deel for i, deel in enumerate(re.split(r"(\d+)", naam))]


def banken() -> list[str]:
    """Names of the banks in the quiz folders, in natural order (``les1``, ``les2``, …, ``les10``)."""
    return sorted({p.stem for map_ in quizmappen() for p in map_.glob("*.yaml")}, key=_natuurlijke_volgorde)


#: The authoring demo bank (every question type): in ``banken()``, not in the lists a class picks from.
DEMOBANK = "voorbeeld"


def keuzelijst() -> list[tuple[str, str]]:
    """The quizzes a class can pick (quiz app, beamer): ``(label, bank name)``, the lessons first in
    lesson order, then any other bank (a teacher's own) by name.

    A lesson's bank gets its label from the manifest ("Les 3 · Signaleren"; a test keeps that title equal
    to the bank's own), so the list is made without reading every bank: a page starts faster. Another
    bank shows its own title, or its name with "(bevat fouten)" when it cannot be read; choosing it then
    shows the Dutch message (the list itself never fails on one broken file). The demo bank
    :data:`DEMOBANK` is for authors and is left out.
    """
    from voordeur.lessen import lessen

    aanwezig = banken()
    keuzes = [(f"Les {les.nummer} · {les.titel}", les.bank) for les in lessen() if les.bank in aanwezig]
    van_lessen = {naam for _, naam in keuzes}
    for naam in aanwezig:
        if naam in van_lessen or naam == DEMOBANK:
            continue
        try:
            keuzes.append((laad_bank(naam).titel, naam))
        except QuizFout:
            keuzes.append((f"{naam} (bevat fouten)", naam))
    return keuzes


def _in_quizmap(bestand: str) -> Path:
    """``bestand`` in the first quiz folder that has it, else in the first quiz folder."""
    mappen = quizmappen()
    return next((map_ / bestand for map_ in mappen if (map_ / bestand).is_file()), mappen[0] / bestand)


def zoek_bank(pad_of_naam: str | os.PathLike[str]) -> Path:
    """A path as given, or a bank name (without ``.yaml``) looked up in the quiz folders."""
    tekst = os.fspath(pad_of_naam)
    pad = Path(tekst)
    lijkt_pad = isinstance(pad_of_naam, os.PathLike) or "/" in tekst or "\\" in tekst
    if lijkt_pad or pad.suffix in (".yaml", ".yml"):
        if pad.exists() or lijkt_pad:
            return pad
        return _in_quizmap(pad.name)
    return _in_quizmap(f"{tekst}.yaml")


# --- YAML with line numbers ------------------------------------------------------------------------------

class _Regels:
    """Map paths such as ``("vragen", 2, "opties", 0, "feedback")`` to 1-based line numbers.

    While walking it also notes what YAML accepts but a bank must not hold: keys that are not names,
    ``.inf``/``.nan`` numbers, text that is only spaces, and keys that appear twice in one block. The
    walk is safe: :func:`voordeur.veilig.laad_yaml` bounded the depth and refused aliases before.
    """

    def __init__(self) -> None:
        self.knoop: dict[Pad, int] = {}
        self.sleutel: dict[Pad, int] = {}
        self.dubbel: list[tuple[Pad, int]] = []
        self.vreemd: list[tuple[Pad, int, str]] = []  # (path, line, message)

    def lees(self, node: yaml.Node | None, pad: Pad = ()) -> None:
        if node is None:
            return
        regel = node.start_mark.line + 1
        self.knoop[pad] = regel
        if isinstance(node, yaml.MappingNode):
            gezien: set[str] = set()
            for k, v in node.value:
                naam = str(k.value)
                if not isinstance(k, yaml.ScalarNode) or k.tag != "tag:yaml.org,2002:str":
                    self.vreemd.append(((*pad, naam), k.start_mark.line + 1,
                                        f"'{naam}' is geen veldnaam. Een veldnaam is een woord, zoals "
                                        "'tekst:' of 'feedback:'."))
                if naam in gezien:
                    self.dubbel.append(((*pad, naam), k.start_mark.line + 1))
                    continue
                gezien.add(naam)
                self.sleutel[(*pad, naam)] = k.start_mark.line + 1
                self.lees(v, (*pad, naam))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.lees(item, (*pad, i))
        elif isinstance(node, yaml.ScalarNode):
            waarde = str(node.value)
            if node.tag == "tag:yaml.org,2002:float" and waarde.lower().lstrip("+-") in (".inf", ".nan"):
                self.vreemd.append((pad, regel, f"'{waarde}' is geen gewoon getal (oneindig of 'geen "
                                    "getal'). Schrijf een echt getal, bijvoorbeeld 9.2."))
            elif node.tag == "tag:yaml.org,2002:str" and waarde and not waarde.strip():
                self.vreemd.append((pad, regel, "Dit veld bevat alleen spaties. Vul tekst in."))

    def regel(self, pad: Pad) -> int | None:
        p = tuple(pad)
        while True:
            if p in self.sleutel:
                return self.sleutel[p]
            if p in self.knoop:
                return self.knoop[p]
            if not p:
                return None
            p = p[:-1]


_ELEMENT = {"opties": "optie", "punten": "punt", "vragen": "vraag", "uitkomsten": "uitkomst"}


def _dubbel_melding(pad: Pad) -> str:
    melding = f"De sleutel '{pad[-1]}' staat twee keer in hetzelfde blok."
    if len(pad) >= 3 and isinstance(pad[-2], int):
        element = _ELEMENT.get(str(pad[-3]), "onderdeel")
        melding += (f" Begint hier een nieuwe {element}? Dan mist er een streepje: zet '- ' voor de "
                    f"eerste regel van die {element}, zoals '- {pad[-1]}: ...'.")
    return melding


def _veld_tekst(pad: Pad) -> str:
    delen: list[str] = []
    for x in pad:
        if isinstance(x, int) and delen:
            delen[-1] = f"{delen[-1]} {x + 1}"
        elif isinstance(x, int):
            delen.append(f"nummer {x + 1}")
        else:
            delen.append(x)
    return " › ".join(delen)


# --- pydantic errors in Dutch ----------------------------------------------------------------------------

_ALLE_VELDEN = {
    "bank", "titel", "versie", "beschrijving", "vragen", "id", "les", "type", "setting", "casus", "vraag",
    "hint", "bron", "uitleg", "opties", "tekst", "goed", "feedback", "items", "antwoord", "marge", "eenheid",
    "feedback_goed", "feedback_te_laag", "feedback_te_hoog", "data", "dataset", "waar", "kolom", "start",
    "punten", "naar", "uitkomst", "uitkomsten",
}

_ONTBREEKT = {
    "feedback": "Deze optie heeft geen feedback. Schrijf bij elke optie uitleg voor de leerling "
                "(feedback: ...).",
    "antwoord": "Een getal-vraag heeft een antwoord nodig, bijvoorbeeld 'antwoord: 9.2'.",
    "id": "Het id ontbreekt. Geef een unieke naam, bijvoorbeeld 'id: l3-peuter-blauwe-plekken'.",
    "type": "Het type ontbreekt. Kies uit: " + ", ".join(TYPEN) + ".",
    "vraag": "De vraag ontbreekt: wat moet de leerling doen of kiezen?",
    "opties": "De opties ontbreken. Geef minstens twee opties.",
    "items": "De items ontbreken. Zet de stappen in de goede volgorde onder 'items:'.",
    "versie": "Het versienummer ontbreekt, bijvoorbeeld 'versie: 1'.",
    "casus": "De casus ontbreekt: beschrijf de beginsituatie.",
}


def _vertaal(fout: dict[str, Any]) -> str:
    soort = fout["type"]
    ctx = fout.get("ctx") or {}
    naam = next((x for x in reversed(fout["loc"]) if isinstance(x, str)), "")
    invoer = fout.get("input")
    if soort == "missing":
        return _ONTBREEKT.get(str(fout["loc"][-1]), f"Het veld '{fout['loc'][-1]}' ontbreekt.")
    if soort == "extra_forbidden":
        tip = difflib.get_close_matches(str(naam), sorted(_ALLE_VELDEN), n=1)
        extra = f" Bedoel je '{tip[0]}'?" if tip else ""
        return f"Onbekend veld '{naam}'.{extra} Controleer de spelling en de inspringing."
    if soort in ("string_type",):
        if invoer is None:
            return "Dit veld is leeg. Vul tekst in."
        if isinstance(invoer, bool):
            return (f"Hier hoort tekst, maar YAML leest dit als {'waar' if invoer else 'niet waar'} (woorden "
                    "als yes, no, on en off betekenen dat in YAML). Zet de tekst tussen aanhalingstekens, "
                    "bijvoorbeeld \"no\".")
        if isinstance(invoer, _dt.date):
            return (f"Hier hoort tekst, maar YAML leest dit als een datum ({invoer.isoformat()}). Zet de "
                    f"tekst tussen aanhalingstekens: \"{invoer.isoformat()}\".")
        if isinstance(invoer, int | float):
            return (f"Hier hoort tekst, maar er staat een getal ({invoer}). Bedoel je de tekst '{invoer}'? "
                    f"Zet die dan tussen aanhalingstekens: \"{invoer}\".")
        return "Hier hoort tekst te staan."
    if soort == "string_too_short":
        return "Dit veld is leeg. Vul tekst in."
    if soort == "string_pattern_mismatch":
        return (f"'{invoer}' mag alleen letters, cijfers en '-' bevatten (geen spaties), "
                "bijvoorbeeld l3-peuter.")
    if soort in ("int_type", "int_parsing", "int_from_float"):
        return f"Hier hoort een heel getal, bijvoorbeeld 1 (nu: {invoer!r})."
    if soort == "invalid_key":
        return "Een veldnaam moet een woord zijn, zoals 'tekst:' of 'feedback:'."
    if soort == "finite_number":
        return ("Dit is geen gewoon getal (oneindig of 'geen getal'). Schrijf een echt getal, "
                "bijvoorbeeld 9.2.")
    if soort in ("float_type", "float_parsing"):
        return (f"Hier hoort een getal (nu: {invoer!r}). Gebruik in het YAML-bestand een punt, "
                "bijvoorbeeld 9.2 (de leerling mag straks wel 9,2 typen).")
    if soort in ("bool_type", "bool_parsing"):
        return f"Hier hoort true of false (nu: {invoer!r})."
    if soort == "list_type":
        return "Hier hoort een lijst: regels die beginnen met '- '."
    if soort == "too_short":
        return f"Deze lijst is te kort: er zijn er minstens {ctx.get('min_length', 1)} nodig."
    if soort in ("dict_type", "model_type", "model_attributes_type"):
        return "Hier hoort een blok met velden (naam: waarde)."
    if soort == "greater_than_equal":
        return f"Dit getal moet minstens {ctx.get('ge')} zijn."
    return f"Deze waarde klopt niet ({fout.get('msg', soort)})."


# --- the checks ----------------------------------------------------------------------------------------

class _Controle:
    def __init__(self, bestand: str, regels: _Regels) -> None:
        self.bestand = bestand
        self.regels = regels
        self.problemen: list[Probleem] = []
        self.waarschuwingen: list[Probleem] = []
        self.al_gemeld: set[Pad] = set()

    def _maak(self, pad: Pad, melding: str, vraag: str | None, vraag_pad: Pad, ernst: str) -> Probleem:
        veld_pad = pad[len(vraag_pad):] if vraag is not None else pad
        return Probleem(self.bestand, self.regels.regel(pad), vraag, _veld_tekst(veld_pad)
                        if veld_pad else None, melding, ernst)

    def meld(self, pad: Pad, melding: str, vraag: str | None = None, vraag_pad: Pad = ()) -> None:
        """*pad* is absolute (for the line); the field is shown relative to the question."""
        self.problemen.append(self._maak(pad, melding, vraag, vraag_pad, "fout"))

    def problemen_bij(self, vraag: str) -> bool:
        return any(p.vraag == vraag for p in self.problemen)

    def waarschuw(self, pad: Pad, melding: str, vraag: str | None = None, vraag_pad: Pad = ()) -> None:
        self.waarschuwingen.append(self._maak(pad, melding, vraag, vraag_pad, WAARSCHUWING))

    def pydantic(self, fouten: list[dict[str, Any]], prefix: Pad, vraag: str | None) -> None:
        for f in fouten:
            pad = prefix + tuple(f["loc"])
            if pad in self.al_gemeld:  # e.g. '.nan' as marge: already said, not "moet minstens 0 zijn"
                continue
            self.meld(pad, _vertaal(f), vraag, prefix)


def _vraag_label(raw: Any, i: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str | int) and str(raw.get("id")).strip():
        return str(raw["id"])
    return f"nummer {i + 1}"


def _controleer_keuzes(c: _Controle, vraag: Any, label: str, vp: Pad) -> None:
    goed = sum(1 for o in vraag.opties if o.goed)
    if vraag.type == "enkel" and goed == 0:
        c.meld((*vp, "opties"), "Er is geen goed antwoord. Zet bij precies één optie 'goed: true'.",
               label, vp)
    elif vraag.type == "enkel" and goed > 1:
        c.meld((*vp, "opties"), f"Er zijn {goed} opties met 'goed: true'. Bij type enkel mag dat er maar "
               "één zijn. Gebruik type meer als meerdere antwoorden goed zijn.", label, vp)
    elif vraag.type == "meer" and goed == 0:
        c.meld((*vp, "opties"), "Er is geen goed antwoord. Zet bij minstens één optie 'goed: true'.",
               label, vp)
    _controleer_dubbele_opties(c, vraag.opties, (*vp, "opties"), label, vp)


def _kern(tekst: str) -> str:
    """Text without case, spaces and punctuation: "Melden." and "melden" are the same option."""
    return "".join(ch for ch in tekst.casefold() if ch.isalnum())


def _lijkt_op(a: str, b: str) -> bool:
    """Near-equal texts (90% the same), unless they differ in their numbers ("8 miljoen", "1,2 miljoen")."""
    cijfers = [c for c in a if c.isdigit()] != [c for c in b if c.isdigit()]
    if cijfers or min(len(a), len(b)) < 12:
        return False
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return m.real_quick_ratio() >= 0.9 and m.quick_ratio() >= 0.9 and m.ratio() >= 0.9


def _controleer_dubbele_opties(c: _Controle, opties: Any, op: Pad, label: str, vp: Pad) -> None:
    """Equal options (also when only case, spaces or punctuation differ) are errors; near-equal warn."""
    gezien: dict[str, int] = {}
    kernen: dict[str, int] = {}
    vergelijk = len(opties) <= MAX_OPTIES_VERGELIJKEN  # near-equal is O(n²): only for normal questions
    for j, o in enumerate(opties):
        kern = _kern(o.tekst)
        if o.tekst in gezien:
            c.meld((*op, j, "tekst"), f"Deze optie staat er twee keer in (ook optie {gezien[o.tekst] + 1}).",
                   label, vp)
        elif kern and kern in kernen:
            c.meld((*op, j, "tekst"), f"Deze optie is bijna gelijk aan optie {kernen[kern] + 1}: "
                   "alleen hoofdletters, spaties of leestekens verschillen. Leerlingen zien dan geen "
                   "verschil.",
                   label, vp)
        elif vergelijk:
            lijkt = next((i for k, i in kernen.items() if _lijkt_op(k, kern)), None)
            if lijkt is not None:
                c.waarschuw((*op, j, "tekst"), f"Deze optie lijkt sterk op optie {lijkt + 1}. Leerlingen "
                            "zien het verschil misschien niet. Maak het verschil duidelijker.", label, vp)
        gezien.setdefault(o.tekst, j)
        kernen.setdefault(kern, j)


def _controleer_getal(c: _Controle, vraag: Any, label: str, vp: Pad) -> None:
    """``antwoord: 1.0e+400`` or ``marge: "1e999"`` become infinite: every answer right, or none."""
    for veld in ("antwoord", "marge"):
        if not math.isfinite(getattr(vraag, veld)) and (*vp, veld) not in c.al_gemeld:
            c.meld((*vp, veld), "Dit getal is zo groot dat het oneindig wordt. Schrijf een gewoon getal, "
                   "bijvoorbeeld 9.2.", label, vp)


def _controleer_volgorde(c: _Controle, vraag: Any, label: str, vp: Pad) -> None:
    gezien: dict[str, int] = {}
    for j, item in enumerate(vraag.items):
        if item in gezien:
            c.meld((*vp, "items", j), f"Dit item staat er twee keer in (ook item {gezien[item] + 1}). "
                   "Dan is de volgorde niet eenduidig.", label, vp)
        gezien.setdefault(item, j)


def _controleer_scenario(c: _Controle, vraag: Any, label: str, vp: Pad) -> None:
    punten: dict[str, int] = {}
    for j, p in enumerate(vraag.punten):
        if p.id in punten:
            c.meld((*vp, "punten", j, "id"), f"Het punt '{p.id}' bestaat al (punt {punten[p.id] + 1}). "
                   "Elk punt heeft een eigen id nodig.", label, vp)
        punten.setdefault(p.id, j)
    uitkomsten: dict[str, int] = {}
    for j, u in enumerate(vraag.uitkomsten):
        if u.id in uitkomsten:
            c.meld((*vp, "uitkomsten", j, "id"), f"De uitkomst '{u.id}' bestaat al. Elke uitkomst heeft een "
                   "eigen id nodig.", label, vp)
        uitkomsten.setdefault(u.id, j)
    if not any(u.goed for u in vraag.uitkomsten):
        c.meld((*vp, "uitkomsten"), "Geen enkele uitkomst heeft 'goed: true'. Geef aan welke afloop de "
               "beste is.", label, vp)
    if vraag.start not in punten:
        c.meld((*vp, "start"), f"Het startpunt '{vraag.start}' bestaat niet. Bestaande punten: "
               f"{', '.join(punten)}.", label, vp)

    volgende: dict[str, set[str]] = {p.id: set() for p in vraag.punten}
    eindigt: set[str] = set()
    gebruikt: set[str] = set()
    for j, p in enumerate(vraag.punten):
        if not any(o.goed for o in p.opties):
            c.meld((*vp, "punten", j, "opties"), f"Bij punt '{p.id}' heeft geen enkele keuze 'goed: true'. "
                   "Geef aan wat de beste keuze is.", label, vp)
        _controleer_dubbele_opties(c, p.opties, (*vp, "punten", j, "opties"), label, vp)
        for k, o in enumerate(p.opties):
            op = (*vp, "punten", j, "opties", k)
            if o.naar is None and o.uitkomst is None:
                c.meld(op, "Deze keuze leidt nergens heen. Geef 'naar:' (een volgend punt) of 'uitkomst:'.",
                       label, vp)
            elif o.naar is not None and o.uitkomst is not None:
                c.meld(op, "Deze keuze heeft zowel 'naar:' als 'uitkomst:'. Kies er één.", label, vp)
            if o.naar is not None:
                if o.naar in punten:
                    volgende[p.id].add(o.naar)
                else:
                    c.meld((*op, "naar"), f"Het punt '{o.naar}' bestaat niet. Bestaande punten: "
                           f"{', '.join(punten)}.", label, vp)
            if o.uitkomst is not None:
                if o.uitkomst in uitkomsten:
                    eindigt.add(p.id)
                    gebruikt.add(o.uitkomst)
                else:
                    c.meld((*op, "uitkomst"), f"De uitkomst '{o.uitkomst}' bestaat niet. Bestaande "
                           f"uitkomsten: {', '.join(uitkomsten) or '(geen)'}.", label, vp)

    if vraag.start in punten:
        bereikt = {vraag.start}
        rij = deque([vraag.start])
        while rij:
            for n in volgende[rij.popleft()]:
                if n not in bereikt:
                    bereikt.add(n)
                    rij.append(n)
        for pid, j in punten.items():
            if pid not in bereikt:
                c.meld((*vp, "punten", j), f"Het punt '{pid}' is onbereikbaar: geen keuze verwijst ernaar "
                       f"met 'naar: {pid}' (vanaf het startpunt '{vraag.start}').", label, vp)
    # points from which no outcome can ever be reached (the choices go round in circles)
    vorige: dict[str, set[str]] = {pid: set() for pid in volgende}
    for pid, nexts in volgende.items():
        for n in nexts:
            vorige[n].add(pid)
    kan_eindigen = set(eindigt)
    rij = deque(eindigt)
    while rij:  # backwards from the points that end: linear, also for thousands of points
        for v in vorige[rij.popleft()]:
            if v not in kan_eindigen:
                kan_eindigen.add(v)
                rij.append(v)
    for pid, j in punten.items():
        if pid not in kan_eindigen:
            c.meld((*vp, "punten", j), f"Vanaf het punt '{pid}' kom je nooit bij een uitkomst: de keuzes "
                   "blijven rondgaan. Laat minstens één route eindigen met 'uitkomst:'.", label, vp)
    if vraag.start in punten and not c.problemen_bij(label):
        _controleer_beste_route(c, vraag, label, vp, punten)
    for uid, j in uitkomsten.items():
        if uid not in gebruikt:
            c.meld((*vp, "uitkomsten", j), f"De uitkomst '{uid}' wordt nergens gebruikt: geen keuze heeft "
                   f"'uitkomst: {uid}'.", label, vp)


def _controleer_beste_route(c: _Controle, vraag: Any, label: str, vp: Pad, punten: dict[str, int]) -> None:
    """Along only the best choices (``goed: true``) a student must be able to reach a good outcome.

    Otherwise "goed" can never be scored: the best choices loop, or end in an outcome without
    ``goed: true``.
    """
    per_id = {p.id: p for p in vraag.punten}
    goede_uitkomst = {u.id for u in vraag.uitkomsten if u.goed}
    bezocht: set[str] = set()
    rij = [vraag.start]
    slecht_einde: list[tuple[str, str]] = []
    while rij:
        pid = rij.pop()
        if pid in bezocht or pid not in per_id:
            continue
        bezocht.add(pid)
        for o in per_id[pid].opties:
            if not o.goed:
                continue
            if o.uitkomst is not None:
                if o.uitkomst in goede_uitkomst:
                    return
                slecht_einde.append((pid, o.uitkomst))
            elif o.naar is not None:
                rij.append(o.naar)
    if slecht_einde:
        pid, uid = slecht_einde[0]
        reden = (f"de beste keuze bij punt '{pid}' eindigt in de uitkomst '{uid}', en die heeft geen "
                 "'goed: true'")
    else:
        reden = "de beste keuzes gaan in een kring rond en komen nooit bij een uitkomst"
    c.meld((*vp, "start"), f"Een leerling die steeds de beste keuze maakt ('goed: true'), kan nooit een "
           f"goede afloop halen: {reden}. Controleer bij welke keuzes 'goed: true' staat en waar ze "
           "heen leiden.", label, vp)


def _yaml_fout(e: yaml.YAMLError, tekst: str, bestand: str) -> Probleem:
    """A YAML syntax error in words a teacher can act on, with the line."""
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    regel = mark.line + 1 if mark is not None else None
    wat = str(getattr(e, "problem", None) or e)
    context = str(getattr(e, "context", "") or "")
    if isinstance(e, yaml.reader.ReaderError):
        regel = tekst[: e.position].count("\n") + 1
        melding = (f"Op deze regel staat een onzichtbaar stuurteken (code #x{e.character:04x}). Haal het "
                   "weg, bijvoorbeeld door dat stuk tekst opnieuw te typen.")
    elif "tab" in wat:
        melding = "Op deze regel staat een tab. Spring in met spaties, niet met tabs."
    elif "another document" in wat:
        melding = ("Hier begint een tweede document ('---'). Een vragenbank is één document: haal de regel "
                   "met '---' weg.")
    elif "alias" in context or "anchor" in context:
        melding = (f"Dit is geen geldige YAML ({wat}). Begint een tekst op deze regel met * of & "
                   "(bijvoorbeeld **vet**)? Zet de hele tekst dan tussen aanhalingstekens: "
                   "\"**vet** en de rest\".")
    else:
        melding = (f"Dit is geen geldige YAML ({wat}). Kijk naar deze regel en de regel erboven: vaak klopt "
                   "de inspringing niet, mist er een ':' of staat er een ':' in tekst zonder "
                   "aanhalingstekens.")
    return Probleem(bestand, regel, None, None, melding)


def _controleer_data(bestand: str, tekst: str) -> tuple[Any, list[Probleem], _Regels]:
    regels = _Regels()
    try:
        node, data = laad_yaml(tekst, bestand, BANK_GRENS)
    except VeiligFout as e:
        return None, [Probleem(bestand, e.regel, None, None, e.kaal)], regels
    except yaml.YAMLError as e:
        return None, [_yaml_fout(e, tekst, bestand)], regels
    regels.lees(node)
    return data, [], regels


def controleer_tekst(tekst: str, bestand: str = "<tekst>") -> tuple[list[Probleem], Bank | None]:
    """Check YAML text; return the problems and, when there are none, the bank."""
    uitslag = controleer_tekst_volledig(tekst, bestand)
    return uitslag.problemen, uitslag.bank


def controleer_tekst_volledig(tekst: str, bestand: str = "<tekst>") -> Uitslag:
    """Check YAML text: problems, quality warnings (see :mod:`voordeur.quiz.kwaliteit`) and the bank."""
    problemen, bank, waarschuwingen = _controleer(tekst, bestand)
    return Uitslag(problemen, waarschuwingen, bank)


def _controleer(tekst: str, bestand: str) -> tuple[list[Probleem], Bank | None, list[Probleem]]:
    from pydantic import ValidationError

    from voordeur.quiz import kwaliteit, schema

    data, problemen, regels = _controleer_data(bestand, tekst)
    if problemen:
        return problemen, None, []
    c = _Controle(bestand, regels)
    vragen_ruw = data.get("vragen") if isinstance(data, dict) else None

    def plaats(pad: Pad, regel: int, melding: str) -> None:
        """A problem found while walking the YAML: named by its question where it is inside one."""
        if isinstance(vragen_ruw, list) and len(pad) >= 2 and pad[0] == "vragen" and isinstance(pad[1], int) \
                and pad[1] < len(vragen_ruw):
            veld = _veld_tekst(pad[2:]) if pad[2:] else None
            label = _vraag_label(vragen_ruw[pad[1]], pad[1])
            c.problemen.append(Probleem(bestand, regel, label, veld, melding))
        else:
            c.problemen.append(Probleem(bestand, regel, None, _veld_tekst(pad) if pad else None, melding))
        c.al_gemeld.add(tuple(pad))

    for pad, regel in regels.dubbel:
        plaats(pad, regel, _dubbel_melding(pad))
    for pad, regel, melding in regels.vreemd:
        plaats(pad, regel, melding)
    if not isinstance(data, dict):
        c.meld((), "Het bestand moet beginnen met 'bank:', 'titel:', 'versie:' en 'vragen:'."
               if data is None else "Het bestand is geen vragenbank: het moet beginnen met 'bank:', "
               "'titel:', 'versie:' en 'vragen:'.")
        return c.problemen, None, []
    try:
        schema._BankKop.model_validate(data)
    except ValidationError as e:
        c.pydantic(e.errors(include_url=False), (), None)  # type: ignore[arg-type]
    vragen = data.get("vragen")
    if not isinstance(vragen, list):
        return c.problemen, None, []

    eerste: dict[str, int] = {}
    gevalideerd: list[Any] = []
    for i, raw in enumerate(vragen):
        vp: Pad = ("vragen", i)
        label = _vraag_label(raw, i)
        if not isinstance(raw, dict):
            continue  # already reported by the bank check
        vid = raw.get("id")
        if isinstance(vid, str):
            if vid in eerste:
                c.meld((*vp, "id"), f"Het id '{vid}' komt al voor (vraag {eerste[vid] + 1}, regel "
                       f"{regels.regel(('vragen', eerste[vid], 'id'))}). "
                       "Elke vraag heeft een eigen id nodig.", label, vp)
            eerste.setdefault(vid, i)
        soort = raw.get("type")
        if soort is None:
            c.meld((*vp, "type"), _ONTBREEKT["type"], label, vp)
            continue
        if soort not in schema.VRAAG_MODELLEN:
            tip = difflib.get_close_matches(str(soort), TYPEN, n=1)
            extra = f" Bedoel je '{tip[0]}'?" if tip else ""
            c.meld((*vp, "type"), f"Onbekend type '{soort}'.{extra} Kies uit: {', '.join(TYPEN)}.", label, vp)
            continue
        try:
            vraag = schema.VRAAG_MODELLEN[soort].model_validate(raw)
        except ValidationError as e:
            c.pydantic(e.errors(include_url=False), vp, label)  # type: ignore[arg-type]
            continue
        gevalideerd.append(vraag)
        if soort in ("enkel", "meer"):
            _controleer_keuzes(c, vraag, label, vp)
        elif soort == "volgorde":
            _controleer_volgorde(c, vraag, label, vp)
        elif soort == "scenario":
            _controleer_scenario(c, vraag, label, vp)
        elif soort == "getal":
            _controleer_getal(c, vraag, label, vp)

    if c.problemen:
        c.problemen.sort(key=lambda p: (p.regel or 0))
        return c.problemen, None, []
    # the questions are validated already; pydantic does not validate model instances again
    bank = schema.Bank.model_validate({**data, "vragen": gevalideerd})
    for w in kwaliteit.waarschuwingen(bank):
        vraag_pad: Pad = tuple(w.pad[:2]) if w.vraag is not None else ()
        c.waarschuw(w.pad, w.melding, w.vraag, vraag_pad)
    c.waarschuwingen.sort(key=lambda p: (p.regel or 0))
    return [], bank, c.waarschuwingen


def _lees_bestand(pad: Path) -> tuple[str | None, list[Probleem]]:
    """The text of a bank file, or one problem (folder, missing, FIFO, encoding, size, ...)."""
    try:
        return lees_tekst(pad, max_bytes=BANK_GRENS.max_bytes, soort="vragenbank (.yaml-bestand)"), []
    except VeiligFout as e:
        return None, [Probleem(str(pad), e.regel, None, None, e.kaal)]


def controleer_bank(pad: str | os.PathLike[str]) -> list[Probleem]:
    """All problems in the bank file *pad* (an empty list when the bank is fine); no warnings."""
    return controleer_bank_volledig(pad).problemen


def controleer_bank_volledig(pad: str | os.PathLike[str]) -> Uitslag:
    """Problems, warnings and (without problems) the bank of the file *pad*; never raises for a file."""
    _moet_pad_zijn(pad, "quiz.controleer_bank")
    pad = Path(pad)
    tekst, problemen = _lees_bestand(pad)
    if tekst is None:
        return Uitslag(problemen, [], None)
    uitslag = controleer_tekst_volledig(tekst, str(pad))
    naam = _naam_probleem(pad, tekst, uitslag.bank)
    return Uitslag(uitslag.problemen, naam + uitslag.waarschuwingen, uitslag.bank) if naam else uitslag


def _naam_probleem(pad: Path, tekst: str, bank: Bank | None) -> list[Probleem]:
    """A bank has one name: the file stem equals ``bank:`` (``les1.yaml`` holds ``bank: les1``).

    A warning, not an error: a teacher who copies ``voorbeeld.yaml`` to ``mijn-casussen.yaml`` can still
    use it, and ``make check-quiz`` says which of the two names to change."""
    if bank is None or bank.bank == pad.stem:
        return []
    regel = next((i for i, r in enumerate(tekst.splitlines(), 1) if r.startswith("bank:")), None)
    return [Probleem(str(pad), regel, None, "bank",
                     f"De naam van de bank ('{bank.bank}') is niet gelijk aan de naam van het bestand "
                     f"('{pad.stem}'). Een bank heeft één naam: schrijf 'bank: {pad.stem}', of noem het "
                     f"bestand '{bank.bank}.yaml'.", WAARSCHUWING)]


def _moet_pad_zijn(x: Any, functie: str) -> None:
    if not isinstance(x, str | os.PathLike) or not os.fspath(x).strip():
        raise QuizFout(f"Geef de naam of het pad van een vragenbank als tekst, bijvoorbeeld "
                       f"{functie}(\"les1\") of {functie}(\"data/quizzes/les1.yaml\").")


def laad_bank(pad_of_naam: str | os.PathLike[str]) -> Bank:
    """Load a bank by name (``data/quizzes/<naam>.yaml``) or path; :class:`QuizFout` lists all problems."""
    _moet_pad_zijn(pad_of_naam, "quiz.laad_bank")
    pad = zoek_bank(pad_of_naam)
    if not pad.exists() and not os.fspath(pad_of_naam).endswith((".yaml", ".yml")) \
            and "/" not in os.fspath(pad_of_naam):
        beschikbaar = ", ".join(banken()) or "(geen)"
        raise QuizFout(f"De vragenbank '{os.fspath(pad_of_naam)}' bestaat niet in {quizmap()}. "
                       f"Beschikbaar: {beschikbaar}.")
    try:
        st = pad.stat()
        sleutel: tuple[str, int, int] | None = (str(pad.resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        sleutel = None
    if sleutel is not None and sleutel in _CACHE:
        return _CACHE[sleutel]
    tekst, problemen = _lees_bestand(pad)
    bank = None
    if tekst is not None:
        problemen, bank = controleer_tekst(tekst, str(pad))
    if problemen or bank is None:
        raise QuizFout.uit_problemen(problemen)
    if sleutel is not None:
        _CACHE[sleutel] = bank  # banks are frozen, so sharing them is safe
    return bank


_CACHE: dict[tuple[str, int, int], Bank] = {}
