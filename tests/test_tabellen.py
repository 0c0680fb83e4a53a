"""Tables and charts read like a course (issue 16.8): Dutch headings, which source gives which number,
a chart's source printed once. Unit tests of the helpers, then a check over the built notebooks' stored
HTML outputs (lessons, solutions and exercises from the manifest)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from voordeur import charts, data, koppen
from voordeur.lessen import LESSEN

ROOT = Path(__file__).resolve().parents[1]
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")


def test_every_field_of_the_data_package_gets_a_readable_dutch_heading() -> None:
    for naam in [*data.datasets(), "sources"]:
        for veld in data.schema(naam)["fields"]:
            kop = koppen.kop(veld["name"])
            assert "_" not in kop and kop[:1].isupper(), (naam, veld["name"], kop)
    assert koppen.kop("waarde_bron") == "Cijfer in de bron"
    assert koppen.kop("hoofdcijfer") == "Hoofdcijfer"
    assert koppen.kop("nieuwe_kolom_2") == "Nieuwe kolom 2"  # a new dataset never shows snake_case


def test_tabel_uses_dutch_headings_and_namen_wins() -> None:
    schattingen = data.load("schattingen_bronkritiek").head(2)
    t = charts.tabel(schattingen, kolommen=["onderwerp", "waarde_bron", "eenheid"])
    assert list(t.df.columns) == ["Onderwerp", "Cijfer in de bron", "Eenheid"]
    assert "waarde_bron" not in t._repr_html_() and "waarde_bron" not in repr(t)
    t = charts.tabel(schattingen, kolommen=["onderwerp", "waarde_bron"], namen={"waarde_bron": "Cijfer"})
    assert list(t.df.columns)[-1] == "Cijfer"
    with pytest.raises(charts.GrafiekFout, match="dezelfde kop"):
        charts.tabel(schattingen, kolommen=["onderwerp", "eenheid"], namen={"eenheid": "Onderwerp"})


def test_one_figure_from_several_sources_says_which_source_gives_which_number() -> None:
    totalen = data.load("phgsg_totalen")
    rijen = totalen.query("jaar == 2020 and geslacht == 'totaal' and onderwerp == 'huiselijk geweld' "
                          "and not structureel and percentage.notna()")
    assert rijen["bron_id"].nunique() > 1, "the test needs one figure from several sources"
    t = charts.tabel(rijen, kolommen=["onderwerp", "percentage"])
    assert list(t.df.columns) == ["Onderwerp", "Percentage", "Bron"]
    namen = charts.bron_namen(rijen["bron_id"])
    for (_, rij), getoond in zip(rijen.iterrows(), t.df["Bron"], strict=True):
        assert getoond == namen[rij["bron_id"]]
        assert getoond.split(" (")[0] == data.bron(rij["bron_id"])["uitgever"]
    # one source: no column, the source line says it
    een = rijen[rijen["bron_id"] == rijen["bron_id"].iloc[0]]
    assert "Bron" not in charts.tabel(een, kolommen=["onderwerp", "percentage"]).df.columns


def test_short_source_names_get_the_title_when_they_would_be_the_same() -> None:
    bronnen = data.sources()
    dubbel = bronnen[bronnen.duplicated(["uitgever", "jaar"], keep=False)]
    if dubbel.empty:
        pytest.skip("no two sources with the same publisher and year")
    twee = list(dubbel["bron_id"].iloc[:2])
    namen = charts.bron_namen(twee)
    assert len(set(namen.values())) == 2
    assert all(data.bron(b)["titel"] in namen[b] for b in twee)


def test_data_toon_shows_dutch_headings_with_the_name_to_type() -> None:
    t = data.toon(data.load("bevolking"))
    html_ = t._repr_html_()
    assert '<th scope="col" style="text-align:left">Aantal personen<br><code' in html_
    assert "<code style=\"font-weight:normal\">personen</code>" in html_
    assert "Aantal personen (personen)" in repr(t)
    assert "14.300.000" in repr(t)  # Dutch numbers, no index column
    assert not re.search(r"<th[^>]*>\s*0\s*</th>", html_)
    assert data.toon(data.load("bevolking")["personen"]).df.columns.tolist() == ["Aantal personen"]
    with pytest.raises(data.DataFout, match=r"data\.toon laat een tabel zien"):
        data.toon("bevolking")


# --- the built notebooks ----------------------------------------------------------------------------------


def _gebouwd() -> list[Path]:
    paden = [ROOT / "notebooks" / les.bestand for les in LESSEN]
    for les in LESSEN:
        if les.oefening:
            paden += [ROOT / "solutions" / les.oefening, ROOT / "exercises" / les.oefening]
    return [p for p in paden if p.exists()]


def _html_uitvoer(pad: Path) -> list[tuple[int, str]]:
    nb = json.loads(pad.read_text(encoding="utf-8"))
    uit = []
    for i, cel in enumerate(nb["cells"]):
        for o in cel.get("outputs", []):
            h = o.get("data", {}).get("text/html")
            if h:
                uit.append((i, "".join(h) if isinstance(h, list) else h))
    return uit


@pytest.mark.parametrize("pad", _gebouwd(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_stored_tables_have_dutch_headings_and_say_which_source(pad: Path) -> None:
    for cel, h in _html_uitvoer(pad):
        for tabel in re.findall(r"<table.*?</table>(?:<p[^>]*>[^<]*</p>)?", h, flags=re.S):
            assert 'class="dataframe"' not in tabel, f"{pad.name} cel {cel}: een kale pandas-tabel"
            for kop in re.findall(r"<th[^>]*>(.*?)</th>", tabel, flags=re.S):
                zichtbaar = re.sub(r"<code[^>]*>.*?</code>", "", kop)  # the name to type may be shown
                assert not SNAKE.search(zichtbaar), f"{pad.name} cel {cel}: kop {zichtbaar!r}"
            if re.search(r"</table><p[^>]*>Bronnen: ", tabel):
                koppen_ = re.findall(r"<th[^>]*>([^<]*)", tabel)
                assert "Bron" in koppen_, f"{pad.name} cel {cel}: meer bronnen, maar geen kolom Bron"


@pytest.mark.parametrize("pad", _gebouwd(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_stored_charts_print_their_source_once(pad: Path) -> None:
    for cel, h in _html_uitvoer(pad):
        if "vd-grafiek" not in h:
            continue
        zonder_beeld = re.sub(r"<img[^>]*>", "", h)
        assert len(re.findall(r"Bronn?e?n?: ", zonder_beeld)) == 1, f"{pad.name} cel {cel}"


def test_a_bare_dataframe_would_fail_the_stored_table_check() -> None:
    kaal = pd.DataFrame({"waarde_bron": [1]}).to_html()
    assert 'class="dataframe"' in kaal
