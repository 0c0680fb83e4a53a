"""Browser benchmarks (not tests): how fast the quizzes feel in a real JupyterLab + Chromium.

Measures
- ``feedback_ms``: click on "Controleer" to feedback visible (median over N clicks, timed in the page:
  the click and a MutationObserver on ``.vd-feedback``, plus one animation frame);
- ``eerste_quiz_s``: opening a lesson to its first quiz visible, with "Run All" started as soon as the
  kernel is idle, on a warm server (after one warm-up lesson), in two ways a student opens a lesson:

  * ``in_jupyterlab``: JupyterLab is already open and the student opens the lesson from the file
    browser or a "Volgende les" link (the app's own ``docmanager:open``);
  * ``nieuw_tabblad``: a new browser tab on the lesson's address (JupyterLab itself loads first; the
    browser cache is warm, as in a browser that opened JupyterLab before).

  Each also for a "floor" notebook with one ipywidgets button and nothing of this module, so the
  report separates JupyterLab's own cost from the lessons'. JupyterLab windows cells as by default
  (the tests switch windowing off; the benchmark does not);
- optionally (``--suite``) the wall time of the browser test suite (``pytest -m browser tests/browser``).

Targets: feedback < 150 ms median; first quiz visible < 5 s.

Usage: ``python tools/bench_browser.py [--clicks 20] [--suite]``; ``tools/bench.py`` calls :func:`main`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

import labdriver as ld  # noqa: E402
from klikmeting import JS_KLIK  # noqa: E402

DOEL_FEEDBACK_MS = 150.0
DOEL_EERSTE_QUIZ_S = 5.0


JS_EERSTE_QUIZ = f"""(path) => {{
  const panel = ({ld._JS_PANEL})(path);
  const q = panel && panel.node.querySelector('.vd-vraag');
  if (!q) return false;
  const r = q.getBoundingClientRect();
  return r.height > 0 && r.width > 0;
}}"""

#: The tests' settings minus their windowing override, so cells are windowed as a student gets them.
#: What stays (no update or news checks, no autosave) does not change how fast a lesson opens.
STUDENT_SETTINGS: dict[str, Any] = {
    k: v for k, v in ld.LAB_OVERRIDES.items() if k != "@jupyterlab/notebook-extension:tracker"
}

VLOER = "notebooks/_bench_vloer.ipynb"
#: The floor: the same notebook metadata, one cell with one widget (class vd-vraag, so it counts as the
#: "quiz"), nothing of this module.
VLOER_CEL = (
    "import ipywidgets\nknop = ipywidgets.Button(description='Vloer')\nknop.add_class('vd-vraag')\nknop"
)


def quiz_lessen() -> list[str]:
    """Lesson notebooks (NN-*.ipynb) that show at least one quiz."""
    uit = []
    for naam in ld.lesson_notebooks():
        if naam[:2].isdigit() and ld.expected_questions(REPO / "notebooks" / naam):
            uit.append(naam)
    return uit


def meet_feedback(lp: ld.LabPage, clicks: int) -> list[float]:
    """Median-able list of click-to-feedback times (ms) on the enkel question of voorbeeld.yaml."""
    vraag = next(
        v for v in ld.bank_questions(REPO / "data" / "quizzes" / "voorbeeld.yaml") if v["type"] == "enkel"
    )
    nb = lp.open("notebooks/_bench_quiz.ipynb")
    try:
        q = ld.question(nb.root, vraag["id"])
        tijden: list[float] = []
        for i in range(clicks + 2):
            ld.give_answer(q, vraag, goed=False)
            ms = float(q.evaluate(JS_KLIK))
            if ms < 0:
                raise ld.QuizFoutInBrowser("geen feedback na 'Controleer'")
            if i >= 2:  # two warm-up clicks
                tijden.append(ms)
            ld.retry(q)
        return tijden
    finally:
        nb.close()


def _tot_eerste_quiz(page: Any, pad: str, t0: float) -> tuple[float, float]:
    """Wait for an idle kernel, start "Run All", wait for the first quiz; (kernel idle, quiz) times."""
    page.wait_for_function(ld.JS_KERNEL_IDLE, arg=pad, timeout=120_000, polling=50)
    t_kernel = time.perf_counter()
    page.evaluate("(p) => { window.__run = (" + ld.JS_RUN_ALL.strip() + ")(p); }", pad)
    page.wait_for_function(JS_EERSTE_QUIZ, arg=pad, timeout=120_000, polling=50)
    t_quiz = time.perf_counter()
    page.wait_for_function(ld.JS_RUN_DONE, arg=pad, timeout=120_000, polling=100)
    page.evaluate(ld.JS_CLOSE, pad)
    return t_kernel - t0, t_quiz - t0


def meet_in_jupyterlab(lp: ld.LabPage, server: ld.LabServer, paden: list[str],
                       herhaal: int) -> dict[str, list[tuple[float, float]]]:
    """Per notebook, ``herhaal`` times (open until kernel idle, open until first quiz) in a running app."""
    uit: dict[str, list[tuple[float, float]]] = {p: [] for p in paden}
    for _ in range(herhaal):
        for pad in paden:
            t0 = time.perf_counter()
            lp.page.evaluate(ld.JS_OPEN, pad)
            uit[pad].append(_tot_eerste_quiz(lp.page, pad, t0))
            server.shutdown_kernels()
    return uit


def meet_nieuw_tabblad(context: Any, server: ld.LabServer, paden: list[str],
                       herhaal: int) -> dict[str, list[tuple[float, float]]]:
    """The same, each time in a new tab that loads JupyterLab on the lesson's address."""
    uit: dict[str, list[tuple[float, float]]] = {p: [] for p in paden}
    for _ in range(herhaal):
        for pad in paden:
            page = context.new_page()
            try:
                t0 = time.perf_counter()
                page.goto(server.lab_url(pad), wait_until="domcontentloaded")
                uit[pad].append(_tot_eerste_quiz(page, pad, t0))
            finally:
                page.close()
                server.shutdown_kernels()
    return uit


