"""The quiz session as a pure object (no ipywidgets), and one session per lesson across quiz cells."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from voordeur import quiz
from voordeur.oordeel import DEELS, FOUT, GOED, LEEG
from voordeur.quiz import bestand, model, sessie
from voordeur.quiz.model import Resultaat
from voordeur.quiz.sessie import Sessie


@pytest.fixture
def bank() -> quiz.Bank:
    return quiz.laad_bank("voorbeeld")


def _r(status: str, score: float | None = None, antwoord: object = "x") -> Resultaat:
    return Resultaat(
        status, score if score is not None else float(status == GOED), "uitleg", antwoord=antwoord
    )


def test_pogingen_eerste_en_laatste(bank: quiz.Bank) -> None:
    s = Sessie(bank)
    s.voeg_toe(bank.vragen)
    a, b, c, *_ = (v.id for v in bank.vragen)
    assert s.score_tekst() == "Score: 0 van 5 goed (5 nog niet beantwoord)."
    assert not s.registreer(a, _r(LEEG))  # an empty answer is no attempt
    assert s.pogingen(a) == 0
    s.registreer(a, _r(FOUT))
    s.registreer(a, _r(GOED))
    s.registreer(b, _r(GOED))
    s.registreer(c, _r(DEELS, 0.5))
    assert s.pogingen(a) == 2 and s.eerste_poging(a).status == FOUT and s.resultaat(a).status == GOED
    assert s.eerste_goed() == 1
    assert s.score_tekst() == (
        "Score: 2 van 5 goed (1 gedeeltelijk goed, 2 nog niet beantwoord). Punten: 2,5 "
        "van 5. 1 van 5 goed bij de eerste poging."
    )


def test_klasmodus_en_getoond(bank: quiz.Bank) -> None:
    s = Sessie(bank, klasmodus=True)
    s.voeg_toe(bank.vragen[:2])
    assert s.score_tekst() == "Score: nog geen antwoorden getoond."
    s.getoond(bank.vragen[0].id)
    assert s.stand(bank.vragen[0].id).getoond and s.score_tekst() == "Score: nog geen antwoorden getoond."
    s.registreer(bank.vragen[0].id, _r(GOED))
    assert (
        s.score_tekst() == "Score: 1 van 2 goed (1 nog niet beantwoord). 1 van 2 goed bij de eerste poging."
    )


def test_kijkers_horen_elke_verandering(bank: quiz.Bank) -> None:
    s = Sessie(bank)
    s.voeg_toe(bank.vragen)
    gezien: list[str] = []
    s.kijk(lambda x: gezien.append(x.score_tekst()))
    s.registreer(bank.vragen[0].id, _r(GOED))
    s.registreer(bank.vragen[0].id, _r(LEEG))
    assert len(gezien) == 1 and gezien[0].startswith("Score: 1 van 5 goed")


def test_wat_bewaard_wordt(bank: quiz.Bank, tmp_path: Path) -> None:
    s = Sessie(bank)
    s.voeg_toe(reversed(bank.vragen))  # the bank's order wins
    s.naam = "Sam"
    eerste = bank.vragen[0]
    s.registreer(eerste.id, _r(FOUT, antwoord=eerste.opties[1].tekst))
    s.registreer(eerste.id, _r(GOED, antwoord=eerste.opties[0].tekst))
    inhoud = s.als_bestand()
    assert [v["id"] for v in inhoud["vragen"]] == [v.id for v in bank.vragen]
    v = inhoud["vragen"][0]
    assert [p["status"] for p in v["pogingen"]] == ["fout", "goed"]
    assert v["eerste_poging"] == {"status": "fout", "score": 0.0} and v["eind"] == {
        "status": "goed",
        "score": 1.0,
    }
    assert inhoud["samenvatting"]["eerste_poging_goed"] == 0 and inhoud["samenvatting"]["goed"] == 1
    assert inhoud["naam"] == "Sam" and len(inhoud["sessie"]) == 16
    pad = s.bewaar(tmp_path)
    assert pad.name == "antwoorden-voorbeeld-sam.json"
    terug = bestand.lees(pad)
    assert terug.sessie == s.id and terug.vragen[0].eerste_poging.status == FOUT
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parents[2] / "docs/dev/antwoordenbestand.schema.json").read_text())
    jsonschema.validate(json.loads(pad.read_text(encoding="utf-8")), schema)


def test_twee_bewaringen_van_een_sessie_tellen_een_keer(bank: quiz.Bank, tmp_path: Path) -> None:
    s = Sessie(bank)
    s.voeg_toe(bank.vragen)
    eerste = s.bewaar(tmp_path)
    s.registreer(bank.vragen[0].id, _r(GOED))
    tweede = s.bewaar(tmp_path)
    inlezing = bestand.lees_map(tmp_path)
    assert [b.bron for b in inlezing.bestanden] == [tweede.name]
    assert [(m.bestand, m.soort) for m in inlezing.meldingen] == [(eerste.name, "dubbel")]


def test_scenario_resultaat_als_poging(bank: quiz.Bank) -> None:
    v = next(x for x in bank.vragen if x.type == "scenario")
    stand = model.ScenarioStand(v)
    while not stand.klaar:
        stand.kies(next(i for i, o in enumerate(stand.punt.opties) if o.goed))
    s = Sessie(bank)
    s.voeg_toe([v])
    s.registreer(v.id, stand.resultaat())
    assert s.als_bestand()["vragen"][0]["eind"]["status"] == "goed"


def test_zonder_ipywidgets() -> None:
    """The session and the file format import no ipywidgets (logic separate from the widgets)."""
    code = (
        "import sys; from voordeur.quiz import sessie, bestand, overzicht; "
        "assert 'ipywidgets' not in sys.modules, 'ipywidgets geladen'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- one session per lesson, through quiz.toon -----------------------------------------------------------


def test_alle_quizcellen_van_een_les_delen_een_sessie(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cel1 = quiz.toon("voorbeeld", ids=["vb-peuter-blauwe-plekken"])
    cel2 = quiz.toon("voorbeeld", ids=["vb-aantal-veilig-thuis"])
    assert cel1.sessie is cel2.sessie
    w = cel1.weergaven[0]
    w.keuze.value = next(i for i, o in enumerate(w.vraag.opties) if not o.goed)
    w.knop_controleer.click()
    w.knop_opnieuw.click()
    w.keuze.value = next(i for i, o in enumerate(w.vraag.opties) if o.goed)
    w.knop_controleer.click()
    # one score line for the lesson, in every cell, with the first try beside the final result
    verwacht = "1 van 2 goed (1 nog niet beantwoord). 0 van 2 goed bij de eerste poging."
    assert verwacht in cel1.score.value and verwacht in cel2.score.value
    # rerun the first cell: the answer is kept and shown
    opnieuw = quiz.toon("voorbeeld", ids=["vb-peuter-blauwe-plekken"])
    assert opnieuw.weergaven[0].resultaat.status == GOED
    assert "al beantwoord (na 2 pogingen)" in opnieuw.weergaven[0].feedback.value
    assert opnieuw.weergaven[0].keuze.disabled
    # one "Bewaar" writes one file with the lesson's questions and every attempt
    cel2.knop_bewaar.click()
    assert 'download="antwoorden-voorbeeld.json"' in cel2.bewaar_melding.value
    assert "op de computer waar Jupyter draait" in cel2.bewaar_melding.value
    bestanden = sorted(p.name for p in tmp_path.glob("*.json"))
    assert bestanden == ["antwoorden-voorbeeld.json"]
    data = json.loads((tmp_path / "antwoorden-voorbeeld.json").read_text(encoding="utf-8"))
    assert [v["id"] for v in data["vragen"]] == ["vb-peuter-blauwe-plekken", "vb-aantal-veilig-thuis"]
    assert len(data["vragen"][0]["pogingen"]) == 2


def test_klasmodus_heeft_een_eigen_sessie() -> None:
    leerling = quiz.toon("voorbeeld")
    klas = quiz.toon("voorbeeld", klasmodus=True)
    assert leerling.sessie is not klas.sessie and klas.sessie.klasmodus
    sessie.vergeet_alles()
    assert quiz.toon("voorbeeld").sessie is not leerling.sessie


def test_elke_student_een_eigen_schudvolgorde() -> None:
    """Issue 16.7: quiz.toon used seed=0, so every student saw the same order."""
    zaden = set()
    for _ in range(6):
        sessie.vergeet_alles()
        q = quiz.toon("voorbeeld")
        assert (
            quiz.toon("voorbeeld").weergaven[0].keuze.options == q.weergaven[0].keuze.options
        )  # a rerun keeps it
        zaden.add(q.sessie.seed)
    assert len(zaden) > 1
    assert quiz.toon("voorbeeld", seed=3).weergaven[0].volgorde == model.schudvolgorde(
        len(quiz.laad_bank("voorbeeld").vragen[0].opties), 3, "vb-peuter-blauwe-plekken"
    )


def test_naam_is_optioneel_en_komt_in_het_bestand(tmp_path: Path) -> None:
    q = quiz.Quiz("voorbeeld", map=tmp_path)
    assert q.naam.value == "" and "schuilnaam" in q.naam.description
    q.naam.value = "  Sam   de Vries "
    q.knop_bewaar.click()
    pad = tmp_path / "antwoorden-voorbeeld-sam-de-vries.json"
    assert json.loads(pad.read_text(encoding="utf-8"))["naam"] == "Sam de Vries"
    assert quiz.Quiz("voorbeeld", klasmodus=True).naam.layout.display == "none"  # class mode saves nothing
