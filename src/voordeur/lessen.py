"""The list of lessons, read from the one manifest ``src/voordeur/lessen.toml``.

The manifest lists the lessons in order with everything that belongs to each: number, folder with the
text sources (``lessen/<map>/``), title, duration, summary, the built notebook, the quiz bank, the
exercise, the teacher-guide section, the sources (``bron_id``'s) and the sexual-violence flag. The
build (``tools/build.py``), the README table, the navigation, the start overview, the online links and
the tests all read it through this module.

The manifest is package data, next to this module, so it is in every wheel (the hatchling wheel, the
JupyterLite wheel) and in an editable install alike. Reading it needs only the standard library
(``tomllib``); a broken manifest gives a :class:`LessenFout` that names the file, the lesson and the
field.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voordeur.fouten import VoordeurFout

MANIFEST = "lessen.toml"
OEFENING_BRON = "oefening.md"
"""The text source of a lesson's exercise (``oefening``), in its folder."""
ZONDER_CODE_BRON = "oefening-zonder-code.md"
"""The text source of a lesson's no-code exercise (``oefening_zonder_code``), in its folder."""

__all__ = [  # noqa: F822 (LESSEN: module __getattr__)
    "LESSEN", "MANIFEST", "OEFENING_BRON", "ZONDER_CODE_BRON", "Extra", "Les", "LessenFout",
    "extra_notebooks", "les", "lessen", "volgende", "vorige"]


class LessenFout(VoordeurFout):
    """The lesson manifest is missing or has a wrong field; the message names file, lesson and field."""


@dataclass(frozen=True)
class Les:
    """One lesson, as listed in the manifest."""

    nummer: int
    bestand: str  # the built notebook in notebooks/
    titel: str
    duur: str
    samenvatting: str
    bronnen: tuple[str, ...] = field(default=())
    #: The lesson treats sexual violence: its content note also gives the Centrum Seksueel Geweld line.
    seksueel_geweld: bool = False
    map: str = ""  # folder in lessen/ with les.md, oefening.md and docent.md
    bank: str = ""  # quiz bank name (data/quizzes/<bank>.yaml); "" = none
    oefening: str = ""  # built solution in solutions/ (exercise in exercises/); "" = none
    docent: str = "docent.md"  # the teacher-guide section, a file in the lesson folder
    #: The no-code route (choosing, ordering, classifying; issue 17) beside the exercise: built from
    #: ``lessen/<map>/oefening-zonder-code.md`` into solutions/ and exercises/; "" = none.
    oefening_zonder_code: str = ""

    @property
    def oefeningen(self) -> tuple[tuple[str, str], ...]:
        """The lesson's exercise notebooks with their text source in the lesson folder, in order:
        ``(notebook, source)``, e.g. ``("oefening-01-hoe-vaak.ipynb", "oefening.md")``."""
        paren = ((self.oefening, OEFENING_BRON), (self.oefening_zonder_code, ZONDER_CODE_BRON))
        return tuple((nb, bron) for nb, bron in paren if nb)

    @property
    def kop(self) -> str:
        return "Start" if self.nummer == 0 else f"Les {self.nummer}"


@dataclass(frozen=True)
class Extra:
    """A notebook that is built from a text source but is no lesson (quiz app, examples)."""

    bron: str  # the text source, relative to the repository root
    notebook: str  # the built notebook, relative to the repository root


_TEKST = ("map", "titel", "duur", "samenvatting", "notebook")
_OPTIONEEL = ("bank", "oefening", "docent", "oefening_zonder_code")


def _fout(pad: Path, waar: str, melding: str) -> LessenFout:
    return LessenFout(f"{pad}, {waar}: {melding}")


def _les(ruw: Any, i: int, pad: Path) -> Les:
    waar = f"les {i + 1} in de lijst"
    if not isinstance(ruw, dict):
        raise _fout(pad, waar, "elke [[les]] is een tabel met velden zoals nummer = 1 en titel = \"...\".")
    nummer = ruw.get("nummer")
    if isinstance(nummer, bool) or not isinstance(nummer, int) or nummer < 0:
        raise _fout(pad, f"{waar}, veld 'nummer'", "schrijf een heel getal, 0 of hoger, zonder "
                    "aanhalingstekens.")
    waar = f"les {nummer}"
    for naam in _TEKST:
        if not isinstance(ruw.get(naam), str) or not ruw[naam].strip():
            raise _fout(pad, f"{waar}, veld '{naam}'", "dit veld ontbreekt of is leeg; schrijf tekst tussen "
                        "aanhalingstekens.")
    for naam in _OPTIONEEL:
        if naam in ruw and not isinstance(ruw[naam], str):
            raise _fout(pad, f"{waar}, veld '{naam}'", "schrijf tekst tussen aanhalingstekens (of \"\").")
    bronnen = ruw.get("bronnen", [])
    if not isinstance(bronnen, list) or not all(isinstance(b, str) and b for b in bronnen):
        raise _fout(pad, f"{waar}, veld 'bronnen'", "schrijf een lijst met bron_id's uit data/sources.csv, "
                    "zoals [\"cbs_84849NED\"].")
    vlag = ruw.get("seksueel_geweld", False)
    if not isinstance(vlag, bool):
        raise _fout(pad, f"{waar}, veld 'seksueel_geweld'", "schrijf true of false, zonder aanhalingstekens.")
    bekend = {*_TEKST, *_OPTIONEEL, "nummer", "bronnen", "seksueel_geweld"}
    vreemd = sorted(set(ruw) - bekend)
    if vreemd:
        raise _fout(pad, f"{waar}, veld '{vreemd[0]}'", f"dit veld ken ik niet. Velden: "
                    f"{', '.join(sorted(bekend))}.")
    return Les(nummer, ruw["notebook"], ruw["titel"], ruw["duur"], ruw["samenvatting"], tuple(bronnen), vlag,
               ruw["map"], ruw.get("bank", ""), ruw.get("oefening", ""), ruw.get("docent", "docent.md"),
               ruw.get("oefening_zonder_code", ""))


