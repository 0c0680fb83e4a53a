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
    # one bank per lesson that has one, in the manifest's lesson order (not a hard-coded count)
    namen = [b.bank for b in banken]
    assert "voorbeeld" not in namen
    assert namen == [x.bank for x in sorted(LESSEN, key=lambda x: x.nummer) if x.bank]


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
    vast = ("afwegingskader", "casuskaarten", "casuskaarten-docent", "observatieformulier")
    assert namen == sorted(f"{n}.{x}" for n in (*vast, *materiaal.rollenspellen()) for x in ("html", "pdf"))

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
    for naam, bron in materiaal.rollenspellen().items():  # one page per role card, then the form on one page
        spel = materiaal.lees_rollenspel(bron)
        bladen = pdf(f"{naam}.pdf").pages
        assert len(bladen) == len(spel["kaarten"]) + 1
        assert "Observatieformulier" in bladen[-1].extract_text()


# --- role-play cards from a lesson folder ---------------------------------------------------------------


def test_les7_heeft_rollenspelkaarten_met_bronnen() -> None:
    assert "rollenspel-les7" in materiaal.rollenspellen()
    bron = materiaal.rollenspellen()["rollenspel-les7"]
    spel = materiaal.lees_rollenspel(bron)
    tekst = materiaal.rollenspelkaarten(bron)
    assert tekst.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert tekst.count('<section class="kaart">') == len(spel["kaarten"]) >= 4
    assert {k["rol"] for k in spel["kaarten"]} >= {"professional", "ouder", "kind"}
    assert "Belooft geen geheimhouding" in tekst
    assert tekst.count('<td class="vak"') == 3 * len(spel["kijkpunten"])
    for k in spel["kijkpunten"]:
        assert k.bron.startswith("https://") and materiaal.e(k.bron) in tekst
    assert "eigen verhaal" in tekst  # the safety rule is printed on every card
    assert tekst.count("eigen verhaal") == len(spel["kaarten"])


GOED = """titel: Rollenspel
spelregels: Speel alleen de casus van de kaart.
kaarten:
  - {titel: Kaart 1, rol: professional, tekst: Je bent mentor.}
kijkpunten:
  - {tekst: Noemt het doel., bron: "https://www.nji.nl/kindermishandeling/hoe-praat-ik-met-ouders"}
nabespreken: Wat ging goed?
"""


@pytest.mark.parametrize(
    ("kapot", "melding"),
    [
        (GOED.replace("rol: professional", "rol: leraar"), "kaarten, item 1 heeft de rol 'leraar'"),
        (GOED.replace("titel: Rollenspel\n", ""), "het veld 'titel' ontbreekt"),
        (GOED + "extra: 1\n", "onbekend veld 'extra'"),
        (GOED.replace('"https://www.nji.nl/kindermishandeling/hoe-praat-ik-met-ouders"', "NJi"),
         "kijkpunten, item 1 heeft geen webadres"),
        (GOED.replace("tekst: Je bent mentor.", "tekst: ''"), "'kaarten, item 1, tekst' ontbreekt"),
        (GOED.replace("  - {titel: Kaart 1, rol: professional, tekst: Je bent mentor.}\n", "").replace(
            "kaarten:", "kaarten: []"), "'kaarten' moet een lijst zijn"),
        ("titel: [onaf\n", "ik kan dit bestand niet lezen"),
        ("- een lijst\n", "moet de velden titel, spelregels"),
    ],
)
def test_kapot_rollenspel_geeft_een_nederlandse_melding(tmp_path: Path, kapot: str, melding: str) -> None:
    bron = tmp_path / "rollenspel.yaml"
    bron.write_text(kapot, encoding="utf-8")
    with pytest.raises(materiaal.MateriaalFout) as fout:
        materiaal.rollenspelkaarten(bron)
    assert str(bron) in str(fout.value) and melding in str(fout.value)


def test_kapot_rollenspel_stopt_de_bouw_zonder_half_werk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bron = tmp_path / "rollenspel.yaml"
    bron.write_text(GOED.replace("rol: professional", "rol: leraar"), encoding="utf-8")
    monkeypatch.setattr(materiaal, "rollenspellen", lambda: {"rollenspel-les9": bron})
    uit = tmp_path / "uit"
    assert materiaal.main(["--uit", str(uit), "--geen-pdf"]) == 1
    assert "Het materiaal is niet gemaakt" in capsys.readouterr().err
    assert not uit.exists()  # everything is rendered before the first file is written
