"""Drive a real JupyterLab in Debian's Chromium: shared by the browser tests and ``tools/bench_browser.py``.

Nothing here is a test. It knows how to

- start JupyterLab on 127.0.0.1 serving a *temporary copy* of ``notebooks/`` and ``data/`` (autosave can never
  touch the repository) with its own config, settings, workspaces and runtime folders, and stop it again;
- launch Chromium (``/usr/bin/chromium``, never a browser downloaded by Playwright);
- open a notebook, wait for an idle kernel, run all cells and wait until they are done;
- collect what went wrong (error outputs, tracebacks on stderr, widgets that failed to render);
- find and operate our quiz widgets through the DOM hooks of ``docs/dev/contracts.md`` section 3.
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
BROWSER_DIR = Path(__file__).resolve().parent
ARTIFACTS = REPO / "test-artifacts"
ON_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")  # CI may fetch npm packages (Font Awesome)
CHROMIUM = Path(os.environ.get("VOORDEUR_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"

# The module's own JupyterLab settings (Dutch interface, no news toast), as start.py and postBuild install
# them: the test server gets its own settings folder, so they are merged in here.
MODULE_SETTINGS_FILE = REPO / "jupyter-settings" / "overrides.json"
MODULE_SETTINGS: dict[str, Any] = (
    json.loads(MODULE_SETTINGS_FILE.read_text(encoding="utf-8")) if MODULE_SETTINGS_FILE.exists() else {}
)

# Settings for the test server: every cell laid out (JupyterLab 4 skips off-screen cells otherwise, and then
# widgets below the fold are not there to click), no autosave, no news or update checks (no network here).
LAB_OVERRIDES: dict[str, Any] = {
    **MODULE_SETTINGS,
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
}

UNUSED_SERVER_EXTENSIONS = ("jupyter_lsp", "voila.server_extension", "jupyter_server_terminals")

QUIZ_TYPES = ("enkel", "meer", "volgorde", "getal", "scenario")


# --- the server ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LabServer:
    """A running JupyterLab; ``root`` is the temp folder it serves (with ``notebooks/`` and ``data/``)."""

    base: str
    token: str
    root: Path
    home: Path
    proc: subprocess.Popen[bytes]
    log_path: Path

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def lab_url(self, notebook: str) -> str:
        """URL that opens ``notebook`` (relative to ``root``) in a fresh workspace."""
        return f"{self.base}lab/tree/{notebook}?reset&token={self.token}"

    def log_tail(self, n: int = 60) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-n:])

    def api(self, path: str, method: str = "GET") -> Any:
        req = urllib.request.Request(
            f"{self.base}api/{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Stop every kernel (keeps memory and CPU down between lessons)."""
        with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
            for kernel in self.api("kernels"):
                with contextlib.suppress(OSError, urllib.error.URLError):
                    self.api(f"kernels/{kernel['id']}", method="DELETE")

    def stop(self) -> None:
        """Stop the server and everything it started (kernels are in its process group)."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        # kernels that outlived the server (same process group)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)


def copy_course(dest: Path, notebooks: Path | None = None) -> Path:
    """Copy ``notebooks/`` and ``data/`` into ``dest`` (without checkpoints); return ``dest``."""
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    shutil.copytree(notebooks or REPO / "notebooks", dest / "notebooks", ignore=ignore, dirs_exist_ok=True)
    if (REPO / "data").is_dir():
        shutil.copytree(REPO / "data", dest / "data", ignore=ignore, dirs_exist_ok=True)
    return dest


def start_lab(home: Path, *, python: str = sys.executable, timeout: float = 90.0,
              overrides: dict[str, Any] | None = None, as_installed: bool = False) -> LabServer:
    """Start JupyterLab with everything it writes kept under ``home``; serve ``home/course``.

    ``home/course`` must already hold the files to serve (see :func:`copy_course`). ``overrides``:
    JupyterLab settings (default :data:`LAB_OVERRIDES`, which render every cell for the tests).
    ``as_installed``: no test settings folder and no news/update switches on the command line, so the
    environment's own settings decide, as after ``make lab`` / ``py start.py`` (``overrides`` is ignored).
    """
    root = home / "course"
    root.mkdir(parents=True, exist_ok=True)
    config, runtime = home / "config", home / "runtime"
    settings, workspaces, app_settings = home / "user-settings", home / "workspaces", home / "app-settings"
    for d in (config, runtime, settings, workspaces, app_settings, home / "data"):
        d.mkdir(parents=True, exist_ok=True)
    settings_json = json.dumps(LAB_OVERRIDES if overrides is None else overrides, indent=2)
    (app_settings / "overrides.json").write_text(settings_json, encoding="utf-8")
    # server extensions the tests do not need cost start-up time: switch them off in our own config dir
    server_config = {"ServerApp": {"jpserver_extensions": {name: False for name in UNUSED_SERVER_EXTENSIONS}}}
    (config / "jupyter_server_config.json").write_text(json.dumps(server_config, indent=2), encoding="utf-8")

    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTER_RUNTIME_DIR=str(runtime),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(workspaces),
        JUPYTER_PLATFORM_DIRS="1",
        IPYTHONDIR=str(home / "ipython"),
        MPLCONFIGDIR=str(home / "mpl"),
        VOORDEUR_DATA=str(root / "data"),
        PYTHONHASHSEED="0",
    )
    env.pop("VOORDEUR_KLASMODUS", None)
    cmd = [
        python, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.open_browser=False",
        "--LabApp.expose_app_in_browser=True",
    ]  # fmt: skip
    if not as_installed:
        cmd += [
            f"--LabApp.app_settings_dir={app_settings}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
    if hasattr(os, "getuid") and os.getuid() == 0:
        cmd.append("--allow-root")
    log_path = home / "jupyterlab.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    log.close()
    server = LabServer(f"http://127.0.0.1:{port}/", token, root, home, proc, log_path)
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab stopped at start-up ({proc.returncode}):\n{server.log_tail()}")
        try:
            server.api("status")
            return server
        except (OSError, urllib.error.URLError, ValueError):
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"JupyterLab not ready after {timeout:.0f} s:\n{server.log_tail()}")
        time.sleep(0.2)


@contextlib.contextmanager
def running_lab(notebooks: Path | None = None, extra: dict[str, str] | None = None,
                overrides: dict[str, Any] | None = None, as_installed: bool = False) -> Iterator[LabServer]:
    """Temp copy of the course + JupyterLab, removed again afterwards. ``extra``: more files to add;
    ``overrides``, ``as_installed``: JupyterLab settings (see :func:`start_lab`)."""
    with tempfile.TemporaryDirectory(prefix="voordeur-lab-") as tmp:
        home = Path(tmp)
        copy_course(home / "course", notebooks)
        for rel, text in (extra or {}).items():
            (home / "course" / rel).parent.mkdir(parents=True, exist_ok=True)
            (home / "course" / rel).write_text(text, encoding="utf-8")
        server = start_lab(home, overrides=overrides, as_installed=as_installed)
        try:
            yield server
        finally:
            server.stop()


# --- Voilà ------------------------------------------------------------------------------------------


@dataclass
class VoilaServer:
    url: str
    map: Path  # the folder the notebook runs in (saved files land here)
    log: Path


@contextlib.contextmanager
def running_voila(notebook: Path, *, template: bool = True,
                  extra: list[str] | None = None) -> Iterator[VoilaServer]:
    """Voilà on a temp copy of *notebook* (its saved files never land in the repository), in its own
    process group, stopped afterwards. ``template``: the quiz app's template ``voordeur`` (``lang="nl"``,
    no MathJax), as ``make quiz-app`` builds it: Font Awesome from the npm cache (fetched on CI), or
    from jsDelivr when that cache is missing."""
    voila = Path(sys.executable).parent / "voila"
    if not voila.exists():
        import pytest

        pytest.skip("voila is not installed in this environment")
    with tempfile.TemporaryDirectory(prefix="voordeur-voila-") as tmp_:
        tmp = Path(tmp_)
        (tmp / "app").mkdir()
        shutil.copy2(notebook, tmp / "app" / notebook.name)
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp / "config"),
               "JUPYTER_RUNTIME_DIR": str(tmp / "runtime")}
        env.pop("VOORDEUR_KLASMODUS", None)
        args = list(extra or [])
        if template:
            sys.path[:0] = [str(REPO / "tools"), str(REPO)]
            import build_voila

            import start

            build_voila.build_or_cdn_icons(tmp / "share", offline=not ON_CI)
            env["JUPYTER_PATH"] = str(tmp / "share")
            args += start.VOILA_PAGE_SETTINGS
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            poort = sock.getsockname()[1]
        log = tmp / "voila.log"
        with log.open("w") as uit:
            proc = subprocess.Popen(
                [str(voila), notebook.name, f"--port={poort}", "--no-browser", "--Voila.ip=127.0.0.1", *args],
                cwd=tmp / "app", env=env, stdout=uit, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
            url = f"http://127.0.0.1:{poort}/"
            try:
                eind = time.monotonic() + 120
                while True:
                    if proc.poll() is not None:
                        raise RuntimeError(f"Voilà stopte: {log.read_text(encoding='utf-8')[-2000:]}")
                    try:
                        urllib.request.urlopen(url + "api/status", timeout=5)
                        break
                    except urllib.error.HTTPError:
                        break
                    except (urllib.error.URLError, ConnectionError, TimeoutError):
                        if time.monotonic() > eind:
                            raise RuntimeError("Voilà startte niet binnen 120 s") from None
                        time.sleep(0.5)
                yield VoilaServer(url, tmp / "app", log)
            finally:
                for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
                    if proc.poll() is not None:
                        break
                    try:
                        os.killpg(proc.pid, sig)
                        proc.wait(timeout=8)
                    except (ProcessLookupError, subprocess.TimeoutExpired):
                        continue


# --- the browser ------------------------------------------------------------------------------------


def chromium_problem() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"Chromium ontbreekt ({CHROMIUM}); installeer met: apt-get install -y chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright voor Python ontbreekt; installeer requirements-dev.txt"
    return None


def launch_browser(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


def new_page(browser: Any, width: int = 1280, height: int = 900) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


# --- a notebook in JupyterLab -------------------------------------------------------------------------

_JS_PANEL = """
(path) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path && w.content && w.sessionContext) return w;
  }
  return null;
}
"""

JS_KERNEL_IDLE = f"""
(path) => {{
  const panel = ({_JS_PANEL})(path);
  if (!panel) return false;
  const s = panel.sessionContext.session;
  return !!(s && s.kernel && s.kernel.status === 'idle' && panel.content.widgets.length > 0);
}}
"""

JS_RUN_ALL = f"""
async (path) => {{
  const panel = ({_JS_PANEL})(path);
  window.jupyterapp.shell.activateById(panel.id);
  await window.jupyterapp.commands.execute('notebook:run-all-cells');
  return true;
}}
"""

# Done = kernel idle and no code cell waiting or running ('*'), with the app's own run-all promise resolved.
JS_RUN_DONE = f"""
(path) => {{
  const panel = ({_JS_PANEL})(path);
  if (!panel) return false;
  const s = panel.sessionContext.session;
  if (!s || !s.kernel || s.kernel.status !== 'idle') return false;
  for (const cell of panel.content.widgets) {{
    if (cell.model.type === 'code' && cell.node.querySelector('.jp-InputPrompt')
        && /\\[\\*\\]/.test(cell.node.querySelector('.jp-InputPrompt').textContent)) return false;
  }}
  return true;
}}
"""

JS_PROBLEMS = f"""
(path) => {{
  const panel = ({_JS_PANEL})(path);
  const problems = [];
  const BAD = /Traceback|Error\\b|Exception\\b/;
  const cells = panel.content.widgets;
  cells.forEach((cell, i) => {{
    if (cell.model.type !== 'code') return;
    const src = cell.model.sharedModel.getSource();
    if (src.trim() && cell.model.executionCount === null) {{
      problems.push({{cell: i, kind: 'not-run', text: src.split('\\n')[0].slice(0, 120)}});
    }}
    const outputs = cell.model.outputs;
    for (let j = 0; j < outputs.length; j++) {{
      const o = outputs.get(j).toJSON();
      if (o.output_type === 'error') {{
        problems.push({{cell: i, kind: 'error', text: o.ename + ': ' + o.evalue}});
      }} else if (o.output_type === 'stream' && o.name === 'stderr') {{
        const t = Array.isArray(o.text) ? o.text.join('') : o.text;
        if (BAD.test(t)) problems.push({{cell: i, kind: 'stderr', text: t.slice(0, 400)}});
      }}
    }}
    for (const el of cell.node.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) {{
      const t = el.textContent || '';
      if (BAD.test(t)) problems.push({{cell: i, kind: 'dom-stderr', text: t.slice(0, 400)}});
    }}
    for (const el of cell.node.querySelectorAll('.jp-OutputArea-output')) {{
      const t = el.textContent || '';
      if (/Error displaying widget|Error rendering output|model not found/i.test(t)) {{
        problems.push({{cell: i, kind: 'widget', text: t.slice(0, 400)}});
      }}
    }}
  }});
  return problems;
}}
"""


@dataclass
class Problem:
    cell: int
    kind: str
    text: str

    def __str__(self) -> str:
        return f"cel {self.cell} [{self.kind}]: {self.text.strip()}"


@dataclass
class RunResult:
    notebook: str
    seconds_open: float = 0.0
    seconds_run: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def open_notebook(page: Any, server: LabServer, notebook: str, timeout: float = 90.0) -> float:
    """Open ``notebook`` in a fresh page load (``lab/tree/<nb>?reset``) and wait for an idle kernel.

    Returns the seconds it took. (The tests mostly use :class:`LabPage`, which keeps one app loaded.)
    """
    t0 = time.perf_counter()
    page.goto(server.lab_url(notebook), wait_until="domcontentloaded")
    page.wait_for_function(JS_KERNEL_IDLE, arg=notebook, timeout=timeout * 1000, polling=100)
    return time.perf_counter() - t0


def run_all(page: Any, notebook: str, timeout: float = 180.0) -> float:
    """Run all cells (the app's own command) and wait until the kernel is idle again; return seconds."""
    t0 = time.perf_counter()
    page.evaluate(JS_RUN_ALL, notebook)
    page.wait_for_function(JS_RUN_DONE, arg=notebook, timeout=timeout * 1000, polling=100)
    return time.perf_counter() - t0


def problems(page: Any, notebook: str) -> list[Problem]:
    return [Problem(**p) for p in page.evaluate(JS_PROBLEMS, notebook)]


JS_OPEN = """async (path) => {
  const app = window.jupyterapp;
  const w = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  app.shell.activateById(w.id);
  return w.id;
}"""

JS_CLOSE = """async (path) => {
  const app = window.jupyterapp;
  for (const w of Array.from(app.shell.widgets('main'))) {
    if (w.context && w.context.path === path) {
      try { await w.sessionContext.shutdown(); } catch (e) { /* kernel already gone */ }
      w.context.model.dirty = false;
      w.dispose();
    }
  }
}"""


@dataclass
class Notebook:
    """A notebook open in a :class:`LabPage`: ``root`` is its panel, so locators never see other tabs."""

    page: Any
    path: str  # relative to the server root, e.g. "notebooks/03-signaleren.ipynb"
    file: Path  # the file in the server's temp copy
    panel_id: str
    result: RunResult

    @property
    def root(self) -> Any:
        return self.page.locator(f"[id='{self.panel_id}']")

    def activate(self) -> Notebook:
        self.page.evaluate("(id) => window.jupyterapp.shell.activateById(id)", self.panel_id)
        return self

    def problems(self) -> list[Problem]:
        return problems(self.page, self.path)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.page.evaluate(JS_CLOSE, self.path)


class LabPage:
    """One browser page with JupyterLab loaded once; notebooks are opened in it as tabs.

    Loading the app once saves seconds per notebook; each notebook still gets its own fresh kernel,
    which is shut down again by :meth:`Notebook.close`.
    """

    def __init__(self, browser: Any, server: LabServer) -> None:
        self.server = server
        self.page = new_page(browser)
        self.page_errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        self.page.goto(f"{server.base}lab?reset&token={server.token}", wait_until="domcontentloaded")
        self.page.wait_for_function("() => !!(window.jupyterapp && window.jupyterapp.shell)", polling=100)
        self.page.evaluate(
            "async () => { await window.jupyterapp.restored; window.jupyterapp.shell.collapseLeft(); }"
        )

    def open(self, path: str, run: bool = True, timeout: float = 120.0) -> Notebook:
        """Open ``path``, wait for an idle kernel and (``run``) run all cells; see ``result`` for errors."""
        result = RunResult(path)
        n_errors = len(self.page_errors)
        t0 = time.perf_counter()
        panel_id = self.page.evaluate(JS_OPEN, path)
        self.page.wait_for_function(JS_KERNEL_IDLE, arg=path, timeout=timeout * 1000, polling=100)
        result.seconds_open = time.perf_counter() - t0
        nb = Notebook(self.page, path, self.server.root / path, panel_id, result)
        if run:
            result.seconds_run = run_all(self.page, path, timeout)
            result.problems = nb.problems()
            result.page_errors = self.page_errors[n_errors:]
        return nb

    def close(self) -> None:
        self.page.context.close()


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    return path


# --- what the notebook source promises ---------------------------------------------------------------


def _bank_path(bank: str, data_dir: Path, notebook_dir: Path) -> Path:
    """Where ``quiz.toon(bank)`` finds its bank (as ``voordeur.quiz.bank.zoek_bank`` does)."""
    p = Path(bank)
    if "/" in bank or "\\" in bank:
        return p if p.is_absolute() else notebook_dir / p
    if p.suffix in (".yaml", ".yml"):
        return data_dir / "quizzes" / p.name
    return data_dir / "quizzes" / f"{bank}.yaml"


def _literal(node: ast.AST | None) -> Any:
    if node is None:
        return None
    try:
        return ast.literal_eval(node)
    except ValueError:
        return ...


@dataclass
class QuizCall:
    """One ``quiz.toon(...)`` call found in a notebook's source."""

    cell: int
    bank: str | None
    ids: list[str] | None  # the question ids it shows, or None when the source does not say

    @property
    def count(self) -> int | None:
        return None if self.ids is None else len(self.ids)


def expected_questions(notebook: Path, data_dir: Path = REPO / "data") -> list[QuizCall]:
    """Every ``quiz.toon(...)`` call in the notebook's code cells, with the question ids it will show.

    ``ids`` is None when it cannot be read from the source (a computed bank name or id list).
    """
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    calls: list[QuizCall] = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        src = "\n".join(line for line in src.splitlines() if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                "BeamerKiezer", "Beamer"
            ):
                calls.append(QuizCall(i, None, None))  # beamer mode: one question at a time, any bank
                continue
            naam = node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else ""
            if naam == "QuizKiezer":
                from voordeur.quiz.bank import keuzelijst  # the quiz app: the first quiz in its list, whole

                bank = keuzelijst()[0][1]
                path = _bank_path(bank, data_dir, notebook.parent)
                calls.append(QuizCall(i, bank, [str(q["id"]) for q in bank_questions(path)]))
                continue
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr != "toon" or not (
                isinstance(node.func.value, ast.Name) and node.func.value.id == "quiz"
            ):
                continue
            args = {kw.arg: kw.value for kw in node.keywords if kw.arg}
            bank = _literal(node.args[0] if node.args else args.get("bank"))
            ids = _literal(node.args[1] if len(node.args) > 1 else args.get("ids"))
            if not isinstance(bank, str):
                calls.append(QuizCall(i, None, None))
            elif isinstance(ids, str):
                calls.append(QuizCall(i, bank, [ids]))
            elif isinstance(ids, list | tuple) and all(isinstance(x, str) for x in ids):
                calls.append(QuizCall(i, bank, list(ids)))
            elif ids is None:
                path = _bank_path(bank, data_dir, notebook.parent)
                known = [str(q["id"]) for q in bank_questions(path)] if path.exists() else None
                calls.append(QuizCall(i, bank, known))
            else:
                calls.append(QuizCall(i, bank, None))
    return calls


def check_rendered(root: Any, result: RunResult, calls: list[QuizCall]) -> list[str]:
    """What is wrong with a notebook that was run in the browser: errors and missing quizzes.

    Used by the lesson tests and (on purpose-broken notebooks) by the checker tests.
    """
    fouten = [str(p) for p in result.problems]
    n_vragen = root.locator(".vd-vraag").count()
    known = [c for c in calls if c.ids is not None]
    minimum = sum(len(c.ids or []) for c in known) + (len(calls) - len(known))
    if len(known) == len(calls) and n_vragen != minimum:
        fouten.append(f"{n_vragen} vragen (.vd-vraag) zichtbaar, verwacht {minimum} uit de broncode")
    elif n_vragen < minimum:
        fouten.append(f"{n_vragen} vragen (.vd-vraag) zichtbaar, verwacht minstens {minimum}")
    for call in known:
        for qid in call.ids or []:
            hook = root.locator(f".vd-vraag-{qid}")
            if hook.count() == 0:
                fouten.append(f"cel {call.cell}: vraag {qid!r} uit bank {call.bank!r} niet getoond")
                continue
            hook.first.scroll_into_view_if_needed()
            box = hook.first.bounding_box()
            if not box or box["height"] < 5:
                fouten.append(f"cel {call.cell}: vraag {qid!r} heeft geen zichtbare hoogte")
    fouten += [f"afbeelding zonder echte alt-tekst: {img}" for img in images_without_alt(root)]
    fouten += [f"vraag {qid!r}: de keuzes (keuzegroep) zijn niet getoond" for qid in keuzes_missing(root)]
    return fouten


# An enkel question always shows its options; a scenario shows them until its outcome. A question of
# either type without a radio button means the radio group's front end (an anywidget) did not render.
JS_KEUZES_MISSING = """(root) => {
  const missing = [];
  for (const q of root.querySelectorAll('.vd-vraag.vd-type-enkel, .vd-vraag.vd-type-scenario')) {
    if (q.querySelector('input[type="radio"]')) continue;
    if (q.classList.contains('vd-type-scenario') && q.querySelector('.vd-fb')) continue;  // finished
    const id = [...q.classList].find(c => c.startsWith('vd-vraag-'));
    missing.push(id ? id.slice('vd-vraag-'.length) : '?');
  }
  return missing;
}"""


def keuzes_missing(root: Any, wait_ms: int = 5_000) -> list[str]:
    """Ids of enkel/scenario questions that show no radio buttons (after up to ``wait_ms``)."""
    deadline = time.monotonic() + wait_ms / 1000
    while True:
        missing: list[str] = root.evaluate(JS_KEUZES_MISSING)
        if not missing or time.monotonic() > deadline:
            return missing
        time.sleep(0.2)


# JupyterLab's HTML renderer gives an <img> without alt the placeholder alt="Image", which hides a missing
# alt text from axe-core. Our charts always carry a real alt text, so treat the placeholder as missing.
JS_IMAGES_WITHOUT_ALT = """(root) => {
  const imgs = root.querySelectorAll('.jp-OutputArea-output img, .jp-MarkdownOutput img');
  const placeholder = (alt) => ['image', 'afbeelding'].includes(alt.trim().toLowerCase());
  return Array.from(imgs)
    .filter(img => img.getAttribute('role') !== 'presentation')
    .filter(img => !img.hasAttribute('alt') || placeholder(img.getAttribute('alt')))
    .map(img => img.outerHTML.replace(/src="data:[^"]{40,}"/, 'src="data:..."').slice(0, 160));
}"""


def images_without_alt(root: Any) -> list[str]:
    """Images in outputs and markdown with no alt text, or only JupyterLab's placeholder alt="Image"."""
    return list(root.evaluate(JS_IMAGES_WITHOUT_ALT))


def bank_questions(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")).get("vragen", []))


def quiz_notebook(bank: str, ids: list[str] | None = None, klasmodus: bool = False, before: str = "") -> str:
    """A small notebook (JSON text) that shows a quiz, for tests that need one outside the lessons.

    ``before``: code for a cell that runs first (the checker tests use it to break things on purpose).
    """
    args = [repr(bank)]
    if ids is not None:
        args.append(f"ids={ids!r}")
    if klasmodus:
        args.append("klasmodus=True")
    args.append("schud=False")
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [f"# Testquiz ({bank})"]},
        *([code_cell(before)] if before else []),
        {
            "cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
            "source": ["from voordeur import quiz\n", f"quiz.toon({', '.join(args)})"],
        },
    ]  # fmt: skip
    return notebook_json(cells)


