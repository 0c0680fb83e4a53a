"""Formative feedback for the exercises: ``controleer("1.1", antwoord)`` after each task.

Usage in an exercise notebook::

    from voordeur.checks import controleer

    antwoord = None  # vul hier je antwoord in
    controleer("1.1", antwoord)

:func:`controleer` returns a :class:`Feedback` that displays as a short Dutch message (text/html and the
same words as text/plain, so nbval compares it). It says "✔ Goed!" or gives a hint about *what to look
at*, never the answer itself. It never raises: an empty stub, text, a bool, a list, a table with other
columns, a chart without a title, NaN or anything else a student can hand it gives a friendly message.

Most tasks declare their check beside their solution (``lessen/NN-slug/oefening.md``, a raw cell tagged
``controle``); the build runs the solution and stores the expected answers in ``controles.json``, which
section 6 reads (``make check-build`` fails when a corrected CSV is not rebuilt yet). The few tasks whose
check needs its own logic (a chart, a half-year text) compute their answers from :mod:`voordeur.data`
when the check runs (no numbers in this file).

Layout of this module:

1. :class:`Feedback`, the display object;
2. reading answers (:func:`lees_getal`, :func:`lees_tekst`, :func:`lees_tabel`, :func:`lees_grafiek`):
   each returns a clean value plus notes, or raises :class:`Afwijzing` with the message for the student;
3. comparing (:func:`vergelijk_getal` with "valkuilen", typical mistakes with their hint);
4. the registry (:func:`opdracht` decorator, :func:`controleer`, :func:`opdrachten`);
5. the checks that need their own logic, one small function each;
6. the kinds a declared check selects (:data:`SOORTEN`: ``getal``, ``keuze``) and reading controles.json.
"""

from __future__ import annotations

import decimal
import html
import math
import numbers
import os
import re
import sysconfig
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from voordeur import getallen, oordeel
from voordeur.fouten import VoordeurFout
from voordeur.oordeel import DEELS, FOUT, GOED, LEEG, ONLEESBAAR, STORING

# --- 1. the display object ---------------------------------------------------------------------------
# The verdicts and their look come from voordeur.oordeel (shared with the quizzes).

__all__ = ["DEELS", "FOUT", "GOED", "LEEG", "ONLEESBAAR", "STORING", "Feedback", "controleer", "oefen",
           "opdrachten"]


@dataclass
class Feedback:
    """The result of one check: a verdict (:mod:`voordeur.oordeel`), the message and optional notes."""

    opdracht: str
    status: str
    tekst: str
    notities: list[str] = field(default_factory=list)
    #: Feedback per item (the kinds without code: one line per item, option, place or field).
    details: list[str] = field(default_factory=list)
    #: Shown under the feedback: where the rule comes from, a model answer (lines).
    na_afloop: str = ""

    @property
    def goed(self) -> bool:
        return self.status == GOED

    def platte_tekst(self) -> str:
        punten = [*self.details, *(f"Tip: {n}" for n in self.notities), *self.na_afloop.splitlines()]
        return oordeel.tekst_blok(self.status, self.tekst, titel=f"Opdracht {self.opdracht}", punten=punten)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        extra = "".join(f'<p class="vd-na-afloop">{_code_html(r)}</p>' for r in self.na_afloop.splitlines()
                        if r.strip())
        rich = oordeel.html_blok(self.status, _code_html(self.tekst), titel=f"Opdracht {self.opdracht}",
                                 punten_html=[_code_html(n) for n in [*self.details, *self.notities]],
                                 extra_html=extra, klassen="vd-check")
        return {"text/html": rich, "text/plain": self.platte_tekst()}

    def __repr__(self) -> str:
        return self.platte_tekst()


