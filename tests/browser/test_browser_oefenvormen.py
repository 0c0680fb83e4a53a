"""The exercise kinds without code in a real browser, keyboard only (issue 17).

The notebook is the example ``docs/voorbeelden/oefenvormen.ipynb`` (one task of each kind, 0.1-0.5),
copied into the server's temp course (``labdriver.TEST_NOTEBOOKS``). Every task is answered with Tab,
the arrow keys, Space and Enter only; the feedback must appear as text (symbol and words, never colour
alone), the focus must go to "Probeer opnieuw", and axe must find nothing serious.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

import labdriver as ld
import pytest
from test_browser_quiz import focused, is_button, is_radio, orden_met_toetsenbord, plat, reach, start_focus

try:
    from playwright.sync_api import expect
except ImportError:  # the browser_available fixture skips (or, on CI, fails) these tests
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

PAD = "notebooks/_test_oefenvormen.ipynb"
CONTROLES = json.loads((ld.REPO / "src" / "voordeur" / "controles.json").read_text(encoding="utf-8"))
SYMBOLEN = ("✔ Goed", "◐ Gedeeltelijk goed", "✘ Nog niet goed", "ℹ Let op")

JS_GROEP = """(el) => [...el.querySelectorAll('fieldset.vd-keuzegroep')]
    .findIndex(f => f.contains(document.activeElement))"""


def _paren(x: list[list[Any]]) -> dict[str, Any]:
    return {k: v for k, v in x}


@pytest.fixture(scope="module")
def nb(lab_page: ld.LabPage) -> Iterator[ld.Notebook]:
    if not ld.OEFENVORMEN.exists():
        pytest.fail("docs/voorbeelden/oefenvormen.ipynb ontbreekt: draai `make build`")
    with ld.opened(lab_page, PAD) as notebook:
        assert not notebook.result.problems, [str(p) for p in notebook.result.problems]
        yield notebook


def _vraag(nb: ld.Notebook, code: str) -> Any:
    return ld.question(nb.activate().root, f"oefening-{code.replace('.', '-')}")


def _controleer(page: Any, q: Any, n: int = 30) -> ld.Feedback:
    """Tab to "Controleer", press Enter, return the feedback; it must be text with symbol and words."""
    voor = ld.read_feedback(q).text
    reach(page, is_button("Controleer"), n)
    page.keyboard.press("Enter")
    fb = ld.wait_feedback(q, previous=voor or None)
    assert any(fb.text.lstrip().startswith(s) for s in SYMBOLEN), f"geen woorden bij de kleur: {fb}"
    return fb


def _naar_opnieuw(page: Any) -> None:
    # the feedback can be drawn a moment before the focus moves: wait (bounded) for the focus itself
    with contextlib.suppress(Exception):  # on a time-out the assertion below names where the focus is
        page.wait_for_function(
            "() => document.activeElement && document.activeElement.tagName === 'BUTTON'"
            " && document.activeElement.textContent.trim() === 'Probeer opnieuw'",
            timeout=10_000,
        )
    assert focused(page)["text"] == "Probeer opnieuw", f"focus na Controleer: {focused(page)}"


def _kies_in_groep(page: Any, q: Any, groep: int, tekst: str, n_opties: int) -> None:
    """Tab to radio group number *groep* of the question, then Space and arrows to *tekst*."""
    reach(page, lambda f: is_radio(f) and q.evaluate(JS_GROEP) == groep, 40)
    page.keyboard.press("Space")
    for _ in range(n_opties + 1):
        f = focused(page)
        assert is_radio(f) and q.evaluate(JS_GROEP) == groep, f"pijltjes verlieten de groep: {f}"
        if plat(f["text"]) == tekst:
            assert f["checked"]
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{tekst!r} niet bereikt met de pijltjestoetsen")


def test_indelen_wrong_then_right_with_the_keyboard(nb: ld.Notebook) -> None:
    regel = CONTROLES["0.1"]
    cats = _paren(regel["categorieen"])
    items = list(_paren(regel["items"]))
    q = _vraag(nb, "0.1")
    page = nb.page
    start_focus(q)
    fout = dict(regel["verwacht"], **{items[1]: "feit"})  # item 2 wrong on purpose
    for i, item in enumerate(items):
        _kies_in_groep(page, q, i, cats[fout[item]], len(cats))
    fb = _controleer(page, q)
    assert fb.status == "deels", fb
    assert "✘ Nog niet goed · 2." in fb.text and "✔ Goed · 1." in fb.text, fb
    assert plat(regel["hints"][items[1]])[:40] in plat(fb.text), fb
    assert "z2" not in fb.text  # the form numbers the items
    _naar_opnieuw(page)
    page.keyboard.press("Enter")
    expect(ld.button(q, "Controleer")).to_be_visible()
    # the answers stay: only item 2 changes
    assert q.locator('input[type="radio"]:checked').count() == len(items)
    _kies_in_groep(page, q, 1, cats[regel["verwacht"][items[1]]], len(cats))
    fb = _controleer(page, q)
    assert fb.status == "goed" and regel["goed"] in plat(fb.text), fb
    _naar_opnieuw(page)


def test_kiezen_with_the_keyboard(nb: ld.Notebook) -> None:
    regel = CONTROLES["0.2"]
    vid, vraag = regel["vragen"][0]
    opties = _paren(vraag["opties"])
    q = _vraag(nb, "0.2")
    page = nb.page
    start_focus(q)
    fout = next(k for k in opties if k != regel["verwacht"][vid])
    _kies_in_groep(page, q, 0, opties[fout], len(opties))
    fb = _controleer(page, q)
    assert fb.status == "fout" and plat(vraag["hints"][fout])[:40] in plat(fb.text), fb
    _naar_opnieuw(page)
    page.keyboard.press("Enter")
    _kies_in_groep(page, q, 0, opties[regel["verwacht"][vid]], len(opties))
    assert _controleer(page, q).status == "goed"


def test_meer_kiezen_with_the_keyboard(nb: ld.Notebook) -> None:
    regel = CONTROLES["0.3"]
    opties = _paren(regel["opties"])
    q = _vraag(nb, "0.3")
    page = nb.page
    start_focus(q)
    for k in regel["verwacht"][:-1]:  # one right option missing first
        reach(page, lambda f, t=opties[k]: f["type"] == "checkbox" and plat(f["text"]) == plat(t), 30)
        page.keyboard.press("Space")
    fb = _controleer(page, q)
    assert fb.status == "deels" and "ontbreekt er nog één" in fb.text, fb
    _naar_opnieuw(page)
    page.keyboard.press("Enter")
    laatste = opties[regel["verwacht"][-1]]
    reach(page, lambda f: f["type"] == "checkbox" and plat(f["text"]) == plat(laatste), 30)
    page.keyboard.press("Space")
    assert _controleer(page, q).status == "goed"


def test_volgorde_with_the_keyboard(nb: ld.Notebook) -> None:
    regel = CONTROLES["0.4"]
    items = [_paren(regel["items"])[k] for k in regel["verwacht"]]
    q = _vraag(nb, "0.4")
    page = nb.page
    rijen = ld.order_rows(q)
    assert sorted(rijen) == sorted(items)
    assert all(a != b for a, b in zip(rijen, items, strict=True)), "de volgorde begint (half) opgelost"
    orden_met_toetsenbord(page, q, items)
    assert ld.order_rows(q) == items
    fb = _controleer(page, q, 4 * len(items))
    assert fb.status == "goed", fb
    _naar_opnieuw(page)


def test_formulier_with_the_keyboard(nb: ld.Notebook) -> None:
    regel = CONTROLES["0.5"]
    velden = _paren(regel["velden"])
    q = _vraag(nb, "0.5")
    page = nb.page
    start_focus(q)
    vakken = q.locator("textarea")
    assert vakken.count() == len(velden)
    for i, (vid, veld) in enumerate(velden.items()):
        label = q.get_by_label(veld["label"], exact=True)
        assert label.count() == 1, f"veld {vid} heeft geen label"
        js = "(el, n) => el.querySelectorAll('textarea')[n] === document.activeElement"
        reach(page, lambda f, n=i, js=js: f["tag"] == "textarea" and q.evaluate(js, n), 20)
        page.keyboard.type("Liv lijkt angstig." if i == 0 else regel["verwacht"][vid])
    fb = _controleer(page, q)
    assert fb.status == "deels" and "Een voorbeeld van een goed antwoord" in fb.text, fb
    _naar_opnieuw(page)
    page.keyboard.press("Enter")
    reach(page, lambda f: f["tag"] == "textarea"
          and q.evaluate("el => el.querySelector('textarea') === document.activeElement"), 20)
    page.keyboard.press("Control+A")
    page.keyboard.type(regel["verwacht"][next(iter(velden))])
    assert _controleer(page, q).status == "goed"


def test_accessibility_with_feedback_shown(nb: ld.Notebook, axe_js: Any, axe_report: dict[str, Any]) -> None:
    """axe on the example after the tasks were answered (feedback visible)."""
    ours = ld.axe_ours(nb)
    axe_report["ours"][f"{nb.path} (na antwoorden)"] = ours
    serious = [v for v in ours if v["impact"] in ld.SERIOUS]
    assert not serious, ld.describe_violations(serious)
