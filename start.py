#!/usr/bin/env python3
"""Launcher for 'Veiligheid achter de voordeur': one script for every operating system.

    python3 start.py          (Linux, macOS)      py start.py          (Windows, PowerShell)
    python3 start.py test                          py start.py test

Standard library only, so it runs before anything is installed. It

1. creates the environment ``.venv`` (``python -m venv``);
2. installs the pinned lock (``requirements.txt``; ``requirements-dev.txt`` for ``test``) and the helper
   package (editable) with uv when it can (uv on PATH, or uv installed into the venv with pip, like the
   Makefile did), with plain pip otherwise; the installer's own progress is shown, never hidden;
3. puts our JupyterLab settings (Dutch interface, no news toast: ``jupyter-settings/overrides.json``)
   into the environment (``<venv>/share/jupyter/lab/settings/overrides.d/voordeur.json``);
4. ``lab`` (the default): starts JupyterLab on the repository root, opened on the start lesson;
   ``quizzen`` / ``beamer``: the quiz app or the beamer page in Voilà, without code (what ``make quiz-app``
   and ``make beamer`` run, so a Windows laptop without make has them too);
   ``test``: runs the test suite (the same steps CI runs: ``.ci/run`` -> ``make test`` -> this);
   ``install``: only steps 1-3.

An install is skipped when the lock, pyproject.toml, the settings and this script are unchanged since
the last one (a stamp file in the venv records their hash). ``--dry-run`` prints every command instead
of running it. Messages for students are Dutch; this docstring and the comments are for developers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
MIN_PYTHON = (3, 11)
START_LESSON = "notebooks/00-start.ipynb"
DEFAULT_URL = f"/lab/tree/{START_LESSON}"
SETTINGS_FILE = ROOT / "jupyter-settings" / "overrides.json"
# overrides.d/*.json: namespaced defaults that a school's own overrides.json still overrides
SETTINGS_TARGET = ("share", "jupyter", "lab", "settings", "overrides.d", "voordeur.json")
# File > Save and Export Notebook As > HTML: JupyterLab asks the server's nbconvert handler, which makes
# the exporter with the server's config; `jupyter nbconvert` reads its own. Both get lang="nl" from the
# same keys (merged into <venv>/etc/jupyter/<file>; no .d folders: nbconvert does not read those).
EXPORT_FILE = ROOT / "jupyter-settings" / "export-nl.json"
EXPORT_TARGETS = ("jupyter_server_config.json", "jupyter_nbconvert_config.json")
# ... and the template it names (lab + underlined links): <venv>/share/jupyter/nbconvert/templates/
EXPORT_TEMPLATE = ROOT / "jupyter-settings" / "nbconvert" / "voordeur_lab"
EXPORT_TEMPLATE_TARGET = ("share", "jupyter", "nbconvert", "templates", "voordeur_lab")
LOCKS = {"lab": "requirements.txt", "dev": "requirements-dev.txt"}
STAMPS = {"lab": ".lab", "dev": ".dev"}
LINT_PATHS = ("src", "tests", "tools", "start.py", "hatch_build.py", "dodo.py")
# The Voila pages (issue 16): no code, Dutch, started before the lesson so a kernel is ready.
VOILA_PAGES = {"quizzen": "notebooks/quizzen.ipynb", "beamer": "notebooks/beamer.ipynb"}
# JupyterLab extensions a quiz page does not use (jupytext, code highlighting, the JupyterLite kernel, the
# Voila preview button): 10 fewer JavaScript files. tests/test_voila_instellingen.py checks the names.
VOILA_UNUSED = ("jupyterlab-jupytext", "jupyterlab_pygments", "@jupyterlite/pyodide-kernel-extension",
                "@voila-dashboards/jupyterlab-preview")
# tools/build_voila.py writes the template "voordeur" here: local icons, lang="nl", no MathJax.
VOILA_TEMPLATES = ROOT / "build" / "voila" / "share" / "jupyter"


# --- platform facts (monkeypatched in tests/test_launcher.py) --------------------------------------------


@dataclass(frozen=True)
class Platform:
    """The facts about the machine the launcher acts on."""

    system: str  # platform.system(): "Windows", "Darwin" or "Linux" (anything else is treated like Linux)
    is_root: bool = False  # POSIX effective uid 0
    has_display: bool = True  # a graphical session (always true on Windows and macOS)
    is_wsl: bool = False  # Linux inside Windows (WSL)

    @property
    def windows(self) -> bool:
        return self.system == "Windows"

    @classmethod
    def current(cls) -> Platform:
        system = platform.system()
        geteuid = getattr(os, "geteuid", None)
        is_root = bool(geteuid is not None and geteuid() == 0)
        is_wsl = system == "Linux" and "microsoft" in platform.release().lower()
        if system in ("Windows", "Darwin"):
            has_display = True
        else:
            has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        return cls(system=system, is_root=is_root, has_display=has_display, is_wsl=is_wsl)


def venv_bin(venv: Path, plat: Platform) -> Path:
    """The folder with the venv's programs: ``Scripts`` on Windows, ``bin`` elsewhere."""
    return venv / ("Scripts" if plat.windows else "bin")


