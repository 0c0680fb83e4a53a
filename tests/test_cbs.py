"""The CBS refresh, offline: against a fake OData server on 127.0.0.1 (tests/fake_cbs.py), never CBS."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from fake_cbs import FakeCbs

from voordeur import data
from voordeur_bouw import cbs

DATA = Path(__file__).resolve().parents[1] / "data"
VANDAAG = dt.date(2031, 1, 2)


@pytest.fixture
def kopie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the data package; VOORDEUR_DATA points at it."""
    doel = tmp_path / "data"
    shutil.copytree(DATA, doel, ignore=shutil.ignore_patterns("quizzes"))
    monkeypatch.setenv("VOORDEUR_DATA", str(doel))
    data.leeg_cache()
    yield doel
    data.leeg_cache()


def _rijen(pad: Path) -> list[dict[str, str]]:
    with pad.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _ververs(kopie: Path, server: FakeCbs) -> list[cbs.Rij]:
    return cbs.verversen(kopie, catalog_url=server.url, https=False, vandaag=VANDAAG)


def test_refresh_rewrites_csv_and_sources(kopie: Path) -> None:
    with FakeCbs(pagina=2) as server:
        rijen = _ververs(kopie, server)
    # cbsodata 1.3.5: typed=False must fetch the *typed* table
    assert any("/TypedDataSet" in v for v in server.verzoeken)
    assert not any("/UntypedDataSet" in v for v in server.verzoeken)
    data_verzoek = next(v for v in server.verzoeken if "/TypedDataSet" in v)
    for stuk in ("RegioS", "NL01", "T001028", "T001019"):
        assert stuk in data_verzoek
    # paging through odata.nextLink was followed
    assert sum("/TypedDataSet" in v for v in server.verzoeken) > 1
    assert len(rijen) == 10

    df = data.load("veilig_thuis_periodes")
    cbs_rijen = df[df["cbs_tabel"] == "84849NED"]
    assert len(cbs_rijen) == 10
    rij = df[(df["periode"] == "2023") & (df["maat"] == "meldingen")]
    assert rij["aantal"].tolist() == [127340]
    assert bool(rij["voorlopig"].iloc[0]) is True
    assert rij["gepubliceerd_als"].iloc[0] == "127.340*"
    # a StatLine figure replaces the same period and measure from another source...
    h1_2020 = df[(df["periode"] == "2020 1e halfjaar") & (df["maat"] == "meldingen")]
    assert h1_2020["bron_id"].tolist() == ["cbs_84849NED"]
    # ...and rows StatLine does not give stay
    assert not df[(df["periode"] == "2021") & (df["bron_id"] == "nu_2022_veilig_thuis")].empty
    # definitive periods are not provisional
    h1_2019 = df[(df["periode"] == "2019 1e halfjaar") & (df["maat"] == "adviezen")]
    assert not bool(h1_2019["voorlopig"].iloc[0])
    # sorted by time
    assert df["jaar"].is_monotonic_increasing
    assert data.bron("cbs_84849NED")["opgehaald"] == VANDAAG.isoformat()
    assert data.bron("cbs_84852NED")["opgehaald"] != VANDAAG.isoformat()


def test_refresh_is_idempotent(kopie: Path) -> None:
    with FakeCbs() as server:
        _ververs(kopie, server)
        eerst = (kopie / "veilig_thuis_periodes.csv").read_text(encoding="utf-8")
        _ververs(kopie, server)
    assert (kopie / "veilig_thuis_periodes.csv").read_text(encoding="utf-8") == eerst


@pytest.mark.parametrize(
    ("modus", "in_melding"),
    [
        ("leeg", "leeg"),
        ("kapot", "geen aantal"),
        ("minder", "mist perioden"),
        ("geen-periode", "geen periode"),
        ("geen-json", "mislukt"),
        ("http500", "mislukt"),
    ],
)
def test_refuses_bad_download_and_keeps_old_data(kopie: Path, modus: str, in_melding: str) -> None:
    voor_csv = (kopie / "veilig_thuis_periodes.csv").read_bytes()
    voor_bronnen = (kopie / "sources.csv").read_bytes()
    with FakeCbs(modus=modus) as server, pytest.raises(cbs.CbsFout) as info:
        _ververs(kopie, server)
    assert in_melding in str(info.value)
    assert "niets overschreven" in str(info.value) or "oude data blijft staan" in str(info.value)
    assert (kopie / "veilig_thuis_periodes.csv").read_bytes() == voor_csv
    assert (kopie / "sources.csv").read_bytes() == voor_bronnen
    assert not list(kopie.glob("*.nieuw"))


def test_refuses_when_a_title_mapping_is_missing(kopie: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(cbs.MATEN, "meldingen", "binnengekomen meldingen")
    with FakeCbs() as server, pytest.raises(cbs.CbsFout, match="binnengekomen meldingen"):
        _ververs(kopie, server)


def test_cbsodata_options_are_restored(kopie: Path) -> None:
    import cbsodata

    voor = (cbsodata.options.catalog_url, cbsodata.options.use_https, dict(cbsodata.options.requests))
    with FakeCbs() as server:
        _ververs(kopie, server)
    assert (cbsodata.options.catalog_url, cbsodata.options.use_https, cbsodata.options.requests) == voor


def test_main_reports_in_dutch(
    kopie: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    echt = cbs.verversen
    with FakeCbs(modus="leeg") as server:
        monkeypatch.setattr(cbs, "verversen", lambda: echt(kopie, catalog_url=server.url, https=False))
        assert cbs.main(["refresh"]) == 1
    assert "Niet gelukt" in capsys.readouterr().err
    assert cbs.main([]) == 2


def test_merge_keeps_rows_from_other_sources() -> None:
    oud = [
        {"periode": "2021", "jaar": "2021", "halfjaar": "", "periodetype": "jaar", "maat": "meldingen",
         "aantal": "120000", "voorlopig": "false", "nauwkeurigheid": "maximaal",
         "gepubliceerd_als": "bijna 120.000", "cbs_tabel": "", "bron_id": "nu_2022_veilig_thuis"},
    ]
    nieuw = [cbs.Rij(2021, None, "adviezen", 134567, False)]
    uit = cbs.samenvoegen(oud, nieuw)
    assert [(r["maat"], r["bron_id"]) for r in uit] == [("adviezen", "cbs_84849NED"),
                                                        ("meldingen", "nu_2022_veilig_thuis")]
    # the StatLine figure for the same period and measure wins
    uit = cbs.samenvoegen(oud, [cbs.Rij(2021, None, "meldingen", 119876, False)])
    assert [r["aantal"] for r in uit] == ["119876"]