def _code_html(tekst: str) -> str:
    """Escape, then show `code` in backticks as <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(tekst))


# --- 2. reading answers -----------------------------------------------------------------------------

class Afwijzing(Exception):
    """Raised while reading an answer that cannot be checked; carries the message for the student."""

    def __init__(self, status: str, tekst: str) -> None:
        super().__init__(tekst)
        self.status = status
        self.tekst = tekst


LEEG_TEKST = "Nog niet ingevuld. Vervang `None` door je antwoord en voer de cel opnieuw uit."


def niet_ingevuld(x: Any) -> bool:
    """True for what an unanswered task holds: None, ``...``, NotImplemented, empty text, the stub text."""
    if x is None or x is Ellipsis or x is NotImplemented:
        return True
    if isinstance(x, str):
        kaal = x.strip().lower()
        return kaal in {"", "none", "...", "vul hier je antwoord in", "# vul hier je antwoord in"}
    return False


def soort(x: Any) -> str:
    """A Dutch name for the kind of value, for messages ("tekst", "een lijst", ...)."""
    if isinstance(x, bool) or type(x).__name__ == "bool_":
        return "een ja/nee-waarde (True of False)"
    if isinstance(x, str):
        return "tekst"
    if isinstance(x, complex):
        return "een complex getal (met j)"
    if isinstance(x, numbers.Number):
        return "een getal"
    naam = type(x).__name__
    module = type(x).__module__ or ""
    if naam == "DataFrame":
        return "een tabel (DataFrame)"
    if naam == "Series":
        return "een kolom of rij uit een tabel (Series)"
    if naam in {"Figure", "Axes", "Grafiek"} or module.startswith("matplotlib"):
        return "een grafiek"
    if isinstance(x, dict):
        return "een woordenboek (dict)"
    if isinstance(x, list | tuple | set | frozenset) or naam in {"ndarray", "Index"}:
        return "een lijst"
    if callable(x):
        return "een functie of methode"
    return f"een waarde van het type {naam}"


def _is_nan(x: Any) -> bool:
    try:
        import pandas as pd

        if x is pd.NA or x is pd.NaT:
            return True
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    if not isinstance(x, float | numbers.Real) or isinstance(x, bool):
        return False
    try:
        return math.isnan(float(x))
    except (OverflowError, ValueError, TypeError):
        return False


_WOORDEN = {"miljoen": 1_000_000, "mln": 1_000_000, "duizend": 1_000, "dzd": 1_000, "miljard": 1_000_000_000}


def _tekst_naar_getal(tekst: str, notities: list[str]) -> float:
    """Read "8,3", "8.3", "8,3%", "127.340", "1,2 miljoen"; add a note about how Python writes it."""
    origineel = tekst
    t = tekst.strip().lower().replace("\u00a0", " ").replace("−", "-")
    factor = 1.0
    for woord, waarde in _WOORDEN.items():
        if t.endswith(woord):
            t, factor = t[: -len(woord)].strip(), float(waarde)
            break
    procent = t.endswith("%") or t.endswith("procent")
    t = t.removesuffix("procent").removesuffix("%").strip()
    gelezen = getallen.lees(t)  # Dutch or English notation: 8,3 · 8.3 · 127.340 · 1.234,5
    if gelezen is None:
        raise Afwijzing(
            ONLEESBAAR,
            f"Je antwoord is tekst ('{origineel}'), en daar kan ik geen getal in lezen. "
            "Geef een getal zonder aanhalingstekens, bijvoorbeeld `12.5`.",
        )
    waarde = gelezen * factor
    python = f"{waarde:g}" if abs(waarde) < 1e6 else f"{waarde:.0f}"
    notities.append(
        f"Je gaf tekst ('{origineel}'). Ik heb die gelezen als het getal {python}. "
        "In Python schrijf je een getal zonder aanhalingstekens en met een punt als komma, zoals `8.3`."
        + (" Het procentteken laat je weg." if procent else "")
    )
    return waarde


def lees_getal(x: Any, notities: list[str]) -> float:
    """Turn a student's answer into one float, or raise :class:`Afwijzing` with a friendly message.

    Accepted with a note: Dutch number text ("8,3"), a Series/list/array/table holding exactly one value.
    """
    if niet_ingevuld(x):
        raise Afwijzing(LEEG, LEEG_TEKST)
    if isinstance(x, bool) or type(x).__name__ == "bool_":
        raise Afwijzing(
            ONLEESBAAR,
            f"Je antwoord is {x}: een ja/nee-waarde. Hier hoort een getal. "
            "Kijk of je een vergelijking (zoals `==` of `>`) hebt geschreven waar een berekening hoort.",
        )
    if isinstance(x, str):
        waarde = _tekst_naar_getal(x, notities)
    elif isinstance(x, decimal.Decimal) and x.is_nan():  # also Decimal('sNaN'): float() refuses it
        raise Afwijzing(ONLEESBAAR, _NAN_TEKST)
    elif isinstance(x, numbers.Number) and not isinstance(x, complex):
        if _is_nan(x):
            raise Afwijzing(ONLEESBAAR, _NAN_TEKST)
        try:
            waarde = float(x)  # type: ignore[arg-type]
        except OverflowError:
            raise Afwijzing(ONLEESBAAR, "Je antwoord is een getal dat veel te groot is. "
                                          "Kijk je berekening nog eens na.") from None
        except Exception:  # a student's own number type whose __float__ fails
            raise Afwijzing(ONLEESBAAR, f"Je antwoord is {soort(x)} van het type {_typenaam(x)}, maar "
                                          "daar kan ik geen gewoon getal van maken. Geef een gewoon getal, "
                                          "zoals `8.3`.") from None
    elif _is_nan(x):
        raise Afwijzing(ONLEESBAAR, _NAN_TEKST)
    elif _is_0d(x):
        notities.append("Je gaf een array met één getal erin. Met `.item()` haal je het losse getal eruit.")
        return lees_getal(x.item(), notities)
    else:
        return _een_getal_uit_verzameling(x, notities)
    if math.isnan(waarde):
        raise Afwijzing(ONLEESBAAR, _NAN_TEKST)
    if math.isinf(waarde):
        raise Afwijzing(ONLEESBAAR, "Je antwoord is oneindig (inf). Deel je ergens door 0?")
    return waarde


def _is_0d(x: Any) -> bool:
    """A 0-dimensional numpy array such as ``np.array(8.3)`` (``tolist()`` gives no list)."""
    return type(x).__name__ == "ndarray" and getattr(x, "ndim", None) == 0 and hasattr(x, "item")


def _typenaam(x: Any) -> str:
    try:
        return str(type(x).__name__)
    except Exception:
        return "onbekend"


_NAN_TEKST = (
    "Je antwoord is NaN: 'geen getal'. Dat krijg je als een filter geen enkele rij vindt, als je een lege "
    "kolom gebruikt of als je door 0 deelt. Kijk of je de namen in je filter precies goed hebt geschreven."
)


def _een_getal_uit_verzameling(x: Any, notities: list[str]) -> float:
    naam = type(x).__name__
    if naam == "DataFrame":
        if x.shape == (1, 1):
            notities.append("Je gaf een tabel met één waarde. "
                            "Met `.iloc[0, 0]` haal je het losse getal eruit.")
            return lees_getal(x.iloc[0, 0], notities)
        raise Afwijzing(
            ONLEESBAAR,
            f"Je gaf een hele tabel ({x.shape[0]} rijen, {x.shape[1]} kolommen). Hier hoort één getal. "
            "Kies de juiste rij en kolom, bijvoorbeeld met `.loc[...]`, en gebruik `.item()`.",
        )
    if naam in {"Series", "ndarray", "Index"} or isinstance(x, list | tuple | set | frozenset):
        waarden = list(x.tolist() if hasattr(x, "tolist") else x)
        waarden = [w for row in waarden for w in (row if isinstance(row, list) else [row])]
        if len(waarden) == 1:
            tip = "Met `.item()` haal je het losse getal eruit." if naam in {"Series", "ndarray"} else (
                "Je mag ook gewoon het getal zelf geven, zonder haakjes eromheen.")
            notities.append(f"Je gaf {soort(x)} met één waarde. {tip}")
            return lees_getal(waarden[0], notities)
        if not waarden:
            raise Afwijzing(
                ONLEESBAAR,
                f"Je gaf {soort(x)} zonder waarden: je filter vindt niets. "
                "Kijk of de namen in je filter precies zo geschreven zijn als in de tabel.",
            )
        raise Afwijzing(
            ONLEESBAAR,
            f"Je gaf {soort(x)} met {len(waarden)} waarden. Hier hoort één getal. "
            "Maak je filter preciezer, of tel/kies één waarde.",
        )
    if callable(x):
        raise Afwijzing(
            ONLEESBAAR,
            "Je antwoord is een functie of methode, geen uitkomst. "
            "Ben je de haakjes vergeten, zoals `.sum()`?",
        )
    raise Afwijzing(ONLEESBAAR, f"Je antwoord is {soort(x)}. Hier hoort één getal.")


def lees_tekst(x: Any, notities: list[str]) -> str:
    """A text answer (stripped). Accepts a one-value Series/list with a note; numbers become text."""
    if niet_ingevuld(x):
        raise Afwijzing(LEEG, LEEG_TEKST)
    if isinstance(x, str):
        return x.strip()
    if isinstance(x, bool):
        raise Afwijzing(ONLEESBAAR, f"Je antwoord is {x}: een ja/nee-waarde. Hier hoort een woord of code.")
    if _is_nan(x):
        raise Afwijzing(ONLEESBAAR, _NAN_TEKST)
    if isinstance(x, decimal.Decimal) and x.is_nan():
        raise Afwijzing(ONLEESBAAR, _NAN_TEKST)
    if isinstance(x, numbers.Number):
        return str(x)
    if _is_0d(x):
        notities.append("Je gaf een array met één waarde erin. Met `.item()` haal je de losse waarde eruit.")
        return lees_tekst(x.item(), notities)
    naam = type(x).__name__
    if naam in {"Series", "ndarray", "Index"} or isinstance(x, list | tuple):
        waarden = list(x.tolist() if hasattr(x, "tolist") else x)
        if len(waarden) == 1:
            notities.append(f"Je gaf {soort(x)} met één waarde. Met `.item()` haal je de losse waarde eruit.")
            return lees_tekst(waarden[0], notities)
        if not waarden:
            raise Afwijzing(ONLEESBAAR, f"Je gaf {soort(x)} zonder waarden: je filter vindt niets.")
        raise Afwijzing(ONLEESBAAR, f"Je gaf {soort(x)} met {len(waarden)} waarden. Hier hoort er één.")
    if naam == "DataFrame" and x.shape == (1, 1):
        notities.append("Je gaf een tabel met één waarde. Met `.iloc[0, 0]` haal je de losse waarde eruit.")
        return lees_tekst(x.iloc[0, 0], notities)
    if callable(x):
        raise Afwijzing(ONLEESBAAR, "Je antwoord is een functie of methode. Ben je de haakjes vergeten?")
    raise Afwijzing(ONLEESBAAR, f"Je antwoord is {soort(x)}. Hier hoort een woord of code (tekst).")


def lees_tabel(x: Any, kolommen: Sequence[str], notities: list[str]) -> Any:
    """A DataFrame with at least ``kolommen`` (index columns count too); a Series is turned into one."""
    import pandas as pd

    if niet_ingevuld(x):
        raise Afwijzing(LEEG, LEEG_TEKST)
    if isinstance(x, pd.Series):
        x = x.reset_index() if x.name is not None else x.rename("waarde").reset_index()
    if not isinstance(x, pd.DataFrame):
        raise Afwijzing(ONLEESBAAR, f"Je antwoord is {soort(x)}. Hier hoort een tabel (DataFrame).")
    tabel = x
    if any(naam is not None for naam in tabel.index.names) and any(k in tabel.index.names for k in kolommen):
        tabel = tabel.reset_index()
    ontbreekt = [k for k in kolommen if k not in tabel.columns]
    if ontbreekt:
        heb = ", ".join(f"'{k}'" for k in map(str, tabel.columns)) or "geen"
        mis = ", ".join(f"'{k}'" for k in ontbreekt)
        raise Afwijzing(
            FOUT,
            f"Je tabel mist de kolom(men) {mis}. Kolommen die je nu hebt: {heb}. "
            "Let op hoofdletters en spaties in de kolomnaam.",
        )
    if tabel.empty:
        raise Afwijzing(FOUT, "Je tabel is leeg: je filter vindt geen rijen.")
    return tabel


@dataclass
class GrafiekInfo:
    """What a check needs to know about a chart, whatever form the student handed in."""

    titel: str
    xlabel: str
    ylabel: str
    waarde_label: str
    waarden: list[float]
    huisstijl: bool
    alt_tekst: str
    bron_regel: str


def lees_grafiek(x: Any, notities: list[str]) -> GrafiekInfo:
    """Accept a house-style ``Grafiek`` (``.fig``), a matplotlib Figure or Axes."""
    if niet_ingevuld(x):
        raise Afwijzing(LEEG, LEEG_TEKST)
    fig = getattr(x, "fig", None)
    huisstijl = fig is not None
    if fig is None and hasattr(x, "get_axes") and hasattr(x, "savefig"):
        fig = x
    elif fig is None and hasattr(x, "get_figure") and hasattr(x, "get_title"):
        fig = x.get_figure()
    if fig is None or not hasattr(fig, "get_axes"):
        raise Afwijzing(
            ONLEESBAAR,
            f"Je antwoord is {soort(x)}. Hier hoort een grafiek: bewaar wat `charts.staafdiagram(...)` "
            "teruggeeft in de variabele.",
        )
    assen = [a for a in fig.get_axes() if a.get_visible()]
    if not assen:
        raise Afwijzing(FOUT, "Je grafiek is leeg: er staat nog geen diagram in.")
    ax = assen[0]
    titel = next((t for t in (ax.get_title(loc=plek) for plek in ("center", "left", "right")) if t), "")
    if not titel and getattr(fig, "_suptitle", None) is not None:
        titel = fig._suptitle.get_text()
    waarden: list[float] = []
    liggend = False
    for container in getattr(ax, "containers", []):
        liggend = getattr(container, "orientation", "vertical") == "horizontal"
        for staaf in getattr(container, "patches", []):
            waarden.append(float(staaf.get_width() if liggend else staaf.get_height()))
    for lijn in ax.get_lines():
        waarden += [float(v) for v in lijn.get_ydata() if not _is_nan(v)]
    alt = str(getattr(x, "alt_tekst", "") or "")
    bron = str(getattr(x, "bron_regel", "") or "")
    if not huisstijl:
        notities.append("Gebruik `charts.staafdiagram(...)` of `charts.lijndiagram(...)`: dan krijg je de "
                        "huisstijl, een bronregel en een beschrijving voor schermlezers (alt-tekst).")
    xlabel, ylabel = ax.get_xlabel().strip(), ax.get_ylabel().strip()
    return GrafiekInfo(titel.strip(), xlabel, ylabel, xlabel if liggend else ylabel, waarden, huisstijl,
                       alt.strip(), bron.strip())


# --- 3. comparing -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Valkuil:
    """A typical wrong answer and the hint that goes with it (the hint never gives the answer)."""

    waarde: float
    hint: str


def dichtbij(a: float, b: float, relatief: float = 0.005, absoluut: float = 0.0) -> bool:
    return abs(a - b) <= max(absoluut, relatief * abs(b))


def vergelijk_getal(
    waarde: float,
    verwacht: float,
    *,
    relatief: float = 0.005,
    absoluut: float = 0.0,
    valkuilen: Iterable[Valkuil] = (),
    hint: str = "",
    goed_tekst: str = "",
) -> tuple[str, str]:
    """Return (status, message). Typical mistakes first, then "te hoog/te laag" plus the general hint."""
    if dichtbij(waarde, verwacht, relatief, absoluut):
        return GOED, goed_tekst
    for v in valkuilen:
        if not math.isnan(v.waarde) and dichtbij(waarde, v.waarde, relatief, absoluut):
            return FOUT, v.hint
    if verwacht and dichtbij(waarde * 100, verwacht, relatief, absoluut):
        return FOUT, ("Je antwoord is 100 keer te klein. Reken je met een fractie (zoals 0,08) "
                           "waar een percentage hoort, of deel je een keer te veel door 100?")
    if verwacht and dichtbij(waarde / 100, verwacht, relatief, absoluut):
        return FOUT, "Je antwoord is 100 keer te groot. Vergeet je ergens door 100 te delen?"
    if verwacht and (dichtbij(waarde * 1000, verwacht, relatief, absoluut)
                     or dichtbij(waarde / 1000, verwacht, relatief, absoluut)):
        return FOUT, "Je zit er een factor 1000 naast. Kijk naar de eenheid: gaat het om duizenden?"
    richting = "te hoog" if waarde > verwacht else "te laag"
    return FOUT, f"Je antwoord is {richting}. {hint}".strip()


def normaal(tekst: str) -> str:
    """Lower case, no accents-sensitive spacing or punctuation: for comparing short text answers."""
    return re.sub(r"[\s_\-.,:;'\"()]+", "", tekst.lower())


# --- 4. registry ------------------------------------------------------------------------------------

Check = Callable[[Any, list[str]], tuple[str, ...]]
"""``check(antwoord, notities) -> (status, tekst)``, or ``(status, tekst, details, na_afloop)`` for a kind
with feedback per item (:mod:`voordeur.oefenvormen`)."""


@dataclass(frozen=True)
class Opdracht:
    """A registered task: its code ("1.1"), a short title, the check and the expected answer.

    ``verwacht()`` computes the right answer from the data (tests use it to feed the right answer and
    to make sure no message gives it away); for a chart task it returns the values the chart must show.
    """

    code: str
    titel: str
    check: Check
    verwacht: Callable[[], Any]


_OPDRACHTEN: dict[str, Opdracht] = {}


def opdracht(code: str, titel: str, verwacht: Callable[[], Any]) -> Callable[[Check], Check]:
    """Register a check: ``fn(antwoord, notities) -> (status, tekst)``; may raise :class:`Afwijzing`."""

    def registreer(fn: Check) -> Check:
        if code in _OPDRACHTEN:
            raise ValueError(f"check {code} registered twice")
        _OPDRACHTEN[code] = Opdracht(code, titel, fn, verwacht)
        return fn

    return registreer


def taak(code: str) -> Opdracht:
    """The registered task with this code (KeyError when there is none)."""
    return _OPDRACHTEN[_code(code)]


def opdrachten() -> list[str]:
    """All task codes that have a check, in order."""
    return sorted(_OPDRACHTEN, key=lambda c: [int(d) if d.isdigit() else d for d in re.split(r"[._]", c)])


def _code(opdracht: Any) -> str:
    tekst = str(opdracht).strip().lower().removeprefix("opdracht").strip().replace("_", ".").replace(",", ".")
    return tekst


class DataOnvolledig(VoordeurFout, LookupError):
    """The data a check needs are missing (a row is gone or doubled): not the student's fault."""


