"""Saved-answers format 2 (one file per lesson) and the pure reader for formats 1 and 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voordeur import quiz
from voordeur.quiz import bestand
from voordeur.quiz.bestand import BestandFout, Poging, Uitslag, VraagAntwoorden

SCHEMA = Path(__file__).parents[2] / "docs" / "dev" / "antwoordenbestand.schema.json"
VOORBEELD = Path(__file__).parents[2] / "docs" / "dev" / "antwoordenbestand.voorbeeld.json"


def _twee_vragen() -> list[VraagAntwoorden]:
    fout = Poging("Ik wacht af", "fout", 0.0, "2026-12-01T10:00:00+01:00")
    goed = Poging("Ik schrijf op wat ik zie", "goed", 1.0, "2026-12-01T10:01:00+01:00")
    return [
        VraagAntwoorden("a", "enkel", (fout, goed), Uitslag("fout", 0.0), Uitslag("goed", 1.0)),
        VraagAntwoorden("b", "getal"),
    ]


def test_maak_en_lees_terug() -> None:
    inhoud = bestand.maak(
        "les3",
        2,
        _twee_vragen(),
        titel="Signaleren",
        les=3,
        naam="  Sam   de Vries ",
        tijdstip="2026-12-01T10:02:00+01:00",
    )
    assert inhoud["formaat_versie"] == 2 and inhoud["naam"] == "Sam de Vries"
    assert inhoud["samenvatting"] == {
        "totaal": 2,
        "beantwoord": 1,
        "eerste_poging_goed": 0,
        "goed": 1,
        "deels": 0,
        "fout": 0,
        "open": 1,
        "punten": 1.0,
        "tekst": "0 van 2 goed bij de eerste poging, 1 van 2 goed na opnieuw proberen "
        "(1 nog niet beantwoord)",
    }
    terug = bestand.lees_json(bestand.als_json(inhoud), "x.json")
    assert terug.vragen == tuple(_twee_vragen())
    assert (terug.naam, terug.les, terug.bank, terug.bank_versie) == ("Sam de Vries", 3, "les3", 2)
    assert terug.samenvatting() == inhoud["samenvatting"]


def test_bestandsnaam_is_stabiel() -> None:
    assert bestand.bestandsnaam("les3") == "antwoorden-les3.json"
    assert bestand.bestandsnaam("les3", "Sam de Vriës!") == "antwoorden-les3-sam-de-vri-s.json"
    assert bestand.bestandsnaam("les3", "   ") == "antwoorden-les3.json"


def test_schrijf_overschrijft_nooit(tmp_path: Path) -> None:
    inhoud = bestand.maak("les3", 2, _twee_vragen(), naam="Sam")
    eerste = bestand.schrijf(inhoud, tmp_path)
    tweede = bestand.schrijf(inhoud, tmp_path)
    assert (eerste.name, tweede.name) == ("antwoorden-les3-sam.json", "antwoorden-les3-sam-2.json")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_versie_1_wordt_gelezen(tmp_path: Path) -> None:
    """A file written by quiz.bewaar before issue 16 (format 1) reads as one attempt, first try unknown.

    quiz.bewaar writes format 2 now, so the format-1 file is the one it wrote then (same fields)."""
    q = quiz.Quiz("voorbeeld", map=tmp_path)
    e = q.weergaven[0]
    fout = next(o for o in e.vraag.opties if not o.goed)
    v1 = {"formaat": "voordeur-quiz-antwoorden", "formaat_versie": 1, "bank": "voorbeeld", "bank_versie": 3,
          "titel": q.bank.titel, "tijdstip": "2026-11-20T10:00:00+01:00",
          "score": {"goed": 0, "gedeeltelijk": 0, "totaal": 5, "punten": 0.0, "tekst": "0 van 5 goed"},
          "vragen": [{"id": v.id, "type": v.type, "beantwoord": False, "antwoord": None, "status": None,
                      "goed": False, "score": 0.0} for v in q.vragen]}
    v1["vragen"][0].update(beantwoord=True, antwoord=fout.tekst, status="fout")
    pad = tmp_path / "oud.json"
    pad.write_text(json.dumps(v1), encoding="utf-8")
    b = bestand.lees(pad)
    assert b.formaat_versie == 1 and not b.eerste_poging_bekend
    eerste = b.vragen[0]
    assert eerste.eind == Uitslag("fout", 0.0) and eerste.eerste_poging is None and len(eerste.pogingen) == 1
    assert b.samenvatting()["eerste_poging_goed"] is None
    assert not any(v.beantwoord for v in b.vragen[1:])
    # what quiz.bewaar writes today: format 2, with the first try
    e.keuze.value = e.vraag.opties.index(fout)
    e.knop_controleer.click()
    nieuw = bestand.lees(q.bewaar(tmp_path / "nieuw.json"))
    assert nieuw.formaat_versie == 2 and nieuw.eerste_poging_bekend
    assert nieuw.vragen[0].eerste_poging == Uitslag("fout", 0.0)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads((tmp_path / "nieuw.json").read_text(encoding="utf-8")),
                        json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_gedeeltelijk_uit_versie_1_heet_deels() -> None:
    v1 = {
        "formaat": "voordeur-quiz-antwoorden",
        "formaat_versie": 1,
        "bank": "x",
        "bank_versie": 1,
        "tijdstip": "2026-12-01T10:00:00+01:00",
        "score": {},
        "vragen": [
            {
                "id": "a",
                "type": "meer",
                "beantwoord": True,
                "antwoord": ["p"],
                "status": "gedeeltelijk",
                "score": 0.5,
            }
        ],
    }
    assert bestand.lees_json(json.dumps(v1)).vragen[0].eind == Uitslag("deels", 0.5)


@pytest.mark.parametrize(
    ("tekst", "soort", "woorden"),
    [
        ("{", "kapot", "geen geldige JSON (regel 1)"),
        ("[]", "kapot", "geen antwoordenbestand"),
        ('{"formaat": "voordeur-quiz-antwoorden", "formaat_versie": 3}', "andere-versie", "nieuwere versie"),
        ('{"formaat": "voordeur-quiz-antwoorden", "formaat_versie": true}', "andere-versie", "andere versie"),
        (
            '{"formaat": "voordeur-quiz-antwoorden", "formaat_versie": 2}',
            "kapot",
            "bank, bank_versie, tijdstip",
        ),
        (
            '{"formaat": "voordeur-quiz-antwoorden", "formaat_versie": 2, "bank": "x", "bank_versie": 1,'
            ' "tijdstip": "t", "vragen": [{"id": "a", "type": "enkel",'
            ' "eind": {"status": "super", "score": 1}}]}',
            "kapot",
            "onbekende uitslag 'super'",
        ),
        (
            '{"formaat": "voordeur-quiz-antwoorden", "formaat_versie": 2, "bank": "x", "bank_versie": 1,'
            ' "tijdstip": "t", "vragen": [{"id": "a", "type": "enkel"}, {"id": "a", "type": "enkel"}]}',
            "kapot",
            "vraag a staat er twee keer in",
        ),
        ("[" * 50 + "]" * 50, "kapot", "te diep genest"),
    ],
)
def test_kapotte_bestanden_geven_een_nederlandse_melding(tekst: str, soort: str, woorden: str) -> None:
    with pytest.raises(BestandFout) as fout:
        bestand.lees_json(tekst, "klas/x.json")
    assert fout.value.soort == soort
    assert woorden in str(fout.value) and str(fout.value).startswith("klas/x.json")


def test_uploads_en_bestanden_door_elkaar(tmp_path: Path) -> None:
    goed = bestand.als_json(bestand.maak("les3", 2, _twee_vragen(), naam="Sam"))
    (tmp_path / "a.json").write_text(goed, encoding="utf-8")
    (tmp_path / "utf16.json").write_bytes(goed.encode("utf-16"))
    uit = bestand.lees_bestanden(
        [
            tmp_path / "a.json",
            ("upload.json", goed.encode()),
            tmp_path / "utf16.json",
            tmp_path / "bestaat-niet.json",
            ("groot.json", b" " * (bestand.MAX_BYTES + 1)),
        ]
    )
    assert [b.bron for b in uit.bestanden] == ["a.json"]
    assert [(m.bestand, m.soort) for m in uit.meldingen] == [
        ("upload.json", "dubbel"),
        ("utf16.json", "kapot"),
        ("bestaat-niet.json", "kapot"),
        ("groot.json", "kapot"),
    ]
    assert "UTF-16" in uit.meldingen[1].tekst and "te groot" in uit.meldingen[3].tekst
    assert "1 antwoordenbestanden ingelezen.\n4 niet meegeteld:" in uit.tekst()


def test_map_bestaat_niet(tmp_path: Path) -> None:
    with pytest.raises(quiz.QuizFout, match="bestaat niet"):
        bestand.lees_map(tmp_path / "nergens")


def test_voorbeeld_in_de_documentatie_klopt_met_het_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    voorbeeld = json.loads(VOORBEELD.read_text(encoding="utf-8"))
    jsonschema.validate(voorbeeld, schema)
    jsonschema.validate(bestand.maak("les3", 2, _twee_vragen(), naam=None), schema)
    b = bestand.lees_json(VOORBEELD.read_text(encoding="utf-8"))
    assert b.samenvatting() == voorbeeld["samenvatting"]
    kapot = dict(voorbeeld, formaat_versie=3)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(kapot, schema)