def _mediaan(metingen: list[tuple[float, float]]) -> tuple[float, float]:
    return (statistics.median(m[0] for m in metingen), statistics.median(m[1] for m in metingen))


def meet_suite() -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "browser", "tests/browser"],
        cwd=REPO,
        check=False,
    )
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clicks", type=int, default=20, help="aantal klikken op Controleer (mediaan)")
    parser.add_argument("--herhaal", type=int, default=3, help="metingen per les en per manier (mediaan)")
    parser.add_argument("--suite", action="store_true", help="meet ook de duur van de browsertests")
    parser.add_argument("--lessen", type=int, default=0, help="alleen de eerste N lessen met quiz (0 = alle)")
    args = parser.parse_args([] if argv is None else argv)  # main() from tools/bench.py: the defaults

    probleem = ld.chromium_problem()
    if probleem:
        print(f"browserbenchmark overgeslagen: {probleem}")
        return {"overgeslagen": probleem}

    from playwright.sync_api import sync_playwright

    lessen = quiz_lessen()
    if args.lessen:
        lessen = lessen[: args.lessen]
    paden = [VLOER] + [f"notebooks/{naam}" for naam in lessen]
    extra = {
        "notebooks/_bench_quiz.ipynb": ld.quiz_notebook("voorbeeld"),
        VLOER: ld.notebook_json([ld.code_cell(VLOER_CEL)]),
    }
    resultaat: dict[str, Any] = {}
    t_start = time.perf_counter()
    with ld.running_lab(extra=extra, overrides=STUDENT_SETTINGS) as server, sync_playwright() as p:
        resultaat["server_start_s"] = round(time.perf_counter() - t_start, 2)
        browser = ld.launch_browser(p)
        try:
            lp = ld.LabPage(browser, server)
            # warm-up: one lesson opened and run once (kernel, imports and caches warm)
            if lessen:
                lp.open(f"notebooks/{lessen[0]}").close()
            tijden = meet_feedback(lp, args.clicks)
            in_lab = meet_in_jupyterlab(lp, server, paden, args.herhaal)
            nieuw = meet_nieuw_tabblad(lp.page.context, server, paden, max(1, args.herhaal - 1))
            lp.close()
        finally:
            browser.close()
    resultaat["feedback_ms_mediaan"] = round(statistics.median(tijden), 1)
    resultaat["feedback_ms_p90"] = round(sorted(tijden)[int(0.9 * (len(tijden) - 1))], 1)
    resultaat["feedback_ms_max"] = round(max(tijden), 1)
    resultaat["feedback_klikken"] = len(tijden)
    for sleutel, metingen in (("in_jupyterlab", in_lab), ("nieuw_tabblad", nieuw)):
        resultaat[sleutel] = {
            Path(pad).name: {"kernel_klaar_s": round(k, 2), "eerste_quiz_s": round(q, 2),
                             "metingen": [[round(x, 2) for x in m] for m in metingen[pad]]}
            for pad, (k, q) in ((pad, _mediaan(m)) for pad, m in metingen.items())
        }  # fmt: skip
    if args.suite:
        resultaat["browsertests_s"] = round(meet_suite(), 1)
    print_rapport(resultaat)
    return resultaat


