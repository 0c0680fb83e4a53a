"""The lists a class picks a quiz from (quiz app and beamer) and the quiz app's chooser, without a browser.

The list is made from the manifest, so a page starts without reading every bank (issue 16, speed), and
one broken bank in a teacher's quiz folder never takes the list or the page down.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from voordeur.lessen import lessen
from voordeur.quiz import bank as bankmod
from voordeur.quiz.beamer import BeamerKiezer
from voordeur.quiz.kiezer import QuizKiezer

DATA = Path(__file__).resolve().parents[2] / "data"


def test_every_lesson_in_lesson_order_without_the_demo_bank() -> None:
    keuzes = bankmod.keuzelijst()
    met_bank = [les for les in lessen() if les.bank]
    assert [naam for _, naam in keuzes] == [les.bank for les in met_bank]
    assert keuzes[0][0] == f"Les {met_bank[0].nummer} · {met_bank[0].titel}"
    assert bankmod.DEMOBANK not in [naam for _, naam in keuzes]


def test_the_manifest_title_is_the_title_of_the_bank() -> None:
    """The list shows the manifest's title: it must be what the bank itself says at the top of the quiz."""
    for les in lessen():
        if les.bank:
            assert bankmod.laad_bank(les.bank).titel == les.titel, les.bank


def test_the_list_reads_no_lesson_bank(monkeypatch: pytest.MonkeyPatch) -> None:
    gelezen: list[str] = []
    monkeypatch.setattr(bankmod, "laad_bank", lambda naam: gelezen.append(naam))
    bankmod.keuzelijst()
    assert gelezen == []


@pytest.fixture()
def map_met_eigen_banken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the data folder with a teacher's own bank and a broken one."""
    kopie = tmp_path / "data"
    shutil.copytree(DATA, kopie)
    eigen = (DATA / "quizzes" / "les3.yaml").read_text(encoding="utf-8")
    eigen = eigen.replace("titel: Signaleren", "titel: Mijn eigen casussen", 1)
    assert "Mijn eigen casussen" in eigen
    (kopie / "quizzes" / "mijn-casussen.yaml").write_text(eigen, encoding="utf-8")
    (kopie / "quizzes" / "kapot.yaml").write_text("titel: [niet af\nvragen:\n", encoding="utf-8")
    monkeypatch.setenv("VOORDEUR_DATA", str(kopie))
    return kopie


def test_a_teachers_bank_shows_its_title_and_a_broken_one_its_name(map_met_eigen_banken: Path) -> None:
    keuzes = bankmod.keuzelijst()
    aantal = len([les for les in lessen() if les.bank])
    assert [naam for _, naam in keuzes[:aantal]] == [les.bank for les in lessen() if les.bank]
    assert keuzes[aantal:] == [("kapot (bevat fouten)", "kapot"), ("Mijn eigen casussen", "mijn-casussen")]


def test_the_quiz_app_shows_the_message_of_a_broken_bank_and_goes_on(map_met_eigen_banken: Path) -> None:
    k = QuizKiezer()
    assert k.quiz is not None and k.quiz.bank.bank == "les1"
    k.kies.value = "kapot"
    assert k.quiz is None
    melding = k.widget.children[1].value
    assert "kapot.yaml" in melding and "Let op" in melding
    assert "Nu: een vragenbank met fouten" in repr(k)
    k.kies.value = "mijn-casussen"
    assert k.quiz is not None and k.widget.children[1] is k.quiz.widget


def test_the_beamer_shows_the_message_of_a_broken_bank_and_goes_on(map_met_eigen_banken: Path) -> None:
    k = BeamerKiezer()
    k.kies.value = "kapot"
    assert k.beamer is None and "kapot.yaml" in k.widget.children[1].value
    k.kies.value = "les4"
    assert k.beamer is not None and k.widget.children[1] is k.beamer.widget


def test_class_mode_switch_rebuilds_the_quiz_in_class_mode() -> None:
    k = QuizKiezer()
    k.klas.value = True
    assert k.quiz.klasmodus is True
    tekst = repr(k)
    assert tekst.startswith("Voer deze cel uit om een quiz te kiezen.") and "Les 1 · " in tekst


def test_the_class_mode_label_is_not_cut_off() -> None:
    """Issue 16.7: the checkbox takes the width of its label."""
    assert QuizKiezer().klas.layout.width == "auto"
