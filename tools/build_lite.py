"""Build the install-free browser version (JupyterLite) into build/lite (``make lite``).

Usage: python tools/build_lite.py [--out DIR] [--pyodide FOLDER_OR_TARBALL] [--offline] [--keep-sourcemaps]

The site boots from its own files, with no internet:
- the Pyodide core (npm ``pyodide`` at the version ``jupyterlite_pyodide_kernel.constants.PYODIDE_VERSION``
  expects) in ``static/pyodide/``, with a rewritten ``pyodide-lock.json``;
- the kernel's boot wheels (micropip, IPython and its dependencies, jedi...) and the quiz stack (this
  package, ipywidgets, anywidget, psygnal, comm, jupyterlab_widgets, pydantic with pydantic-core's
  ``pyemscripten`` wheel, a pure-Python PyYAML wheel built here from its sdist, and their dependencies),
  each pinned by version and sha256: packages Pyodide knows are lock entries pointing at the wheel inside
  the site (the lock's hashes are replaced by the hashes of the files shipped); the others are served by
  piplite (``pypi/all.json``) with ``disablePyPIFallback: true``;
- numpy, pandas, matplotlib and their compiled dependencies: lock entries pointing at the Pyodide CDN
  (online they load; offline ``voordeur.browser`` shows a short Dutch message). ``--pyodide`` takes a
  full Pyodide distribution (a folder or a ``.tar.bz2``/``.tar.gz``) instead of the npm core: every
  wheel it holds is then served from the site, charts included;
- ``notebooks/`` and ``exercises/`` (not ``solutions/``: those are the teacher's answers), with their
  stored outputs, each with one extra first code cell (tag ``lite-installatie``) that installs the helper
  package with ``%pip`` from the site's own wheels and tries to load pandas/matplotlib;
- ``data/`` (datapackage.json, CSVs, sources.csv, quiz banks) at the site root, so ``voordeur.data``
  finds it by walking up from the notebook's folder, as it does on disk;
- the widget manager labextension (jupyterlab_widgets), anywidget's labextension and the Pyodide kernel
  from this environment; ``serve.py`` (a one-file local server with the right MIME types).

Downloads at build time come from PyPI (``pip download``) and npm (``npm pack``) only and are cached in
build/cache/: a second build is fast and needs no network (``--offline`` forbids it).

Steps: fetch (or reuse) the cache, stage everything in build/lite-src, then ``jupyter lite build`` there.
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
import tarfile
import time
import tomllib
import zipfile
from collections.abc import Iterable
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "lite"
STAGING = ROOT / "build" / "lite-src"
INSTALL_TAG = "lite-installatie"
NOTEBOOK_FOLDERS = ("notebooks", "exercises")
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints"}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same source gives the same wheel
CACHE = ROOT / "build" / "cache"
PYPI_INDEX = "https://pypi.org/simple"

try:
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION
except ImportError:  # pragma: no cover - the dev environment always has it
    PYODIDE_VERSION = "314.0.6"
CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"

#: What the Pyodide kernel installs at start-up (``initKernel``): lock packages and their dependencies.
BOOT_ROOTS = ("micropip", "ipython", "jedi")
#: Lock packages of the quiz stack, shipped at the desktop pins (requirements.txt).
QUIZ_LOCK = ("pydantic", "pydantic-core", "typing-extensions", "annotated-types", "typing-inspection",
             "pyyaml")
#: Not in Pyodide's lock: served by piplite, at the desktop pins.
QUIZ_PIPLITE = ("ipywidgets", "jupyterlab-widgets", "anywidget", "psygnal")
#: Lock entries added to Pyodide's lock: name -> (a package that must depend on it, depends, imports).
#: IPython 9 needs ipython-pygments-lexers (Pyodide's lock does not list it); the kernel's own wheels
#: (from the pyodide-kernel labextension) and comm become lock entries too, so the kernel loads all
#: of its start-up packages in one parallel step (``loadPyodideOptions.packages``) instead of one
#: piplite install after the other.
EXTRA_LOCK: dict[str, tuple[str | None, list[str], list[str]]] = {
    "ipython-pygments-lexers": ("ipython", ["pygments"], ["ipython_pygments_lexers"]),
    "comm": (None, [], ["comm"]),
    "piplite": (None, ["micropip"], ["piplite"]),
    "pyodide-kernel": (None, ["comm", "ipython"], ["pyodide_kernel"]),
    "ipykernel": (None, ["pyodide-kernel"], ["ipykernel"]),
}
#: What the kernel loads at start-up (it skips its piplite installs for these names).
KERNEL_PRELOAD = ["micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython"]
KERNEL_WHEELS = (Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyterlite"
                 / "pyodide-kernel-extension" / "static" / "pypi")
#: Compiled packages with no wheel on any registry this project can reach: left at the CDN.
CDN_ONLY = ("numpy", "pandas", "matplotlib")
#: Dependencies the helper package does not declare in the lite wheel (loaded on demand, see
#: voordeur.browser): installing it must not need the CDN.
LITE_DROPPED_DEPS = ("pandas", "matplotlib")


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


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def build_wheel(out_dir: Path, src: Path = ROOT / "src", pyproject: Path = ROOT / "pyproject.toml",
                drop_deps: Iterable[str] = ()) -> Path:
    """Write ``<name>-<version>-py3-none-any.whl`` for the pure-Python package in *src*; return its path.

    *drop_deps*: dependencies left out of the metadata (the lite site loads pandas/matplotlib on demand).
    """
    project = dict(project_metadata(pyproject))
    dropped = {normalize(d) for d in drop_deps}
    project["dependencies"] = [
        d for d in project.get("dependencies", [])
        if normalize(re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0]) not in dropped
    ]
    entries = [(p.relative_to(src).as_posix(), p.read_bytes()) for p in package_files(src, project["name"])]
    return write_wheel(out_dir, project["name"], project["version"], _metadata_text(project), entries)


def write_wheel(out_dir: Path, name: str, version: str, metadata: str,
                files: list[tuple[str, bytes]]) -> Path:
    """A reproducible pure-Python wheel of *files* (archive path, content) with RECORD; return its path."""
    name = re.sub(r"[-_.]+", "_", name).lower()
    dist_info = f"{name}-{version}.dist-info"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}-{version}-py3-none-any.whl"
    entries = list(files)
    entries += [
        (f"{dist_info}/METADATA", metadata.encode()),
        (f"{dist_info}/WHEEL", (
            b"Wheel-Version: 1.0\nGenerator: voordeur tools/build_lite.py\n"
            b"Root-Is-Purelib: true\nTag: py3-none-any\n")),
        (f"{dist_info}/top_level.txt", "".join(sorted({f.split("/")[0] + "\n" for f, _ in files
                                                         if "/" in f})).encode()),
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


# --- downloads (PyPI and npm only, cached in build/cache) ------------------------------------------------
class BuildFout(RuntimeError):
    """A build step failed; the message says which and what to do."""


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _run(cmd: list[str], what: str, cwd: Path | None = None) -> None:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        tail = result.stdout[-2000:] + result.stderr[-2000:]
        raise BuildFout(f"{what} failed (exit {result.returncode}):\n{tail}")


def cached_wheel(folder: Path, name: str, version: str) -> Path | None:
    stem = re.sub(r"[-_.]+", "_", name).lower()
    for path in sorted(folder.glob("*.whl")):
        parts = path.name.split("-")
        if len(parts) >= 3 and parts[0].lower() == stem and parts[1] == version:
            return path
    return None


def fetch_wheels(pins: dict[str, str], cache: Path, offline: bool, platform: str = "any") -> dict[str, Path]:
    """``pip download`` the wheels of *pins* (name -> version) from PyPI into *cache*, unless cached."""
    cache.mkdir(parents=True, exist_ok=True)
    missing = {n: v for n, v in pins.items() if cached_wheel(cache, n, v) is None}
    if missing:
        if offline:
            wanted = ", ".join(f"{n}=={v}" for n, v in missing.items())
            raise BuildFout(f"not in {cache} and --offline: {wanted}")
        tags = (["--platform", "any", "--implementation", "py"] if platform == "any" else
                ["--platform", platform, "--implementation", "cp", "--abi", "cp314"])
        _run([sys.executable, "-m", "pip", "download", "--isolated", "--disable-pip-version-check", "-q",
              "--index-url", PYPI_INDEX, "--no-deps", "--only-binary=:all:", "--python-version", "3.14",
              *tags, "-d", str(cache), *(f"{n}=={v}" for n, v in missing.items())], "pip download")
    found = {n: cached_wheel(cache, n, v) for n, v in pins.items()}
    lost = [n for n, w in found.items() if w is None]
    if lost:
        raise BuildFout(f"pip download gave no wheel for {', '.join(lost)}")
    return {n: w for n, w in found.items() if w is not None}


def fetch_npm(spec: str, cache: Path, offline: bool) -> Path:
    """``npm pack`` *spec* (``name@version``) into *cache* once; return the tarball."""
    name, version = spec.rsplit("@", 1)
    target = cache / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not target.exists():
        if offline:
            raise BuildFout(f"{target} is not cached and --offline was given")
        npm = shutil.which("npm")
        if npm is None:
            raise BuildFout("npm is missing (apt-get install -y npm): needed once to fetch " + spec)
        cache.mkdir(parents=True, exist_ok=True)
        _run([npm, "pack", spec, "--silent", "--pack-destination", str(cache)], f"npm pack {spec}")
    return target


def pure_pyyaml_wheel(version: str, cache: Path, offline: bool) -> Path:
    """A py3-none-any PyYAML wheel from its sdist's ``lib/yaml`` (no C extension), cached."""
    out = cache / "built"
    built = cached_wheel(out, "pyyaml", version)
    if built:
        return built
    sdists = cache / "sdist"
    sdist = sdists / f"pyyaml-{version}.tar.gz"
    if not sdist.exists():
        if offline:
            raise BuildFout(f"{sdist} is not cached and --offline was given")
        # --no-binary for PyYAML only: pip prepares the sdist's metadata in a build environment, and with
        # ":all:" it compiled that environment's Cython from source too (3 minutes on 2 cores, every CI run)
        _run([sys.executable, "-m", "pip", "download", "--isolated", "--disable-pip-version-check", "-q",
              "--index-url", PYPI_INDEX, "--no-deps", "--no-binary=pyyaml",
              "-d", str(sdists), f"pyyaml=={version}"], "pip download pyyaml sdist")
    files: list[tuple[str, bytes]] = []
    with tarfile.open(sdist) as tf:
        for member in sorted(tf.getmembers(), key=lambda m: m.name):
            parts = member.name.split("/")
            if member.isfile() and parts[1:3] == ["lib", "yaml"] and member.name.endswith(".py"):
                data = tf.extractfile(member)
                if data is not None:
                    files.append(("yaml/" + "/".join(parts[3:]), data.read()))
    if not files:
        raise BuildFout(f"{sdist} has no lib/yaml/*.py")
    meta = f"Metadata-Version: 2.1\nName: PyYAML\nVersion: {version}\nSummary: YAML parser (pure Python)\n"
    return write_wheel(out, "PyYAML", version, meta, files)


