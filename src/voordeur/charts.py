"""The chart house style: colour-blind-safe colours, Dutch numbers, a source line and alt text.

::

    from voordeur import charts, data
    df = data.load("phgsg_vormen_2020")
    charts.staafdiagram(df, x="vorm", y="percentage", groep="geslacht",
                        titel="Huiselijk geweld in 2020, naar vorm en geslacht")

Every chart

- uses the Okabe-Ito palette, and never colour alone: grouped bars get hatching, lines get different
  markers and line styles, and every bar or point carries its value as a label;
- writes numbers the Dutch way (``8,3%``, ``127.340``, ``1,2 miljoen``) on the axis and the labels;
- has a title, Dutch axis labels, and a source line (publisher, title, year from ``sources.csv``);
- has an alt text made from the data (what the chart shows and the key numbers).

A chart is returned as a :class:`Grafiek`. In a notebook it shows as
``<figure><img alt="…"><figcaption>…</figcaption></figure>`` (a PNG, not SVG) and its ``text/plain`` form is
the alt text plus the source line, so nbval compares the numbers.

Every chart is drawn in the house style (:func:`gebruik_huisstijl`'s settings, applied with
``matplotlib.rc_context`` while the chart is made), whatever the global matplotlib settings are.

pandas and matplotlib are imported only when a chart or table is made, so that a lesson's first cells
(and a quiz before any chart) do not wait for them.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import math
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from voordeur import getallen
from voordeur.fouten import VoordeurFout

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "ARCERINGEN",
    "KLEUREN",
    "LIJNSTIJLEN",
    "MARKERS",
    "Grafiek",
    "GrafiekFout",
    "Tabel",
    "bron_namen",
    "bron_regel",
    "gebruik_huisstijl",
    "lijndiagram",
    "staafdiagram",
    "tabel",
]

#: Okabe & Ito (2008), ordered so that the first colours contrast well on white.
KLEUREN: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
#: Hatching per group, so bars differ in pattern as well as colour.
ARCERINGEN: tuple[str, ...] = ("", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++")
#: Marker and line style per series in a line chart.
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
LIJNSTIJLEN: tuple[str, ...] = ("-", "--", ":", "-.", "-", "--", ":", "-.")

TEKSTKLEUR = "#1a1a1a"
_MAX_LABELS = 40


class GrafiekFout(VoordeurFout):
    """A chart cannot be made from this data (the message says which column or row)."""


def _huisstijl() -> dict[str, Any]:
    """The matplotlib settings of the house style."""
    from cycler import cycler

    return {
        "axes.prop_cycle": cycler(color=list(KLEUREN)),
        "figure.figsize": (8.0, 4.8),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "font.size": 11,
        "axes.titlesize": 13,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#444444",
        "axes.labelcolor": TEKSTKLEUR,
        "text.color": TEKSTKLEUR,
        "xtick.color": TEKSTKLEUR,
        "ytick.color": TEKSTKLEUR,
        "axes.grid": False,
        "grid.color": "#d0d0d0",
        "grid.linewidth": 0.8,
        "legend.frameon": False,
        "hatch.linewidth": 1.0,
        "hatch.color": "#1a1a1a",
    }


def gebruik_huisstijl() -> None:
    """Make the house style matplotlib's global default, e.g. for your own matplotlib charts.

    The module's own charts do not need this: they are always drawn in the house style.
    """
    import matplotlib

    matplotlib.rcParams.update(_huisstijl())


_F = TypeVar("_F", bound=Callable[..., Any])


def _in_huisstijl(functie: _F) -> _F:
    """Draw (and render the PNG) inside ``rc_context(house style)``: no global settings needed or changed."""

    @functools.wraps(functie)
    def getekend(*args: Any, **kwargs: Any) -> Any:
        import matplotlib

        with matplotlib.rc_context(_huisstijl()):
            return functie(*args, **kwargs)

    return getekend  # type: ignore[return-value]


# --- formatting -------------------------------------------------------------------------------------------


def _opmaak_voor(eenheid: str, decimalen: int | None = None) -> Callable[[Any], str]:
    if eenheid == "%":
        return lambda x: getallen.procent(x, decimalen)
    if eenheid == "personen":
        return getallen.personen
    if eenheid == "per 1.000":
        return lambda x: f"{getallen.getal(x, decimalen)} per 1.000"
    if eenheid == "jaar":
        return getallen.jaar
    return getallen.aantal


def _as_opmaak(eenheid: str) -> Callable[[float, Any], str]:
    """Tick labels: Dutch numbers; millions as "1,2 mln" would be unclear, so axes write them in full."""
    if eenheid == "%":
        return lambda x, _pos: getallen.procent(x)
    if eenheid == "per 1.000":
        return lambda x, _pos: getallen.getal(x)
    return lambda x, _pos: getallen.aantal(x)


def _decimalen(df: pd.DataFrame, y: str) -> int | None:
    """One number of decimals for all labels when every value is exact (e.g. a CBS table: 1,0% next to
    1,3%). When some values were published rounded (column ``nauwkeurigheid``), each value keeps its own
    precision, so that a rounded "9%" is not shown as a precise "9,0%"."""
    if "nauwkeurigheid" in df.columns and (df["nauwkeurigheid"].astype(str) != "exact").any():
        return None
    waarden = [float(v) for v in df[y].dropna()]
    for d in (0, 1, 2):
        if all(abs(v * 10**d - round(v * 10**d)) < 1e-9 for v in waarden):
            return d
    return None


def _raad_eenheid(df: pd.DataFrame, y: str) -> str:
    naam = y.lower()
    if "percentage" in naam or naam.endswith("_pct") or naam == "procent":
        return "%"
    if "per_1000" in naam:
        return "per 1.000"
    if "personen" in naam:
        return "personen"
    return "aantal"


def _as_label(kolom: str, eenheid: str | None = None) -> str:
    tekst = kolom.replace("_", " ")
    tekst = tekst[:1].upper() + tekst[1:]
    if eenheid == "%" and "percentage" in kolom.lower():
        return "Percentage (%)"
    if eenheid == "per 1.000":
        return f"{tekst} (per 1.000)"
    return tekst


# --- sources ----------------------------------------------------------------------------------------------


def _bron_ids(df: pd.DataFrame, bron: str | Sequence[str] | None) -> list[str]:
    if bron is None:
        if "bron_id" not in df.columns:
            raise GrafiekFout(
                "Deze data heeft geen kolom 'bron_id'. Geef de bron mee, bijvoorbeeld bron='cbs_84849NED'."
            )
        ids = [str(b) for b in df["bron_id"].dropna()]
    elif isinstance(bron, str):
        ids = [bron]
    else:
        ids = [str(b) for b in bron]
    uniek: list[str] = []
    for b in ids:
        if b not in uniek:
            uniek.append(b)
    return uniek


def bron_regel(bron_ids: Iterable[str]) -> str:
    """``"Bron: CBS, Titel (2021)"``, several sources separated by ``;``, from ``sources.csv``."""
    from voordeur import data

    delen = []
    for b in bron_ids:
        r = data.bron(b)
        jaar = r["jaar"] if r["jaar"] and r["jaar"] != "onbekend" else "jaar onbekend"
        delen.append(f"{r['uitgever']}, {r['titel']} ({jaar})")
    if not delen:
        raise GrafiekFout("Er is geen bron. Elke grafiek en tabel heeft een bron nodig.")
    return ("Bron: " if len(delen) == 1 else "Bronnen: ") + "; ".join(delen)


# --- the displayed object ---------------------------------------------------------------------------------


class Grafiek:
    """A finished chart: the matplotlib figure, its alt text and its source line."""

    def __init__(self, fig: Figure, alt_tekst: str, bron_regel: str, titel: str = "") -> None:
        self.fig = fig
        self.alt_tekst = alt_tekst
        self.bron_regel = bron_regel
        self.titel = titel
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
        self.png = buffer.getvalue()
        # The figure is made without pyplot (matplotlib.figure.Figure), so it is never registered with a
        # backend: it is "closed" from the start and only shown once, through _repr_mimebundle_.

    def _repr_html_(self) -> str:
        data_ = base64.b64encode(self.png).decode("ascii")
        alt = html.escape(self.alt_tekst, quote=True)
        bijschrift = html.escape(self.bron_regel)
        return (
            '<figure class="vd-grafiek" style="margin:0 0 1em 0;max-width:100%">'
            f'<img src="data:image/png;base64,{data_}" alt="{alt}" style="max-width:100%;height:auto">'
            f'<figcaption style="font-size:0.9em;color:#1a1a1a">{bijschrift}</figcaption></figure>'
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/html": self._repr_html_(), "text/plain": self.platte_tekst()}

    def platte_tekst(self) -> str:
        return f"{self.alt_tekst}\n{self.bron_regel}"

    def __repr__(self) -> str:
        return self.platte_tekst()

    def png_met_bron(self) -> bytes:
        """The PNG with the source line drawn under the chart (for a picture used outside the page)."""
        voet = getattr(self.fig, "_vd_voet", None)
        oud = voet.get_text() if voet is not None else ""
        regels = [*([oud] if oud else []), *textwrap.wrap(self.bron_regel, 105)]
        if voet is None:
            voet = self.fig.text(0.01, -0.01, "", ha="left", va="top", fontsize=8.5, color=TEKSTKLEUR,
                                 transform=self.fig.transFigure)
        voet.set_text("\n".join(regels))
        buffer = io.BytesIO()
        try:
            self.fig.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
        finally:
            voet.set_text(oud)
        return buffer.getvalue()

    def opslaan(self, pad: str) -> None:
        """Save the PNG with title and source line; atomic, a Dutch error when it fails."""
        from voordeur.veilig import schrijf_atomair

        schrijf_atomair(pad, self.png_met_bron())


# --- helpers shared by the chart functions --------------------------------------------------------------


def _controleer_kolommen(df: pd.DataFrame, *kolommen: str | None) -> None:
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise GrafiekFout("Geef een tabel (DataFrame) mee, bijvoorbeeld data.load('phgsg_vormen_2020').")
    for k in kolommen:
        if k is not None and k not in df.columns:
            raise GrafiekFout(f"De kolom '{k}' bestaat niet. Kolommen: {', '.join(map(str, df.columns))}.")


def _volgorde(reeks: pd.Series) -> list[Any]:
    """Categories in schema order (only those present), otherwise in order of appearance."""
    import pandas as pd

    if isinstance(reeks.dtype, pd.CategoricalDtype):
        aanwezig = set(reeks.dropna())
        return [c for c in reeks.cat.categories if c in aanwezig]
    uit: list[Any] = []
    for w in reeks.dropna():
        if w not in uit:
            uit.append(w)
    return uit


def _tekst(w: Any) -> str:
    if isinstance(w, float) and w.is_integer():
        return str(int(w))
    return str(w)


def _waarden(df: pd.DataFrame, x: str, y: str, groep: str | None) -> tuple[list[Any], list[Any], dict]:
    """Check for duplicates and return x order, group order and {(x, group): value}."""
    schoon = df[df[y].notna()]
    if schoon.empty:
        raise GrafiekFout(
            f"De kolom '{y}' heeft geen waarden om te tekenen. Kijk of je filter niet te streng is."
        )
    sleutels = [x] if groep is None else [x, groep]
    dubbel = schoon.duplicated(subset=sleutels, keep=False)
    if dubbel.any():
        rij = schoon[dubbel].iloc[0]
        wat = " en ".join(f"'{rij[k]}'" for k in sleutels)
        hint = " Filter eerst, bijvoorbeeld op hoofdcijfer." if "hoofdcijfer" in df.columns else ""
        raise GrafiekFout(
            f"Er zijn meer waarden voor {wat} in kolom '{y}'. Kies er één per staaf of punt.{hint}"
        )
    xs = _volgorde(schoon[x])
    gs = _volgorde(schoon[groep]) if groep is not None else [None]
    waarden = {}
    for _, rij in schoon.iterrows():
        waarden[(rij[x], rij[groep] if groep is not None else None)] = float(rij[y])
    return xs, gs, waarden


def _afwerken(fig: Figure, ax: Any, titel: str, bron: str, voetnoot: str | None) -> None:
    """Title and footnote. The source line is not drawn here: the page shows it once, as the caption under
    the picture (issue 16.8); :meth:`Grafiek.opslaan` adds it to a saved PNG, which has no caption."""
    ax.set_title("\n".join(textwrap.wrap(titel, 60)), loc="left", fontweight="bold", color=TEKSTKLEUR, pad=12)
    fig.tight_layout()
    voet = fig.text(0.01, -0.01, "\n".join(textwrap.wrap(voetnoot, 105)) if voetnoot else "", ha="left",
                    va="top", fontsize=8.5, color=TEKSTKLEUR, transform=fig.transFigure)
    fig._vd_voet = voet  # type: ignore[attr-defined]  # opslaan() puts the source line under it


def _zin(tekst: str) -> str:
    tekst = tekst.strip()
    return tekst if tekst.endswith((".", "?", "!")) else tekst + "."


def _samenvatting(xs: list[Any], gs: list[Any], waarden: dict, opmaak: Callable[[Any], str]) -> str:
    """Key numbers: every value when there are few, else the highest and lowest."""
    delen = []
    if len(waarden) <= _MAX_LABELS:
        for xw in xs:
            if gs == [None]:
                if (xw, None) in waarden:
                    delen.append(f"{_tekst(xw)}: {opmaak(waarden[(xw, None)])}")
            else:
                stukken = [f"{_tekst(g)} {opmaak(waarden[(xw, g)])}" for g in gs if (xw, g) in waarden]
                if stukken:
                    delen.append(f"{_tekst(xw)}: {', '.join(stukken)}")
        tekst = "; ".join(delen) + "."
    else:
        tekst = ""
    hoog = max(waarden, key=lambda k: waarden[k])
    laag = min(waarden, key=lambda k: waarden[k])

    def naam(k: tuple[Any, Any]) -> str:
        return _tekst(k[0]) if k[1] is None else f"{_tekst(k[0])} ({_tekst(k[1])})"

    if len(waarden) > 1:
        tekst += f" Hoogste waarde: {naam(hoog)} met {opmaak(waarden[hoog])}."
        tekst += f" Laagste waarde: {naam(laag)} met {opmaak(waarden[laag])}."
    return tekst.strip()


# --- bar chart --------------------------------------------------------------------------------------------


@_in_huisstijl
def staafdiagram(
    df: pd.DataFrame,
    x: str,
    y: str,
    groep: str | None = None,
    *,
    titel: str,
    eenheid: str | None = None,
    bron: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    horizontaal: bool | None = None,
    voetnoot: str | None = None,
) -> Grafiek:
    """A bar chart of *y* per category *x*, optionally grouped (side by side) by *groep*.

    - ``eenheid``: ``"%"``, ``"aantal"``, ``"personen"`` or ``"per 1.000"``; guessed from the column name.
    - ``bron``: one or more ``bron_id``'s; default: all ``bron_id``'s in *df*.
    - ``horizontaal``: default horizontal when a category name is long.
    - ``voetnoot``: an extra line under the chart, e.g. ``"* voorlopig cijfer"``.
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    _controleer_kolommen(df, x, y, groep)
    eenheid = eenheid or _raad_eenheid(df, y)
    opmaak = _opmaak_voor(eenheid, _decimalen(df, y))
    xs, gs, waarden = _waarden(df, x, y, groep)
    if horizontaal is None:
        horizontaal = max(len(_tekst(v)) for v in xs) > 14 or len(xs) > 8
    bron_tekst = bron_regel(_bron_ids(df, bron))

    n_groepen = len(gs)
    breedte = 0.8 / n_groepen
    hoogte_fig = max(3.2, 0.45 * len(xs) * max(1, n_groepen * 0.7) + 1.8) if horizontaal else 4.8
    fig = Figure(figsize=(8.0, hoogte_fig))
    ax = fig.subplots()
    maximum = max(waarden.values())
    for j, g in enumerate(gs):
        posities, hoogtes = [], []
        for i, xw in enumerate(xs):
            if (xw, g) in waarden:
                posities.append(i - 0.4 + breedte * (j + 0.5))
                hoogtes.append(waarden[(xw, g)])
        kleur = KLEUREN[j % len(KLEUREN)]
        arcering = ARCERINGEN[j % len(ARCERINGEN)] if n_groepen > 1 else ""
        label = _tekst(g) if g is not None else None
        teken = ax.barh if horizontaal else ax.bar
        balken = teken(posities, hoogtes, breedte * 0.95, color=kleur, edgecolor=TEKSTKLEUR,
                       linewidth=0.8, hatch=arcering, label=label)
        if len(waarden) <= _MAX_LABELS:
            ax.bar_label(balken, labels=[opmaak(h) for h in hoogtes], padding=3, fontsize=9, color=TEKSTKLEUR)
    namen = ["\n".join(textwrap.wrap(_tekst(v), 24)) for v in xs]
    waarde_as = ax.xaxis if horizontaal else ax.yaxis
    waarde_as.set_major_formatter(FuncFormatter(_as_opmaak(eenheid)))
    if horizontaal:
        ax.set_yticks(range(len(xs)), namen)
        ax.invert_yaxis()
        ax.set_xlim(0, maximum * 1.18 if maximum > 0 else 1)
        ax.grid(axis="x")
        ax.set_xlabel(y_label or _as_label(y, eenheid))
        ax.set_ylabel(x_label or "")
    else:
        ax.set_xticks(range(len(xs)), namen)
        ax.set_ylim(0, maximum * 1.15 if maximum > 0 else 1)
        ax.grid(axis="y")
        ax.set_ylabel(y_label or _as_label(y, eenheid))
        ax.set_xlabel(x_label or _as_label(x))
    ax.set_axisbelow(True)
    if n_groepen > 1:
        ax.legend(title=_as_label(groep) if groep else None, loc="best")
    _afwerken(fig, ax, titel, bron_tekst, voetnoot)

    wat = f"{y_label or _as_label(y, eenheid)} per {(x_label or _as_label(x)).lower()}"
    if groep is not None:
        wat += f", uitgesplitst naar {_as_label(groep).lower()}"
    alt = f"Staafdiagram: {_zin(titel)} {wat}. {_samenvatting(xs, gs, waarden, opmaak)}"
    if voetnoot:
        alt += f" {voetnoot}"
    return Grafiek(fig, alt, bron_tekst, titel)


