"""Refresh the Veilig Thuis figures from CBS StatLine: ``python -m voordeur_bouw.cbs refresh``.

Run it as ``make refresh-data`` (internet needed).

What it does
------------
1. Reads the metadata of StatLine table ``84849NED`` ("Huiselijk geweld; rol/functie, organisatie, duur
   geweld, regio") with ``cbsodata``: ``DataProperties`` and the category list of every dimension.
2. Finds the codes it needs **by their titles** (the mapping below), because CBS codes such as
   ``T001028`` or ``NL01  `` are not documented per table:

   =====================  =================================================================
   what                   how it is found
   =====================  =================================================================
   adviezen               the topic whose title starts with "Gestarte adviezen"
   meldingen              the topic whose title starts with "Ontvangen meldingen"
   region                 the category titled "Nederland" of the GeoDimension
   every other dimension  its category whose title starts with "Totaal" (all reporters,
                          all organisations, all durations)
   periods                TimeDimension keys ``JJJJJJ00`` (year) and ``JJJJHJ01/02``
                          (half-year); other period types are skipped. Provisional: the
                          category's ``Status`` is "Voorlopig" or its title ends with ``*``.
   =====================  =================================================================

3. Downloads only those rows (an OData ``$filter``) of the **typed** data set. Note: in cbsodata 1.3.5
   the ``typed`` flag is inverted: ``typed=False`` downloads ``TypedDataSet``.
4. Checks the download and **refuses** to write when it is empty, malformed (no usable period, a count
   that is not a whole number) or covers fewer periods than the StatLine rows already in the CSV.
5. Rewrites ``data/veilig_thuis_periodes.csv``: all rows with ``cbs_tabel = 84849NED`` are replaced by
   the download; rows from other sources stay unless StatLine now gives the same period and measure.
   The new files are validated against ``datapackage.json`` in a temporary folder before they replace
   the real ones, and ``opgehaald`` of ``cbs_84849NED`` in ``sources.csv`` becomes today's date.
   Both files are replaced together or not at all (:func:`voordeur.veilig.schrijf_samen`): on a full
   disk or a read-only folder ``data/`` stays exactly as it was. Every request has a timeout
   (:data:`voordeur.veilig.TIJDSLIMIET`), so a proxy that never answers cannot hang the refresh.

Not refreshed (yet): ``veilig_thuis_melders`` (the reporter categories would need a title mapping that
was not checked against the live metadata).

Tests run this against a fake OData server on 127.0.0.1 (``tests/test_cbs.py``); use
``verversen(catalog_url="127.0.0.1:PORT", https=False)`` for that.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import math
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voordeur.fouten import VoordeurFout
from voordeur.veilig import TIJDSLIMIET, VeiligFout, lees_tekst, met_tijdslimiet, oorzaak, schrijf_samen

TABEL = "84849NED"
BRON_ID = "cbs_84849NED"
DATASET = "veilig_thuis_periodes"

#: measure in our CSV -> start of the topic title in StatLine (case-insensitive)
MATEN: dict[str, str] = {
    "adviezen": "gestarte adviezen",
    "meldingen": "ontvangen meldingen",
}
REGIO_TITEL = "nederland"
TOTAAL_BEGIN = "totaal"

_PERIODE = re.compile(r"^(\d{4})(JJ00|HJ0[12])$")

KOLOMMEN = [
    "periode", "jaar", "halfjaar", "periodetype", "maat", "aantal", "voorlopig", "nauwkeurigheid",
    "gepubliceerd_als", "cbs_tabel", "bron_id",
]


class CbsFout(VoordeurFout):
    """The refresh could not be done safely; the data files were not changed."""


@dataclass(frozen=True)
class Rij:
    """One refreshed figure."""

    jaar: int
    halfjaar: int | None
    maat: str
    aantal: int
    voorlopig: bool

    @property
    def periode(self) -> str:
        return str(self.jaar) if self.halfjaar is None else f"{self.jaar} {self.halfjaar}e halfjaar"

    def als_csv(self) -> dict[str, str]:
        from voordeur.getallen import aantal

        return {
            "periode": self.periode,
            "jaar": str(self.jaar),
            "halfjaar": "" if self.halfjaar is None else str(self.halfjaar),
            "periodetype": "jaar" if self.halfjaar is None else "halfjaar",
            "maat": self.maat,
            "aantal": str(self.aantal),
            "voorlopig": "true" if self.voorlopig else "false",
            "nauwkeurigheid": "exact",
            "gepubliceerd_als": aantal(self.aantal) + ("*" if self.voorlopig else ""),
            "cbs_tabel": TABEL,
            "bron_id": BRON_ID,
        }


# --- talking to CBS -------------------------------------------------------------------------------------


@contextmanager
def _cbs_opties(catalog_url: str | None, https: bool,
                tijdslimiet: tuple[float, float] = TIJDSLIMIET) -> Iterator[Any]:
    """Set cbsodata's (global) options for this refresh and put them back afterwards."""
    try:
        import cbsodata
    except ImportError:
        raise CbsFout(
            "Het pakket cbsodata ontbreekt. Installeer het met: pip install 'voordeur[refresh]'"
        ) from None
    oud_url, oud_https = cbsodata.options.catalog_url, cbsodata.options.use_https
    oud_requests = dict(cbsodata.options.requests)
    try:
        # every request gets a timeout: a proxy that never answers must not hang the refresh
        cbsodata.options.requests = met_tijdslimiet(oud_requests, tijdslimiet)
        if catalog_url is not None:
            cbsodata.options.catalog_url = catalog_url
            if catalog_url.startswith(("127.0.0.1", "localhost")):
                # a local (test) server: never through a proxy from http_proxy
                cbsodata.options.requests = {**cbsodata.options.requests,
                                             "proxies": {"http": None, "https": None}}
        cbsodata.options.use_https = https
        yield cbsodata
    finally:
        cbsodata.options.catalog_url = oud_url
        cbsodata.options.use_https = oud_https
        cbsodata.options.requests = oud_requests