def venv_program(venv: Path, plat: Platform, name: str) -> Path:
    """A program in the venv (``python``, ``uv``, ``ruff``...), with ``.exe`` on Windows."""
    return venv_bin(venv, plat) / (f"{name}.exe" if plat.windows else name)


def venv_python(venv: Path, plat: Platform) -> Path:
    return venv_program(venv, plat, "python")


def settings_target(venv: Path) -> Path:
    """Where JupyterLab in this venv reads our settings (``sys.prefix/share/jupyter/lab/settings``;
    the same layout on every OS)."""
    return venv.joinpath(*SETTINGS_TARGET)


def export_targets(venv: Path) -> list[Path]:
    """The Jupyter config files in this venv that get ``HTMLExporter.language_code = "nl"``."""
    return [venv / "etc" / "jupyter" / naam for naam in EXPORT_TARGETS]


def install_export_template(venv: Path) -> Path:
    """Copy the export template (``voordeur_lab``) where nbconvert finds it in this venv."""
    target = venv.joinpath(*EXPORT_TEMPLATE_TARGET)
    target.mkdir(parents=True, exist_ok=True)
    for path in EXPORT_TEMPLATE.iterdir():
        shutil.copyfile(path, target / path.name)
    return target


def merge_export_settings(target: Path) -> None:
    """Put the keys of ``export-nl.json`` into *target* (a Jupyter JSON config), keeping what is there."""
    extra = json.loads(EXPORT_FILE.read_text(encoding="utf-8"))
    try:
        config = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    except ValueError:
        config = {}
    if not isinstance(config, dict):
        config = {}
    for section, values in extra.items():
        config.setdefault(section, {}).update(values)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def opens_browser(plat: Platform) -> bool:
    """Whether JupyterLab should open a browser itself. On Linux without a graphical session (a server,
    a container, WSL without a browser set) opening fails or starts a text browser: print the link."""
    if plat.windows or plat.system == "Darwin":
        return True
    if plat.is_wsl:
        return bool(os.environ.get("BROWSER"))
    return plat.has_display


def lab_command(venv: Path, plat: Platform, *, port: int | None = None, browser: bool | None = None,
                extra: list[str] | None = None) -> list[str]:
    """The command that serves the repository root and opens the start lesson.

    ``--ServerApp.root_dir`` + ``--LabApp.default_url`` (not a positional notebook: that would make
    ``notebooks/`` the root and hide ``exercises/``, ``data/`` and ``docs/``)."""
    cmd = [
        str(venv_python(venv, plat)), "-m", "jupyterlab",
        f"--ServerApp.root_dir={ROOT}",
        f"--LabApp.default_url={DEFAULT_URL}",
    ]  # fmt: skip
    if port is not None:
        cmd.append(f"--ServerApp.port={port}")
    if not (opens_browser(plat) if browser is None else browser):
        cmd.append("--no-browser")
    if plat.is_root and not plat.windows:
        cmd.append("--allow-root")  # JupyterLab refuses to run as root without it (containers, CI)
    return cmd + list(extra or [])


