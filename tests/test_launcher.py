"""The launcher (start.py): per-OS logic with platform facts patched, and one real run on Linux."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load() -> Any:
    spec = importlib.util.spec_from_file_location("start", ROOT / "start.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["start"] = module
    spec.loader.exec_module(module)
    return module


start = _load()
P = start.Platform
WINDOWS = P("Windows", is_root=False, has_display=True)
MACOS = P("Darwin", is_root=False, has_display=True)
LINUX_DESKTOP = P("Linux", is_root=False, has_display=True)
LINUX_ROOT_SERVER = P("Linux", is_root=True, has_display=False)
WSL = P("Linux", is_root=False, has_display=False, is_wsl=True)
ALL = [WINDOWS, MACOS, LINUX_DESKTOP, LINUX_ROOT_SERVER, WSL]
IDS = ["windows", "macos", "linux-desktop", "linux-root-server", "wsl"]


# --- per-OS logic ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("plat", "python", "uv"), [
    (WINDOWS, "Scripts/python.exe", "Scripts/uv.exe"),
    (MACOS, "bin/python", "bin/uv"),
    (LINUX_DESKTOP, "bin/python", "bin/uv"),
])  # fmt: skip
def test_venv_layout(plat: Any, python: str, uv: str) -> None:
    venv = Path("v")
    assert start.venv_python(venv, plat) == venv / python
    assert start.venv_program(venv, plat, "uv") == venv / uv


@pytest.mark.parametrize("plat", ALL, ids=IDS)
def test_settings_go_where_jupyterlab_reads_them(plat: Any) -> None:
    # sys.prefix/share/jupyter/lab/settings on every OS (jupyterlab.commands.get_app_dir)
    target = start.settings_target(Path("v"))
    assert target.parts[-6:] == ("share", "jupyter", "lab", "settings", "overrides.d", "voordeur.json")


@pytest.mark.parametrize(("plat", "opens"), [
    (WINDOWS, True), (MACOS, True), (LINUX_DESKTOP, True), (LINUX_ROOT_SERVER, False), (WSL, False),
])  # fmt: skip
def test_browser_opening_per_os(plat: Any, opens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROWSER", raising=False)
    assert start.opens_browser(plat) is opens
    cmd = start.lab_command(Path("v"), plat)
    assert ("--no-browser" in cmd) is (not opens)


def test_wsl_opens_a_browser_when_one_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER", "wslview")
    assert start.opens_browser(WSL)


@pytest.mark.parametrize("plat", ALL, ids=IDS)
def test_lab_serves_the_root_and_opens_the_start_lesson(plat: Any) -> None:
    cmd = start.lab_command(Path("v"), plat, port=8890)
    assert cmd[:3] == [str(start.venv_python(Path("v"), plat)), "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={ROOT}" in cmd
    assert "--LabApp.default_url=/lab/tree/notebooks/00-start.ipynb" in cmd
    assert "--ServerApp.port=8890" in cmd
    assert not any(a.endswith(".ipynb") and not a.startswith("--") for a in cmd), "no positional notebook"
    assert (ROOT / "notebooks" / "00-start.ipynb").is_file()


@pytest.mark.parametrize(("plat", "allow_root"), [
    (WINDOWS, False), (P("Windows", is_root=True), False), (MACOS, False), (P("Darwin", is_root=True), True),
    (LINUX_DESKTOP, False), (LINUX_ROOT_SERVER, True),
])  # fmt: skip
def test_allow_root_only_for_root_on_posix(plat: Any, allow_root: bool) -> None:
    assert ("--allow-root" in start.lab_command(Path("v"), plat)) is allow_root


def test_current_platform_reads_the_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(start.platform, "system", lambda: "Linux")
    monkeypatch.setattr(start.platform, "release", lambda: "5.15.167.4-microsoft-standard-WSL2")
    monkeypatch.setattr(start.os, "geteuid", lambda: 0, raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert start.Platform.current() == P("Linux", is_root=True, has_display=False, is_wsl=True)
    monkeypatch.setattr(start.platform, "system", lambda: "Windows")
    monkeypatch.delattr(start.os, "geteuid", raising=False)
    assert start.Platform.current() == P("Windows", is_root=False, has_display=True, is_wsl=False)
    monkeypatch.setattr(start.platform, "system", lambda: "Darwin")
    monkeypatch.setattr(start.platform, "release", lambda: "24.1.0")
    assert start.Platform.current().has_display


@pytest.mark.parametrize("plat", ALL, ids=IDS)
def test_install_command_uv_and_pip(plat: Any) -> None:
    venv, lock = Path("v"), ROOT / "requirements.txt"
    py = str(start.venv_python(venv, plat))
    uv_cmd = start.install_command(venv, plat, lock, Path("uv"))
    assert uv_cmd[:5] == ["uv", "pip", "install", "--python", py]
    assert ["-r", str(lock), "-e", str(ROOT)] == uv_cmd[-4:]
    pip_cmd = start.install_command(venv, plat, lock, None)
    assert pip_cmd[:4] == [py, "-m", "pip", "install"]
    assert "--quiet" not in pip_cmd and "-q" not in pip_cmd and "--quiet" not in uv_cmd  # progress shows
    assert start.install_command(venv, plat, lock, Path("uv"), offline=True)[-1] == "--offline"


@pytest.mark.parametrize("plat", ALL, ids=IDS)
def test_test_steps_per_os(plat: Any) -> None:
    steps = start.test_steps(Path("v"), plat)
    titles = [title for title, _ in steps]
    assert ("Chromium voor de browsertests" in titles) is (plat.system == "Linux")
    commands = [cmd for _, cmd in steps]
    ruff = next(cmd for cmd in commands if "check" in cmd)
    assert ruff[0] == str(start.venv_program(Path("v"), plat, "ruff"))
    py = str(start.venv_python(Path("v"), plat))
    pytest_runs = [cmd[3:] for cmd in commands if cmd[:3] == [py, "-m", "pytest"]]
    assert ["tests", "-m", "not browser", "-n", "2"] in pytest_runs
    assert ["tests", "-m", "browser"] in pytest_runs
    assert any("--nbval" in run and "notebooks" in run and "solutions" in run for run in pytest_runs)
    assert any("--nbval-lax" in run and "exercises" in run for run in pytest_runs)


def test_lint_paths_cover_every_python_file_at_the_top() -> None:
    top = {p.name for p in ROOT.glob("*.py")}
    assert top <= set(start.LINT_PATHS)


# --- the commands in README, Makefile and CI are the same ------------------------------------------------


def _recipe(target: str) -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    m = re.search(rf"^{target}:[^\n]*\n((?:\t[^\n]*\n)+)", text, re.M)
    assert m, f"no make target {target}"
    return [line.strip() for line in m.group(1).splitlines()]


def test_make_lab_and_make_test_are_the_launcher() -> None:
    assert _recipe("lab") == ["$(PYTHON) start.py lab --port=$(PORT)"]
    assert _recipe("test") == ["$(PYTHON) start.py test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert ci == ["make test"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("make lab", "make test", "py start.py", "py start.py test", "python3 start.py"):
        assert command in readme, command


# --- installing (the real steps, with the commands recorded) ---------------------------------------------


class Recorder:
    def __init__(self, venv: Path, plat: Any) -> None:
        self.calls: list[list[str]] = []
        self.venv, self.plat = venv, plat

    def __call__(self, cmd: list[str], *, check: bool = True) -> int:
        self.calls.append(cmd)
        if cmd[1:3] == ["-m", "venv"]:
            python = start.venv_python(self.venv, self.plat)
            python.parent.mkdir(parents=True)
            python.write_text("", encoding="utf-8")
        return 0


@pytest.mark.parametrize("plat", [WINDOWS, LINUX_DESKTOP], ids=["windows", "linux"])
def test_install_steps_and_skip_when_unchanged(plat: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(start.shutil, "which", lambda name: None)  # no uv on PATH
    venv = tmp_path / ".venv"
    launcher = start.Launcher(venv, plat)
    rec = Recorder(venv, plat)
    monkeypatch.setattr(launcher, "run", lambda cmd, check=True, heartbeat=False: rec(cmd, check=check))
    launcher.install("lab")
    py = str(start.venv_python(venv, plat))
    assert rec.calls[0][1:] == ["-m", "venv", str(venv)]
    assert rec.calls[1][:4] == [py, "-m", "pip", "install"] and rec.calls[1][-1] == "uv"
    assert rec.calls[2][:4] == [py, "-m", "pip", "install"], "uv did not appear: pip installs"
    assert "-r" in rec.calls[2]
    settings = json.loads(start.settings_target(venv).read_text(encoding="utf-8"))
    assert settings["@jupyterlab/translation-extension:plugin"]["locale"] == "nl_NL"
    out = capsys.readouterr().out
    assert "Stap 1 van 3" in out and "Stap 2 van 3" in out and "Stap 3 van 3" in out

    rec.calls.clear()
    launcher.install("lab")
    assert rec.calls == [], "nothing changed: nothing to install"
    assert "Alles is al geïnstalleerd" in capsys.readouterr().out


@pytest.mark.parametrize(("plat", "lib"), [(WINDOWS, "Lib"), (MACOS, "lib"), (LINUX_DESKTOP, "lib")])
def test_bytecode_step_per_os(plat: Any, lib: str) -> None:
    cmd = start.compile_command(Path("v"), plat)
    assert cmd[:3] == [str(start.venv_python(Path("v"), plat)), "-m", "compileall"]
    assert cmd[-1] == str(Path("v") / lib)


def test_a_silent_step_gets_a_heartbeat(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    monkeypatch.setattr(start, "HEARTBEAT_SECONDS", 0.2)
    launcher = start.Launcher(tmp_path, start.Platform.current())
    assert launcher.run([sys.executable, "-c", "import time; time.sleep(0.9)"], heartbeat=True) == 0
    assert capsys.readouterr().out.count("nog even geduld") >= 2
    with pytest.raises(start.LauncherFout, match="lukte niet"):
        launcher.run([sys.executable, "-c", "raise SystemExit(3)"])


def test_uv_install_then_bytecode_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(start.shutil, "which", lambda name: "/usr/bin/uv" if name == "uv" else None)
    venv = tmp_path / ".venv"
    launcher = start.Launcher(venv, LINUX_DESKTOP)
    rec = Recorder(venv, LINUX_DESKTOP)
    monkeypatch.setattr(launcher, "run", lambda cmd, check=True, heartbeat=False: rec(cmd, check=check))
    launcher.install("dev")
    assert [c[0] for c in rec.calls[1:]] == ["/usr/bin/uv", str(start.venv_python(venv, LINUX_DESKTOP))]
    assert "requirements-dev.txt" in rec.calls[1][rec.calls[1].index("-r") + 1]
    assert rec.calls[2][1:3] == ["-m", "compileall"]
    assert (venv / ".dev").is_file() and (venv / ".lab").is_file()


def test_fingerprint_follows_the_lock(tmp_path: Path) -> None:
    lock = tmp_path / "requirements.txt"
    lock.write_text("a==1\n", encoding="utf-8")
    first = start.fingerprint(lock)
    lock.write_text("a==2\n", encoding="utf-8")
    assert start.fingerprint(lock) != first


def test_settings_file_dutch_and_no_news() -> None:
    settings = json.loads(start.SETTINGS_FILE.read_text(encoding="utf-8"))
    assert settings["@jupyterlab/translation-extension:plugin"] == {"locale": "nl_NL"}
    assert settings["@jupyterlab/apputils-extension:notification"] == {"checkForUpdates": False,
                                                                       "fetchNews": "false"}


def test_this_environment_has_our_settings_where_jupyterlab_reads_them() -> None:
    """The venv the tests run in was made by the launcher: JupyterLab's own settings code sees Dutch."""
    from jupyterlab.commands import get_app_dir
    from jupyterlab_server.settings_utils import _get_overrides

    app_settings = Path(get_app_dir()) / "settings"
    assert start.settings_target(Path(sys.prefix)).parent.parent == app_settings
    overrides, error = _get_overrides(str(app_settings))
    assert not error
    hint = "this venv lacks the module's settings: run `python3 start.py install --dev`"
    assert "@jupyterlab/translation-extension:plugin" in overrides, hint
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "nl_NL"
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_dry_run_prints_and_changes_nothing(tmp_path: Path) -> None:
    venv = tmp_path / "nieuw"
    cmd = [sys.executable, str(ROOT / "start.py"), "test", "--dry-run", "--venv", str(venv)]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert not venv.exists()
    assert f"-m venv {venv}" in result.stdout
    assert "requirements-dev.txt" in result.stdout
    assert "-m pytest tests -m not browser -n 2" in result.stdout


