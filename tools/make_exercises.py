"""Generate the student notebooks in ``exercises/`` from the single source in ``solutions/``.

Usage: python tools/make_exercises.py [--check] [--bron solutions] [--doel exercises]

Every exercise is written once, in ``solutions/``, with its answer marked the nbgrader way::

    ### BEGIN SOLUTION
    antwoord = ...the worked answer...
    ### END SOLUTION
    controleer("1.1", antwoord)

This script writes ``exercises/<same name>.ipynb`` with

- code between ``### BEGIN SOLUTION`` / ``### END SOLUTION`` replaced by a *stub*: for every name the
  solution assigns that is also used outside the solution (for example by the check right below it, or
  by a later cell) a line ``naam = None  # vul hier je antwoord in``. ``None`` is what the checks report
  as "nog niet ingevuld", so an unanswered task never crashes the cells after it. When the solution
  assigns nothing that is used elsewhere, the stub is a comment ``# vul hier je code in``;
- code between ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS`` removed;
- markdown between ``=== BEGIN ANTWOORD ===`` / ``=== END ANTWOORD ===`` (a text answer, for example a
  reflection) replaced by ``_Schrijf hier je antwoord._`` (``### BEGIN SOLUTION`` also works in markdown);
  a markdown cell that is only such an answer, right under a no-code task (an ``oefen("...")`` cell), is
  left out: the student answers in the form, not in a text cell;
- cells tagged ``alleen-docent`` (teacher notes) left out;
- all outputs and execution counts removed, cell metadata reduced to ``tags`` and notebook metadata to
  ``kernelspec``, ``language_info.name`` and ``voordeur`` (plus where the file was generated from).

The output is deterministic (cell ids are kept from the source, or derived from the file name and
position), so ``tests/test_exercises.py`` can regenerate into a temporary folder and compare bytes.
Exercise notebooks in ``exercises/`` without a source in ``solutions/`` are removed.

Why not nbgrader's ``ClearSolutions`` preprocessor: nbgrader pulls in a web app, a database layer and
its own pins for Jupyter packages, which would fight our locked JupyterLab/ipywidgets versions for one
small text transform. Its stub (``raise NotImplementedError()``) also stops "Run all" at the first
unanswered task, while our stub keeps later cells working. The marker syntax is nbgrader's, so
teachers who know nbgrader can still use it on these sources.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import io
import re
import sys
import textwrap
import token
import tokenize
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

ROOT = Path(__file__).resolve().parents[1]

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
BEGIN_ANTWOORD = "=== BEGIN ANTWOORD ==="
END_ANTWOORD = "=== END ANTWOORD ==="

STUB_WAARDE = "None  # vul hier je antwoord in"
STUB_CODE = "# vul hier je code in"
STUB_TEKST = "_Schrijf hier je antwoord._"
DOCENT_TAG = "alleen-docent"

ALL_MARKERS = (BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN, BEGIN_ANTWOORD, END_ANTWOORD)
_MD_MARKER = re.compile(r"^\s*(?:<!--\s*)?(?P<m>=== (?:BEGIN|END) ANTWOORD ===|### (?:BEGIN|END) SOLUTION)"
                        r"(?:\s*-->)?\s*$")
_ASSIGN_FALLBACK = re.compile(r"^([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)")


class MarkerFout(ValueError):
    """Unbalanced or nested markers in a source notebook (message names the file and cell)."""


@dataclass(frozen=True)
class Regio:
    """A solution region inside a code cell: line numbers of the markers and the indentation."""

    begin: int
    eind: int
    inspringing: str


def _marker(regel: str) -> str | None:
    kaal = regel.strip()
    for m in ALL_MARKERS:
        if kaal == m:
            return m
    return None


def _regio_s(regels: list[str], begin: str, eind: str, waar: str) -> list[Regio]:
    """Find ``begin``/``eind`` marker pairs; raise :class:`MarkerFout` when they do not pair up."""
    gevonden: list[Regio] = []
    open_bij: int | None = None
    for i, regel in enumerate(regels):
        m = _marker(regel)
        if m == begin:
            if open_bij is not None:
                raise MarkerFout(f"{waar}: '{begin}' on line {i + 1} before '{eind}' of line {open_bij + 1}")
            open_bij = i
        elif m == eind:
            if open_bij is None:
                raise MarkerFout(f"{waar}: '{eind}' on line {i + 1} without '{begin}'")
            inspringing = regels[open_bij][: len(regels[open_bij]) - len(regels[open_bij].lstrip())]
            gevonden.append(Regio(open_bij, i, inspringing))
            open_bij = None
    if open_bij is not None:
        raise MarkerFout(f"{waar}: '{begin}' on line {open_bij + 1} is never closed")
    return gevonden


def toegewezen_namen(code: str) -> list[str]:
    """Names assigned at the top level of ``code`` (in order, without repeats)."""
    namen: list[str] = []

    def voeg_toe(doel: ast.AST) -> None:
        if isinstance(doel, ast.Name) and doel.id not in namen:
            namen.append(doel.id)
        elif isinstance(doel, ast.Tuple | ast.List):
            for elt in doel.elts:
                voeg_toe(elt)
        elif isinstance(doel, ast.Starred):
            voeg_toe(doel.value)

    try:
        boom = ast.parse(textwrap.dedent(code))
    except SyntaxError:  # IPython magics and the like: fall back to a line scan
        for regel in textwrap.dedent(code).splitlines():
            m = _ASSIGN_FALLBACK.match(regel)
            if m and m.group(1) not in namen:
                namen.append(m.group(1))
        return namen
    for stmt in boom.body:
        if isinstance(stmt, ast.Assign):
            for doel in stmt.targets:
                voeg_toe(doel)
        elif isinstance(stmt, ast.AnnAssign | ast.AugAssign | ast.For | ast.AsyncFor):
            voeg_toe(stmt.target)
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            for item in stmt.items:
                if item.optional_vars is not None:
                    voeg_toe(item.optional_vars)
    return namen


def gebruikte_namen(code: str) -> set[str]:
    """Identifiers in ``code``, not counting comments and strings (a line scan if it does not tokenize)."""
    try:
        tokens = tokenize.generate_tokens(io.StringIO(code).readline)
        return {t.string for t in tokens if t.type == token.NAME}
    except (tokenize.TokenError, SyntaxError):
        return set(re.findall(r"[A-Za-z_]\w*", code))


def _zonder_regio_s(regels: list[str], regio_s: list[Regio]) -> list[str]:
    binnen = {i for r in regio_s for i in range(r.begin, r.eind + 1)}
    return [r for i, r in enumerate(regels) if i not in binnen]


def maak_stub(oplossing: str, elders: set[str], inspringing: str) -> list[str]:
    """Stub lines for one solution region; ``elders`` = names used outside solution regions."""
    namen = toegewezen_namen(oplossing)
    nodig = [n for n in namen if n in elders]
    if not nodig:
        return [f"{inspringing}{STUB_CODE}"]
    return [f"{inspringing}{naam} = {STUB_WAARDE}" for naam in nodig]


def _code_cel(bron: str, elders: set[str], waar: str) -> str:
    regels = bron.split("\n")
    # hidden tests first: removed completely
    verborgen = _regio_s(regels, BEGIN_HIDDEN, END_HIDDEN, waar)
    regels = _zonder_regio_s(regels, verborgen)
    uit: list[str] = []
    vorige = 0
    for r in _regio_s(regels, BEGIN_SOLUTION, END_SOLUTION, waar):
        uit += regels[vorige:r.begin]
        uit += maak_stub("\n".join(regels[r.begin + 1:r.eind]), elders, r.inspringing)
        vorige = r.eind + 1
    uit += regels[vorige:]
    return "\n".join(uit).rstrip()


def _markdown_cel(bron: str, waar: str) -> str:
    regels = bron.split("\n")
    uit: list[str] = []
    open_bij: int | None = None
    for i, regel in enumerate(regels):
        m = _MD_MARKER.match(regel)
        soort = m.group("m") if m else None
        if soort in (BEGIN_ANTWOORD, BEGIN_SOLUTION):
            if open_bij is not None:
                raise MarkerFout(f"{waar}: answer marker on line {i + 1} inside an open answer")
            open_bij = i
            uit.append(STUB_TEKST)
        elif soort in (END_ANTWOORD, END_SOLUTION):
            if open_bij is None:
                raise MarkerFout(f"{waar}: '{soort}' on line {i + 1} without a BEGIN marker")
            open_bij = None
        elif open_bij is None:
            uit.append(regel)
    if open_bij is not None:
        raise MarkerFout(f"{waar}: answer marker on line {open_bij + 1} is never closed")
    return "\n".join(uit).rstrip()


def _namen_buiten_oplossingen(nb: NotebookNode, naam: str) -> set[str]:
    namen: set[str] = set()
    for i, cel in enumerate(nb.cells):
        if cel.cell_type != "code":
            continue
        regels = cel.source.split("\n")
        waar = f"{naam}, cell {i + 1}"
        regels = _zonder_regio_s(regels, _regio_s(regels, BEGIN_HIDDEN, END_HIDDEN, waar))
        regels = _zonder_regio_s(regels, _regio_s(regels, BEGIN_SOLUTION, END_SOLUTION, waar))
        namen |= gebruikte_namen("\n".join(regels))
    return namen


def _cel_id(naam: str, index: int, oud: str | None) -> str:
    if oud:
        return oud
    return hashlib.sha1(f"{naam}:{index}".encode()).hexdigest()[:8]


def _is_formulier(cel: NotebookNode) -> bool:
    """A code cell that shows a no-code task (``oefen("7.1")``, issue 17)."""
    vorm = r"""\s*oefen\(\s*["'][^"']+["']\s*\)\s*"""
    return cel.cell_type == "code" and re.fullmatch(vorm, cel.source) is not None


def maak_oefening(nb: NotebookNode, naam: str) -> NotebookNode:
    """Return the exercise version of solution notebook ``nb`` (``naam`` is used in messages and ids)."""
    elders = _namen_buiten_oplossingen(nb, naam)
    cellen = []
    for i, cel in enumerate(nb.cells):
        tags = list(cel.get("metadata", {}).get("tags", []))
        if DOCENT_TAG in tags:
            continue
        waar = f"{naam}, cell {i + 1}"
        meta: dict = {"tags": tags} if tags else {}
        if cel.cell_type == "code":
            nieuw = nbformat.v4.new_code_cell(_code_cel(cel.source, elders, waar), metadata=meta)
        elif cel.cell_type == "markdown":
            tekst = _markdown_cel(cel.source, waar)
            if tekst == STUB_TEKST and cellen and _is_formulier(cellen[-1]):
                continue  # the worked answer of a no-code task: the student answers in the form above it
            nieuw = nbformat.v4.new_markdown_cell(tekst, metadata=meta)
        else:
            nieuw = nbformat.v4.new_raw_cell(cel.source, metadata=meta)
        nieuw["id"] = _cel_id(naam, i, cel.get("id"))
        cellen.append(nieuw)
    oud = nb.get("metadata", {})
    meta: dict = {}
    if "kernelspec" in oud:
        meta["kernelspec"] = dict(oud["kernelspec"])
    meta["language_info"] = {"name": oud.get("language_info", {}).get("name", "python")}
    voordeur = dict(oud.get("voordeur", {}))
    voordeur["gegenereerd_uit"] = f"solutions/{naam}"
    meta["voordeur"] = voordeur
    uit = nbformat.v4.new_notebook(cells=cellen, metadata=meta)
    uit.nbformat, uit.nbformat_minor = 4, 5
    return uit


def als_tekst(nb: NotebookNode) -> str:
    """The exact bytes we write (nbformat's own layout, always ending in one newline)."""
    return nbformat.writes(nb).rstrip("\n") + "\n"


def genereer(bron: Path, doel: Path, check: bool = False) -> list[str]:
    """Write (or with ``check`` only compare) every exercise; return a list of differences found."""
    verschillen: list[str] = []
    bronnen = sorted(p for p in bron.glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not check:
        doel.mkdir(parents=True, exist_ok=True)
    for pad in bronnen:
        nb = nbformat.read(pad, as_version=4)
        tekst = als_tekst(maak_oefening(nb, pad.name))
        uitpad = doel / pad.name
        huidig = uitpad.read_text(encoding="utf-8") if uitpad.exists() else None
        if huidig != tekst:
            verschillen.append(f"{uitpad.name}: {'missing' if huidig is None else 'differs from its source'}")
            if not check:
                uitpad.write_text(tekst, encoding="utf-8")
    namen = {p.name for p in bronnen}
    for oud in sorted(doel.glob("*.ipynb")) if doel.exists() else []:
        if oud.name not in namen:
            verschillen.append(f"{oud.name}: no source in {bron.name}/")
            if not check:
                oud.unlink()
    return verschillen


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when exercises/ drifts")
    parser.add_argument("--bron", type=Path, default=ROOT / "solutions")
    parser.add_argument("--doel", type=Path, default=ROOT / "exercises")
    args = parser.parse_args(argv)
    try:
        verschillen = genereer(args.bron, args.doel, check=args.check)
    except MarkerFout as fout:
        print(f"error: {fout}", file=sys.stderr)
        return 2
    for v in verschillen:
        print(("drift: " if args.check else "written: ") + v)
    if not verschillen:
        print(f"{args.doel.name}/ is up to date")
    return 1 if (args.check and verschillen) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
