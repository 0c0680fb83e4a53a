"""What a quiz cell shows before it runs: a short Dutch prompt, and the full questions for slides.

A stored quiz output holds three representations. The widget (``application/vnd.jupyter.widget-view+json``)
is what a running kernel shows. Without a kernel the notebook shows one of the other two:

- ``text/plain`` (:func:`tekst`): "Voer deze cel uit om de vraag te maken." with the title and the number
  of questions. No question ids, no type names: this is what a student sees in an untrusted notebook view
  that has no HTML, and what nbval compares.
- ``text/html`` (:func:`html_blok`): the same prompt, then every question with its case, its question and
  its options (shuffled with a fixed key, so the right answer is not always first and an order question
  never starts solved). Slides (nbconvert drops the widget because no widget state is stored) and the
  untrusted JupyterLab view show this. It never shows which option is right, nor any feedback.

Pure functions on the bank objects (duck-typed): no ipywidgets here.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from voordeur.quiz.model import schudvolgorde
from voordeur.quiz.tekst import inline_html, naar_html

#: The fixed shuffle key of the preview: the same on every machine, so nbval and the build are stable.
SEED = 0


def prompt(aantal: int) -> str:
    """``Voer deze cel uit om de vraag te maken.`` (``de vragen`` for more than one question)."""
    return f"Voer deze cel uit om {'de vraag' if aantal == 1 else 'de vragen'} te maken."


def aantal_tekst(aantal: int) -> str:
    return "1 vraag" if aantal == 1 else f"{aantal} vragen"


def tekst(titel: str, vragen: Sequence[Any], klasmodus: bool = False) -> str:
    """Two lines: the prompt, then ``Quiz: <titel>, 3 vragen.`` (and ``, klasmodus`` when on)."""
    regel = f"Quiz: {titel}, {aantal_tekst(len(vragen))}" + (", klasmodus" if klasmodus else "")
    return f"{prompt(len(vragen))}\n{regel}."


def _opties(teksten: Sequence[str], sleutel: str, genummerd: bool = False, niet_gelijk: bool = False) -> str:
    volgorde = schudvolgorde(len(teksten), SEED, sleutel, niet_gelijk=niet_gelijk)
    items = "".join(f"<li>{inline_html(teksten[i])}</li>" for i in volgorde)
    return f"<ol>{items}</ol>" if genummerd else f"<ul>{items}</ul>"


def vraag_html(vraag: Any, nummer: int, aantal: int) -> str:
    """One question as static HTML: number, case, question and options; never the answer or an id."""
    delen = [f'<p class="vd-vb-nummer"><strong>Vraag {nummer} van {aantal}</strong></p>']
    if getattr(vraag, "casus", None):
        delen.append(naar_html(vraag.casus))
    soort = vraag.type
    if soort == "scenario":
        punt = next(p for p in vraag.punten if p.id == vraag.start)
        if vraag.vraag:
            delen.append(f"<p><strong>{inline_html(vraag.vraag)}</strong></p>")
        delen.append(f"<p><strong>{inline_html(punt.tekst)}</strong></p>")
        delen.append(_opties([o.tekst for o in punt.opties], f"{vraag.id}:{punt.id}"))
        delen.append("<p>Elke keuze brengt je naar een volgende stap.</p>")
    else:
        delen.append(f"<p><strong>{inline_html(vraag.vraag)}</strong></p>")
        if soort in ("enkel", "meer"):
            if soort == "meer":
                delen.append("<p>Er kunnen meer antwoorden goed zijn.</p>")
            delen.append(_opties([o.tekst for o in vraag.opties], vraag.id))
        elif soort == "volgorde":
            delen.append(_opties(list(vraag.items), vraag.id, genummerd=True, niet_gelijk=True))
        elif soort == "getal" and vraag.eenheid:
            delen.append(f"<p>Je antwoord is een getal ({html.escape(vraag.eenheid)}).</p>")
    return '<div class="vd-vb-vraag">' + "".join(delen) + "</div>"


def html_blok(titel: str, vragen: Sequence[Any], klasmodus: bool = False) -> str:
    """The prompt and the full questions, for slides and for a notebook view without a kernel."""
    n = len(vragen)
    kop = (f'<p class="vd-vb-prompt"><strong>{html.escape(prompt(n))}</strong> '
           f"Quiz: {html.escape(titel)}, {aantal_tekst(n)}"
           + (", klasmodus" if klasmodus else "") + ".</p>")
    return ('<div class="vd-quiz-voorbeeld" lang="nl">' + kop
            + "".join(vraag_html(v, i, n) for i, v in enumerate(vragen, 1)) + "</div>")