def _niet_tekst(opdracht: Any) -> Feedback:
    """``controleer(1.1, x)`` or ``controleer(None, x)``: show the right call."""
    voorbeeld = opdrachten()[0]
    if isinstance(opdracht, int | float) and not isinstance(opdracht, bool):
        kandidaat = _code(repr(opdracht))
        voorbeeld = kandidaat if kandidaat in _OPDRACHTEN else voorbeeld
        wat = f"het getal {kandidaat}"
    else:
        wat = "niets (None)" if opdracht is None else soort(opdracht)
    return Feedback("?", STORING, "Schrijf het nummer van de opdracht als tekst, tussen aanhalingstekens: "
                    f'`controleer("{voorbeeld}", antwoord)`. Je gaf {wat}. '
                    f"Opdrachten: {', '.join(opdrachten())}.")


_SYSTEEM = tuple(os.path.realpath(p) for p in {
    os.path.dirname(__file__), sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"],
    sysconfig.get_paths()["platlib"]} if p)
"""Where this package, the standard library and installed libraries live."""


def _eigen_code(antwoord: Any) -> set[Any]:
    """Code objects of the methods of the answer's own class (not of this package or a library)."""
    codes: set[Any] = set()
    try:
        klassen = type(antwoord).__mro__
    except Exception:
        return codes
    for klasse in klassen:
        try:
            leden = list(vars(klasse).values())
        except Exception:
            continue
        for lid in leden:
            for f in (lid, getattr(lid, "fget", None), getattr(lid, "__func__", None)):
                code = getattr(f, "__code__", None)
                if code is not None and not os.path.realpath(code.co_filename).startswith(_SYSTEEM):
                    codes.add(code)
    return codes


