"""The browser checks catch a broken lesson: they run against notebooks that are broken on purpose.

These notebooks exist only in the server's temp copy (see ``TEST_NOTEBOOKS`` and ``quiz_notebooks`` in
labdriver.py): a cell with ``1 / 0``, a traceback on stderr, a quiz whose "Controleer" crashes in the
kernel, a quiz whose widgets lost their DOM hooks, and a quiz whose radio group cannot render.
"""

from __future__ import annotations

import labdriver as ld
import pytest

pytestmark = pytest.mark.browser


def test_python_error_in_a_cell_is_reported(lab_page: ld.LabPage) -> None:
    with ld.opened(lab_page, "notebooks/_test_kapot_1-0.ipynb") as nb:
        problems = nb.result.problems
        fouten = ld.check_rendered(nb.root, nb.result, [])
        assert "ZeroDivisionError" in "\n".join(fouten)
        assert any(p.kind == "error" and p.cell == 1 for p in problems), problems
        # the DOM shows the traceback too, and the cell after the error never ran
        assert any(p.kind == "dom-stderr" for p in problems), problems
        assert any(p.kind == "not-run" and p.cell == 2 for p in problems), problems
        # and a quiz the source promises but that never rendered is reported as well
        promised = [ld.QuizCall(cell=1, bank="voorbeeld", ids=["bestaat-niet"])]
        fouten = ld.check_rendered(nb.root, nb.result, promised)
        assert any("bestaat-niet" in f for f in fouten), fouten
        assert any(".vd-vraag" in f for f in fouten), fouten


def test_traceback_on_stderr_is_reported(lab_page: ld.LabPage) -> None:
    with ld.opened(lab_page, "notebooks/_test_kapot_stderr.ipynb") as nb:
        assert any(p.kind in ("stderr", "dom-stderr") for p in nb.result.problems), nb.result.problems


def test_quiz_whose_check_crashes_is_reported(lab_page: ld.LabPage) -> None:
    """A quiz whose 'Controleer' handler raises gives no feedback: the helpers say so."""
    vraag = next(v for v in ld.bank_questions(ld.VOORBEELD) if v["type"] == "enkel")
    with ld.opened(lab_page, "notebooks/_test_kapot_quiz_klik.ipynb") as nb:
        assert not nb.result.problems, nb.result.problems  # it renders fine...
        q = ld.question(nb.root, vraag["id"])
        ld.give_answer(q, vraag, goed=True)
        ld.click(q, "Controleer")
        with pytest.raises(ld.QuizFoutInBrowser, match="geen feedback"):  # ...but gives no feedback
            ld.wait_feedback(q, timeout=3)


def test_quiz_without_dom_hooks_is_reported(lab_page: ld.LabPage) -> None:
    """Widgets that render without our classes (a broken view) fail the lesson check."""
    with ld.opened(lab_page, "notebooks/_test_kapot_quiz_haken.ipynb") as nb:
        calls = ld.expected_questions(nb.file)
        assert calls and calls[0].count, "de kapotte testnotebook roept quiz.toon aan"
        fouten = ld.check_rendered(nb.root, nb.result, calls)
        assert any("vd-vraag" in f for f in fouten), fouten


def test_quiz_whose_radio_group_cannot_render_is_reported(lab_page: ld.LabPage) -> None:
    """The radio group is an anywidget with its own front-end code: if that code breaks, the question
    shows no options, and the lesson check says so."""
    with ld.opened(lab_page, "notebooks/_test_kapot_keuzegroep.ipynb") as nb:
        calls = ld.expected_questions(nb.file)
        fouten = ld.check_rendered(nb.root, nb.result, calls)
        assert any("keuzes (keuzegroep) zijn niet getoond" in f for f in fouten), fouten


def test_images_without_alt_text_are_reported(lab_page: ld.LabPage, axe_js: object) -> None:
    """An image without alt text in a widget (axe: image-alt) and in an HTML output (JupyterLab puts a
    placeholder alt="Image" there, which axe accepts, so our own check reports it)."""
    with ld.opened(lab_page, "notebooks/_test_kapot_axe.ipynb") as nb:
        assert not nb.result.problems, nb.result.problems
        nb.root.locator(".kapot-widget img").wait_for(state="attached", timeout=10_000)
        found = {v["id"]: v for v in ld.axe_ours(nb)}
        assert "image-alt" in found, found
        assert found["image-alt"]["impact"] in ld.SERIOUS
        assert "widget-html-content" in str(found["image-alt"]["targets"]), found["image-alt"]
        fouten = ld.check_rendered(nb.root, nb.result, [])
        assert sum("alt-tekst" in f for f in fouten) == 2, fouten
