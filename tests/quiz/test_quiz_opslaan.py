"""Saving answers: never overwrite, clear Dutch messages for missing, corrupt or other-version files."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from voordeur import quiz
from voordeur.quiz import opslaan


@pytest.fixture
def beantwoord(tmp_path: Path) -> quiz.Quiz:
    q = quiz.Quiz("voorbeeld", map=tmp_path)
    e, m, _, g, _ = q.weergaven
    e.keuze.value = next(i for i, o in enumerate(e.vraag.opties) if o.goed)
    e.knop_controleer.click()
    m.vakjes[next(i for i, o in enumerate(m.vraag.opties) if o.goed)].value = True
    m.knop_controleer.click()
    g.invoerveld.value = "30"
    g.knop_controleer.click()
    return q


def test_inhoud_van_het_bestand(beantwoord: quiz.Quiz, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    pad = quiz.bewaar(beantwoord, tmp_path / "antwoorden-les3.json")
    assert pad == tmp_path / "antwoorden-les3.json"
    assert "bewaard in het bestand antwoorden-les3.json" in capsys.readouterr().out
    data = json.loads(pad.read_text(encoding="utf-8"))
    # format 2 (issue 16: one save format); format 1 is still read (test_format_1_is_still_read)
    assert data["formaat"] == "voordeur-quiz-antwoorden" and data["formaat_versie"] == 2
    assert (data["bank"], data["bank_versie"]) == ("voorbeeld", 3)
    assert datetime.fromisoformat(data["tijdstip"]).tzinfo is not None
    assert data["samenvatting"] == {"totaal": 5, "beantwoord": 3, "eerste_poging_goed": 1, "goed": 1,
                                    "deels": 1, "fout": 1, "open": 2, "punten": 1.333,
                                    "tekst": "1 van 5 goed bij de eerste poging, 1 van 5 goed na "
                                             "opnieuw proberen (1 deels goed, 2 nog niet beantwoord). "
                                             "Punten: 1,3 van 5"}
    eerste, meer, volgorde, getal, _ = data["vragen"]
    assert eerste["eind"] == {"status": "goed", "score": 1.0} == eerste["eerste_poging"]
    assert len(eerste["pogingen"]) == 1 and eerste["pogingen"][0]["antwoord"].startswith("Ik schrijf")
    assert meer["eind"] == {"status": "deels", "score": 0.333}
    assert len(meer["pogingen"][0]["antwoord"]) == 1
    assert volgorde == {"id": "vb-stappen-meldcode", "type": "volgorde", "pogingen": [],
                        "eerste_poging": None, "eind": None}
    assert getal["pogingen"][0]["antwoord"] == 30.0 and getal["eind"]["status"] == "fout"
    assert data["naam"] is None  # nothing typed: no name
    assert quiz.lees_antwoorden(pad, bank="voorbeeld") == data


def test_format_1_is_still_read(tmp_path: Path) -> None:
    oud = {"formaat": "voordeur-quiz-antwoorden", "formaat_versie": 1, "bank": "voorbeeld", "bank_versie": 3,
           "titel": "Voorbeeld van alle vraagtypen", "tijdstip": "2026-11-20T10:00:00+01:00",
           "score": {"goed": 1, "gedeeltelijk": 0, "totaal": 2, "punten": 1.0, "tekst": "1 van 2 goed"},
           "vragen": [{"id": "vb-eerste-stap-blauwe-plekken", "type": "enkel", "beantwoord": True,
                       "antwoord": "Ik schrijf feitelijk op wat ik zie", "status": "goed", "goed": True,
                       "score": 1.0},
                      {"id": "vb-stappen-meldcode", "type": "volgorde", "beantwoord": False, "antwoord": None,
                       "status": None, "goed": False, "score": 0.0}]}
    pad = tmp_path / "antwoorden-voorbeeld.json"
    pad.write_text(json.dumps(oud), encoding="utf-8")
    assert quiz.lees_antwoorden(pad, bank="voorbeeld") == oud
    kapot = tmp_path / "kapot-v1.json"
    half = {**oud, "vragen": [{**oud["vragen"][0], "status": "half"}]}
    kapot.write_text(json.dumps(half), encoding="utf-8")
    with pytest.raises(quiz.QuizFout, match=r"kapot-v1\.json: vraag .* onbekende uitslag 'half'"):
        quiz.lees_antwoorden(kapot)
    assert json.loads(kapot.read_text(encoding="utf-8"))["vragen"][0]["status"] == "half"  # unchanged


def test_bewaar_and_the_button_write_the_same_format(beantwoord: quiz.Quiz, tmp_path: Path) -> None:
    a = json.loads(quiz.bewaar(beantwoord, tmp_path / "a.json").read_text(encoding="utf-8"))
    beantwoord._bewaar_klik()
    knop = beantwoord.sessie.laatste_bestand
    assert knop is not None and knop.name == "antwoorden-voorbeeld.json"
    b = json.loads(knop.read_text(encoding="utf-8"))
    assert {k: v for k, v in a.items() if k != "tijdstip"} == {k: v for k, v in b.items() if k != "tijdstip"}


def test_nooit_overschrijven(beantwoord: quiz.Quiz, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    doel = tmp_path / "antwoorden-les3.json"
    doel.write_text("van iemand anders", encoding="utf-8")
    pad = quiz.bewaar(beantwoord, doel)
    assert pad.name == "antwoorden-les3-2.json"
    uit = capsys.readouterr().out
    assert "antwoorden-les3.json bestond al" in uit and "niet overschreven" in uit
    assert doel.read_text(encoding="utf-8") == "van iemand anders"
    assert quiz.bewaar(beantwoord, doel).name == "antwoorden-les3-3.json"
    assert opslaan.schrijf_nieuw(tmp_path / "x.json", "a").name == "x.json"
    assert opslaan.schrijf_nieuw(tmp_path / "x.json", "b").name == "x-2.json"


def test_standaardnaam_en_extensie(beantwoord: quiz.Quiz, tmp_path: Path) -> None:
    assert beantwoord.bewaar().name == "antwoorden-voorbeeld.json"  # in the quiz's folder
    assert quiz.bewaar(beantwoord, tmp_path / "mijn-antwoorden").name == "mijn-antwoorden.json"


def test_opslaan_mislukt_geeft_melding(beantwoord: quiz.Quiz, tmp_path: Path) -> None:
    blokkade = tmp_path / "bestand"
    blokkade.write_text("x", encoding="utf-8")
    pad, melding = opslaan.bewaar_met_melding(beantwoord, blokkade / "a.json")
    assert pad is None and melding.startswith("Opslaan is niet gelukt")
    with pytest.raises(quiz.QuizFout, match="Opslaan is niet gelukt"):
        quiz.bewaar(beantwoord, blokkade / "a.json")


def test_lees_ontbrekend_kapot_en_andere_versie(beantwoord: quiz.Quiz, tmp_path: Path) -> None:
    with pytest.raises(quiz.QuizFout, match=r"bestand .*weg\.json bestaat niet"):
        quiz.lees_antwoorden(tmp_path / "weg.json")
    with pytest.raises(quiz.QuizFout, match="is een map"):
        quiz.lees_antwoorden(tmp_path)
    kapot = tmp_path / "kapot.json"
    kapot.write_text('{"formaat": "voordeur-quiz-antwoorden", ', encoding="utf-8")
    with pytest.raises(quiz.QuizFout, match=r"kapot\.json is beschadigd"):
        quiz.lees_antwoorden(kapot)
    binair = tmp_path / "binair.json"
    binair.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(quiz.QuizFout, match=r"binair\.json kan niet worden gelezen"):
        quiz.lees_antwoorden(binair)
    vreemd = tmp_path / "vreemd.json"
    vreemd.write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(quiz.QuizFout, match="geen antwoordenbestand"):
        quiz.lees_antwoorden(vreemd)

    pad = quiz.bewaar(beantwoord, tmp_path / "a.json")
    data = json.loads(pad.read_text(encoding="utf-8"))
    oud = tmp_path / "oud-formaat.json"
    oud.write_text(json.dumps({**data, "formaat_versie": 99}), encoding="utf-8")
    with pytest.raises(quiz.QuizFout, match=r"oud-formaat\.json is gemaakt met een andere versie"):
        quiz.lees_antwoorden(oud)
    half = tmp_path / "half.json"
    half.write_text(json.dumps({k: v for k, v in data.items() if k != "vragen"}), encoding="utf-8")
    with pytest.raises(quiz.QuizFout, match="onvolledig: vragen ontbreekt"):
        quiz.lees_antwoorden(half)
    oude_bank = tmp_path / "oude-bank.json"
    oude_bank.write_text(json.dumps({**data, "bank_versie": 0}), encoding="utf-8")
    assert quiz.lees_antwoorden(oude_bank)["bank_versie"] == 0  # without a bank: no version check
    with pytest.raises(quiz.QuizFout, match=r"oude-bank\.json hoort bij versie 0 .* nu versie 3"):
        quiz.lees_antwoorden(oude_bank, bank=quiz.laad_bank("voorbeeld"))
    andere = tmp_path / "andere.json"
    andere.write_text(json.dumps({**data, "bank": "les3"}), encoding="utf-8")
    with pytest.raises(quiz.QuizFout, match="hoort bij de vragenbank 'les3', niet bij 'voorbeeld'"):
        quiz.lees_antwoorden(andere, bank="voorbeeld")
