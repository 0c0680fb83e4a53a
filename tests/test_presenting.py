"""Presenting: reveal.js slides of every lesson, and the quiz app (notebooks/quizzen.ipynb) in Voilà."""

from __future__ import annotations

import concurrent.futures
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from gereedschap import laad_tool

from voordeur.lessen import LESSEN
from voordeur_bouw import vaste_delen

ROOT = Path(__file__).resolve().parents[1]
QUIZ_APP = ROOT / "notebooks" / "quizzen.ipynb"
VENV_BIN = Path(sys.executable).parent
ON_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")

# Markers of a code input area in nbconvert's lab template (as class attributes, not in the CSS).
CODE_INPUT = re.compile(r'class="[^"]*\b(jp-InputPrompt|jp-CodeMirrorEditor|highlight-ipynb)\b')


def _load_tool(name: str = "build_slides"):
    return laad_tool(name)


slides = _load_tool()
voila_tool = _load_tool("build_voila")
sys.path.insert(0, str(ROOT))
import start  # noqa: E402  (the launcher: the settings of the Voila pages)


# --- slides -----------------------------------------------------------------------------------------
def test_default_slide_types_when_a_lesson_sets_none() -> None:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Les 3 · Signaleren"),
        nbformat.v4.new_code_cell("from voordeur import les"),
        nbformat.v4.new_markdown_cell("## Leerdoelen\n\n- a"),
        nbformat.v4.new_markdown_cell("### Een deel"),
        nbformat.v4.new_markdown_cell("gewone tekst"),
        nbformat.v4.new_markdown_cell("---", metadata={"tags": ["navigatie"]}),
    ])
    kinds = [c.metadata["slideshow"]["slide_type"] for c in slides.prepare(nb).cells]
    assert kinds == ["slide", "-", "slide", "subslide", "-", "skip"]


def test_explicit_slide_types_are_kept() -> None:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Titel", metadata={"slideshow": {"slide_type": "slide"}}),
        nbformat.v4.new_markdown_cell("## Kop", metadata={"slideshow": {"slide_type": "fragment"}}),
        nbformat.v4.new_markdown_cell("---", metadata={"tags": ["navigatie"]}),
    ])
    kinds = [c.metadata["slideshow"]["slide_type"] for c in slides.prepare(nb).cells]
    assert kinds == ["slide", "fragment", "skip"]


