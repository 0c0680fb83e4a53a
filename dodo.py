"""doit tasks: the declared build table of the module (``make build`` runs ``doit``).

Every generated file is a target with its real sources as ``file_dep``, taken from ``tools/build.py``
(which reads the manifest ``src/voordeur/lessen.toml``), so doit rebuilds only what a change touches:

- one task per notebook: its text source in ``lessen/``, the manifest, the package code, the data;
- ``exercises``: the built solutions;
- one task per generated text file (README table, teacher guide, online links, bank schema);
- `slides` and `lite` (not default, not committed): the sites in build/ from the built notebooks.

``make check-build`` (``tools/build.py --check``) fails on drift without executing anything; it also
runs inside ``make test`` (``tests/test_build.py``). doit keeps its state in ``build/doit.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))

import build  # noqa: E402

DOIT_CONFIG = {"backend": "json", "dep_file": str(ROOT / "build" / "doit.json"), "verbosity": 2,
               "default_tasks": ["notebook", "exercises", "tekst"]}
TOOLS = [ROOT / "tools" / "build.py", ROOT / "tools" / "make_exercises.py"]

(ROOT / "build").mkdir(exist_ok=True)


def _notebook(doel: build.Doel) -> bool:
    try:
        build.bouw_notebook(doel)
    except build.BouwFout as e:
        print(f"✘ {e}", file=sys.stderr)
        return False
    return True


def _oefeningen() -> None:
    for regel in build.oefeningen(check=False):
        print(regel)


def _tekst(t: build.Tekstdoel) -> None:
    build.schrijf_tekstdoel(t)


def task_notebook():  # type: ignore[no-untyped-def]
    """Build each notebook from its text source (convert, inject the fixed parts, execute)."""
    gemeen = [str(p) for p in [*build.afhankelijkheden(), *TOOLS]]
    for doel in build.doelen():
        yield {
            "name": doel.naam,
            "file_dep": [*(str(p) for p in build.bronnen_van(doel)), *gemeen],
            "targets": [str(doel.notebook)],
            "actions": [(_notebook, [doel])],
            "clean": True,
        }


def task_exercises():  # type: ignore[no-untyped-def]
    """exercises/ from the built solutions."""
    oplossingen = [d for d in build.doelen() if d.soort == "oefening"]
    return {
        "file_dep": [str(d.notebook) for d in oplossingen] + [str(TOOLS[1])],
        "targets": [str(ROOT / "exercises" / d.notebook.name) for d in oplossingen],
        "actions": [_oefeningen],
    }


def task_tekst():  # type: ignore[no-untyped-def]
    """Generated text files: README lesson table, teacher guide, online links, bank schema."""
    for t in build.tekstdoelen():
        yield {
            "name": str(t.pad.relative_to(ROOT)),
            "file_dep": [str(p) for p in [*t.bronnen, *TOOLS] if p.exists()],
            "targets": [str(t.pad)],
            "actions": [(_tekst, [t])],
            "uptodate": [lambda t=t: not build.drift_tekst(t)],
        }


def task_slides():  # type: ignore[no-untyped-def]
    """reveal.js slides in build/slides/ from the built lessons (not committed; `doit slides`)."""
    lessen_nb = [str(d.notebook) for d in build.doelen() if d.soort == "les"]
    return {
        "file_dep": [*lessen_nb, str(ROOT / "tools" / "build_slides.py")],
        "targets": [str(ROOT / "build" / "slides" / "index.html")],
        "actions": [f"{sys.executable} {ROOT / 'tools' / 'build_slides.py'}"],
    }


def task_lite():  # type: ignore[no-untyped-def]
    """The offline JupyterLite site in build/lite/ from the built notebooks (not committed; `doit lite`)."""
    return {
        "file_dep": [str(d.notebook) for d in build.doelen()] + [str(ROOT / "tools" / "build_lite.py")],
        "targets": [str(ROOT / "build" / "lite" / "index.html")],
        "actions": [f"{sys.executable} {ROOT / 'tools' / 'build_lite.py'}"],
    }
