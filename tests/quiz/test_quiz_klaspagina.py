"""The class-overview page: uploads and a folder, read in the kernel; the result is shown as HTML."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime
from pathlib import Path

from klas import maak_klas

from voordeur import quiz
from voordeur.quiz import klaspagina, overzicht


def test_map_lezen(tmp_path: Path) -> None:
    maak_klas(quiz.laad_bank("les3"), tmp_path, 30)
    pagina = klaspagina.toon(tmp_path)
    uit = pagina.uitkomst.value
    assert "30 bestanden gelezen." in uit
    assert (
        "kapot.json is beschadigd" in uit and "uit-de-toekomst.json is gemaakt met een nieuwere versie" in uit
    )
    assert "<h2>Signaleren</h2>" in uit and ">Goed bij eerste poging</th>" in uit
    link = re.search(
        r'download="klasoverzicht-les3.csv" href="data:text/csv;charset=utf-8;base64,'
        r'([A-Za-z0-9+/=]+)"',
        uit,
    )
    assert link is not None
    csv = base64.b64decode(link.group(1)).decode("utf-8")
    assert csv.startswith("\ufeffnr;vraag_id;vraag;beantwoord")
    assert "http" not in uit.replace("https://", "")  # nothing points to a server


def test_uploads_en_lege_invoer(tmp_path: Path) -> None:
    maak_klas(quiz.laad_bank("les3"), tmp_path, 30)
    pagina = klaspagina.Klaspagina()
    pagina.lees_map()
    assert "Typ eerst de naam van de map" in pagina.uitkomst.value
    pagina.map.value = str(tmp_path / "bestaat-niet")
    pagina.lees_map()
    assert "bestaat niet" in pagina.uitkomst.value
    waarde = tuple(
        {
            "name": p.name,
            "type": "application/json",
            "size": p.stat().st_size,
            "last_modified": datetime(2026, 12, 1, tzinfo=UTC),
            "content": memoryview(p.read_bytes()),
        }
        for p in sorted(tmp_path.iterdir())[:6]
    )
    assert [n for n, _ in klaspagina.uploads(waarde)] == [p.name for p in sorted(tmp_path.iterdir())[:6]]
    pagina.kies.value = waarde  # what the browser does after picking files
    assert "6 bestanden gelezen." in pagina.uitkomst.value
    assert repr(pagina).startswith("Klasoverzicht:")


def test_onbekende_bank_wordt_gemeld() -> None:
    from voordeur.quiz import bestand

    b = bestand.lees_json(bestand.als_json(bestand.maak("les99-bestaat-niet", 1, [])), "x.json")
    overzichten, meldingen = overzicht.per_bank(bestand.Inlezing([b], []))
    assert overzichten == [] and meldingen[0].soort == "onbekende-bank"
    assert "Er is nog geen overzicht" in overzicht.pagina_html(overzichten, meldingen, 1)