@pytest.fixture(scope="module")
def built_slides(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("slides")
    if not ON_CI:  # reveal.js etc. come from build/cache/npm; only CI may fetch them
        try:
            slides.vendor(out, offline=True)
        except slides.BuildFout as exc:
            pytest.skip(f"no npm cache for the slides (run make slides once): {exc}")
    args = ["--out", str(out)] + ([] if ON_CI else ["--offline"])
    assert slides.main(args) == 0, "a lesson notebook is missing"
    return out


LOADED = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"')


@pytest.mark.slow
def test_slides_load_only_local_files_and_say_dutch(built_slides: Path) -> None:
    """Every script and stylesheet of every deck is a file beside it (no CDN), and every page is lang="nl"."""
    pages = sorted(built_slides.glob("*.html"))
    assert len(pages) == len(LESSEN) + 1
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert re.search(r'<html lang="nl">', text), page.name
        for url in LOADED.findall(text):
            if url.startswith("#"):
                continue
            assert "://" not in url and not url.startswith("//"), f"{page.name} loads {url}"
            assert (built_slides / url.split("?")[0]).is_file(), f"{page.name}: {url} is missing"
        if page.name != "index.html":
            for needed in (slides.REVEAL_PREFIX + "/dist/reveal.js", slides.REQUIRE_URL, slides.JQUERY_URL):
                assert needed in text, f"{page.name} does not load {needed}"
            assert "cdnjs" not in text and "unpkg.com" not in text and "mermaid.esm" not in text
    for css in (built_slides / slides.REVEAL_PREFIX / "dist" / "theme").glob("*.css"):
        assert "@import url(http" not in css.read_text(encoding="utf-8"), css.name


@pytest.mark.slow
def test_one_slide_deck_per_lesson(built_slides: Path) -> None:
    decks = sorted(p.name for p in built_slides.glob("*.slides.html"))
    assert decks == sorted(f"{Path(les.bestand).stem}.slides.html" for les in LESSEN)
    index = (built_slides / "index.html").read_text(encoding="utf-8")
    for les in LESSEN:
        assert f'href="{Path(les.bestand).stem}.slides.html"' in index


@pytest.mark.slow
@pytest.mark.parametrize("les", LESSEN, ids=lambda les: les.bestand)
def test_slides_are_reveal_without_code(built_slides: Path, les) -> None:
    page = (built_slides / f"{Path(les.bestand).stem}.slides.html").read_text(encoding="utf-8")
    assert "Reveal.initialize" in page and "reveal.js" in page
    assert not CODE_INPUT.search(page), "code input is shown on a slide"
    nb = nbformat.read(ROOT / "notebooks" / les.bestand, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    start_cell = f"les.start({les.nummer})"
    if start_cell not in markdown:
        assert start_cell not in page
    assert les.titel.split(":")[0] in page  # the title slide is there
    if nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json"):
        assert "application/vnd.jupyter.widget-state+json" in page  # stored widget state goes along


@pytest.mark.slow
@pytest.mark.parametrize("les", [les for les in LESSEN if les.bank], ids=lambda les: les.bestand)
def test_slides_show_every_quiz_question_with_its_options_and_no_ids(built_slides: Path, les) -> None:
    """Issue 16.2: a quiz on a slide is the whole question with its options, never a line of ids."""
    import html as html_

    from voordeur import quiz

    deck = built_slides / f"{Path(les.bestand).stem}.slides.html"
    page = html_.unescape(deck.read_text(encoding="utf-8"))
    getoond = re.findall(r'quiz\.toon\("([^"]+)"(?:, ids=\[([^\]]*)\])?', "\n".join(
        c.source for c in nbformat.read(ROOT / "notebooks" / les.bestand, as_version=4).cells
        if c.cell_type == "code"))
    assert getoond, "the lesson shows no quiz"
    for naam, ids in getoond:
        bank = quiz.laad_bank(naam)
        vragen = [bank.vraag(i.strip().strip('"')) for i in ids.split(",")] if ids else bank.vragen
        for vraag in vragen:
            assert vraag.id not in page, f"vraag-id {vraag.id} staat op een dia"
            for optie in getattr(vraag, "opties", []):
                assert optie.tekst.strip().split("\n")[0] in page, f"{vraag.id}: optie ontbreekt op de dia"
    assert "Voer deze cel uit om de" in page


# --- the quiz app notebook -------------------------------------------------------------------------------
def test_quiz_app_opens_with_content_note_and_start_cell() -> None:
    nb = nbformat.read(QUIZ_APP, as_version=4)
    note = next(c for c in nb.cells if "veilig-leren" in c.metadata.get("tags", []))
    assert note.source == vaste_delen.veilig_leren()  # the same text as every lesson
    for line in ("112", "0800-2000", "0800-0432"):
        assert line in note.source
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert first_code.source == "from voordeur import les\nles.start(0)"
    assert nb.cells.index(note) < nb.cells.index(first_code)
    app = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "QuizKiezer()" in app  # voordeur.quiz.kiezer, tested in tests/quiz/test_quiz_kiezer.py


# --- Voilà ---------------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    """Stop Voilà and its kernels (its own process group), politely first."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def voila_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    voila = VENV_BIN / "voila"
    if not voila.exists():
        pytest.skip("voila is not installed in this environment")
    tmp = tmp_path_factory.mktemp("voila")
    port = _free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"), "PYTHONHASHSEED": "0"}
    env.pop("VOORDEUR_KLASMODUS", None)
    template_args: list[str] = []
    try:  # the template of make quiz-app (Font Awesome from a local copy, lang="nl")
        voila_tool.build(tmp / "share", offline=not ON_CI)
        env["JUPYTER_PATH"] = str(tmp / "share")
        template_args = list(start.VOILA_PAGE_SETTINGS)
    except voila_tool.BuildFout:
        pass  # no npm cache: Voila's own template (test_voila_page_needs_no_cdn skips)
    log = (tmp / "voila.log").open("w")
    proc = subprocess.Popen(
        [str(voila), str(QUIZ_APP), f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1", *template_args],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"

    def log_tail() -> str:
        return (tmp / "voila.log").read_text(encoding="utf-8", errors="replace")[-3000:]

    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"Voilà stopped (exit {proc.returncode}):\n{log_tail()}")
            try:
                # Voilà 0.5.13 has no /api/status: any HTTP answer (404, 302) means the server is up.
                urllib.request.urlopen(base + "api/status", timeout=5)
                break
            except urllib.error.HTTPError:
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"Voilà did not start within 120 s:\n{log_tail()}")
                time.sleep(0.5)
        yield base
    finally:
        _stop(proc)
        log.close()


@pytest.fixture(scope="module")
def voila_page(voila_url: str) -> str:
    with urllib.request.urlopen(voila_url, timeout=180) as response:  # runs the notebook first
        assert response.status == 200
        return response.read().decode("utf-8")


def test_voila_template_falls_back_to_cdn_icons(tmp_path: Path) -> None:
    target = voila_tool.build_with_cdn_icons(tmp_path)
    page = (target / "index.html.j2").read_text(encoding="utf-8")
    assert voila_tool.CDN_CSS + "all.min.css" in page and "voordeur/static/fontawesome/css" not in page
    assert (target / "conf.json").exists()


@pytest.mark.slow
def test_voila_page_needs_no_cdn(voila_page: str) -> None:
    if "voila/templates/voordeur/" not in voila_page:
        if ON_CI:
            pytest.fail("the quiz app template 'voordeur' was not used on CI")
        pytest.skip("no npm cache for Font Awesome (run make quiz-app once)")
    assert '<html lang="nl">' in voila_page
    for url in LOADED.findall(voila_page):
        assert "://" not in url, f"the quiz app loads {url}"
    assert "cdn.jsdelivr.net" not in voila_page


@pytest.mark.slow
def test_voila_serves_the_quiz_app_without_code(voila_page: str) -> None:
    from voordeur import quiz
    from voordeur.quiz.bank import banken

    for line in ("0800-2000", "0800-0432", "112"):
        assert line in voila_page
    assert "application/vnd.jupyter.widget-view+json" in voila_page  # the quiz widget is there
    first = quiz.laad_bank(banken()[0]).titel
    # the quiz text (the widget's text/plain in the page): issue 16.2 made it the Dutch prompt with the title
    assert f"Nu: Quiz: {first}, " in voila_page and "Voer deze cel uit om een quiz te kiezen" in voila_page
    assert '"output_type": "error"' not in voila_page
    for code in ("from voordeur import", "from voordeur.quiz.kiezer import", "QuizKiezer()"):
        assert code not in voila_page, f"code is visible in Voilà: {code}"


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.slow
@pytest.mark.browser
def test_voila_quiz_app_works_in_a_browser(voila_url: str) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = _chromium()
    if chromium is None:
        if ON_CI:
            pytest.fail("Chromium is missing on CI")
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    def drive() -> None:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium)
            try:
                page = browser.new_page()
                page.goto(voila_url, timeout=180_000)
                page.get_by_role("button", name="Controleer").first.wait_for(timeout=120_000)
                select = page.locator(".vd-quizkiezer select")
                # ipywidgets writes option labels with non-breaking spaces
                options = [o.replace("\xa0", " ").strip()
                           for o in select.locator("option").all_text_contents()]
                index = next((i for i, o in enumerate(options) if o.startswith("Les 3")), None)
                assert index is not None, f"no 'Les 3' in the quiz list: {options}"
                select.select_option(index=index)
                page.locator(".vd-quiz h2", has_text="Signaleren").wait_for(timeout=60_000)
                assert page.locator(".vd-vraag").count() > 0
                # the radio group (an anywidget) renders and answers in Voila too
                q = page.locator(".vd-quiz .vd-type-enkel").first
                q.get_by_role("radio").first.check(timeout=30_000)
                q.get_by_role("button", name="Controleer").click()
                q.locator(".vd-feedback .vd-fb").wait_for(timeout=30_000)
            finally:
                browser.close()

    # Playwright's sync API refuses to run where an event loop is already running, which is the case
    # when the session-wide browser of tests/browser is open in this process: use a thread of its own.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(drive).result()
