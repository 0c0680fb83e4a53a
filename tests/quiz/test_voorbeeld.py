"""What a quiz cell shows before it runs (issue 16.2): the Dutch prompt, and full questions for slides."""

from __future__ import annotations

import html
import re

import pytest

from voordeur.quiz import voorbeeld
from voordeur.quiz.bank import banken, laad_bank


def _zichtbare_tekst(blok: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", blok))


def test_prompt_in_dutch_with_title_and_count() -> None:
    bank = laad_bank("voorbeeld")
    assert voorbeeld.tekst(bank.titel, bank.vragen[:1]) == (
        "Voer deze cel uit om de vraag te maken.\nQuiz: Voorbeeld van alle vraagtypen, 1 vraag.")
    assert voorbeeld.tekst(bank.titel, bank.vragen, klasmodus=True).endswith(", 5 vragen, klasmodus.")


@pytest.mark.parametrize("naam", banken())
def test_preview_shows_every_question_and_option_but_no_id_and_no_answer(naam: str) -> None:
    bank = laad_bank(naam)
    blok = voorbeeld.html_blok(bank.titel, bank.vragen)
    tekst = _zichtbare_tekst(blok)
    assert blok.startswith('<div class="vd-quiz-voorbeeld" lang="nl">')
    assert "Voer deze cel uit" in tekst
    for n, vraag in enumerate(bank.vragen, 1):
        assert f"Vraag {n} van {len(bank.vragen)}" in tekst
        assert not re.search(rf"\b{re.escape(vraag.id)}\b", tekst), f"id {vraag.id} op de dia"
        if vraag.type in ("enkel", "meer"):
            for optie in vraag.opties:
                assert html.escape(optie.tekst.strip().split("\n")[0], quote=True) in blok
                assert html.escape(optie.feedback.strip(), quote=True) not in blok  # no feedback on a slide
        if vraag.type == "volgorde":
            getoond = re.findall(r"<li>(.*?)</li>", blok.split(f"Vraag {n} van")[1].split("vd-vb-vraag")[0])
            items = [html.escape(i, quote=True) for i in vraag.items]
            assert sorted(getoond[:len(items)]) == sorted(items)
            assert getoond[:len(items)] != items, "de volgordevraag staat op de dia al goed"
        if vraag.type == "getal":
            assert voorbeeld.vraag_html(vraag, 1, 1).count("<li>") == 0  # never the number itself
    for woord in ("goed: true", "Goed!", "✔"):
        assert woord not in tekst


def test_preview_escapes_html_in_bank_texts() -> None:
    class Optie:
        def __init__(self, tekst: str) -> None:
            self.tekst, self.goed, self.feedback = tekst, False, ""

    class Vraag:
        id, type, casus, vraag = "x1", "enkel", "<script>alert(1)</script>", "<img src=x onerror=alert(2)>"
        opties = (Optie("<b>a</b>"), Optie("b"))

    blok = voorbeeld.html_blok("<i>titel</i>", [Vraag()])
    assert "<script>" not in blok and "<img" not in blok and "<b>a</b>" not in blok and "<i>titel" not in blok
    assert "&lt;script&gt;" in blok
