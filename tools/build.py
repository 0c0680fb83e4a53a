"""The one build: every generated file of the module, from its sources (issue 12).

Usage:
    python tools/build.py                 build what is out of date (same as ``make build``)
    python tools/build.py --alles         rebuild everything
    python tools/build.py --check         build nothing; exit 1 when a generated file drifted from its source
    python tools/build.py --lijst         print the table of targets and their sources
    python tools/build.py NOTEBOOK ...    (re)build these notebooks only, e.g. notebooks/04-meldcode.ipynb

The table of targets (:func:`doelen`) is declared from the manifest ``src/voordeur/lessen.toml``:

=============================================  ===============================================================
target                                         sources
=============================================  ===============================================================
``notebooks/<notebook>``                       ``lessen/<map>/les.md`` + manifest + fixed parts + code + data
``solutions/<oefening>``                       ``lessen/<map>/oefening.md`` + the same
``solutions/<oefening_zonder_code>``           ``lessen/<map>/oefening-zonder-code.md`` + the same
``notebooks/quizzen.ipynb``, ``docs/voorbeelden``  ``[[extra]]`` text sources in the manifest
``exercises/<oefening>`` (and no-code route)   ``solutions/<oefening>`` (``tools/make_exercises.py``)
``README.md`` (lesson table)                   manifest
``docs/docentenhandleiding.md`` (lessons)      ``lessen/<map>/docent.md``
``docs/lessen-online.md`` (+ README block)     ``online.toml`` + manifest (``tools/binder_links.py``)
``data/quizzes/schema.json``                   ``src/voordeur/quiz/schema.py``
=============================================  ===============================================================

A notebook is built in three steps: jupytext reads the MyST Markdown source; the fixed parts (title,
content note with help lines, sources, navigation, the start lesson's overview) are injected; nbclient
executes it in the notebook's own folder with ``PYTHONHASHSEED=0`` and ``record_timing=False``. Widget
model ids are numbered per notebook and cell ids come from the position, so building twice gives the
same bytes. The fixed parts are never written back into the sources.

``--check`` is cheap (nothing is executed): it compares each built notebook's cells, without outputs,
to a fresh conversion + injection of its source, and the other targets to what would be written. nbval
checks the stored outputs. ``dodo.py`` declares the same table for doit (``make build`` uses it, so
only targets whose sources changed are rebuilt).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

import controles  # noqa: E402
import nbformat  # noqa: E402
from nbformat import NotebookNode  # noqa: E402

from voordeur import lessen  # noqa: E402
from voordeur_bouw import vaste_delen  # noqa: E402

LESSEN_MAP = ROOT / "lessen"
MANIFEST = ROOT / "src" / "voordeur" / lessen.MANIFEST
OVERZICHT_MARKER = "<!-- vast deel: overzicht van de lessen (de build vult dit in) -->"
"""A markdown cell with only this line in a source is replaced by the lesson overview."""
OEFENINGEN_MARKER = "<!-- vast deel: overzicht van de oefeningen (de build vult dit in) -->"
"""This line in a markdown cell of a lesson is replaced by the table of exercises (both routes, from the
manifest); the rest of the cell stays."""

#: Folders whose files every executed notebook depends on (a change there means: re-execute).
PAKKET = ROOT / "src" / "voordeur"
DATA_BESTANDEN = ("*.csv", "datapackage.json", "quizzes/*.yaml")


@dataclass(frozen=True)
class Doel:
    """One built notebook: where it goes, its text source, and which fixed parts it gets."""

    notebook: Path
    bron: Path
    soort: str  # "les" (all fixed parts), "oefening" or "extra" (content note only)
    les: lessen.Les | None = None

    @property
    def naam(self) -> str:
        return _toon(self.notebook)


def _toon(pad: Path) -> str:
    """A path for messages: relative to the repository when it is inside it."""
    return str(pad.relative_to(ROOT)) if pad.is_relative_to(ROOT) else str(pad)


def doelen() -> list[Doel]:
    """The declared table of notebook targets, from the manifest."""
    uit: list[Doel] = []
    for item in lessen.lessen(MANIFEST):
        map_ = LESSEN_MAP / item.map
        uit.append(Doel(ROOT / "notebooks" / item.bestand, map_ / "les.md", "les", item))
        for notebook, bron in item.oefeningen:  # oefening.md, and oefening-zonder-code.md (the no-code route)
            uit.append(Doel(ROOT / "solutions" / notebook, map_ / bron, "oefening", item))
    for extra in lessen.extra_notebooks(MANIFEST):
        uit.append(Doel(ROOT / extra.notebook, ROOT / extra.bron, "extra"))
    return uit


def bronnen_van(doel: Doel) -> list[Path]:
    """The text files a notebook is made from: its source, and the exercise sources when the source
    shows the table of exercises (their headings give the link texts)."""
    uit = [doel.bron]
    if doel.bron.is_file() and OEFENINGEN_MARKER in doel.bron.read_text(encoding="utf-8"):
        uit += [LESSEN_MAP / item.map / bron for item in lessen.lessen(MANIFEST)
                for _, bron in item.oefeningen]
    return uit


def afhankelijkheden() -> list[Path]:
    """Files every executed notebook depends on besides its own source."""
    paden = [MANIFEST, controles.DOEL, *sorted(PAKKET.rglob("*.py")),
             *sorted((ROOT / "src" / "voordeur_bouw").glob("*.py"))]
    for patroon in DATA_BESTANDEN:
        paden += sorted((ROOT / "data").glob(patroon))
    return paden


# --- from source to notebook (without executing) ------------------------------------------------------------

def _md(tekst: str, tag: str, slide: str | None) -> NotebookNode:
    cel = nbformat.v4.new_markdown_cell(tekst)
    meta: dict[str, Any] = {}
    if slide is not None:
        meta["slideshow"] = {"slide_type": slide}
    meta["tags"] = [tag]
    cel.metadata = meta
    return cel


def lees_bron(pad: Path) -> NotebookNode:
    """The text source as a notebook (jupytext, MyST Markdown)."""
    import jupytext

    nb = jupytext.read(pad, fmt="md:myst")
    nb.metadata.pop("jupytext", None)
    return nb


def samenstellen(doel: Doel) -> NotebookNode:
    """Source + fixed parts + metadata, cells with stable ids: the notebook before execution."""
    nb = lees_bron(doel.bron)
    cellen = [c for c in nb.cells if not controles.is_spec(c)]  # check specs live in controles.json
    les = doel.les
    dia = "subslide" if doel.soort == "les" else None
    nummer = les.nummer if les is not None else None
    notitie = _md(vaste_delen.veilig_leren(nummer if doel.soort == "les" or les is not None else None),
                  "veilig-leren", dia)
    if doel.soort == "les" and les is not None:
        for i, cel in enumerate(cellen):
            if cel.cell_type == "markdown" and cel.source.strip() == OVERZICHT_MARKER:
                cellen[i] = _md("## De lessen\n\n" + vaste_delen.overzicht(), "overzicht", "slide")
            elif cel.cell_type == "markdown" and OEFENINGEN_MARKER in cel.source:
                cel.source = cel.source.replace(OEFENINGEN_MARKER, vaste_delen.oefeningen())
        kop = _md(vaste_delen.kop(les.nummer), "kop", "slide")
        cellen = [kop, cellen[0], notitie, *cellen[1:]]
        cellen.append(_md(vaste_delen.bronnen(list(les.bronnen), ROOT / "data"), "bronnen", "subslide"))
        cellen.append(_md(vaste_delen.navigatie(les.nummer), "navigatie", "skip"))
    else:
        cellen = [cellen[0], notitie, *cellen[1:]]
    for i, cel in enumerate(cellen):
        cel.id = _cel_id(doel, i)
        if cel.cell_type == "code":
            cel.outputs = []
            cel.execution_count = None
    nb.cells = cellen
    meta = {k: v for k, v in nb.metadata.items() if k in ("celltoolbar", "kernelspec")}
    meta["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    if les is not None:
        meta["voordeur"] = {"les": les.nummer} if doel.soort == "oefening" else {
            "bronnen": list(les.bronnen), "les": les.nummer}
    nb.metadata = meta
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def _cel_id(doel: Doel, index: int) -> str:
    return hashlib.sha1(f"{doel.notebook.name}:{index}".encode()).hexdigest()[:12]


# --- executing ----------------------------------------------------------------------------------------------

def uitvoeren(nb: NotebookNode, doel: Doel) -> NotebookNode:
    """Execute in the notebook's own folder, reproducibly: no timings, numbered widget ids."""
    from nbclient import NotebookClient

    os.environ["PYTHONHASHSEED"] = "0"
    client = NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=False,
                            record_timing=False, resources={"metadata": {"path": str(doel.notebook.parent)}})
    client.execute()
    _nummer_widgets(nb, doel)
    for cel in nb.cells:
        cel.metadata.pop("execution", None)  # never execution timestamps in the stored notebook
    return nb


