"""The install-free browser version (JupyterLite): what can be checked without a browser or internet.

Not checked here (and not checkable offline): that the Pyodide kernel starts, installs the wheel and runs
a lesson. Pyodide comes from a CDN at run time. See docs/starten-zonder-installatie.md.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib.util
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from voordeur.lessen import LESSEN

ROOT = Path(__file__).resolve().parents[1]


def _load_tool():
    spec = importlib.util.spec_from_file_location("build_lite", ROOT / "tools" / "build_lite.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_lite"] = module
    spec.loader.exec_module(module)
    return module


lite = _load_tool()


# --- the wheel (fast) ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lite.build_wheel(tmp_path_factory.mktemp("wheel"))


def test_wheel_is_pure_python(wheel: Path) -> None:
    assert wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        wheel_meta = zf.read(next(n for n in names if n.endswith(".dist-info/WHEEL"))).decode()
    assert "Root-Is-Purelib: true" in wheel_meta and "Tag: py3-none-any" in wheel_meta
    assert not [n for n in names if n.endswith((".so", ".pyd", ".dll", ".pyc"))]


def test_wheel_holds_every_package_file(wheel: Path) -> None:
    expected = {p.relative_to(ROOT / "src").as_posix() for p in lite.package_files()}
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    assert expected <= names
    assert {"voordeur/__init__.py", "voordeur/lessen.py", "voordeur/py.typed"} <= names


def test_wheel_record_matches_contents(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        record_name = next(n for n in zf.namelist() if n.endswith(".dist-info/RECORD"))
        rows = list(csv.reader(io.StringIO(zf.read(record_name).decode())))
        for path, digest, size in rows:
            if path == record_name:
                continue
            data = zf.read(path)
            want = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert digest == f"sha256={want}", path
            assert int(size) == len(data), path
        assert {r[0] for r in rows} == set(zf.namelist())


def test_wheel_metadata_follows_pyproject(wheel: Path) -> None:
    project = lite.project_metadata()
    with zipfile.ZipFile(wheel) as zf:
        meta = zf.read(next(n for n in zf.namelist() if n.endswith("METADATA"))).decode()
    assert f"Name: {project['name']}\n" in meta and f"Version: {project['version']}\n" in meta
    for dep in project["dependencies"]:
        assert f"Requires-Dist: {dep}\n" in meta


def test_wheel_is_reproducible(wheel: Path, tmp_path: Path) -> None:
    again = lite.build_wheel(tmp_path)
    assert again.read_bytes() == wheel.read_bytes()


def _fresh_venv(path: Path) -> tuple[Path, list[str]]:
    """A new venv and the command that installs a wheel into it without network or dependencies."""
    uv = shutil.which("uv")
    if uv:
        subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(path)], check=True)
        python = path / "bin" / "python"
        return python, [uv, "pip", "install", "--quiet", "--offline", "--no-deps", "--python", str(python)]
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    python = path / "bin" / "python"
    return python, [str(python), "-m", "pip", "install", "--quiet", "--no-index", "--no-deps"]


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    python, install = _fresh_venv(tmp_path / "venv")
    subprocess.run([*install, str(wheel)], check=True, timeout=120)
    out = subprocess.run(
        [str(python), "-c",
         "import voordeur, voordeur.lessen, importlib.metadata as m; "
         "print(voordeur.__file__); print(m.version('voordeur')); print(len(voordeur.lessen.LESSEN))"],
        check=True, capture_output=True, text=True, cwd=tmp_path, timeout=60,
    ).stdout.split()
    assert str(tmp_path / "venv") in out[0]  # imported from the venv, not from src/
    assert out[1] == lite.project_metadata()["version"]
    assert int(out[2]) == len(LESSEN)


# --- the notebooks (fast) -----------------------------------------------------------------------------
def test_install_cell_goes_before_the_first_code_cell(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Les"),
        nbformat.v4.new_code_cell("from voordeur import les\nles.start(1)"),
    ])
    path = tmp_path / "les.ipynb"
    nbformat.write(nb, path)
    out = lite.lite_notebook(path, "voordeur")
    assert [c.cell_type for c in out.cells] == ["markdown", "code", "code"]
    assert lite.INSTALL_TAG in out.cells[1].metadata["tags"]
    assert "%pip install" in out.cells[1].source and "voordeur" in out.cells[1].source
    assert "ipywidgets==" in out.cells[1].source  # pinned to the lock, matching the widget labextension
    assert "anywidget==" in out.cells[1].source
    nbformat.write(out, path)
    assert len(lite.lite_notebook(path, "voordeur").cells) == 3  # idempotent


# --- the whole site (slow: ~10-15 s) --------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("lite")
    out = base / "site"
    lite.build(out=out, staging=base / "staging")
    return out


@pytest.mark.slow
def test_site_has_the_app_and_the_kernel(site: Path) -> None:
    assert (site / "index.html").exists() and (site / "lab" / "index.html").exists()
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    names = {e["name"] for e in config["federated_extensions"]}
    assert "@jupyterlite/pyodide-kernel-extension" in names
    assert "@jupyter-widgets/jupyterlab-manager" in names  # widgets can render
    assert "anywidget" in names  # the quiz's radio group (voordeur.quiz.keuze) can render
    urls = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]["pipliteUrls"]
    assert any(u.startswith("./pypi/all.json") for u in urls)


@pytest.mark.slow
def test_site_contains_every_lesson_with_install_cell(site: Path) -> None:
    for les in LESSEN:
        path = site / "files" / "notebooks" / les.bestand
        assert path.exists(), f"{les.bestand} is missing from the lite site"
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert lite.INSTALL_TAG in code[0].metadata.get("tags", []), les.bestand
    assert not (site / "files" / "solutions").exists()  # answers stay out of the student site


@pytest.mark.slow
def test_site_contains_data_and_quiz_banks(site: Path) -> None:
    files = site / "files" / "data"
    assert (files / "datapackage.json").exists()
    assert (files / "sources.csv").exists()
    for csv_path in (ROOT / "data").glob("*.csv"):
        assert (files / csv_path.name).read_bytes() == csv_path.read_bytes()
    banks = sorted(p.name for p in (ROOT / "data" / "quizzes").glob("*.yaml"))
    assert banks and banks == sorted(p.name for p in (files / "quizzes").glob("*.yaml"))


@pytest.mark.slow
def test_site_serves_the_wheel_through_piplite(site: Path) -> None:
    index = json.loads((site / "pypi" / "all.json").read_text(encoding="utf-8"))
    release = index["voordeur"]["releases"][lite.project_metadata()["version"]][0]
    assert release["filename"].endswith("-py3-none-any.whl")
    assert (site / "pypi" / release["filename"]).exists()
