"""Save a student's answers to a local JSON file, and read them back (the lesson-facing API).

There is one save format: version 2 of the saved-answers file (``docs/dev/antwoordenbestand.md``,
:mod:`voordeur.quiz.bestand`). ``quiz.bewaar(q)`` and the "Bewaar mijn antwoorden" button both write the
quiz's session (:class:`voordeur.quiz.sessie.Sessie`: every attempt, first try and final result) through
:func:`_schrijf`; ``quiz.lees_antwoorden`` reads versions 1 and 2 through :func:`bestand.lees_json`.

Only what the student typed as a name is stored. Nothing leaves the machine where the kernel runs: the
file is written next to the notebook (or in a folder you give).

An existing file is never overwritten: ``antwoorden-les3.json`` becomes ``antwoorden-les3-2.json``,
then ``-3`` and so on, and the message says so. Every file is written through
:func:`voordeur.veilig.schrijf_atomair`: a save that fails (full disk, read-only folder) leaves
nothing behind, so the next save does not find a half-written file "that already exists".

Reading back (:func:`lees_antwoorden`) never changes the file: a corrupt, too deeply nested,
UTF-16 or future-version file gets a clear Dutch message and stays as it is.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from voordeur.quiz.fouten import QuizFout
from voordeur.veilig import VeiligFout, lees_tekst, schrijf_atomair

FORMAAT = "voordeur-quiz-antwoorden"
FORMAAT_VERSIE = 2  # what is written; versions 1 and 2 are read (bestand.GELEZEN_VERSIES)
MAX_BYTES = 4 * 1024 * 1024  # an answers file is a few kB
MAX_DIEPTE = 20  # the deepest real answers file nests 7 levels


def _sessie(quiz: Any) -> Any:
    """The session of a :class:`~voordeur.quiz.widgets.Quiz` (all quiz cells of its lesson)."""
    from voordeur.quiz.sessie import Sessie

    sessie = getattr(quiz, "sessie", None)
    if sessie is None:  # a quiz-like object without a session: give it one over its own questions
        sessie = Sessie(quiz.bank)
        sessie.voeg_toe(quiz.vragen)
    return sessie


def gegevens(quiz: Any, tijdstip: datetime | None = None) -> dict[str, Any]:
    """The content of the answers file (format 2) for a :class:`~voordeur.quiz.widgets.Quiz`."""
    return _sessie(quiz).als_bestand(tijdstip)


def _genummerd(pad: Path, n: int) -> Path:
    return pad if n == 1 else pad.with_name(f"{pad.stem}-{n}{pad.suffix}")


def schrijf_nieuw(pad: Path, tekst: str) -> Path:
    """Write *tekst* to *pad*, or to the first free numbered name; never overwrite. Returns the path.

    Atomic: the file appears complete or not at all. Raises :class:`~voordeur.veilig.VeiligFout`.
    """
    n = 1
    while True:
        doel = _genummerd(pad, n)
        try:
            return schrijf_atomair(doel, tekst, overschrijven=False)
        except FileExistsError:
            n += 1
            if n > 10_000:
                raise VeiligFout("Er staan al heel veel antwoordenbestanden met deze naam. Kies een "
                                 "andere map.", bestand=str(pad)) from None


def standaard_pad(quiz: Any, map: str | os.PathLike[str] | None = None) -> Path:
    """``<map>/antwoorden-<bank>[-<naam>].json``; *map*: default the quiz's folder, else the current one."""
    from voordeur.quiz import bestand

    if map is None:
        map = getattr(quiz, "map", None)  # a Quiz may carry its own folder
    naam = getattr(_sessie(quiz), "naam", None)
    return Path(map if map is not None else Path.cwd()) / bestand.bestandsnaam(quiz.bank.bank, naam)


def bewaar_met_melding(quiz: Any, pad: str | os.PathLike[str] | None = None,
                       map: str | os.PathLike[str] | None = None) -> tuple[Path | None, str]:
    """Save the quiz's session (format 2); return the path (``None`` on failure) and a Dutch message."""
    gewenst = Path(pad) if pad is not None else standaard_pad(quiz, map)
    if gewenst.suffix.lower() != ".json":
        gewenst = gewenst.with_name(gewenst.name + ".json")
    return _schrijf(_sessie(quiz), gewenst)


