"""A lesson exported with File → Save and Export Notebook As → HTML declares lang="nl" (issue 16).

JupyterLab's menu asks the server (``/nbconvert/html/<path>``); jupyter_server's handler makes the exporter
with ``get_exporter("html", config=<the server's config>)``. ``jupyter nbconvert --to html`` reads its
own config. ``start.py`` (and ``postBuild`` on Binder) merge ``jupyter-settings/export-nl.json`` into both
config files of the environment. Here both routes run in a subprocess with only that config (a temp
``JUPYTER_CONFIG_DIR``, no other config on the path), on a built lesson notebook.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import start  # noqa: E402

LES = ROOT / "notebooks" / "03-signaleren.ipynb"
ZOALS_DE_SERVER = """
import sys
from jupyter_server.serverapp import ServerApp
from jupyter_server.nbconvert.handlers import get_exporter
app = ServerApp()
app.load_config_file()
exporter = get_exporter("html", config=app.config)
body, _ = exporter.from_filename(sys.argv[1])
sys.stdout.write(body)
"""


def _omgeving(config: Path, data: Path) -> dict[str, str]:
    """Only our config (a temp JUPYTER_CONFIG_DIR) and our template (a temp folder on JUPYTER_PATH)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env["JUPYTER_CONFIG_DIR"] = str(config)
    start.install_export_template(data)  # -> data/share/jupyter/nbconvert/templates/voordeur_lab
    env["JUPYTER_PATH"] = str(data / "share" / "jupyter")
    return env


def _lang(html: str) -> str | None:
    m = re.search(r'<html\s+lang="([^"]*)"', html)
    return m.group(1) if m else None


def test_merge_keeps_what_is_there(tmp_path: Path) -> None:
    doel = tmp_path / "etc" / "jupyter" / "jupyter_server_config.json"
    doel.parent.mkdir(parents=True)
    doel.write_text(json.dumps({"ServerApp": {"ip": "127.0.0.1"}, "HTMLExporter": {"theme": "dark"}}))
    start.merge_export_settings(doel)
    assert json.loads(doel.read_text()) == {
        "ServerApp": {"ip": "127.0.0.1"},
        "HTMLExporter": {"theme": "dark", "language_code": "nl", "template_name": "voordeur_lab"},
        "SlidesExporter": {"template_name": "reveal"}}
    kapot = tmp_path / "kapot.json"
    kapot.write_text("{niet json")
    start.merge_export_settings(kapot)
    assert json.loads(kapot.read_text()) == json.loads(start.EXPORT_FILE.read_text(encoding="utf-8"))
    assert [p.name for p in start.export_targets(tmp_path)] == list(start.EXPORT_TARGETS)


def test_install_settings_writes_both_config_files_and_the_template(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    venv = tmp_path / ".venv"
    start.Launcher(venv, start.Platform.current()).install_settings()
    for doel in start.export_targets(venv):
        config = json.loads(doel.read_text(encoding="utf-8"))
        assert config["HTMLExporter"] == {"language_code": "nl", "template_name": "voordeur_lab"}, doel
        assert config["SlidesExporter"] == {"template_name": "reveal"}  # slides keep their own template
    sjabloon = venv.joinpath(*start.EXPORT_TEMPLATE_TARGET)
    assert sorted(p.name for p in sjabloon.iterdir()) == ["conf.json", "index.html.j2"]
    capsys.readouterr()


def test_binder_postbuild_installs_the_export_setting_too() -> None:
    tekst = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "jupyter-settings/export-nl.json" in tekst and "jupyter-settings/nbconvert/voordeur_lab" in tekst
    for naam in start.EXPORT_TARGETS:
        assert naam in tekst
    assert "/".join(start.EXPORT_TEMPLATE_TARGET[:-1]) in tekst


@pytest.mark.slow
@pytest.mark.parametrize("route", ["jupyterlab-menu", "jupyter-nbconvert"])
def test_exported_lesson_says_lang_nl(route: str, tmp_path: Path) -> None:
    config = tmp_path / "config"
    for naam in start.EXPORT_TARGETS:
        start.merge_export_settings(config / naam)
    kopie = tmp_path / LES.name
    kopie.write_bytes(LES.read_bytes())
    env = _omgeving(config, tmp_path / "data")
    if route == "jupyterlab-menu":
        r = subprocess.run([sys.executable, "-c", ZOALS_DE_SERVER, str(kopie)], capture_output=True,
                           text=True, env=env, cwd=tmp_path, timeout=300)
        assert r.returncode == 0, r.stderr[-2000:]
        html = r.stdout
    else:
        jupyter = Path(sys.executable).parent / "jupyter"
        r = subprocess.run([str(jupyter), "nbconvert", "--to", "html", str(kopie)], capture_output=True,
                           text=True, env=env, cwd=tmp_path, timeout=300)
        assert r.returncode == 0, r.stderr[-2000:]
        html = kopie.with_suffix(".html").read_text(encoding="utf-8")
    assert _lang(html) == "nl", html[:300]
    assert "text-decoration: underline" in html  # links do not rely on colour alone (axe link-in-text-block)
    if not any(p.exists() for p in start.export_targets(Path(sys.prefix))):
        # without our config the same export says "en": the setting is what makes the difference
        leeg = tmp_path / "leeg"
        leeg.mkdir()
        r = subprocess.run([sys.executable, "-c", ZOALS_DE_SERVER, str(kopie)], capture_output=True,
                           text=True, env={**env, "JUPYTER_CONFIG_DIR": str(leeg)}, cwd=tmp_path, timeout=300)
        assert _lang(r.stdout) == "en"


@pytest.mark.slow
def test_this_environment_exports_lang_nl(tmp_path: Path) -> None:
    """The venv as start.py installed it (make test, make lab): the menu's route says lang="nl"."""
    if not all(p.exists() for p in start.export_targets(Path(sys.prefix))):
        pytest.skip("this environment was not installed by start.py or postBuild")
    kopie = tmp_path / LES.name
    kopie.write_bytes(LES.read_bytes())
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_CONFIG_DIR"}
    env["JUPYTER_CONFIG_DIR"] = str(tmp_path / "leeg")  # no user config: only what the venv has
    r = subprocess.run([sys.executable, "-c", ZOALS_DE_SERVER, str(kopie)], capture_output=True, text=True,
                       env=env, cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert _lang(r.stdout) == "nl"
