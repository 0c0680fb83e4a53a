"""Benchmark of the install-free route (JupyterLite) with the network cut off (not a test).

Builds the site once into a temp folder (from build/cache: no downloads) with one extra notebook, the
floor: an empty notebook in the same site. Serves it on 127.0.0.1 and opens it in Chromium with every
other address blocked (tests/browser/litedriver.py), each time in a fresh browser context (no HTTP
cache, empty browser storage: a student's first visit).

Measures, median of ``--herhaal`` runs:
- ``kernel_klaar_s``: page opened until the kernel is idle (Pyodide + boot wheels from the site), for the
  floor and for lesson 4;
- ``eerste_quiz_s``: lesson 4 opened until its first quiz is visible, with "Run All" started as soon as
  the kernel is idle (the install cell installs the helper package from the site first);
- ``feedback_ms``: click on "Controleer" until feedback is painted (median over ``--clicks`` clicks);
- the site's size on disk.

Targets on 2 cores: kernel idle <= 12 s, first quiz <= 20 s, click -> feedback <= 150 ms.

Usage: python tools/bench_lite.py [--herhaal 2] [--clicks 10]; tools/bench.py calls :func:`main`.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO / "tools"))

import labdriver as ld  # noqa: E402
import litedriver as lt  # noqa: E402
from bench_browser import JS_EERSTE_QUIZ, JS_KLIK  # noqa: E402

DOEL_KERNEL_S = 12.0
DOEL_EERSTE_QUIZ_S = 20.0
DOEL_FEEDBACK_MS = 150.0
LES = "notebooks/04-meldcode.ipynb"
VLOER = "notebooks/_bench_vloer_lite.ipynb"
VRAAG = "l4-aandachtsfunctionaris"  # one right and three wrong options


def _build_tool() -> Any:
    spec = importlib.util.spec_from_file_location("build_lite", REPO / "tools" / "build_lite.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_lite"] = module
    spec.loader.exec_module(module)
    return module


def grootte_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def meet_open(browser: Any, base: str, pad: str, quiz: bool, clicks: int) -> dict[str, Any]:
    page, netwerk = lt.offline_page(browser)
    try:
        t0 = time.perf_counter()
        lt.open_and_wait_idle(page, base, pad, timeout=180)
        uit: dict[str, Any] = {"kernel_klaar_s": time.perf_counter() - t0}
        if quiz:
            page.evaluate("(p) => { window.__run = (" + ld.JS_RUN_ALL.strip() + ")(p); }", pad)
            page.wait_for_function(JS_EERSTE_QUIZ, arg=pad, timeout=180_000, polling=50)
            uit["eerste_quiz_s"] = time.perf_counter() - t0
            page.wait_for_function(ld.JS_RUN_DONE, arg=pad, timeout=180_000, polling=200)
            if clicks:
                uit["feedback_ms"] = meet_feedback(page, clicks)
        uit["extern_verzoeken"] = len(netwerk.extern)
        uit["buiten_de_machine"] = len(set(netwerk.extern) - set(netwerk.geblokkeerd))
        return uit
    finally:
        page.context.close()


def meet_feedback(page: Any, clicks: int) -> list[float]:
    vraag = next(v for v in ld.bank_questions(REPO / "data" / "quizzes" / "les4.yaml") if v["id"] == VRAAG)
    q = ld.question(page, VRAAG)
    tijden: list[float] = []
    fout = [o["tekst"] for o in vraag["opties"] if not o.get("goed")]
    for i in range(clicks + 2):
        # another wrong option each time, after the reset of "Probeer opnieuw" has reached the page
        ld.choose(q, fout[i % len(fout)])
        page.wait_for_timeout(300)  # the choice reaches the kernel before the click (as a student's would)
        ms = float(q.evaluate(JS_KLIK))
        if ms < 0:
            raise ld.QuizFoutInBrowser("geen feedback na 'Controleer'")
        if ld.read_feedback(q).status != "fout":
            raise ld.QuizFoutInBrowser(f"onverwachte feedback na een fout antwoord: {ld.read_feedback(q)}")
        if i >= 2:  # two warm-up clicks
            tijden.append(ms)
        ld.retry(q)
        page.wait_for_timeout(300)
    return tijden


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--herhaal", type=int, default=2, help="metingen per pagina (mediaan)")
    parser.add_argument("--clicks", type=int, default=10, help="klikken op Controleer (mediaan)")
    args = parser.parse_args([] if argv is None else argv)
    probleem = ld.chromium_problem()
    if probleem:
        print(f"\nInstallatievrije route: overgeslagen ({probleem})")
        return {"overgeslagen": probleem}
    lite = _build_tool()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="voordeur-bench-lite-") as tmp:
        site = Path(tmp) / "site"
        try:
            lite.build(out=site, staging=Path(tmp) / "staging", offline=True,
                       extra={VLOER: ld.notebook_json([ld.code_cell("")])})
        except lite.BuildFout as exc:
            print(f"\nInstallatievrije route: overgeslagen (eerst make lite draaien: {exc})")
            return {"overgeslagen": str(exc)}
        resultaat: dict[str, Any] = {"site_mb": round(grootte_mb(site), 1)}
        vloer: list[dict[str, Any]] = []
        les: list[dict[str, Any]] = []
        with lt.served(site) as base, sync_playwright() as p:
            browser = lt.launch_offline_browser(p)
            try:
                for i in range(args.herhaal):
                    vloer.append(meet_open(browser, base, VLOER, quiz=False, clicks=0))
                    les.append(meet_open(browser, base, LES, quiz=True, clicks=args.clicks if i == 0 else 0))
            finally:
                browser.close()
    klikken = les[0]["feedback_ms"]
    resultaat.update({
        "vloer_kernel_klaar_s": round(statistics.median(m["kernel_klaar_s"] for m in vloer), 2),
        "les_kernel_klaar_s": round(statistics.median(m["kernel_klaar_s"] for m in les), 2),
        "les_eerste_quiz_s": round(statistics.median(m["eerste_quiz_s"] for m in les), 2),
        "feedback_ms_mediaan": round(statistics.median(klikken), 1),
        "feedback_ms_max": round(max(klikken), 1),
        "metingen": {"vloer": vloer,
                     "les": [{k: v for k, v in m.items() if k != "feedback_ms"} for m in les]},
        "buiten_de_machine": sum(m["buiten_de_machine"] for m in vloer + les),
    })
    print_rapport(resultaat)
    return resultaat


def print_rapport(r: dict[str, Any]) -> None:
    print("\nInstallatievrije route (JupyterLite, netwerk afgesloten, 127.0.0.1; mediaan)")
    rijen = [
        ("vloer (lege notebook): kernel klaar", f"{r['vloer_kernel_klaar_s']:.1f} s",
         f"<= {DOEL_KERNEL_S:.0f} s", r["vloer_kernel_klaar_s"] <= DOEL_KERNEL_S),
        ("les 4: kernel klaar", f"{r['les_kernel_klaar_s']:.1f} s", f"<= {DOEL_KERNEL_S:.0f} s",
         r["les_kernel_klaar_s"] <= DOEL_KERNEL_S),
        ("les 4: eerste quiz zichtbaar", f"{r['les_eerste_quiz_s']:.1f} s", f"<= {DOEL_EERSTE_QUIZ_S:.0f} s",
         r["les_eerste_quiz_s"] <= DOEL_EERSTE_QUIZ_S),
        ("klik op Controleer -> feedback", f"{r['feedback_ms_mediaan']:.0f} ms",
         f"<= {DOEL_FEEDBACK_MS:.0f} ms", r["feedback_ms_mediaan"] <= DOEL_FEEDBACK_MS),
        ("grootte van de site", f"{r['site_mb']:.0f} MB", "", None),
        ("verzoeken die de machine verlieten", str(r["buiten_de_machine"]), "0", r["buiten_de_machine"] == 0),
    ]
    breedte = max(len(x[0]) for x in rijen)
    for naam, waarde, doel, ok in rijen:
        vink = "" if ok is None else ("ja" if ok else "NEE")
        print(f"{naam:<{breedte}}  {waarde:>8}  {doel:>9}  {vink}")


if __name__ == "__main__":
    main(sys.argv[1:])