def _fout_in_antwoord(fout: BaseException, antwoord: Any) -> bool:
    """True when the error was raised inside a method of the student's own object (its ``__eq__``,
    ``__float__``, ``__str__``, ``__getattr__`` ...): then the answer, not the check, is broken."""
    codes = _eigen_code(antwoord)
    tb = fout.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code in codes:
            return True
        tb = tb.tb_next
    return False


def controleer(opdracht: Any, antwoord: Any = None) -> Feedback:
    """Check the answer to task ``opdracht`` (for example ``"1.1"``) and return friendly feedback."""
    notities: list[str] = []
    if isinstance(opdracht, int | float) and not isinstance(opdracht, bool) \
            and _code(repr(opdracht)) in _OPDRACHTEN:
        code = _code(repr(opdracht))  # controleer(1.1, ...): fine, with a tip
        notities.append(f'Schrijf het nummer van de opdracht liever als tekst: `controleer("{code}", ...)`.')
    elif not isinstance(opdracht, str):
        return _niet_tekst(opdracht)
    else:
        code = _code(opdracht)
    taak = _OPDRACHTEN.get(code)
    if taak is None:
        keuze = ", ".join(opdrachten())
        if _CONTROLES_FOUT:
            return Feedback(code, STORING, "De data zijn niet goed geladen, dus ik kan opdracht "
                            f"'{opdracht}' nu niet nakijken. {_CONTROLES_FOUT} "
                            "Dit ligt niet aan jou: laat het je docent weten.")
        return Feedback(opdracht, STORING, f"Opdracht '{opdracht}' ken ik niet. Kies een van: {keuze}.")
    global _LAAD_CACHE
    _LAAD_CACHE = {}
    details: list[str] = []
    na_afloop = ""
    try:
        uitkomst = taak.check(antwoord, notities)
        status, tekst = uitkomst[0], uitkomst[1]
        if len(uitkomst) > 2:
            details, na_afloop = list(uitkomst[2]), str(uitkomst[3])
    except Afwijzing as afw:
        return Feedback(code, afw.status, afw.tekst, notities if afw.status != LEEG else [])
    except VoordeurFout as fout:  # DataFout, DataOnvolledig, VeiligFout: the data, not the answer
        if isinstance(fout, ModuleNotFoundError):  # voordeur.browser.NietOfflineFout: no pandas offline
            return Feedback(code, STORING, f"Deze opdracht kan ik nu niet nakijken. {fout}")
        return Feedback(
            code, STORING,
            f"De data zijn niet goed geladen, dus ik kan je antwoord nu niet nakijken. {fout} "
            "Dit ligt niet aan jou: laat het je docent weten.",
        )
    except RecursionError:
        return Feedback(code, ONLEESBAAR, f"Je antwoord is {_veilige_soort(antwoord)} dat naar zichzelf "
                        "verwijst. Geef een gewoon getal, tekst of tabel.")
    except Exception as fout:  # never a traceback for a student
        if _fout_in_antwoord(fout, antwoord):
            return Feedback(
                code, ONLEESBAAR,
                f"Je antwoord ({_veilige_soort(antwoord)}) gaf zelf een fout ({_typenaam(fout)}) toen ik het "
                "bekeek. Geef een gewoon getal, tekst, tabel of grafiek.",
            )
        return Feedback(
            code,
            STORING,
            f"Het nakijken lukte niet ({type(fout).__name__}: {_veilig_str(fout)}). Dit ligt waarschijnlijk "
            "niet aan jou. Voer de cellen bovenaan de les opnieuw uit; helpt dat niet, laat het dan je "
            "docent weten.",
        )
    finally:
        _LAAD_CACHE = None
    return Feedback(code, status, tekst, notities, details, na_afloop)