# --- line chart -------------------------------------------------------------------------------------------


@_in_huisstijl
def lijndiagram(
    df: pd.DataFrame,
    x: str,
    y: str,
    groep: str | None = None,
    *,
    titel: str,
    eenheid: str | None = None,
    bron: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    voetnoot: str | None = None,
    labels: bool = True,
) -> Grafiek:
    """A line chart of *y* over *x* (years or periods, in the order of the data), one line per *groep*.

    Lines differ in colour, marker and line style; every point is labelled with its value (``labels``).
    """
    import pandas as pd
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    _controleer_kolommen(df, x, y, groep)
    eenheid = eenheid or _raad_eenheid(df, y)
    opmaak = _opmaak_voor(eenheid, _decimalen(df, y))
    xs, gs, waarden = _waarden(df, x, y, groep)
    if pd.api.types.is_numeric_dtype(df[x]) and not isinstance(df[x].dtype, pd.CategoricalDtype):
        xs = sorted(xs)
    bron_tekst = bron_regel(_bron_ids(df, bron))

    fig = Figure(figsize=(8.0, 4.8))
    ax = fig.subplots()
    maximum = max(waarden.values())
    for j, g in enumerate(gs):
        # a missing period is a gap in the line (NaN), not a straight line across it
        py = [waarden.get((xw, g), math.nan) for xw in xs]
        if all(math.isnan(v) for v in py):
            continue
        ax.plot(range(len(xs)), py, color=KLEUREN[j % len(KLEUREN)], marker=MARKERS[j % len(MARKERS)],
                linestyle=LIJNSTIJLEN[j % len(LIJNSTIJLEN)], linewidth=2, markersize=7,
                label=_tekst(g) if g is not None else None)
    if labels and len(waarden) <= _MAX_LABELS:
        for i, xw in enumerate(xs):
            hier = sorted(((waarden[(xw, g)], g) for g in gs if (xw, g) in waarden), key=lambda t: t[0])
            for k, (b, _g) in enumerate(hier):
                boven = k == len(hier) - 1  # the highest value at this x above its point, the others below
                ax.annotate(opmaak(b), (i, b), textcoords="offset points", xytext=(0, 9 if boven else -16),
                            ha="center", fontsize=8.5, color=TEKSTKLEUR)
    ax.set_xticks(range(len(xs)), ["\n".join(textwrap.wrap(getallen.jaar(v), 10)) for v in xs])
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_ylim(0, maximum * 1.18 if maximum > 0 else 1)
    ax.yaxis.set_major_formatter(FuncFormatter(_as_opmaak(eenheid)))
    ax.grid(axis="y")
    ax.set_axisbelow(True)
    ax.set_ylabel(y_label or _as_label(y, eenheid))
    ax.set_xlabel(x_label or _as_label(x))
    if len(gs) > 1:
        ax.legend(title=_as_label(groep) if groep else None, loc="best")
    _afwerken(fig, ax, titel, bron_tekst, voetnoot)

    eerste, laatste = getallen.jaar(xs[0]), getallen.jaar(xs[-1])
    wat = f"{y_label or _as_label(y, eenheid)} van {eerste} tot {laatste}"
    if groep is not None:
        wat += f", een lijn per {_as_label(groep).lower()}"
    opm_x = [getallen.jaar(v) for v in xs]
    samen = _samenvatting(opm_x, gs, {(getallen.jaar(k[0]), k[1]): v for k, v in waarden.items()}, opmaak)
    alt = f"Lijndiagram: {_zin(titel)} {wat}. {samen}"
    if voetnoot:
        alt += f" {voetnoot}"
    return Grafiek(fig, alt, bron_tekst, titel)


