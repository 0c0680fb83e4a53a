"""A lesson exported as HTML the way JupyterLab's menu does it (File → Save and Export Notebook As → HTML:
``GET /nbconvert/html/<path>?download=true`` on the running server) says lang="nl" and passes axe-core
in our content with no serious or critical violation (issue 16)."""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path
from typing import Any

import labdriver as ld
import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
import start  # noqa: E402

LES = "notebooks/03-signaleren.ipynb"


def test_exported_lesson_is_dutch_and_passes_axe(lab: ld.LabServer, browser: Any) -> None:
    if not all(p.exists() for p in start.export_targets(Path(sys.prefix))):
        pytest.skip("this environment was not installed by start.py (no export setting)")
    url = lab.url(f"nbconvert/html/{LES}?download=true&token={lab.token}")
    with urllib.request.urlopen(url, timeout=300) as antwoord:
        assert antwoord.status == 200
        assert "attachment" in antwoord.headers.get("Content-Disposition", "")
        html = antwoord.read().decode("utf-8")
    assert "voordeur_lab" in html or "text-decoration: underline" in html, "the export template was not used"
    page = ld.new_page(browser, 1280, 900)
    try:
        page.set_content(html, wait_until="load")
        assert page.evaluate("() => document.documentElement.lang") == "nl"
        # our content: the rendered markdown and outputs (nbconvert's own page chrome is not ours)
        context = {"include": [[".jp-MarkdownOutput"], [".jp-OutputArea-output"]]}
        gevonden = ld.summarize_violations(ld.run_axe(page, context)["violations"])
        ernstig = [v for v in gevonden if v["impact"] in ld.SERIOUS]
        assert not ernstig, "axe op de HTML-export:\n" + ld.describe_violations(ernstig)
    finally:
        page.context.close()
