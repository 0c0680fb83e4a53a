"""Text helpers without dependencies: safe mini-markup, Dutch numbers.

``naar_html`` escapes first and only then turns a small safe subset into HTML: ``**bold**``, lists
(lines starting with ``- ``) and line breaks. Anything HTML-like in a case text is shown as text,
never executed.
"""

from __future__ import annotations

import html
import math
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


def getal_tekst(x: float) -> str:
    """``9.2 -> "9,2"``, ``127340 -> "127.340"``, ``0.05 -> "0,05"`` (no needless zeros)."""
    if math.isfinite(x) and float(x).is_integer():
        return f"{int(x):,}".replace(",", ".")
    tekst = f"{x:,.6f}".rstrip("0").rstrip(".")
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


_GROEPEN = re.compile(r"^\d{1,3}(\.\d{3})+$")


def lees_getal(invoer: str, eenheid: str = "") -> float | None:
    """Read a number as a Dutch student types it; ``None`` when it is not a number.

    Accepts ``8,3``, ``8.3``, ``8,3%``, ``8,3 %``, ``-2``, ``127.340`` (thousands dots), ``1.234,5``,
    ``€ 12,50`` and the unit of the question (``8,3 procent`` when the unit is ``%``).
    """
    s = invoer.strip().lower().replace("\u2212", "-").replace("\u00a0", " ")
    for weg in filter(None, (eenheid.strip().lower(), "%", "procent", "€", "euro", "jaar", "keer")):
        s = s.replace(weg, " ")
    s = s.replace(" ", "")
    if not s:
        return None
    teken = 1.0
    if s[0] in "+-":
        teken = -1.0 if s[0] == "-" else 1.0
        s = s[1:]
    if not s or not re.fullmatch(r"[\d.,]+", s) or not any(ch.isdigit() for ch in s):
        return None
    if "," in s and "." in s:
        decimaal = "," if s.rfind(",") > s.rfind(".") else "."
        duizend = "." if decimaal == "," else ","
        deel = s.split(decimaal)
        if len(deel) != 2 or not re.fullmatch(r"\d{1,3}(" + re.escape(duizend) + r"\d{3})*", deel[0]):
            return None
        s = deel[0].replace(duizend, "") + "." + deel[1]
    elif "," in s:
        if s.count(",") > 1:
            return None
        s = s.replace(",", ".")
    elif s.count(".") > 1 or (_GROEPEN.match(s) and not s.startswith("0")):
        if not _GROEPEN.match(s):
            return None
        s = s.replace(".", "")
    if s.startswith("."):
        s = "0" + s
    if s.endswith("."):
        s = s[:-1]
    if not re.fullmatch(r"\d+(\.\d+)?", s):
        return None
    try:
        waarde = float(s)
    except ValueError:
        return None
    return teken * waarde if math.isfinite(waarde) else None