# --- table ------------------------------------------------------------------------------------------------


class Tabel:
    """A table with Dutch number formatting, as HTML and as aligned plain text."""

    def __init__(self, tekst_df: pd.DataFrame, titel: str | None, bron_regel: str | None,
                 codenamen: Sequence[str | None] | None = None) -> None:
        self.df = tekst_df
        self.titel = titel
        self.bron_regel = bron_regel
        #: per column the name to type in code (shown under the Dutch heading), or None
        self.codenamen = list(codenamen) if codenamen is not None else [None] * len(tekst_df.columns)

    def _kop_html(self, kop: Any, code: str | None) -> str:
        onder = f'<br><code style="font-weight:normal">{html.escape(code)}</code>' if code else ""
        return f'<th scope="col" style="text-align:left">{html.escape(str(kop))}{onder}</th>'

    def koppen(self) -> list[str]:
        """The headings as text: ``Cijfer in de bron (waarde_bron)`` when the code name is shown."""
        return [f"{k} ({c})" if c else str(k) for k, c in zip(self.df.columns, self.codenamen, strict=True)]

    def _repr_html_(self) -> str:
        kop = "".join(self._kop_html(k, c) for k, c in zip(self.df.columns, self.codenamen, strict=True))
        rijen = []
        for _, rij in self.df.iterrows():
            cellen = "".join(f"<td>{html.escape(str(w))}</td>" for w in rij)
            rijen.append(f"<tr>{cellen}</tr>")
        onderschrift = (
            f"<caption style='text-align:left;font-weight:bold'>{html.escape(self.titel)}</caption>"
            if self.titel else ""
        )
        bron = f'<p style="font-size:0.9em">{html.escape(self.bron_regel)}</p>' if self.bron_regel else ""
        return (f'<table class="vd-tabel">{onderschrift}<thead><tr>{kop}</tr></thead>'
                f"<tbody>{''.join(rijen)}</tbody></table>{bron}")

    def platte_tekst(self) -> str:
        kolommen = self.koppen()
        rijen = [[str(w) for w in rij] for rij in self.df.itertuples(index=False)]
        breedtes = [max([len(k)] + [len(r[i]) for r in rijen]) for i, k in enumerate(kolommen)]
        regels = []
        if self.titel:
            regels.append(self.titel)
        regels.append("  ".join(k.ljust(b) for k, b in zip(kolommen, breedtes, strict=True)).rstrip())
        for r in rijen:
            regels.append("  ".join(w.ljust(b) for w, b in zip(r, breedtes, strict=True)).rstrip())
        if self.bron_regel:
            regels.append(self.bron_regel)
        return "\n".join(regels)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/html": self._repr_html_(), "text/plain": self.platte_tekst()}

    def __repr__(self) -> str:
        return self.platte_tekst()


