"""What issue 17 asks of every lesson from lesson 7 on, read from the manifest (so lessons 8-10 are held to
it as soon as they are in it): at least 10 quiz questions, at least two branching scenarios in different
settings, and an exercise whose tasks are mostly checked, with a route that needs no pandas code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voordeur import quiz
from voordeur.lessen import LESSEN
from voordeur.oefenvormen import SOORTEN

ROOT = Path(__file__).resolve().parents[1]
NIEUW = [les for les in LESSEN if les.nummer >= 7]
CONTROLES = json.loads((ROOT / "src" / "voordeur" / "controles.json").read_text(encoding="utf-8"))


def test_er_is_minstens_een_nieuwe_les() -> None:
    assert NIEUW, "de manifest heeft geen les 7 of hoger: deze tests controleren dan niets"


def _vertakt(v: quiz.Vraag) -> bool:
    return any(len({o.naar or f"uitkomst:{o.uitkomst}" for o in p.opties}) > 1 for p in v.punten)


@pytest.mark.parametrize("les", NIEUW, ids=lambda les: f"les{les.nummer}")
def test_tien_vragen_en_twee_vertakte_scenarios_in_verschillende_settings(les) -> None:
    bank = quiz.laad_bank(ROOT / "data" / "quizzes" / f"{les.bank}.yaml")
    assert len(bank.vragen) >= 10, f"les {les.nummer}: {len(bank.vragen)} vragen, minstens 10 gevraagd"
    scenarios = [v for v in bank.vragen if v.type == "scenario" and _vertakt(v)]
    assert len(scenarios) >= 2, f"les {les.nummer}: {len(scenarios)} vertakte scenario's, minstens 2 gevraagd"
    assert len({v.setting for v in scenarios}) >= 2, f"les {les.nummer}: scenario's in één setting"


@pytest.mark.parametrize("les", NIEUW, ids=lambda les: f"les{les.nummer}")
def test_oefening_met_controles_en_een_route_zonder_code(les) -> None:
    assert les.oefening, f"les {les.nummer} heeft geen oefening in de manifest"
    assert (ROOT / "exercises" / les.oefening).exists() and (ROOT / "solutions" / les.oefening).exists()
    taken = {code: spec for code, spec in CONTROLES.items() if code.split(".")[0] == str(les.nummer)}
    zonder_code = [code for code, spec in taken.items() if spec.get("soort") in SOORTEN]
    assert len(taken) >= 3, f"les {les.nummer}: {len(taken)} opdrachten met een controle"
    assert len(zonder_code) >= 3, f"les {les.nummer}: {len(zonder_code)} opdrachten zonder code"
    oefening = (ROOT / "lessen" / les.map / "oefening.md").read_text(encoding="utf-8")
    for code in zonder_code:
        assert f'oefen("{code}")' in oefening, f"opdracht {code} staat niet als oefen(...) in de oefening"


def test_bewaartermijn_in_les7_komt_uit_de_data() -> None:
    """The trap of the issue: 20 years since 1 January 2020 (was 15), counted from the last change."""
    from voordeur import data

    df = data.load("bewaartermijnen").set_index(["dossier", "periode"])
    nu, vroeger = "sinds 1 januari 2020", "tot 1 januari 2020"
    for dossier in ("medisch dossier", "jeugdhulpdossier"):
        assert df.loc[(dossier, nu), "termijn_jaar"] == 20
        assert df.loc[(dossier, vroeger), "termijn_jaar"] == 15
        assert df.loc[(dossier, nu), "telt_vanaf"] == "de laatste wijziging in het dossier"
    les7 = (ROOT / "lessen" / "07-in-gesprek-en-vastleggen" / "les.md").read_text(encoding="utf-8")
    assert "laatste wijziging in het dossier" in les7 and "15 jaar bewaar" not in les7
    assert "Kinderen tolken nooit" in les7 and "112" in les7
