"""Lesson 9's exercise (no-code route): the declared keys are right, and a typical wrong answer gets the
feedback that names the sector rule, not only a cross.

The declarations live in ``lessen/09-meldcode-in-jouw-sector/oefening.md`` and are compiled into
``src/voordeur/controles.json``; the engine is ``voordeur.checks`` (tested in ``tests/test_oefenvormen.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voordeur.checks import controleer

ROOT = Path(__file__).resolve().parents[1]
CONTROLES = json.loads((ROOT / "src" / "voordeur" / "controles.json").read_text(encoding="utf-8"))
ZONDER_CODE = ["9.1", "9.2", "9.3", "9.4", "9.5", "9.7"]


@pytest.mark.parametrize("code", ZONDER_CODE)
def test_the_key_is_right(code: str) -> None:
    fb = controleer(code, CONTROLES[code]["verwacht"])
    assert fb.status == "goed", fb.platte_tekst()
    assert fb.platte_tekst().startswith(f"Opdracht {code} · ✔ Goed!")


def test_the_exercise_is_in_the_manifest_and_has_mostly_checked_tasks() -> None:
    from voordeur.lessen import les

    assert les(9).oefening == "oefening-09-meldcode-in-jouw-sector.ipynb"
    taken = [c for c in CONTROLES if c.startswith("9.")]
    assert len(taken) >= 6
    assert {CONTROLES[c]["soort"] for c in taken} >= {"indelen", "kiezen", "volgorde", "formulier"}


def test_route_of_the_coach_names_why_the_meldcode_applies() -> None:
    # audit L9-01: a sports coach is not school or childcare staff, so no meldplicht: the meldcode
    antwoord = dict(CONTROLES["9.1"]["verwacht"], I="meldplicht")
    fb = controleer("9.1", antwoord)
    assert fb.status == "deels"
    assert "8 van de 9 goed" in fb.platte_tekst()
    assert "trainer werkt niet op school of in de opvang" in fb.platte_tekst()


def test_telling_the_head_is_not_enough_in_education() -> None:
    antwoord = dict(CONTROLES["9.2"]["verwacht"], **{"2a": "A"})
    fb = controleer("9.2", antwoord)
    assert fb.status == "deels"
    assert "schoolleiding inlichten is niet genoeg" in fb.platte_tekst()


def test_a_wrong_order_names_the_step_in_childcare() -> None:
    fb = controleer("9.3", ["overleg", "melden", "vermoeden", "aangifte"])
    assert fb.status == "deels"
    assert "De medewerker meldt bij de houder" in fb.platte_tekst()


def test_veilig_thuis_asking_is_a_right_and_ots_a_duty() -> None:
    antwoord = dict(CONTROLES["9.4"]["verwacht"], **{"1": "plicht", "2": "meldrecht"})
    fb = controleer("9.4", antwoord)
    tekst = fb.platte_tekst()
    assert fb.status == "deels" and "artikel 5.2.6 Wmo 2015" in tekst and "Tijdens een OTS moet je" in tekst


def test_the_form_flags_veilig_thuis_for_a_staff_member() -> None:
    fb = controleer("9.8", {
        "aandachtsfunctionaris": "de teamleider",
        "route_medewerker": "ik bel Veilig Thuis",
        "route_clienten": "ja, ook dan meld ik het bij mijn leidinggevende",
    })
    assert fb.status == "deels"
    assert "meldplicht van je sector" in fb.platte_tekst()
    assert "Een voorbeeld van een goed antwoord" in fb.platte_tekst()


def test_same_facts_in_a_sports_club_take_the_meldcode() -> None:
    antwoord = dict(CONTROLES["9.7"]["verwacht"], sportclub="houder")
    fb = controleer("9.7", antwoord)
    assert fb.status == "deels"
    assert "geen meldplicht van school, opvang, zorg of jeugdhulp" in fb.platte_tekst()


@pytest.mark.parametrize("antwoord", ["meldcode", 9, ["meldcode"]])
def test_a_wrong_type_gets_a_dutch_message_not_a_traceback(antwoord: object) -> None:
    fb = controleer("9.1", antwoord)
    assert fb.status == "onleesbaar"
    assert "woordenboek" in fb.platte_tekst()