def test_old_python_gets_a_dutch_message(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(start, "MIN_PYTHON", (sys.version_info[0], sys.version_info[1] + 1))
    assert start.main(["lab", "--dry-run"]) == 2
    assert "Je hebt Python" in capsys.readouterr().err


# --- the real thing on Linux -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server started in its own process group (SIGTERM, then SIGKILL)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="the real launcher run is checked on Linux (CI)")
def test_launcher_for_real_installs_and_serves_the_whole_module(tmp_path: Path) -> None:
    """`start.py install` makes a working venv (uv from its cache, no network), then `start.py lab` serves
    the repository root, opens the start lesson, speaks Dutch and has the news check off."""
    uv_dir = Path(sys.executable).parent
    if not (uv_dir / "uv").exists():
        pytest.skip("uv ontbreekt in deze omgeving; de echte installatie zonder netwerk kan alleen met uv")
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "VOORDEUR_DATA", "PYTHONPATH")}
    env["PATH"] = f"{uv_dir}{os.pathsep}{env.get('PATH', '')}"
    cmd = [sys.executable, str(ROOT / "start.py"), "install", "--venv", str(venv), "--offline"]
    install = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=240)
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-3000:]
    assert "Stap 2 van 3" in install.stdout
    assert (venv / ".lab").is_file()

    home = tmp_path / "home"
    for sub in ("config", "data", "runtime"):
        (home / sub).mkdir(parents=True)
    env.update(JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTERLAB_WORKSPACES_DIR=str(home / "ws"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "user-settings"), IPYTHONDIR=str(home / "ipython"))
    port, token = _free_port(), secrets.token_hex(8)
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "start.py"), "lab", "--venv", str(venv), "--no-browser",
         "--port", str(port), "--", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
         "--ServerApp.port_retries=0"],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (proc.stdout.read() if proc.stdout else b"").decode()[-3000:]
            with contextlib.suppress(OSError):
                if _get(f"{base}/api/status?token={token}")[0] == 200:
                    break
            assert time.monotonic() < deadline, "JupyterLab did not answer within 60 s"
            time.sleep(0.3)
        status, _, body = _get(f"{base}/api/contents?token={token}")
        assert status == 200
        names = {item["name"] for item in json.loads(body)["content"]}
        assert {"notebooks", "exercises", "data", "docs"} <= names, names
        status, headers, _ = _get(f"{base}/?token={token}")
        assert status in (301, 302)
        assert headers["Location"].split("?")[0].endswith("/lab/tree/notebooks/00-start.ipynb")
        status, _, body = _get(f"{base}/lab/api/translations?token={token}")
        assert status == 200 and "nl_NL" in json.loads(body)["data"], "Dutch language pack not installed"
        plugin = "@jupyterlab/translation-extension:plugin"
        status, _, body = _get(f"{base}/lab/api/settings/{plugin}?token={token}")
        assert json.loads(body)["schema"]["properties"]["locale"]["default"] == "nl_NL"
        plugin = "@jupyterlab/apputils-extension:notification"
        status, _, body = _get(f"{base}/lab/api/settings/{plugin}?token={token}")
        props = json.loads(body)["schema"]["properties"]
        assert props["fetchNews"]["default"] == "false" and props["checkForUpdates"]["default"] is False
    finally:
        _stop(proc)


