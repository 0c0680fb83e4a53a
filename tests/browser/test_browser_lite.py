"""The install-free site (build/lite) with the network cut off: only 127.0.0.1 answers.

One site build per session (from build/cache: no network; on CI the cache may be filled from PyPI/npm),
one Chromium with every other address blocked (route abort, plus a browser-wide DNS/proxy wall). A
student opens lesson 4: the kernel starts from the site's own files, the stored outputs are there, the
install cell installs the helper package from the site, the first cell that needs pandas says in Dutch
why it cannot work offline, a quiz is answered and checked, class mode works, the answers are saved into
browser storage, and an exercise check without pandas runs. Then the quiz app page. At the end: no
request left the machine, and the only addresses the site even asked for are the Pyodide CDN's chart
packages (numpy, pandas, matplotlib and their dependencies).
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import labdriver as ld
import litedriver as lt
import pytest

pytestmark = pytest.mark.browser

LES = "notebooks/04-meldcode.ipynb"
QUIZ_APP = "notebooks/quizzen.ipynb"
ON_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")


def _build_tool() -> Any:
    spec = importlib.util.spec_from_file_location("build_lite", ld.REPO / "tools" / "build_lite.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_lite"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, browser_available: None) -> Path:
    lite = _build_tool()
    base = tmp_path_factory.mktemp("lite-offline")
    try:
        lite.build(out=base / "site", staging=base / "staging", offline=not ON_CI)
    except lite.BuildFout as exc:
        pytest.skip(f"browserversie niet te bouwen zonder download (draai eerst make lite): {exc}")
    return base / "site"


@pytest.fixture(scope="module")
def offline(site: Path, browser: Any) -> Iterator[tuple[str, Any, lt.Netwerk]]:
    with lt.served(site) as base:
        page, netwerk = lt.offline_page(browser)
        try:
            yield base, page, netwerk
        finally:
            page.context.close()


@pytest.fixture(scope="module")
def browser(playwright: Any) -> Iterator[Any]:
    """A Chromium of its own: launched with the offline wall (the session's Chromium has none)."""
    b = lt.launch_offline_browser(playwright)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="module")
def lesson(offline: tuple[str, Any, lt.Netwerk]) -> dict[str, Any]:
    """Lesson 4 opened offline: outputs and a shown stored chart before "Run All", outputs after."""
    base, page, _ = offline
    lt.open_and_wait_idle(page, base, LES, timeout=120)
    before = lt.outputs(page, LES)
    chart = next((i for i, outs in enumerate(before) if any("<img" in o["html"] for o in outs)), None)
    shown = lt.images_shown(page, LES, chart) if chart is not None else 0
    lt.run_all(page, LES, timeout=180)
    return {"before": before, "chart": chart, "chart_images": shown, "after": lt.outputs(page, LES),
            "page": page}


def _texts(outs: list[dict[str, Any]]) -> str:
    return "\n".join(o["text"] for o in outs)


def test_stored_outputs_are_there_before_anything_runs(lesson: dict[str, Any]) -> None:
    with_output = [i for i, outs in enumerate(lesson["before"]) if outs]
    assert len(with_output) >= 5, lesson["before"]
    assert lesson["chart"] is not None, "geen opgeslagen grafiek in les 4"
    # the stored chart is drawn on the page (loaded image, laid out) with no kernel work at all
    assert lesson["chart_images"] >= 1, f"de opgeslagen grafiek in cel {lesson['chart']} is niet zichtbaar"


def test_install_cell_installs_from_the_site(lesson: dict[str, Any]) -> None:
    after = lesson["after"]
    errors = [(i, o["text"]) for i, outs in enumerate(after) for o in outs if o["type"] == "error"]
    assert not errors, f"foutmeldingen met traceback in de les: {errors}"
    install = next(i for i, outs in enumerate(after) if outs)  # the first cell with output
    assert "Geen internet: de quizzen" in _texts(after[install]), after[install]


def test_pandas_cell_shows_the_dutch_message(lesson: dict[str, Any]) -> None:
    texts = [_texts(outs) for outs in lesson["after"]]
    joined = "\n".join(texts)
    assert "Zonder internet werkt dit deel niet" in joined
    assert "ModuleNotFoundError" not in joined and "Traceback" not in joined


def test_exercise_check_without_pandas(lesson: dict[str, Any]) -> None:
    # meldcode.beslis: lesson 4's own check of the afwegingskader, plain Python
    texts = [_texts(outs) for outs in lesson["after"]]
    assert any("Uitkomst: melden bij Veilig Thuis" in t for t in texts)
    page = lesson["page"]
    i = lt.add_and_run(page, LES, "from voordeur.checks import controleer\ncontroleer('9.9', 1)")
    out = _texts(lt.outputs(page, LES)[i])
    assert "ken ik niet" in out, out


def test_exercise_check_that_needs_pandas_says_what_works_offline(lesson: dict[str, Any]) -> None:
    page = lesson["page"]
    i = lt.add_and_run(page, LES, "from voordeur.checks import controleer\ncontroleer('6.1', 8.3)")
    out = _texts(lt.outputs(page, LES)[i])
    assert "Zonder internet" in out and "niet goed geladen" not in out, out
    assert "Error" not in out and "Traceback" not in out, out


