"""The wheel is enough for a school's JupyterHub: it carries data/ and the banks, and a lesson's data and
quiz cells run from a folder outside the repository in a fresh environment.

The wheel is built without network (hatchling is in the dev lock; no build isolation). The fresh venv gets
the wheel and its dependencies from uv's cache (``--offline``), constrained to the pinned lock, so the
test never touches the network and takes about 10 s.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
UV = shutil.which("uv", path=str(BIN)) or shutil.which("uv")

pytestmark = pytest.mark.slow

LESSON_CELLS = r"""
import json, sys
from pathlib import Path
from voordeur import data, les, quiz
from voordeur.quiz import bank as quizbank

les.start(1)
df = data.load("phgsg_vormen_2020")
vrouwen = df[(df["vorm"] == "totaal huiselijk geweld") & (df["geslacht"] == "vrouwen")]["percentage"].iloc[0]
q = quiz.toon("les1")
eigen = quiz.laad_bank("mijn-casussen") if (Path("data") / "quizzes").is_dir() else None
print(json.dumps({
    "voordeur": quiz.__file__,
    "datamap": str(data.datamap()),
    "quizmap": str(quizbank.quizmap()),
    "datasets": len(data.datasets()),
    "vrouwen": float(vrouwen),
    "quiz": q._repr_mimebundle_()["text/plain"],
    "widget": "application/vnd.jupyter.widget-view+json" in q._repr_mimebundle_(),
    "banken": quizbank.banken(),
    "eigen": eigen.titel if eigen is not None else None,
}))
"""


def _repo_value(vorm: str, geslacht: str) -> float:
    with (ROOT / "data" / "phgsg_vormen_2020.csv").open(encoding="utf-8", newline="") as f:
        (rij,) = [r for r in csv.DictReader(f) if r["vorm"] == vorm and r["geslacht"] == geslacht]
    return float(rij["percentage"])


def _vragen_les1() -> int:
    """The number of questions in the repository's bank les1 (counted in the YAML, no import)."""
    tekst = (ROOT / "data" / "quizzes" / "les1.yaml").read_text(encoding="utf-8")
    return sum(1 for regel in tekst.splitlines() if regel.startswith("  - id: "))


def _lesson(python: Path, werk: Path, env: dict[str, str]) -> dict[str, Any]:
    """Run the lesson cells with the fresh venv's Python in ``werk``; their JSON summary."""
    stdout = _run([str(python), "-c", LESSON_CELLS], cwd=werk, env=env).stdout
    return json.loads(stdout.strip().splitlines()[-1])


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{cmd[:3]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    if UV:
        cmd = [UV, "build", "--wheel", "--no-build-isolation", "--python", sys.executable,
               "-o", str(out), str(ROOT)]
    else:
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
               "-w", str(out), str(ROOT)]
    _run(cmd, cwd=ROOT)
    (path,) = out.glob("voordeur-*.whl")
    return path


def test_wheel_carries_data_banks_and_settings(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for rel in ("datapackage.json", "sources.csv", "phgsg_vormen_2020.csv", "quizzes/les1.yaml",
                "quizzes/schema.json"):
        assert f"voordeur/_data/{rel}" in names, rel
    for table in (ROOT / "data").glob("*.csv"):
        assert f"voordeur/_data/{table.name}" in names, table.name
    for yaml_file in (ROOT / "data" / "quizzes").glob("*.yaml"):
        assert f"voordeur/_data/quizzes/{yaml_file.name}" in names, yaml_file.name
    assert "voordeur-0.1.0.data/data/share/jupyter/lab/settings/overrides.d/voordeur.json" in names
    assert "voordeur/paden.py" in names
    assert "voordeur/controles.json" in names  # the checks declared beside the solutions (issue 12.3)


@pytest.mark.skipif(UV is None, reason="uv ontbreekt: een verse omgeving zonder netwerk lukt alleen met uv")
def test_wheel_in_a_fresh_venv_runs_a_lessons_data_and_quiz_cells(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([UV, "venv", "--quiet", "--python", sys.executable, str(venv)])
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _run([UV, "pip", "install", "--quiet", "--offline", "--python", str(python), str(wheel),
          "-c", str(ROOT / "requirements.txt")])
    # the Dutch JupyterLab settings land where JupyterLab in that environment reads them
    settings = venv / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "voordeur.json"
    assert json.loads(settings.read_text(encoding="utf-8")) == json.loads(
        (ROOT / "jupyter-settings" / "overrides.json").read_text(encoding="utf-8"))
    env = {k: v for k, v in os.environ.items() if k not in ("VOORDEUR_DATA", "PYTHONPATH", "VIRTUAL_ENV")}
    env["MPLCONFIGDIR"] = str(tmp_path / "mpl")

    werk = tmp_path / "werk"  # a hub home: far from the repository
    werk.mkdir()
    out = _lesson(python, werk, env)
    site = venv.resolve()
    assert Path(out["voordeur"]).resolve().is_relative_to(site), "voordeur must come from the wheel"
    assert Path(out["datamap"]).resolve().is_relative_to(site)
    assert Path(out["datamap"]).name == "_data"
    assert out["vrouwen"] == _repo_value("totaal huiselijk geweld", "vrouwen")
    assert out["datasets"] == len(list((ROOT / "data").glob("*.csv"))) - 1  # sources.csv is not a dataset
    assert "les1" in out["banken"] and "voorbeeld" in out["banken"]
    assert out["quiz"] == ("Voer deze cel uit om de vragen te maken.\n"
                           f"Quiz: Hoe vaak komt het voor?, {_vragen_les1()} vragen.")
    assert out["widget"], "the quiz must display as a widget"

    # a teacher's own bank in the working folder wins over the packaged banks
    (werk / "data" / "quizzes").mkdir(parents=True)
    text = (ROOT / "data" / "quizzes" / "voorbeeld.yaml").read_text(encoding="utf-8")
    titel = next(line for line in text.splitlines() if line.startswith("titel:"))
    (werk / "data" / "quizzes" / "mijn-casussen.yaml").write_text(
        text.replace(titel, "titel: Casussen van mijn school"), encoding="utf-8")
    out = _lesson(python, werk, env)
    assert out["eigen"] == "Casussen van mijn school"
    assert {"mijn-casussen", "les1"} <= set(out["banken"])  # the packaged banks stay available
    assert Path(out["quizmap"]).resolve() == (werk / "data" / "quizzes").resolve()
    assert Path(out["datamap"]).resolve().is_relative_to(site)  # the data still come from the wheel
