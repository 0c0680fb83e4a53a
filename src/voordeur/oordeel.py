"""One feedback core for the quizzes and the exercise checks: verdicts, colours, one renderer.

Every piece of feedback a student sees has one of six verdicts (:data:`OORDELEN`):

=============  ==========================================================================
``goed``       the answer is right
``deels``      partly right (some options, some steps of an order, a scenario with detours)
``fout``       not right (yet): the student can try again
``leeg``       nothing filled in or chosen yet: does not count as an attempt
``onleesbaar`` an answer of the wrong kind (text where a number belongs, a whole table ...)
``storing``    the check itself could not run (data missing, wrong call): not the student's fault
=============  ==========================================================================

Each verdict has exactly one symbol, one heading and one colour; the heading always carries the symbol
AND words, so the verdict never depends on colour alone. :func:`html_blok` and :func:`tekst_blok` render
a verdict with its text for ``text/html`` and ``text/plain``; :data:`STIJL` is the stylesheet for the
same blocks (the HTML also carries the colour inline, because notebook outputs may be shown without
the stylesheet). This module imports nothing outside the standard library.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "DEELS",
    "FOUT",
    "GOED",
    "LEEG",
    "ONLEESBAAR",
    "OORDELEN",
    "STIJL",
    "STORING",
    "Oordeel",
    "html_blok",
    "kop",
    "oordeel",
    "tekst_blok",
    "telt",
]

GOED = "goed"
DEELS = "deels"
FOUT = "fout"
LEEG = "leeg"
ONLEESBAAR = "onleesbaar"
STORING = "storing"


@dataclass(frozen=True)
class Oordeel:
    """How one verdict looks: symbol, heading (Dutch words) and the colour of the left border."""

    naam: str
    symbool: str
    woorden: str
    kleur: str

    @property
    def kop(self) -> str:
        """``"✔ Goed"``: symbol and words."""
        return f"{self.symbool} {self.woorden}"


# Colours have at least 4.5:1 contrast on white (WCAG AA), so they also work as text colour.
OORDELEN: dict[str, Oordeel] = {o.naam: o for o in (
    Oordeel(GOED, "✔", "Goed", "#1b5e20"),
    Oordeel(DEELS, "◐", "Gedeeltelijk goed", "#7a4a00"),
    Oordeel(FOUT, "✘", "Nog niet goed", "#b71c1c"),
    Oordeel(LEEG, "ℹ", "Let op", "#444444"),
    Oordeel(ONLEESBAAR, "?", "Dit kan ik niet nakijken", "#6a1b9a"),
    Oordeel(STORING, "⚠", "Storing", "#8a5a00"),
)}


def oordeel(naam: str) -> Oordeel:
    """The verdict called *naam*; an unknown name is shown as a ``storing`` (never a KeyError)."""
    return OORDELEN.get(naam, OORDELEN[STORING])


def kop(naam: str) -> str:
    """The heading of a verdict: ``kop("goed") == "✔ Goed"``."""
    return oordeel(naam).kop


def telt(naam: str) -> bool:
    """False for ``leeg``, ``onleesbaar`` and ``storing``: such an answer is not counted as an attempt."""
    return naam in (GOED, DEELS, FOUT)


def _titel_kop(naam: str, titel: str) -> str:
    """``"Opdracht 1.1 · ✔ Goed!"``: with a title the heading ends in ``!`` (right) or ``.``."""
    teken = "!" if naam == GOED else "."
    return f"{titel} · {kop(naam)}{teken}"


def tekst_blok(naam: str, tekst: str = "", *, titel: str = "", punten: Iterable[str] = (),
               punt_kop: str = "") -> str:
    """The text/plain form of a verdict.

    Without *titel*: ``"✘ Nog niet goed: tekst"`` plus one line per point. With a *titel* (an exercise
    check): ``"Opdracht 1.1 · ✘ Nog niet goed. tekst"`` plus ``"  Tip: ..."`` lines (*punt_kop*).
    """
    if titel:
        regel = " ".join(d for d in (_titel_kop(naam, titel), tekst) if d)
        voor = f"  {punt_kop}: " if punt_kop else "  "
        return "\n".join([regel, *(voor + p for p in punten)])
    regel = f"{kop(naam)}: {tekst}" if tekst else kop(naam)
    return "\n".join([regel, *punten])


def html_blok(naam: str, body_html: str, *, titel: str = "", punten_html: Iterable[str] = (),
              extra_html: str = "", klassen: str = "") -> str:
    """The text/html form of a verdict: a ``<div class="vd-fb vd-fb-<naam>" role="status">``.

    *body_html* and *punten_html* must already be escaped (the callers have their own safe mini-markup).
    The heading comes first and is bold; points become a list.
    """
    o = oordeel(naam)
    kop_html = html.escape(_titel_kop(o.naam, titel) if titel else f"{o.kop}:")
    if body_html.startswith("<p>"):  # keep the heading inside the first paragraph
        body = f"<p><strong>{kop_html}</strong> {body_html[3:]}"
    else:
        body = f"<strong>{kop_html}</strong> {body_html}".rstrip()
    lijst = "".join(f"<li>{p}</li>" for p in punten_html)
    if lijst:
        body += f'<ul style="margin:0.3em 0 0 0">{lijst}</ul>'
    body += extra_html
    klasse = f"vd-fb vd-fb-{o.naam}" + (f" {klassen}" if klassen else "")
    return (f'<div class="{klasse}" role="status" aria-live="polite" '
            f'style="border-left:6px solid {o.kleur};padding:0.4em 0.8em;margin:0.4em 0;'
            f'color:#1a1a1a;background:#fff">{body}</div>')


STIJL = "\n".join([
    ".vd-fb { border-left: 6px solid #444444; padding: 0.4em 0.8em; margin: 0.4em 0; "
    "background: #ffffff; color: #1a1a1a; }",
    *(f".vd-fb-{o.naam} {{ border-left-color: {o.kleur}; }}" for o in OORDELEN.values()),
])
"""The stylesheet of the feedback blocks (one colour per verdict), included in the quiz's style."""
