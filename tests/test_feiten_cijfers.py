"""Facts corrected in issue 11 (the figures half) stay corrected.

Lessons 1, 2 and 6, their banks, exercises, data and the teacher guide: wrong or misleading claims the
audit found must not come back, the corrected data carry their caveats, answer keys follow the data, and
the banks' single-answer questions test judgement rather than reading skill (right option not
recognisable by length, branching scenarios). Sources: the Errata of the dossiers in /work/shared/sources.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
import yaml

from voordeur import checks, data, lessen
from voordeur.checks import controleer

ROOT = Path(__file__).resolve().parents[1]
BANKS = [ROOT / "data" / "quizzes" / f"{naam}.yaml" for naam in ("les1", "les2", "les6")]
NOTEBOOKS = [ROOT / "notebooks" / n for n in
             ("01-hoe-vaak.ipynb", "02-kindermishandeling-veilig-thuis.ipynb", "06-bronkritiek.ipynb")]
SOLUTIONS = [ROOT / "solutions" / f"oefening-{n}.ipynb" for n in
             ("01-hoe-vaak", "02-veilig-thuis", "06-bronkritiek")]
# the no-code route of the same lessons (issue 17) must avoid the same traps
SOLUTIONS += [ROOT / "solutions" / x.oefening_zonder_code for x in lessen.lessen()
              if x.nummer in (1, 2, 6) and x.oefening_zonder_code]
GUIDE = ROOT / "docs" / "docentenhandleiding.md"


def _cell_text(path: Path) -> str:
    """The sources of all cells (what an author wrote; outputs are checked through the data)."""
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)


def _all_text() -> dict[str, str]:
    teksten = {p.name: p.read_text(encoding="utf-8") for p in BANKS}
    teksten.update({p.name: _cell_text(p) for p in NOTEBOOKS + SOLUTIONS})
    teksten.update({p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").glob("*.csv"))})
    teksten[GUIDE.name] = GUIDE.read_text(encoding="utf-8")
    return teksten


# Claims the audit found wrong or misleading; each must never be written again.
VALKUILEN = (
    "alleen verbale agressie",            # the 31% also counts people with other forms (8 + 31 ≠ 33)
    "Veilig Thuis merkte",                 # spring 2020: H1 2020 ≈ H1 2019 in the data
    "bij elke vorm iets vaker slachtoffer",  # CBS: bijna alle vormen
    "bij huiselijk geweld komt en er kinderen wonen",  # the police report domestic violence in general
    "Scholen noemden dat in een gesprek",  # unsourced
    "de bron ging over **één jaar**",      # NPM is a year prevalence: 'per jaar' is right
    "ooit slachtoffer van kindermishandeling",  # pupils' rows are past-year, not 'ooit'
    "meldingen per 1.000 kinderen in Nederland",  # 2.3 divided all meldingen by all children
)


@pytest.mark.parametrize("valkuil", VALKUILEN)
def test_corrected_claims_do_not_come_back(valkuil: str) -> None:
    gevonden = [naam for naam, tekst in _all_text().items() if valkuil.lower() in tekst.lower()]
    assert not gevonden, f"'{valkuil}' staat weer in: {', '.join(gevonden)}"


# --- data ------------------------------------------------------------------------------------------------

def test_pupils_rows_are_past_year_scholierenonderzoek_2016() -> None:
    df = data.load("movisie_factsheet_2021")
    scholieren = df[df["groep"].str.contains("scholieren")]
    assert sorted(scholieren["percentage"]) == [10, 12, 15]
    for _, rij in scholieren.iterrows():
        assert "afgelopen jaar" in rij["onderwerp"] and "afgelopen jaar" in rij["periode"]
        assert "ooit" not in rij["onderwerp"] + rij["periode"]
        assert "Scholierenonderzoek Kindermishandeling 2016" in rij["oorspronkelijke_bron"]
        assert "NPM" not in rij["oorspronkelijke_bron"]
        assert "2016" in rij["periode"]


def test_verbal_aggression_row_counts_other_forms_too() -> None:
    effect = data.load("definitie_effect").set_index("definitie")
    verbaal = effect.loc["verbale agressie (ook met andere vormen)"]
    assert verbaal["percentage"] == 31
    assert "ook als" in verbaal["uitleg"]
    # the groups overlap: 8% + 31% is more than the 33% of everyone together
    assert effect.loc["zonder verbale agressie", "percentage"] + verbaal["percentage"] \
        > effect.loc["met verbale agressie", "percentage"]


def _bereik(tekst: str) -> tuple[int, int]:
    getallen = [int(g.replace(".", "")) for g in re.findall(r"\d[\d.]*\d|\d", tekst)]
    return getallen[0], getallen[1]


@pytest.mark.parametrize("onderwerp", ["achterlating", "huwelijksdwang"])
def test_vj_ranges_are_two_years_and_the_article_gives_half(onderwerp: str) -> None:
    df = data.load("schattingen_bronkritiek")
    rij = df[df["onderwerp"] == onderwerp].iloc[0]
    assert rij["oordeel"] == "deels bevestigd (per jaar, afgeleid)"
    assert "2011 en 2012 samen" in rij["eenheid"]
    artikel = _bereik(rij["bewering_artikel"])
    bron = _bereik(rij["waarde_bron"])
    # the article's range is the two-year range halved, rounded (1.631 / 2 = 815,5; 674 / 2 = 337 vs 338)
    assert all(abs(a - b / 2) <= 1 for a, b in zip(artikel, bron, strict=True)), (artikel, bron)


def test_119000_critique_is_reference_year_and_bijna_not_per_jaar() -> None:
    df = data.load("schattingen_bronkritiek")
    rij = df[df["onderwerp"] == "kinderen slachtoffer in 2010"].iloc[0]
    assert "'Per jaar' klopt" in rij["verschil"]
    assert "2010" in rij["verschil"] and "bijna" in rij["verschil"]
    les6 = _cell_text(NOTEBOOKS[2])
    assert '"per jaar" klopt' in les6 and "**2010**" in les6


def test_missing_2021_h2_is_recorded_not_derived() -> None:
    vt = data.load("veilig_thuis_periodes")
    assert vt[(vt["jaar"] == 2021) & (vt["halfjaar"] == 2)].empty  # no derived figure stored
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "2021 2e halfjaar" in readme and "nieuwsnl_2022_veilig_thuis" in readme
    assert data.bron("nieuwsnl_2022_veilig_thuis")["url"].startswith("https://nieuws.nl/")


# --- exercises -------------------------------------------------------------------------------------------

def test_2_4_key_is_the_lowest_half_year_in_the_table_and_says_what_is_missing() -> None:
    vt = data.load("veilig_thuis_periodes")
    halfjaren = vt[(vt["periodetype"] == "halfjaar") & (vt["maat"] == "meldingen")]
    assert checks.taak("2.4").verwacht() == halfjaren.sort_values("aantal")["periode"].iloc[0]
    assert "in de tabel" in checks.taak("2.4").titel
    fb = controleer("2.4", checks.taak("2.4").verwacht())
    assert fb.goed and "2e halfjaar van 2021" in fb.tekst
    solution = _cell_text(SOLUTIONS[1])
    assert "halfjaar in de tabel" in solution and "2e halfjaar van 2021" in solution


def test_2_3_compares_adviezen_and_meldingen_of_the_same_year() -> None:
    vt = data.load("veilig_thuis_periodes")
    jaar = vt[vt["periode"] == "2023"].set_index("maat")["aantal"]
    assert checks.taak("2.3").verwacht() == pytest.approx(jaar["adviezen"] / jaar["meldingen"])
    assert controleer("2.3", jaar["adviezen"] / jaar["meldingen"]).goed
    kinderen = data.load("bevolking").query("groep == '0 tot 18 jaar'")["personen"].item()
    oud = jaar["meldingen"] / kinderen * 1000
    assert not controleer("2.3", oud).goed


# --- lesson text -----------------------------------------------------------------------------------------

def test_trend_chart_and_key_points_name_the_2022_definition_change() -> None:
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    grafiek = next(c for c in nb.cells if c.cell_type == "code" and "lijndiagram" in c.source)
    assert "vanaf 2022 een andere definitie" in grafiek.source
    assert any("vanaf 2022 een andere definitie" in str(o) for o in grafiek.outputs), "re-run the lesson"
    kern = next(c.source for c in nb.cells if c.source.startswith("## Kernpunten"))
    assert "Vanaf 2022 telt huiselijk geweld anders" in kern
    assert "huiselijk geweld steeg van 8,3% naar 9%" in GUIDE.read_text(encoding="utf-8").lower()


def test_pupil_gap_is_also_definition_and_population() -> None:
    les2 = _cell_text(NOTEBOOKS[1])
    assert "**definitie**" in les2 and "**groep**" in les2 and "één keer" in les2


def test_police_report_in_general() -> None:
    for tekst in (_cell_text(NOTEBOOKS[1]), (ROOT / "data" / "quizzes" / "les2.yaml").read_text("utf-8")):
        assert "niet alleen als er kinderen wonen" in tekst


# --- question quality ------------------------------------------------------------------------------------

def _banks() -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in BANKS]


def _decision_points() -> list[tuple[str, list[dict[str, Any]]]]:
    punten = []
    for bank in _banks():
        for v in bank["vragen"]:
            if v["type"] == "enkel":
                punten.append((v["id"], v["opties"]))
            elif v["type"] == "scenario":
                punten += [(f"{v['id']}/{p['id']}", p["opties"]) for p in v["punten"]]
    return [(naam, g) for naam, g in punten if sum(o.get("goed") is True for o in g) == 1]


def test_most_points_have_three_options_and_every_option_says_why() -> None:
    punten = _decision_points()
    assert sum(len(g) >= 3 for _, g in punten) * 4 >= len(punten) * 3
    for naam, g in punten:
        for o in g:
            assert len(o.get("feedback", "").split()) >= 5, f"{naam}: feedback too short for '{o['tekst']}'"


def _scenarios(bank_naam: str) -> list[dict[str, Any]]:
    bank = yaml.safe_load((ROOT / "data" / "quizzes" / f"{bank_naam}.yaml").read_text(encoding="utf-8"))
    return [v for v in bank["vragen"] if v["type"] == "scenario"]


@pytest.mark.parametrize("bank_naam", ["les1", "les6"])
def test_scenarios_branch_to_a_recovery_point(bank_naam: str) -> None:
    for v in _scenarios(bank_naam):
        punten = {p["id"]: p for p in v["punten"]}
        # a point where a poor but plausible choice leads to its own next point
        slecht_naar = [o["naar"] for p in v["punten"] for o in p["opties"] if not o["goed"] and o.get("naar")]
        assert slecht_naar, f"{v['id']}: no poor choice leads to its own point"
        assert any(len({o.get("naar") for o in p["opties"] if o.get("naar")}) >= 2 for p in v["punten"])
        for pid in slecht_naar:
            assert any(o["goed"] for o in punten[pid]["opties"]), f"{v['id']}/{pid}: no way to recover"


def _only_after_a_poor_choice(v: dict[str, Any]) -> set[str]:
    """Endings that no all-good path reaches."""
    punten = {p["id"]: p for p in v["punten"]}
    goed_bereikt, te_doen, gezien = set(), [v["start"]], set()
    while te_doen:
        pid = te_doen.pop()
        if pid in gezien:
            continue
        gezien.add(pid)
        for o in punten[pid]["opties"]:
            if o["goed"]:
                if o.get("naar"):
                    te_doen.append(o["naar"])
                else:
                    goed_bereikt.add(o["uitkomst"])
    return {u["id"] for u in v["uitkomsten"]} - goed_bereikt


@pytest.mark.parametrize("bank_naam", ["les1", "les2", "les6"])
def test_endings_after_a_poor_path_are_named_so(bank_naam: str) -> None:
    for v in _scenarios(bank_naam):
        titels = {u["id"]: u["titel"] for u in v["uitkomsten"]}
        for uid in _only_after_a_poor_choice(v):
            assert "gedeeltelijk goed" not in titels[uid].lower(), f"{v['id']}: {titels[uid]}"
        assert "gedeeltelijk goed" not in " ".join(titels.values()).lower()


def test_banks_were_versioned() -> None:
    assert all(bank["versie"] >= 2 for bank in _banks())


def test_bank_figures_on_the_vj_case_are_the_data_figures() -> None:
    """The new les6 question quotes the article and the source exactly as the data package has them.

    (Every ``getal`` key is checked against the data in tests/test_lessons.py.)
    """
    bank = yaml.safe_load((ROOT / "data" / "quizzes" / "les6.yaml").read_text(encoding="utf-8"))
    vraag = next(v for v in bank["vragen"] if v["id"] == "l6-achterlating-per-jaar")
    rij = data.load("schattingen_bronkritiek").query("onderwerp == 'achterlating'").iloc[0]
    casus = vraag["casus"].replace("**", "")
    artikel, bron = _bereik(rij["bewering_artikel"]), _bereik(rij["waarde_bron"])
    assert f"{artikel[0]} tot {artikel[1]}" in casus
    assert rij["waarde_bron"] in casus and "2011 en 2012 samen" in casus
    goed = next(o for o in vraag["opties"] if o["goed"])
    assert rij["oordeel"].split(" (")[0].lower() in goed["tekst"].lower() and "per jaar" in goed["tekst"]
    assert bron[0] // 2 == artikel[0]
