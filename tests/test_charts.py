"""Charts: alt text with the numbers, a source line, the palette, and never colour alone."""

from __future__ import annotations

import base64
import re

import matplotlib
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from voordeur import charts, data


@pytest.fixture(autouse=True)
def _stijl(monkeypatch: pytest.MonkeyPatch):
    """matplotlib's own defaults, not the house style: every chart must apply the house style itself."""
    monkeypatch.delenv("VOORDEUR_DATA", raising=False)
    data.leeg_cache()
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        yield


@pytest.fixture
def vormen() -> pd.DataFrame:
    return data.load("phgsg_vormen_2020")


@pytest.fixture
def staaf(vormen: pd.DataFrame) -> charts.Grafiek:
    return charts.staafdiagram(vormen, x="vorm", y="percentage", groep="geslacht",
                               titel="Huiselijk geweld in 2020, naar vorm en geslacht")


def _balken(g: charts.Grafiek) -> list:
    return [p for p in g.fig.axes[0].patches]


def test_alt_text_has_title_and_every_number(staaf: charts.Grafiek, vormen: pd.DataFrame) -> None:
    alt = staaf.alt_tekst
    assert alt.startswith("Staafdiagram: Huiselijk geweld in 2020")
    for waarde in vormen["percentage"]:
        assert f"{waarde:.1f}".replace(".", ",") + "%" in alt
    assert "vrouwen 9,2%" in alt and "mannen 0,6%" in alt
    assert "Hoogste waarde: totaal huiselijk geweld (vrouwen) met 9,2%" in alt
    assert "Laagste waarde" in alt


def test_source_line_from_sources_table(staaf: charts.Grafiek) -> None:
    b = data.bron("cbs_2021_nic_hg")
    assert staaf.bron_regel == f"Bron: {b['uitgever']}, {b['titel']} ({b['jaar']})"
    # issue 16.8: the page prints the source once, as the caption; the picture itself does not repeat it
    teksten = " ".join(t.get_text() for t in staaf.fig.texts).replace("\n", " ")
    assert "Bron:" not in teksten
    assert staaf._repr_html_().count(staaf.bron_regel) == 1
    # a saved PNG has no caption, so the source line is drawn in it (and only while saving)
    getekend: list[str] = []
    origineel = staaf.fig.savefig

    def savefig(*args: object, **kwargs: object) -> None:
        getekend.append(" ".join(t.get_text() for t in staaf.fig.texts).replace("\n", " "))
        origineel(*args, **kwargs)

    staaf.fig.savefig = savefig  # type: ignore[method-assign]
    png = staaf.png_met_bron()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png != staaf.png
    assert len(getekend) == 1 and "Bron: CBS" in getekend[0]
    assert "Bron:" not in " ".join(t.get_text() for t in staaf.fig.texts)


def test_several_sources() -> None:
    t = data.load("phgsg_totalen")
    t = t[t["hoofdcijfer"] & t["percentage"].notna() & (t["geslacht"] == "totaal") & ~t["structureel"]]
    g = charts.staafdiagram(t, x="jaar", y="percentage", groep="onderwerp", titel="Per jaar")
    assert g.bron_regel.startswith("Bronnen: ")
    for b in t["bron_id"].unique():
        assert data.bron(b)["titel"] in g.bron_regel
    # rounded figures keep their own precision: 9% is not shown as 9,0%
    assert "huiselijk geweld 9%" in g.alt_tekst and "9,0%" not in g.alt_tekst
    # years are not written as 2.020
    assert "2.020" not in g.alt_tekst and "2020:" in g.alt_tekst


def test_display_is_figure_with_png_and_alt(staaf: charts.Grafiek) -> None:
    bundel = staaf._repr_mimebundle_()
    html_ = bundel["text/html"]
    assert html_.startswith("<figure") and "<figcaption" in html_ and html_.endswith("</figure>")
    assert "image/svg" not in html_
    m = re.search(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)"', html_)
    assert m, html_[:200]
    assert base64.b64decode(m.group(1))[:8] == b"\x89PNG\r\n\x1a\n"
    assert "9,2%" in m.group(2)
    assert bundel["text/plain"] == f"{staaf.alt_tekst}\n{staaf.bron_regel}"
    assert repr(staaf) == bundel["text/plain"]