def notebook_json(cells: list[dict[str, Any]]) -> str:
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(nb, indent=1)


def code_cell(source: str) -> dict[str, Any]:
    return {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": [source]}


def lesson_notebooks() -> list[str]:
    """The notebooks in ``notebooks/`` (file names), sorted."""
    return sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))


# --- test notebooks and groups of tests on one notebook --------------------------------------------------

VOORBEELD = REPO / "data" / "quizzes" / "voorbeeld.yaml"

# Notebooks the tests add to the temp copy (never to the repository).
TEST_NOTEBOOKS: dict[str, str] = {
    "notebooks/_test_kapot_1-0.ipynb": notebook_json(
        [code_cell("x = 1"), code_cell("1 / 0"), code_cell("y = 2")]
    ),
    "notebooks/_test_kapot_stderr.ipynb": notebook_json(
        [
            code_cell(
                "import sys\n"
                "print('Traceback (most recent call last):\\n  ValueError: stuk', file=sys.stderr)"
            )
        ]
    ),
    # an image without alt text, once as HTML output and once inside a widget: axe must see both
    "notebooks/_test_kapot_axe.ipynb": notebook_json(
        [
            code_cell(
                "from IPython.display import HTML, display\n"
                "import ipywidgets as w\n"
                "PLAATJE = '<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" width=20 height=20>'\n"
                "display(HTML('<div class=\"kapot-html\">' + PLAATJE + '</div>'))\n"
                "box = w.VBox([w.HTML(PLAATJE)])\n"
                "box.add_class('kapot-widget')\n"
                "box"
            )
        ]
    ),
}


