"""The saved-answers file, format version 2: one file per lesson, and a pure reader for versions 1 and 2.

The format is documented in ``docs/dev/antwoordenbestand.md`` (with a JSON schema in
``docs/dev/antwoordenbestand.schema.json`` and an example). In short::

    {"formaat": "voordeur-quiz-antwoorden", "formaat_versie": 2,
     "naam": "Sam" | null,            # typed by the student; a pseudonym is fine; optional
     "les": 3 | null, "bank": "les3", "bank_versie": 2, "titel": "...", "tijdstip": "<ISO 8601>",
     "vragen": [{"id": "...", "type": "enkel",
                 "pogingen": [{"antwoord": ..., "status": "fout", "score": 0.0, "tijdstip": "..."}],
                 "eerste_poging": {"status": "fout", "score": 0.0} | null,
                 "eind": {"status": "goed", "score": 1.0} | null}],
     "samenvatting": {"totaal": 9, "beantwoord": 8, "eerste_poging_goed": 6, "goed": 8, "deels": 0,
                      "fout": 0, "open": 1, "punten": 8.0, "tekst": "..."}}

Statuses in a file are ``goed``, ``deels`` and ``fout`` (version 1 wrote ``gedeeltelijk``: read as
``deels``). Only attempts that count are stored (an empty or unreadable answer is not an attempt).

Everything here is pure: :func:`maak` builds the dictionary, :func:`als_json` the text,
:func:`lees_json` reads text that came from anywhere (a file, an upload) into an
:class:`Antwoordbestand`, and :func:`lees_bestanden` reads many files and reports broken, other-version
and duplicate files instead of raising. Files are read through :func:`voordeur.veilig.lees_tekst`
(bounded) and written through :func:`voordeur.veilig.schrijf_atomair` (atomic, see :func:`schrijf`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from voordeur.quiz.fouten import QuizFout
from voordeur.veilig import VeiligFout, decodeer, lees_tekst

FORMAAT = "voordeur-quiz-antwoorden"
VERSIE = 2
GELEZEN_VERSIES = (1, 2)
MAX_BYTES = 4 * 1024 * 1024  # a lesson file is a few kB
MAX_DIEPTE = 20  # the deepest real file nests 7 levels
MAX_NAAM = 80

GOED, DEELS, FOUT = "goed", "deels", "fout"
STATUSSEN = (GOED, DEELS, FOUT)
_OUDE_NAMEN = {"gedeeltelijk": DEELS}


# --- the parts of a file -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Poging:
    """One counted attempt at a question."""

    antwoord: Any
    status: str
    score: float
    tijdstip: str | None = None


@dataclass(frozen=True)
class Uitslag:
    """A verdict with its score (first try, or the final one)."""

    status: str
    score: float

    @property
    def goed(self) -> bool:
        return self.status == GOED


@dataclass(frozen=True)
class VraagAntwoorden:
    """Everything a file says about one question."""

    id: str
    type: str
    pogingen: tuple[Poging, ...] = ()
    eerste_poging: Uitslag | None = None
    eind: Uitslag | None = None

    @property
    def beantwoord(self) -> bool:
        return self.eind is not None


@dataclass(frozen=True)
class Antwoordbestand:
    """A saved-answers file as read (any version), in one shape."""

    bank: str
    bank_versie: int
    tijdstip: str
    vragen: tuple[VraagAntwoorden, ...]
    formaat_versie: int = VERSIE
    naam: str | None = None
    les: int | None = None
    titel: str = ""
    sessie: str | None = None  # random id of the quiz session that wrote the file
    bron: str = ""  # where it was read from (file name); not part of the file
    vingerafdruk: str = ""  # sha256 of the content, to recognise the same file twice

    @property
    def eerste_poging_bekend(self) -> bool:
        """Version 1 files kept only the last answer: their first-try result is unknown."""
        return self.formaat_versie >= 2

    def samenvatting(self) -> dict[str, Any]:
        return samenvatting(self.vragen, eerste_poging_bekend=self.eerste_poging_bekend)


# --- writing -----------------------------------------------------------------------------------------------


def tijd(tijdstip: datetime | None = None) -> str:
    """An ISO 8601 time with the local offset, to the second."""
    return (tijdstip or datetime.now()).astimezone().isoformat(timespec="seconds")


def schone_naam(naam: str | None) -> str | None:
    """The typed name as stored: stripped, single spaces, at most 80 characters; empty -> ``None``."""
    if naam is None:
        return None
    tekst = " ".join(str(naam).split())
    tekst = "".join(ch for ch in tekst if ch.isprintable())
    return tekst[:MAX_NAAM] or None


def samenvatting(vragen: Sequence[VraagAntwoorden], *, eerste_poging_bekend: bool = True) -> dict[str, Any]:
    """The summary block of a file (also recomputed on reading: a file's own block is not trusted)."""
    from voordeur.getallen import getal

    eind = [v.eind for v in vragen if v.eind is not None]
    s: dict[str, Any] = {
        "totaal": len(vragen),
        "beantwoord": len(eind),
        "eerste_poging_goed": (
            sum(1 for v in vragen if v.eerste_poging is not None and v.eerste_poging.goed)
            if eerste_poging_bekend
            else None
        ),
        "goed": sum(1 for u in eind if u.status == GOED),
        "deels": sum(1 for u in eind if u.status == DEELS),
        "fout": sum(1 for u in eind if u.status == FOUT),
        "open": len(vragen) - len(eind),
        "punten": round(sum(u.score for u in eind), 3),
    }
    tekst = f"{s['goed']} van {s['totaal']} goed"
    if s["eerste_poging_goed"] is not None:
        eerst = f"{s['eerste_poging_goed']} van {s['totaal']} goed bij de eerste poging"
        tekst = f"{eerst}, {tekst} na opnieuw proberen"
    extra = []
    if s["deels"]:
        extra.append(f"{s['deels']} deels goed")
    if s["open"]:
        extra.append(f"{s['open']} nog niet beantwoord")
    if extra:
        tekst += " (" + ", ".join(extra) + ")"
    if s["deels"]:
        tekst += f". Punten: {getal(round(s['punten'], 1))} van {s['totaal']}"
    s["tekst"] = tekst
    return s


def _uitslag_dict(u: Uitslag | None) -> dict[str, Any] | None:
    return None if u is None else {"status": u.status, "score": round(u.score, 3)}


def maak(
    bank: str,
    bank_versie: int,
    vragen: Sequence[VraagAntwoorden],
    *,
    titel: str = "",
    les: int | None = None,
    naam: str | None = None,
    tijdstip: datetime | str | None = None,
) -> dict[str, Any]:
    """The content of a version-2 file (a plain dictionary, ready for :func:`als_json`)."""
    for v in vragen:
        for u in (v.eerste_poging, v.eind, *v.pogingen):
            if u is not None and u.status not in STATUSSEN:
                raise ValueError(f"status {u.status!r} of {v.id!r} is not one of {STATUSSEN}")
    return {
        "formaat": FORMAAT,
        "formaat_versie": VERSIE,
        "naam": schone_naam(naam),
        "les": les,
        "bank": bank,
        "bank_versie": bank_versie,
        "titel": titel,
        "tijdstip": tijdstip if isinstance(tijdstip, str) else tijd(tijdstip),
        "vragen": [
            {
                "id": v.id,
                "type": v.type,
                "pogingen": [
                    {
                        "antwoord": p.antwoord,
                        "status": p.status,
                        "score": round(p.score, 3),
                        "tijdstip": p.tijdstip,
                    }
                    for p in v.pogingen
                ],
                "eerste_poging": _uitslag_dict(v.eerste_poging),
                "eind": _uitslag_dict(v.eind),
            }
            for v in vragen
        ],
        "samenvatting": samenvatting(vragen),
    }


def als_json(inhoud: Mapping[str, Any]) -> str:
    return json.dumps(inhoud, ensure_ascii=False, indent=2) + "\n"


def bestandsnaam(bank: str, naam: str | None = None) -> str:
    """The stable, documented name: ``antwoorden-<bank>.json`` or ``antwoorden-<bank>-<naam>.json``.

    The name part keeps letters, digits and ``-`` only (``"Sam de Vries"`` -> ``sam-de-vries``).
    """
    deel = re.sub(r"[^a-z0-9]+", "-", (schone_naam(naam) or "").lower()).strip("-")[:40]
    return f"antwoorden-{bank}-{deel}.json" if deel else f"antwoorden-{bank}.json"


def schrijf(inhoud: Mapping[str, Any], map: str | os.PathLike[str]) -> Path:
    """Write *inhoud* atomically to its stable name in *map*; never overwrite (``-2``, ``-3``, ...)."""
    from voordeur.quiz.opslaan import schrijf_nieuw

    doel = Path(map) / bestandsnaam(str(inhoud["bank"]), inhoud.get("naam"))
    return schrijf_nieuw(doel, als_json(inhoud))


# --- reading ------------------------------------------------------------------------------------------------


class BestandFout(QuizFout):
    """A file that cannot be used; ``soort`` is ``"kapot"`` or ``"andere-versie"``."""

    def __init__(self, melding: str, soort: str = "kapot") -> None:
        super().__init__(melding)
        self.soort = soort


def _diepte(tekst: str) -> int:
    from voordeur.quiz.opslaan import _diepte as diepte

    return diepte(tekst)


def _is_int(x: Any) -> bool:
    return type(x) is int


def _is_getal(x: Any) -> bool:
    return type(x) in (int, float)


def _status(x: Any, waar: str, naam: str) -> str:
    x = _OUDE_NAMEN.get(x, x) if isinstance(x, str) else x
    if x not in STATUSSEN:
        raise BestandFout(
            f"{naam}: {waar} heeft een onbekende uitslag {x!r} (verwacht: goed, deels of fout)."
        )
    return x


def _uitslag(x: Any, waar: str, naam: str) -> Uitslag | None:
    if x is None:
        return None
    if not isinstance(x, dict) or not _is_getal(x.get("score")):
        raise BestandFout(f"{naam}: {waar} heeft niet de goede vorm (status en score).")
    return Uitslag(_status(x.get("status"), waar, naam), float(x["score"]))


def lees_json(tekst: str, naam: str = "het bestand") -> Antwoordbestand:
    """Read the text of a saved-answers file (version 1 or 2). Raises :class:`BestandFout` in Dutch."""
    if _diepte(tekst) > MAX_DIEPTE:
        raise BestandFout(f"{naam} is geen antwoordenbestand: het is veel te diep genest.")
    try:
        data = json.loads(tekst)
    except json.JSONDecodeError as e:
        raise BestandFout(f"{naam} is beschadigd: het is geen geldige JSON (regel {e.lineno}).") from None
    except (RecursionError, ValueError):
        raise BestandFout(f"{naam} is beschadigd.") from None
    if not isinstance(data, dict) or data.get("formaat") != FORMAAT:
        raise BestandFout(f"{naam} is geen antwoordenbestand van deze module.")
    versie = data.get("formaat_versie")
    if not _is_int(versie) or versie not in GELEZEN_VERSIES:
        nieuwer = _is_int(versie) and versie > VERSIE
        raise BestandFout(
            f"{naam} is gemaakt met een {'nieuwere' if nieuwer else 'andere'} versie van de "
            f"module (formaat {versie!r}; ik lees formaat 1 en 2)."
            + (" Werk de module bij." if nieuwer else ""),
            soort="andere-versie",
        )
    ontbreekt = [k for k in ("bank", "bank_versie", "tijdstip", "vragen") if k not in data]
    if ontbreekt:
        raise BestandFout(f"{naam} is onvolledig: {', '.join(ontbreekt)} ontbreekt.")
    if (
        not isinstance(data["bank"], str)
        or not _is_int(data["bank_versie"])
        or not isinstance(data["tijdstip"], str)
        or not isinstance(data["vragen"], list)
    ):
        raise BestandFout(
            f"{naam} is beschadigd: bank, bank_versie, tijdstip of vragen heeft niet de goede vorm."
        )
    vragen = [
        _vraag_v1(v, i, naam) if versie == 1 else _vraag_v2(v, i, naam)
        for i, v in enumerate(data["vragen"], 1)
    ]
    ids = [v.id for v in vragen]
    dubbel = sorted({i for i in ids if ids.count(i) > 1})
    if dubbel:
        raise BestandFout(f"{naam} is beschadigd: vraag {dubbel[0]} staat er twee keer in.")
    les = data.get("les")
    return Antwoordbestand(
        bank=data["bank"],
        bank_versie=data["bank_versie"],
        tijdstip=data["tijdstip"],
        vragen=tuple(vragen),
        formaat_versie=versie,
        naam=schone_naam(data.get("naam")) if isinstance(data.get("naam"), str) else None,
        les=les if _is_int(les) else None,
        titel=data.get("titel") if isinstance(data.get("titel"), str) else "",
        sessie=data["sessie"] if isinstance(data.get("sessie"), str) else None,
        bron=naam,
        vingerafdruk=hashlib.sha256(tekst.encode("utf-8")).hexdigest(),
    )


def _vraag_basis(v: Any, i: int, naam: str) -> tuple[str, str]:
    if not isinstance(v, dict) or not isinstance(v.get("id"), str) or not isinstance(v.get("type"), str):
        raise BestandFout(f"{naam}: vraag {i} in het bestand heeft niet de goede vorm (id en type).")
    return v["id"], v["type"]


def _vraag_v1(v: Any, i: int, naam: str) -> VraagAntwoorden:
    """Version 1 kept the last counted answer only: one attempt, no time, first try unknown."""
    vid, soort = _vraag_basis(v, i, naam)
    if not v.get("beantwoord"):
        return VraagAntwoorden(vid, soort)
    uitslag = _uitslag({"status": v.get("status"), "score": v.get("score")}, f"vraag {vid}", naam)
    assert uitslag is not None
    return VraagAntwoorden(
        vid, soort, (Poging(v.get("antwoord"), uitslag.status, uitslag.score),), None, uitslag
    )


def _vraag_v2(v: Any, i: int, naam: str) -> VraagAntwoorden:
    vid, soort = _vraag_basis(v, i, naam)
    ruwe = v.get("pogingen", [])
    if not isinstance(ruwe, list):
        raise BestandFout(f"{naam}: de pogingen bij vraag {vid} hebben niet de goede vorm.")
    pogingen = []
    for p in ruwe:
        u = _uitslag(p, f"een poging bij vraag {vid}", naam)
        assert u is not None
        t = p.get("tijdstip")
        pogingen.append(Poging(p.get("antwoord"), u.status, u.score, t if isinstance(t, str) else None))
    return VraagAntwoorden(
        vid,
        soort,
        tuple(pogingen),
        _uitslag(v.get("eerste_poging"), f"vraag {vid}", naam),
        _uitslag(v.get("eind"), f"vraag {vid}", naam),
    )


def lees(pad: str | os.PathLike[str]) -> Antwoordbestand:
    """Read one file from disk (bounded, read-only). Raises :class:`BestandFout`."""
    p = Path(pad)
    try:
        tekst = lees_tekst(p, max_bytes=MAX_BYTES, soort="antwoordenbestand (.json)")
    except VeiligFout as e:
        raise BestandFout(f"{p.name} kan niet worden gelezen: {e.kaal}") from None
    return lees_json(tekst, p.name)


# --- many files: a folder, or uploads ---------------------------------------------------------------


@dataclass(frozen=True)
class Melding:
    """A file that was skipped, and why (in Dutch). ``soort``: kapot, andere-versie, dubbel."""

    bestand: str
    soort: str
    tekst: str


@dataclass
class Inlezing:
    """The result of reading many files: the usable ones, and a message for every skipped one."""

    bestanden: list[Antwoordbestand] = field(default_factory=list)
    meldingen: list[Melding] = field(default_factory=list)

    def tekst(self) -> str:
        regels = [f"{len(self.bestanden)} antwoordenbestanden ingelezen."]
        if self.meldingen:
            regels.append(f"{len(self.meldingen)} niet meegeteld:")
            regels += [f"- {m.bestand}: {m.tekst}" for m in self.meldingen]
        return "\n".join(regels)


def lees_bestanden(bronnen: Iterable[str | os.PathLike[str] | tuple[str, bytes]]) -> Inlezing:
    """Read files (paths, or ``(name, bytes)`` pairs from an upload); never raises for a bad file.

    Skipped and reported: broken files, files of another format version, and duplicates: the same
    content twice, or a second file of the same named student for the same bank (the newest counts).
    """
    uit = Inlezing()
    gezien: dict[str, str] = {}
    per_student: dict[tuple[str, str, str], Antwoordbestand] = {}
    for bron in bronnen:
        try:
            if isinstance(bron, tuple):
                naam, ruw = bron
                if len(ruw) > MAX_BYTES:
                    raise BestandFout(f"{naam} is te groot voor een antwoordenbestand (meer dan 4 MB).")
                tekst = decodeer(bytes(ruw), naam, soort="antwoordenbestand (.json)")
                bestand = lees_json(tekst, naam)
            else:
                bestand = lees(bron)
        except BestandFout as e:
            uit.meldingen.append(Melding(_naam(bron), e.soort, str(e)))
            continue
        except VeiligFout as e:
            uit.meldingen.append(
                Melding(_naam(bron), "kapot", f"{_naam(bron)} kan niet worden gelezen: {e.kaal}")
            )
            continue
        if bestand.vingerafdruk in gezien:
            uit.meldingen.append(
                Melding(
                    bestand.bron,
                    "dubbel",
                    f"{bestand.bron} is precies hetzelfde als "
                    f"{gezien[bestand.vingerafdruk]}; één keer meegeteld.",
                )
            )
            continue
        gezien[bestand.vingerafdruk] = bestand.bron
        sleutels = [("sessie", bestand.sessie, bestand.bank)] if bestand.sessie else []
        if bestand.naam:
            sleutels.append(("naam", bestand.naam.casefold(), bestand.bank))
        eerder = next((per_student[k] for k in sleutels if k in per_student), None)
        if eerder is not None:
            nieuw, oud = (bestand, eerder) if _later(bestand, eerder) else (eerder, bestand)
            wie = f"{bestand.naam} heeft" if bestand.naam else "dezelfde quiz is"
            uit.meldingen.append(
                Melding(
                    oud.bron,
                    "dubbel",
                    f"{oud.bron}: {wie} voor {bestand.bank} ook {nieuw.bron} bewaard; het nieuwste "
                    f"bestand ({nieuw.bron}) telt.",
                )
            )
            if nieuw is bestand:
                uit.bestanden[uit.bestanden.index(eerder)] = bestand
                for k in sleutels:
                    per_student[k] = bestand
            continue
        for k in sleutels:
            per_student[k] = bestand
        uit.bestanden.append(bestand)
    return uit


def _later(a: Antwoordbestand, b: Antwoordbestand) -> bool:
    try:
        return datetime.fromisoformat(a.tijdstip) > datetime.fromisoformat(b.tijdstip)
    except (TypeError, ValueError):
        return a.tijdstip > b.tijdstip


def _naam(bron: Any) -> str:
    return bron[0] if isinstance(bron, tuple) else Path(bron).name


def lees_map(map: str | os.PathLike[str]) -> Inlezing:
    """Read every ``*.json`` file in *map* (not in subfolders), in name order."""
    p = Path(map)
    if not p.is_dir():
        raise QuizFout(
            f"De map {p} bestaat niet. Controleer de naam; kopieer de antwoordenbestanden van de "
            "klas in één map."
        )
    return lees_bestanden(sorted(x for x in p.iterdir() if x.suffix.lower() == ".json"))