# --- the Pyodide distribution and its lock -------------------------------------------------------------
def unpack_pyodide(source: Path, dest: Path) -> Path:
    """Copy or extract a Pyodide distribution (folder, npm .tgz, or release .tar.bz2) into *dest*."""
    if dest.exists():
        shutil.rmtree(dest)
    if source.is_dir():
        shutil.copytree(source, dest)
        return dest
    tmp = dest.with_name(dest.name + "-unpack")
    if tmp.exists():
        shutil.rmtree(tmp)
    with tarfile.open(source) as tf:
        tf.extractall(tmp, filter="data")
    lock = next(iter(sorted(tmp.rglob("pyodide-lock.json"), key=lambda p: len(p.parts))), None)
    if lock is None:
        raise BuildFout(f"{source} holds no pyodide-lock.json: not a Pyodide distribution")
    shutil.move(str(lock.parent), dest)
    shutil.rmtree(tmp, ignore_errors=True)
    return dest


def lock_closure(packages: dict, roots: Iterable[str]) -> set[str]:
    """Lock names of *roots* and everything they depend on (lock names are normalized)."""
    seen: set[str] = set()
    todo = [normalize(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in seen or name not in packages:
            continue
        seen.add(name)
        todo += [normalize(d) for d in packages[name].get("depends", [])]
    return seen


def desktop_pins(names: Iterable[str], lock: Path = ROOT / "requirements.txt") -> dict[str, str]:
    pins: dict[str, str] = {}
    for name in names:
        pin = pinned(name, lock)
        if "==" not in pin:
            raise BuildFout(f"{name} is not pinned in {lock.name}")
        pins[name] = pin.split("==", 1)[1]
    return pins


def rewrite_lock(pyodide_dir: Path, local: dict[str, Path], cdn: str = CDN) -> dict[str, str]:
    """Point the lock at the wheels shipped in *pyodide_dir* and at the CDN for the rest.

    *local*: lock name -> a wheel to ship (copied beside the lock; entry gets its file name, version and
    real sha256). A lock entry whose file is already in *pyodide_dir* (a full distribution) stays local.
    Every other entry gets the CDN address (its hash stays: the CDN serves Pyodide's own build).
    Returns lock name -> where it comes from ("site" or "cdn").
    """
    lock_path = pyodide_dir / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    packages = {normalize(k): v for k, v in lock["packages"].items()}
    for name, (parent, depends, imports) in EXTRA_LOCK.items():
        if name in local and name not in packages:
            packages[name] = {"name": name, "version": "", "file_name": "", "install_dir": "site",
                              "sha256": "", "package_type": "package", "imports": imports,
                              "depends": depends, "unvendored_tests": False}
            if parent is not None:
                deps = packages[parent].setdefault("depends", [])
                if name not in deps:
                    deps.append(name)
    where: dict[str, str] = {}
    for name, entry in packages.items():
        wheel = local.get(name)
        if wheel is not None:
            shutil.copy2(wheel, pyodide_dir / wheel.name)
            entry["file_name"] = wheel.name
            entry["version"] = wheel.name.split("-")[1]
            entry["sha256"] = sha256_of(wheel)
            where[name] = "site"
        elif (pyodide_dir / entry["file_name"]).exists():
            where[name] = "site"
        else:
            entry["file_name"] = cdn + entry["file_name"].rsplit("/", 1)[-1]
            where[name] = "cdn"
    lock["packages"] = packages
    lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return where


def stage_pyodide(dest: Path, cache: Path, offline: bool,
                  distribution: Path | None) -> tuple[dict[str, str], list[Path]]:
    """The Pyodide folder of the site and the wheels for piplite. Returns (lock report, piplite wheels)."""
    source = distribution or fetch_npm(f"pyodide@{PYODIDE_VERSION}", cache / "npm", offline)
    unpack_pyodide(source, dest)
    for junk in ("console.html", "console-v2.html", "README.md", "package.json", "pyodide.js",
                 "pyodide.js.map", "pyodide.mjs.map", "ffi.d.ts", "pyodide.d.ts"):
        (dest / junk).unlink(missing_ok=True)
    packages = {normalize(k): v for k, v in
                json.loads((dest / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"].items()}
    boot = lock_closure(packages, BOOT_ROOTS)
    pure = {n: packages[n]["version"] for n in sorted(boot)}
    pure.update(desktop_pins(["ipython-pygments-lexers", "comm"]))
    quiz = desktop_pins([n for n in QUIZ_LOCK if n not in ("pydantic-core", "pyyaml")])
    wheels = fetch_wheels({**pure, **quiz}, cache / "wheels", offline)
    core_pin = desktop_pins(["pydantic-core"])
    info = json.loads((dest / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    abi = f"pyemscripten_{info['abi_version']}_wasm32"
    wheels.update(fetch_wheels(core_pin, cache / "wheels", offline, platform=abi))
    wheels["pyyaml"] = pure_pyyaml_wheel(desktop_pins(["pyyaml"])["pyyaml"], cache, offline)
    for name in ("piplite", "pyodide-kernel", "ipykernel"):
        found = sorted(KERNEL_WHEELS.glob(f"{name.replace('-', '_')}-*-py3-none-any.whl"))
        if not found:
            raise BuildFout(f"no {name} wheel in {KERNEL_WHEELS} (is jupyterlite-pyodide-kernel installed?)")
        wheels[name] = found[-1]
    local = {normalize(n): w for n, w in wheels.items()}
    if distribution is not None:  # a full distribution brings its own boot wheels; keep the quiz pins
        local = {n: w for n, w in local.items() if n in {normalize(q) for q in QUIZ_LOCK} or
                 not (dest / packages.get(n, {}).get("file_name", "-")).exists()}
    where = rewrite_lock(dest, local)
    piplite = list(fetch_wheels(desktop_pins(QUIZ_PIPLITE), cache / "wheels", offline).values())
    return where, piplite


# --- the notebooks ----------------------------------------------------------------------------------
def pinned(package: str, lock: Path = ROOT / "requirements.txt") -> str:
    """``package==version`` from the lock, or just the name when it is not pinned there."""
    for line in lock.read_text(encoding="utf-8").splitlines():
        m = re.match(rf"^{re.escape(package)}==(\S+)", line.strip(), re.I)
        if m:
            return f"{package}=={m.group(1)}"
    return package


def install_cell(package: str) -> nbformat.NotebookNode:
    """The lite-only first cell: the helper package from the site's own wheels, then (with internet)
    pandas and matplotlib; without internet a short Dutch note, and the lesson goes on."""
    version = project_metadata()["version"]
    source = (
        "# Alleen nodig in de browserversie (JupyterLite): dit installeert de hulpmodule van de lessen.\n"
        "# De eerste keer duurt dit even. Voer daarna gewoon de volgende cellen uit.\n"
        "# Zonder internet werkt alles, behalve nieuwe tabellen en grafieken maken.\n"
        f"%pip install -q {pinned('ipywidgets')} {pinned('anywidget')} {package}=={version}\n"
        "from voordeur import browser\n"
        "await browser.laad_grafiekpakketten();"
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
def write_config(staging: Path, out: Path, wheels: list[Path], sourcemaps: bool) -> None:
    config = {
        "LiteBuildConfig": {
            "contents": ["contents"],
            "output_dir": str(out),
            "no_sourcemaps": not sourcemaps,
        },
        "PipliteAddon": {"piplite_urls": [str(w) for w in wheels]},
    }
    (staging / "jupyter_lite_config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    lite = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Veiligheid achter de voordeur",
            # window.jupyterapp: the offline browser test and the benchmark read the kernel state from it
            "exposeAppInBrowser": True,
            # the Voilà preview button needs a Jupyter server; JupyterLite has none
            "disabledExtensions": ["@voila-dashboards/jupyterlab-preview"],
            "litePluginSettings": {
                "@jupyterlite/pyodide-kernel-extension:kernel": {
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": KERNEL_PRELOAD},
                },
            },
        },
    }
    (staging / "jupyter-lite.json").write_text(json.dumps(lite, indent=2) + "\n", encoding="utf-8")


HTML_TAG = re.compile(r"<html(?![^>]*\blang=)([^>]*)>", re.I)


def set_language(site: Path, language: str = "nl") -> list[Path]:
    """Give every HTML page of the app (not the lesson files) ``<html lang="nl">``; return them."""
    changed = []
    for page in sorted(site.rglob("*.html")):
        if {"files", "extensions"} & set(page.relative_to(site).parts[:1]):
            continue
        text = page.read_text(encoding="utf-8")
        new = HTML_TAG.sub(lambda m: f'<html lang="{language}"{m.group(1)}>', text, count=1)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed.append(page)
    return changed


def build(out: Path = DEFAULT_OUT, staging: Path = STAGING, sourcemaps: bool = False,
          cache: Path = CACHE, offline: bool = False, pyodide: Path | None = None,
          extra: dict[str, str] | None = None) -> dict[str, float]:
    """Build the site; return the time of each step in seconds.

    *extra*: more files for the site's contents (path -> text), e.g. the benchmark's floor notebook.
    """
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    for folder in (staging, out):
        if folder.exists():
            shutil.rmtree(folder)
    staging.mkdir(parents=True)
    where, piplite = stage_pyodide(staging / "static" / "pyodide", cache, offline, pyodide)
    times["pyodide + wheels"] = time.perf_counter() - t0
    wheel = build_wheel(staging / "wheels", drop_deps=LITE_DROPPED_DEPS)
    package = project_metadata()["name"]
    stage_contents(staging / "contents", package)
    for rel, text in (extra or {}).items():
        target = staging / "contents" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    write_config(staging, out.resolve(), [w.resolve() for w in [wheel, *piplite]], sourcemaps)
    (staging / "lock-report.json").write_text(json.dumps(where, indent=1, sort_keys=True) + "\n")
    times["stage"] = time.perf_counter() - t0 - times["pyodide + wheels"]

    t1 = time.perf_counter()
    jupyter = Path(sys.executable).with_name("jupyter")
    cmd = [str(jupyter) if jupyter.exists() else "jupyter", "lite", "build"]
    result = subprocess.run(cmd, cwd=staging, capture_output=True, text=True)
    times["jupyter lite build"] = time.perf_counter() - t1
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise RuntimeError(f"jupyter lite build failed (exit {result.returncode})")
    set_language(out)
    shutil.copy2(ROOT / "tools" / "serve_lite.py", out / "serve.py")
    shutil.copy2(staging / "lock-report.json", out / "static" / "pyodide" / "herkomst.json")
    return times


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--staging", type=Path, default=STAGING)
    parser.add_argument("--keep-sourcemaps", action="store_true", help="larger site, easier debugging")
    parser.add_argument("--cache", type=Path, default=CACHE,
                        help="downloads from PyPI/npm (default build/cache)")
    parser.add_argument("--offline", action="store_true",
                        help="use only the cache; fail if something is missing")
    parser.add_argument("--pyodide", type=Path, default=None,
                        help="a full Pyodide distribution (folder or tarball): numpy, pandas and matplotlib "
                             "are then served from the site too")
    args = parser.parse_args(argv)
    try:
        times = build(args.out, args.staging, args.keep_sourcemaps, args.cache, args.offline, args.pyodide)
    except RuntimeError as e:
        print(e, file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file()) / 1e6
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in times.items())
    print(f"JupyterLite site in {args.out} ({size:.0f} MB; {steps})")
    where = json.loads((args.out / "static" / "pyodide" / "herkomst.json").read_text(encoding="utf-8"))
    cdn = sorted(n for n, w in where.items() if w == "cdn")
    print(f"Lock: {len(where) - len(cdn)} packages in the site, {len(cdn)} from the Pyodide CDN "
          f"(only needed for charts: {', '.join(n for n in CDN_ONLY if n in cdn) or 'none'})")
    print(f"Try it: python {args.out}/serve.py, then open http://127.0.0.1:8000/lab/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
