"""Lesson 10 (issue 17) keeps its traps right: elder-abuse prevalence with its population and period, the
LVB share that is not 15%, and why both kinds of figures are weak.

Sources: docs/dev/bronnen/lessen-9-10.md (B1.6, B2.1, B2.3, part D), prevalence-figures.md 5.1 and the
audit of the draft (/work/wt/audit17/les10.md, findings L10-01 to L10-09).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from voordeur import data
from voordeur.checks import controleer

ROOT = Path(__file__).resolve().parents[1]
LES = ROOT / "notebooks" / "10-ouderen-en-lvb.ipynb"
OPLOSSING = ROOT / "solutions" / "oefening-10-ouderen-en-lvb.ipynb"
BANK = ROOT / "data" / "quizzes" / "les10.yaml"
GIDS = ROOT / "lessen" / "10-ouderen-en-lvb" / "docent.md"


def _tekst(pad: Path) -> str:
    if pad.suffix == ".ipynb":
        return "\n".join(c.source for c in nbformat.read(pad, as_version=4).cells)
    return pad.read_text(encoding="utf-8")


TEKSTEN = {p.name: _tekst(p) for p in (LES, OPLOSSING, BANK, GIDS)}


def _alineas():
    for naam, tekst in TEKSTEN.items():
        for alinea in re.split(r"\n\s*\n|\n- ", tekst):  # paragraphs and list items
            yield naam, " ".join(alinea.split())


def test_elder_abuse_figure_has_its_population_and_period_in_the_data() -> None:
    df = data.load("ouderenmishandeling_2018")
    totaal = df[df["indicator"] == "alle vormen samen"].iloc[0]
    assert totaal["percentage"] == 5.5
    assert totaal["groep"] == "thuiswonende 65-plussers" and totaal["periode"] == "ooit sinds de 65e"
    jaar = df[df["periode"] == "in één jaar"].iloc[0]
    # published as "een op de vijftig" only: no percentage is derived
    assert jaar["een_op"] == 50 and str(jaar["percentage"]) == "nan"
    namen = ["financiële uitbuiting", "psychische mishandeling", "lichamelijke mishandeling"]
    vormen = df[df["indicator"].isin(namen)].sort_values("percentage", ascending=False)
    assert vormen["indicator"].iloc[0] == "financiële uitbuiting"


def test_every_5_5_percent_says_home_dwelling_and_since_65() -> None:
    # the trap: "1 op de 20 per jaar"; every paragraph that gives the 5,5% also says for whom and since when
    for naam, alinea in _alineas():
        if "5,5%" in alinea:
            assert "thuiswonend" in alinea or "thuis wonen" in alinea, (naam, alinea[:120])
            assert re.search(r"sinds (hun |de )?65e", alinea), (naam, alinea[:120])


def test_one_in_twenty_per_year_is_only_named_as_a_mistake() -> None:
    fout = re.compile(
        r"(1|een) op de 20 ouderen (wordt )?(elk|per) jaar|jaarlijks krijgt naar schatting 1 op de 20",
        re.IGNORECASE,
    )
    for naam, alinea in _alineas():
        if fout.search(alinea):
            uitleg = re.search(r"sinds|door elkaar|fout|mis\b|klopt niet|verkeerde maat", alinea)
            assert uitleg, (naam, alinea[:160])


def test_lvb_share_is_not_fifteen_percent() -> None:
    lvb = data.load("lvb_schattingen")
    lvb_rijen = lvb[lvb["telt_als_lvb"]]
    assert sorted(lvb_rijen["personen"]) == [370000, 730000]
    assert set(lvb_rijen["bron_id"]) == {"rivm_vzinfo_verstandelijke_beperking"}
    bank = yaml.safe_load(BANK.read_text(encoding="utf-8"))
    vraag = next(v for v in bank["vragen"] if v["id"] == "l10-lvb-aantal")
    goed = next(o for o in vraag["opties"] if o.get("goed"))
    assert goed["tekst"].startswith("Te hoog")
    for naam, alinea in _alineas():
        if re.search(r"15 ?%", alinea) and "LVB" in alinea.upper():
            uitleg = r"te hoog|overschatting|verkeerde maat|alleen het IQ|telt niet mee|IQ van 50 tot 85"
            assert re.search(uitleg, alinea, re.IGNORECASE), (naam, alinea[:160])


def test_no_derived_lvb_total_is_presented() -> None:
    # 370.000 + 730.000 is not a published figure (audit: never type or derive a figure)
    for naam, tekst in TEKSTEN.items():
        assert "1,1 miljoen" not in tekst, naam


def test_why_figures_are_weak_is_taught() -> None:
    les = TEKSTEN[LES.name]
    redenen = ("topje van de ijsberg", "fit en hoger opgeleid", "thuis wonen", "melden", "andere definities")
    for reden in redenen:
        assert reden in les, reden
    assert "geen register" in les  # LVB: estimates only


def test_question_wording_explains_61_and_72() -> None:
    df = data.load("beperkt_weerbaar_2011").set_index(["geslacht", "vraagwijze"])["percentage"]
    assert df[("vrouwen", "algemene vraag")] == 61 and df[("vrouwen", "per vorm gevraagd")] == 72
    assert df[("mannen", "algemene vraag")] == 23 and df[("mannen", "per vorm gevraagd")] == 44


def test_capacity_rule_is_about_care_and_money_goes_via_the_court() -> None:
    # audit L10-01: the huisarts does not decide about money; the kantonrechter sets up bewind
    les = " ".join(TEKSTEN[LES.name].split())
    assert "zorg en behandeling" in les and "kantonrechter" in les
    bank = BANK.read_text(encoding="utf-8")
    assert "voor deze beslissing over geld" not in bank
    assert "Iemand kan over geld niet goed kunnen beslissen" not in bank


def test_representatives_grandparents_only_under_the_wzd() -> None:
    # audit L10-02: grandparents and grandchildren are in the Wzd list, not keyed as the general rule
    bank = yaml.safe_load(BANK.read_text(encoding="utf-8"))
    vraag = next(v for v in bank["vragen"] if v["id"] == "l10-vertegenwoordiger")
    assert vraag["items"][-1].startswith("Een ouder, kind, broer of zus (in de Wet zorg en dwang")


@pytest.mark.parametrize(("antwoord", "status"), [
    ({"1": "meldcode", "2": "igj", "3": "igj", "4": "meldcode", "5": "geen", "6": "igj", "7": "wmo"},
     "goed"),
    ({"1": "igj", "2": "igj", "3": "meldcode", "4": "meldcode", "5": "geen", "6": "igj", "7": "igj"},
     "deels"),
])
def test_route_task_judges_by_relation_not_place(antwoord: dict, status: str) -> None:
    fb = controleer("10.2", antwoord)
    assert fb.status == status
    if status == "deels":
        tekst = str(fb)
        assert "wie is de pleger" in tekst.lower() or "relatie" in tekst.lower()
