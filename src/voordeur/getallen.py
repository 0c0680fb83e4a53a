"""Dutch number formatting for labels, alt texts and tables.

>>> procent(8.3)
'8,3%'
>>> aantal(127340)
'127.340'
>>> personen(1_200_000)
'1,2 miljoen'

Dutch uses a comma as the decimal separator and a full stop to group thousands. Percentages are
written without a space before ``%`` (as CBS does). Missing values become ``"onbekend"``.
"""

from __future__ import annotations

import math
import re
from typing import Any

__all__ = ["aantal", "bereik", "getal", "jaar", "lees", "ontbreekt", "personen", "procent"]

ONBEKEND = "onbekend"


def ontbreekt(waarde: Any) -> bool:
    """True for None, NaN and pandas' missing values."""
    if waarde is None:
        return True
    try:
        return bool(waarde != waarde)  # NaN, and pd.NA raises TypeError
    except TypeError:
        return True


def _naar_float(waarde: Any) -> float:
    if isinstance(waarde, bool):
        raise TypeError(f"Geen getal: {waarde!r}")
    return float(waarde)


def getal(waarde: Any, decimalen: int | None = None, *, max_decimalen: int = 2) -> str:
    """A number in Dutch notation: ``getal(8.3) == "8,3"``, ``getal(1234.5) == "1.234,5"``.

    With ``decimalen=None`` at most ``max_decimalen`` (two) decimals are shown and trailing zeros are
    dropped (``8.0`` gives ``"8"``); with a number of decimals exactly that many are shown.
    """
    if ontbreekt(waarde):
        return ONBEKEND
    x = _naar_float(waarde)
    if not math.isfinite(x):
        return ONBEKEND
    tekst = f"{x:,.{max_decimalen}f}".rstrip("0").rstrip(".") if decimalen is None else f"{x:,.{decimalen}f}"
    if tekst in ("-0", "-0.0"):
        tekst = tekst[1:]
    # 1,234.5 -> 1.234,5
    return tekst.replace(",", "\0").replace(".", ",").replace("\0", ".")


def procent(waarde: Any, decimalen: int | None = None) -> str:
    """A percentage: ``procent(8.3) == "8,3%"``, ``procent(8) == "8%"``."""
    tekst = getal(waarde, decimalen)
    return tekst if tekst == ONBEKEND else f"{tekst}%"


def aantal(waarde: Any) -> str:
    """A count with a full stop between thousands: ``aantal(127340) == "127.340"``."""
    if ontbreekt(waarde):
        return ONBEKEND
    x = _naar_float(waarde)
    if not math.isfinite(x):
        return ONBEKEND
    if x != round(x):
        return getal(x)
    return getal(round(x), 0)


def personen(waarde: Any, decimalen: int | None = None) -> str:
    """A number of people in words for large numbers: ``personen(1_200_000) == "1,2 miljoen"``.

    Below one million the number is written in full (``820.000``).
    """
    if ontbreekt(waarde):
        return ONBEKEND
    x = _naar_float(waarde)
    if abs(x) >= 1_000_000:
        return f"{getal(x / 1_000_000, decimalen)} miljoen"
    return aantal(x)


def jaar(waarde: Any) -> str:
    """A year or other code number, without a thousands separator: ``jaar(2020) == "2020"``."""
    if ontbreekt(waarde):
        return ONBEKEND
    try:
        x = float(waarde)
    except (TypeError, ValueError):
        return str(waarde)
    return str(int(x)) if x == int(x) else str(waarde)


def bereik(laag: Any, hoog: Any, opmaak: Any = aantal) -> str:
    """A range in words: ``bereik(90000, 127000) == "90.000 tot 127.000"``; one value when equal."""
    if ontbreekt(laag) and ontbreekt(hoog):
        return ONBEKEND
    if ontbreekt(hoog) or (not ontbreekt(laag) and float(laag) == float(hoog)):
        return opmaak(laag)
    if ontbreekt(laag):
        return opmaak(hoog)
    return f"{opmaak(laag)} tot {opmaak(hoog)}"


_GROEPEN = re.compile(r"^\d{1,3}(\.\d{3})+$")


def lees(invoer: str, eenheid: str = "") -> float | None:
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
