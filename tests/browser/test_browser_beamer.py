"""Beamer mode in Voilà at 1024×768: every question of every lesson fits on one screen (casus, question,
options and buttons), navigation and class-mode reveal work with the keyboard only."""

from __future__ import annotations

import concurrent.futures
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from voordeur.lessen import LESSEN

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "notebooks" / "beamer.ipynb"
VOILA = Path(sys.executable).parent / "voila"
BREED, HOOG = 1024, 768
NUMMERS = [les.nummer for les in LESSEN if les.bank]  # the lessons with a bank, as the manifest lists them


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not VOILA.exists():
        pytest.skip("voila is not installed in this environment")
    tmp = tmp_path_factory.mktemp("voila-beamer")
    poort = _vrije_poort()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
    }
    env.pop("VOORDEUR_KLASMODUS", None)
    log = (tmp / "voila.log").open("w")
    proc = subprocess.Popen(
        [str(VOILA), str(APP), f"--port={poort}", "--no-browser", "--Voila.ip=127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{poort}/"
    try:
        eind = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"Voilà stopped: {(tmp / 'voila.log').read_text()[-2000:]}")
            try:
                urllib.request.urlopen(url + "api/status", timeout=5)
                break
            except urllib.error.HTTPError:
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > eind:
                    pytest.fail("Voilà did not start within 120 s")
                time.sleep(0.5)
        yield url
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if proc.poll() is not None:
                break
            try:
                os.killpg(proc.pid, sig)
                proc.wait(timeout=8)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                continue
        log.close()


MEET = """() => {
  const vraag = document.querySelector('.vd-beamer .vd-vraag');
  const delen = ['.vd-casus', '.vd-vraagtekst', '.vd-punt', '.vd-keuzegroep', '.widget-checkbox',
                 '.vd-volgorde-rij', 'input[type=text]', '.vd-toon-antwoord', '.vd-controleer'];
  const uit = [];
  const balk = document.querySelector('.vd-beamer-balk').getBoundingClientRect();
  uit.push({wat: 'balk', top: balk.top, bottom: balk.bottom, rechts: balk.right});
  for (const sel of delen) {
    for (const el of vraag.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;  // hidden
      uit.push({wat: sel, top: r.top, bottom: r.bottom, rechts: r.right});
    }
  }
  return {delen: uit, tekst: vraag.innerText};
}"""


def _rijd(url: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    fouten: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
        )
        try:
            page = browser.new_page(viewport={"width": BREED, "height": HOOG})
            page.goto(url, timeout=180_000)
            page.locator(".vd-beamer-balk").wait_for(timeout=120_000)
            kiezer = page.locator(".vd-beamer-kiezer select")
            lessen = kiezer.locator("option").all_text_contents()
            assert len(lessen) == len(NUMMERS) and not any("Voorbeeld" in x for x in lessen), lessen
            for index in range(len(lessen)):
                kiezer.select_option(index=index)
                teller = page.locator(".vd-beamer-teller")
                teller.filter(has_text="Vraag 1 van").wait_for(timeout=30_000)
                n = int(teller.inner_text().split()[-1])
                page.locator(".vd-beamer-balk").evaluate("el => el.scrollIntoView({block: 'start'})")
                page.locator("body").click(position={"x": 5, "y": 5})  # focus on the page, not in a field
                for i in range(1, n + 1):
                    teller.filter(has_text=f"Vraag {i} van {n}").wait_for(timeout=30_000)
                    page.locator(".vd-beamer-balk").evaluate("el => el.scrollIntoView({block: 'start'})")
                    meting = page.evaluate(MEET)
                    for d in meting["delen"]:
                        if d["bottom"] > HOOG + 1 or d["top"] < -1 or d["rechts"] > BREED + 1:
                            fouten.append(
                                f"{lessen[index]}, vraag {i}: {d['wat']} valt buiten het scherm "
                                f"({d['top']:.0f}-{d['bottom']:.0f} px, rechts {d['rechts']:.0f})"
                            )
                    if " l" in meting["tekst"] and any(f"l{k}-" in meting["tekst"] for k in NUMMERS):
                        fouten.append(f"{lessen[index]}, vraag {i}: een vraag-id staat op het scherm")
                    if i < n:
                        page.keyboard.press("PageDown")
            # keyboard only: back with PageUp, answer with Tab/arrows, reveal with Enter (class mode is on)
            kiezer.select_option(index=2)
            teller = page.locator(".vd-beamer-teller")
            teller.filter(has_text="Vraag 1 van").wait_for(timeout=30_000)
            page.keyboard.press("PageDown")
            teller.filter(has_text="Vraag 2 van").wait_for(timeout=30_000)
            page.keyboard.press("PageUp")
            teller.filter(has_text="Vraag 1 van").wait_for(timeout=30_000)
            radio = page.locator(".vd-beamer .vd-vraag input[type=radio]").first
            radio.focus()
            page.keyboard.press("ArrowDown")
            for _ in range(12):
                page.keyboard.press("Tab")
                actief = page.evaluate("() => document.activeElement && document.activeElement.innerText")
                if actief and "Toon antwoord" in actief:
                    break
            page.keyboard.press("Enter")
            fb = page.locator(".vd-beamer .vd-feedback")
            fb.filter(has_text="Uitleg bij elke optie").wait_for(timeout=30_000)
            if "Het goede antwoord is" not in fb.inner_text():
                fouten.append("Toon antwoord liet het goede antwoord niet zien")
            # the class-mode switch is visible, not cut off, and switches to student mode
            vinkje = page.locator(".vd-beamer-klasmodus")
            label = vinkje.locator("label.widget-label-basic")
            breedte = label.evaluate("el => [el.scrollWidth, el.clientWidth]")
            if breedte[0] > breedte[1] + 1:
                fouten.append(f"het label Klasmodus is afgekapt: {breedte}")
            vinkje.locator("input").focus()
            page.keyboard.press("Space")
            page.locator(".vd-beamer .vd-controleer").first.wait_for(state="visible", timeout=30_000)
        finally:
            browser.close()
    return fouten


def test_beamer_op_1024x768(voila: str) -> None:
    # Playwright's sync API cannot run inside the session browser's event loop: a thread of its own
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        fouten = pool.submit(_rijd, voila).result()
    assert not fouten, "\n".join(fouten)
