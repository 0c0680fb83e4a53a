"""Browser benchmarks (not tests): how fast the quizzes feel in a real JupyterLab + Chromium.

Measures
- ``feedback_ms``: click on "Controleer" to feedback visible (median over N clicks, timed in the page:
  the click and a MutationObserver on ``.vd-feedback``, plus one animation frame);
- ``eerste_quiz_s``: opening a lesson (page load) to its first quiz visible, with "Run All" started as
  soon as the kernel is idle, on a warm server (after one warm-up lesson);
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

DOEL_FEEDBACK_MS = 150.0
DOEL_EERSTE_QUIZ_S = 5.0

# One click on "Controleer", timed inside the page: from the click until feedback is in the DOM and painted.
JS_KLIK = """async (q) => {
  const knop = [...q.querySelectorAll('button')].find(b => b.textContent.trim() === 'Controleer');
  const fb = q.querySelector('.vd-feedback');
  if (!knop || !fb) return -1;
  return await new Promise((resolve) => {
    const t0 = performance.now();
    const klaar = () => requestAnimationFrame(() => resolve(performance.now() - t0));
    const obs = new MutationObserver(() => {
      if (fb.querySelector('.vd-fb')) { obs.disconnect(); klaar(); }
    });
    obs.observe(fb, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { obs.disconnect(); resolve(-1); }, 10000);
    knop.click();
  });
}"""

JS_EERSTE_QUIZ = """() => {
  const q = document.querySelector('.jp-Notebook .vd-vraag');
  if (!q) return false;
  const r = q.getBoundingClientRect();
  return r.height > 0 && r.width > 0;
}"""


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


def meet_eerste_quiz(
    browser: Any, server: ld.LabServer, lessen: list[str]
) -> tuple[dict[str, float], dict[str, list[float]]]:
    """Seconds from page load to first quiz visible, per lesson (fresh page each, warm server).

    Also the phases: app loaded, kernel idle, cells run until the first quiz shows.
    """
    uit: dict[str, float] = {}
    fasen: dict[str, list[float]] = {}
    for naam in lessen:
        pad = f"notebooks/{naam}"
        page = ld.new_page(browser)
        try:
            t0 = time.perf_counter()
            page.goto(server.lab_url(pad), wait_until="domcontentloaded")
            page.wait_for_function("() => !!(window.jupyterapp && window.jupyterapp.shell)", polling=50)
            t_app = time.perf_counter()
            page.wait_for_function(ld.JS_KERNEL_IDLE, arg=pad, timeout=120_000, polling=50)
            t_kernel = time.perf_counter()
            page.evaluate("(p) => { window.__run = (" + ld.JS_RUN_ALL.strip() + ")(p); }", pad)
            page.wait_for_function(JS_EERSTE_QUIZ, timeout=120_000, polling=50)
            t_quiz = time.perf_counter()
            uit[naam] = t_quiz - t0
            fasen[naam] = [t_app - t0, t_kernel - t_app, t_quiz - t_kernel]
            page.wait_for_function(ld.JS_RUN_DONE, arg=pad, timeout=120_000, polling=100)
            page.evaluate(ld.JS_CLOSE, pad)
        finally:
            page.context.close()
    return uit, fasen


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
    extra = {"notebooks/_bench_quiz.ipynb": ld.quiz_notebook("voorbeeld")}
    resultaat: dict[str, Any] = {}
    t_start = time.perf_counter()
    with ld.running_lab(extra=extra) as server, sync_playwright() as p:
        resultaat["server_start_s"] = round(time.perf_counter() - t_start, 2)
        browser = ld.launch_browser(p)
        try:
            lp = ld.LabPage(browser, server)
            # warm-up: one lesson opened and run once (kernel, imports and caches warm)
            if lessen:
                lp.open(f"notebooks/{lessen[0]}").close()
            tijden = meet_feedback(lp, args.clicks)
            lp.close()
            eerste, fasen = meet_eerste_quiz(browser, server, lessen)
        finally:
            browser.close()
    resultaat["feedback_ms_mediaan"] = round(statistics.median(tijden), 1)
    resultaat["feedback_ms_p90"] = round(sorted(tijden)[int(0.9 * (len(tijden) - 1))], 1)
    resultaat["feedback_ms_max"] = round(max(tijden), 1)
    resultaat["feedback_klikken"] = len(tijden)
    resultaat["eerste_quiz_s"] = {k: round(v, 2) for k, v in eerste.items()}
    resultaat["eerste_quiz_fasen_s"] = {k: [round(x, 2) for x in v] for k, v in fasen.items()}
    if eerste:
        resultaat["eerste_quiz_s_mediaan"] = round(statistics.median(eerste.values()), 2)
        resultaat["eerste_quiz_s_max"] = round(max(eerste.values()), 2)
    if args.suite:
        resultaat["browsertests_s"] = round(meet_suite(), 1)

    mediaan, p90, hoogst = (
        resultaat[k] for k in ("feedback_ms_mediaan", "feedback_ms_p90", "feedback_ms_max")
    )
    rijen: list[tuple[str, str, str, bool | None]] = [
        ("feedback na 'Controleer' (mediaan)", f"{mediaan:.0f} ms", f"< {DOEL_FEEDBACK_MS:.0f} ms",
         mediaan < DOEL_FEEDBACK_MS),
        ("feedback na 'Controleer' (p90 / max)", f"{p90:.0f} / {hoogst:.0f} ms", "", None),
    ]  # fmt: skip
    for naam, s in resultaat["eerste_quiz_s"].items():
        fasen = resultaat["eerste_quiz_fasen_s"][naam]
        rijen.append((f"les open -> eerste quiz: {naam}", f"{s:.1f} s", f"< {DOEL_EERSTE_QUIZ_S:.0f} s",
                      s < DOEL_EERSTE_QUIZ_S))  # fmt: skip
        stappen = " / ".join(f"{x:.1f}" for x in fasen) + " s"
        rijen.append(("  (app laden / kernel klaar / cellen tot quiz)", stappen, "", None))
    if "browsertests_s" in resultaat:
        rijen.append(("browsertests (pytest -m browser)", f"{resultaat['browsertests_s']:.0f} s", "< 240 s",
                      resultaat["browsertests_s"] < 240))  # fmt: skip
    breedte = max(len(r[0]) for r in rijen)
    print(f"{'meting':<{breedte}}  {'waarde':>12}  {'doel':>9}  ok")
    for naam, waarde, doel, ok in rijen:
        vink = "" if ok is None else ("ja" if ok else "NEE")
        print(f"{naam:<{breedte}}  {waarde:>12}  {doel:>9}  {vink}")
    return resultaat


if __name__ == "__main__":
    main(sys.argv[1:])
