"""Text helpers without dependencies: safe mini-markup (Dutch numbers: :mod:`voordeur.getallen`).

``naar_html`` escapes first and only then turns a small safe subset into HTML: ``**bold**``, lists
(lines starting with ``- ``) and line breaks. Anything HTML-like in a case text is shown as text,
never executed.
"""

from __future__ import annotations

import html
import re

_VET = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


def _inline(regel: str) -> str:
    return _VET.sub(r"<strong>\1</strong>", html.escape(regel, quote=True))


def inline_html(tekst: str) -> str:
    """Escape, then **bold**; line breaks become ``<br>`` (for list items and short lines)."""
    return "<br>".join(_inline(r.strip()) for r in tekst.strip().split("\n"))


def naar_html(tekst: str | None) -> str:
    """Escape *tekst*, then render **bold**, '- ' lists, paragraphs and line breaks."""
    if not tekst:
        return ""
    blokken: list[str] = []
    alinea: list[str] = []
    lijst: list[str] = []

    def sluit_alinea() -> None:
        if alinea:
            blokken.append("<p>" + "<br>".join(alinea) + "</p>")
            alinea.clear()

    def sluit_lijst() -> None:
        if lijst:
            blokken.append("<ul>" + "".join(f"<li>{x}</li>" for x in lijst) + "</ul>")
            lijst.clear()

    for ruw in tekst.replace("\r\n", "\n").split("\n"):
        regel = ruw.strip()
        if not regel:
            sluit_alinea()
            sluit_lijst()
        elif regel.startswith(("- ", "* ")):
            sluit_alinea()
            lijst.append(_inline(regel[2:].strip()))
        else:
            sluit_lijst()
            alinea.append(_inline(regel))
    sluit_alinea()
    sluit_lijst()
    return "".join(blokken)


def platte_tekst(tekst: str | None) -> str:
    """The same text without markup, on one line (for text/plain summaries)."""
    if not tekst:
        return ""
    zonder = _VET.sub(r"\1", tekst)
    return " ".join(zonder.split())