def _niet_gelukt(gewenst: Path, fout: VeiligFout | OSError) -> str:
    """The message for a save that failed (nothing was written: the writes are atomic)."""
    if isinstance(fout, VeiligFout):
        return f"Opslaan is niet gelukt in {gewenst}: {fout.kaal} Probeer een andere map."
    from voordeur.veilig import oorzaak

    return (f"Opslaan is niet gelukt in {gewenst}: {oorzaak(fout)}. Er is niets weggeschreven. "
            "Probeer een andere map.")


def bewaar_sessie_met_melding(sessie: Any,
                              map: str | os.PathLike[str] | None = None) -> tuple[Path | None, str]:
    """Save a lesson session (format 2) to its stable name in *map*; the path (or ``None``) and a message.

    The file lands in *map* (default: the notebook's folder) on the computer where the kernel runs; that
    can be a server (Binder, JupyterHub), so the message says so and the widget offers a download.
    """
    from voordeur.quiz import bestand

    doelmap = Path(map) if map is not None else Path.cwd()
    return _schrijf(sessie, doelmap / bestand.bestandsnaam(sessie.bank.bank, sessie.naam))


def _schrijf(sessie: Any, gewenst: Path) -> tuple[Path | None, str]:
    """The one save: the session as a format-2 file at *gewenst* or the next free numbered name."""
    from voordeur.quiz import bestand

    tekst = bestand.als_json(sessie.als_bestand())
    try:
        gewenst.parent.mkdir(parents=True, exist_ok=True)
        doel = schrijf_nieuw(gewenst, tekst)
    except (VeiligFout, OSError) as e:
        return None, _niet_gelukt(gewenst, e)
    sessie.laatste_bestand = doel
    s = sessie.samenvatting()
    melding = (f"Je antwoorden zijn bewaard in het bestand {doel.name} (score: {s.tekst()}; "
               f"{sessie.eerste_goed()} van {s.totaal} goed bij de eerste poging).")
    if doel != gewenst:
        melding += (f" Het bestand {gewenst.name} bestond al. Dat is niet overschreven: je antwoorden "
                    f"staan in een nieuw bestand.")
    melding += (" Het bestand staat in de map van deze les, op de computer waar Jupyter draait. Werk je "
                "online (Binder of JupyterHub)? Download het dan met de link hieronder. Er wordt niets "
                "verstuurd.")
    return doel, melding


def download_link(pad: Path) -> str:
    """A link that downloads the saved file from the page itself (a data: URL; nothing goes to a server)."""
    return download_html(pad.name, pad.read_bytes(), "application/json",
                         f"Download je antwoordenbestand ({pad.name})")


def download_html(naam: str, inhoud: bytes, mime: str, tekst: str) -> str:
    """``<a download=naam href="data:...">tekst</a>`` in a paragraph: a real download in every route
    (JupyterLab, Voilà, JupyterLite), made in the page itself, so nothing goes to a server."""
    import base64
    import html

    data = base64.b64encode(inhoud).decode("ascii")
    naam_attr = html.escape(naam, quote=True)
    return (f'<p><a class="vd-download" download="{naam_attr}" href="data:{mime};base64,{data}">'
            f"{html.escape(tekst)}</a></p>")


def bewaar(quiz: Any, pad: str | os.PathLike[str] | None = None,
           map: str | os.PathLike[str] | None = None) -> Path:
    """Save the answers of *quiz*; print where (and whether a new numbered file was made)."""
    if not all(hasattr(quiz, x) for x in ("vragen", "resultaten", "samenvatting", "bank")):
        soort = "niets (None)" if quiz is None else f"een {type(quiz).__name__}"
        raise QuizFout("Geef de quiz die quiz.toon(...) teruggaf, zo: q = quiz.toon(\"les1\") en na het "
                       f"maken quiz.bewaar(q). Je gaf {soort}.")
    doel, melding = bewaar_met_melding(quiz, pad, map)
    if doel is None:
        raise QuizFout(melding)
    print(melding)
    return doel


