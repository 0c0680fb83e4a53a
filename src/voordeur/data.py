"""Load a named dataset from the Frictionless data package in ``data/`` as a typed pandas DataFrame.

::

    from voordeur import data
    df = data.load("phgsg_vormen_2020")
    data.datasets()          # names of all datasets
    data.sources()           # the sources table
    data.bron("cbs_84849NED")

Every load is validated against the schema in ``data/datapackage.json`` (types, required fields, enum,
minimum/maximum, pattern, primary key, and the ``bron_id`` foreign key into ``sources.csv``) by a small
validator in this module. The real ``frictionless`` library is only used in the tests: importing it takes
seconds, and this module is imported by every lesson.

Types: a string field with an ``enum`` becomes a pandas ``Categorical`` (categories in the schema's
order, so charts keep that order); integers become ``int64`` (required) or nullable ``Int64``; numbers
``float64``; booleans ``bool`` (required) or nullable ``boolean``; dates ``datetime64``.

Errors are :class:`DataFout` with a short Dutch message that names the file, the CSV line and the field.

pandas is imported only when a table is loaded, so ``from voordeur import data`` stays cheap.
"""

from __future__ import annotations

import csv
import datetime as _dt
import difflib
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voordeur import paden
from voordeur.fouten import VoordeurFout
from voordeur.veilig import VeiligFout, lees_tekst

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DataFout",
    "bron",
    "datamap",
    "datasets",
    "leeg_cache",
    "load",
    "schema",
    "sources",
    "toon",
    "valideer",
]

PAKKET = "datapackage.json"
BRONNEN = "sources"

_TRUE = frozenset({"true", "True", "TRUE", "1"})
_FALSE = frozenset({"false", "False", "FALSE", "0"})
_INT = re.compile(r"[+-]?[0-9]+")
MAX_CSV_BYTES = 32 * 1024 * 1024


class DataFout(VoordeurFout):
    """A problem with the data package. The message names the file, the CSV line and the field."""

    def __init__(
        self, melding: str, *, bestand: str | None = None, regel: int | None = None, veld: str | None = None
    ) -> None:
        super().__init__(melding)
        self.bestand = bestand
        self.regel = regel
        self.veld = veld


# --- finding the package ----------------------------------------------------------------------------


def datamap() -> Path:
    """The data folder, found by :func:`voordeur.paden.datamap` (``$VOORDEUR_DATA``, ``data/`` in or
    above the cwd, ``src/../data``, then the copy packaged in the wheel)."""
    try:
        return paden.datamap(PAKKET)
    except paden.MapFout as e:
        raise DataFout(e.melding, bestand=e.bestand) from None


def _toon(pad: Path) -> str:
    """A short path for messages: ``data/x.csv`` rather than a long absolute path."""
    return f"{pad.parent.name}/{pad.name}"


@dataclass(frozen=True)
class _Pakket:
    map: Path
    bronnen: dict[str, dict[str, Any]]  # resource name -> resource descriptor


_pakket_cache: dict[tuple[str, int], _Pakket] = {}
_frame_cache: dict[tuple[str, str, int, int], pd.DataFrame] = {}


def _pakket(map_: Path | None = None) -> _Pakket:
    map_ = datamap() if map_ is None else Path(map_)
    if not (map_ / PAKKET).is_file():
        raise DataFout(f"De map {map_} bevat geen {PAKKET}.", bestand=str(map_ / PAKKET))
    pad = map_ / PAKKET
    stempel = pad.stat().st_mtime_ns
    sleutel = (str(pad.resolve()), stempel)
    if sleutel in _pakket_cache:
        return _pakket_cache[sleutel]
    try:
        inhoud = json.loads(lees_tekst(pad, soort=PAKKET))
    except VeiligFout as fout:
        raise DataFout(f"{_toon(pad)}: {fout.kaal}", bestand=_toon(pad)) from None
    except RecursionError:
        raise DataFout(f"{_toon(pad)} is te diep genest.", bestand=_toon(pad)) from None
    except json.JSONDecodeError as fout:
        raise DataFout(
            f"{_toon(pad)} is geen geldige JSON (regel {fout.lineno}): {fout.msg}.", bestand=_toon(pad),
            regel=fout.lineno,
        ) from None
    resources = inhoud.get("resources") if isinstance(inhoud, dict) else None
    if not isinstance(resources, list):
        raise DataFout(f"{_toon(pad)} heeft geen lijst 'resources'.", bestand=_toon(pad))
    bronnen: dict[str, dict[str, Any]] = {}
    for r in resources:
        if not isinstance(r, dict) or "name" not in r or "path" not in r or "schema" not in r:
            raise DataFout(
                f"{_toon(pad)}: elke resource heeft een 'name', 'path' en 'schema' nodig.", bestand=_toon(pad)
            )
        bronnen[r["name"]] = r
    pakket = _Pakket(map_, bronnen)
    for oud in [k for k in _pakket_cache if k[0] == sleutel[0]]:
        del _pakket_cache[oud]
    _pakket_cache[sleutel] = pakket
    return pakket


