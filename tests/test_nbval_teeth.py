"""nbval has teeth: a changed figure in a CSV makes the stored notebook outputs fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_changed_csv_value_makes_nbval_fail(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "notebooks").mkdir()
    shutil.copy(ROOT / "notebooks" / "00-start.ipynb", tmp_path / "notebooks")
    csv = tmp_path / "data" / "phgsg_vormen_2020.csv"
    text = csv.read_text(encoding="utf-8")
    assert ",8.3," in text, "test expects the 2020 total of 8.3% in phgsg_vormen_2020.csv"
    csv.write_text(text.replace(",8.3,", ",8.4,", 1), encoding="utf-8")
    env = dict(os.environ, VOORDEUR_DATA=str(tmp_path / "data"), PYTHONHASHSEED="0")
    args = [sys.executable, "-m", "pytest", "-q", "-vv", "-p", "no:cacheprovider", "--nbval",
            str(tmp_path / "notebooks" / "00-start.ipynb"),
            "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg")]
    changed = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert changed.returncode != 0, "nbval passed although a figure in the data changed"
    assert "Cell outputs differ" in changed.stdout
    assert "8,4%" in changed.stdout, "the difference should be the changed figure"