def _veilige_soort(x: Any) -> str:
    try:
        return soort(x)
    except Exception:
        return f"een waarde van het type {_typenaam(x)}"


def _veilig_str(x: Any) -> str:
    try:
        return str(x)
    except Exception:
        return "?"


# --- 5. the checks per task -------------------------------------------------------------------------
# Each check loads what it needs from voordeur.data itself (a fresh copy: a student may have changed
# their own DataFrame) and computes the expected answer there.

_LAAD_CACHE: dict[str, Any] | None = None  # one fresh copy per dataset during a single check


def _laad(naam: str) -> Any:
    from voordeur import data

    if _LAAD_CACHE is None:
        return data.load(naam)
    if naam not in _LAAD_CACHE:
        _LAAD_CACHE[naam] = data.load(naam)
    return _LAAD_CACHE[naam]


def _een_waarde(df: Any, kolom: str, **waar: Any) -> Any:
    """The single value in ``kolom`` of the row matching ``waar`` (a data error if not exactly one)."""
    masker = df[kolom].notna().to_numpy(dtype=bool, copy=True)
    for k, v in waar.items():
        masker &= (df[k] == v).to_numpy(dtype=bool, na_value=False)
    if masker.sum() != 1:
        raise DataOnvolledig(f"In de data staat niet precies één rij met {waar} en een waarde in "
                             f"'{kolom}' (gevonden: {masker.sum()}).")
    return df[kolom].to_numpy()[masker][0]