def leeg_cache() -> None:
    """Forget loaded frames (the cache also notices changed files by their modification time)."""
    _pakket_cache.clear()
    _frame_cache.clear()


# --- public API ---------------------------------------------------------------------------------------


def datasets() -> list[str]:
    """Names of all datasets (without the sources table), in the package's order."""
    return [naam for naam in _pakket().bronnen if naam != BRONNEN]


def schema(naam: str) -> dict[str, Any]:
    """The Table Schema of a dataset (a copy), e.g. to read field descriptions and units."""
    return json.loads(json.dumps(_resource(naam)["schema"]))


def load(naam: str) -> pd.DataFrame:
    """Load dataset *naam* as a typed, validated DataFrame (a copy: change it freely)."""
    return _laad(naam).copy()


def sources() -> pd.DataFrame:
    """The sources table (``sources.csv``) as a typed DataFrame."""
    return _laad(BRONNEN).copy()


def toon(df: Any, kolommen: list[str] | None = None, *, titel: str | None = None, max_rijen: int = 60) -> Any:
    """Show a dataset (or part of it) as a table a student can read (issue 16.8).

    Every column gets its Dutch heading with, under it, the column name to type in code
    (``Cijfer in de bron`` / ``waarde_bron``); numbers in Dutch notation; no row numbers; the source line
    under the table, and a column "Bron" when the rows come from more than one source. The dataset itself
    is not changed. Returns a :class:`voordeur.charts.Tabel`.
    """
    import pandas as pd

    from voordeur import charts

    if isinstance(df, pd.Series):
        df = df.to_frame()
    if not isinstance(df, pd.DataFrame):
        soort = "niets (None)" if df is None else f"een {type(df).__name__}"
        raise DataFout(f"data.toon laat een tabel zien, zoals data.toon(data.load(\"bevolking\")). "
                       f"Je gaf {soort}.")
    return charts.tabel(df, kolommen, titel=titel, max_rijen=max_rijen, codenamen=True)


def bron(bron_id: str) -> dict[str, Any]:
    """One source as a dict with the columns of ``sources.csv`` (``opgehaald`` as ISO text)."""
    import pandas as pd

    tabel = _laad(BRONNEN)
    rijen = tabel[tabel["bron_id"] == bron_id]
    if rijen.empty:
        bekend = [str(x) for x in tabel["bron_id"]]
        raise DataFout(f"Bron '{bron_id}' staat niet in sources.csv.{_suggestie(bron_id, bekend)}",
                       bestand="data/sources.csv", veld="bron_id")
    uit: dict[str, Any] = {}
    for kolom, waarde in rijen.iloc[0].items():
        if isinstance(waarde, pd.Timestamp):
            uit[str(kolom)] = waarde.date().isoformat()
        elif _leeg(waarde):
            uit[str(kolom)] = ""
        else:
            uit[str(kolom)] = waarde
    return uit


def valideer(map_: Path | str | None = None) -> list[str]:
    """Load and validate every dataset; return their names. Raises :class:`DataFout` at the first problem.

    ``map_`` checks another data folder (e.g. a new download before it replaces the real files).
    """
    pad = None if map_ is None else Path(map_)
    namen = [naam for naam in _pakket(pad).bronnen]
    namen.sort(key=lambda n: n != BRONNEN)
    for naam in namen:
        _laad(naam, pad)
    return namen


# --- loading and validating -------------------------------------------------------------------------------


def _suggestie(naam: str, bekend: list[str]) -> str:
    dichtbij = difflib.get_close_matches(naam, bekend, n=3, cutoff=0.5)
    if not dichtbij:
        dichtbij = [b for b in bekend if naam and (naam in b or b in naam)][:3]
    if not dichtbij:
        return ""
    return " Bedoel je " + " of ".join(f"'{d}'" for d in dichtbij) + "?"