# The example of the exercise kinds without code (built from lessen/voorbeelden/oefenvormen.md), copied
# into notebooks/ of the temp course so it runs like a lesson.
OEFENVORMEN = REPO / "docs" / "voorbeelden" / "oefenvormen.ipynb"
if OEFENVORMEN.exists():
    TEST_NOTEBOOKS["notebooks/_test_oefenvormen.ipynb"] = OEFENVORMEN.read_text(encoding="utf-8")

# The no-code exercises of the lessons (exercises/*-zonder-code.ipynb, issue 17), copied the same way.
ZONDER_CODE = sorted((REPO / "exercises").glob("*-zonder-code.ipynb"))
for _pad in ZONDER_CODE:
    TEST_NOTEBOOKS[f"notebooks/_test_{_pad.name}"] = _pad.read_text(encoding="utf-8")


def exercises_with_forms() -> list[Path]:
    """Exercises in ``exercises/`` with a no-code task (an ``oefen(...)`` cell), sorted."""
    paden = sorted((REPO / "exercises").glob("*.ipynb"))
    return [p for p in paden if "oefen(" in p.read_text(encoding="utf-8")]


# served next to the lessons (the temp course has notebooks/ and data/ only)
for _oefening in exercises_with_forms():
    TEST_NOTEBOOKS[f"notebooks/_test_{_oefening.name}"] = _oefening.read_text(encoding="utf-8")