def _kolom_opmaak(df: pd.DataFrame, naam: str, eenheden: dict[str, str]) -> Callable[[Any], str]:
    import pandas as pd

    reeks = df[naam]
    if naam in eenheden:
        return _opmaak_voor(eenheden[naam], _decimalen(df, naam) if eenheden[naam] == "%" else None)
    lager = naam.lower()
    if pd.api.types.is_bool_dtype(reeks):
        return lambda w: "" if getallen.ontbreekt(w) else ("ja" if w else "nee")
    if "jaar" in lager:
        return getallen.jaar
    if pd.api.types.is_numeric_dtype(reeks) and not isinstance(reeks.dtype, pd.CategoricalDtype):
        if "percentage" in lager:
            decimalen = _decimalen(df, naam)
            return lambda w: getallen.procent(w, decimalen)
        if pd.api.types.is_integer_dtype(reeks):
            return getallen.aantal
        return getallen.getal
    return str


def bron_namen(bron_ids: Iterable[str]) -> dict[str, str]:
    """A short name per source for a table column: ``"CBS (2021)"``; with the title if not unique."""
    from voordeur import data

    ids = list(dict.fromkeys(bron_ids))
    rijen = {b: data.bron(b) for b in ids}

    def jaar(r: dict[str, Any]) -> str:
        return str(r["jaar"]) if r["jaar"] and r["jaar"] != "onbekend" else "jaar onbekend"

    kort = {b: f"{r['uitgever']} ({jaar(r)})" for b, r in rijen.items()}
    if len(set(kort.values())) < len(kort):
        kort = {b: f"{r['uitgever']}, {r['titel']} ({jaar(r)})" for b, r in rijen.items()}
    return kort


