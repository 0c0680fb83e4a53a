"""Completion pages (HTML and PDF) from saved-answers files."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from voordeur import bewijs
from voordeur.quiz import bestand
from voordeur.quiz.bestand import Poging, Uitslag, VraagAntwoorden

ROOT = Path(__file__).resolve().parents[1]


def _bestand(
    bank: str, les: int | None, goed_eerst: int, open_: int = 0, naam: str = "Sam"
) -> bestand.Antwoordbestand:
    vragen = []
    for i in range(4):
        if i >= 4 - open_:
            vragen.append(VraagAntwoorden(f"v{i}", "enkel"))
            continue
        eerst = "goed" if i < goed_eerst else "fout"
        pogingen = (Poging("a", eerst, float(eerst == "goed")),) + (
            () if eerst == "goed" else (Poging("b", "goed", 1.0),)
        )
        vragen.append(
            VraagAntwoorden(
                f"v{i}", "enkel", pogingen, Uitslag(eerst, float(eerst == "goed")), Uitslag("goed", 1.0)
            )
        )
    inhoud = bestand.maak(bank, 1, vragen, les=les, naam=naam, tijdstip="2026-12-01T10:00:00+01:00")
    return bestand.lees_json(bestand.als_json(inhoud), f"antwoorden-{bank}.json")


def test_een_les() -> None:
    tekst = bewijs.bewijs_html([_bestand("les3-signaleren", 3, 3)], op=date(2026, 12, 1))
    assert tekst.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert "Bewijs van deelname: Les 3 · Signaleren" in tekst
    assert '<p class="vd-naam">Sam</p>' in tekst and "Gemaakt op 1 december 2026" in tekst
    assert "<td>afgerond</td><td>3 van 4</td><td>4 van 4</td>" in tekst
    assert "Kernpunten van Les 3 · Signaleren" in tekst and "Een signaal is geen bewijs." in tekst
    assert "@page" in tekst and "<script" not in tekst and "http" not in tekst.split("<body>")[1]


def test_module_met_een_les_die_nog_niet_af_is() -> None:
    tekst = bewijs.bewijs_html(
        [_bestand("les4", None, 2, open_=1), _bestand("les3-signaleren", 3, 4)],
        naam="  <Jo> ",
        op=date(2026, 1, 5),
    )
    assert "Bewijs van deelname: Veiligheid achter de voordeur" in tekst
    assert "&lt;Jo&gt;" in tekst and "<Jo>" not in tekst
    assert "Lessen afgerond: 1 van 2" in tekst and "nog niet af (3 van 4 beantwoord)" in tekst
    assert tekst.index("Les 3 · Signaleren") < tekst.index("Les 4 · De meldcode")  # lesson order


def test_geen_bestanden() -> None:
    with pytest.raises(bewijs.BewijsFout, match="Bewaar eerst"):
        bewijs.bewijs_html([])


def test_versie_1_zegt_dat_de_eerste_poging_onbekend_is(tmp_path: Path) -> None:
    v1 = {
        "formaat": "voordeur-quiz-antwoorden",
        "formaat_versie": 1,
        "bank": "les3-signaleren",
        "bank_versie": 2,
        "tijdstip": "2026-11-30T09:00:00+01:00",
        "score": {},
        "vragen": [
            {"id": "a", "type": "enkel", "beantwoord": True, "antwoord": "x", "status": "goed", "score": 1.0}
        ],
    }
    (tmp_path / "antwoorden-les3.json").write_text(json.dumps(v1), encoding="utf-8")
    html_pad, pdf_pad, melding = bewijs.maak_bewijs(tmp_path, "Sam", pdf=False)
    assert pdf_pad is None and html_pad.name == "bewijs-module.html" and "bewijs-module.html" in melding
    assert "onbekend (ouder bestand)" in html_pad.read_text(encoding="utf-8")


def test_lege_map(tmp_path: Path) -> None:
    with pytest.raises(bewijs.BewijsFout, match="geen bruikbare antwoordenbestanden van les 2"):
        bewijs.maak_bewijs(tmp_path, les=2)


@pytest.mark.skipif(
    shutil.which("chromium") is None and not Path("/usr/bin/chromium").exists(),
    reason="Chromium is needed to print a PDF",
)
def test_pdf_bevat_de_tekst(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    for b in (_bestand("les3-signaleren", 3, 3), _bestand("les4", 4, 1)):
        (tmp_path / b.bron).write_text(
            bestand.als_json(
                bestand.maak(
                    b.bank, b.bank_versie, list(b.vragen), les=b.les, naam=b.naam, tijdstip=b.tijdstip
                )
            ),
            encoding="utf-8",
        )
    _, pdf_pad, melding = bewijs.maak_bewijs(tmp_path, "Sam de Vries", les=3)
    assert pdf_pad is not None, melding
    lezer = pypdf.PdfReader(io.BytesIO(pdf_pad.read_bytes()))
    tekst = " ".join((p.extract_text() or "") for p in lezer.pages)
    tekst = " ".join(tekst.split())
    assert "Bewijs van deelname: Les 3" in tekst and "Sam de Vries" in tekst
    assert "3 van 4" in tekst and "Kernpunten" in tekst and "De meldcode" not in tekst
    assert lezer.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4
