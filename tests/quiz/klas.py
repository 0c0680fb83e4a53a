"""Generate saved-answers files for a made-up class (format 2), from a real bank; deterministic."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from voordeur.quiz import bestand
from voordeur.quiz.bestand import Poging, Uitslag, VraagAntwoorden

# Student k (0-based) picks the wrong option with this chance at the first try, per question.
KANS_FOUT = 0.4


def _poging_enkel(vraag: Any, rnd: random.Random, goed: bool) -> Poging:
    kandidaten = [o for o in vraag.opties if o.goed == goed]
    o = rnd.choice(kandidaten)
    return Poging(o.tekst, "goed" if goed else "fout", 1.0 if goed else 0.0, "2026-12-01T10:00:00+01:00")


def _poging_meer(vraag: Any, rnd: random.Random, goed: bool) -> Poging:
    goede = [o.tekst for o in vraag.opties if o.goed]
    foute = [o.tekst for o in vraag.opties if not o.goed]
    if goed or not foute:
        return Poging(goede, "goed", 1.0)
    keuze = [*goede[:-1], rnd.choice(foute)]
    return Poging(keuze, "deels" if len(goede) > 1 else "fout", 0.0 if len(goede) == 1 else 0.5)


def antwoorden(bank: Any, nummer: int, *, naam: str | None = None, seed: int = 1) -> dict[str, Any]:
    """The v2 file content for student *nummer*: wrong first tries by chance, always right after a retry."""
    rnd = random.Random(f"{seed}:{nummer}")
    vragen = []
    for vraag in bank.vragen:
        if vraag.type == "enkel":
            maak = _poging_enkel
        elif vraag.type == "meer":
            maak = _poging_meer
        else:  # volgorde, getal, scenario: left open in this made-up class
            vragen.append(VraagAntwoorden(vraag.id, vraag.type))
            continue
        eerst_fout = rnd.random() < KANS_FOUT
        pogingen = [maak(vraag, rnd, not eerst_fout)]
        if eerst_fout:
            pogingen.append(maak(vraag, rnd, True))
        vragen.append(
            VraagAntwoorden(
                vraag.id,
                vraag.type,
                tuple(pogingen),
                Uitslag(pogingen[0].status, pogingen[0].score),
                Uitslag(pogingen[-1].status, pogingen[-1].score),
            )
        )
    return bestand.maak(
        bank.bank,
        bank.versie,
        vragen,
        titel=bank.titel,
        les=3,
        naam=naam or f"Student {nummer + 1}",
        tijdstip=f"2026-12-01T10:{nummer:02d}:00+01:00",
    )


def maak_klas(bank: Any, map: Path, n: int = 30) -> dict[str, list[str]]:
    """Write *n* files to *map*: n-5 good ones, 1 exact duplicate, 1 second file of one student, 1 broken,
    1 of another format version and 1 version-1 file. Returns the file names per kind."""
    soorten: dict[str, list[str]] = {
        "goed": [],
        "dubbel": [],
        "kapot": [],
        "andere-versie": [],
        "versie-1": [],
    }
    for k in range(n - 5):
        inhoud = antwoorden(bank, k)
        pad = map / f"antwoorden-{bank.bank}-student-{k + 1}.json"
        pad.write_text(bestand.als_json(inhoud), encoding="utf-8")
        soorten["goed"].append(pad.name)
    kopie = map / "kopie-van-student-1.json"
    kopie.write_text((map / soorten["goed"][0]).read_text(encoding="utf-8"), encoding="utf-8")
    later = antwoorden(bank, 1, naam="Student 2")
    later["tijdstip"] = "2026-12-01T11:59:00+01:00"
    (map / "antwoorden-student-2-later.json").write_text(bestand.als_json(later), encoding="utf-8")
    soorten["dubbel"] += [kopie.name, soorten["goed"][1]]  # the older file of student 2 is the one skipped
    (map / "kapot.json").write_text(
        '{"formaat": "voordeur-quiz-antwoorden", "formaat_versie": 2, "vragen": [', encoding="utf-8"
    )
    soorten["kapot"].append("kapot.json")
    toekomst = antwoorden(bank, 40)
    toekomst["formaat_versie"] = 3
    (map / "uit-de-toekomst.json").write_text(json.dumps(toekomst), encoding="utf-8")
    soorten["andere-versie"].append("uit-de-toekomst.json")
    v1 = {
        "formaat": "voordeur-quiz-antwoorden",
        "formaat_versie": 1,
        "bank": bank.bank,
        "bank_versie": bank.versie,
        "titel": bank.titel,
        "tijdstip": "2026-11-30T09:00:00+01:00",
        "score": {"goed": 1, "gedeeltelijk": 0, "totaal": len(bank.vragen), "punten": 1.0, "tekst": ""},
        "vragen": [
            {
                "id": v.id,
                "type": v.type,
                "beantwoord": i == 0,
                "antwoord": next(o.tekst for o in v.opties if not o.goed) if i == 0 else None,
                "status": "fout" if i == 0 else None,
                "goed": False,
                "score": 0.0,
            }
            for i, v in enumerate(bank.vragen)
        ],
    }
    (map / "antwoorden-oud.json").write_text(json.dumps(v1), encoding="utf-8")
    soorten["versie-1"].append("antwoorden-oud.json")
    return soorten
