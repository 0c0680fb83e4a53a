"""The data package: valid Frictionless, every row sourced, typed loading, clear Dutch errors."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless_streng
import pandas as pd
import pytest

from voordeur import data

DATA = Path(__file__).resolve().parents[1] / "data"

GENOEMD = [
    "phgsg_vormen_2020", "phgsg_totalen", "phgsg_sgg_vormen", "definitie_effect", "veilig_thuis_periodes",
    "veilig_thuis_melders", "kindermishandeling_schattingen", "schattingen_bronkritiek",
    "movisie_factsheet_2021", "ouderenmishandeling_2018", "lvb_schattingen", "beperkt_weerbaar_2011",
]


@pytest.fixture(autouse=True)
def _schone_cache(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("VOORDEUR_DATA", raising=False)
    data.leeg_cache()
    yield
    data.leeg_cache()


@pytest.fixture
def kopie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    doel = tmp_path / "data"
    shutil.copytree(DATA, doel, ignore=shutil.ignore_patterns("quizzes"))
    monkeypatch.setenv("VOORDEUR_DATA", str(doel))
    return doel


def _pakket() -> dict:
    return json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


# --- the package itself ----------------------------------------------------------------------------------


def test_frictionless_validates_the_package() -> None:
    frictionless = pytest.importorskip("frictionless")
    rapport = frictionless.validate(str(DATA / "datapackage.json"))
    fouten = [f"{t.name}: {e.message}" for t in rapport.tasks for e in t.errors] + [
        e.message for e in rapport.errors
    ]
    assert rapport.valid, "\n".join(fouten)
    # also with the rules Frictionless does not check by itself: ',' between fields, at least one row
    geldig, fouten = frictionless_streng.geldig(DATA)
    assert geldig, "\n".join(fouten)


def test_frictionless_catches_a_broken_foreign_key(kopie: Path) -> None:
    """Guards the guard: the foreign keys really are declared and checked."""
    frictionless = pytest.importorskip("frictionless")
    pad = kopie / "phgsg_vormen_2020.csv"
    tekst = pad.read_text(encoding="utf-8").replace("cbs_2021_nic_hg", "bestaat_niet", 1)
    pad.write_text(tekst, encoding="utf-8")
    assert not frictionless.validate(str(kopie / "datapackage.json")).valid


def test_named_datasets_exist_with_documented_columns() -> None:
    assert set(GENOEMD) <= set(data.datasets())
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for resource in _pakket()["resources"]:
        if resource["name"] == "sources":
            continue
        assert f"`{resource['name']}`" in readme, resource["name"]
        for veld in resource["schema"]["fields"]:
            assert f"`{veld['name']}`" in readme, (resource["name"], veld["name"])


def test_every_field_is_described_and_every_dataset_has_foreign_key() -> None:
    pakket = _pakket()
    assert pakket["licenses"] and pakket["sources"]
    for resource in pakket["resources"]:
        for veld in resource["schema"]["fields"]:
            assert veld.get("description"), (resource["name"], veld["name"])
        if resource["name"] != "sources":
            namen = [v["name"] for v in resource["schema"]["fields"]]
            assert "bron_id" in namen
            verwijzing = resource["schema"]["foreignKeys"][0]["reference"]
            assert verwijzing == {"resource": "sources", "fields": "bron_id"}


def test_every_row_has_a_source_that_resolves() -> None:
    bronnen = data.sources()
    bekend = set(bronnen["bron_id"])
    for naam in data.datasets():
        df = data.load(naam)
        assert df["bron_id"].notna().all(), naam
        assert set(df["bron_id"]) <= bekend, naam


def test_every_source_has_url_date_and_status() -> None:
    bronnen = data.sources()
    assert bronnen["bron_id"].is_unique
    for _, rij in bronnen.iterrows():
        assert re.match(r"^https?://\S+$", rij["url"]), rij["bron_id"]
        assert isinstance(rij["opgehaald"], pd.Timestamp)
        assert rij["status"] in {"geverifieerd", "een-bron", "secundair"}
        assert rij["uitgever"] and rij["titel"]


def test_contract_columns_of_sources() -> None:
    with (DATA / "sources.csv").open(encoding="utf-8", newline="") as f:
        kop = next(csv.reader(f))
    assert kop == ["bron_id", "uitgever", "titel", "jaar", "url", "opgehaald", "status", "opmerking"]


def test_bron_returns_a_dict() -> None:
    b = data.bron("cbs_84849NED")
    assert b["uitgever"].startswith("CBS")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", b["opgehaald"])
    with pytest.raises(data.DataFout, match="cbs_84849NED"):
        data.bron("cbs_84849NE")


# --- the figures (spot checks against the dossier) --------------------------------------------------------


def test_key_figures() -> None:
    vormen = data.load("phgsg_vormen_2020")
    assert len(vormen) == 15
    rij = vormen[(vormen["vorm"] == "totaal huiselijk geweld") & (vormen["geslacht"] == "vrouwen")]
    assert rij["percentage"].tolist() == [9.2]
    vt = data.load("veilig_thuis_periodes")
    assert vt[(vt["periode"] == "2023") & (vt["maat"] == "meldingen")]["aantal"].tolist() == [127340]
    effect = data.load("definitie_effect").set_index("definitie")["percentage"]
    assert effect["zonder verbale agressie"] == 8
    assert effect["met verbale agressie"] == 33
    # The 31% is everyone with verbal aggression, also with other forms (dossier errata), not "only verbal".
    assert effect["verbale agressie (ook met andere vormen)"] == 31


def test_one_value_per_row_and_one_headline_figure() -> None:
    totalen = data.load("phgsg_totalen")
    assert (totalen["percentage"].notna() ^ totalen["personen"].notna()).all()
    totalen["soort"] = totalen["percentage"].notna()
    kop = totalen[totalen["hoofdcijfer"]]
    sleutel = ["jaar", "onderwerp", "geslacht", "structureel", "soort"]
    assert not kop.duplicated(sleutel).any()
    alle = totalen.drop_duplicates(sleutel)
    assert len(alle) == len(kop), "every quantity needs exactly one hoofdcijfer"
    vormen = data.load("phgsg_sgg_vormen")
    assert (vormen["percentage"].notna() ^ vormen["personen"].notna()).all()


def test_approximate_figures_are_flagged() -> None:
    vt = data.load("veilig_thuis_periodes")
    woorden = vt["gepubliceerd_als"].str.contains("ongeveer|meer dan|bijna|duizend", regex=True)
    assert (vt.loc[woorden, "nauwkeurigheid"] != "exact").all()
    assert (vt.loc[vt["cbs_tabel"].notna(), "nauwkeurigheid"] == "exact").all()
    assert (vt.loc[vt["gepubliceerd_als"].str.endswith("*"), "voorlopig"]).all()


def test_melders_sectors_add_up_to_professional_adviezen() -> None:
    m = data.load("veilig_thuis_melders")
    m = m[(m["periode"] == "2023") & (m["maat"] == "adviezen")]
    sectoren = m[m["niveau"] == "sector"]["aantal"].sum()
    assert sectoren == m[m["melder"] == "beroepsmatig"]["aantal"].item() == 78035


def test_bronkritiek_only_sourced_values() -> None:
    df = data.load("schattingen_bronkritiek")
    artikelen = {p.name for p in Path("/work/shared/background").glob("*.txt")} or None
    for _, rij in df.iterrows():
        if artikelen:
            assert rij["artikel"] in artikelen
        if rij["oordeel"] in ("bevestigd", "deels bevestigd", "deels bevestigd (per jaar, afgeleid)",
                              "anders in de bron"):
            assert isinstance(rij["waarde_bron"], str) and rij["waarde_bron"], rij["onderwerp"]
    onbevestigd = df[df["onderwerp"] == "ouderenmishandeling 2020"]
    assert onbevestigd["waarde_bron"].isna().all()
    assert "115.000" not in " ".join(df["waarde_bron"].dropna())


# --- typing -------------------------------------------------------------------------------------------------


def test_dtypes() -> None:
    vormen = data.load("phgsg_vormen_2020")
    assert isinstance(vormen["vorm"].dtype, pd.CategoricalDtype)
    assert list(vormen["geslacht"].cat.categories) == ["totaal", "vrouwen", "mannen"]
    assert vormen["percentage"].dtype == "float64"
    vt = data.load("veilig_thuis_periodes")
    assert vt["aantal"].dtype == "int64"
    assert vt["jaar"].dtype == "int64"
    assert str(vt["halfjaar"].dtype) == "Int64"
    assert vt["voorlopig"].dtype == bool
    totalen = data.load("phgsg_totalen")
    assert str(totalen["personen"].dtype) == "Int64"
    assert totalen["percentage"].dtype == "float64"
    assert pd.api.types.is_string_dtype(totalen["gepubliceerd_als"])


def test_load_returns_a_copy() -> None:
    df = data.load("phgsg_vormen_2020")
    df.loc[0, "percentage"] = 99.0
    assert data.load("phgsg_vormen_2020").loc[0, "percentage"] == 8.3


def test_cache_notices_a_changed_file(kopie: Path) -> None:
    assert data.load("definitie_effect")["percentage"].iloc[1] == 33
    pad = kopie / "definitie_effect.csv"
    pad.write_text(pad.read_text(encoding="utf-8").replace(",33,33%,", ",34,34%,"), encoding="utf-8")
    assert data.load("definitie_effect")["percentage"].iloc[1] == 34


def test_data_folder_found_from_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    shutil.copytree(DATA, project / "data", ignore=shutil.ignore_patterns("quizzes"))
    (project / "notebooks").mkdir()
    monkeypatch.chdir(project / "notebooks")
    assert data.datamap() == (project / "data").resolve()


def test_bad_voordeur_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOORDEUR_DATA", str(tmp_path))
    with pytest.raises(data.DataFout, match="VOORDEUR_DATA"):
        data.load("phgsg_vormen_2020")


# --- errors ---------------------------------------------------------------------------------------------


def _fout(naam: str) -> data.DataFout:
    with pytest.raises(data.DataFout) as info:
        data.load(naam)
    return info.value


def test_unknown_dataset_suggests_a_name() -> None:
    fout = _fout("phgsg_vormen")
    assert "bestaat niet" in str(fout)
    assert "phgsg_vormen_2020" in str(fout)
    assert "Bedoel je" in str(fout)


def test_missing_file(kopie: Path) -> None:
    (kopie / "veilig_thuis_melders.csv").unlink()
    fout = _fout("veilig_thuis_melders")
    assert "veilig_thuis_melders.csv" in str(fout) and "ontbreekt" in str(fout)
    assert fout.bestand == "data/veilig_thuis_melders.csv"


def _vervang_regel(pad: Path, nummer: int, nieuw: str) -> None:
    regels = pad.read_text(encoding="utf-8").splitlines()
    regels[nummer - 1] = nieuw
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")


def test_wrong_column_count(kopie: Path) -> None:
    _vervang_regel(kopie / "phgsg_vormen_2020.csv", 4,
                   "totaal huiselijk geweld,mannen,7.3,april 2019,extra,cbs")
    fout = _fout("phgsg_vormen_2020")
    assert (fout.bestand, fout.regel) == ("data/phgsg_vormen_2020.csv", 4)
    assert "regel 4" in str(fout) and "6 waarden" in str(fout) and "5 kolommen" in str(fout)


def test_bad_quoting(kopie: Path) -> None:
    _vervang_regel(kopie / "definitie_effect.csv", 3,
                   '2020,met verbale agressie,"Dezelfde "vormen",33,33%,afgerond,ntvp_phgsg')
    fout = _fout("definitie_effect")
    assert fout.bestand == "data/definitie_effect.csv"
    assert fout.regel == 3
    assert "aanhalingstekens" in str(fout)


def test_unclosed_quote(kopie: Path) -> None:
    _vervang_regel(kopie / "definitie_effect.csv", 2,
                   '2020,zonder verbale agressie,"nooit gesloten,8,8%,afgerond,ntvp_phgsg')
    fout = _fout("definitie_effect")
    assert fout.bestand == "data/definitie_effect.csv" and fout.regel is not None and fout.regel >= 2


@pytest.mark.parametrize(
    ("bestand", "regel", "oud", "nieuw", "veld", "woorden"),
    [
        ("phgsg_vormen_2020.csv", 3, ",9.2,", ",9,2,", None, "kolommen"),
        ("phgsg_vormen_2020.csv", 3, ",9.2,", ",negen,", "percentage", "geen getal"),
        ("phgsg_vormen_2020.csv", 3, ",9.2,", ",120,", "percentage", "maximum"),
        ("phgsg_vormen_2020.csv", 3, ",vrouwen,", ",vrouw,", "geslacht", "Bedoel je 'vrouwen'"),
        ("veilig_thuis_periodes.csv", 2, ",64960,", ",64.960,", "aantal", "geen geheel getal"),
        ("veilig_thuis_periodes.csv", 2, ",64960,", ",-5,", "aantal", "minimum"),
        ("veilig_thuis_periodes.csv", 2, ",false,", ",misschien,", "voorlopig", "true of false"),
        ("veilig_thuis_periodes.csv", 2, ",nji_2019_veilig_thuis", ",nji_2019", "bron_id", "sources.csv"),
        ("veilig_thuis_periodes.csv", 2, ",meldingen,", ",,", "maat", "verplicht"),
        ("sources.csv", 2, ",2026-11-23,", ",23-11-2026,", "opgehaald", "geen datum"),
        ("sources.csv", 2, ",een-bron,", ",zeker,", "status", "geen toegestane waarde"),
    ],
)
def test_value_breaking_the_schema(
    kopie: Path, bestand: str, regel: int, oud: str, nieuw: str, veld: str | None, woorden: str
) -> None:
    pad = kopie / bestand
    regels = pad.read_text(encoding="utf-8").splitlines()
    assert oud in regels[regel - 1]
    regels[regel - 1] = regels[regel - 1].replace(oud, nieuw, 1)
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    naam = bestand.removesuffix(".csv")
    with pytest.raises(data.DataFout) as info:
        data.sources() if naam == "sources" else data.load(naam)
    fout = info.value
    assert fout.bestand == f"data/{bestand}"
    assert fout.regel == regel
    assert f"regel {regel}" in str(fout)
    if veld:
        assert fout.veld == veld
        assert f"'{veld}'" in str(fout)
    assert woorden in str(fout)


def test_duplicate_primary_key(kopie: Path) -> None:
    pad = kopie / "phgsg_vormen_2020.csv"
    regels = pad.read_text(encoding="utf-8").splitlines()
    regels.append(regels[1])
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    fout = _fout("phgsg_vormen_2020")
    assert fout.regel == len(regels) and "regel 2" in str(fout)


def test_missing_column(kopie: Path) -> None:
    pad = kopie / "phgsg_vormen_2020.csv"
    _vervang_regel(pad, 1, "vorm,geslacht,procent,periode,bron_id")
    fout = _fout("phgsg_vormen_2020")
    assert fout.regel == 1 and fout.veld == "percentage"


def test_broken_datapackage_json(kopie: Path) -> None:
    (kopie / "datapackage.json").write_text("{ kapot", encoding="utf-8")
    with pytest.raises(data.DataFout, match="geen geldige JSON"):
        data.datasets()


def test_check_command_and_light_import() -> None:
    """``python -m voordeur.data check`` works, and loading data never imports frictionless (slow)."""
    code = (
        "import sys, runpy; sys.argv = ['voordeur.data', 'check']\n"
        "try:\n    runpy.run_module('voordeur.data', run_name='__main__')\n"
        "except SystemExit as e:\n    print('exit', e.code)\n"
        "import voordeur.charts\nprint('frictionless' in sys.modules)"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=DATA.parent,
                         check=False)
    assert "In orde" in uit.stdout, uit.stdout + uit.stderr
    assert "exit 0" in uit.stdout
    assert uit.stdout.strip().endswith("False")