def _resource(naam: str, map_: Path | None = None) -> dict[str, Any]:
    pakket = _pakket(map_)
    if not isinstance(naam, str) or naam not in pakket.bronnen:
        bekend = [n for n in pakket.bronnen if n != BRONNEN]
        raise DataFout(
            f"Dataset '{naam}' bestaat niet.{_suggestie(str(naam), bekend)} "
            f"Alle datasets: {', '.join(bekend)}.",
            bestand=f"data/{PAKKET}",
        )
    return pakket.bronnen[naam]


def _laad(naam: str, map_: Path | None = None) -> pd.DataFrame:
    resource = _resource(naam, map_)
    pakket = _pakket(map_)
    pad = pakket.map / resource["path"]
    if not pad.exists() and not pad.is_symlink():
        raise DataFout(
            f"Het bestand {_toon(pad)} ontbreekt. Het hoort bij dataset '{naam}' in {PAKKET}.",
            bestand=_toon(pad),
        )
    try:
        info = pad.stat()
        sleutel = (str(pad.resolve()), naam, info.st_mtime_ns, info.st_size)
    except (OSError, RuntimeError):  # a symlink loop: lees_tekst below gives the Dutch message
        sleutel = (str(pad), naam, -1, -1)
    if sleutel in _frame_cache:
        return _frame_cache[sleutel]
    kolommen, regels = _lees_csv(pad, resource)
    frame = _naar_frame(kolommen, resource["schema"])
    _controleer_sleutels(pad, resource["schema"], kolommen, regels)
    if naam != BRONNEN:
        _controleer_verwijzingen(pakket, pad, resource["schema"], kolommen, regels)
    for oud in [k for k in _frame_cache if k[0] == sleutel[0]]:
        del _frame_cache[oud]
    _frame_cache[sleutel] = frame
    return frame


def _lees_csv(pad: Path, resource: dict[str, Any]) -> tuple[dict[str, list[Any]], list[int]]:
    """Read and cast the CSV: {field: values} and the CSV line number of every row."""
    velden = resource["schema"]["fields"]
    namen = [v["name"] for v in velden]
    ontbrekend = set(resource["schema"].get("missingValues", [""]))
    toon = _toon(pad)
    kolommen: dict[str, list[Any]] = {n: [] for n in namen}
    regels: list[int] = []
    kop: list[str] | None = None
    vorige = 0
    codering = str(resource.get("encoding", "utf-8")).lower().replace("_", "-")
    if codering not in ("utf-8", "utf8"):
        raise DataFout(f"{toon}: in {PAKKET} staat encoding '{codering}'. Ik lees alleen UTF-8; sla het "
                       "bestand op als CSV UTF-8 en zet encoding op utf-8.", bestand=toon)
    try:
        tekst = lees_tekst(pad, max_bytes=MAX_CSV_BYTES, soort="CSV-bestand")
    except VeiligFout as fout:
        raise DataFout(f"{toon}: {fout.kaal}", bestand=toon, regel=fout.regel) from None
    try:
        lezer = csv.reader(io.StringIO(tekst, newline=""), strict=True)
        for rij in lezer:
            begin = vorige + 1
            vorige = lezer.line_num
            if kop is None:
                kop = [k.lstrip("\ufeff") for k in rij]
                _controleer_scheidingsteken(toon, kop, namen)
                _controleer_kop(toon, kop, namen)
                continue
            if not rij:  # an empty line
                continue
            if len(rij) != len(namen):
                raise DataFout(
                    f"Fout in {toon}, regel {begin}: de regel heeft {len(rij)} waarden, maar er zijn "
                    f"{len(namen)} kolommen. Kijk of er een komma te veel of te weinig staat, "
                    "of een tekst met een komma zonder aanhalingstekens.",
                    bestand=toon, regel=begin,
                )
            for veld, waarde in zip(velden, rij, strict=True):
                kolommen[veld["name"]].append(_cast(toon, begin, veld, waarde, ontbrekend))
            regels.append(begin)
    except csv.Error as fout:
        regel = vorige + 1
        raise DataFout(
            f"Fout in {toon}, regel {regel}: de CSV is niet goed opgebouwd ({fout}). "
            'Kijk naar de aanhalingstekens: een tekst met een komma staat tussen "…", '
            'en een " in zo\'n tekst schrijf je als "".',
            bestand=toon, regel=regel,
        ) from None
    if kop is None:
        raise DataFout(f"{toon} is leeg: de kopregel met kolomnamen ontbreekt.", bestand=toon, regel=1)
    if not regels:
        raise DataFout(f"{toon} bevat alleen de kopregel en geen gegevens. Zet de rijen met cijfers "
                       "onder de kopregel, of haal het bestand uit de lijst in datapackage.json.",
                       bestand=toon, regel=2)
    return kolommen, regels


