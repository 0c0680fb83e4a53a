"""Build reveal.js slides of every lesson into build/slides/ (``make slides``).

Usage: python tools/build_slides.py [--out DIR] [NOTEBOOK ...]

- Uses the stored outputs (run ``make notebooks`` first); nothing is executed here.
- No code is shown: only markdown cells and outputs (nbconvert ``exclude_input``).
- Widget state stored in the notebook would be embedded, but ``make notebooks`` stores none (it made the
  notebooks megabytes larger), so a quiz shows as its text summary (the questions, no options or
  buttons); the quiz itself is for JupyterLab (class mode) or the quiz app. reveal.js is loaded from a
  CDN when the slides are opened: a classroom needs internet for that.
- Slide types come from the cell metadata ``slideshow.slide_type`` (set in JupyterLab: property
  inspector, "Slide Type"). A notebook without any slide types gets sensible defaults here, in memory
  only: a new slide at every ``#``/``##`` heading, a sub-slide at every ``###`` heading, and the
  navigation cell skipped.
- Also writes build/slides/index.html with a link to each lesson's slides.
- ``--reveal-url-prefix DIR_OR_URL`` loads reveal.js from elsewhere (for example a local copy of
  reveal.js 4 for a classroom without internet).
"""

from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from voordeur.lessen import LESSEN  # noqa: E402

DEFAULT_OUT = ROOT / "build" / "slides"


def has_slide_types(nb: nbformat.NotebookNode) -> bool:
    return any(cell.get("metadata", {}).get("slideshow", {}).get("slide_type") for cell in nb.cells)


def default_slide_type(cell: nbformat.NotebookNode) -> str:
    tags = cell.get("metadata", {}).get("tags", [])
    if "navigatie" in tags:
        return "skip"
    if cell.cell_type == "markdown":
        first = cell.source.lstrip().split("\n", 1)[0]
        if first.startswith(("# ", "## ")):
            return "slide"
        if first.startswith("### "):
            return "subslide"
    return "-"


def prepare(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Give a notebook without slide types the default ones; always skip the navigation cell."""
    explicit = has_slide_types(nb)
    for i, cell in enumerate(nb.cells):
        meta = cell.setdefault("metadata", {})
        show = meta.setdefault("slideshow", {})
        if explicit:
            if "navigatie" in meta.get("tags", []) and not show.get("slide_type"):
                show["slide_type"] = "skip"
            continue
        show["slide_type"] = "slide" if i == 0 else default_slide_type(cell)
    return nb


def exporter(reveal_url_prefix: str | None = None) -> SlidesExporter:
    ex = SlidesExporter()
    if reveal_url_prefix:
        ex.reveal_url_prefix = reveal_url_prefix
    ex.exclude_input = True
    ex.exclude_input_prompt = True
    ex.exclude_output_prompt = True
    ex.reveal_scroll = True  # long slides scroll instead of being cut off on a classroom screen
    ex.reveal_transition = "none"
    ex.reveal_theme = "simple"
    ex.reveal_number = "c/t"
    return ex


def build_one(path: Path, out_dir: Path, ex: SlidesExporter | None = None) -> Path:
    nb = prepare(nbformat.read(path, as_version=4))
    body, _ = (ex or exporter()).from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    target = out_dir / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def index_page(built: list[tuple[str, Path]]) -> str:
    items = "\n".join(
        f'    <li><a href="{html.escape(p.name)}">{html.escape(title)}</a></li>' for title, p in built
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head><meta charset=\"utf-8\">"
        "<title>Veiligheid achter de voordeur: dia's</title></head>\n<body>\n"
        "  <h1>Veiligheid achter de voordeur: dia's per les</h1>\n"
        "  <p>Gemaakt met <code>make slides</code> uit de opgeslagen uitvoer van de lessen. "
        "Pijltjestoetsen: volgende/vorige dia; <kbd>Esc</kbd>: overzicht.</p>\n"
        f"  <ul>\n{items}\n  </ul>\n</body>\n</html>\n"
    )


def lesson_notebooks(folder: Path) -> tuple[list[tuple[str, Path]], list[Path]]:
    found, missing = [], []
    for les in LESSEN:
        path = folder / les.bestand
        (found.append((f"{les.kop} · {les.titel}", path)) if path.exists() else missing.append(path))
    return found, missing


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks", help="folder with the lessons")
    parser.add_argument("--reveal-url-prefix", default=None,
                        help="where reveal.js is loaded from (default: a CDN); e.g. a local copy for a "
                             "classroom without internet")
    parser.add_argument("paths", nargs="*", type=Path, help="build only these notebooks")
    args = parser.parse_args(argv)

    if args.paths:
        todo, missing = [(p.stem, p) for p in args.paths], [p for p in args.paths if not p.exists()]
        todo = [(t, p) for t, p in todo if p.exists()]
    else:
        todo, missing = lesson_notebooks(args.notebooks)
    args.out.mkdir(parents=True, exist_ok=True)
    ex = exporter(args.reveal_url_prefix)
    built: list[tuple[str, Path]] = []
    start = time.perf_counter()
    for title, path in todo:
        t0 = time.perf_counter()
        target = build_one(path, args.out, ex)
        built.append((title, target))
        print(f"{target.relative_to(args.out.parent) if args.out.parent in target.parents else target}: "
              f"{time.perf_counter() - t0:.1f} s")
    (args.out / "index.html").write_text(index_page(built), encoding="utf-8")
    print(f"{len(built)} slide deck(s) in {args.out} ({time.perf_counter() - start:.1f} s)")
    for path in missing:
        print(f"missing: {path}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
