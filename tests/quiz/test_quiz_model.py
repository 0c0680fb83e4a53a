"""Pure logic, without a kernel or widgets: checking, scoring, feedback, scenario navigation."""

from __future__ import annotations

import subprocess
import sys

import pytest

from voordeur import quiz
from voordeur.oordeel import DEELS, FOUT, GOED, LEEG, ONLEESBAAR
from voordeur.quiz import model


@pytest.fixture(scope="module")
def bank():  # type: ignore[no-untyped-def]
    return quiz.laad_bank("voorbeeld")


def test_enkel_feedback_bij_elke_optie(bank) -> None:  # type: ignore[no-untyped-def]
    v = bank.vraag("vb-peuter-blauwe-plekken")
    for i, optie in enumerate(v.opties):
        r = model.controleer_enkel(v, i)
        assert r.feedback == optie.feedback
        assert (r.status, r.score) == ((GOED, 1.0) if optie.goed else (FOUT, 0.0))
        assert r.antwoord == optie.tekst
    leeg = model.controleer_enkel(v, None)
    assert leeg.status == LEEG and not leeg.telt


def test_meer_gedeeltelijke_score(bank) -> None:  # type: ignore[no-untyped-def]
    v = bank.vraag("vb-signalen-ouderenmishandeling")
    goed = [i for i, o in enumerate(v.opties) if o.goed]
    fout = [i for i, o in enumerate(v.opties) if not o.goed]
    assert model.controleer_meer(v, goed).status == GOED
    r = model.controleer_meer(v, goed[:2])
    assert r.status == DEELS and r.score == pytest.approx(2 / 3)
    assert "2 van de 3 goede antwoorden" in r.feedback
    assert len(r.details) == 2 and all(d.startswith("✔ Terecht gekozen") for d in r.details)
    r = model.controleer_meer(v, [*goed[:2], fout[0]])
    assert r.status == DEELS and r.score == pytest.approx(1 / 3)
    assert "1 keuze klopt niet" in r.feedback
    assert any(d.startswith("✘ Niet goed gekozen") and v.opties[fout[0]].feedback in d for d in r.details)
    r = model.controleer_meer(v, fout)
    assert r.status == FOUT and r.score == 0.0
    assert model.controleer_meer(v, []).status == LEEG


def test_volgorde_noemt_het_eerste_verkeerde_item(bank) -> None:  # type: ignore[no-untyped-def]
    v = bank.vraag("vb-stappen-meldcode")
    items = list(v.items)
    r = model.controleer_volgorde(v, items)
    assert r.status == GOED and r.feedback == v.uitleg
    verwisseld = [items[0], items[2], items[1], items[3], items[4]]
    r = model.controleer_volgorde(v, verwisseld)
    assert r.status == DEELS and r.score == pytest.approx(3 / 5)
    assert r.feedback.startswith(
        f"'{items[2]}' staat nog niet op de goede plek (nu plek 2). Die hoort later.")
    omgekeerd = items[::-1]
    r = model.controleer_volgorde(v, omgekeerd)
    assert r.feedback.startswith(f"'{items[4]}'") and "nu plek 1" in r.feedback
    assert r.status == DEELS  # the middle step stays in place
    assert model.controleer_volgorde(v, items[:3]).status == LEEG


@pytest.mark.parametrize(("invoer", "status"), [
    ("26", GOED), (" 26 ", GOED), ("26,0", GOED), ("26.0", GOED), ("25", FOUT), ("27", FOUT), (26, GOED),
    ("", LEEG), ("zesentwintig", ONLEESBAAR), ("2,6,0", ONLEESBAAR), ("<script>", ONLEESBAAR),
])
def test_getal(bank, invoer, status) -> None:  # type: ignore[no-untyped-def]
    v = bank.vraag("vb-aantal-veilig-thuis")
    r = model.controleer_getal(v, invoer)
    assert r.status == status
    if invoer == "25":
        assert r.feedback == v.feedback_te_laag
    if invoer == "27":
        assert r.feedback == v.feedback_te_hoog
    if status == ONLEESBAAR:
        assert "is geen getal" in r.feedback


def test_getal_procent_met_marge() -> None:
    v = quiz.laad_bank("voorbeeld").vraag("vb-aantal-veilig-thuis").model_copy(
        update={"antwoord": 8.3, "marge": 0.05, "eenheid": "%", "feedback_goed": None,
                "feedback_te_laag": None, "feedback_te_hoog": None})
    for invoer in ("8,3", "8,3%", "8,3 %", "8.3", "8,25", "8,35", "8,3 procent"):
        assert model.controleer_getal(v, invoer).status == GOED, invoer
    assert model.controleer_getal(v, "8,4").feedback == "Jouw antwoord is te hoog."
    assert model.controleer_getal(v, "8,2").feedback == "Jouw antwoord is te laag."
    assert model.controleer_getal(v, "8,3").feedback == "Het antwoord is 8,3%."
    assert model.goede_antwoord(v) == "Het goede antwoord is 8,3% (goed gerekend van 8,25% tot 8,35%)."


