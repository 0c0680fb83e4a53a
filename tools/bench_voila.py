"""Voilà benchmark (not a test): how fast the quiz app and the beamer page feel in Chromium.

Measures, per page (``notebooks/quizzen.ipynb``, ``notebooks/beamer.ipynb``) and per server setting
(plain, and ``--preheat_kernel=True`` with a pool of one kernel):

- ``eerste_vraag_s``: from the moment the server answers HTTP until the first question is visible in a
  new page opened right then (the worst case: the class arrives as the server comes up);
- ``eerste_vraag_later_s``: the same for a page opened 20 s after the server came up (the usual case:
  the teacher started the server before the lesson): the median of ``--herhaal`` new pages, each in a
  fresh browser context (no cache, as a student's first visit), 6 s apart so the pool of preheated
  kernels refills; ``eerste_vraag_later_min_s``/``_max_s`` give the spread;
- ``feedback_ms``: a click on "Controleer" until the feedback is in the page and painted (median over
  N clicks, timed inside the page with a MutationObserver, as ``tools/bench_browser.py`` does).

Targets: first question ≤ 2 s; feedback ≤ 100 ms.

The server runs as ``make quiz-app`` (``start.py quizzen``) runs it: the template ``voordeur``
(tools/build_voila.py: local icons, ``lang="nl"``, no MathJax) and, for "voorverwarmd", the rest of
``start.voila_settings()`` (:data:`VOILA_SNEL`: a preheated kernel, no unused extensions).

Usage: ``python tools/bench_voila.py [--klikken 10] [--herhaal 5]``; ``tools/bench.py`` calls :func:`main`.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import build_voila
from klikmeting import JS_KLIK

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
import start  # noqa: E402  (the launcher: the one list of Voila settings)

VOILA = Path(sys.executable).parent / "voila"
DOEL_EERSTE_VRAAG_S = 2.0
DOEL_FEEDBACK_MS = 100.0



def _poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """Voilà on one notebook, in its own process group (stopped with it)."""

    def __init__(self, notebook: str, extra: list[str]) -> None:
        self.tmp = tempfile.TemporaryDirectory(prefix="vd-bench-voila-")
        self.poort = _poort()
        share = Path(self.tmp.name) / "share"
        build_voila.build_or_cdn_icons(share, offline=True)  # as make quiz-app does
        env = {
            **os.environ,
            "JUPYTER_CONFIG_DIR": f"{self.tmp.name}/config",
            "JUPYTER_RUNTIME_DIR": f"{self.tmp.name}/runtime",
            "JUPYTER_PATH": str(share),
        }
        env.pop("VOORDEUR_KLASMODUS", None)
        self.log = open(f"{self.tmp.name}/voila.log", "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [str(VOILA), notebook, f"--port={self.poort}", "--no-browser", "--Voila.ip=127.0.0.1",
             *MAKE_QUIZ_APP, *extra],
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.poort}/"

    def wacht_tot_op(self, grens: float = 120) -> float:
        """Wait until the server answers HTTP; returns that moment (time.perf_counter())."""
        eind = time.monotonic() + grens
        while time.monotonic() < eind:
            if self.proc.poll() is not None:
                raise RuntimeError("Voilà stopte")
            try:
                urllib.request.urlopen(self.url + "api/status", timeout=2)
                return time.perf_counter()
            except urllib.error.HTTPError:
                return time.perf_counter()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        raise RuntimeError("Voilà startte niet binnen de tijd")

    def stop(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if self.proc.poll() is not None:
                break
            try:
                os.killpg(self.proc.pid, sig)
                self.proc.wait(timeout=8)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                continue
        self.log.close()
        self.tmp.cleanup()


def _eerste_vraag(browser: Any, url: str, t0: float) -> float:
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    try:
        page.goto(url, timeout=180_000, wait_until="commit")
        page.locator(".vd-vraag").first.wait_for(state="visible", timeout=180_000)
        return time.perf_counter() - t0
    finally:
        page.close()


def _feedback(browser: Any, url: str, klikken: int) -> list[float]:
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    tijden = []
    try:
        page.goto(url, timeout=180_000)
        page.locator(".vd-vraag").first.wait_for(state="visible", timeout=180_000)
        kiezer = page.locator(".vd-beamer-kiezer select, .vd-quizkiezer select")
        if kiezer.count():
            kiezer.first.select_option(index=2)  # lesson 3 starts with a single-choice question
            page.locator(".vd-vraag-l3-peuter-blauwe-plekken").first.wait_for(timeout=60_000)
        vraag = page.locator(".vd-vraag.vd-type-enkel").first
        vraag.wait_for(state="visible", timeout=180_000)
        klasmodus = page.locator(".vd-beamer-klasmodus input")
        if klasmodus.count() and klasmodus.is_checked():
            klasmodus.uncheck()  # beamer: class mode has no "Controleer"
            vraag = page.locator(".vd-vraag.vd-type-enkel").first
            vraag.get_by_role("button", name="Controleer").wait_for(state="visible", timeout=30_000)
        sys.path.insert(0, str(REPO / "src"))
        from voordeur.quiz.bank import laad_bank

        eerste = laad_bank("les3").vragen[0]
        fout = next(o.tekst for o in eerste.opties if not o.goed)  # a wrong option: "Probeer opnieuw" follows
        for _ in range(klikken):
            vraag.get_by_role("radio", name=fout).check()
            page.wait_for_timeout(150)  # the choice reaches the kernel first (as a person needs anyway)
            ms = vraag.evaluate(JS_KLIK)
            if ms >= 0:
                tijden.append(ms)
            opnieuw = vraag.get_by_role("button", name="Probeer opnieuw")
            if opnieuw.is_visible():
                opnieuw.click()
            page.wait_for_timeout(100)
    finally:
        page.close()
    return tijden


def meet(notebook: str, extra: list[str], klikken: int, browser: Any, herhaal: int = 5) -> dict[str, Any]:
    uit: dict[str, Any] = {}
    server = Server(notebook, extra)
    try:
        t0 = server.wacht_tot_op()
        uit["eerste_vraag_s"] = round(_eerste_vraag(browser, server.url, t0), 2)
        time.sleep(20)
        later = []
        for _ in range(max(1, herhaal)):
            later.append(_eerste_vraag(browser, server.url, time.perf_counter()))
            time.sleep(6)  # the pool of preheated kernels refills
        uit["eerste_vraag_later_s"] = round(statistics.median(later), 2)
        uit["eerste_vraag_later_min_s"] = round(min(later), 2)
        uit["eerste_vraag_later_max_s"] = round(max(later), 2)
        tijden = _feedback(browser, server.url, klikken)
        uit["feedback_ms_mediaan"] = round(statistics.median(tijden), 1) if tijden else None
        uit["feedback_klikken"] = len(tijden)
    finally:
        server.stop()
    return uit


#: What ``start.py quizzen`` / ``start.py beamer`` (``make quiz-app`` / ``make beamer``) pass to Voila: the
#: template and the language always ("gewoon" has them too) ...
MAKE_QUIZ_APP = list(start.VOILA_PAGE_SETTINGS)
#: ... and, for speed, a preheated kernel and no unused JupyterLab extensions.
VOILA_SNEL = start.voila_speed_settings()
INSTELLINGEN = {"gewoon": [], "voorverwarmd": [*VOILA_SNEL, "--pool_size=1"]}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--klikken", type=int, default=10, help="klikken op Controleer per meting (mediaan)")
    parser.add_argument("--herhaal", type=int, default=5, help="nieuwe pagina's na 20 s per meting (mediaan)")
    parser.add_argument(
        "--pagina", action="append", help="alleen deze notebooks (standaard quizzen en beamer)"
    )
    args = parser.parse_args([] if argv is None else argv)
    if not VOILA.exists():
        print("Voilà-benchmark overgeslagen: voila staat niet in deze omgeving")
        return {"overgeslagen": "geen voila"}
    chromium = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    from playwright.sync_api import sync_playwright

    paginas = args.pagina or ["notebooks/quizzen.ipynb", "notebooks/beamer.ipynb"]
    resultaat: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        try:
            for pagina in paginas:
                for naam, extra in INSTELLINGEN.items():
                    sleutel = f"{Path(pagina).stem} ({naam})"
                    resultaat[sleutel] = meet(pagina, extra, args.klikken, browser, args.herhaal)
                    print(sleutel, resultaat[sleutel], flush=True)
        finally:
            browser.close()
    print_rapport(resultaat)
    return resultaat


def _getal(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def print_rapport(resultaat: dict[str, Any]) -> None:
    print(f"{'Voilà':<28} {'eerste vraag':>13} {'20 s later':>11} {'(min-max)':>11} {'feedback':>9}")
    for naam, m in resultaat.items():
        fb = "-" if m["feedback_ms_mediaan"] is None else f"{m['feedback_ms_mediaan']:.0f} ms"
        ok = (
            m["eerste_vraag_later_s"] <= DOEL_EERSTE_VRAAG_S
            and m["feedback_ms_mediaan"] is not None
            and m["feedback_ms_mediaan"] <= DOEL_FEEDBACK_MS
        )
        print(
            f"{naam:<28} {_getal(m['eerste_vraag_s']) + ' s':>13} "
            f"{_getal(m['eerste_vraag_later_s']) + ' s':>11} "
            f"{_getal(m['eerste_vraag_later_min_s']) + '-' + _getal(m['eerste_vraag_later_max_s']):>11}"
            f" {fb:>9}  {'ja' if ok else 'NEE'}"
        )
    print(
        f"doel: eerste vraag ≤ {_getal(DOEL_EERSTE_VRAAG_S)} s (na 20 s, mediaan), "
        f"feedback ≤ {DOEL_FEEDBACK_MS:.0f} ms"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
