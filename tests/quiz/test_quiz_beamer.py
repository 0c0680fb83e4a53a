"""Beamer mode (headless): one question per screen, class mode by default, navigation, no ids."""

from __future__ import annotations

import re

import pytest
from conftest import tekst_van

from voordeur.quiz import beamer


def test_bladeren_is_begrensd() -> None:
    b = beamer.Bladeren(3)
    assert b.eerste and b.tekst() == "Vraag 1 van 3"
    assert b.vorige() == 0 and b.volgende() == 1 and b.volgende() == 2 and b.volgende() == 2
    assert b.laatste and b.naar(-5) == 0


@pytest.fixture
def scherm() -> beamer.Beamer:
    return beamer.Beamer("les3", seed=1)


def _zichtbaar(widget) -> bool:  # type: ignore[no-untyped-def]
    return widget.layout.display != "none"


def test_een_vraag_per_scherm_in_klasmodus(scherm: beamer.Beamer) -> None:
    assert scherm.klas.value and scherm.klas.description == "Klasmodus"
    assert len(scherm.plek.children) == 1 and scherm.plek.children[0] is scherm.weergaven[0].box
    assert "Vraag 1 van 11" in scherm.teller.value
    assert scherm.knop_vorige.disabled and not scherm.knop_volgende.disabled
    w = scherm.huidige
    assert _zichtbaar(w.knop_toon) and not _zichtbaar(w.knop_controleer) and not _zichtbaar(w.kop)
    scherm.knop_volgende.click()
    assert scherm.plek.children[0] is scherm.weergaven[1].box and "Vraag 2 van 11" in scherm.teller.value


def test_geen_ids_op_het_scherm(scherm: beamer.Beamer) -> None:
    for plek, vraag in enumerate(scherm.bank.vragen):
        scherm.ga(plek)
        teksten = [
            x.value
            for x in (scherm.huidige.casus, scherm.huidige.vraagtekst, scherm.huidige.bron, scherm.teller)
        ]
        assert not any(vraag.id in t for t in teksten), vraag.id
    assert "les3" not in repr(scherm) and not re.search(r"l3-", repr(scherm))


def test_toon_antwoord_laat_alle_uitleg_zien(scherm: beamer.Beamer) -> None:
    w = scherm.huidige
    w.keuze.value = next(i for i, o in enumerate(w.vraag.opties) if not o.goed)
    w.knop_toon.click()
    tekst = tekst_van(w.feedback.value)
    assert "Het goede antwoord is:" in tekst and "Uitleg bij elke optie" in tekst
    for o in w.vraag.opties:
        assert tekst_van(o.feedback) in tekst or o.feedback[:30] in tekst


def test_klasmodus_uit_met_het_vinkje(scherm: beamer.Beamer) -> None:
    scherm.ga(2)
    scherm.klas.value = False
    assert "Vraag 3 van 11" in scherm.teller.value  # stays on the same question
    w = scherm.huidige
    assert _zichtbaar(w.knop_controleer) and not _zichtbaar(w.knop_toon)
    assert "vd-klasmodus" not in scherm.widget._dom_classes
    assert scherm.sessie.klasmodus is False


def test_toetsen_bladeren(scherm: beamer.Beamer) -> None:
    scherm.toetsen._handle_custom_msg({"blader": 1}, [])
    scherm.toetsen._handle_custom_msg({"blader": 1}, [])
    assert "Vraag 3 van 11" in scherm.teller.value
    scherm.toetsen._handle_custom_msg({"blader": -1}, [])
    scherm.toetsen._handle_custom_msg({"blader": "x"}, [])
    assert "Vraag 2 van 11" in scherm.teller.value


def test_kiezer_zonder_demobank() -> None:
    k = beamer.BeamerKiezer()
    assert next(label for label, _ in k.keuzes).startswith("Les 1 · ")
    assert all(naam != "voorbeeld" for _, naam in k.keuzes)
    k.kies.value = "les4"
    assert k.beamer.bank.bank == "les4" and k.widget.children[1] is k.beamer.widget


def test_views_are_made_when_first_shown() -> None:
    """One screen shows one question: only its widgets exist (Voila gets fewer models, starts faster)."""
    from voordeur.quiz.beamer import Beamer

    scherm = Beamer("les3")
    assert scherm.weergaven.gemaakt == 1 and len(scherm.weergaven) == len(scherm.bank.vragen)
    scherm.ga(2)
    assert scherm.weergaven.gemaakt == 2 and scherm.plek.children[0] is scherm.weergaven[2].box
    assert scherm.weergaven[-1] is scherm.weergaven[len(scherm.bank.vragen) - 1]
    with pytest.raises(IndexError):
        scherm.weergaven[len(scherm.bank.vragen)]