def test_scenario_beste_route(bank) -> None:  # type: ignore[no-untyped-def]
    v = bank.vraag("vb-scenario-leerling")
    stand = model.ScenarioStand(v)
    assert stand.punt.id == "p1" and not stand.klaar
    while not stand.klaar:
        beste = next(i for i, o in enumerate(stand.punt.opties) if o.goed)
        stap = stand.kies(beste)
        assert stap.goed and stap.feedback
    r = stand.resultaat()
    assert r.status == GOED and r.score == 1.0
    assert r.feedback.startswith("Je meldt en blijft helpen.")
    assert r.details == ("Je koos 3 van de 3 keer de beste stap.",)
    assert r.antwoord[-1] == {"uitkomst": "gemeld-en-hulp"}
    with pytest.raises(ValueError, match="al afgelopen"):
        stand.kies(0)


def test_scenario_andere_routes_en_opnieuw(bank) -> None:  # type: ignore[no-untyped-def]
    v = bank.vraag("vb-scenario-leerling")
    stand = model.ScenarioStand(v)
    stand.kies(next(i for i, o in enumerate(stand.punt.opties) if o.goed))
    stap = stand.kies(next(i for i, o in enumerate(stand.punt.opties) if not o.goed))
    assert stand.klaar and stap.uitkomst.id == "afwachten" and stap.status == FOUT
    r = stand.resultaat()
    assert r.status == DEELS and r.score == 0.5
    stand.opnieuw()
    assert stand.punt.id == "p1" and stand.stappen == [] and stand.resultaat().status == LEEG
    stand.kies(next(i for i, o in enumerate(stand.punt.opties) if not o.goed))
    assert stand.resultaat().status == FOUT


def test_controleer_verdeelt_per_type(bank) -> None:  # type: ignore[no-untyped-def]
    assert model.beoordeel(bank.vraag("vb-aantal-veilig-thuis"), "26").status == GOED
    with pytest.raises(ValueError):
        model.beoordeel(bank.vraag("vb-scenario-leerling"), 0)


def test_goede_antwoord_en_alle_feedback(bank) -> None:  # type: ignore[no-untyped-def]
    enkel = bank.vraag("vb-peuter-blauwe-plekken")
    assert model.goede_antwoord(enkel).startswith("Het goede antwoord is: Ik schrijf")
    alles = model.alle_feedback(enkel)
    assert len(alles) == 4 and sum(x.startswith("✔ Goed:") for x in alles) == 1
    assert model.goede_antwoord(bank.vraag("vb-stappen-meldcode")).splitlines()[1] == \
        "1. In kaart brengen van signalen"
    assert "De beste keuze hier" in model.goede_antwoord(bank.vraag("vb-scenario-leerling"))
    assert model.alle_feedback(bank.vraag("vb-stappen-meldcode")) == []


def test_schudden_is_reproduceerbaar_en_volgorde_nooit_al_goed() -> None:
    assert model.schudvolgorde(5, 0, "a") == model.schudvolgorde(5, 0, "a")
    assert sorted(model.schudvolgorde(5, 0, "a")) == list(range(5))
    assert any(model.schudvolgorde(5, s, "a") != model.schudvolgorde(5, 0, "a") for s in range(1, 5))
    for seed in range(50):
        assert model.schudvolgorde(2, seed, "x", niet_gelijk=True) == [1, 0]
    # the same on every machine, whatever PYTHONHASHSEED is
    code = "from voordeur.quiz.model import schudvolgorde; print(schudvolgorde(6, 0, 'vb'))"
    uit = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONHASHSEED": h}).stdout for h in ("1", "2")}
    assert len(uit) == 1


def test_samenvatting() -> None:
    r = model.Resultaat
    s = model.samenvatten([r(GOED, 1, ""), r(DEELS, 0.5, ""), r(FOUT, 0, ""), None,
                           r(LEEG, 0, "")])
    assert (s.totaal, s.goed, s.gedeeltelijk, s.fout, s.open) == (5, 1, 1, 1, 2)
    assert s.tekst() == "1 van 5 goed (1 gedeeltelijk goed, 2 nog niet beantwoord). Punten: 1,5 van 5"
    assert model.samenvatten([r(GOED, 1, "")] * 5 + [r(FOUT, 0, "")] * 2).tekst() == "5 van 7 goed"


def test_kop_heeft_symbool_en_woorden() -> None:
    assert model.kop(GOED) == "✔ Goed"
    assert model.kop(FOUT) == "✘ Nog niet goed"
    assert model.kop(DEELS) == "◐ Gedeeltelijk goed"
    assert model.Resultaat(GOED, 1, "Prima.", ("extra",)).als_tekst() == "✔ Goed: Prima.\nextra"


def test_import_blijft_goedkoop() -> None:
    code = ("import sys, voordeur.quiz, voordeur.quiz.model; "
            "print(sorted(m for m in ('pydantic', 'ipywidgets', 'yaml') if m in sys.modules))")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert uit.strip() == "[]"


def test_volgorde_begint_nooit_half_opgelost() -> None:
    """Issue 16.7: an ordering question used to start with some items already in place."""
    for n in range(2, 9):
        for seed in range(40):
            volgorde = model.schudvolgorde(n, seed, f"v{n}", niet_gelijk=True)
            assert sorted(volgorde) == list(range(n))
            assert all(i != x for i, x in enumerate(volgorde)), (n, seed, volgorde)
