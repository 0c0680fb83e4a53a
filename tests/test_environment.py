"""The pins agree: environment.yml (Binder) vs requirements.txt (pip/uv), and the widget trio matches."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# conda-forge names that differ from PyPI names
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib", "jupyterlab_widgets": "jupyterlab-widgets"}


def lock_pins(path: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def env_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins: dict[str, str] = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for pip_dep in dep.get("pip", []):
                name, _, version = pip_dep.partition("==")
                pins[name.lower().replace("_", "-")] = version
            continue
        name, _, version = dep.partition("=")
        if name in ("python", "pip"):
            continue
        name = CONDA_TO_PYPI.get(name, name)
        pins[name.lower().replace("_", "-")] = version
    return pins


def direct_requirements() -> list[str]:
    names = []
    for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            names.append(re.split(r"[=<>!~\[ ]", line)[0].lower().replace("_", "-"))
    return names


def test_every_direct_dependency_is_pinned_in_environment_yml() -> None:
    env = env_pins()
    missing = [n for n in direct_requirements() if n not in env]
    assert not missing, f"environment.yml lacks direct dependencies: {missing}"


def test_environment_yml_agrees_with_requirements_lock() -> None:
    lock = lock_pins(ROOT / "requirements.txt")
    env = env_pins()
    disagree = {n: (v, lock.get(n)) for n, v in env.items() if lock.get(n) != v}
    assert not disagree, f"environment.yml vs requirements.txt (env, lock): {disagree}"


def test_dev_lock_contains_the_runtime_lock() -> None:
    runtime = lock_pins(ROOT / "requirements.txt")
    dev = lock_pins(ROOT / "requirements-dev.txt")
    disagree = {n: (v, dev.get(n)) for n, v in runtime.items() if dev.get(n) != v}
    assert not disagree, f"requirements-dev.txt disagrees with requirements.txt: {disagree}"


def test_widget_versions_match_each_other() -> None:
    lock = lock_pins(ROOT / "requirements.txt")
    # ipywidgets 8.1.x ships with jupyterlab_widgets 3.0.x and needs JupyterLab 3 or 4
    assert lock["ipywidgets"].startswith("8.1.")
    assert lock["jupyterlab-widgets"].startswith("3.0.")
    assert lock["jupyterlab"].split(".")[0] in {"3", "4"}
    from importlib.metadata import requires

    reqs = " ".join(requires("ipywidgets") or [])
    assert "jupyterlab_widgets" in reqs.replace("-", "_")


def test_binder_reads_the_top_level_files() -> None:
    # repo2docker ignores every top-level config file as soon as a binder/ or .binder/ folder exists
    for folder in ("binder", ".binder"):
        assert not (ROOT / folder).exists(), f"{folder}/ would make Binder ignore environment.yml"
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"
