"""The radio group (voordeur.quiz.keuze) and where the keyboard focus goes, without a browser.

The browser side (one Tab stop, arrow keys, JupyterLab staying on its cell) is tested in
tests/browser/test_browser_quiz.py; here: the Python API the quiz relies on, the synced state, and the
focus chain between questions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets
import pytest
import traitlets

from voordeur.quiz.keuze import ESM, Keuzegroep
from voordeur.quiz.widgets import Quiz


def test_options_value_and_index() -> None:
    k = Keuzegroep(options=[("Ja", 3), ("Nee", 7)], description="Jouw antwoord:")
    assert k.labels == ["Ja", "Nee"] and k.options == [("Ja", 3), ("Nee", 7)]
    assert k.value is None and k.index is None
    k.value = 7
    assert k.index == 1
    k.index = 0  # what the browser sends when a student chooses
    assert k.value == 3
    k.value = None
    assert k.index is None


def test_new_options_clear_the_choice() -> None:
    k = Keuzegroep(options=[("a", 0), ("b", 1)], value=1)
    k.options = [("c", 0), ("d", 1), ("e", 2)]
    assert k.value is None and k.labels == ["c", "d", "e"]


def test_unknown_value_or_index_is_refused_with_a_message() -> None:
    k = Keuzegroep(options=[("a", 0), ("b", 1)])
    with pytest.raises(traitlets.TraitError, match="geen van de opties"):
        k.value = 5
    with pytest.raises(traitlets.TraitError, match="bestaat niet"):
        k.index = 2
    assert k.value is None


def test_state_the_browser_needs_is_synced() -> None:
    k = Keuzegroep(options=[("a", 0)], description="Wat doe je?", disabled=True)
    state = k.get_state()
    assert state["labels"] == ["a"] and state["description"] == "Wat doe je?"
    assert state["disabled"] is True and state["index"] is None
    assert isinstance(k, ipywidgets.DOMWidget)  # add_class, layout and focus() work as for other widgets


def test_front_end_is_a_real_radio_group() -> None:
    assert 'type = "radio"' in ESM and "knop.name = naam" in ESM  # one name: one Tab stop, arrow keys
    assert "fieldset" in ESM and "legend" in ESM
    assert "stopPropagation" in ESM  # JupyterLab must not also move to another cell
    assert "innerHTML" not in ESM and "textContent = tekst" in ESM  # option texts never become HTML


# --- the focus chain -----------------------------------------------------------------------------------


@pytest.fixture
def gefocust(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every widget that gets ``focus()``, in order."""
    log: list[Any] = []
    monkeypatch.setattr(ipywidgets.DOMWidget, "focus", lambda self: log.append(self))
    return log


def _goed(vraag: Any) -> int:
    return next(i for i, o in enumerate(vraag.opties) if o.goed)


def _fout(vraag: Any) -> int:
    return next(i for i, o in enumerate(vraag.opties) if not o.goed)


def test_right_answer_moves_focus_to_the_next_question(tmp_path: Path, gefocust: list[Any]) -> None:
    q = Quiz("voorbeeld", map=tmp_path, schud=False)
    eerste, tweede = q.weergaven[0], q.weergaven[1]
    eerste.keuze.value = _goed(eerste.vraag)
    eerste.knop_controleer.click()
    assert gefocust == [tweede.eerste_invoer()]


def test_wrong_answer_focuses_retry(tmp_path: Path, gefocust: list[Any]) -> None:
    q = Quiz("voorbeeld", map=tmp_path, schud=False)
    eerste = q.weergaven[0]
    eerste.keuze.value = _fout(eerste.vraag)
    eerste.knop_controleer.click()
    assert gefocust == [eerste.knop_opnieuw]


def test_after_the_last_question_focus_goes_to_save(tmp_path: Path, gefocust: list[Any]) -> None:
    q = Quiz("voorbeeld", map=tmp_path, ids=["vb-peuter-blauwe-plekken"], schud=False)
    v = q.weergaven[0]
    v.keuze.value = _goed(v.vraag)
    v.knop_controleer.click()
    assert gefocust == [q.knop_bewaar]


