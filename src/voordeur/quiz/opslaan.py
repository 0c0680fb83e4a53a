"""Save a student's answers and score to a local JSON file, and read them back.

No names are asked or stored. The file records the bank id, the bank version, a timestamp and per
question the answer, whether it was correct and the score. Nothing leaves the machine: the file is
written next to the notebook (or in a folder you give).

An existing file is never overwritten: ``antwoorden-les3.json`` becomes ``antwoorden-les3-2.json``,
then ``-3`` and so on, and the message says so.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from voordeur.quiz.fouten import QuizFout
from voordeur.quiz.model import GOED

FORMAAT = "voordeur-quiz-antwoorden"
FORMAAT_VERSIE = 1


def gegevens(quiz: Any, tijdstip: datetime | None = None) -> dict[str, Any]:
    """The content of the answers file for a :class:`~voordeur.quiz.widgets.Quiz`."""
    tijd = (tijdstip or datetime.now()).astimezone().isoformat(timespec="seconds")
    vragen = []
    for vraag, r in zip(quiz.vragen, quiz.resultaten(), strict=True):
        beantwoord = r is not None and r.telt
        vragen.append({
            "id": vraag.id,
            "type": vraag.type,
            "beantwoord": beantwoord,
            "antwoord": r.antwoord if beantwoord else None,
            "status": r.status if beantwoord else None,
            "goed": bool(beantwoord and r.status == GOED),
            "score": round(r.score, 3) if beantwoord else 0.0,
        })
    s = quiz.samenvatting()
    return {
        "formaat": FORMAAT,
        "formaat_versie": FORMAAT_VERSIE,
        "bank": quiz.bank.bank,
        "bank_versie": quiz.bank.versie,
        "titel": quiz.bank.titel,
        "tijdstip": tijd,
        "score": {"goed": s.goed, "gedeeltelijk": s.gedeeltelijk, "totaal": s.totaal,
                  "punten": round(s.punten, 3), "tekst": s.tekst()},
        "vragen": vragen,
    }


def _genummerd(pad: Path, n: int) -> Path:
    return pad if n == 1 else pad.with_name(f"{pad.stem}-{n}{pad.suffix}")


def schrijf_nieuw(pad: Path, tekst: str) -> Path:
    """Write *tekst* to *pad*, or to the first free numbered name; never overwrite. Returns the path."""
    n = 1
    while True:
        doel = _genummerd(pad, n)
        try:
            with doel.open("x", encoding="utf-8") as f:  # "x": fails if the file exists
                f.write(tekst)
            return doel
        except FileExistsError:
            n += 1


def standaard_pad(quiz: Any, map: str | os.PathLike[str] | None = None) -> Path:
    if map is None:
        map = getattr(quiz, "map", None)  # a Quiz may carry its own folder
    return Path(map if map is not None else Path.cwd()) / f"antwoorden-{quiz.bank.bank}.json"


def bewaar_met_melding(quiz: Any, pad: str | os.PathLike[str] | None = None,
                       map: str | os.PathLike[str] | None = None) -> tuple[Path | None, str]:
    """Save; return the path (``None`` on failure) and a Dutch message for the learner."""
    gewenst = Path(pad) if pad is not None else standaard_pad(quiz, map)
    if gewenst.suffix.lower() != ".json":
        gewenst = gewenst.with_name(gewenst.name + ".json")
    tekst = json.dumps(gegevens(quiz), ensure_ascii=False, indent=2) + "\n"
    try:
        gewenst.parent.mkdir(parents=True, exist_ok=True)
        doel = schrijf_nieuw(gewenst, tekst)
    except OSError as e:
        return None, f"Opslaan is niet gelukt in {gewenst}: {e.strerror or e}. Probeer een andere map."
    s = quiz.samenvatting()
    melding = f"Je antwoorden zijn bewaard in het bestand {doel.name} (score: {s.tekst()})."
    if doel != gewenst:
        melding += (f" Het bestand {gewenst.name} bestond al. Dat is niet overschreven: je antwoorden "
                    f"staan in een nieuw bestand.")
    melding += " Het bestand staat alleen op deze computer; er wordt niets verstuurd."
    return doel, melding


def bewaar(quiz: Any, pad: str | os.PathLike[str] | None = None,
           map: str | os.PathLike[str] | None = None) -> Path:
    """Save the answers of *quiz*; print where (and whether a new numbered file was made)."""
    doel, melding = bewaar_met_melding(quiz, pad, map)
    if doel is None:
        raise QuizFout(melding)
    print(melding)
    return doel


def lees_antwoorden(pad: str | os.PathLike[str], bank: Any = None) -> dict[str, Any]:
    """Read an answers file. *bank* (a Bank, a name or a path) also checks that id and version match."""
    pad = Path(pad)
    if pad.is_dir():
        raise QuizFout(f"{pad} is een map. Geef het antwoordenbestand, bijvoorbeeld antwoorden-les3.json.")
    if not pad.exists():
        raise QuizFout(f"Het bestand {pad} bestaat niet. Controleer de naam en de map.")
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise QuizFout(f"Het bestand {pad} is beschadigd: het is geen geldige JSON (regel {e.lineno}). "
                       "Gebruik een ander antwoordenbestand.") from None
    except (UnicodeDecodeError, OSError):
        raise QuizFout(f"Het bestand {pad} kan niet worden gelezen als tekst. "
                       "Is het een antwoordenbestand?") from None
    if not isinstance(data, dict) or data.get("formaat") != FORMAAT:
        raise QuizFout(f"Het bestand {pad} is geen antwoordenbestand van deze quiz.")
    if data.get("formaat_versie") != FORMAAT_VERSIE:
        raise QuizFout(f"Het bestand {pad} is gemaakt met een andere versie van de module "
                       f"(formaat {data.get('formaat_versie')!r}; deze versie leest formaat "
                       f"{FORMAAT_VERSIE}).")
    ontbreekt = [k for k in ("bank", "bank_versie", "tijdstip", "score", "vragen") if k not in data]
    if ontbreekt:
        raise QuizFout(f"Het bestand {pad} is onvolledig: {', '.join(ontbreekt)} ontbreekt.")
    if bank is not None:
        from voordeur.quiz.bank import laad_bank

        b = laad_bank(bank) if isinstance(bank, str | os.PathLike) else bank
        if data["bank"] != b.bank:
            raise QuizFout(f"Het bestand {pad} hoort bij de vragenbank '{data['bank']}', "
                           f"niet bij '{b.bank}'.")
        if data["bank_versie"] != b.versie:
            raise QuizFout(f"Het bestand {pad} hoort bij versie {data['bank_versie']} van de vragenbank "
                           f"'{b.bank}', maar de bank is nu versie {b.versie}. De vragen kunnen veranderd "
                           "zijn; vergelijk de antwoorden daarom met zorg.")
    return data
