"""Build reveal.js slides of every lesson into build/slides/ (``make slides``).

Usage: python tools/build_slides.py [--out DIR] [--offline] [NOTEBOOK ...]

- Uses the stored outputs (run ``make build`` first); nothing is executed here.
- No code is shown: only markdown cells and outputs (nbconvert ``exclude_input``).
- Widget state stored in the notebook would be embedded, but ``make build`` stores none (it made the
  notebooks megabytes larger), so nbconvert drops the widget and a quiz shows its text/html preview
  (``voordeur.quiz.voorbeeld``): every question with its case and options, no ids, never the answer;
  the quiz itself is for JupyterLab (class mode), the quiz app or the beamer page.
- The decks work with no internet: reveal.js, require.js and jQuery are local copies in
  build/slides/vendor/ (npm packages at pinned versions, fetched once with ``npm pack`` into
  build/cache/npm; ``--offline`` uses only that cache). The template (tools/templates/voordeur_dia)
  leaves out mermaid and MathJax (no lesson uses them), the theme's Google Fonts import is removed from
  the local copy (the browser's sans-serif font is used), and every page says ``lang="nl"``.
- Slide types come from the cell metadata ``slideshow.slide_type`` (set in JupyterLab: property
  inspector, "Slide Type"). A notebook without any slide types gets sensible defaults here, in memory
  only: a new slide at every ``#``/``##`` heading, a sub-slide at every ``###`` heading, and the
  navigation cell skipped.
- Also writes build/slides/index.html with a link to each lesson's slides.
- ``--reveal-url-prefix DIR_OR_URL`` loads reveal.js from elsewhere instead of the local copy.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
import tarfile
import time
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from voordeur.lessen import LESSEN  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from build_lite import CACHE, BuildFout, fetch_npm  # noqa: E402

DEFAULT_OUT = ROOT / "build" / "slides"
TEMPLATES = ROOT / "tools" / "templates"
TEMPLATE = "voordeur_dia"
LANGUAGE = "nl"
#: npm packages the decks load, pinned; copied into build/slides/vendor/.
REVEAL = "reveal.js@4.6.0"
REQUIREJS = "requirejs@2.3.7"
JQUERY = "jquery@3.7.1"
VENDOR = "vendor"
REVEAL_PREFIX = f"{VENDOR}/reveal.js"
REQUIRE_URL = f"{VENDOR}/require.js"
JQUERY_URL = f"{VENDOR}/jquery.min.js"
REMOTE_IMPORT = re.compile(r"^@import url\(https?://[^)]*\);\s*$", re.M)


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


def _extract(tarball: Path, members: dict[str, Path]) -> None:
    """Copy files or folders (``package/...`` inside an npm tarball) to the given targets."""
    with tarfile.open(tarball) as tf:
        for member in tf.getmembers():
            for inner, target in members.items():
                if member.isfile() and (member.name == inner or member.name.startswith(inner + "/")):
                    rel = member.name[len(inner):].lstrip("/")
                    dest = target / rel if rel else target
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    data = tf.extractfile(member)
                    if data is not None:
                        dest.write_bytes(data.read())


def vendor(out_dir: Path, cache: Path = CACHE, offline: bool = False) -> list[Path]:
    """Put reveal.js (dist + plugins), require.js and jQuery in *out_dir*/vendor; return the files."""
    target = out_dir / VENDOR
    if target.exists():
        shutil.rmtree(target)
    npm = cache / "npm"
    _extract(fetch_npm(REVEAL, npm, offline), {"package/dist": out_dir / REVEAL_PREFIX / "dist",
                                               "package/plugin": out_dir / REVEAL_PREFIX / "plugin",
                                               "package/LICENSE": out_dir / REVEAL_PREFIX / "LICENSE"})
    _extract(fetch_npm(REQUIREJS, npm, offline), {"package/require.js": out_dir / REQUIRE_URL})
    _extract(fetch_npm(JQUERY, npm, offline), {"package/dist/jquery.min.js": out_dir / JQUERY_URL,
                                               "package/LICENSE.txt": target / "jquery-LICENSE.txt"})
    for css in (out_dir / REVEAL_PREFIX / "dist" / "theme").glob("*.css"):
        text = css.read_text(encoding="utf-8")
        css.write_text(REMOTE_IMPORT.sub("", text), encoding="utf-8")
    return sorted(p for p in target.rglob("*") if p.is_file())


def exporter(reveal_url_prefix: str | None = None) -> SlidesExporter:
    ex = SlidesExporter(extra_template_basedirs=[str(TEMPLATES)], template_name=TEMPLATE)
    ex.language_code = LANGUAGE
    ex.reveal_url_prefix = reveal_url_prefix or REVEAL_PREFIX
    ex.require_js_url = REQUIRE_URL
    ex.jquery_url = JQUERY_URL
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
        f"<!DOCTYPE html>\n<html lang=\"{LANGUAGE}\">\n<head><meta charset=\"utf-8\">"
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
                        help=f"where reveal.js is loaded from (default: the local copy {REVEAL_PREFIX})")
    parser.add_argument("--offline", action="store_true", help="use only build/cache for reveal.js etc.")
    parser.add_argument("paths", nargs="*", type=Path, help="build only these notebooks")
    args = parser.parse_args(argv)

    if args.paths:
        todo, missing = [(p.stem, p) for p in args.paths], [p for p in args.paths if not p.exists()]
        todo = [(t, p) for t, p in todo if p.exists()]
    else:
        todo, missing = lesson_notebooks(args.notebooks)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        vendor(args.out, offline=args.offline)
    except BuildFout as exc:
        print(exc, file=sys.stderr)
        return 1
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
