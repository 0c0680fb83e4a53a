"""The no-code route beside the pandas route in the exercises of lessons 1, 2 and 6 (issue 17).

Every answer key that depends on the data (which group is highest, which half-year is missing, which source
is secondary) is recomputed here from the data package, so a data change cannot leave a wrong key behind: the
test fails and names the task. The declarations are read from the text sources (``oefening-zonder-code.md``),
the same cells the build compiles into ``src/voordeur/controles.json``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
import yaml

from voordeur import data, lessen

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

SOORTEN = {"indelen", "kiezen", "meer-kiezen", "volgorde", "formulier"}
MET_ZONDER_CODE = [x for x in lessen.lessen() if x.oefening_zonder_code]


def _specs(pad: Path) -> dict[str, dict[str, Any]]:
    import jupytext

    nb = jupytext.read(pad, fmt="md:myst")
    uit: dict[str, dict[str, Any]] = {}
    for cel in nb.cells:
        if cel.cell_type == "raw" and "controle" in cel.get("metadata", {}).get("tags", []):
            spec = yaml.safe_load(cel.source)
            uit[str(spec["opdracht"])] = spec
    return uit


def _bron(item: lessen.Les) -> Path:
    return ROOT / "lessen" / item.map / lessen.ZONDER_CODE_BRON


SPECS: dict[str, dict[str, Any]] = {}
for _item in MET_ZONDER_CODE:
    SPECS.update(_specs(_bron(_item)))


# --- the manifest and the built notebooks -----------------------------------------------------------------

def test_lessons_1_2_and_6_offer_both_routes() -> None:
    assert {x.nummer for x in MET_ZONDER_CODE} >= {1, 2, 6}
    for item in MET_ZONDER_CODE:
        assert item.oefening, f"les {item.nummer}: the no-code route sits beside an exercise with code"
        assert item.oefeningen == ((item.oefening, lessen.OEFENING_BRON),
                                   (item.oefening_zonder_code, lessen.ZONDER_CODE_BRON))
        assert _bron(item).is_file()
        for map_ in ("solutions", "exercises"):
            assert (ROOT / map_ / item.oefening_zonder_code).is_file(), f"{map_}/{item.oefening_zonder_code}"


@pytest.mark.parametrize("item", MET_ZONDER_CODE, ids=lambda x: f"les{x.nummer}")
def test_four_to_six_no_code_tasks_each_one_oefen_cell(item: lessen.Les) -> None:
    specs = _specs(_bron(item))
    assert 4 <= len(specs) <= 6, f"les {item.nummer}: {len(specs)} tasks"
    assert {s["soort"] for s in specs.values()} <= SOORTEN
    assert len({s["soort"] for s in specs.values()}) >= 3, "use several kinds, not one"
    for code in specs:
        assert code.split(".")[0] == str(item.nummer)
    for map_ in ("solutions", "exercises"):
        nb = nbformat.read(ROOT / map_ / item.oefening_zonder_code, as_version=4)
        code_cellen = [c.source for c in nb.cells if c.cell_type == "code"]
        assert not any("controleer(" in c for c in code_cellen[1:]), "the no-code route has no code to check"
        taken = [c for c in code_cellen if "oefen(" in c]
        assert taken == [f'oefen("{code}")' for code in specs], f"{map_}: one short oefen(...) cell per task"
        assert re.search(r"les\.start\(" + str(item.nummer) + r"\)", code_cellen[0])


def test_no_code_task_codes_do_not_clash_with_the_code_route() -> None:
    from voordeur.checks import opdrachten

    alle = opdrachten()
    for code in SPECS:
        assert alle.count(code) == 1, code


def test_the_exercise_overview_lists_both_routes_with_distinct_link_texts() -> None:
    from voordeur_bouw import vaste_delen

    tabel = vaste_delen.oefeningen()
    links = re.findall(r"\[([^\]]+)\]\(\.\./exercises/([^)]+)\)", tabel)
    namen = [nb for x in lessen.lessen() for nb, _ in x.oefeningen]
    assert sorted(n for _, n in links) == sorted(namen)
    assert len({t for t, _ in links}) == len(links), "two links with the same text"
    start = nbformat.read(ROOT / "notebooks" / "00-start.ipynb", as_version=4)
    assert any(tabel in c.source for c in start.cells if c.cell_type == "markdown")
    assert tabel.replace("../exercises/", "exercises/") in (ROOT / "README.md").read_text(encoding="utf-8")


def test_online_links_open_both_routes_in_exercises() -> None:
    import binder_links

    blok = binder_links.oefeningen_block(binder_links.load_settings())
    for item in MET_ZONDER_CODE:
        for naam in (item.oefening, item.oefening_zonder_code):
            assert f"lab/tree/exercises/{naam}" in blok
            assert f"path=exercises/{naam}" in blok
    assert blok in (ROOT / "docs" / "lessen-online.md").read_text(encoding="utf-8")


# --- the answer keys against the data ---------------------------------------------------------------------

def _optie(code: str, vraag: str) -> str:
    """The text of the right option of sub-question *vraag* of task *code*."""
    v = SPECS[code]["vragen"][vraag]
    return v["opties"][v["antwoord"]]


def test_1_7_and_1_9_keys_follow_the_2020_forms() -> None:
    vormen = data.load("phgsg_vormen_2020")
    vier = vormen[vormen["vorm"] != "totaal huiselijk geweld"]
    pct = vier.pivot(index="vorm", columns="geslacht", values="percentage")
    # 1.7a: coercive control is more common than physical violence, for women, men and all
    assert (pct.loc["dwingende controle"] > pct.loc["fysiek geweld"]).all()
    assert "Dwingende controle kwam vaker voor dan fysiek geweld" in _optie("1.7", "a")
    # 1.7b: women higher for every form, and men not close to zero
    assert (pct["vrouwen"] > pct["mannen"]).all()
    assert "Bij elke vorm liggen vrouwen hoger" in _optie("1.7", "b")
    assert pct.loc["fysiek geweld", "mannen"] < pct.loc["fysiek geweld", "vrouwen"]  # option D is wrong
    # 1.9: the largest gap in points and the largest ratio are two different forms
    punten = (pct["vrouwen"] - pct["mannen"]).idxmax()
    verhouding = (pct["vrouwen"] / pct["mannen"]).idxmax()
    assert _optie("1.9", "a") == punten == "dwingende controle"
    assert _optie("1.9", "b") == verhouding
    assert punten != verhouding
    for v in SPECS["1.9"]["vragen"].values():  # the options are the forms as the chart names them
        assert set(v["opties"].values()) == set(pct.index)


def test_1_8_a_quarter_more_is_the_relative_gap() -> None:
    vormen = data.load("phgsg_vormen_2020").set_index(["vorm", "geslacht"])["percentage"]
    v, m = vormen[("totaal huiselijk geweld", "vrouwen")], vormen[("totaal huiselijk geweld", "mannen")]
    assert 0.2 <= (v - m) / m < 0.3, "'ongeveer een kwart vaker' (item z3 of 1.8)"
    assert "een kwart vaker" in SPECS["1.8"]["items"]["z3"]
    assert SPECS["1.8"]["antwoorden"]["z3"] == "procent"


def test_1_11_rounding_and_definition_reasons_hold_in_the_data() -> None:
    t = data.load("phgsg_totalen")
    hg = t[(t["onderwerp"] == "huiselijk geweld") & t["hoofdcijfer"] & ~t["structureel"]
           & (t["geslacht"] == "totaal") & t["percentage"].notna()].set_index("jaar")
    assert hg.loc[2020, "nauwkeurigheid"] == "exact"
    assert set(hg.loc[[2022, 2024], "nauwkeurigheid"]) == {"afgerond"}
    assert hg.loc[2022, "percentage"] > hg.loc[2020, "percentage"], "the line goes up (the premise of 1.11)"
    assert sorted(SPECS["1.11"]["antwoord"]) == ["a", "b", "c"]
    # option f is wrong: the 2022 figure is CBS's own page, not a news report
    assert hg.loc[2022, "bron_id"].startswith("cbs_")
    assert data.bron(hg.loc[2022, "bron_id"])["uitgever"] == "CBS"


def test_2_7_per_1000_in_a_class_of_30() -> None:
    s = data.load("kindermishandeling_schattingen").set_index("studie")
    laag = s.loc["NPM-2017", "per_1000_laag"]
    assert 0.5 <= laag / 1000 * 30 < 1, "'gemiddeld bijna één kind in elke klas'"
    assert 0.2 <= laag / 100 * 30 / 30 < 0.3, "the /100 mistake gives 'ongeveer een kwart van de klas'"
    assert _optie("2.7", "a") == "Gemiddeld bijna één kind in elke klas."
    assert SPECS["2.7"]["vragen"]["a"]["opties"]["B"] == "Ongeveer een kwart van de klas."
    assert s.loc["NPM-2017", "per_1000_laag"] < s.loc["NPM-2017", "per_1000_hoog"]


def test_2_8_the_half_year_series_has_a_gap_and_falls() -> None:
    p = data.load("veilig_thuis_periodes")
    h = p[(p["periodetype"] == "halfjaar") & (p["maat"] == "meldingen")].sort_values(["jaar", "halfjaar"])
    assert "2021 2e halfjaar" not in set(h["periode"])
    assert "2e halfjaar van 2021 ontbreekt" in SPECS["2.8"]["vragen"]["a"]["hints"]["A"]
    tot_2022 = h[h["jaar"] <= 2022]["aantal"].tolist()
    assert tot_2022 == sorted(tot_2022, reverse=True), "'van 2019 tot 2022 steeds iets minder meldingen'"


def test_2_9_fewer_reports_more_advice_and_no_drop_in_spring_2020() -> None:
    p = data.load("veilig_thuis_periodes").set_index(["periode", "maat"])["aantal"]
    # b: in the same years people asked advice more often (1st half-year 2019 -> 2021)
    assert p[("2021 1e halfjaar", "adviezen")] > p[("2019 1e halfjaar", "adviezen")]
    assert p[("2021 1e halfjaar", "meldingen")] < p[("2019 1e halfjaar", "meldingen")]
    # e is wrong: spring 2020 (schools closed) had about as many reports as spring 2019
    voor, tijdens = p[("2019 1e halfjaar", "meldingen")], p[("2020 1e halfjaar", "meldingen")]
    assert abs(tijdens - voor) / voor < 0.02
    assert sorted(SPECS["2.9"]["antwoord"]) == ["a", "b", "c"]


def _melders_2023() -> Any:
    m = data.load("veilig_thuis_melders")
    return m[m["periode"] == "2023"].pivot_table(index="melder", columns="maat", values="aantal",
                                                 aggfunc="sum")


def test_2_10_who_asks_advice_and_who_reports() -> None:
    tabel = _melders_2023()
    spec = SPECS["2.10"]
    for sleutel, tekst in spec["items"].items():
        melder = tekst.split(" (")[0] if not tekst.startswith("justitie") else tekst
        assert melder in tabel.index, f"2.10 item {sleutel}: '{melder}' is not a melder in the data"
        rij = tabel.loc[melder]
        verwacht = "melding" if rij["meldingen"] > rij["adviezen"] else "advies"
        assert spec["antwoorden"][sleutel] == verwacht, f"2.10 item {sleutel} ({melder})"


def test_2_11_police_share_and_professionals_without_the_police() -> None:
    tabel = _melders_2023()
    politie = tabel.loc["justitie en veiligheid (met politie)"]
    aandeel = politie["meldingen"] / tabel.loc["totaal", "meldingen"]
    assert 0.6 <= aandeel < 0.72, "'ongeveer twee van de drie meldingen'"
    assert _optie("2.11", "a") == "Ongeveer twee van de drie meldingen."
    fout = politie["meldingen"] / tabel.loc["beroepsmatig", "meldingen"]
    assert 0.7 <= fout < 0.76, "option B: 'bijna drie van de vier' when dividing by the professionals"
    beroep = tabel.loc["beroepsmatig"]
    assert beroep["meldingen"] > beroep["adviezen"]
    assert beroep["meldingen"] - politie["meldingen"] < beroep["adviezen"] - politie["adviezen"]
    assert _optie("2.11", "b").startswith("Alleen door de politie")


OORDEEL = {"bevestigd": "bevestigd", "anders in de bron": "anders",
           "deels bevestigd (per jaar, afgeleid)": "afgeleid", "niet gevonden": "niet_gevonden"}


def test_6_6_the_judgements_match_the_table() -> None:
    b = data.load("schattingen_bronkritiek").set_index("onderwerp")
    spec = SPECS["6.6"]
    assert set(spec["categorieen"]) == set(OORDEEL.values())
    for sleutel, onderwerp in spec["items"].items():
        assert onderwerp in b.index, f"6.6 item {sleutel}: no row '{onderwerp}'"
        assert spec["antwoorden"][sleutel] == OORDEEL[b.loc[onderwerp, "oordeel"]], f"6.6 item {sleutel}"


def _getallen(tekst: str) -> list[float]:
    return [float(x.replace(".", "")) for x in re.findall(r"\d[\d.]*", tekst)]


def test_6_8_the_article_halves_a_two_year_estimate() -> None:
    rij = data.load("schattingen_bronkritiek").set_index("onderwerp").loc["huwelijksdwang"]
    assert "2011 en 2012 samen" in rij["eenheid"]
    bron, artikel = _getallen(rij["waarde_bron"]), _getallen(rij["bewering_artikel"])
    assert len(bron) == 2 and len(artikel) >= 2
    for b, a in zip(bron, artikel[:2], strict=True):
        assert abs(b / 2 - a) <= 1, (b, a)
    assert "2011 en 2012 samen" in _optie("6.8", "a")


def test_6_7_rows_say_what_the_options_claim() -> None:
    b = data.load("schattingen_bronkritiek").set_index("onderwerp")
    assert b.loc["geweld bij 16-plussers", "oordeel"] == "niet gevonden"
    assert "andere methode" in b.loc["vrouwelijke genitale verminking", "verschil"]
    assert "andere manier" in _optie("6.7", "b")


def test_6_9_original_or_second_hand_follows_the_source_status() -> None:
    bronnen = data.sources().set_index("bron_id")
    spec = SPECS["6.9"]
    for bron_id in spec["items"]:
        verwacht = "tweede_hand" if bronnen.loc[bron_id, "status"] == "secundair" else "oorspronkelijk"
        assert spec["antwoorden"][bron_id] == verwacht, f"6.9 item {bron_id}"
    gebruikt = set(data.load("schattingen_bronkritiek")["bron_id"])
    assert set(spec["items"]) <= gebruikt, "6.9 names the sources of the table shown above it"


def test_6_11_the_2020_name_and_the_years_are_in_the_data() -> None:
    t = data.load("phgsg_totalen")
    sgg = t[t["onderwerp"] == "seksueel grensoverschrijdend gedrag"]
    velden = SPECS["6.11"]["velden"]
    naam = velden["naam"]["regels"][0]["moet"][0]
    assert naam in set(sgg[sgg["jaar"] == 2020]["label"]), "the 2020 label the form asks for"
    assert naam not in set(sgg[sgg["jaar"] == 2022]["label"])
    jaren = {r["moet"][0] for r in velden["zin"]["regels"] if "moet" in r and r["moet"][0].isdigit()}
    assert jaren == {"2020", "2022"} and {2020, 2022} <= set(sgg[sgg["nauwkeurigheid"] == "exact"]["jaar"])
    assert not re.search(r"\d+,\d", velden["zin"]["voorbeeld"]), "the model answer types no figure"


def test_6_10_both_years_have_a_precise_and_a_rounded_figure() -> None:
    t = data.load("phgsg_totalen")
    sgg = t[(t["onderwerp"] == "seksueel grensoverschrijdend gedrag") & (t["geslacht"] == "totaal")
            & ~t["structureel"] & t["percentage"].notna()]
    for jaar in (2020, 2022):
        rijen = sgg[sgg["jaar"] == jaar]
        assert {"exact", "afgerond"} <= set(rijen["nauwkeurigheid"]), jaar
        assert all(b.startswith("cbs_") for b in rijen[rijen["nauwkeurigheid"] == "exact"]["bron_id"])
    assert set(sgg[sgg["jaar"] == 2020]["label"]) >= {"seksueel geweld"}
    assert sorted(SPECS["6.10"]["antwoord"]) == ["a", "b", "c"]


# --- question quality -------------------------------------------------------------------------------------

def test_the_right_option_is_not_usually_the_longest() -> None:
    punten = langste = 0
    for spec in SPECS.values():
        if spec["soort"] != "kiezen":
            continue
        for v in spec["vragen"].values():
            lengtes = {k: len(t) for k, t in v["opties"].items()}
            punten += 1
            goed = lengtes[v["antwoord"]]
            langste += goed == max(lengtes.values()) and list(lengtes.values()).count(goed) == 1
            assert set(v["hints"]) == set(v["opties"]) - {v["antwoord"]}, "every wrong option says why"
    assert punten >= 8
    assert langste <= punten // 3, f"the right option is the longest in {langste} of {punten} questions"
    letters = [v["antwoord"] for spec in SPECS.values() if spec["soort"] == "kiezen"
               for v in spec["vragen"].values()]
    assert max(map(letters.count, set(letters))) <= len(letters) // 3, f"one letter mostly right: {letters}"


def test_every_meer_kiezen_option_and_volgorde_step_has_feedback() -> None:
    for code, spec in SPECS.items():
        if spec["soort"] == "meer-kiezen":
            assert set(spec["hints"]) == set(spec["opties"]), code
            assert set(spec["antwoord"]) < set(spec["opties"]), code
        if spec["soort"] == "indelen":
            assert set(spec["hints"]) == set(spec["items"]) == set(spec["antwoorden"]), code
        if spec["soort"] == "volgorde":
            assert sorted(spec["antwoord"]) == sorted(spec["items"]), code


# --- the manifest field ------------------------------------------------------------------------------------

_LES = ("[[les]]\nnummer = {n}\nmap = 'm{n}'\ntitel = 'T'\nduur = '1'\nsamenvatting = 's'\n"
        "notebook = 'n{n}.ipynb'\n")


@pytest.mark.parametrize(("velden", "woorden"), [
    ({1: "oefening = 'a.ipynb'\noefening_zonder_code = 'a.ipynb'\n"},
     "'a.ipynb' staat ook bij les 1 (oefening)"),
    ({1: "oefening = 'a.ipynb'\n", 2: "oefening_zonder_code = 'a.ipynb'\n"},
     "les 2, veld 'oefening_zonder_code'"),
    ({1: "oefening_zonder_code = 'a-zonder-code.md'\n"}, "eindigt op .ipynb"),
    ({1: "oefening_zonder_code = 'exercises/a.ipynb'\n"}, "zonder map"),
    ({1: "oefening_zonder_code = 3\n"}, "veld 'oefening_zonder_code'"),
])
def test_a_wrong_exercise_name_is_a_dutch_message_naming_lesson_and_field(
        tmp_path: Path, velden: dict[int, str], woorden: str) -> None:
    pad = tmp_path / "lessen.toml"
    pad.write_text("".join(_LES.format(n=n) + extra for n, extra in velden.items()), encoding="utf-8")
    with pytest.raises(lessen.LessenFout) as fout:
        lessen.lessen(pad)
    assert woorden in str(fout.value) and str(pad) in str(fout.value)


def test_without_the_field_a_lesson_has_only_its_exercise(tmp_path: Path) -> None:
    pad = tmp_path / "lessen.toml"
    pad.write_text(_LES.format(n=1) + "oefening = 'a.ipynb'\n" + _LES.format(n=2), encoding="utf-8")
    een, twee = lessen.lessen(pad)
    assert een.oefening_zonder_code == "" and een.oefeningen == (("a.ipynb", "oefening.md"),)
    assert twee.oefeningen == ()


# --- the keys through the engine -------------------------------------------------------------------------

def _sleutel(spec: dict[str, Any]) -> Any:
    soort = spec["soort"]
    if soort == "indelen":
        return dict(spec["antwoorden"])
    if soort == "kiezen":
        return {k: v["antwoord"] for k, v in spec["vragen"].items()}
    if soort == "formulier":  # the model answer passes its own rules
        return {k: v["voorbeeld"] for k, v in spec["velden"].items()}
    return list(spec["antwoord"])  # meer-kiezen, volgorde


def _een_fout(spec: dict[str, Any]) -> tuple[Any, str]:
    """The key with one typical mistake, and the hint the student should then see."""
    soort = spec["soort"]
    if soort == "indelen":
        item = next(iter(spec["items"]))
        ander = next(c for c in spec["categorieen"] if c != spec["antwoorden"][item])
        return {**spec["antwoorden"], item: ander}, spec["hints"][item]
    if soort == "kiezen":
        vraag, v = next(iter(spec["vragen"].items()))
        fout = next(o for o in v["opties"] if o != v["antwoord"])
        return {**_sleutel(spec), vraag: fout}, v["hints"][fout]
    if soort == "meer-kiezen":
        fout = next(o for o in spec["opties"] if o not in spec["antwoord"])
        return [*spec["antwoord"], fout], spec["hints"][fout]
    if soort == "formulier":  # the last field without what its first rule asks for
        veld, v = list(spec["velden"].items())[-1]
        return {**_sleutel(spec), veld: "weet ik niet"}, v["regels"][0]["hint"]
    volgorde = list(spec["antwoord"])
    volgorde[0], volgorde[1] = volgorde[1], volgorde[0]
    return volgorde, spec["hints"][volgorde[0]]


@pytest.mark.parametrize("code", sorted(SPECS))
def test_the_key_is_right_and_one_mistake_gets_its_hint(code: str) -> None:
    from voordeur.checks import controleer

    goed = controleer(code, _sleutel(SPECS[code]))
    assert goed.status == "goed", (code, goed.tekst)
    antwoord, hint = _een_fout(SPECS[code])
    fb = controleer(code, antwoord)
    assert fb.status in ("deels", "fout"), (code, fb.status)
    assert " ".join(hint.split()) in " ".join(str(fb).split()), (code, str(fb))  # the per-item feedback