# The page itself: our template (local icons, no MathJax) and Dutch (lang="nl"). The browser tests start
# Voila with these too.
VOILA_PAGE_SETTINGS = ("--template=voordeur", "--VoilaExporter.language_code=nl")


def voila_speed_settings() -> list[str]:
    """A preheated kernel, and none of the extensions a quiz page does not use."""
    # one option per extension: a JSON list in one option works, but traitlets warns that it is deprecated
    return ["--preheat_kernel=True",
            *(f"--VoilaConfiguration.extension_denylist={naam}" for naam in VOILA_UNUSED)]


def voila_settings() -> list[str]:
    """What every route to the Voila pages passes (``start.py quizzen``/``beamer``, the benchmark): the
    page settings and the speed settings."""
    return [*VOILA_PAGE_SETTINGS, *voila_speed_settings()]


def voila_command(venv: Path, plat: Platform, page: str, *, port: int | None = None,
                  browser: bool | None = None, extra: list[str] | None = None) -> list[str]:
    """The command that serves one Voila page (``quizzen`` or ``beamer``) from the repository root."""
    cmd = [str(venv_python(venv, plat)), "-m", "voila", VOILA_PAGES[page], *voila_settings()]
    if port is not None:
        cmd.append(f"--port={port}")
    if not (opens_browser(plat) if browser is None else browser):
        cmd.append("--no-browser")
    return cmd + list(extra or [])


# nbval: a kernel that does not answer within 30 s is started once more (tests/nbval_herstart.py: two
# workers can get the same free port from jupyter_client); a normal start takes 1-2 s.
NBVAL = ["-p", "no:cacheprovider", "-p", "tests.nbval_herstart", "--nbval-kernel-startup-timeout", "30"]


def test_steps(venv: Path, plat: Platform) -> list[tuple[str, list[str]]]:
    """The test suite, in order (what ``make test`` and CI run). Commands run in the repository root."""
    py = str(venv_python(venv, plat))
    steps: list[tuple[str, list[str]]] = []
    if plat.system == "Linux":
        steps.append(("Chromium voor de browsertests", ["bash", "tools/ensure_chromium.sh"]))
    steps += [
        ("Code-stijl (ruff)", [str(venv_program(venv, plat, "ruff")), "check", *LINT_PATHS]),
        ("Unit-tests", [py, "-m", "pytest", "tests", "-m", "not browser", "-n", "2"]),
        ("Browsertests", [py, "-m", "pytest", "tests", "-m", "browser"]),
        ("Lessen (nbval)", [py, "-m", "pytest", *NBVAL, "--nbval", "notebooks", "solutions",
                            "docs/voorbeelden", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
                            "-n", "2", "--dist", "loadfile"]),
        ("Oefeningen (nbval-lax)", [py, "-m", "pytest", *NBVAL, "--nbval-lax", "exercises",
                                    "-n", "2", "--dist", "loadfile"]),
    ]  # fmt: skip
    return steps


# --- installing ---------------------------------------------------------------------------------------------


def find_uv(venv: Path, plat: Platform) -> Path | None:
    """uv in the venv, else on PATH, else None."""
    in_venv = venv_program(venv, plat, "uv")
    if in_venv.exists():
        return in_venv
    found = shutil.which("uv")
    return Path(found) if found else None


def install_command(venv: Path, plat: Platform, lock: Path, uv: Path | None, *,
                    offline: bool = False) -> list[str]:
    """Install ``lock`` and the package (editable). uv shows its own progress; pip prints each package."""
    if uv is not None:
        # no --compile-bytecode here: uv compiles silently for 10-25 s; compile_command() does it after,
        # with a heartbeat, so the student never looks at a silent window
        cmd = [str(uv), "pip", "install", "--python", str(venv_python(venv, plat)),
               "-r", str(lock), "-e", str(ROOT)]
        return cmd + (["--offline"] if offline else [])
    cmd = [str(venv_python(venv, plat)), "-m", "pip", "install", "--disable-pip-version-check",
           "--progress-bar", "on", "-r", str(lock), "-e", str(ROOT)]
    return cmd + (["--no-index"] if offline else [])