def _titel(item: dict[str, Any]) -> str:
    return str(item.get("Title") or "").strip().casefold()


def _vind(items: list[dict[str, Any]], past: Any, wat: str) -> dict[str, Any]:
    for item in items:
        if past(_titel(item)):
            return item
    raise CbsFout(
        f"In CBS-tabel {TABEL} vind ik {wat} niet. Misschien heeft CBS de tabel veranderd. "
        "Er is niets overschreven. Pas de koppeling bovenaan src/voordeur_bouw/cbs.py aan."
    )


def _download(cbsodata: Any) -> tuple[list[dict[str, Any]], dict[str, str], str, dict[str, dict[str, Any]]]:
    """Return (rows, {measure: topic key}, time dimension key, {period key: period item})."""
    eigenschappen = cbsodata.get_meta(TABEL, "DataProperties")
    if not eigenschappen:
        raise CbsFout(
            f"CBS gaf geen beschrijving (DataProperties) van tabel {TABEL}. Er is niets overschreven."
        )
    onderwerpen = [p for p in eigenschappen if p.get("Type") == "Topic"]
    sleutels = {
        maat: _vind(onderwerpen, lambda t, b=begin: t.startswith(b), f"het onderwerp '{begin}'")["Key"]
        for maat, begin in MATEN.items()
    }
    filters, tijd, perioden = [], None, {}
    for dim in eigenschappen:
        soort = dim.get("Type")
        if soort not in ("Dimension", "GeoDimension", "TimeDimension"):
            continue
        categorieen = cbsodata.get_meta(TABEL, dim["Key"])
        if soort == "TimeDimension":
            tijd = dim["Key"]
            perioden = {str(c.get("Key", "")).strip(): c for c in categorieen}
            continue
        if soort == "GeoDimension":
            gekozen = _vind(categorieen, lambda t: t == REGIO_TITEL,
                            f"de regio 'Nederland' in '{dim['Key']}'")
        else:
            gekozen = _vind(categorieen, lambda t: t.startswith(TOTAAL_BEGIN),
                            f"een categorie 'Totaal' in dimensie '{dim['Key']}'")
        filters.append(f"{dim['Key']} eq '{gekozen['Key']}'")
    if tijd is None:
        raise CbsFout(f"CBS-tabel {TABEL} heeft geen dimensie met perioden. Er is niets overschreven.")
    kolommen = [tijd, *sleutels.values()]
    # typed=False downloads the TypedDataSet in cbsodata 1.3.5 (the flag is inverted)
    data = cbsodata.download_data(TABEL, typed=False, filters=" and ".join(filters) or None, select=kolommen)
    rijen = data.get("TypedDataSet")
    if rijen is None:
        raise CbsFout(f"De download van {TABEL} bevat geen TypedDataSet. Er is niets overschreven.")
    return rijen, sleutels, tijd, perioden