def test_quiz_answer_check_feedback(lesson: dict[str, Any]) -> None:
    page = lesson["page"]
    vraag = next(v for v in ld.bank_questions(ld.REPO / "data" / "quizzes" / "les4.yaml")
                 if v["id"] == "l4-meldplicht")
    q = ld.question(page, vraag["id"])
    ld.give_answer(q, vraag, goed=False)
    fb = ld.check(q)
    assert fb.status and fb.status != "goed", fb
    ld.retry(q)
    ld.give_answer(q, vraag, goed=True)
    assert ld.check(q).status == "goed"


def test_class_mode(lesson: dict[str, Any]) -> None:
    page = lesson["page"]
    lt.add_and_run(page, LES, 'quiz.toon("les4", ids=["l4-sinds-wanneer"], klasmodus=True)')
    qs = page.locator(".vd-vraag.vd-vraag-l4-sinds-wanneer")
    q = qs.last
    q.scroll_into_view_if_needed()
    assert ld.button(q, "Toon antwoord").is_visible()
    assert not ld.button(q, "Controleer").is_visible()
    ld.click(q, "Toon antwoord")
    assert "Het goede antwoord is" in ld.wait_feedback(q).text


def test_save_answers_into_browser_storage(lesson: dict[str, Any]) -> None:
    page = lesson["page"]
    before = set(lt.files_in_browser_storage(page, "notebooks"))
    knop = page.get_by_role("button", name="Bewaar mijn antwoorden").first
    knop.scroll_into_view_if_needed()
    knop.click()
    # the atomic save first writes a hidden temporary file and then renames it: wait for the saved file
    # itself (not for the first new name) and for the temporary file to be gone
    new: set[str] = set()
    for _ in range(75):
        new = set(lt.files_in_browser_storage(page, "notebooks")) - before
        if any(re.match(r"antwoorden.*\.json$", n) for n in new) and not any(n.endswith(".tmp") for n in new):
            break
        page.wait_for_timeout(200)
    assert any(re.match(r"antwoorden.*\.json$", n) for n in new), new
    assert not any(n.endswith(".tmp") for n in new), f"a temporary file was left behind: {new}"


def test_quiz_app_page(offline: tuple[str, Any, lt.Netwerk], lesson: dict[str, Any]) -> None:
    base, page, _ = offline
    lt.open_and_wait_idle(page, base, QUIZ_APP, timeout=120)
    lt.run_all(page, QUIZ_APP, timeout=180)
    joined = "\n".join(_texts(outs) for outs in lt.outputs(page, QUIZ_APP))
    errors = [o for outs in lt.outputs(page, QUIZ_APP) for o in outs if o["type"] == "error"]
    assert not errors and "Traceback" not in joined, errors or joined[:2000]
    assert page.locator(".vd-vraag").count() > 0


def test_no_request_left_the_machine(offline: tuple[str, Any, lt.Netwerk], lesson: dict[str, Any]) -> None:
    _, _, netwerk = offline
    assert netwerk.alle, "de pagina deed geen enkel verzoek: de test meet niets"
    extern = netwerk.extern
    # every external address was aborted by the route: nothing left the machine
    assert set(extern) <= set(netwerk.geblokkeerd), set(extern) - set(netwerk.geblokkeerd)
    # and the only ones asked for at all are the chart packages on the Pyodide CDN
    cdn = _build_tool().CDN
    unexpected = [u for u in extern if not u.startswith(cdn)]
    assert not unexpected, unexpected


# --- slides offline -------------------------------------------------------------------------------------
def _slides_tool() -> Any:
    spec = importlib.util.spec_from_file_location("build_slides", ld.REPO / "tools" / "build_slides.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_slides"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    slides = _slides_tool()
    out = tmp_path_factory.mktemp("slides-offline")
    try:
        slides.vendor(out, offline=not ON_CI)
    except slides.BuildFout as exc:
        pytest.skip(f"geen npm-cache voor de dia's (draai eerst make slides): {exc}")
    assert slides.main(["--out", str(out), *([] if ON_CI else ["--offline"]), str(ld.REPO / LES)]) == 0
    return out


def test_slide_deck_works_offline(decks: Path, browser: Any) -> None:
    with lt.served(decks) as base:
        page, netwerk = lt.offline_page(browser)
        try:
            fouten: list[str] = []
            page.on("pageerror", lambda e: fouten.append(str(e)))
            page.goto(f"{base}04-meldcode.slides.html")
            page.wait_for_selector(".reveal.ready", timeout=30_000)  # reveal.js initialised
            assert page.evaluate("() => document.documentElement.lang") == "nl"
            first = page.locator(".reveal .slides > section.present").first.inner_text()
            page.keyboard.press("ArrowRight")
            js_next = ("(t) => { const s = document.querySelector('.reveal .slides > section.present');"
                       " return s && s.innerText !== t; }")
            page.wait_for_function(js_next, arg=first, timeout=5_000)
            assert page.locator(".reveal .slides > section.present").first.is_visible()
            assert not fouten, fouten
        finally:
            page.context.close()
    assert netwerk.alle and not netwerk.extern, netwerk.extern