def _controleer_scheidingsteken(toon: str, kop: list[str], namen: list[str]) -> None:
    """A Dutch Excel saves "CSV" with ';' (or a tab) between the columns: say how to fix that."""
    if kop == namen or len(kop) != 1:
        return
    for teken, woord in ((";", "; (puntkomma)"), ("\t", "een tab")):
        if teken in kop[0] and kop[0].split(teken)[0] in namen:
            raise DataFout(f"Fout in {toon}, regel 1: dit bestand gebruikt {woord} als scheidingsteken. "
                           "Sla het op als 'CSV UTF-8 (door komma's gescheiden)' met komma's; in Excel: "
                           "Opslaan als › CSV UTF-8.", bestand=toon, regel=1)


def _controleer_kop(toon: str, kop: list[str], namen: list[str]) -> None:
    if kop == namen:
        return
    missend = [n for n in namen if n not in kop]
    extra = [k for k in kop if k not in namen]
    if missend:
        raise DataFout(f"Fout in {toon}, regel 1: de kolom '{missend[0]}' ontbreekt. "
                       f"Verwachte kolommen: {', '.join(namen)}.", bestand=toon, regel=1, veld=missend[0])
    if extra:
        raise DataFout(f"Fout in {toon}, regel 1: onbekende kolom '{extra[0]}'. "
                       f"Verwachte kolommen: {', '.join(namen)}.", bestand=toon, regel=1, veld=extra[0])
    raise DataFout(f"Fout in {toon}, regel 1: de kolommen staan in een andere volgorde dan in {PAKKET}. "
                   f"Verwacht: {', '.join(namen)}.", bestand=toon, regel=1)


def _fout(toon: str, regel: int, veld: str, tekst: str) -> DataFout:
    return DataFout(
        f"Fout in {toon}, regel {regel}, veld '{veld}': {tekst}", bestand=toon, regel=regel, veld=veld
    )


def _cast(toon: str, regel: int, veld: dict[str, Any], tekst: str, ontbrekend: set[str]) -> Any:
    naam = veld["name"]
    soort = veld.get("type", "string")
    regels = veld.get("constraints", {})
    if tekst in ontbrekend:
        if regels.get("required"):
            raise _fout(toon, regel, naam, "deze waarde is verplicht, maar het veld is leeg.")
        return None
    waarde: Any
    if soort == "string":
        waarde = tekst
    elif soort == "integer":
        if not _INT.fullmatch(tekst.strip()):
            hint = " Schrijf een getal zonder punt of komma, bijvoorbeeld 127340." if re.fullmatch(
                r"[0-9.,\s]+", tekst) else ""
            raise _fout(toon, regel, naam, f"'{tekst}' is geen geheel getal.{hint}")
        waarde = int(tekst)
    elif soort == "number":
        try:
            waarde = float(tekst)
        except ValueError:
            hint = " Gebruik een punt als decimaalteken, bijvoorbeeld 8.3." if "," in tekst else ""
            raise _fout(toon, regel, naam, f"'{tekst}' is geen getal.{hint}") from None
        if not math.isfinite(waarde):
            raise _fout(toon, regel, naam, f"'{tekst}' is geen gewoon getal.")
    elif soort == "boolean":
        if tekst in _TRUE:
            waarde = True
        elif tekst in _FALSE:
            waarde = False
        else:
            raise _fout(toon, regel, naam, f"'{tekst}' is geen ja/nee-waarde. Gebruik true of false.")
    elif soort == "date":
        try:
            waarde = _dt.date.fromisoformat(tekst)
        except ValueError:
            raise _fout(
                toon, regel, naam, f"'{tekst}' is geen datum. Schrijf jjjj-mm-dd, bijvoorbeeld 2025-10-24."
            ) from None
    else:
        raise _fout(toon, regel, naam, f"het type '{soort}' in {PAKKET} kan ik niet lezen.")
    if "enum" in regels and waarde not in regels["enum"]:
        opties = ", ".join(f"'{x}'" for x in regels["enum"])
        hint = _suggestie(tekst, list(regels["enum"]))
        raise _fout(toon, regel, naam, f"'{tekst}' is geen toegestane waarde.{hint} Toegestaan: {opties}.")
    if "minimum" in regels and waarde < regels["minimum"]:
        raise _fout(toon, regel, naam, f"{tekst} is kleiner dan het minimum {regels['minimum']}.")
    if "maximum" in regels and waarde > regels["maximum"]:
        raise _fout(toon, regel, naam, f"{tekst} is groter dan het maximum {regels['maximum']}.")
    if "pattern" in regels and not re.fullmatch(regels["pattern"], tekst):
        raise _fout(toon, regel, naam, f"'{tekst}' heeft niet de goede vorm.")
    return waarde


