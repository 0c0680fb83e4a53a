"""The install-free browser version (JupyterLite): what can be checked without a browser or internet.

The site is built from build/cache (``make lite`` fills it once from PyPI/npm); without a cache the site
tests are skipped, except on CI, where the build may download. That the kernel starts and a lesson runs
with the network cut off is tests/browser/test_browser_lite.py. See docs/starten-zonder-installatie.md.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import types
import zipfile
from pathlib import Path

import nbformat
import pytest
from gereedschap import laad_tool

from voordeur import browser
from voordeur.fouten import VoordeurFout
from voordeur.lessen import LESSEN

ROOT = Path(__file__).resolve().parents[1]


def _load_tool():
    return laad_tool("build_lite")


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
ON_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("lite")
    out = base / "site"
    try:
        lite.build(out=out, staging=base / "staging", offline=not ON_CI)
    except lite.BuildFout as exc:
        pytest.skip(f"no download cache in build/cache (run make lite once): {exc}")
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


@pytest.mark.slow
def test_site_serves_pyodide_and_every_boot_wheel_itself(site: Path) -> None:
    """The served lock points at files inside the site, with their real sha256, except the CDN-only
    chart packages; nothing the kernel needs to start or a quiz needs comes from elsewhere."""
    pyodide = site / "static" / "pyodide"
    for name in ("pyodide.mjs", "pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip"):
        assert (pyodide / name).exists(), name
    packages = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]
    local = {n for n, e in packages.items() if not e["file_name"].startswith("http")}
    for name in local:
        entry = packages[name]
        path = pyodide / entry["file_name"]
        assert path.exists(), f"{name}: {entry['file_name']} is not in the site"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], name
    needed = lite.lock_closure(packages, lite.BOOT_ROOTS) | {lite.normalize(n) for n in lite.QUIZ_LOCK}
    assert needed <= local, sorted(needed - local)
    assert "ipython-pygments-lexers" in packages["ipython"]["depends"]
    assert set(lite.KERNEL_PRELOAD) <= local  # the kernel loads its start-up packages from the site
    for name in lite.CDN_ONLY:
        assert packages[name]["file_name"].startswith(lite.CDN), name
    remote = {n for n in packages if n not in local}
    assert all(packages[n]["file_name"].startswith(lite.CDN) for n in remote)


@pytest.mark.slow
def test_site_pins_the_quiz_stack_to_the_desktop_lock(site: Path) -> None:
    packages = json.loads((site / "static" / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    for name in ("pydantic", "pydantic-core", "pyyaml", "typing-extensions"):
        assert f"{name}=={packages[name]['version']}" == lite.pinned(name).lower(), name
    assert packages["pydantic-core"]["file_name"].endswith("pyemscripten_2026_0_wasm32.whl")
    assert packages["pyyaml"]["file_name"].endswith("-py3-none-any.whl")
    index = json.loads((site / "pypi" / "all.json").read_text(encoding="utf-8"))
    for name in lite.QUIZ_PIPLITE:
        version = lite.pinned(name).split("==")[1]
        release = index[name]["releases"][version][0]
        wheel = site / "pypi" / release["filename"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == release["digests"]["sha256"], name


@pytest.mark.slow
def test_site_never_falls_back_to_pypi_and_ships_its_server(site: Path) -> None:
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert kernel["loadPyodideOptions"]["packages"] == lite.KERNEL_PRELOAD
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert (site / "serve.py").exists()
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in ("files", "extensions")]
    assert len(pages) >= 5 and (site / "lab" / "index.html") in pages
    for page in pages:
        assert '<html lang="nl">' in page.read_text(encoding="utf-8"), page
    nb = nbformat.read(site / "files" / "notebooks" / LESSEN[1].bestand, as_version=4)
    install = next(c for c in nb.cells if c.cell_type == "code")
    assert "await browser.laad_grafiekpakketten()" in install.source


# --- the lock and the wheels, with fakes (fast) ------------------------------------------------------
def _fake_lock(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    entry = {"install_dir": "site", "package_type": "package", "unvendored_tests": False, "imports": []}
    lock = {"info": {"abi_version": "2026_0"}, "packages": {
        "ipython": {**entry, "name": "ipython", "version": "9", "file_name": "ipython-9-py3-none-any.whl",
                    "sha256": "old", "depends": ["traitlets"]},
        "traitlets": {**entry, "name": "traitlets", "version": "5",
                      "file_name": "traitlets-5-py3-none-any.whl", "sha256": "old", "depends": []},
        "numpy": {**entry, "name": "numpy", "version": "2", "file_name": "numpy-2-cp314-x.whl",
                  "sha256": "keep", "depends": []},
    }}
    (folder / "pyodide-lock.json").write_text(json.dumps(lock))
    return folder


def test_rewrite_lock_ships_local_wheels_and_points_the_rest_at_the_cdn(tmp_path: Path) -> None:
    pyodide = _fake_lock(tmp_path / "pyodide")
    wheel = tmp_path / "ipython-9.1-py3-none-any.whl"
    wheel.write_bytes(b"not the pyodide build")
    lexers = tmp_path / "ipython_pygments_lexers-1.1.1-py3-none-any.whl"
    lexers.write_bytes(b"lexers")
    where = lite.rewrite_lock(pyodide, {"ipython": wheel, "ipython-pygments-lexers": lexers})
    packages = json.loads((pyodide / "pyodide-lock.json").read_text())["packages"]
    assert packages["ipython"]["file_name"] == wheel.name and (pyodide / wheel.name).exists()
    assert packages["ipython"]["version"] == "9.1"
    assert packages["ipython"]["sha256"] == hashlib.sha256(b"not the pyodide build").hexdigest()
    assert packages["ipython-pygments-lexers"]["sha256"] == hashlib.sha256(b"lexers").hexdigest()
    assert "ipython-pygments-lexers" in packages["ipython"]["depends"]
    assert packages["numpy"]["file_name"] == lite.CDN + "numpy-2-cp314-x.whl"
    assert packages["numpy"]["sha256"] == "keep"  # the CDN serves Pyodide's own build
    assert where == {"ipython": "site", "ipython-pygments-lexers": "site", "traitlets": "cdn", "numpy": "cdn"}


def test_rewrite_lock_keeps_wheels_a_full_distribution_has(tmp_path: Path) -> None:
    pyodide = _fake_lock(tmp_path / "pyodide")
    (pyodide / "numpy-2-cp314-x.whl").write_bytes(b"numpy")
    where = lite.rewrite_lock(pyodide, {})
    packages = json.loads((pyodide / "pyodide-lock.json").read_text())["packages"]
    assert packages["numpy"]["file_name"] == "numpy-2-cp314-x.whl" and where["numpy"] == "site"


def test_lock_closure_follows_dependencies() -> None:
    packages = {"a": {"depends": ["B_c"]}, "b-c": {"depends": ["d"]}, "d": {"depends": []},
                "e": {"depends": []}}
    assert lite.lock_closure(packages, ["a"]) == {"a", "b-c", "d"}


def test_unpack_pyodide_from_a_tarball(tmp_path: Path) -> None:
    src = _fake_lock(tmp_path / "src" / "package")
    (src / "pyodide.mjs").write_text("export {}")
    tarball = tmp_path / "pyodide.tgz"
    with tarfile.open(tarball, "w:gz") as tf:
        tf.add(src, arcname="package")
    dest = lite.unpack_pyodide(tarball, tmp_path / "out" / "pyodide")
    assert (dest / "pyodide.mjs").exists() and (dest / "pyodide-lock.json").exists()
    bad = tmp_path / "bad.tgz"
    with tarfile.open(bad, "w:gz") as tf:
        tf.add(src / "pyodide.mjs", arcname="x/pyodide.mjs")
    with pytest.raises(lite.BuildFout, match=r"no pyodide-lock\.json"):
        lite.unpack_pyodide(bad, tmp_path / "out2" / "pyodide")


def test_pure_pyyaml_wheel_from_the_sdist(tmp_path: Path) -> None:
    sdist_dir = tmp_path / "cache" / "sdist"
    sdist_dir.mkdir(parents=True)
    with tarfile.open(sdist_dir / "pyyaml-6.0.3.tar.gz", "w:gz") as tf:
        members = {"pyyaml-6.0.3/lib/yaml/__init__.py": "VALUE = 1\n", "pyyaml-6.0.3/lib/yaml/cyaml.py": "",
                   "pyyaml-6.0.3/lib/_yaml/__init__.py": "", "pyyaml-6.0.3/yaml/_yaml.pyx": ""}
        for name, text in members.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    wheel = lite.pure_pyyaml_wheel("6.0.3", tmp_path / "cache", offline=True)
    assert wheel.name == "pyyaml-6.0.3-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert "Name: PyYAML" in zf.read("pyyaml-6.0.3.dist-info/METADATA").decode()
    assert {"yaml/__init__.py", "yaml/cyaml.py"} <= names
    assert not [n for n in names if "_yaml" in n or n.endswith((".pyx", ".so"))]
    assert lite.pure_pyyaml_wheel("6.0.3", tmp_path / "cache", offline=True) == wheel  # cached


def test_pyyaml_sdist_download_takes_its_build_tools_as_wheels(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Only PyYAML itself comes as source: with --no-binary=:all: pip compiled the build environment's
    Cython from source to read the sdist's metadata (3 minutes of every fresh CI run)."""
    commands: list[list[str]] = []

    def fake_run(cmd: list[str], what: str, cwd: Path | None = None) -> None:
        commands.append(cmd)
        raise lite.BuildFout("stop here")

    monkeypatch.setattr(lite, "_run", fake_run)
    with pytest.raises(lite.BuildFout, match="stop here"):
        lite.pure_pyyaml_wheel("6.0.3", tmp_path / "cache", offline=False)
    (cmd,) = commands
    assert "--no-binary=pyyaml" in cmd and not [a for a in cmd if a.startswith("--no-binary=:all:")]