# Lesson 1: Prevalentiemonitor ---------------------------------------------------------------------------

def _vormen_vrouwen_mannen() -> Any:
    df = _laad("phgsg_vormen_2020")
    return df[df["geslacht"].isin(["vrouwen", "mannen"])]


def verwacht_1_6() -> Any:
    """A right answer: the grouped bar chart in the house style (tests feed it to the check)."""
    from voordeur import charts

    return charts.staafdiagram(_vormen_vrouwen_mannen(), x="vorm", y="percentage", groep="geslacht",
                               titel="Huiselijk geweld in 2020: vrouwen en mannen per vorm")


def _zelfde_waarden(a: Sequence[float], b: Sequence[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) < 0.051 for x, y in zip(sorted(a), sorted(b), strict=True))


@opdracht("1.6", "Grafiek in de huisstijl: vrouwen en mannen per vorm", verwacht_1_6)
def _check_1_6(antwoord: Any, notities: list[str]) -> tuple[str, str]:
    info = lees_grafiek(antwoord, notities)
    if not info.huisstijl:
        notities.clear()
        return FOUT, ("Dit is een gewone matplotlib-grafiek. Maak hem met `charts.staafdiagram(...)`: "
                           "dan krijg je de huisstijl, een bronregel en een beschrijving voor schermlezers.")
    if not info.titel:
        return FOUT, "Je grafiek heeft nog geen titel. Geef een titel mee met `titel=\"...\"`."
    if not re.search(r"\b(19|20)\d\d\b", info.titel):
        return FOUT, "Zet in de titel over welk jaar de cijfers gaan."
    if not info.waarde_label:
        return FOUT, ("De as met de waarden heeft geen naam. "
                           "Laat `y_label` weg of geef een duidelijke naam.")
    df = _vormen_vrouwen_mannen()
    goed = [float(v) for v in df["percentage"]]
    if _zelfde_waarden(info.waarden, goed):
        return GOED, "Je grafiek heeft een titel, een bronregel en laat vrouwen en mannen naast elkaar zien."
    alles = _laad("phgsg_vormen_2020")
    if _zelfde_waarden(info.waarden, [float(v) for v in alles["percentage"]]):
        return FOUT, ("Je grafiek laat ook de groep 'totaal' zien. Laat alleen vrouwen en mannen zien: "
                           "filter eerst op `geslacht`.")
    for groep in ("vrouwen", "mannen", "totaal"):
        een = alles[alles["geslacht"] == groep]
        if _zelfde_waarden(info.waarden, [float(v) for v in een["percentage"]]):
            return FOUT, ("Je grafiek laat maar één groep zien. Neem vrouwen én mannen, en zet ze naast "
                               "elkaar met `groep=\"geslacht\"`.")
    return FOUT, ("De staven laten niet de gevraagde cijfers zien. Gebruik `phgsg_vormen_2020`, "
                       "alle vormen, voor vrouwen en mannen, met de kolom `percentage`.")


# Lesson 2: reading a half-year (the periode kind) -----------------------------------------------------

_HELFT = (
    (1, r"\b(h1|1e|1ste|eerste|1)\s*(halfjaar|helft|hj)?\b|\bhalfjaar\s*1\b|januari|jan\b"),
    (2, r"\b(h2|2e|2de|tweede|2)\s*(halfjaar|helft|hj)?\b|\bhalfjaar\s*2\b|juli|jul\b|december"),
)


def lees_halfjaar(tekst: str) -> tuple[int | None, int | None]:
    """("2022 1e halfjaar" | "2022-H1" | "eerste helft 2022") -> (2022, 1); parts not found are None."""
    t = tekst.lower()
    m = re.search(r"\b(19|20)\d\d\b", t)
    jaar = int(m.group(0)) if m else None
    rest = re.sub(r"\b(19|20)\d\d\b", " ", t)
    helft = None
    for nummer, patroon in _HELFT:
        if re.search(patroon, rest):
            helft = nummer
            break
    return jaar, helft


# Lesson 6: bronkritiek -------------------------------------------------------------------------------