def manifest_pad() -> Path:
    """Where the manifest is: ``lessen.toml`` in this package."""
    return Path(__file__).resolve().with_name(MANIFEST)


@functools.cache
def _lees(pad: Path) -> tuple[tuple[Les, ...], tuple[Extra, ...]]:
    from voordeur.veilig import VeiligFout, lees_tekst

    try:
        tekst = lees_tekst(pad, max_bytes=1024 * 1024, soort="lessenlijst (.toml-bestand)")
    except VeiligFout as e:
        raise LessenFout(str(e)) from None
    try:
        ruw = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as e:
        raise _fout(pad, "opbouw", f"dit is geen geldige TOML ({e}).") from None
    lijst = ruw.get("les")
    if not isinstance(lijst, list) or not lijst:
        raise _fout(pad, "opbouw", "er staat geen enkele [[les]] in.")
    lessen = tuple(_les(x, i, pad) for i, x in enumerate(lijst))
    nummers = [x.nummer for x in lessen]
    dubbel = sorted({n for n in nummers if nummers.count(n) > 1})
    if dubbel:
        raise _fout(pad, f"les {dubbel[0]}", "dit nummer staat twee keer in de lijst.")
    if nummers != sorted(nummers):
        raise _fout(pad, "volgorde", "zet de lessen op volgorde van hun nummer.")
    for naam in ("notebook", "map"):
        waarden = [getattr(x, "bestand" if naam == "notebook" else naam) for x in lessen]
        twee = sorted({w for w in waarden if waarden.count(w) > 1})
        if twee:
            raise _fout(pad, f"veld '{naam}'", f"'{twee[0]}' hoort bij twee lessen.")
    gezien: dict[str, str] = {}
    for x in lessen:  # every exercise notebook has one name (solutions/ and exercises/ are flat folders)
        for veld in ("oefening", "oefening_zonder_code"):
            naam = getattr(x, veld)
            if not naam:
                continue
            if not naam.endswith(".ipynb") or "/" in naam or "\\" in naam:
                raise _fout(pad, f"les {x.nummer}, veld '{veld}'", "schrijf de naam van een notebook zonder "
                            f"map, die eindigt op .ipynb, zoals \"oefening-0{x.nummer}-naam.ipynb\".")
            if naam in gezien:
                raise _fout(pad, f"les {x.nummer}, veld '{veld}'", f"'{naam}' staat ook bij {gezien[naam]}; "
                            "geef elke oefening een eigen naam.")
            gezien[naam] = f"les {x.nummer} ({veld})"
    extra: list[Extra] = []
    for i, x in enumerate(ruw.get("extra", [])):
        velden = ("bron", "notebook")
        if not (isinstance(x, dict) and all(isinstance(x.get(k), str) and x[k] for k in velden)):
            raise _fout(pad, f"extra {i + 1}", "een [[extra]] heeft de velden bron en notebook (tekst).")
        extra.append(Extra(x["bron"], x["notebook"]))
    return lessen, tuple(extra)


def lessen(pad: Path | None = None) -> tuple[Les, ...]:
    """All lessons in order (from the manifest at *pad*, default :func:`manifest_pad`)."""
    return _lees(pad or manifest_pad())[0]


def extra_notebooks(pad: Path | None = None) -> tuple[Extra, ...]:
    """The notebooks that are built from a text source but are no lesson."""
    return _lees(pad or manifest_pad())[1]


def __getattr__(naam: str) -> Any:
    """``LESSEN`` is read from the manifest the first time it is used (not at import)."""
    if naam == "LESSEN":
        return lessen()
    raise AttributeError(f"module 'voordeur.lessen' has no attribute {naam!r}")


def les(nummer: int) -> Les:
    """Return lesson *nummer*; a clear error for a number that does not exist."""
    alle = lessen()
    for item in alle:
        if item.nummer == nummer:
            return item
    bestaand = ", ".join(str(x.nummer) for x in alle)
    raise KeyError(f"Les {nummer} bestaat niet. Kies een van: {bestaand}.")


def vorige(nummer: int) -> Les | None:
    alle = lessen()
    i = [x.nummer for x in alle].index(les(nummer).nummer)
    return alle[i - 1] if i > 0 else None


def volgende(nummer: int) -> Les | None:
    alle = lessen()
    i = [x.nummer for x in alle].index(les(nummer).nummer)
    return alle[i + 1] if i + 1 < len(alle) else None
