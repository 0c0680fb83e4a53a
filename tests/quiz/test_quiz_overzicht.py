"""The teacher's class overview over a folder of 30 generated student files (broken ones included)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from klas import maak_klas

from voordeur import quiz
from voordeur.quiz import bestand, overzicht
from voordeur.quiz.bestand import Poging, Uitslag, VraagAntwoorden


@pytest.fixture(scope="module")
def les3() -> quiz.Bank:
    return quiz.laad_bank("les3")


def test_dertig_bestanden_met_kapotte_dubbele_en_oude(les3: quiz.Bank, tmp_path: Path) -> None:
    soorten = maak_klas(les3, tmp_path, 30)
    assert len(list(tmp_path.iterdir())) == 30
    inlezing = bestand.lees_map(tmp_path)
    gemeld = {m.bestand: m.soort for m in inlezing.meldingen}
    assert gemeld == {
        "kopie-van-student-1.json": "dubbel",
        soorten["goed"][1]: "dubbel",
        "kapot.json": "kapot",
        "uit-de-toekomst.json": "andere-versie",
    }
    assert len(inlezing.bestanden) == 26  # 25 students (student 2's newer file) + 1 file in format 1
    o = overzicht.klasoverzicht(inlezing, les3)
    assert o.studenten == 26
    assert {m.soort for m in o.meldingen} == {"dubbel", "kapot", "andere-versie", "oud-formaat"}
    eerste = o.vragen[0]
    assert (eerste.beantwoord, eerste.eerste_bekend) == (26, 25)  # the format-1 file has no first try
    assert eerste.eind_goed == 25  # everyone right after a retry, except the format-1 file
    # open types in the made-up class: nobody answered them
    assert [v.beantwoord for v in o.vragen if v.type in ("volgorde", "scenario")] == [0, 0]


def test_telt_zoals_met_de_hand(les3: quiz.Bank) -> None:
    """Three students, counts checked by hand."""
    v = next(x for x in les3.vragen if x.type == "enkel")
    goed = next(o.tekst for o in v.opties if o.goed)
    fout = [o.tekst for o in v.opties if not o.goed]

    def student(naam: str, *antwoorden: str) -> bestand.Antwoordbestand:
        pogingen = tuple(Poging(a, "goed" if a == goed else "fout", float(a == goed)) for a in antwoorden)
        va = VraagAntwoorden(
            v.id,
            v.type,
            pogingen,
            Uitslag(pogingen[0].status, pogingen[0].score),
            Uitslag(pogingen[-1].status, pogingen[-1].score),
        )
        return bestand.lees_json(
            bestand.als_json(bestand.maak(les3.bank, les3.versie, [va], naam=naam)), naam
        )

    inlezing = bestand.Inlezing(
        [student("A", fout[0], goed), student("B", goed), student("C", fout[0], fout[1])]
    )
    cijfers = overzicht.klasoverzicht(inlezing, les3).vragen[0]
    assert (cijfers.beantwoord, cijfers.eerste_goed, cijfers.eind_goed) == (3, 1, 2)
    assert cijfers.foute_keuzes[0] == (fout[0], 2)
    assert (fout[1], 1) in cijfers.foute_keuzes
    assert cijfers.eerste_goed_procent == pytest.approx(100 / 3)
    rij = overzicht.rijen(overzicht.klasoverzicht(inlezing, les3))[0]
    assert rij[2:5] == ["3", "1 van 3 (33%)", "2 van 3 (67%)"]
    assert rij[5].startswith(f"{fout[0]} (2×)")


def test_andere_bank_en_bankversie_worden_gemeld(les3: quiz.Bank) -> None:
    ander = bestand.lees_json(bestand.als_json(bestand.maak("les4", 1, [])), "les4.json")
    oud = bestand.lees_json(bestand.als_json(bestand.maak(les3.bank, les3.versie - 1, [])), "oud.json")
    o = overzicht.klasoverzicht(bestand.Inlezing([ander, oud]), les3)
    assert [m.soort for m in o.meldingen] == ["andere-bank", "andere-bankversie"]
    assert o.studenten == 1


def test_tabel_csv_en_grafiek(les3: quiz.Bank, tmp_path: Path) -> None:
    maak_klas(les3, tmp_path, 30)
    o = overzicht.klasoverzicht(bestand.lees_map(tmp_path), les3)
    t = overzicht.tabel(o)
    html = t._repr_html_()
    for kop in overzicht.KOLOMMEN:
        assert f">{kop}</th>" in html
    assert "Bron: de antwoordenbestanden van 26 studenten" in t.platte_tekst()
    tekst = overzicht.als_csv(o)
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen[0][:4] == ["nr", "vraag_id", "vraag", "beantwoord"]
    assert len(rijen) == 1 + len(les3.vragen)
    assert rijen[1][1] == les3.vragen[0].id and rijen[1][3] == "26"
    pad = overzicht.schrijf_csv(o, tmp_path / "overzicht.csv")
    assert pad.read_bytes().startswith(b"\xef\xbb\xbf")
    g = overzicht.grafiek(o)
    assert g.png.startswith(b"\x89PNG") and "Staafdiagram" in g.alt_tekst
    assert g._repr_html_().count("Bron:") == 1