def _naar_rijen(
    rijen: list[dict[str, Any]], sleutels: dict[str, str], tijd: str, perioden: dict[str, dict[str, Any]]
) -> list[Rij]:
    if not rijen:
        raise CbsFout(
            f"De download van {TABEL} is leeg. De oude data blijft staan; probeer het later opnieuw."
        )
    uit: list[Rij] = []
    for nummer, rij in enumerate(rijen, start=1):
        if not isinstance(rij, dict) or tijd not in rij:
            raise CbsFout(f"De download van {TABEL} is niet goed (rij {nummer} heeft geen periode). "
                          "De oude data blijft staan.")
        sleutel = str(rij[tijd]).strip()
        gevonden = _PERIODE.match(sleutel)
        if not gevonden:
            continue  # quarters, months: not used
        jaar = int(gevonden.group(1))
        halfjaar = None if gevonden.group(2) == "JJ00" else int(gevonden.group(2)[-1])
        item = perioden.get(sleutel, {})
        voorlopig = str(item.get("Status", "")).strip().casefold() == "voorlopig" or str(
            item.get("Title", "")).strip().endswith("*")
        for maat, kolom in sleutels.items():
            if kolom not in rij:
                raise CbsFout(f"De download van {TABEL} is niet goed (rij {nummer} mist '{kolom}'). "
                              "De oude data blijft staan.")
            waarde = rij[kolom]
            if waarde is None or (isinstance(waarde, str) and waarde.strip() in ("", ".")):
                continue  # not (yet) published
            try:
                getal = float(waarde)
            except (TypeError, ValueError):
                getal = math.nan
            if not math.isfinite(getal) or getal != int(getal) or getal < 0:
                raise CbsFout(f"De download van {TABEL} is niet goed: '{waarde}' in rij {nummer}, kolom "
                              f"'{kolom}' is geen aantal. De oude data blijft staan.")
            uit.append(Rij(jaar, halfjaar, maat, int(getal), voorlopig))
    if not uit:
        raise CbsFout(f"De download van {TABEL} heeft geen bruikbare cijfers (geen jaren of halfjaren). "
                      "De oude data blijft staan.")
    return uit


# --- writing ----------------------------------------------------------------------------------------------