def _leeg(waarde: Any) -> bool:
    import pandas as pd

    return waarde is None or (isinstance(waarde, float) and math.isnan(waarde)) or waarde is pd.NA


def _naar_frame(kolommen: dict[str, list[Any]], schema_: dict[str, Any]) -> pd.DataFrame:
    import pandas as pd

    reeksen: dict[str, Any] = {}
    for veld in schema_["fields"]:
        naam = veld["name"]
        waarden = kolommen[naam]
        soort = veld.get("type", "string")
        regels = veld.get("constraints", {})
        verplicht = bool(regels.get("required"))
        if soort == "string" and "enum" in regels:
            reeksen[naam] = pd.Categorical(waarden, categories=list(regels["enum"]))
        elif soort == "string":
            reeksen[naam] = pd.Series(waarden, dtype="str")
        elif soort == "integer":
            heeft_leeg = any(w is None for w in waarden)
            reeksen[naam] = pd.Series(waarden, dtype="int64" if verplicht and not heeft_leeg else "Int64")
        elif soort == "number":
            reeksen[naam] = pd.Series([math.nan if w is None else w for w in waarden], dtype="float64")
        elif soort == "boolean":
            heeft_leeg = any(w is None for w in waarden)
            reeksen[naam] = pd.Series(waarden, dtype="bool" if verplicht and not heeft_leeg else "boolean")
        elif soort == "date":
            reeksen[naam] = pd.to_datetime(pd.Series(waarden, dtype="object"))
    return pd.DataFrame(reeksen)


def _als_lijst(x: str | list[str]) -> list[str]:
    return [x] if isinstance(x, str) else list(x)


def _controleer_sleutels(pad: Path, schema_: dict[str, Any], kolommen: dict[str, list[Any]],
                         regels: list[int]) -> None:
    sleutel = schema_.get("primaryKey")
    if not sleutel:
        return
    velden = _als_lijst(sleutel)
    gezien: dict[tuple[Any, ...], int] = {}
    for i, regel in enumerate(regels):
        waarde = tuple(kolommen[v][i] for v in velden)
        if waarde in gezien:
            raise DataFout(
                f"Fout in {_toon(pad)}, regel {regel}, veld '{', '.join(velden)}': dezelfde rij "
                f"({', '.join(str(w) for w in waarde)}) staat er al op regel {gezien[waarde]}.",
                bestand=_toon(pad), regel=regel, veld=velden[0])
        gezien[waarde] = regel


def _controleer_verwijzingen(
    pakket: _Pakket, pad: Path, schema_: dict[str, Any], kolommen: dict[str, list[Any]], regels: list[int]
) -> None:
    for fk in schema_.get("foreignKeys", []):
        velden = _als_lijst(fk["fields"])
        doel = fk["reference"]["resource"]
        doelvelden = _als_lijst(fk["reference"]["fields"])
        doeltabel = _laad(doel, pakket.map)
        bekend = set(zip(*(doeltabel[v].astype(object) for v in doelvelden), strict=True))
        for i, regel in enumerate(regels):
            waarde = tuple(kolommen[v][i] for v in velden)
            if any(w is None for w in waarde):
                continue
            if waarde not in bekend:
                bestand = pakket.bronnen[doel]["path"]
                tekst = ", ".join(str(w) for w in waarde)
                hint = _suggestie(tekst, sorted(str(b[0]) for b in bekend)) if len(velden) == 1 else ""
                raise DataFout(
                    f"Fout in {_toon(pad)}, regel {regel}, veld '{velden[0]}': '{tekst}' staat niet in "
                    f"{bestand}.{hint} Voeg de bron toe aan {bestand} of verbeter de naam.",
                    bestand=_toon(pad), regel=regel, veld=velden[0])


def _main(argv: list[str] | None = None) -> int:
    """``python -m voordeur.data check``: validate the whole package."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if args[:1] not in (["check"], []):
        print("Gebruik: python -m voordeur.data check")
        return 2
    try:
        namen = valideer()
    except DataFout as fout:
        print(fout)
        return 1
    print(f"In orde: {len(namen)} tabellen in {datamap()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