def lees_antwoorden(pad: str | os.PathLike[str], bank: Any = None) -> dict[str, Any]:
    """Read an answers file (format 1 or 2) as a dict, as it is stored.

    *bank* (a Bank, a name or a path) also checks that id and version match. For the attempts, the first
    try and the summary in one shape for both versions, use :func:`voordeur.quiz.bestand.lees`.
    """
    pad = Path(pad)
    if pad.is_dir():
        raise QuizFout(f"{pad} is een map. Geef het antwoordenbestand, bijvoorbeeld antwoorden-les3.json.")
    if not pad.exists() and not pad.is_symlink():
        raise QuizFout(f"Het bestand {pad} bestaat niet. Controleer de naam en de map.")
    try:
        tekst = lees_tekst(pad, max_bytes=MAX_BYTES, soort="antwoordenbestand (.json)")
    except VeiligFout as e:
        raise QuizFout(f"Het bestand {pad} kan niet worden gelezen: {e.kaal} Het bestand is niet "
                       "veranderd.") from None
    diepte = _diepte(tekst)
    if diepte > MAX_DIEPTE:
        raise QuizFout(f"Het bestand {pad} is geen antwoordenbestand van deze quiz: het is veel te diep "
                       "genest. Het bestand is niet veranderd.")
    try:
        data = json.loads(tekst)
    except json.JSONDecodeError as e:
        raise QuizFout(f"Het bestand {pad} is beschadigd: het is geen geldige JSON (regel {e.lineno}). "
                       "Het bestand is niet veranderd. Gebruik een ander antwoordenbestand.") from None
    except (RecursionError, ValueError):
        raise QuizFout(f"Het bestand {pad} is beschadigd. Het bestand is niet veranderd.") from None
    if not isinstance(data, dict) or data.get("formaat") != FORMAAT:
        raise QuizFout(f"Het bestand {pad} is geen antwoordenbestand van deze quiz.")
    versie = data.get("formaat_versie")
    if isinstance(versie, int) and not isinstance(versie, bool) and versie > FORMAAT_VERSIE:
        raise QuizFout(f"Het bestand {pad} is gemaakt met een andere versie van de module, een nieuwere "
                       f"(formaat {versie}; deze versie leest formaat 1 en 2). Werk de module bij, "
                       "of open het bestand op de computer waar het gemaakt is. Het bestand is niet "
                       "veranderd.")
    if type(versie) is not int or versie not in (1, 2):  # True == 1 and 1.0 == 1: not a version
        raise QuizFout(f"Het bestand {pad} is gemaakt met een andere versie van de module "
                       f"(formaat {versie!r}; deze versie leest formaat 1 en 2).")
    blok = "score" if versie == 1 else "samenvatting"  # the summary block: required in 1, optional in 2
    ontbreekt = [k for k in ("bank", "bank_versie", "tijdstip", *(["score"] if versie == 1 else []), "vragen")
                 if k not in data]
    if ontbreekt:
        raise QuizFout(f"Het bestand {pad} is onvolledig: {', '.join(ontbreekt)} ontbreekt.")
    if not isinstance(data["vragen"], list) or (blok in data and not isinstance(data[blok], dict)):
        raise QuizFout(f"Het bestand {pad} is beschadigd: 'vragen' of '{blok}' heeft niet de goede vorm. "
                       "Het bestand is niet veranderd.")
    from voordeur.quiz import bestand

    try:  # the one reader checks every question and attempt (both versions)
        bestand.lees_json(tekst, f"Het bestand {pad}")
    except bestand.BestandFout as e:
        raise QuizFout(f"{e} Het bestand is niet veranderd.") from None
    if bank is not None:
        from voordeur.quiz.bank import laad_bank

        b = laad_bank(bank) if isinstance(bank, str | os.PathLike) else bank
        if not (hasattr(b, "bank") and hasattr(b, "versie")):
            raise QuizFout("bank= is de naam van een vragenbank, bijvoorbeeld "
                           f"quiz.lees_antwoorden(\"{pad.name}\", bank=\"les1\").")
        if data["bank"] != b.bank:
            raise QuizFout(f"Het bestand {pad} hoort bij de vragenbank '{data['bank']}', "
                           f"niet bij '{b.bank}'.")
        if data["bank_versie"] != b.versie:
            raise QuizFout(f"Het bestand {pad} hoort bij versie {data['bank_versie']} van de vragenbank "
                           f"'{b.bank}', maar de bank is nu versie {b.versie}. De vragen kunnen veranderd "
                           "zijn; vergelijk de antwoorden daarom met zorg.")
    return data


def _diepte(tekst: str) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings (checked before ``json.loads``)."""
    diepte = hoogste = 0
    in_tekst = escape = False
    for ch in tekst:
        if in_tekst:
            if escape:
                escape = False
            elif ch == "\\":
                escape = True
            elif ch == '"':
                in_tekst = False
        elif ch == '"':
            in_tekst = True
        elif ch in "[{":
            diepte += 1
            hoogste = max(hoogste, diepte)
        elif ch in "]}":
            diepte -= 1
    return hoogste