def voorbeeld_vragen() -> dict[str, dict[str, Any]]:
    """The first question of each type in data/quizzes/voorbeeld.yaml (type -> bank entry)."""
    if not VOORBEELD.exists():
        return {}
    out: dict[str, dict[str, Any]] = {}
    for vraag in bank_questions(VOORBEELD):
        out.setdefault(vraag["type"], vraag)
    return out


def quiz_notebooks() -> dict[str, str]:
    """Small notebooks with a quiz from data/quizzes/voorbeeld.yaml: normal, class mode, and broken ones."""
    vragen = voorbeeld_vragen()
    if not vragen:
        return {}
    enkel = vragen["enkel"]["id"] if "enkel" in vragen else next(iter(vragen.values()))["id"]
    toetsenbord = [vragen[t]["id"] for t in ("enkel", "meer") if t in vragen]
    toetsenbord2 = [vragen[t]["id"] for t in ("getal", "volgorde", "scenario") if t in vragen]
    kapot_model = (
        "from voordeur.quiz import model\n"
        "def kapot(*args, **kwargs):\n"
        "    raise RuntimeError('met opzet kapot voor de test')\n"
        "model.controleer_enkel = kapot\n"
        "model.beoordeel = kapot"
    )
    kapot_haken = "import ipywidgets\nipywidgets.DOMWidget.add_class = lambda self, name: self"
    # a busy kernel (a school laptop): every choice takes 0.3 s to handle, so quick arrow keys pile up
    traag = (
        "import time\n"
        "from voordeur.quiz.keuze import Keuzegroep\n"
        "_init = Keuzegroep.__init__\n"
        "def _traag_init(self, *args, **kwargs):\n"
        "    _init(self, *args, **kwargs)\n"
        "    self.observe(lambda change: time.sleep(0.3), names='index')\n"
        "Keuzegroep.__init__ = _traag_init"
    )
    kapot_keuze = (
        "from voordeur.quiz.keuze import Keuzegroep\n"
        "Keuzegroep._esm = 'export default { render() { throw new Error(\"met opzet kapot\"); } };'"
    )
    return {
        "notebooks/_test_quiz.ipynb": quiz_notebook("voorbeeld"),
        "notebooks/_test_quiz_klas.ipynb": quiz_notebook("voorbeeld", klasmodus=True),
        "notebooks/_test_quiz_toetsenbord.ipynb": quiz_notebook("voorbeeld", ids=toetsenbord),
        "notebooks/_test_quiz_toetsenbord2.ipynb": quiz_notebook("voorbeeld", ids=toetsenbord2),
        "notebooks/_test_quiz_snel.ipynb": quiz_notebook("voorbeeld", ids=[enkel], before=traag),
        "notebooks/_test_kapot_quiz_klik.ipynb": quiz_notebook("voorbeeld", ids=[enkel], before=kapot_model),
        "notebooks/_test_kapot_quiz_haken.ipynb": quiz_notebook("voorbeeld", before=kapot_haken),
        "notebooks/_test_kapot_keuzegroep.ipynb": quiz_notebook("voorbeeld", ids=[enkel], before=kapot_keuze),
    }


