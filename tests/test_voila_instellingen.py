"""The Voila pages start the same way everywhere (issue 16, speed): ``start.py quizzen``/``beamer`` (also
behind ``make quiz-app``/``make beamer``), the benchmark and the browser tests take their settings from
``start.voila_settings()``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gereedschap import laad_tool

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import start  # noqa: E402


def _bench() -> object:
    sys.path.insert(0, str(ROOT / "tools"))  # bench_voila imports klikmeting and build_voila from there
    return laad_tool("bench_voila")


def test_make_targets_are_the_launcher() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for doel, pagina in (("quiz-app", "quizzen"), ("beamer", "beamer")):
        recept = makefile.split(f"\n{doel}:", 1)[1].split("\n\n", 1)[0]
        assert f"start.py {pagina}" in recept, recept
    assert "bin/voila" not in makefile, "a second way to start Voila would drift from start.py"


def test_benchmark_measures_what_the_launcher_starts() -> None:
    bench = _bench()
    assert sorted([*bench.MAKE_QUIZ_APP, *bench.VOILA_SNEL]) == sorted(start.voila_settings())
    assert "--template=voordeur" in bench.MAKE_QUIZ_APP and "--preheat_kernel=True" in bench.VOILA_SNEL


def test_the_unused_extensions_exist_here() -> None:
    """A typo in the list would load the extension after all."""
    namen = set()
    for pakket in (Path(sys.prefix) / "share" / "jupyter" / "labextensions").glob("**/package.json"):
        if pakket.parent.parent.name != "node_modules":
            namen.add(json.loads(pakket.read_text(encoding="utf-8")).get("name"))
    if not namen:
        pytest.skip("no JupyterLab extensions in this environment")
    assert set(start.VOILA_UNUSED) <= namen, namen
    optie = "--VoilaConfiguration.extension_denylist="
    weg = [a.removeprefix(optie) for a in start.voila_settings() if a.startswith(optie)]
    assert weg == list(start.VOILA_UNUSED)


@pytest.mark.parametrize(("plat", "browser"), [
    (start.Platform("Windows"), True),
    (start.Platform("Linux", is_root=True, has_display=False), False),
])  # fmt: skip
def test_voila_command(plat: start.Platform, browser: bool) -> None:
    cmd = start.voila_command(Path("v"), plat, "beamer", port=9000)
    assert cmd[:3] == [str(start.venv_python(Path("v"), plat)), "-m", "voila"]
    assert cmd[3] == "notebooks/beamer.ipynb" and "--port=9000" in cmd
    assert set(start.voila_settings()) <= set(cmd)
    assert ("--no-browser" not in cmd) is browser


def test_dry_run_of_the_beamer(tmp_path: Path) -> None:
    venv = tmp_path / "nieuw"
    uit = subprocess.run([sys.executable, str(ROOT / "start.py"), "beamer", "--dry-run", "--venv", str(venv)],
                         capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert uit.returncode == 0, uit.stderr
    assert not venv.exists()
    assert "tools/build_voila.py" in uit.stdout and "-m voila notebooks/beamer.ipynb" in uit.stdout
    assert re.search(r"Voilà start nu met de beamerpagina", uit.stdout)