def compile_command(venv: Path, plat: Platform) -> list[str]:
    """Compile the venv's packages to bytecode once (kernels then start without compiling pandas and
    matplotlib each time; machines with PYTHONDONTWRITEBYTECODE=1 never write the .pyc files themselves).
    ``-qq``: a few test files in some packages do not compile; that is not an error for us."""
    lib = venv / ("Lib" if plat.windows else "lib")
    return [str(venv_python(venv, plat)), "-m", "compileall", "-qq", "-j", "0", str(lib)]


HEARTBEAT_SECONDS = 5.0


def fingerprint(lock: Path) -> str:
    """Hash of everything an install depends on: when it is unchanged, the install is skipped."""
    h = hashlib.sha256()
    for path in (lock, ROOT / "requirements.txt", ROOT / "pyproject.toml", SETTINGS_FILE, EXPORT_FILE,
                 *sorted(EXPORT_TEMPLATE.iterdir()), Path(__file__)):
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.exists() else b"-")
    return h.hexdigest()


class Launcher:
    """Runs (or, with ``dry_run``, prints) the steps; messages go to stdout."""

    def __init__(self, venv: Path, plat: Platform, *, dry_run: bool = False, offline: bool = False) -> None:
        self.venv = venv
        self.plat = plat
        self.dry_run = dry_run
        self.offline = offline

    def say(self, text: str) -> None:
        print(text, flush=True)

    def run(self, cmd: list[str], *, check: bool = True, heartbeat: bool = False) -> int:
        """Run ``cmd`` in the repository root. ``heartbeat``: for a step without output of its own, say
        every few seconds that it is still busy."""
        if self.dry_run:
            self.say("  $ " + " ".join(cmd))
            return 0
        proc = subprocess.Popen(cmd, cwd=ROOT)
        started = time.monotonic()
        while True:
            try:
                code = proc.wait(timeout=HEARTBEAT_SECONDS)
                break
            except subprocess.TimeoutExpired:
                if heartbeat:
                    self.say(f"  ... nog even geduld ({time.monotonic() - started:.0f} seconden)")
        if check and code != 0:
            raise LauncherFout(f"Dit commando lukte niet (code {code}): {' '.join(cmd)}")
        return code

    def create_venv(self) -> None:
        if venv_python(self.venv, self.plat).exists():
            return
        self.say(f"Stap 1 van 3: ik maak een eigen Python-omgeving in {self.venv.name}/ (een paar seconden).")
        self.run([sys.executable, "-m", "venv", str(self.venv)])

    def ensure_uv(self) -> Path | None:
        uv = find_uv(self.venv, self.plat)
        if uv is not None or self.offline:
            return uv
        self.say("  Ik installeer uv, een snel installatieprogramma (een paar seconden).")
        self.run([str(venv_python(self.venv, self.plat)), "-m", "pip", "install", "--quiet",
                  "--disable-pip-version-check", "uv"], check=False)
        uv = venv_program(self.venv, self.plat, "uv")
        if uv.exists() or self.dry_run:
            return uv
        self.say("  uv lukte niet; ik gebruik pip. Dat duurt langer (ongeveer een halve minuut of meer).")
        return None

    def install(self, kind: str = "lab", lock: Path | None = None) -> None:
        lock = lock or ROOT / LOCKS[kind]
        stamp = self.venv / STAMPS[kind]
        wanted = fingerprint(lock)
        if not self.dry_run and stamp.exists() and stamp.read_text(encoding="utf-8").strip() == wanted:
            self.say("Alles is al geïnstalleerd.")
            return
        self.create_venv()
        uv = self.ensure_uv()
        self.say(f"Stap 2 van 3: ik installeer JupyterLab, pandas, matplotlib en de lesmodule ({lock.name}).")
        self.say("  De eerste keer duurt dit ongeveer een halve minuut; je ziet hieronder wat er gebeurt.")
        start = time.monotonic()
        cmd = install_command(self.venv, self.plat, lock, uv, offline=self.offline)
        if self.run(cmd, check=uv is None) != 0:
            self.say("  Dat lukte niet met uv; ik probeer het opnieuw met pip.")
            uv = None
            self.run(install_command(self.venv, self.plat, lock, None, offline=self.offline))
        if uv is not None:  # pip compiles while it installs
            self.say("  Ik maak de pakketten klaar, zodat de lessen straks snel starten.")
            self.run(compile_command(self.venv, self.plat), check=False, heartbeat=True)
        if not self.dry_run:
            self.say(f"  Klaar na {time.monotonic() - start:.0f} seconden.")
        self.install_settings()
        if not self.dry_run:
            stamp.write_text(wanted + "\n", encoding="utf-8")
            if kind == "dev":  # the dev lock contains the lab lock
                lab_stamp = self.venv / STAMPS["lab"]
                lab_stamp.write_text(fingerprint(ROOT / LOCKS["lab"]) + "\n", encoding="utf-8")

    def install_settings(self) -> None:
        target = settings_target(self.venv)
        self.say("Stap 3 van 3: ik zet JupyterLab in het Nederlands (en zonder nieuwsmeldingen).")
        if self.dry_run:
            self.say(f"  kopieer {SETTINGS_FILE.relative_to(ROOT)} -> {target}")
            for export in export_targets(self.venv):
                self.say(f"  voeg {EXPORT_FILE.relative_to(ROOT)} toe aan {export}")
            sjabloon = self.venv.joinpath(*EXPORT_TEMPLATE_TARGET)
            self.say(f"  kopieer {EXPORT_TEMPLATE.relative_to(ROOT)} -> {sjabloon}")
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SETTINGS_FILE, target)
        install_export_template(self.venv)  # an exported lesson (HTML) says lang="nl", links underlined
        for export in export_targets(self.venv):
            merge_export_settings(export)

    def lab(self, port: int | None, browser: bool | None, extra: list[str]) -> int:
        self.install("lab")
        cmd = lab_command(self.venv, self.plat, port=port, browser=browser, extra=extra)
        self.say("JupyterLab start nu met de startles (notebooks/00-start.ipynb).")
        if "--no-browser" in cmd:
            self.say("  Open straks de link die hieronder verschijnt (http://localhost:...) in je browser.")
        else:
            self.say("  Je browser opent vanzelf. Lukt dat niet? Open dan de link die hieronder verschijnt.")
        self.say("  Stoppen: druk in dit venster op Ctrl+C (twee keer).")
        if self.dry_run:
            return self.run(cmd)
        # Ctrl+C belongs to JupyterLab (it asks whether to stop); this script only waits for it.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            return subprocess.run(cmd, cwd=ROOT).returncode
        finally:
            signal.signal(signal.SIGINT, previous)

    def voila(self, page: str, port: int | None, browser: bool | None, extra: list[str]) -> int:
        self.install("lab")
        self.say("Ik zet de pagina klaar (de iconen en de Nederlandse instellingen).")
        build = [str(venv_python(self.venv, self.plat)), str(ROOT / "tools" / "build_voila.py")]
        code = self.run(build + (["--offline"] if self.offline else []), check=False)
        if code != 0:
            raise LauncherFout("Het klaarzetten van de pagina lukte niet "
                               f"(tools/build_voila.py gaf code {code}).")
        cmd = voila_command(self.venv, self.plat, page, port=port, browser=browser, extra=extra)
        naam = "de quizzen" if page == "quizzen" else "de beamerpagina"
        self.say(f"Voilà start nu met {naam} ({VOILA_PAGES[page]}), zonder code.")
        self.say("  Start dit een paar minuten voor de les: dan staat er al een kernel klaar en "
                 "verschijnt de eerste vraag snel.")
        if "--no-browser" in cmd:
            self.say("  Open straks de link die hieronder verschijnt (http://localhost:...) in je browser.")
        self.say("  Stoppen: druk in dit venster op Ctrl+C.")
        if self.dry_run:
            return self.run(cmd)
        env = {**os.environ, "JUPYTER_PATH": os.pathsep.join(
            p for p in (str(VOILA_TEMPLATES), os.environ.get("JUPYTER_PATH", "")) if p)}
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            return subprocess.run(cmd, cwd=ROOT, env=env).returncode
        finally:
            signal.signal(signal.SIGINT, previous)

    def test(self) -> int:
        self.install("dev")
        steps = test_steps(self.venv, self.plat)
        for number, (title, cmd) in enumerate(steps, start=1):
            self.say(f"Test {number} van {len(steps)}: {title}")
            code = self.run(cmd, check=False)
            if code != 0:
                self.say(f"Mislukt: {title} (code {code}).")
                return code
        self.say("Alle tests zijn geslaagd.")
        return 0