def test_offline_build_names_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(lite.BuildFout, match=r"ipywidgets==8\.1\.9"):
        lite.fetch_wheels({"ipywidgets": "8.1.9"}, tmp_path, offline=True)
    with pytest.raises(lite.BuildFout, match="not cached"):
        lite.fetch_npm("pyodide@0.0.1", tmp_path, offline=True)


def test_lite_wheel_leaves_out_the_chart_packages(tmp_path: Path) -> None:
    wheel = lite.build_wheel(tmp_path, drop_deps=lite.LITE_DROPPED_DEPS)
    with zipfile.ZipFile(wheel) as zf:
        meta = zf.read(next(n for n in zf.namelist() if n.endswith("METADATA"))).decode()
    assert "Requires-Dist: pandas" not in meta and "Requires-Dist: matplotlib" not in meta
    assert "Requires-Dist: ipywidgets" in meta and "Requires-Dist: pydantic" in meta


# --- voordeur.browser (fast) ---------------------------------------------------------------------------
def test_finder_gives_a_dutch_error_only_for_the_cdn_packages() -> None:
    meta_path: list = []
    finder = browser.installeer_zoeker(meta_path)
    assert browser.installeer_zoeker(meta_path) is finder and len(meta_path) == 1
    assert finder.find_spec("yaml") is None
    for name in ("pandas", "matplotlib.pyplot", "numpy"):
        with pytest.raises(browser.NietOfflineFout) as info:
            finder.find_spec(name)
        assert isinstance(info.value, ModuleNotFoundError) and isinstance(info.value, VoordeurFout)
        assert info.value.name == name.split(".")[0]
        text = str(info.value)
        assert "Zonder internet" in text and "quizzen" in text and "kloppen nog steeds" in text


def test_finder_turns_a_missing_import_into_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    zoeker = browser.OntbrekendPakketZoeker(["geen_pakket_hier"])
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, zoeker])
    with pytest.raises(browser.NietOfflineFout, match="geen_pakket_hier"):
        import geen_pakket_hier  # noqa: F401


def test_loading_chart_packages_outside_the_browser_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    before = list(sys.meta_path)
    assert asyncio_run(browser.laad_grafiekpakketten()) is True
    assert sys.meta_path == before


def test_loading_chart_packages_offline_reports_and_does_not_raise(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))

    async def install(names: list[str]) -> None:
        return None  # Pyodide logs a failed download and returns

    monkeypatch.setitem(sys.modules, "micropip", types.SimpleNamespace(install=install))
    assert asyncio_run(browser.laad_grafiekpakketten(["geen_pakket_hier"])) is False
    assert "Geen internet" in capsys.readouterr().out
    assert any(isinstance(f, browser.OntbrekendPakketZoeker) for f in sys.meta_path)


def asyncio_run(coro):
    import asyncio

    return asyncio.run(coro)