_UUID = re.compile(r"[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _nummer_widgets(nb: NotebookNode, doel: Doel) -> None:
    """Widget model ids (random per run) become ids derived from the notebook and their order."""
    gezien: dict[str, str] = {}

    def vervang(m: re.Match[str]) -> str:
        oud = m.group(0)
        if oud not in gezien:
            gezien[oud] = uuid.uuid5(uuid.NAMESPACE_URL, f"voordeur:{doel.notebook.name}:{len(gezien)}").hex
        return gezien[oud]

    for cel in nb.cells:
        for uit in cel.get("outputs", []):
            data = uit.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                tekst = json.dumps(data["application/vnd.jupyter.widget-view+json"])
                data["application/vnd.jupyter.widget-view+json"] = json.loads(_UUID.sub(vervang, tekst))


class BouwFout(Exception):
    """A target cannot be built; the message (Dutch, for whoever edits a lesson) names the source file."""


def bouw_notebook(doel: Doel) -> None:
    """Build one notebook; on any problem raise :class:`BouwFout` and leave the old notebook as it was."""
    from nbclient.exceptions import CellExecutionError

    from voordeur.veilig import schrijf_atomair

    if not doel.bron.is_file():
        raise BouwFout(f"{_toon(doel.bron)}: deze tekstbron bestaat niet "
                       "(zie de les in src/voordeur/lessen.toml).")
    try:
        nb = samenstellen(doel)
    except Exception as e:  # jupytext, a bron_id that is not in sources.csv, ...
        raise BouwFout(f"{_toon(doel.bron)}: kan deze tekstbron niet lezen "
                       f"({type(e).__name__}: {e}).") from None
    doel.notebook.parent.mkdir(parents=True, exist_ok=True)
    try:
        nb = uitvoeren(nb, doel)
    except CellExecutionError as e:
        cel = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and any(
            o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        waar = f"cel {cel}" if cel is not None else "een cel"
        regel = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
        raise BouwFout(f"{_toon(doel.bron)}: {waar} geeft een fout bij het uitvoeren: {regel}. "
                       f"{doel.naam} is niet veranderd.") from None
    schrijf_atomair(doel.notebook, nbformat.writes(nb) + "\n")


# --- drift --------------------------------------------------------------------------------------------------

def _zonder_uitvoer(nb: NotebookNode) -> list[dict[str, Any]]:
    return [{"id": c.get("id"), "type": c.cell_type, "source": c.source,
             "metadata": {k: v for k, v in c.metadata.items() if k != "execution"}} for c in nb.cells]


def drift_notebook(doel: Doel) -> list[str]:
    """What differs between the built notebook's cells (no outputs) and a fresh conversion + injection."""
    if not doel.notebook.exists():
        return [f"{doel.naam}: ontbreekt; bouw het met `make build`."]
    if not doel.bron.exists():
        return [f"{doel.naam}: de tekstbron {_toon(doel.bron)} ontbreekt."]
    gebouwd = nbformat.read(doel.notebook, as_version=4)
    vers = samenstellen(doel)
    a, b = _zonder_uitvoer(gebouwd), _zonder_uitvoer(vers)
    if a == b:
        fout = [f"{doel.naam}: cel {i} heeft geen uitvoer; voer de build uit"
                for i, c in enumerate(gebouwd.cells) if c.cell_type == "code" and c.execution_count is None]
        return fout[:1]
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return [f"{doel.naam}: cel {i} wijkt af van {_toon(doel.bron)}; draai `make build` "
                    f"(bewerk de tekstbron, niet het notebook)."]
    return [f"{doel.naam}: {len(a)} cellen, de bron geeft er {len(b)}; draai `make build`."]


# --- the other targets --------------------------------------------------------------------------------------

DOCENT = ROOT / "docs" / "docentenhandleiding.md"
DOCENT_BEGIN = ("<!-- lessen:begin (generated by tools/build.py from lessen/*/docent.md; edit those files, "
                "not this block) -->")
DOCENT_EIND = "<!-- lessen:end -->"


OVERZICHT_BEGIN = "<!-- overzicht:begin (generated by tools/build.py from src/voordeur/lessen.toml) -->"
OVERZICHT_EIND = "<!-- overzicht:end -->"


def _overzicht_docent() -> str:
    regels = ["| Les | Titel | Duur | Waar gaat het over? | Quiz (vragenbank) |", "|---|---|---|---|---|"]
    for item in lessen.lessen(MANIFEST):
        minuten = item.duur.removesuffix(" minuten")
        bank = f"`{item.bank}`" if item.bank else "–"
        regels.append(f"| {item.nummer} | {item.titel} | {minuten} min | {item.samenvatting} | {bank} |")
    return "\n".join(regels)


def docentenhandleiding(tekst: str) -> str:
    """The handbook with the lesson table (manifest) and the lesson sections (``lessen/<map>/docent.md``)."""
    patroon = re.compile(re.escape(OVERZICHT_BEGIN) + r".*?" + re.escape(OVERZICHT_EIND), re.S)
    if not patroon.search(tekst):
        raise SystemExit(f"{DOCENT}: the markers {OVERZICHT_BEGIN!r} ... {OVERZICHT_EIND!r} are missing")
    tekst = patroon.sub(lambda _: f"{OVERZICHT_BEGIN}\n{_overzicht_docent()}\n{OVERZICHT_EIND}", tekst)
    delen = []
    for item in lessen.lessen(MANIFEST):
        pad = LESSEN_MAP / item.map / item.docent
        if pad.exists():
            delen.append(pad.read_text(encoding="utf-8").strip("\n"))
    blok = f"{DOCENT_BEGIN}\n\n" + "\n\n".join(delen) + f"\n\n{DOCENT_EIND}"
    patroon = re.compile(re.escape(DOCENT_BEGIN) + r".*?" + re.escape(DOCENT_EIND), re.S)
    if not patroon.search(tekst):
        raise SystemExit(f"{DOCENT}: the markers {DOCENT_BEGIN!r} ... {DOCENT_EIND!r} are missing")
    return patroon.sub(lambda _: blok, tekst)


@dataclass
class Tekstdoel:
    """A text file (or a block in one) generated from other files."""

    pad: Path
    maak: Callable[[str], str]
    bronnen: list[Path] = field(default_factory=list)


def tekstdoelen() -> list[Tekstdoel]:
    import binder_links
    import readme_lessons

    docent_bronnen = [LESSEN_MAP / x.map / x.docent for x in lessen.lessen(MANIFEST)]

    def readme(tekst: str) -> str:
        tekst = readme_lessons.render(tekst)
        return binder_links.render_into(tekst, binder_links.load_settings()) if binder_links.BEGIN in tekst \
            else tekst

    def online(_: str) -> str:
        return binder_links.document(binder_links.load_settings())

    return [
        Tekstdoel(controles.DOEL, controles.maak,
                  [*controles.bronnen(), *(p for p in afhankelijkheden() if p != controles.DOEL),
                   ROOT / "tools" / "controles.py"]),
        Tekstdoel(ROOT / "README.md", readme, [MANIFEST, ROOT / "online.toml"]),
        Tekstdoel(DOCENT, docentenhandleiding, [MANIFEST, *docent_bronnen]),
        Tekstdoel(ROOT / "docs" / "lessen-online.md", online, [MANIFEST, ROOT / "online.toml"]),
        Tekstdoel(ROOT / "data" / "quizzes" / "schema.json", _schema, [ROOT / "src/voordeur/quiz/schema.py"]),
    ]


def _schema(_: str) -> str:
    from voordeur.quiz.schema import schema_tekst

    return schema_tekst()


def schrijf_tekstdoel(t: Tekstdoel) -> bool:
    from voordeur.veilig import schrijf_atomair

    oud = t.pad.read_text(encoding="utf-8") if t.pad.exists() else ""
    nieuw = t.maak(oud)
    if nieuw != oud:
        schrijf_atomair(t.pad, nieuw)
    return nieuw != oud


def drift_tekst(t: Tekstdoel) -> list[str]:
    oud = t.pad.read_text(encoding="utf-8") if t.pad.exists() else ""
    try:
        nieuw = t.maak(oud)
    except controles.SpecFout as e:
        return [str(e)]
    return [] if nieuw == oud else [f"{t.pad.relative_to(ROOT)}: verouderd; draai `make build`."]


def oefeningen(check: bool) -> list[str]:
    import make_exercises

    return make_exercises.genereer(ROOT / "solutions", ROOT / "exercises", check=check)


def drift() -> list[str]:
    """Every generated file that differs from what its sources give (no notebook is executed; the
    solution code of the exercises runs in-process to compute the check file)."""
    problemen: list[str] = []
    for doel in doelen():
        problemen += drift_notebook(doel)
    for t in tekstdoelen():
        problemen += drift_tekst(t)
    problemen += [f"exercises/: {p}" for p in oefeningen(check=True)]
    bekend = {d.notebook for d in doelen()}
    for map_ in ("notebooks", "solutions"):
        for pad in sorted((ROOT / map_).glob("*.ipynb")):
            if pad not in bekend:
                problemen.append(f"{pad.relative_to(ROOT)}: staat niet in de lessenlijst (geen tekstbron).")
    return problemen


def verouderd(doel: Doel) -> bool:
    if not doel.notebook.exists():
        return True
    tijd = doel.notebook.stat().st_mtime
    return any(p.stat().st_mtime > tijd for p in [*bronnen_van(doel), *afhankelijkheden()] if p.exists()) \
        or bool(drift_notebook(doel))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--alles", action="store_true")
    parser.add_argument("--lijst", action="store_true")
    args = parser.parse_args(argv)
    if args.lijst:
        for d in doelen():
            print(f"{d.naam:50} <- {_toon(d.bron)}")
        for t in tekstdoelen():
            bronnen = ", ".join(str(p.relative_to(ROOT)) for p in t.bronnen)
            print(f"{t.pad.relative_to(ROOT)!s:50} <- {bronnen}")
        print(f"{'exercises/*.ipynb':50} <- solutions/*.ipynb")
        return 0
    if args.check:
        problemen = drift()
        for p in problemen:
            print(p)
        if not problemen:
            print("Alle gemaakte bestanden komen overeen met hun bronnen.")
        return 1 if problemen else 0
    try:  # the check file first: the solutions call controleer() when they are executed
        if schrijf_tekstdoel(tekstdoelen()[0]):
            print(f"schrijf {_toon(controles.DOEL)}")
    except controles.SpecFout as e:
        print(f"✘ {e}", file=sys.stderr)
        return 1
    gekozen = doelen()
    if args.notebooks:
        namen = {str((Path.cwd() / n).resolve()) for n in args.notebooks}
        gekozen = [d for d in gekozen if str(d.notebook) in namen or str(d.bron) in namen]
    for doel in gekozen:
        if args.alles or args.notebooks or verouderd(doel):
            print(f"bouw {doel.naam}")
            try:
                bouw_notebook(doel)
            except BouwFout as e:
                print(f"✘ {e}", file=sys.stderr)
                return 1
    if not args.notebooks:
        for t in tekstdoelen():
            if schrijf_tekstdoel(t):
                print(f"schrijf {t.pad.relative_to(ROOT)}")
    for regel in oefeningen(check=False):
        print(regel)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