def test_html_is_escaped() -> None:
    df = pd.DataFrame({"wat": ['<b>"x"</b>'], "aantal": [3], "bron_id": ["cbs_84849NED"]})
    g = charts.staafdiagram(df, x="wat", y="aantal", titel="Test & <script>")
    html_ = g._repr_html_()
    assert "<script>" not in html_ and "<b>" not in html_


def test_figure_is_not_registered_with_pyplot(staaf: charts.Grafiek) -> None:
    import matplotlib.pyplot as plt

    assert staaf.fig.number if hasattr(staaf.fig, "number") else True
    assert staaf.fig not in [plt.figure(n) for n in plt.get_fignums()]


def test_palette_is_okabe_ito(staaf: charts.Grafiek) -> None:
    okabe_ito = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#000000"}
    assert {k.lower() for k in charts.KLEUREN} == okabe_ito
    kleuren = {to_hex(p.get_facecolor()) for p in _balken(staaf)}
    assert kleuren <= okabe_ito
    assert to_hex(_balken(staaf)[0].get_facecolor()) == charts.KLEUREN[0].lower()
    # gebruik_huisstijl() still makes the house style the global default (e.g. for your own charts)
    charts.gebruik_huisstijl()
    cyclus = [to_hex(c["color"]) for c in matplotlib.rcParams["axes.prop_cycle"]]
    assert cyclus[:3] == [k.lower() for k in charts.KLEUREN[:3]]


@pytest.mark.parametrize("soort", ["staaf", "lijn"])
def test_house_style_without_les_start(soort: str) -> None:
    """No les.start or gebruik_huisstijl first, and odd global settings: the chart is still in house style,
    and drawing it leaves the global settings alone."""
    matplotlib.rcParams.update({"axes.spines.top": True, "axes.edgecolor": "red", "font.size": 20,
                                "legend.frameon": True, "xtick.color": "green"})
    voor = dict(matplotlib.rcParams)
    if soort == "staaf":
        g = charts.staafdiagram(data.load("phgsg_vormen_2020"), x="vorm", y="percentage", groep="geslacht",
                                titel="Vormen")
    else:
        vt = data.load("veilig_thuis_periodes")
        vt = vt[(vt["nauwkeurigheid"] == "exact") & (vt["periodetype"] == "halfjaar")]
        g = charts.lijndiagram(vt, x="periode", y="aantal", groep="maat", titel="Veilig Thuis")
    ax = g.fig.axes[0]
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    assert to_hex(ax.spines["left"].get_edgecolor()) == "#444444"
    assert ax.get_title(loc="left") and ax.title.get_fontweight() == "bold"
    assert ax.xaxis.label.get_size() == 11 and to_hex(ax.xaxis.label.get_color()) == charts.TEKSTKLEUR
    assert {to_hex(t.get_color()) for t in ax.get_xticklabels()} == {charts.TEKSTKLEUR}
    assert not ax.get_legend().get_frame_on()
    assert g.fig.get_dpi() == 100
    assert to_hex(ax.get_lines()[0].get_color() if soort == "lijn" else _balken(g)[0].get_facecolor()) == (
        charts.KLEUREN[0].lower())
    assert {k for k, v in voor.items() if matplotlib.rcParams[k] != v} == set()


def test_not_colour_alone_bars(staaf: charts.Grafiek) -> None:
    balken = _balken(staaf)
    per_kleur: dict[str, set] = {}
    for b in balken:
        per_kleur.setdefault(to_hex(b.get_facecolor()), set()).add(b.get_hatch() or "")
    # every group has its own hatch pattern as well as its own colour
    arceringen = [next(iter(h)) for h in per_kleur.values()]
    assert len(per_kleur) == 3 and len(set(arceringen)) == 3
    # and every bar has a value label
    labels = [t.get_text() for t in staaf.fig.axes[0].texts]
    assert len(labels) == len(balken) == 15
    assert "9,2%" in labels and "1,0%" in labels