@contextmanager
def opened(lab_page: LabPage, path: str, run: bool = True) -> Iterator[Notebook]:
    """Open (and run) a notebook for a group of tests; close it and stop its kernel afterwards."""
    nb = lab_page.open(path, run=run)
    try:
        yield nb
    finally:
        nb.close()


# --- axe-core -----------------------------------------------------------------------------------------


def ensure_axe() -> Path:
    """``tests/browser/node_modules/axe-core`` from the lock file (``npm ci``) when it is missing."""
    if AXE_JS.exists():
        return AXE_JS
    npm = shutil.which("npm")
    if npm is None:
        raise FileNotFoundError("npm ontbreekt: nodig om axe-core te installeren (apt-get install -y npm)")
    subprocess.run(
        [npm, "ci", "--prefix", str(BROWSER_DIR), "--no-audit", "--no-fund", "--loglevel=error"],
        check=True, cwd=BROWSER_DIR, stdin=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip
    if not AXE_JS.exists():
        raise FileNotFoundError(f"npm ci gaf geen {AXE_JS}")
    return AXE_JS


def run_axe(page: Any, context: Any = None, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Inject axe-core (once per page) and run it; ``context`` as axe takes it (None = whole page)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(ensure_axe()))
    opts = options or {"resultTypes": ["violations"]}
    return page.evaluate(
        "async ([ctx, opts]) => { const r = await window.axe.run(ctx === null ? document : ctx, opts);"
        " return {violations: r.violations, incomplete: r.incomplete}; }",
        [context, opts],
    )


def summarize_violations(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for v in violations:
        nodes = v.get("nodes", [])
        out.append(
            {
                "id": v["id"],
                "impact": v.get("impact"),
                "help": v.get("help"),
                "helpUrl": v.get("helpUrl"),
                "nodes": len(nodes),
                "targets": [n.get("target") for n in nodes][:8],
                "html": [n.get("html", "")[:200] for n in nodes][:3],
                "summary": (nodes or [{}])[0].get("failureSummary", ""),
            }
        )
    return out


SERIOUS = ("serious", "critical")


def describe_violations(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"  [{v['impact']}] {v['id']}: {v['help']} ({v['nodes']}x, bv. {v['targets'][:2]})\n"
        f"      {v['summary']}"
        for v in violations
    )


def our_content(nb: Notebook) -> list[list[str]]:
    """axe include list: the notebook's rendered outputs and markdown, nothing of JupyterLab's chrome."""
    panel = f"[id='{nb.panel_id}']"
    return [[f"{panel} .jp-OutputArea-output"], [f"{panel} .jp-MarkdownOutput"]]


def axe_ours(nb: Notebook) -> list[dict[str, Any]]:
    """axe violations in our own content of ``nb`` (summarised)."""
    nb.activate()
    result = run_axe(nb.page, {"include": our_content(nb)})
    return summarize_violations(result["violations"])


def axe_jupyterlab(nb: Notebook) -> list[dict[str, Any]]:
    """axe violations on the whole page *except* our content: what JupyterLab itself brings."""
    nb.activate()
    result = run_axe(nb.page, {"exclude": our_content(nb)})
    return summarize_violations(result["violations"])


def slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name)


# --- our quiz widgets (DOM hooks: docs/dev/contracts.md section 3) -------------------------------------


class QuizFoutInBrowser(AssertionError):
    """A quiz did not do what it should in the browser (no feedback, a button missing, ...)."""


@dataclass
class Feedback:
    status: str  # goed | deels | fout | leeg | onleesbaar | storing | info | "" (nothing shown)
    text: str

    def __str__(self) -> str:
        return f"[{self.status}] {self.text}"


def question(root: Any, qid: str) -> Any:
    """The container of question ``qid`` (``.vd-vraag-<id>``) in ``root``, scrolled into view."""
    q = root.locator(f".vd-vraag.vd-vraag-{qid}").first
    if q.count() == 0:
        raise QuizFoutInBrowser(f"vraag {qid!r} staat niet op de pagina (.vd-vraag-{qid})")
    q.scroll_into_view_if_needed()
    return q


def button(q: Any, name: str) -> Any:
    return q.get_by_role("button", name=name, exact=True)


def click(q: Any, name: str, timeout: float = 10.0) -> None:
    """Click a visible button of the question by its text (after scrolling it into view)."""
    b = button(q, name)
    try:
        b.wait_for(state="visible", timeout=timeout * 1000)
    except Exception as exc:
        raise QuizFoutInBrowser(f"knop {name!r} niet zichtbaar") from exc
    b.scroll_into_view_if_needed()
    b.click()


def read_feedback(q: Any) -> Feedback:
    fb = q.locator(".vd-feedback").first
    if fb.count() == 0:
        raise QuizFoutInBrowser("geen .vd-feedback in de vraag")
    blocks = fb.locator(".vd-fb")
    if blocks.count() == 0:
        return Feedback("", fb.inner_text().strip())
    classes = (blocks.first.get_attribute("class") or "").split()
    status = next((c.removeprefix("vd-fb-") for c in classes if c.startswith("vd-fb-")), "")
    return Feedback(status, fb.inner_text().strip())


def wait_feedback(q: Any, timeout: float = 10.0, previous: str | None = None) -> Feedback:
    """Wait until the question shows feedback (different from ``previous``) and return it."""
    deadline = time.monotonic() + timeout
    while True:
        fb = read_feedback(q)
        shown = fb.status and fb.text and fb.text != previous
        if shown and q.locator(".vd-feedback .vd-fb").first.is_visible():
            return fb
        if time.monotonic() > deadline:
            raise QuizFoutInBrowser(f"geen feedback zichtbaar binnen {timeout:.0f} s (nu: {fb})")
        time.sleep(0.03)


def check(q: Any) -> Feedback:
    """Click "Controleer" and return the feedback that appears."""
    before = read_feedback(q).text
    click(q, "Controleer")
    return wait_feedback(q, previous=before or None)


def retry(q: Any, timeout: float = 10.0) -> None:
    """Click "Probeer opnieuw" and wait until the question is open again."""
    click(q, "Probeer opnieuw")
    deadline = time.monotonic() + timeout
    while q.locator(".vd-feedback .vd-fb").count() or not (
        button(q, "Controleer").is_visible() or button(q, "Toon antwoord").is_visible()
    ):
        if time.monotonic() > deadline:
            raise QuizFoutInBrowser("na 'Probeer opnieuw' is de vraag niet weer open")
        time.sleep(0.03)


def _wait_enabled(loc: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not loc.is_enabled():
        if time.monotonic() > deadline:
            raise QuizFoutInBrowser("invoer blijft uitgeschakeld")
        time.sleep(0.03)


def choose(q: Any, text: str) -> None:
    """Pick a radio button (enkel, scenario) by its label."""
    radio = q.get_by_role("radio", name=text.strip(), exact=True)
    if radio.count() == 0:
        raise QuizFoutInBrowser(f"keuze {text!r} niet gevonden")
    _wait_enabled(radio)
    radio.check()


def tick(q: Any, texts: list[str]) -> None:
    """Tick exactly these checkboxes (meer) by their labels."""
    for box in q.get_by_role("checkbox").all():
        _wait_enabled(box)
    for t in texts:
        box = q.get_by_role("checkbox", name=t.strip(), exact=True)
        if box.count() == 0:
            raise QuizFoutInBrowser(f"vakje {t!r} niet gevonden")
        box.check()


def type_number(q: Any, value: str) -> None:
    """Type ``value`` into the answer field as a student does (real key presses, then leave the field:
    the widget sends its value when the field loses focus)."""
    field_ = q.locator("input[type=text]").first
    _wait_enabled(field_)
    field_.fill("")
    field_.press_sequentially(value)
    field_.press("Tab")


def order_rows(q: Any) -> list[str]:
    """The items of an ordering question as shown now (without the "1. " numbers)."""
    labels = q.locator(".vd-volgorde-rij .widget-label").all_inner_texts()
    return [re.sub(r"^\d+\.\s*", "", t).strip() for t in labels]


def put_in_order(q: Any, items: list[str], timeout: float = 10.0) -> None:
    """Sort an ordering question into ``items`` with its "↑ Hoger" buttons (like a student would)."""
    rows = q.locator(".vd-volgorde-rij")
    now = order_rows(q)
    if sorted(now) != sorted(items):
        raise QuizFoutInBrowser(f"de volgordevraag toont {now}, verwacht de items {items}")
    for target, item in enumerate(items):
        pos = now.index(item)
        while pos > target:
            up = rows.nth(pos).get_by_role("button", name="↑ Hoger")
            _wait_enabled(up)
            up.click()
            now[pos - 1], now[pos] = now[pos], now[pos - 1]
            # the labels update one message at a time: wait for the whole new order
            deadline = time.monotonic() + timeout
            while order_rows(q) != now:
                if time.monotonic() > deadline:
                    raise QuizFoutInBrowser(f"'↑ Hoger' gaf {order_rows(q)}, verwacht {now}")
                time.sleep(0.02)
            pos -= 1


def _getal(x: float) -> str:
    tekst = f"{x:.10g}"
    return tekst.replace(".", ",")


def give_answer(q: Any, vraag: dict[str, Any], goed: bool) -> None:
    """Fill in a right (or a wrong) answer to a non-scenario question from its bank entry."""
    soort = vraag["type"]
    if soort == "enkel":
        opties = vraag["opties"]
        keuze = next(o for o in opties if bool(o.get("goed")) == goed)
        choose(q, keuze["tekst"])
    elif soort == "meer":
        opties = vraag["opties"]
        juist = [o["tekst"] for o in opties if o.get("goed")]
        onjuist = [o["tekst"] for o in opties if not o.get("goed")]
        tick(q, juist if goed else [juist[0], *onjuist[:1]])
    elif soort == "volgorde":
        items = [str(x) for x in vraag["items"]]
        if goed:
            put_in_order(q, items)
        elif order_rows(q) == items:  # shown in the right order already: swap the first two
            put_in_order(q, [items[1], items[0], *items[2:]])
    elif soort == "getal":
        antwoord, marge = float(vraag["antwoord"]), float(vraag.get("marge", 0) or 0)
        type_number(q, _getal(antwoord if goed else antwoord + marge + max(1.0, abs(antwoord) * 0.5)))
    else:
        raise ValueError(f"give_answer: type {soort!r}; use play_scenario")


def play_scenario(q: Any, vraag: dict[str, Any], goed: bool) -> list[Feedback]:
    """Walk a scenario: the best choice at every point (``goed``) or a wrong first choice.

    Returns the feedback after every choice; the last one is the outcome.
    """
    punten = {p["id"]: p for p in vraag["punten"]}
    punt = punten[vraag["start"]]
    seen: list[Feedback] = []
    for _ in range(len(punten) + 1):
        optie = next(o for o in punt["opties"] if bool(o.get("goed")) == goed)
        choose(q, optie["tekst"])
        seen.append(check(q))
        before = seen[-1].text
        click(q, "Verder")
        seen.append(wait_feedback(q, previous=before) if "uitkomst" in optie else Feedback("", ""))
        if "uitkomst" in optie:
            return [f for f in seen if f.status]
        punt = punten[optie["naar"]]
        # the next point is shown when the feedback of the last choice is gone
        deadline = time.monotonic() + 10
        while q.locator(".vd-feedback .vd-fb").count():
            if time.monotonic() > deadline:
                raise QuizFoutInBrowser("na 'Verder' kwam het volgende punt niet")
            time.sleep(0.03)
        goed = True  # after one wrong turn at the start, play it right (reaches an outcome)
    raise QuizFoutInBrowser("scenario kwam niet bij een uitkomst")
