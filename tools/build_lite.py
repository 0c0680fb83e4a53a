"""Build the install-free browser version (JupyterLite) into build/lite (``make lite``).

Usage: python tools/build_lite.py [--out DIR] [--keep-sourcemaps]

What goes in:
- ``notebooks/`` and ``exercises/`` (not ``solutions/``: those are the teacher's answers), each notebook
  with one extra first code cell (tag ``lite-installatie``) that installs the helper package with
  ``%pip`` (piplite): JupyterLite cannot import a package that is not installed in the browser;
- ``data/`` (datapackage.json, CSVs, sources.csv, quiz banks), at the site root, so ``voordeur.data``
  finds it by walking up from the notebook's folder, as it does on disk;
- a pure-Python wheel of ``voordeur`` (built here from ``src/`` without setuptools or network access),
  indexed for piplite (``PipliteAddon.piplite_urls``);
- the widget manager labextension (jupyterlab_widgets), anywidget's labextension (the quiz's radio group)
  and the Pyodide kernel from this environment.

At run time the Pyodide kernel downloads Pyodide (with numpy, pandas, matplotlib, pydantic, PyYAML)
from its CDN and ipywidgets and anywidget from PyPI: a student needs internet; nothing needs installing.

Steps: stage everything in build/lite-src (``jupyter_lite_config.json`` and ``jupyter-lite.json`` are
written there), then run ``jupyter lite build`` in that folder.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "lite"
STAGING = ROOT / "build" / "lite-src"
INSTALL_TAG = "lite-installatie"
NOTEBOOK_FOLDERS = ("notebooks", "exercises")
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints"}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same source gives the same wheel


# --- the wheel --------------------------------------------------------------------------------------
def project_metadata(pyproject: Path = ROOT / "pyproject.toml") -> dict:
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]


def _metadata_text(project: dict) -> str:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {project['version']}",
        f"Summary: {project.get('description', '')}",
    ]
    licence = project.get("license", {})
    if isinstance(licence, dict) and licence.get("text"):
        lines.append(f"License: {licence['text']}")
    if project.get("requires-python"):
        lines.append(f"Requires-Python: {project['requires-python']}")
    lines += [f"Requires-Dist: {dep}" for dep in project.get("dependencies", [])]
    for extra, deps in sorted(project.get("optional-dependencies", {}).items()):
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {dep}; extra == "{extra}"' for dep in deps]
    return "\n".join(lines) + "\n"


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def package_files(src: Path = ROOT / "src", package: str = "voordeur") -> list[Path]:
    """Every file of the package (modules and package data), sorted, without caches."""
    base = src / package
    return sorted(
        p for p in base.rglob("*")
        if p.is_file() and not (SKIP_PARTS & set(p.relative_to(src).parts)) and p.suffix != ".pyc"
    )


def build_wheel(out_dir: Path, src: Path = ROOT / "src", pyproject: Path = ROOT / "pyproject.toml") -> Path:
    """Write ``<name>-<version>-py3-none-any.whl`` for the pure-Python package in *src*; return its path."""
    project = project_metadata(pyproject)
    name = re.sub(r"[-_.]+", "_", project["name"]).lower()
    version = project["version"]
    dist_info = f"{name}-{version}.dist-info"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}-{version}-py3-none-any.whl"

    entries: list[tuple[str, bytes]] = [
        (p.relative_to(src).as_posix(), p.read_bytes()) for p in package_files(src, project["name"])
    ]
    entries += [
        (f"{dist_info}/METADATA", _metadata_text(project).encode()),
        (f"{dist_info}/WHEEL", (
            b"Wheel-Version: 1.0\nGenerator: voordeur tools/build_lite.py\n"
            b"Root-Is-Purelib: true\nTag: py3-none-any\n")),
        (f"{dist_info}/top_level.txt", f"{project['name']}\n".encode()),
    ]
    record = "".join(f"{path},{_record_hash(data)},{len(data)}\n" for path, data in entries)
    record += f"{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode()))

    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path, data in entries:
            info = zipfile.ZipInfo(path, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return target


# --- the notebooks ----------------------------------------------------------------------------------
def pinned(package: str, lock: Path = ROOT / "requirements.txt") -> str:
    """``package==version`` from the lock, or just the name when it is not pinned there."""
    for line in lock.read_text(encoding="utf-8").splitlines():
        m = re.match(rf"^{re.escape(package)}==(\S+)", line.strip(), re.I)
        if m:
            return f"{package}=={m.group(1)}"
    return package


def install_cell(package: str) -> nbformat.NotebookNode:
    source = (
        "# Alleen nodig in de browserversie (JupyterLite): dit installeert de hulpmodule van de lessen.\n"
        "# De eerste keer duurt dit even. Voer daarna gewoon de volgende cellen uit.\n"
        f"%pip install -q {pinned('ipywidgets')} {pinned('anywidget')} {package}"
    )
    return nbformat.v4.new_code_cell(source, metadata={"tags": [INSTALL_TAG]})


def lite_notebook(path: Path, package: str) -> nbformat.NotebookNode:
    """A copy of the notebook with the install cell before the first code cell."""
    nb = nbformat.read(path, as_version=4)
    if any(INSTALL_TAG in c.get("metadata", {}).get("tags", []) for c in nb.cells):
        return nb
    first_code = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), None)
    if first_code is not None:
        nb.cells.insert(first_code, install_cell(package))
    return nb


def stage_contents(contents: Path, package: str) -> list[Path]:
    copied: list[Path] = []
    for folder in NOTEBOOK_FOLDERS:
        src = ROOT / folder
        if not src.is_dir():
            continue
        for nb_path in sorted(src.rglob("*.ipynb")):
            if SKIP_PARTS & set(nb_path.parts):
                continue
            target = contents / nb_path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(lite_notebook(nb_path, package), target)
            copied.append(target)
    shutil.copytree(ROOT / "data", contents / "data",
                    ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.pyc"))
    copied.append(contents / "data")
    return copied


# --- the site ---------------------------------------------------------------------------------------
def write_config(staging: Path, out: Path, wheel: Path, sourcemaps: bool) -> None:
    config = {
        "LiteBuildConfig": {
            "contents": ["contents"],
            "output_dir": str(out),
            "no_sourcemaps": not sourcemaps,
        },
        "PipliteAddon": {"piplite_urls": [str(wheel)]},
    }
    (staging / "jupyter_lite_config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    lite = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Veiligheid achter de voordeur",
            # the Voilà preview button needs a Jupyter server; JupyterLite has none
            "disabledExtensions": ["@voila-dashboards/jupyterlab-preview"],
        },
    }
    (staging / "jupyter-lite.json").write_text(json.dumps(lite, indent=2) + "\n", encoding="utf-8")


def build(out: Path = DEFAULT_OUT, staging: Path = STAGING, sourcemaps: bool = False) -> dict[str, float]:
    """Build the site; return the time of each step in seconds."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    for folder in (staging, out):
        if folder.exists():
            shutil.rmtree(folder)
    staging.mkdir(parents=True)
    wheel = build_wheel(staging / "wheels")
    package = project_metadata()["name"]
    stage_contents(staging / "contents", package)
    write_config(staging, out.resolve(), wheel.resolve(), sourcemaps)
    times["stage"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    jupyter = Path(sys.executable).with_name("jupyter")
    cmd = [str(jupyter) if jupyter.exists() else "jupyter", "lite", "build"]
    result = subprocess.run(cmd, cwd=staging, capture_output=True, text=True)
    times["jupyter lite build"] = time.perf_counter() - t1
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise RuntimeError(f"jupyter lite build failed (exit {result.returncode})")
    return times


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--staging", type=Path, default=STAGING)
    parser.add_argument("--keep-sourcemaps", action="store_true", help="larger site, easier debugging")
    args = parser.parse_args(argv)
    try:
        times = build(args.out, args.staging, args.keep_sourcemaps)
    except RuntimeError as e:
        print(e, file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file()) / 1e6
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in times.items())
    print(f"JupyterLite site in {args.out} ({size:.0f} MB; {steps})")
    print("Try it: cd build/lite && python -m http.server 8000, then open "
          "http://127.0.0.1:8000/lab/index.html (needs internet: Pyodide comes from a CDN).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
