"""Exercise 8 (lesson 8, issue 17) in a real JupyterLab: the student version runs without errors, every
no-code form renders, our content passes axe, and a form answered by keyboard gives text feedback and
moves the focus to "Probeer opnieuw".

The notebook is copied from ``exercises/`` into the server's temp course at the start of the module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import labdriver as ld
import pytest
from test_browser_quiz import focused, is_button, reach, start_focus

pytestmark = pytest.mark.browser

BRON = ld.REPO / "exercises" / "oefening-08-seksueel-geweld-en-uitbuiting.ipynb"
PAD = "notebooks/_test_oefening08.ipynb"
SYMBOLEN = ("✔ Goed", "◐ Gedeeltelijk goed", "✘ Nog niet goed", "ℹ Let op")


@pytest.fixture(scope="module")
def nb(lab_page: ld.LabPage) -> Iterator[ld.Notebook]:
    doel = lab_page.server.root / PAD
    doel.write_text(BRON.read_text(encoding="utf-8"), encoding="utf-8")
    with ld.opened(lab_page, PAD) as notebook:
        yield notebook


def _taken() -> list[str]:
    """The task codes of the ``oefen("8.x")`` cells, read from the notebook itself."""
    return re.findall(r'oefen\(\\"(8\.\d+)\\"\)', BRON.read_text(encoding="utf-8"))


def test_runs_without_errors(nb: ld.Notebook) -> None:
    problemen = [str(p) for p in nb.result.problems]
    assert not problemen, f"{PAD} in de browser:\n  " + "\n  ".join(problemen)


def test_every_form_renders(nb: ld.Notebook) -> None:
    taken = _taken()
    assert len(taken) >= 5, taken  # most tasks of this exercise have a no-code form
    root = nb.activate().root
    for code in taken:
        q = ld.question(root, f"oefening-{code.replace('.', '-')}")
        assert q.get_by_role("button", name="Controleer").count() == 1, code


def test_accessibility_of_our_content(nb: ld.Notebook) -> None:
    serious = [v for v in ld.axe_ours(nb) if v["impact"] in ld.SERIOUS]
    assert not serious, f"axe in {PAD}:\n" + ld.describe_violations(serious)


def test_order_task_by_keyboard_gives_text_feedback_and_focus(nb: ld.Notebook) -> None:
    """8.3 (volgorde) is shuffled and never already solved: Controleer right away is not all right."""
    page = nb.activate().page
    q = ld.question(nb.root, "oefening-8-3")
    start_focus(q)
    reach(page, is_button("Controleer"), 30)
    page.keyboard.press("Enter")
    fb = ld.wait_feedback(q)
    assert any(fb.text.lstrip().startswith(s) for s in SYMBOLEN[1:3]), f"geen woorden bij de kleur: {fb}"
    assert "Ronselen" in fb.text  # the feedback names the items in words
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'BUTTON'")
    assert focused(page)["text"] == "Probeer opnieuw", f"focus na Controleer: {focused(page)}"
