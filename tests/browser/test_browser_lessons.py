"""Every notebook in notebooks/ runs in a real JupyterLab without errors, shows all its quizzes, and our
content in it passes axe-core (no serious or critical violations).

Each notebook is opened once (module-scoped fixture) and all checks run on that rendering.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import labdriver as ld
import pytest

pytestmark = pytest.mark.browser

NOTEBOOKS = ld.lesson_notebooks()


@pytest.fixture(scope="module", params=NOTEBOOKS)
def lesson(request: pytest.FixtureRequest, lab_page: ld.LabPage) -> Iterator[ld.Notebook]:
    with ld.opened(lab_page, f"notebooks/{request.param}") as nb:
        yield nb


def test_runs_without_errors(lesson: ld.Notebook) -> None:
    problems = [str(p) for p in lesson.result.problems]
    assert not problems, f"{lesson.path} in de browser:\n  " + "\n  ".join(problems)


def test_every_quiz_renders(lesson: ld.Notebook) -> None:
    lesson.activate()
    calls = ld.expected_questions(lesson.file)
    fouten = ld.check_rendered(lesson.root, ld.RunResult(lesson.path), calls)
    # screenshot: the first quiz when there is one, else the top of the lesson
    first = lesson.root.locator(".vd-vraag").first
    if first.count():
        first.scroll_into_view_if_needed()
    ld.screenshot(lesson.page, f"{ld.slug(lesson.file.stem)}.png")
    assert not fouten, f"{lesson.path}:\n  " + "\n  ".join(fouten)


def test_accessibility_of_our_content(lesson: ld.Notebook, axe_js: Any, axe_report: dict[str, Any]) -> None:
    ours = ld.axe_ours(lesson)
    axe_report["ours"][lesson.path] = ours
    if not axe_report["jupyterlab"]:
        # once per session: what the rest of the page (JupyterLab itself) reports, for the record
        axe_report["jupyterlab"] = {"page": lesson.path, "violations": ld.axe_jupyterlab(lesson)}
    serious = [v for v in ours if v["impact"] in ld.SERIOUS]
    assert not serious, f"axe in {lesson.path}:\n" + ld.describe_violations(serious)


def test_there_are_notebooks_to_check() -> None:
    assert NOTEBOOKS, "notebooks/ bevat geen notebooks: de browsertests controleren dan niets"
