"""The six lesson notebooks and their quiz banks keep their promises.

- fixed parts: title, learning goals, content note with help lines, first code cell, key points, sources
  with URLs, navigation (identical to what ``tools/build.py`` injects);
- code cells are short, carry a slide type, and type no figures (figures come from ``data.load``);
- every bank validates, has at least 8 questions, lessons 3-5 have a branching scenario, every question
  a notebook shows exists, and every ``getal`` key with a ``data:`` reference matches the data package;
- no known traps from the source dossier (wrong names, wrong dates, terms that do not exist).
"""

from __future__ import annotations

import ast
import math
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from voordeur import data, quiz
from voordeur.lessen import LESSEN
from voordeur_bouw import vaste_delen

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
QUIZZEN = ROOT / "data" / "quizzes"
LESNUMMERS = [les.nummer for les in LESSEN if les.nummer >= 1]  # every lesson in the manifest after the start
HULPLIJNEN = ("112", "0800-2000", "0800-0432")
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}

# Corrections and traps from the source dossier (section 8): these strings must never appear.
VALKUILEN = (
    "Ingezette",  # JIM = Jouw Ingebrachte Mentor
    "1 januari 2013",  # the Wet verplichte meldcode took effect on 1 July 2013
    "1 januari 2012",
    "disproportionele hulp",  # not found in any meldcode source
    "meldplicht voor scholen",
    "Handle with Care is landelijk",
)
# Kindertelefoon opening hours are unconfirmed: no clock times next to the Kindertelefoon.
KLOKTIJD = re.compile(r"\b\d{1,2}[.:]\d{2}\s*(uur|tot|-|–)")


def notebook(nummer: int) -> nbformat.NotebookNode:
    les = next(x for x in LESSEN if x.nummer == nummer)
    return nbformat.read(NOTEBOOKS / les.bestand, as_version=4)


def bank_pad(nummer: int) -> Path:
    """The lesson's bank, as the manifest names it (``les3`` for lesson 3)."""
    return QUIZZEN / f"{next(x for x in LESSEN if x.nummer == nummer).bank}.yaml"


def cellen_met_tag(nb: nbformat.NotebookNode, tag: str) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]