def tabel(
    df: pd.DataFrame,
    kolommen: Sequence[str] | None = None,
    *,
    titel: str | None = None,
    bron: str | Sequence[str] | None = None,
    namen: dict[str, str] | None = None,
    eenheden: dict[str, str] | None = None,
    max_rijen: int = 60,
    codenamen: bool = False,
) -> Tabel:
    """Show *df* as a table with Dutch numbers (``8,3%``, ``127.340``; years without a full stop).

    ``kolommen`` picks and orders columns; every column gets its Dutch heading (:func:`voordeur.koppen.kop`,
    ``waarde_bron`` -> "Cijfer in de bron"); ``namen`` gives another heading; ``codenamen=True`` also shows
    the column name to type in code under each heading (``data.toon`` does that). ``eenheden`` forces a
    format per column (``"%"``, ``"aantal"``, ``"personen"``, ``"jaar"``). The source line comes from
    ``bron`` or the ``bron_id`` column (which is then left out of the table unless asked for); when the rows
    come from more than one source, a column "Bron" says which source gives which row. A table *of*
    sources (``data.sources()``) gets no source line.
    """
    import pandas as pd

    from voordeur.koppen import kop

    _controleer_kolommen(df, *(kolommen or []))
    eenheden = eenheden or {}
    namen = namen or {}
    bron_tekst: str | None = None
    is_bronnenlijst = {"uitgever", "titel", "url"} <= set(df.columns)  # the sources table itself
    if bron is not None or ("bron_id" in df.columns and not is_bronnenlijst):
        bron_tekst = bron_regel(_bron_ids(df, bron))
    if kolommen is None:
        kolommen = [k for k in df.columns if k != "bron_id"]
    kolommen = list(kolommen)
    per_rij: dict[str, str] | None = None
    if "bron_id" in df.columns and not is_bronnenlijst and df["bron_id"].nunique() > 1:
        per_rij = bron_namen(str(b) for b in df["bron_id"])  # which source gives which number
        if "bron_id" not in kolommen:
            kolommen.append("bron_id")
    if len(df) > max_rijen:
        raise GrafiekFout(f"De tabel heeft {len(df)} rijen; meer dan {max_rijen} is niet leesbaar. "
                          "Filter eerst, of geef max_rijen mee.")
    uit = {}
    for k in kolommen:
        if k == "bron_id" and per_rij is not None:
            uit[namen.get(k, kop(k))] = [per_rij[str(b)] for b in df[k]]
            continue
        opmaak = _kolom_opmaak(df, k, eenheden)
        uit[namen.get(k, kop(k))] = ["" if getallen.ontbreekt(w) else opmaak(w) for w in df[k]]
    if len(uit) < len(kolommen):
        raise GrafiekFout("Twee kolommen krijgen dezelfde kop. Geef ze met namen={...} elk een eigen kop.")
    return Tabel(pd.DataFrame(uit, dtype=object), titel, bron_tekst,
                 codenamen=[str(k) for k in kolommen] if codenamen else None)
