"""``python -m voordeur.quiz check``: exit codes and messages, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import BROKEN, ROOT, VOORBEELD


def _draai(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voordeur.quiz", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def test_goede_bank_geeft_0() -> None:
    r = _draai("check", str(VOORBEELD))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "geen problemen" in r.stdout


def test_kapotte_banken_geven_1_met_een_regel_per_probleem() -> None:
    r = _draai("check", str(BROKEN / "geen-goed-antwoord.yaml"), str(VOORBEELD))
    assert r.returncode == 1
    regels = [x for x in r.stdout.splitlines() if x.startswith("✘")]
    assert len(regels) == 3
    assert "geen-goed-antwoord.yaml, regel 16, vraag 'k-twee-goed', veld 'opties'" in regels[1]
    assert "3 problemen gevonden in 1 bestand." in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


def test_map_wordt_per_bestand_gecontroleerd() -> None:
    r = _draai("check", str(BROKEN))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stdout.count("syntaxis.yaml, regel 8") == 1


def test_ontbrekend_bestand_lege_map_en_geen_argumenten(tmp_path: Path) -> None:
    r = _draai("check", str(tmp_path / "weg.yaml"))
    assert r.returncode == 1 and "bestaat niet" in r.stdout and "Traceback" not in r.stderr
    r = _draai("check", str(tmp_path))
    assert r.returncode == 1 and "is een map" in r.stdout
    r = _draai("check")
    assert r.returncode == 2 and "Geef een of meer bestanden" in r.stderr
    r = _draai("iets")
    assert r.returncode == 2 and "Onbekende opdracht" in r.stderr
    r = _draai()
    assert r.returncode == 2 and "Gebruik:" in r.stdout
    binair = tmp_path / "binair.yaml"
    binair.write_bytes(b"\xff\xfe\x00\x01")
    r = _draai("check", str(binair))
    assert r.returncode == 1 and "UTF-8" in r.stdout and "Traceback" not in r.stderr


def test_schema_opdracht(tmp_path: Path) -> None:
    # build-time code: the schema writer lives in voordeur_bouw, not in the student package (issue 12)
    r = subprocess.run([sys.executable, "-m", "voordeur_bouw.schema", str(tmp_path / "schema.json")],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == \
        (ROOT / "data" / "quizzes" / "schema.json").read_text(encoding="utf-8")