def test_binder_postbuild_installs_the_same_settings_in_the_same_place() -> None:
    text = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps -e ." in text
    assert "cp jupyter-settings/overrides.json" in text
    assert "/".join(start.SETTINGS_TARGET[:-1]) in text and start.SETTINGS_TARGET[-1] in text


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="the real launcher run is checked on Linux (CI)")
def test_launcher_serves_the_beamer_page_in_dutch_without_mathjax(tmp_path: Path) -> None:
    """`start.py beamer` (what `make beamer` runs; Windows: `py start.py beamer`) prepares the template and
    serves the beamer page: Dutch, our template (the MathJax stand-in), no code in the page."""
    venv = Path(sys.prefix)
    if not (venv / start.STAMPS["lab"]).exists():
        pytest.skip("this environment was not made by start.py (no stamp): it would install first")
    env = {k: v for k, v in os.environ.items() if k not in ("VOORDEUR_DATA", "JUPYTER_PATH")}
    env.update(JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "start.py"), "beamer", "--venv", str(venv), "--no-browser", "--offline",
         "--port", str(port), "--", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, (proc.stdout.read() if proc.stdout else b"").decode()[-3000:]
            with contextlib.suppress(OSError):
                status, _, body = _get(f"http://127.0.0.1:{port}/")
                if status == 200:
                    break
            assert time.monotonic() < deadline, "Voila did not answer within 90 s"
            time.sleep(0.3)
        page = body.decode("utf-8")
        assert '<html lang="nl">' in page
        assert "voila/templates/voordeur/static/geen-formules.js" in page
        assert "Beamer: " in page and "BeamerKiezer" not in page  # the widget's text, not the code
    finally:
        _stop(proc)