def _bron_velden(antwoord: Any, veld: str, notities: list[str]) -> Any:
    """A dict from ``data.bron()`` or a row of the sources table: pick ``veld`` and say so."""
    if isinstance(antwoord, dict) and veld in antwoord:
        raise Afwijzing(FOUT, f"Je gaf alle gegevens van een bron. Kies alleen het veld: `['{veld}']`.")
    if type(antwoord).__name__ == "Series" and veld in getattr(antwoord, "index", []):
        raise Afwijzing(FOUT, f"Je gaf een hele rij. Kies alleen de kolom: `['{veld}']`.")
    return antwoord


# --- 6. checks declared beside their solutions -------------------------------------------------------
# lessen/NN-slug/oefening.md declares a check under its solution (a raw cell tagged "controle");
# tools/controles.py runs the solution at build time and writes the values and texts to controles.json.

CONTROLES = "controles.json"
_SPECS: dict[str, dict[str, Any]] = {}  # the stored entries of the kinds without code (for oefen())
_CONTROLES_FOUT: str | None = None  # why controles.json could not be read (shown for unknown tasks)


def _opmaak(tekst: str, verwacht: float) -> str:
    """Fill ``{verwacht:N}`` in a success text with the expected answer in Dutch notation: N decimals,
    or for a negative N rounded to 10^-N (``{verwacht:-4}``: to ten thousands)."""

    def vul(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return getallen.getal(verwacht, n) if n >= 0 else getallen.getal(round(verwacht, n))

    return re.sub(r"\{verwacht:(-?\d)\}", vul, tekst)


def _data_leesbaar(data: dict[str, Any] | None, verwacht: float) -> None:
    """With a ``data`` field in the spec: load that dataset now, so a broken or unreadable CSV gives the
    message for the teacher instead of a verdict. With ``kolom`` and ``rij`` the row the answer comes from
    must be there exactly once and still hold the stored answer (else controles.json is out of date)."""
    if not data:
        return
    df = _laad(str(data["tabel"]))
    if data.get("kolom"):
        nu = float(_een_waarde(df, str(data["kolom"]), **dict(data.get("rij") or {})))
        if not dichtbij(nu, verwacht, 1e-9):
            raise DataOnvolledig(f"In de data staat nu {getallen.getal(nu, 2)}, maar in {CONTROLES} "
                                 f"{getallen.getal(verwacht, 2)}: het pakket is niet opnieuw gebouwd.")


def _soort_getal(spec: dict[str, Any]) -> Check:
    """Kind "getal": one number, compared with tolerance, typical wrong answers and the general hint."""
    valkuilen = [Valkuil(float(v["waarde"]), str(v["hint"])) for v in spec["valkuilen"]]
    verwacht = float(spec["verwacht"])

    def check(antwoord: Any, notities: list[str]) -> tuple[str, str]:
        _data_leesbaar(spec.get("data"), verwacht)
        waarde = lees_getal(antwoord, notities)
        if spec["geheel"] and waarde != int(waarde):
            return FOUT, "Je telt hier iets: het antwoord is een heel getal."
        status, tekst = vergelijk_getal(waarde, verwacht, relatief=float(spec["relatief"]),
                                        absoluut=float(spec["absoluut"]), valkuilen=valkuilen,
                                        hint=str(spec["hint"]),
                                        goed_tekst=_opmaak(str(spec["goed"]), verwacht))
        if status != GOED and spec.get("afgerond") and isinstance(antwoord, int | float) \
                and not isinstance(antwoord, bool) and float(antwoord) == round(verwacht):
            return FOUT, str(spec["afgerond"])  # rounded where the task says not to round
        return status, tekst

    return check


def _soort_keuze(spec: dict[str, Any]) -> Check:
    """Kind "keuze": one text out of a known list (a ``bron_id``, a status); a known but wrong choice
    gets ``bekend_hint``, anything else ``hint``. With ``veld``, a whole record is refused with a tip."""
    verwacht = normaal(str(spec["verwacht"]))
    bekend = {normaal(str(b)) for b in spec["bekend"]}
    anders = str(spec["hint"]).replace("{aantal}", str(len(bekend)))

    def check(antwoord: Any, notities: list[str]) -> tuple[str, str]:
        if spec.get("veld"):
            antwoord = _bron_velden(antwoord, str(spec["veld"]), notities)
        tekst = normaal(lees_tekst(antwoord, notities).strip("'\" "))
        if tekst == verwacht:
            return GOED, str(spec["goed"])
        return FOUT, str(spec["bekend_hint"]) if tekst in bekend else anders

    return check


def _soort_periode(spec: dict[str, Any]) -> Check:
    """Kind "periode": one half-year as in the column ``periode`` ("2022 1e halfjaar"), also written as
    "2022-H1", "eerste helft 2022", ``(2022, 1)`` or a whole row; a typical wrong half-year gets its hint
    (an empty one does not apply this time), a bare year or a row number gets a tip."""
    verwacht = lees_halfjaar(str(spec["verwacht"]))
    valkuilen = [(lees_halfjaar(str(v["waarde"])), str(v["hint"])) for v in spec["valkuilen"] if v["waarde"]]

    def check(antwoord: Any, notities: list[str]) -> tuple[str, str]:
        if spec.get("data"):
            _laad(str(spec["data"]["tabel"]))  # broken data: the message for the teacher, not a verdict
        if type(antwoord).__name__ == "Series" and "periode" in getattr(antwoord, "index", []):
            notities.append("Je gaf een hele rij. Met `['periode']` erachter kies je alleen de periode.")
            antwoord = antwoord["periode"]
        elif isinstance(antwoord, tuple) and len(antwoord) == 2 and all(isinstance(x, int) for x in antwoord):
            antwoord = f"{antwoord[0]} {antwoord[1]}e halfjaar"
        if isinstance(antwoord, int | float) and not isinstance(antwoord, bool) and not _is_nan(antwoord):
            if 1900 <= antwoord <= 2100:
                return FOUT, ("Je geeft alleen een jaar. Welk halfjaar bedoel je? "
                              "Neem de tekst uit de kolom `periode`.")
            return FOUT, ("Dit lijkt een rijnummer (de index), geen periode. Met `.idxmin()` krijg je het "
                          "rijnummer; zoek daarmee de periode op met `.loc[rijnummer, 'periode']`.")
        jaar, helft = lees_halfjaar(lees_tekst(antwoord, notities))
        if jaar is None:
            return FOUT, "Ik zie geen jaartal in je antwoord. Geef de periode zoals in de kolom `periode`."
        if helft is None:
            return FOUT, "Je geeft een jaar, maar niet welk halfjaar. Neem de tekst uit de kolom `periode`."
        if (jaar, helft) == verwacht:
            return GOED, str(spec["goed"])
        for periode, hint in valkuilen:
            if (jaar, helft) == periode:
                return FOUT, hint
        return FOUT, str(spec["hint"])

    return check


_VORM_TEKST = {
    "dict": "een woordenboek (dict) met voor elk item je keuze",
    "lijst": "een lijst met [ ] van de namen uit de opdracht",
}


def _soort_zonder_code(spec: dict[str, Any]) -> Check:
    """The kinds without code (indelen, kiezen, meer-kiezen, volgorde, formulier): judged by
    :mod:`voordeur.oefenvormen` from the key in the declaration, with feedback per item."""
    from voordeur import oefenvormen

    def check(antwoord: Any, notities: list[str]) -> tuple[str, str, list[str], str]:
        if niet_ingevuld(antwoord):
            raise Afwijzing(LEEG, LEEG_TEKST)
        try:
            uitslag = oefenvormen.beoordeel(spec, antwoord)
        except oefenvormen.VerkeerdeVorm as e:
            zoals = oefenvormen.voorbeeld_antwoord(spec)
            raise Afwijzing(ONLEESBAAR, f"Je antwoord is {soort(antwoord)}. Hier hoort "
                            f"{_VORM_TEKST[e.vorm]}, zoals `{zoals}`.") from None
        return uitslag.status, uitslag.tekst, uitslag.regels(code_route=True), uitslag.na_afloop

    return check


SOORTEN: dict[str, Callable[[dict[str, Any]], Check]] = {
    "getal": _soort_getal, "keuze": _soort_keuze, "periode": _soort_periode,
    **dict.fromkeys(("indelen", "kiezen", "meer-kiezen", "volgorde", "formulier"), _soort_zonder_code),
}
"""The kinds a spec can select; each turns the stored spec into a check function. The kinds without
code (:data:`voordeur.oefenvormen.SOORTEN`) share one factory."""


_ZONDER_CODE = frozenset(k for k, v in SOORTEN.items() if v is _soort_zonder_code)


def _json_kopie(x: Any) -> Any:
    """A fresh copy of a dict/list answer key (a caller may change what ``verwacht()`` returns)."""
    import json

    if not isinstance(x, dict | list):
        raise TypeError("het antwoord hoort een tabel of lijst te zijn")
    return json.loads(json.dumps(x))


def _kapotte_check(reden: str) -> Check:
    def check(antwoord: Any, notities: list[str]) -> tuple[str, str]:
        if niet_ingevuld(antwoord):
            raise Afwijzing(LEEG, LEEG_TEKST)
        raise DataOnvolledig(reden)

    return check


def _registreer_controles(tekst: str | None = None) -> list[str]:
    """Register the checks in controles.json; return the codes. A broken file never breaks the import:
    each of its tasks then answers with a message for the teacher (the data are not loaded well)."""
    if tekst is None:
        from importlib import resources

        try:
            tekst = resources.files("voordeur").joinpath(CONTROLES).read_text(encoding="utf-8")
        except (OSError, ModuleNotFoundError):
            return []
    import json

    global _CONTROLES_FOUT
    try:
        alles = json.loads(tekst)
        if not isinstance(alles, dict):
            raise ValueError("geen object")
    except ValueError as e:
        _CONTROLES_FOUT = f"Het bestand {CONTROLES} in het pakket is niet te lezen ({e})."
        return []
    _CONTROLES_FOUT = None
    codes = []
    for code, spec in alles.items():
        try:
            if spec["soort"] in _ZONDER_CODE:
                from voordeur import oefenvormen

                spec = oefenvormen.uit_json(spec)  # the order of items and options as declared
            check = SOORTEN[spec["soort"]](spec)
            titel = str(spec["titel"])
            verwacht = (float(spec["verwacht"]) if spec["soort"] == "getal"
                        else _json_kopie(spec["verwacht"]) if spec["soort"] in _ZONDER_CODE
                        else str(spec["verwacht"]))
        except (KeyError, TypeError, ValueError) as e:
            check = _kapotte_check(f"In {CONTROLES} is opdracht {code} niet compleet "
                                   f"({type(e).__name__}: {e}).")
            titel, verwacht = f"Opdracht {code}", math.nan
        if isinstance(verwacht, dict | list):
            _OPDRACHTEN[code] = Opdracht(code, titel, check, lambda v=verwacht: _json_kopie(v))
            _SPECS[code] = spec
        else:
            _OPDRACHTEN[code] = Opdracht(code, titel, check, lambda v=verwacht: v)
        codes.append(code)
    return codes


def oefen(opdracht: Any) -> Any:
    """Show the form of a task without code (``oefen("7.1")``): items and options as text, an input per
    item, "Controleer" and feedback per item. Never raises: an unknown task, a task with code or a missing
    widget library gives a :class:`Feedback` that says what to do (see :mod:`voordeur.oefenweergave`)."""
    from voordeur import oefenweergave

    return oefenweergave.oefen(opdracht)


_registreer_controles()