def test_an_answered_next_question_offers_retry(tmp_path: Path, gefocust: list[Any]) -> None:
    ids = ["vb-peuter-blauwe-plekken", "vb-aantal-veilig-thuis"]
    q = Quiz("voorbeeld", map=tmp_path, ids=ids, schud=False)
    eerste, tweede = q.weergaven
    tweede.invoerveld.value = "abc"  # not a number: ongeldig, the question stays open
    tweede.knop_controleer.click()
    tweede.invoerveld.value = "1"
    tweede.knop_controleer.click()  # wrong: "Probeer opnieuw"
    gefocust.clear()
    eerste.keuze.value = _goed(eerste.vraag)
    eerste.knop_controleer.click()
    assert gefocust == [tweede.knop_opnieuw]


def test_class_mode_reveal_focuses_retry(tmp_path: Path, gefocust: list[Any]) -> None:
    q = Quiz("voorbeeld", map=tmp_path, klasmodus=True, ids=["vb-peuter-blauwe-plekken"], schud=False)
    v = q.weergaven[0]
    v.knop_toon.click()
    assert gefocust == [v.knop_opnieuw]


def test_each_type_has_a_first_input(tmp_path: Path) -> None:
    q = Quiz("voorbeeld", map=tmp_path, schud=False)
    for v in q.weergaven:
        doel = v.eerste_invoer()
        assert isinstance(doel, ipywidgets.DOMWidget) and not getattr(doel, "disabled", False), v.vraag.type


def test_retry_focuses_the_first_input(tmp_path: Path, gefocust: list[Any]) -> None:
    q = Quiz("voorbeeld", map=tmp_path, schud=False)
    for v in q.weergaven[:2]:  # enkel (radio group) and meer (checkboxes)
        v.knop_controleer.click()  # nothing chosen: ongeldig, question stays open
        if v.vraag.type == "enkel":
            v.keuze.value = _fout(v.vraag)
        else:
            v.vakjes[_fout(v.vraag)].value = True
        v.knop_controleer.click()
        gefocust.clear()
        v.knop_opnieuw.click()
        assert gefocust == [v.eerste_invoer()], v.vraag.type
        assert not getattr(v.eerste_invoer(), "disabled", False)


def test_choice_from_the_browser_arrives_as_a_message() -> None:
    k = Keuzegroep(options=[("a", 10), ("b", 20)])
    k._bij_bericht(k, {"kies": 1, "tekst": "b"}, [])
    assert k.value == 20
    assert "model.send({ kies: i, tekst })" in ESM and "save_changes" not in ESM


@pytest.mark.parametrize(
    "inhoud",
    [
        {"kies": 1, "tekst": "oud"},  # the options changed since the click
        {"kies": 5, "tekst": "b"},
        {"kies": -1, "tekst": "b"},
        {"kies": "1", "tekst": "b"},
        {"kies": True, "tekst": "b"},
        {"iets": 1},
        "kies",
        None,
    ],
)
def test_stale_or_odd_messages_are_ignored(inhoud: Any) -> None:
    k = Keuzegroep(options=[("a", 10), ("b", 20)], value=10)
    k._bij_bericht(k, inhoud, [])
    assert k.value == 10


def test_no_choice_while_disabled() -> None:
    k = Keuzegroep(options=[("a", 10), ("b", 20)], disabled=True)
    k._bij_bericht(k, {"kies": 0, "tekst": "a"}, [])
    assert k.value is None


def test_a_choice_from_the_browser_is_not_echoed_back(monkeypatch: pytest.MonkeyPatch) -> None:
    k = Keuzegroep(options=[("a", 10), ("b", 20)])
    verstuurd: list[dict[str, Any]] = []
    monkeypatch.setattr(k, "send_state", lambda key=None: verstuurd.append({"key": key}))
    k._bij_bericht(k, {"kies": 1, "tekst": "b"}, [])
    assert k.index == 1 and verstuurd == []
    k.value = None  # a reset from Python ("Probeer opnieuw") is sent
    assert verstuurd == [{"key": "index"}]