def code_cellen(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code"]


# --- fixed parts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_volgorde_van_de_vaste_delen(nummer):
    nb = notebook(nummer)
    cellen = nb.cells
    assert "kop" in cellen[0].metadata.get("tags", [])
    assert cellen[1].cell_type == "markdown" and cellen[1].source.startswith("## Leerdoelen")
    assert "veilig-leren" in cellen[2].metadata.get("tags", [])
    assert cellen[3].cell_type == "code"
    assert cellen[-3].cell_type == "markdown" and cellen[-3].source.startswith("## Kernpunten")
    assert "bronnen" in cellen[-2].metadata.get("tags", [])
    assert "navigatie" in cellen[-1].metadata.get("tags", [])


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_leerdoelen_en_kernpunten(nummer):
    nb = notebook(nummer)
    leerdoelen = next(c for c in nb.cells if c.source.startswith("## Leerdoelen"))
    doelen = [r for r in leerdoelen.source.splitlines() if r.startswith("- ")]
    assert 3 <= len(doelen) <= 5, f"Les {nummer}: {len(doelen)} leerdoelen (3 tot 5 verwacht)"
    kernpunten = next(c for c in nb.cells if c.source.startswith("## Kernpunten"))
    assert len([r for r in kernpunten.source.splitlines() if r.startswith("- ")]) >= 3


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_inhoudswaarschuwing_met_hulplijnen(nummer):
    (cel,) = cellen_met_tag(notebook(nummer), "veilig-leren")
    assert cel.source == vaste_delen.veilig_leren(nummer)
    for lijn in HULPLIJNEN:
        assert lijn in cel.source


VASTE_TAGS = set(vaste_delen.TAGS)
CSG = "0800-0188"  # Centrum Seksueel Geweld (data/sources.csv: ggd_fryslan_2022_csg)


def behandelt_seksueel_geweld(nb) -> bool:
    """Sexual violence is a topic of the lesson: named 3+ times in its own cells (text and outputs)."""
    tekst = " ".join(
        c.source + " " + " ".join(str(o) for o in c.get("outputs", []))
        for c in nb.cells if not VASTE_TAGS & set(c.get("metadata", {}).get("tags", []))
    )
    return tekst.lower().count("seksue") >= 3


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_les_over_seksueel_geweld_noemt_centrum_seksueel_geweld(nummer):
    nb = notebook(nummer)
    (cel,) = cellen_met_tag(nb, "veilig-leren")
    if behandelt_seksueel_geweld(nb):
        assert next(x for x in LESSEN if x.nummer == nummer).seksueel_geweld, (
            f"Les {nummer} gaat over seksueel geweld: zet seksueel_geweld=True in lessen.py")
        assert CSG in cel.source, f"Les {nummer} gaat over seksueel geweld maar noemt {CSG} niet"
    assert (CSG in cel.source) == next(x for x in LESSEN if x.nummer == nummer).seksueel_geweld


def test_hulplijn_seksueel_geweld_alleen_waar_nodig():
    met, zonder = vaste_delen.veilig_leren(1), vaste_delen.veilig_leren(5)
    assert f"**{CSG}**" in met and "Centrum Seksueel Geweld" in met
    assert CSG not in zonder and CSG not in vaste_delen.veilig_leren()
    for lijn in HULPLIJNEN:
        assert f"**{lijn}**" in met and f"**{lijn}**" in zonder
    assert {x.nummer for x in LESSEN if x.seksueel_geweld} >= {1, 6}


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_bronnen_met_urls(nummer):
    nb = notebook(nummer)
    (cel,) = cellen_met_tag(nb, "bronnen")
    ids = nb.metadata["voordeur"]["bronnen"]
    assert ids, f"Les {nummer}: geen bronnen in de metadata"
    bekend = set(data.sources()["bron_id"])
    assert not set(ids) - bekend
    regels = [r for r in cel.source.splitlines() if r.startswith("- ")]
    assert len(regels) == len(ids)
    assert all(re.search(r"<https?://\S+>", r) for r in regels)


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_eerste_codecel_start_de_les(nummer):
    eerste = code_cellen(notebook(nummer))[0]
    assert eerste.source.splitlines()[:2] == ["from voordeur import les", f"les.start({nummer})"]


def test_vaste_delen_gelijk_aan_generator():
    # the fixed parts are injected by the build (issue 12): `tools/build.py --check` compares every built
    # notebook's cells with a fresh conversion + injection of its text source
    resultaat = subprocess.run([sys.executable, str(ROOT / "tools" / "build.py"), "--check"],
                               capture_output=True, text=True, cwd=ROOT)
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_navigatie_en_kop(nummer):
    nb = notebook(nummer)
    assert cellen_met_tag(nb, "kop")[0].source == vaste_delen.kop(nummer)
    assert cellen_met_tag(nb, "navigatie")[0].source == vaste_delen.navigatie(nummer)


# --- code cells and slides ---------------------------------------------------------------------------


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_elke_cel_heeft_een_diatype(nummer):
    for cel in notebook(nummer).cells:
        soort = cel.metadata.get("slideshow", {}).get("slide_type")
        assert soort in SLIDE_TYPES, f"Les {nummer}: cel zonder diatype: {cel.source[:60]!r}"
    for cel in code_cellen(notebook(nummer))[:2]:
        assert cel.metadata["slideshow"]["slide_type"] == "skip"


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_codecellen_kort_en_zonder_getypte_cijfers(nummer):
    for i, cel in enumerate(code_cellen(notebook(nummer))):
        regels = [r for r in cel.source.splitlines() if r.strip()]
        assert len(regels) <= 6, f"Les {nummer}: codecel te lang ({len(regels)} regels)"
        if i == 0:
            continue  # les.start(N) is the one number allowed
        boom = ast.parse(cel.source)
        getallen = [n.value for n in ast.walk(boom)
                    if isinstance(n, ast.Constant) and isinstance(n.value, int | float)
                    and not isinstance(n.value, bool)]
        assert not getallen, f"Les {nummer}: getal {getallen} getypt in een codecel; haal het uit data.load()"


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_geen_foutmeldingen_in_uitvoer(nummer):
    for cel in code_cellen(notebook(nummer)):
        for uit in cel.get("outputs", []):
            assert uit.get("output_type") != "error", cel.source
            tekst = uit.get("data", {}).get("text/plain", "") + uit.get("text", "")
            assert "Traceback" not in tekst and "⚠ Let op:" not in tekst, cel.source


# --- quiz banks --------------------------------------------------------------------------------------


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_bank_is_geldig(nummer):
    problemen = quiz.controleer_bank(bank_pad(nummer))
    assert not problemen, "\n".join(str(p) for p in problemen)


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_minstens_acht_vragen(nummer):
    bank = quiz.laad_bank(bank_pad(nummer))
    assert len(bank.vragen) >= 8
    assert all(v.les == nummer for v in bank.vragen)


@pytest.mark.parametrize("nummer", [3, 4, 5])
def test_vertakkend_scenario_in_les_3_tot_5(nummer):
    bank = quiz.laad_bank(bank_pad(nummer))
    scenarios = [v for v in bank.vragen if v.type == "scenario"]
    assert scenarios
    # branching: at least one scenario has a point whose options lead to different places
    def vertakt(v):
        return any(len({o.naar or f"uitkomst:{o.uitkomst}" for o in p.opties}) > 1 for p in v.punten)
    assert any(vertakt(v) for v in scenarios)


def test_alle_vraagtypen_en_settings_komen_voor():
    typen, settings = set(), set()
    for nummer in LESNUMMERS:
        for v in quiz.laad_bank(bank_pad(nummer)).vragen:
            typen.add(v.type)
            settings.add(v.setting)
    assert typen == {"enkel", "meer", "volgorde", "getal", "scenario"}
    assert {"school", "kinderopvang", "wijkteam", "ouderenzorg", "sportclub", "jongerenwerk"} <= settings


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_getalvragen_hebben_feedback(nummer):
    for v in quiz.laad_bank(bank_pad(nummer)).vragen:
        if v.type == "getal":
            assert v.feedback_goed and v.feedback_te_laag and v.feedback_te_hoog, v.id


@pytest.mark.parametrize("nummer", [1, 2, 6])
def test_getalvragen_in_cijferlessen_verwijzen_naar_data(nummer):
    getal = [v for v in quiz.laad_bank(bank_pad(nummer)).vragen if v.type == "getal"]
    assert getal, f"Les {nummer} heeft geen getal-vragen"
    assert all(v.data is not None for v in getal), [v.id for v in getal if v.data is None]


def _als_getal(waarde) -> float:
    if isinstance(waarde, str):
        tekst = waarde.strip().replace(".", "").replace(",", ".")
        return float(tekst)
    return float(waarde)


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_getal_antwoord_klopt_met_de_data(nummer):
    for v in quiz.laad_bank(bank_pad(nummer)).vragen:
        if v.type != "getal" or v.data is None:
            continue
        df = data.load(v.data.dataset)
        masker = None
        for kolom, waarde in v.data.waar.items():
            stap = df[kolom].astype(str) == str(waarde)
            masker = stap if masker is None else masker & stap
        rijen = df[masker] if masker is not None else df
        assert len(rijen) == 1, f"{v.id}: {len(rijen)} rijen in {v.data.dataset} voor {v.data.waar}"
        waarde = _als_getal(rijen.iloc[0][v.data.kolom])
        assert math.isclose(waarde, v.antwoord, abs_tol=1e-9), f"{v.id}: data {waarde}, sleutel {v.antwoord}"


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_notebook_toont_bestaande_vragen_en_alle_vragen(nummer):
    bank = quiz.laad_bank(bank_pad(nummer))
    in_bank = {v.id for v in bank.vragen}
    getoond: list[str] = []
    for cel in code_cellen(notebook(nummer)):
        for knoop in ast.walk(ast.parse(cel.source)):
            if isinstance(knoop, ast.Call) and getattr(knoop.func, "attr", "") == "toon":
                assert isinstance(knoop.args[0], ast.Constant) and knoop.args[0].value == f"les{nummer}"
                for kw in knoop.keywords:
                    if kw.arg == "ids":
                        getoond += [e.value for e in kw.value.elts]
    assert set(getoond) <= in_bank, set(getoond) - in_bank
    assert set(getoond) == in_bank, f"niet getoond in de les: {in_bank - set(getoond)}"


# --- traps ---------------------------------------------------------------------------------------------


def _teksten():
    for nummer in LESNUMMERS:
        nb = notebook(nummer)
        for cel in nb.cells:
            yield f"les {nummer}", cel.source
        yield f"les{nummer}.yaml", bank_pad(nummer).read_text(encoding="utf-8")


def test_geen_valkuilen_uit_het_bronnendossier():
    for waar, tekst in _teksten():
        for valkuil in VALKUILEN:
            assert valkuil.lower() not in tekst.lower(), f"{waar}: '{valkuil}'"


def test_geen_openingstijden_van_de_kindertelefoon():
    for waar, tekst in _teksten():
        for alinea in re.split(r"\n\s*\n", tekst):
            if "Kindertelefoon" in alinea:
                assert not KLOKTIJD.search(alinea), f"{waar}: openingstijden bij de Kindertelefoon"


def test_jim_heet_jouw_ingebrachte_mentor():
    gevonden = [t for _, t in _teksten() if "JIM" in t]
    assert gevonden
    assert all("Jouw Ingebrachte Mentor" in t for t in gevonden if "Jouw " in t)


def test_afwegingskader_niet_op_een_enkele_stap():
    # sources differ (NJi: step 5; others: steps 4 and 5): say "stap 4 en 5", never one step number
    patroon = re.compile(r"afwegingskader[^.\n]{0,40}\bstap (\d)\b(?! en)", re.IGNORECASE)
    for waar, tekst in _teksten():
        assert not patroon.search(tekst), f"{waar}: afwegingskader aan één stap gekoppeld"


def test_melden_en_helpen_niet_als_of_of():
    for waar, tekst in _teksten():
        assert "óf melden óf helpen" not in tekst or "niet meer" in tekst, waar


@pytest.mark.parametrize("nummer", LESNUMMERS)
def test_aangevraagde_bronnen_staan_in_het_verzoek(nummer):
    # sources a lesson needs that sources.csv lacks are listed in data/extra_sources_request.csv; once the
    # data owner adds them, move them from "bronnen_aangevraagd" to "bronnen" in the notebook metadata
    import csv

    aangevraagd = notebook(nummer).metadata["voordeur"].get("bronnen_aangevraagd", [])
    if not aangevraagd:
        return
    verzoek = ROOT / "data" / "extra_sources_request.csv"
    ids: set[str] = set()
    if verzoek.exists():
        with verzoek.open(encoding="utf-8", newline="") as f:
            ids = {rij["bron_id"] for rij in csv.DictReader(f)}
    bekend = set(data.sources()["bron_id"])
    assert set(aangevraagd) <= ids | bekend
