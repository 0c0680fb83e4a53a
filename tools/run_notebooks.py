"""Execute notebooks in place so their stored outputs match what the code produces now.

Usage: python tools/run_notebooks.py [folder-or-notebook ...]

Each notebook runs in its own folder (as JupyterLab does), with a fixed hash seed so that output is
reproducible. Run this after changing a lesson, a dataset or a quiz bank; nbval then checks that the
stored outputs still hold.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def notebooks(args: list[str]) -> list[Path]:
    found: list[Path] = []
    for a in args or ["notebooks"]:
        p = (ROOT / a) if not Path(a).is_absolute() else Path(a)
        if p.is_dir():
            found += sorted(x for x in p.glob("*.ipynb") if ".ipynb_checkpoints" not in x.parts)
        elif p.suffix == ".ipynb":
            found.append(p)
    return found


def run(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)  # drop widget state stored by an earlier run
    os.environ.setdefault("PYTHONHASHSEED", "0")
    start = time.perf_counter()
    # No stored widget state: it would add ~1 MB per lesson; the slides build stores it in build/.
    client = NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    for path in notebooks(argv):
        seconds = run(path)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{shown}: {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
