"""Every exercise with no-code tasks (``oefen(...)`` cells, issue 17) runs in a real JupyterLab without
errors, shows one form per task, and our content in it passes axe-core (no serious or critical violations).

The keyboard walk-through of each kind is in ``test_browser_oefenvormen.py`` (the example notebook); this
test checks the real exercises, which are served as ``notebooks/_test_<name>`` (``labdriver``). The
``*-zonder-code`` exercises are run once, in ``test_browser_zonder_code.py``, which checks the same (every
form, axe) and more (charts, the first task with the keyboard).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import labdriver as ld
import pytest

pytestmark = pytest.mark.browser

OEFENINGEN = [p for p in ld.exercises_with_forms() if p not in ld.ZONDER_CODE]


def _taken(pad: Path) -> list[str]:
    """The task codes of the ``oefen("...")`` cells, in order."""
    nb = json.loads(pad.read_text(encoding="utf-8"))
    bron = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    return re.findall(r"""oefen\(["']([0-9.]+)["']\)""", bron)


@pytest.fixture(scope="module", params=OEFENINGEN, ids=lambda p: p.stem)
def oefening(request: pytest.FixtureRequest, lab_page: ld.LabPage) -> Iterator[ld.Notebook]:
    with ld.opened(lab_page, f"notebooks/_test_{request.param.name}") as nb:
        yield nb


def test_runs_and_shows_every_form(oefening: ld.Notebook) -> None:
    problems = [str(p) for p in oefening.result.problems]
    assert not problems, f"{oefening.path} in de browser:\n  " + "\n  ".join(problems)
    root = oefening.activate().root
    naam = oefening.path.split("_test_", 1)[1]
    taken = _taken(ld.REPO / "exercises" / naam)
    assert taken
    for code in taken:
        vraag = root.locator(f".vd-vraag-oefening-{code.replace('.', '-')}")
        assert vraag.count() == 1, f"{naam}: geen formulier voor opdracht {code}"
        assert vraag.get_by_role("button", name="Controleer").count() == 1, code
    ld.screenshot(oefening.page, f"{ld.slug(Path(naam).stem)}.png")


def test_accessibility_of_the_forms(oefening: ld.Notebook, axe_js: Any) -> None:
    ours = ld.axe_ours(oefening)
    serious = [v for v in ours if v["impact"] in ld.SERIOUS]
    assert not serious, f"axe in {oefening.path}:\n" + ld.describe_violations(serious)


def test_there_are_exercises_with_forms() -> None:
    assert OEFENINGEN, "exercises/ heeft geen oefening met oefen(...): deze test controleert dan niets"