class LauncherFout(RuntimeError):
    """A step failed; the message says which command (shown without a traceback)."""


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="start.py",
        description="Installeer de lesmodule en start JupyterLab (of draai de tests).",
    )
    parser.add_argument("opdracht", nargs="?", default="lab",
                        choices=["lab", *VOILA_PAGES, "test", "install"],
                        help="lab (standaard): start JupyterLab; quizzen: alle quizzen zonder code (Voilà); "
                             "beamer: één vraag per scherm voor de klas (Voilà); test: draai alle tests; "
                             "install: alleen installeren")
    parser.add_argument("--dev", action="store_true", help="bij install: ook de test- en bouwgereedschappen")
    parser.add_argument("--lock", type=Path,
                        help="bij install: dit lock-bestand in plaats van requirements.txt")
    parser.add_argument("--venv", type=Path, default=Path(os.environ.get("VOORDEUR_VENV", ROOT / ".venv")),
                        help="de map van de Python-omgeving (standaard .venv)")
    parser.add_argument("--port", type=int,
                        help="de poort (JupyterLab: standaard 8888, Voilà: 8866, of de eerste vrije daarna)")
    parser.add_argument("--no-browser", action="store_true", help="open geen browser, toon alleen de link")
    parser.add_argument("--offline", action="store_true",
                        help="zonder internet: installeer uit de cache van uv "
                             "(de Voilà-pagina's nemen hun iconen dan uit build/cache)")
    parser.add_argument("--dry-run", action="store_true", help="toon de commando's zonder ze uit te voeren")
    parser.epilog = ("Na -- volgen extra opties voor JupyterLab (of Voilà), "
                     "bijvoorbeeld: start.py lab -- --ServerApp.port_retries=0")
    extra: list[str] = []
    if "--" in argv:
        argv, extra = argv[: argv.index("--")], argv[argv.index("--") + 1 :]
    args = parser.parse_args(argv)
    args.extra = extra
    return args


def main(argv: list[str] | None = None) -> int:
    if sys.version_info < MIN_PYTHON:
        need = ".".join(map(str, MIN_PYTHON))
        print(f"Je hebt Python {need} of nieuwer nodig; dit is Python {platform.python_version()}.\n"
              f"Windows: py -{need} start.py   Linux/macOS: python{need} start.py", file=sys.stderr)
        return 2
    args = parse_args(sys.argv[1:] if argv is None else argv)
    venv = args.venv if args.venv.is_absolute() else (Path.cwd() / args.venv)
    launcher = Launcher(venv, Platform.current(), dry_run=args.dry_run, offline=args.offline)
    try:
        if args.opdracht == "install":
            kind = "dev" if args.dev or (args.lock is not None and args.lock.name == LOCKS["dev"]) else "lab"
            launcher.install(kind, args.lock.resolve() if args.lock else None)
            return 0
        if args.opdracht == "test":
            return launcher.test()
        if args.opdracht in VOILA_PAGES:
            return launcher.voila(args.opdracht, args.port, False if args.no_browser else None, args.extra)
        return launcher.lab(args.port, False if args.no_browser else None, args.extra)
    except LauncherFout as e:
        print(e, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nGestopt.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
