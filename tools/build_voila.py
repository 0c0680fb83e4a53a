"""Prepare the quiz app's Voilà template for use without internet (``make quiz-app`` runs this first).

Usage: python tools/build_voila.py [--out DIR] [--offline]

Voilà's lab template loads Font Awesome (the icons) from jsDelivr. This writes a template ``voordeur``
(tools/templates/voila/voordeur: the lab template with local URLs) into
build/voila/share/jupyter/voila/templates/voordeur, with Font Awesome 5.15.4 from npm
(``@fortawesome/fontawesome-free``, fetched once with ``npm pack`` into build/cache/npm) in its
static/fontawesome folder. Start Voilà with::

    JUPYTER_PATH=build/voila/share/jupyter voila --template=voordeur \\
        --VoilaExporter.language_code=nl notebooks/quizzen.ipynb
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from build_lite import CACHE, BuildFout, fetch_npm  # noqa: E402

FONTAWESOME = "@fortawesome/fontawesome-free@5.15.4"
SOURCE = ROOT / "tools" / "templates" / "voila" / "voordeur"
DEFAULT_OUT = ROOT / "build" / "voila" / "share" / "jupyter"
TEMPLATE = "voordeur"


def build(out: Path = DEFAULT_OUT, cache: Path = CACHE, offline: bool = False) -> Path:
    """Write the template folder; return it."""
    target = out / "voila" / "templates" / TEMPLATE
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(SOURCE, target)
    fa = target / "static" / "fontawesome"
    with tarfile.open(fetch_npm(FONTAWESOME, cache / "npm", offline)) as tf:
        for member in tf.getmembers():
            parts = member.name.split("/")
            wanted = (parts[1:2] == ["webfonts"] or member.name in (
                "package/css/all.min.css", "package/css/v4-shims.min.css", "package/LICENSE.txt"))
            if member.isfile() and wanted:
                dest = fa.joinpath(*parts[1:])
                dest.parent.mkdir(parents=True, exist_ok=True)
                data = tf.extractfile(member)
                if data is not None:
                    dest.write_bytes(data.read())
    return target


CDN_CSS = "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@5.15.4/css/"


def build_with_cdn_icons(out: Path = DEFAULT_OUT) -> Path:
    """The same template, with Font Awesome from jsDelivr (as Voila's own): when npm or its cache is
    missing, ``make quiz-app`` still starts (it then needs internet for the icons only)."""
    target = out / "voila" / "templates" / TEMPLATE
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(SOURCE, target)
    page = target / "index.html.j2"
    local = "{{ resources.base_url }}voila/templates/voordeur/static/fontawesome/css/"
    page.write_text(page.read_text(encoding="utf-8").replace(local, CDN_CSS), encoding="utf-8")
    return target


def build_or_cdn_icons(out: Path = DEFAULT_OUT, offline: bool = False) -> tuple[Path, str | None]:
    """:func:`build`, or :func:`build_with_cdn_icons` when Font Awesome cannot be fetched or is not cached:
    ``(template folder, None)`` or ``(template folder, why the icons come from jsDelivr)``."""
    try:
        return build(out, offline=offline), None
    except BuildFout as exc:
        return build_with_cdn_icons(out), str(exc)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--offline", action="store_true", help="use only build/cache")
    args = parser.parse_args(argv)
    target, waarom = build_or_cdn_icons(args.out, offline=args.offline)
    if waarom is not None:
        print(f"Let op: de iconen van de quiz-app konden niet lokaal worden klaargezet ({waarom}).\n"
              "De quiz-app werkt wel; alleen de iconen komen nu van internet.", file=sys.stderr)
    print(f"Voilà template '{TEMPLATE}' in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