def test_not_colour_alone_lines() -> None:
    vt = data.load("veilig_thuis_periodes")
    vt = vt[(vt["nauwkeurigheid"] == "exact") & (vt["periodetype"] == "halfjaar")]
    g = charts.lijndiagram(vt, x="periode", y="aantal", groep="maat", titel="Veilig Thuis per halfjaar",
                           voetnoot="* voorlopig cijfer")
    lijnen = g.fig.axes[0].get_lines()
    assert len(lijnen) == 2
    assert lijnen[0].get_marker() != lijnen[1].get_marker()
    assert lijnen[0].get_linestyle() != lijnen[1].get_linestyle()
    labels = {t.get_text() for t in g.fig.axes[0].texts}
    assert {"64.960", "84.935", "66.270"} <= labels
    assert g.alt_tekst.startswith("Lijndiagram: Veilig Thuis per halfjaar.")
    assert "2025 1e halfjaar: adviezen 84.935, meldingen 66.270" in g.alt_tekst
    assert "* voorlopig cijfer" in g.alt_tekst
    # Dutch numbers on the value axis
    g.fig.canvas.draw()
    ticks = [t.get_text() for t in g.fig.axes[0].get_yticklabels()]
    assert any(re.fullmatch(r"\d{2}\.000", t) for t in ticks), ticks


def test_percent_axis_is_dutch(staaf: charts.Grafiek) -> None:
    staaf.fig.canvas.draw()
    ticks = [t.get_text() for t in staaf.fig.axes[0].get_xticklabels()]
    assert "0%" in ticks and all("." not in t for t in ticks)
    assert staaf.fig.axes[0].get_xlabel() == "Percentage (%)"


def test_title_present(staaf: charts.Grafiek) -> None:
    assert "Huiselijk geweld in 2020" in staaf.fig.axes[0].get_title(loc="left")


def test_duplicates_give_a_clear_error() -> None:
    t = data.load("phgsg_totalen")
    with pytest.raises(charts.GrafiekFout, match="hoofdcijfer"):
        charts.staafdiagram(t[t["percentage"].notna()], x="jaar", y="percentage", groep="onderwerp",
                            titel="x")


def test_unknown_column_and_missing_source() -> None:
    vormen = data.load("phgsg_vormen_2020")
    with pytest.raises(charts.GrafiekFout, match="'procent' bestaat niet"):
        charts.staafdiagram(vormen, x="vorm", y="procent", titel="x")
    with pytest.raises(charts.GrafiekFout, match="bron_id"):
        charts.staafdiagram(vormen.drop(columns="bron_id"), x="vorm", y="percentage", groep="geslacht",
                            titel="x")
    g = charts.staafdiagram(vormen.drop(columns="bron_id").query("geslacht == 'totaal'"), x="vorm",
                            y="percentage", titel="x", bron="cbs_2021_nic_hg")
    assert g.bron_regel.startswith("Bron: CBS")


def test_tabel_dutch_format() -> None:
    kolommen = ["periode", "jaar", "maat", "aantal", "voorlopig"]
    t = charts.tabel(data.load("veilig_thuis_periodes").head(3), kolommen=kolommen)
    tekst = t._repr_mimebundle_()["text/plain"]
    assert "64.960" in tekst and "2019" in tekst and "2.019" not in tekst
    assert "nee" in tekst
    assert "Bronnen: Nederlands Jeugdinstituut" in tekst
    html_ = t._repr_mimebundle_()["text/html"]
    assert "<table" in html_ and "64.960" in html_
    pct = charts.tabel(data.load("phgsg_vormen_2020"), titel="Vormen")
    # values from one exact table keep one decimal, also 1,0%
    assert "8,3%" in repr(pct) and "1,0%" in repr(pct)
    assert "bron_id" not in repr(pct)


def test_tabel_too_long() -> None:
    df = pd.DataFrame({"a": range(100), "bron_id": "cbs_84849NED"})
    with pytest.raises(charts.GrafiekFout, match="rijen"):
        charts.tabel(df)


def test_tabel_of_sources_has_no_source_line() -> None:
    t = charts.tabel(data.sources().head(2), kolommen=["uitgever", "titel", "jaar"])
    assert t.bron_regel is None
    assert "2020" in repr(t) and "2.020" not in repr(t)
