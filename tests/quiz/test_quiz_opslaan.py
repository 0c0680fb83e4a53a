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
    assert data["formaat"] == "voordeur-quiz-antwoorden" and data["formaat_versie"] == 1
    assert (data["bank"], data["bank_versie"]) == ("voorbeeld", 3)
    assert datetime.fromisoformat(data["tijdstip"]).tzinfo is not None
    assert data["score"] == {"goed": 1, "gedeeltelijk": 1, "totaal": 5, "punten": 1.333,
                             "tekst": "1 van 5 goed (1 gedeeltelijk goed, 2 nog niet beantwoord). "
                                      "Punten: 1,3 van 5"}
    eerste, meer, volgorde, getal, _ = data["vragen"]
    assert eerste["goed"] is True and eerste["score"] == 1.0 and eerste["antwoord"].startswith("Ik schrijf")
    assert meer["status"] == "deels" and meer["score"] == 0.333 and len(meer["antwoord"]) == 1
    assert volgorde == {"id": "vb-stappen-meldcode", "type": "volgorde", "beantwoord": False,
                        "antwoord": None, "status": None, "goed": False, "score": 0.0}
    assert getal["antwoord"] == 30.0 and getal["goed"] is False
    assert "naam" not in json.dumps(data)
    assert quiz.lees_antwoorden(pad, bank="voorbeeld") == data


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