def _lees(pad: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        tekst = lees_tekst(pad, soort="CSV-bestand")
    except VeiligFout as fout:
        raise CbsFout(f"{fout} Er is niets overschreven.") from None
    lezer = csv.DictReader(io.StringIO(tekst, newline=""))
    return list(lezer.fieldnames or []), list(lezer)


def _schrijf_tekst(kolommen: list[str], rijen: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    schrijver = csv.DictWriter(buffer, fieldnames=kolommen, lineterminator="\n")
    schrijver.writeheader()
    schrijver.writerows(rijen)
    return buffer.getvalue()


def _sorteer(rij: dict[str, str]) -> tuple[int, int, int]:
    halfjaar = int(rij["halfjaar"]) if rij["halfjaar"] else 3  # a full year after its half-years
    return int(rij["jaar"]), halfjaar, 0 if rij["maat"] == "adviezen" else 1


def samenvoegen(oud: list[dict[str, str]], nieuw: list[Rij]) -> list[dict[str, str]]:
    """New StatLine rows replace old 84849NED rows, and other rows for the same period and measure."""
    oude_cbs = {(r["periode"], r["maat"]) for r in oud if r.get("cbs_tabel") == TABEL}
    nieuwe = {(r.periode, r.maat) for r in nieuw}
    ontbrekend = sorted(oude_cbs - nieuwe)
    if ontbrekend:
        wat = ", ".join(f"{p} ({m})" for p, m in ontbrekend[:5])
        raise CbsFout(f"De download van {TABEL} mist perioden die nu wel in de data staan: {wat}. "
                      "Dat is verdacht; de oude data blijft staan.")
    blijft = [r for r in oud if r.get("cbs_tabel") != TABEL and (r["periode"], r["maat"]) not in nieuwe]
    return sorted(blijft + [r.als_csv() for r in nieuw], key=_sorteer)


def verversen(datamap: Path | str | None = None, *, catalog_url: str | None = None, https: bool = True,
              vandaag: _dt.date | None = None, tijdslimiet: tuple[float, float] = TIJDSLIMIET) -> list[Rij]:
    """Download table 84849NED and rewrite the CSV and ``sources.csv``; return the downloaded rows.

    Raises :class:`CbsFout` (and changes nothing) when the download is empty, malformed or suspicious,
    when CBS does not answer within *tijdslimiet* (connect, read seconds), or when writing fails:
    both files are replaced together (:func:`voordeur.veilig.schrijf_samen`) or not at all.
    """
    from voordeur import data

    map_ = Path(datamap) if datamap is not None else data.datamap()
    csv_pad = map_ / f"{DATASET}.csv"
    bronnen_pad = map_ / "sources.csv"
    try:
        with _cbs_opties(catalog_url, https, tijdslimiet) as cbsodata:
            rijen, sleutels, tijd, perioden = _download(cbsodata)
    except CbsFout:
        raise
    except Exception as fout:  # requests errors, JSON errors, KeyError on a malformed answer
        if _is_timeout(fout):
            raise CbsFout(f"CBS (of een proxy) gaf binnen {tijdslimiet[1]:g} seconden geen antwoord. "
                          "Probeer het later opnieuw. Er is niets overschreven.") from None
        if _is_verbinding(fout):
            raise CbsFout("Ophalen bij CBS is mislukt: ik kan CBS niet bereiken (geen internet, of de "
                          "server is niet te vinden). Controleer de internetverbinding en probeer het "
                          f"opnieuw. Er is niets overschreven. (Technisch: {type(fout).__name__}.)") from None
        raise CbsFout(f"Ophalen bij CBS is mislukt ({type(fout).__name__}: {fout}). "
                      "Controleer de internetverbinding. Er is niets overschreven.") from None
    nieuw = _naar_rijen(rijen, sleutels, tijd, perioden)

    kolommen, oud = _lees(csv_pad)
    if kolommen != KOLOMMEN:
        raise CbsFout(f"{csv_pad.name} heeft andere kolommen dan verwacht ({', '.join(KOLOMMEN)}). "
                      "Er is niets overschreven.")
    csv_tekst = _schrijf_tekst(kolommen, samenvoegen(oud, nieuw))

    bron_kolommen, bronnen = _lees(bronnen_pad)
    datum = (vandaag or _dt.date.today()).isoformat()
    if not any(b["bron_id"] == BRON_ID for b in bronnen):
        raise CbsFout(f"Bron {BRON_ID} staat niet in sources.csv. Er is niets overschreven.")
    for b in bronnen:
        if b["bron_id"] == BRON_ID:
            b["opgehaald"] = datum
    bronnen_tekst = _schrijf_tekst(bron_kolommen, bronnen)

    # validate the new files together with the rest of the package before replacing anything
    try:
        with tempfile.TemporaryDirectory() as tijdelijk:
            proef = Path(tijdelijk) / map_.name
            shutil.copytree(map_, proef, ignore=shutil.ignore_patterns("quizzes", "*.ipynb", ".*"))
            (proef / csv_pad.name).write_text(csv_tekst, encoding="utf-8")
            (proef / "sources.csv").write_text(bronnen_tekst, encoding="utf-8")
            try:
                data.valideer(proef)
            except data.DataFout as fout:
                raise CbsFout(
                    f"De nieuwe data past niet in het schema: {fout} Er is niets overschreven."
                ) from None
    except OSError as fout:
        raise CbsFout(f"De nieuwe data kon ik niet controleren: {oorzaak(fout)} (in de tijdelijke map). "
                      "Er is niets overschreven.") from None

    # all or nothing: both files are written first, then both renamed; on failure data/ is unchanged
    try:
        schrijf_samen({csv_pad: csv_tekst, bronnen_pad: bronnen_tekst})
    except VeiligFout as fout:
        raise CbsFout(f"De nieuwe data kon ik niet opslaan in {map_}: {fout.kaal}") from None
    data.leeg_cache()
    return nieuw


def _is_verbinding(fout: BaseException) -> bool:
    """No connection at all (no network, DNS failure, refused): requests' ConnectionError or an OSError."""
    return type(fout).__name__ == "ConnectionError" or isinstance(fout, OSError)


def _is_timeout(fout: BaseException) -> bool:
    """A requests/urllib/socket timeout, also when wrapped by cbsodata."""
    import socket

    gezien: set[int] = set()
    while fout is not None and id(fout) not in gezien:
        gezien.add(id(fout))
        if isinstance(fout, TimeoutError | socket.timeout) or "Timeout" in type(fout).__name__:
            return True
        fout = fout.__cause__ or fout.__context__  # type: ignore[assignment]
    return False


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] != ["refresh"]:
        print("Gebruik: python -m voordeur_bouw.cbs refresh   (haalt CBS-tabel 84849NED opnieuw op)")
        return 2
    try:
        rijen = verversen()
    except VoordeurFout as fout:
        print(f"Niet gelukt: {fout}", file=sys.stderr)
        return 1
    perioden = sorted({(r.jaar, r.halfjaar or 3, r.periode) for r in rijen})
    print(f"CBS-tabel {TABEL}: {len(rijen)} cijfers opgehaald, van {perioden[0][2]} tot {perioden[-1][2]}.")
    print(f"Bijgewerkt: data/{DATASET}.csv en data/sources.csv. Voer daarna 'make build' uit.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
