"""A lesson's first cells stay cheap: no pandas or matplotlib until the first table or chart.

``les.start(N)`` and a quiz before any chart must not wait ~1 s for pandas and matplotlib. The check runs
in a fresh interpreter (pytest itself has long imported both), so it fails as soon as someone adds a
module-level ``import pandas`` or ``import matplotlib`` to one of these modules again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZWAAR = ("pandas", "matplotlib")


def _geladen_na(code: str) -> list[str]:
    """Run *code* in a fresh Python (as a lesson notebook would) and return which heavy modules it loaded."""
    programma = (f"import json, sys\n{code}\n"
                 f"print(json.dumps(sorted(m for m in {ZWAAR!r} if m in sys.modules)))")
    omgeving = {**os.environ, "VOORDEUR_DATA": str(ROOT / "data")}
    uit = subprocess.run([sys.executable, "-c", programma], capture_output=True, text=True,
                         cwd=ROOT / "notebooks", env=omgeving, timeout=60, check=False)
    assert uit.returncode == 0, uit.stderr
    return json.loads(uit.stdout.strip().splitlines()[-1])


def test_first_cell_and_imports_load_no_pandas_or_matplotlib() -> None:
    assert _geladen_na("from voordeur import les, charts, data, quiz\nles.start(3)") == []


def test_other_modules_load_no_pandas_or_matplotlib() -> None:
    code = ("import voordeur, voordeur.checks, voordeur.getallen, voordeur.meldcode, voordeur.weergave, "
            "voordeur.lessen, voordeur.quiz.model, voordeur.quiz.tekst, "
            "voordeur.quiz.opslaan")
    assert _geladen_na(code) == []


def test_loading_data_still_works_after_the_cheap_start() -> None:
    code = ("from voordeur import les, data\nles.start(3)\ndf = data.load('phgsg_vormen_2020')\n"
            "assert len(df) > 0 and data.bron('cbs_2021_nic_hg')['jaar']")
    assert _geladen_na(code) == ["pandas"]
