"""The no-code exercises of lessons 1, 2 and 6 in a real browser (issue 17).

Each ``exercises/*-zonder-code.ipynb`` is copied into the temp course (``labdriver.ZONDER_CODE``) and run as a
student would: no errors, every task shows its form with a "Controleer" button, the charts (with alt text) and
tables are there, the first task can be answered right with the keyboard only (text feedback with symbol and
words), and axe finds nothing serious in our content with the feedback shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import labdriver as ld
import pytest
from test_browser_oefenvormen import _controleer, _kies_in_groep, _paren
from test_browser_quiz import plat, start_focus

pytestmark = pytest.mark.browser

CONTROLES = json.loads((ld.REPO / "src" / "voordeur" / "controles.json").read_text(encoding="utf-8"))


def _taken(pad: Any) -> list[str]:
    nb = json.loads(pad.read_text(encoding="utf-8"))
    bron = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    return re.findall(r'oefen\("([\d.]+)"\)', bron)


TAKEN = {f"notebooks/_test_{p.name}": _taken(p) for p in ld.ZONDER_CODE}


@pytest.fixture(scope="module", params=ld.ZONDER_CODE, ids=lambda p: p.stem)
def oefening(request: pytest.FixtureRequest, lab_page: ld.LabPage) -> Iterator[ld.Notebook]:
    with ld.opened(lab_page, f"notebooks/_test_{request.param.name}") as nb:
        yield nb


def _codes(nb: ld.Notebook) -> list[str]:
    return TAKEN[nb.path]


def _vraag(nb: ld.Notebook, code: str) -> Any:
    return ld.question(nb.activate().root, f"oefening-{code.replace('.', '-')}")


def test_there_are_no_code_exercises() -> None:
    assert len(ld.ZONDER_CODE) >= 3


def test_runs_and_every_task_shows_its_form(oefening: ld.Notebook) -> None:
    assert not oefening.result.problems, [str(p) for p in oefening.result.problems]
    assert 4 <= len(_codes(oefening)) <= 6
    for code in _codes(oefening):
        q = _vraag(oefening, code)
        assert ld.button(q, "Controleer").count() == 1, code
    plaatjes = oefening.root.locator(".jp-OutputArea img")
    tabellen = oefening.root.locator(".jp-OutputArea table")
    assert plaatjes.count() + tabellen.count() >= 2, "the notebook shows its charts and tables from the data"
    for i in range(plaatjes.count()):
        assert (plaatjes.nth(i).get_attribute("alt") or "").strip(), "a chart without alt text"


def test_the_first_task_right_with_the_keyboard(oefening: ld.Notebook) -> None:
    code = _codes(oefening)[0]
    regel = CONTROLES[code]
    q = _vraag(oefening, code)
    page = oefening.page
    start_focus(q)
    if regel["soort"] == "indelen":
        cats = _paren(regel["categorieen"])
        for i, item in enumerate(_paren(regel["items"])):
            _kies_in_groep(page, q, i, cats[regel["verwacht"][item]], len(cats))
    else:
        assert regel["soort"] == "kiezen", regel["soort"]
        for i, (vid, vraag) in enumerate(regel["vragen"]):
            opties = _paren(vraag["opties"])
            _kies_in_groep(page, q, i, opties[regel["verwacht"][vid]], len(opties))
    fb = _controleer(page, q, 60)
    assert fb.status == "goed" and plat(regel["goed"]) in plat(fb.text), fb


def test_accessibility_with_feedback_shown(oefening: ld.Notebook, axe_js: Any,
                                           axe_report: dict[str, Any]) -> None:
    ours = ld.axe_ours(oefening)
    axe_report["ours"][f"{oefening.path} (na antwoorden)"] = ours
    serious = [v for v in ours if v["impact"] in ld.SERIOUS]
    assert not serious, ld.describe_violations(serious)