def print_rapport(resultaat: dict[str, Any]) -> None:
    mediaan, p90, hoogst = (
        resultaat[k] for k in ("feedback_ms_mediaan", "feedback_ms_p90", "feedback_ms_max")
    )
    rijen: list[tuple[str, str, str, bool | None]] = [
        ("feedback na 'Controleer' (mediaan)", f"{mediaan:.0f} ms", f"< {DOEL_FEEDBACK_MS:.0f} ms",
         mediaan < DOEL_FEEDBACK_MS),
        ("feedback na 'Controleer' (p90 / max)", f"{p90:.0f} / {hoogst:.0f} ms", "", None),
    ]  # fmt: skip
    vloer_naam = Path(VLOER).name
    for sleutel, titel in (("in_jupyterlab", "les openen in JupyterLab"),
                           ("nieuw_tabblad", "les openen in een nieuw tabblad")):
        metingen = resultaat[sleutel]
        vloer = metingen[vloer_naam]["eerste_quiz_s"]
        rijen.append((f"{titel} -> eerste quiz (mediaan)", "", "", None))
        rijen.append(("  vloer: JupyterLab + kernel + 1 widget", f"{vloer:.1f} s", "", None))
        for naam, m in metingen.items():
            if naam == vloer_naam:
                continue
            doel = sleutel == "in_jupyterlab"
            rijen.append((f"  {naam} (kernel klaar {m['kernel_klaar_s']:.1f} s; vloer +"
                          f"{m['eerste_quiz_s'] - vloer:.1f} s)", f"{m['eerste_quiz_s']:.1f} s",
                          f"< {DOEL_EERSTE_QUIZ_S:.0f} s" if doel else "",
                          m["eerste_quiz_s"] < DOEL_EERSTE_QUIZ_S if doel else None))  # fmt: skip
    if "browsertests_s" in resultaat:
        rijen.append(("browsertests (pytest -m browser)", f"{resultaat['browsertests_s']:.0f} s", "", None))
    breedte = max(len(r[0]) for r in rijen)
    print(f"{'meting':<{breedte}}  {'waarde':>12}  {'doel':>9}  ok")
    for naam, waarde, doel, ok in rijen:
        vink = "" if ok is None else ("ja" if ok else "NEE")
        print(f"{naam:<{breedte}}  {waarde:>12}  {doel:>9}  {vink}")


if __name__ == "__main__":
    main(sys.argv[1:])
