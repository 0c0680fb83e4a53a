"""The Voilà pages themselves in Chromium (issue 16, points 4, 5 and 7): the quiz app saves a real
download (file name and valid JSON), makes the completion page without code (HTML, and a PDF when
Chromium is there), and the quiz app and the beamer page pass axe-core with no serious or critical
violation, with lang="nl"."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import labdriver as ld
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from bench_voila import VOILA_SNEL  # noqa: E402  (the settings of make quiz-app / make beamer)

import start  # noqa: E402  (bench_voila put the repository root on the path)


@pytest.fixture(scope="module")
def quizapp(browser_available: None) -> Iterator[ld.VoilaServer]:
    with ld.running_voila(ROOT / "notebooks" / "quizzen.ipynb", extra=VOILA_SNEL) as server:
        yield server


@pytest.fixture(scope="module")
def beamer(browser_available: None) -> Iterator[ld.VoilaServer]:
    with ld.running_voila(ROOT / "notebooks" / "beamer.ipynb", extra=VOILA_SNEL) as server:
        yield server


@pytest.fixture(scope="module")
def app_page(browser: Any, quizapp: ld.VoilaServer) -> Iterator[Any]:
    page = ld.new_page(browser, 1280, 900)
    page.goto(quizapp.url, timeout=180_000)
    page.locator(".vd-quiz .vd-controleer").first.wait_for(timeout=180_000)
    try:
        yield page
    finally:
        page.context.close()


def _ernstig(page: Any, context: Any = None) -> list[dict[str, Any]]:
    gevonden = ld.summarize_violations(ld.run_axe(page, context)["violations"])
    return [v for v in gevonden if v["impact"] in ld.SERIOUS]


def _eerste_vraag_beantwoorden(page: Any) -> None:
    vraag = page.locator(".vd-quiz .vd-vraag").first
    veld = vraag.locator("input[type=text]")
    if veld.count():
        veld.first.fill("12")
    else:
        vraag.locator("input[type=radio], input[type=checkbox]").first.check()
    vraag.locator(".vd-controleer").click()
    vraag.locator(".vd-feedback .vd-fb").first.wait_for(timeout=30_000)


def test_quiz_app_is_dutch_and_passes_axe(app_page: Any) -> None:
    assert app_page.evaluate("() => document.documentElement.lang") == "nl"
    ernstig = _ernstig(app_page)
    assert not ernstig, "axe op de quiz-app:\n" + ld.describe_violations(ernstig)


def test_no_mathjax_is_loaded(app_page: Any) -> None:
    """The template points Voila at a MathJax stand-in (no formulas on the quiz pages): the stand-in is
    loaded and MathJax 3, about 1 MB of JavaScript, is not (speed, issue 16)."""
    geladen = app_page.evaluate(
        "() => performance.getEntriesByType('resource').map(r => [r.name, r.transferSize])")
    assert any("/static/geen-formules.js" in naam for naam, _ in geladen), "the stand-in was not loaded"
    assert app_page.evaluate("() => !!(window.MathJax && window.MathJax.Hub && !window.MathJax.version)")
    for naam in start.VOILA_UNUSED:  # and the extensions a quiz page does not use are not loaded
        assert not [url for url, _ in geladen if f"/labextensions/{naam}/" in url], naam
    js = sum(grootte for naam, grootte in geladen if ".js" in naam)
    assert js < 4_800_000, f"{js} bytes JavaScript: is MathJax back? (without it about 4,5 MB)"


def test_save_is_a_real_download_with_valid_json(app_page: Any, quizapp: ld.VoilaServer) -> None:
    _eerste_vraag_beantwoorden(app_page)
    app_page.locator(".vd-quiz .vd-bewaar").click()
    link = app_page.locator(".vd-bewaar-melding a.vd-download")
    link.wait_for(timeout=30_000)
    with app_page.expect_download(timeout=30_000) as info:
        link.click()
    download = info.value
    naam = download.suggested_filename
    assert naam.startswith("antwoorden-les") and naam.endswith(".json"), naam
    inhoud = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert inhoud["formaat"] == "voordeur-quiz-antwoorden" and inhoud["formaat_versie"] == 2
    assert naam == f"antwoorden-{inhoud['bank']}.json"
    assert sum(len(v["pogingen"]) for v in inhoud["vragen"]) == 1
    # the same file was written on the server, beside the notebook
    assert json.loads((quizapp.map / naam).read_text(encoding="utf-8")) == inhoud
    ernstig = _ernstig(app_page)  # with feedback and the save message shown
    assert not ernstig, "axe op de quiz-app na opslaan:\n" + ld.describe_violations(ernstig)


def test_completion_page_without_code(app_page: Any) -> None:
    app_page.locator(".vd-quiz .vd-naam input").fill("Sam Test")
    app_page.locator(".vd-quiz .vd-maak-bewijs").click()
    melding = app_page.locator(".vd-bewijs-melding")
    html_link = melding.locator('a.vd-download[download$=".html"]')
    html_link.wait_for(timeout=90_000)
    with app_page.expect_download(timeout=30_000) as info:
        html_link.click()
    pagina = Path(info.value.path()).read_text(encoding="utf-8")
    assert info.value.suggested_filename.startswith("bewijs-les")
    assert '<html lang="nl">' in pagina and "Bewijs van deelname" in pagina and "Sam Test" in pagina
    pdf_link = melding.locator('a.vd-download[download$=".pdf"]')
    if pdf_link.count():
        with app_page.expect_download(timeout=30_000) as info:
            pdf_link.click()
        assert Path(info.value.path()).read_bytes()[:5] == b"%PDF-"
    else:
        assert "Opslaan als PDF" in melding.inner_text()


def test_beamer_page_is_dutch_and_passes_axe(browser: Any, beamer: ld.VoilaServer) -> None:
    page = ld.new_page(browser, 1024, 768)
    try:
        page.goto(beamer.url, timeout=180_000)
        page.locator(".vd-beamer-balk").wait_for(timeout=180_000)
        assert page.evaluate("() => document.documentElement.lang") == "nl"
        ernstig = _ernstig(page)
        assert not ernstig, "axe op de beamerpagina:\n" + ld.describe_violations(ernstig)
        page.locator(".vd-beamer .vd-toon-antwoord").first.click()  # class mode: reveal the answer
        page.locator(".vd-beamer .vd-feedback .vd-fb").first.wait_for(timeout=30_000)
        ernstig = _ernstig(page)
        assert not ernstig, "axe op de beamerpagina na Toon antwoord:\n" + ld.describe_violations(ernstig)
    finally:
        page.context.close()
