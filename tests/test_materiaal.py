"""Printable material (tools/build_materiaal.py): casus cards with and without answers, the afwegingskader
on one page, the observation form; HTML with lang="nl" and PDF."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from gereedschap import laad_tool

from voordeur import meldcode
from voordeur.lessen import LESSEN

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    return laad_tool("build_materiaal")


materiaal = _tool()


@pytest.fixture(scope="module")
def banken() -> list:
    return materiaal.lesbanken()


def test_geen_demobank_en_in_lesvolgorde(banken: list) -> None:
    namen = [b.bank for b in banken]
    # one bank per lesson in the manifest that has one, in lesson order
    assert "voorbeeld" not in namen and namen == [les.bank for les in LESSEN if les.bank]
    assert namen[0].startswith("les1")


def test_leerlingkaarten_zonder_antwoorden(banken: list) -> None:
    tekst = materiaal.casuskaarten(banken, docent=False)
    aantal = sum(len(materiaal.casussen(b)) for b in banken)
    assert aantal >= 20 and tekst.count('<section class="kaart">') == aantal
    assert tekst.startswith('<!DOCTYPE html>\n<html lang="nl">')
    for b in banken:
        for v in materiaal.casussen(b):
            for o in getattr(v, "opties", []):
                assert o.feedback not in tekst, f"feedback van {v.id} staat op de leerlingkaart"
            if v.type == "volgorde":
                assert "".join(v.items) not in tekst.replace("</li><li>", "")  # shuffled, never solved
            for p in getattr(v, "punten", []):
                for o in p.opties:
                    assert o.feedback not in tekst
    assert "✔" not in tekst and "goed antwoord" not in tekst


def test_docentkaarten_met_antwoorden(banken: list) -> None:
    tekst = materiaal.casuskaarten(banken, docent=True)
    v = next(x for b in banken for x in materiaal.casussen(b) if x.type == "enkel")
    goed = next(o for o in v.opties if o.goed)
    assert f"✔ goed: {materiaal.e(goed.tekst)}" in tekst and materiaal.e(goed.feedback) in tekst
    assert "Het verloop, met de beste keuzes" in tekst and "Mogelijke afloop" in tekst


def test_afwegingskader_komt_uit_de_meldcode_data() -> None:
    tekst = materiaal.afwegingskader()
    for vraag in meldcode.AFWEGINGSVRAGEN:
        assert materiaal.e(vraag.vraag) in tekst
    # question 2 stops at "ja" (acute or structural unsafety: report); the others go on at "ja"
    assert "<strong>Ja:</strong> Meld bij Veilig Thuis. De vragen 3" in tekst
    assert "↓ nee: Ga door naar vraag 3." in tekst and "↓ ja: Ga door naar vraag 2." in tekst
    assert meldcode.BRON_NJI_AFWEGINGSKADER in tekst


def test_observatieformulier_heeft_bronnen() -> None:
    tekst = materiaal.observatieformulier()
    assert tekst.count('<td class="vak"') == 2 * len(materiaal.KIJKPUNTEN)
    for k in materiaal.KIJKPUNTEN:
        assert k.bron.startswith("http") and materiaal.e(k.bron) in tekst


@pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists() and shutil.which("chromium") is None,
    reason="Chromium is needed to print PDFs",
)
def test_een_commando_maakt_html_en_pdf(tmp_path: Path, banken: list) -> None:
    pypdf = pytest.importorskip("pypdf")
    assert materiaal.main(["--uit", str(tmp_path)]) == 0
    namen = sorted(p.name for p in tmp_path.iterdir())
    assert namen == sorted(
        f"{n}.{x}"
        for n in ("afwegingskader", "casuskaarten", "casuskaarten-docent", "observatieformulier")
        for x in ("html", "pdf")
    )

    def pdf(naam: str) -> pypdf.PdfReader:
        return pypdf.PdfReader(io.BytesIO((tmp_path / naam).read_bytes()))

    kaarten = sum(len(materiaal.casussen(b)) for b in banken)
    leerling = pdf("casuskaarten.pdf")
    assert len(leerling.pages) == kaarten  # one case per page
    assert (
        "Casus 2 ·" in leerling.pages[1].extract_text()
        and "Casus 3 ·" not in leerling.pages[1].extract_text()
    )
    assert len(pdf("casuskaarten-docent.pdf").pages) >= kaarten
    assert len(pdf("afwegingskader.pdf").pages) == 1
    assert len(pdf("observatieformulier.pdf").pages) == 1
    tekst = " ".join(pdf("afwegingskader.pdf").pages[0].extract_text().split())
    assert "Vraag 5: Gewenst resultaat" in tekst
